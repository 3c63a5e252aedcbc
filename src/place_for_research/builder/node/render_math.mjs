// Typeset TeX with the pinned KaTeX, at build time (src/place_for_research/builder/notebook_math.py).
//
//   node src/place_for_research/builder/node/render_math.mjs < formulas.json
//
// Reads [{tex, display}] as JSON on stdin; writes, in the same order,
// [{html}] or [{error}] (KaTeX's message for TeX it cannot read) as JSON.
// The page then needs KaTeX's stylesheet and fonts only: no script of KaTeX's
// is evaluated in the reader's browser.
import katex from "katex";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).map(({ tex, display }) => {
  try {
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
});
process.stdout.write(JSON.stringify(results));
