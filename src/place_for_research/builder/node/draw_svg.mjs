// The build's figures drawn by the browser's own renderer (docs/assets/js/draw-svg.js),
// so a figure has one drawing code: place_for_research.builder.draw_svg starts this once per
// build and writes one JSON request a line on stdin,
//   {"figure": {...}, "label": "...", "key": "...", "width": 640, "height": 400}  (width, height: optional)
// and reads one JSON answer a line on stdout: {"svg": "<svg ...>"} or {"error": "..."}.
import { createInterface } from "node:readline";
import { render } from "../../../../docs/assets/js/draw-svg.js";  // the site's own renderer, from the checkout

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  let answer;
  try {
    const { figure, ...options } = JSON.parse(line);
    answer = { svg: render(figure, options) };
  } catch (error) {
    answer = { error: String(error instanceof Error ? error.stack || error.message : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
