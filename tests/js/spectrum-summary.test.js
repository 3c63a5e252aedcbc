import assert from "node:assert/strict";
import { test } from "node:test";

import { freeSpot } from "../../docs/assets/js/spectrum/geometry.js";
import { comparisonCells, comparisonSentence, fixed, spotText } from "../../docs/assets/js/spectrum/summary.js";
import { model } from "./spectrum-fixture.js";

const X = { min: -1, max: 1 };
const Y = { min: 0, max: 1 };

test("a coordinate reads with two decimals and a true minus sign", () => {
  assert.equal(fixed(-0.4), "\u22120.40");
  assert.equal(fixed(0.125), "0.13");
  assert.equal(spotText("line", model().taxonomy, -0.4, 0.2), "Structural ↔ developmental \u22120.40");
  assert.equal(spotText("plane", model().taxonomy, 0.5, null), "Structural ↔ developmental 0.50, How exploratory not set yet");
});

test("a paper placed with Enter goes to the centre, or the nearest free spot above or below it", () => {
  assert.deepEqual(freeSpot("line", X, Y, [{ x: 0, y: 0.5 }]), { x: 0, y: undefined });
  assert.deepEqual(freeSpot("plane", X, Y, []), { x: 0, y: 0.5 });
  // The centre taken: one step (8% of the y axis) above, then one below, then two above.
  const near = (spot, y) => spot.x === 0 && Math.abs(spot.y - y) < 1e-12;
  assert.ok(near(freeSpot("plane", X, Y, [{ x: 0, y: 0.5 }]), 0.58));
  assert.ok(near(freeSpot("plane", X, Y, [{ x: 0, y: 0.5 }, { x: 0.01, y: 0.58 }]), 0.42));
  // A paper far to the side, or with no height yet, takes no spot.
  assert.deepEqual(freeSpot("plane", X, Y, [{ x: 0.5, y: 0.5 }, { x: 0, y: null }]), { x: 0, y: 0.5 });
});

test("the comparison's sentence and rows say what was measured", () => {
  const m = model();
  const comparison = { count: 2, mean: 0.3, xOnly: 0 };
  assert.match(comparisonSentence("plane", comparison, m, { placedHere: true, authorCount: 5 }),
    /^Over the 2 papers you both placed, your spots are on average 0\.30 from the author's \(measured across both axes/);
  assert.match(comparisonSentence("plane", comparison, m, { placedHere: false, authorCount: 1 }), /author's map alone \(1 paper\)/);
  assert.equal(comparisonSentence("plane", { count: 0, mean: 0, xOnly: 0 }, m, { placedHere: true, authorCount: 3 }),
    "Place a paper the author placed to compare your spots.");
  const row = { reader: { x: -0.4, y: null }, author: { x: 0.2, y: 0.6 }, distance: 0, inside: true };
  assert.deepEqual(comparisonCells("plane", row), ["\u22120.40, not set", "0.20, 0.60", "0.00 (inside the author's region)"]);
  assert.deepEqual(comparisonCells("line", row), ["\u22120.40", "0.20", "0.00 (inside the author's region)"]);
});
