// A toy's data file that does not fit its page is refused with a reason, before
// a control can select a point it lacks or a figure is drawn from nothing.
import assert from "node:assert/strict";
import { test } from "node:test";

import { validateToyData } from "../../docs/assets/js/toys/grid.js";

function payload(sizes = [5, 5]) {
  const controls = sizes.map((n, i) => ({ name: `c${i}`, values: Array.from({ length: n }, (_, v) => v), default: 0 }));
  const count = sizes.reduce((a, b) => a * b, 1);
  return {
    version: 2, toy: "demo", controls,
    figures: { main: { layout: {}, traces: [{ type: "scatter" }] } },
    points: Array.from({ length: count }, (_, i) => ({ figures: { main: [{ y: [i] }] }, readouts: {} })),
  };
}
const PAGE = { controls: { c0: 5, c1: 5 }, figure: "main" };

test("a file that fits its page is taken", () => {
  assert.ok(validateToyData(payload(), PAGE));
  assert.ok(validateToyData(payload(), { controls: { c1: 5 }, figure: "main" }), "a control the page does not show keeps its default");
});

test("a control cut to fewer values than the page offers is refused, naming it", () => {
  assert.throws(() => validateToyData(payload([3, 5]), PAGE), /control "c0" has 3 values where this page offers 5/);
});

test("a control the page shows but the file lacks is refused", () => {
  assert.throws(() => validateToyData(payload([5]), PAGE), /no control "c1"/);
});

test("a file without figures, or without the page's figure, is refused", () => {
  assert.throws(() => validateToyData({ ...payload(), figures: {} }, PAGE), /holds no figures/);
  const other = payload();
  other.figures = { other: other.figures.main };
  other.points.forEach((point) => { point.figures = { other: point.figures.main }; });
  assert.throws(() => validateToyData(other, PAGE), /no figure "main"/);
});

test("a point whose figure is missing or of the wrong shape is refused, naming the point", () => {
  const missing = payload();
  delete missing.points[7].figures.main;
  assert.throws(() => validateToyData(missing, PAGE), /point 8, figure "main": missing/);
  const shape = payload();
  shape.points[2].figures.main = [{ y: [1] }, { y: [2] }];
  assert.throws(() => validateToyData(shape, PAGE), /point 3, figure "main": 2 traces where the figure has 1/);
  const whole = payload();
  whole.figures.main = null;
  assert.throws(() => validateToyData(whole, PAGE), /not a figure/);
});
