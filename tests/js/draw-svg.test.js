import assert from "node:assert/strict";
import { test } from "node:test";

import { canDraw, escape, formatNumber, logTicks, niceTicks, render } from "../../docs/assets/js/draw-svg.js";

test("tick labels are short and free of float noise", () => {
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(0.1 + 0.2), "0.3");
  assert.equal(formatNumber(2.5), "2.5");
  assert.equal(formatNumber(1000), "1000");
  assert.equal(formatNumber(10000), "1e4");
  assert.equal(formatNumber(-0.0002), "-2e-4");
  assert.equal(formatNumber(0.001), "0.001");
});

test("linear ticks are round steps covering the range", () => {
  assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(-1.35, 1.35), [-1, 0, 1]);  // (no -0)
  assert.deepEqual(niceTicks(3, 3), [3]);
});

test("log ticks sit at 1, 2 and 5 per decade, 1 only over many decades", () => {
  assert.deepEqual(logTicks(0, 2), [1, 2, 5, 10, 20, 50, 100]);
  assert.deepEqual(logTicks(0, 6), [1, 10, 100, 1000, 10000, 100000, 1000000]);
  assert.deepEqual(logTicks(0, 3, 263), [1, 10, 100, 1000]);  // a phone: a decade is 88 px
});

test("text is escaped for markup and attributes", () => {
  assert.equal(escape(`a<b>&"c'`), "a&lt;b&gt;&amp;&quot;c&#x27;");
});

test("render draws a named svg whose width is the one asked for, legend rows below", () => {
  const figure = { data: [{ x: [1, 2], y: [1, 2], name: "a" }, { x: [1, 2], y: [2, 1], name: "b" }, { x: [1, 2], y: [0, 0], name: "c" }],
    layout: { title: { text: "T" } } };
  const svg = render(figure, { label: "Chart: T", width: 343, height: 360 });
  assert.match(svg, /^<svg class="toy-svg" viewBox="0 0 343 428" role="img" aria-label="Chart: T"/);  // one legend column
  assert.equal((svg.match(/class="toy-svg__legend"/g) || []).length, 3);
  assert.equal((svg.match(/<path d=/g) || []).length, 3);
});

test("canDraw accepts the subset and refuses anything else", () => {
  assert.equal(canDraw({ data: [{ type: "scatter", mode: "lines+markers", x: [1], y: [1], line: { dash: "dash", shape: "hv" } }],
    layout: { xaxis: { type: "log" }, annotations: [{ text: "n", x: 1, y: 1, showarrow: false }] } }), true);
  assert.equal(canDraw({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: { barmode: "overlay" } }), true);
  assert.equal(canDraw({ data: [{ type: "heatmap", z: [[1]] }] }), false);
  assert.equal(canDraw({ data: [{ x: [1], y: [1], fill: "tozeroy" }] }), false);
  assert.equal(canDraw({ data: [{ x: [1, 2, 2], y: [1, 1, 2], mode: "none", fill: "toself", fillcolor: "rgba(0,0,0,0.2)" }] }), true);
  assert.equal(canDraw({ data: [{ x: [1], y: [1], line: { shape: "spline" } }] }), false);
  assert.equal(canDraw({ data: [{ x: [1], y: [1], marker: { color: [1, 2] } }] }), false);
  assert.equal(canDraw({ data: [{ x: [1], y: [1] }], layout: { xaxis2: {} } }), false);
  assert.equal(canDraw({ data: [{ x: [1], y: [1] }], layout: { annotations: [{ text: "arrow", x: 1, y: 1 }] } }), false);
  assert.equal(canDraw({ data: [{ x: [1], y: [1] }], layout: { barmode: "stack" } }), false);
  assert.equal(canDraw({ data: [{ x: [1], y: [1] }], layout: { shapes: [] } }), false);
  assert.equal(canDraw(null), false);
});
