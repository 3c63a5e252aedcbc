// A figure's numbers come from data files (a toy's grid): only numbers are written
// into SVG attributes; anything else is refused by canDraw and never written.
import assert from "node:assert/strict";
import { test } from "node:test";

import { canDraw, render } from "../../docs/assets/js/draw-svg.js";

const HOSTILE = ['1"/><image href="x" onerror="window.__pwned=1"/><path d="', "0.5; fill: red", "1e999", true, null, { a: 1 }];

for (const value of HOSTILE) {
  test(`opacity and line width ${JSON.stringify(value)}: refused, and never written into an attribute`, () => {
    const figure = { data: [{ type: "scatter", mode: "lines+markers", x: [1, 2, 3], y: [1, 4, 9], opacity: value, line: { width: value } }], layout: {} };
    if (value !== null) assert.equal(canDraw(figure), false);
    const svg = render(figure, "Chart", "t");
    assert.doesNotMatch(svg, /<image|onerror|fill: red|1e999|true|object/);
    assert.match(svg, /stroke-width="2"/);
  });
}

test("numbers are written as numbers", () => {
  const figure = { data: [{ type: "scatter", mode: "lines", x: [1, 2], y: [1, 2], opacity: 0.5, line: { width: 3.5 } }], layout: {} };
  assert.equal(canDraw(figure), true);
  const svg = render(figure, "Chart", "t");
  assert.match(svg, /stroke-width="3\.5"/);
  assert.match(svg, /opacity="0\.5"/);
});
