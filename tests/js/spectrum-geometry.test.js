import assert from "node:assert/strict";
import { test } from "node:test";

import { assignLanes, axisDistance, chartLayout, compareMaps, createFrame, groundingShare } from "../../docs/assets/js/spectrum/geometry.js";
import { makePlacements } from "../../docs/assets/js/spectrum/model.js";
import { CATALOGUE } from "./spectrum-fixture.js";

const TAXONOMY = CATALOGUE.taxonomy;

test("data and pixels map both ways, the axis ends inside the plot area", () => {
  for (const view of ["line", "plane"]) {
    for (const width of [320, 700]) {
      const layout = chartLayout(view, width, TAXONOMY);
      const frame = createFrame(layout);
      const { px, py } = frame.toPx(0.25, view === "line" ? 2 : 0.75);
      const back = frame.fromPx(px, py);
      assert.ok(Math.abs(back.x - 0.25) < 1e-9);
      assert.ok(Math.abs(back.y - (view === "line" ? 2 : 0.75)) < 1e-9);
      const valid = frame.box([-1, 1], [0, 1]);
      assert.ok(valid.left > frame.plot.left && valid.left + valid.width < frame.plot.left + frame.plot.width);
      assert.ok(layout.height >= 150 && layout.height <= 460);
    }
  }
});

test("lanes keep labels on a line apart", () => {
  const lanes = assignLanes([{ id: "a", px: 100, width: 80 }, { id: "b", px: 120, width: 80 }, { id: "c", px: 300, width: 80 }, { id: "d", px: 110, width: 10 }], 3);
  assert.equal(lanes.get("a"), 0);
  assert.equal(lanes.get("d"), 1);
  assert.equal(lanes.get("b"), 2);
  assert.equal(lanes.get("c"), 0);
  const crowded = assignLanes(Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, px: 50, width: 50 })), 3);
  assert.ok([...crowded.values()].every((lane) => lane >= 0 && lane < 3));
});

test("distances: x only on the line; x and y on the plane where the author gave y", () => {
  const reader = makePlacements([["a", { x: 0.5, y: 0.5 }], ["b", { x: -0.5, y: 1 }], ["c", { x: 0, y: 0 }]]);
  const author = { a: { x: 0.2, y: 0.1 }, b: { x: -0.5, y: null }, d: { x: 1, y: 1 } };
  const line = compareMaps("line", reader, author);
  assert.equal(line.count, 2);
  assert.ok(Math.abs(line.mean - 0.15) < 1e-12);
  assert.equal(line.xOnly, 2);
  const plane = compareMaps("plane", reader, author);
  assert.ok(Math.abs(plane.rows[0].distance - 0.5) < 1e-12); // hypot(0.3, 0.4)
  assert.equal(plane.rows[0].axes, "xy");
  assert.equal(plane.rows[1].axes, "x");
  assert.equal(plane.xOnly, 1);
  assert.ok(Math.abs(plane.mean - 0.25) < 1e-12);
  assert.ok(Number.isNaN(compareMaps("map", makePlacements([]), author).mean));
});

test("comparisons count only the axes both set, and a region is at distance zero inside", () => {
  const reader = makePlacements([["a", { x: 0.5, y: null }], ["b", { x: -0.5, y: 0.9 }], ["c", { x: 0.1, y: 0.15 }]]);
  const author = { a: { x: 0.2, y: 0.1 }, b: { x: -0.4, y: 0.5, spread: { x: 0.2, y: 0.1 } }, c: { x: 0, y: 0.1, spread: { x: 0.2, y: 0.1 } } };
  const plane = compareMaps("plane", reader, author);
  const row = (id) => plane.rows.find((r) => r.id === id);
  assert.equal(row("a").axes, "x", "the reader set no y: x only");
  assert.ok(Math.abs(row("a").distance - 0.3) < 1e-12);
  assert.ok(Math.abs(row("b").distance - 0.3) < 1e-12, "x inside the region, y 0.3 above it");
  assert.equal(row("c").distance, 0);
  assert.equal(row("c").inside, true);
  assert.ok(Math.abs(axisDistance(0.35, 0.2, 0.1) - 0.05) < 1e-12);
  assert.equal(axisDistance(0.25, 0.2, 0.1), 0);
});

test("the grounding share counts the reader's structural papers only", () => {
  const taxonomy = TAXONOMY;
  const reader = makePlacements([["a", { x: -0.5, y: null, grounding: "laws-of-math" }], ["b", { x: -0.1, y: 0.2, grounding: "laws-of-math" }],
    ["c", { x: -0.9, y: 0, grounding: "laws-of-code" }], ["d", { x: -0.2, y: 0, grounding: "unsure" }], ["e", { x: -0.3, y: 0 }],
    ["f", { x: 0.5, y: 0, grounding: "laws-of-code" }], ["g", { x: 0, y: 0, grounding: "laws-of-code" }]]);
  assert.deepEqual(JSON.parse(JSON.stringify(groundingShare(reader, taxonomy))),
    { structural: 5, counts: { "laws-of-math": 2, "laws-of-code": 1, unsure: 1 }, unmarked: 1 });
});
