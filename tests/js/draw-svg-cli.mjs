// Draw figures with docs/assets/js/draw-svg.js for the tests (tests/browser/test_figures.py):
// reads [{figure, label, key, width, height}, ...] as JSON on stdin, writes the SVGs as a JSON list.
import { canDraw, render } from "../../docs/assets/js/draw-svg.js";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const jobs = JSON.parse(input);
process.stdout.write(JSON.stringify(jobs.map(({ figure, ...options }) => ({ svg: render(figure, options), canDraw: canDraw(figure) }))));
