import assert from "node:assert/strict";
import { test } from "node:test";

import { choiceAt, figureAt, pointIndex, validateToyData } from "../../docs/assets/js/toys/grid.js";

// Two controls (3 × 2 points), laid out as toy_grid.encode writes them: the
// first figure shares its layout and trace styles, the second varies its
// number of traces, so each point carries it whole.
const CONTROLS = [
  { name: "sampler", values: ["sde", "ode", "langevin"], default: 1 },
  { name: "steps", values: [10, 100], default: 0 },
];
const points = [];
for (let s = 0; s < 3; s += 1) {
  for (let n = 0; n < 2; n += 1) {
    points.push({
      figures: {
        curve: [{ y: [s, n] }],
        parts: { data: Array.from({ length: s + 1 }, (_, i) => ({ type: "bar", y: [i] })), layout: { title: { text: `p${s}${n}` } } },
      },
      readouts: { w1: `${s * 10 + n} steps` },
    });
  }
}
const PAYLOAD = {
  version: 2, toy: "demo", controls: CONTROLS,
  figures: { curve: { layout: { title: { text: "shared" } }, traces: [{ type: "scatter", mode: "lines", x: [0, 1] }] }, parts: null },
  points,
};

test("the first control varies slowest, as controls.grid() orders the points", () => {
  assert.equal(pointIndex(CONTROLS, { sampler: 0, steps: 0 }), 0);
  assert.equal(pointIndex(CONTROLS, { sampler: 0, steps: 1 }), 1);
  assert.equal(pointIndex(CONTROLS, { sampler: 2, steps: 1 }), 5);
  for (let i = 0; i < 6; i += 1) assert.equal(pointIndex(CONTROLS, choiceAt(CONTROLS, i)), i);
});

test("a control the fence does not show keeps its default", () => {
  assert.equal(pointIndex(CONTROLS, { steps: 1 }), 3);  // sampler stays at "ode" (index 1)
  assert.equal(pointIndex(CONTROLS, {}), 2);
});

test("a value index outside the control is refused, not wrapped", () => {
  assert.throws(() => pointIndex(CONTROLS, { steps: 2 }), /steps: no value at index 2/);
  assert.throws(() => pointIndex(CONTROLS, { sampler: -1 }), RangeError);
  assert.throws(() => pointIndex(CONTROLS, { sampler: 0.5 }), RangeError);
});

test("a point's figure is the shared part with the point's own keys", () => {
  const figure = figureAt(PAYLOAD, 5, "curve");
  assert.deepEqual(figure, { data: [{ type: "scatter", mode: "lines", x: [0, 1], y: [2, 1] }], layout: { title: { text: "shared" } } });
  const whole = figureAt(PAYLOAD, 4, "parts");
  assert.equal(whole.data.length, 3);
  assert.equal(whole.layout.title.text, "p20");
  assert.throws(() => figureAt(PAYLOAD, 0, "missing"), /no figure missing/);
});

test("a data file is checked before it is read", () => {
  assert.equal(validateToyData(PAYLOAD), PAYLOAD);
  assert.throws(() => validateToyData(null), /not an object/);
  assert.throws(() => validateToyData({ ...PAYLOAD, version: 1 }), /version 1/);
  const unwritten = points.map((point, i) => (i === 2 ? { ...point, readouts: { w1: 0.5 } } : point));
  assert.throws(() => validateToyData({ ...PAYLOAD, points: unwritten }), /point 3: readouts must be text/);
  assert.throws(() => validateToyData({ ...PAYLOAD, points: points.slice(1) }), /5 points for a grid of 6/);
  assert.throws(() => validateToyData({ ...PAYLOAD, controls: [{ ...CONTROLS[0], default: 3 }, CONTROLS[1]] }), /bad default/);
  assert.throws(() => validateToyData({ ...PAYLOAD, controls: [{ name: "x", values: [] }] }), /no name or values/);
});
