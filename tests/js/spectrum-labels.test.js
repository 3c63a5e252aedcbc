// labels.js: papers' labels laid out beside their dots with no overlap and nothing outside the
// chart; a fixed text (a distance) kept only where it is clear.
import assert from "node:assert/strict";
import { test } from "node:test";

import { inside, keepClear, labelBox, layoutLabels, overlaps } from "../../docs/assets/js/spectrum/labels.js";

const bounds = { left: 0, top: 0, right: 300, bottom: 200 };
const item = (id, px, py, width = 80) => ({ id, px, py, width, height: 14 });

test("a lone label goes to the right of its dot", () => {
  const placed = layoutLabels([item("a", 50, 100)], { obstacles: [], bounds, dot: 14 });
  assert.equal(placed.get("a")?.side, "right");
  assert.deepEqual(placed.get("a")?.box, labelBox("right", 50, 100, 80, 14, 14));
});

test("at the right edge a label goes to the left, never past the edge", () => {
  const placed = layoutLabels([item("a", 290, 100)], { obstacles: [], bounds, dot: 14 });
  assert.equal(placed.get("a")?.side, "left");
  assert.ok(inside(/** @type {any} */ (placed.get("a")).box, bounds));
});

test("papers placed close together: no two labels overlap, none covers a dot or an obstacle, all inside", () => {
  const items = [item("a", 100, 100), item("b", 104, 104), item("c", 108, 96), item("d", 112, 100), item("e", 20, 10)];
  const pole = { left: 0, top: 0, right: 90, bottom: 16 }; // "↑ Building" at the top left
  const placed = layoutLabels(items, { obstacles: [pole], bounds, dot: 14 });
  const boxes = [...placed.values()].filter((p) => p !== null).map((p) => /** @type {any} */ (p).box);
  assert.ok(boxes.length >= 3, "most labels find room");
  for (const [i, box] of boxes.entries()) {
    assert.ok(inside(box, bounds));
    assert.ok(!overlaps(box, pole), "the pole's name stays clear");
    for (const other of boxes.slice(i + 1)) assert.ok(!overlaps(box, other));
    for (const { px, py } of items) assert.ok(!overlaps(box, { left: px - 7, right: px + 7, top: py - 7, bottom: py + 7 }));
  }
});

test("a crowded label gets no place rather than a colliding one", () => {
  const walls = [{ left: 0, top: 0, right: 300, bottom: 95 }, { left: 0, top: 105, right: 300, bottom: 200 }];
  const placed = layoutLabels([item("a", 150, 100)], { obstacles: walls, bounds, dot: 6 });
  assert.equal(placed.get("a"), null);
});

test("fixed texts: each kept only when clear of what is taken and of the texts kept before it", () => {
  const box = (left, top) => ({ left, top, right: left + 30, bottom: top + 14 });
  const kept = keepClear([box(10, 10), box(20, 15), box(100, 10), box(280, 10), box(200, 50)],
    { obstacles: [{ left: 195, top: 45, right: 210, bottom: 60 }], bounds });
  assert.deepEqual(kept, [true, false, true, false, false]);
});
