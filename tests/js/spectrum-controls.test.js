import assert from "node:assert/strict";
import { test } from "node:test";

import { papersToMark } from "../../docs/assets/js/spectrum/marks.js";
import { nextItem } from "../../docs/assets/js/spectrum/menu.js";
import { makePlacements } from "../../docs/assets/js/spectrum/model.js";
import { model } from "./spectrum-fixture.js";

const ALL = [true, true, true, true];

test("the Map menu's keys: Down and Up walk round, Home and End go to the ends", () => {
  assert.equal(nextItem("ArrowDown", 0, ALL), 1);
  assert.equal(nextItem("ArrowDown", 3, ALL), 0, "from the last, round to the first");
  assert.equal(nextItem("ArrowUp", 0, ALL), 3, "from the first, round to the last");
  assert.equal(nextItem("Home", 2, ALL), 0);
  assert.equal(nextItem("End", 1, ALL), 3);
  // Opening: Down (or Enter) lands on the first item, Up on the last.
  assert.equal(nextItem("ArrowDown", -1, ALL), 0);
  assert.equal(nextItem("ArrowUp", -1, ALL), 3);
  // Any other key does not move.
  for (const key of ["ArrowLeft", "Enter", "a", "Tab"]) assert.equal(nextItem(key, 1, ALL), null, key);
});

test("the Map menu's keys skip disabled items, and nothing moves when all are disabled", () => {
  const some = [true, false, true, false];
  assert.equal(nextItem("ArrowDown", 0, some), 2);
  assert.equal(nextItem("ArrowDown", 2, some), 0);
  assert.equal(nextItem("ArrowUp", 0, some), 2);
  assert.equal(nextItem("End", 0, some), 2);
  assert.equal(nextItem("Home", 2, [false, true, true]), 1);
  assert.equal(nextItem("ArrowDown", 0, [false, false]), null);
});

test("the papers to mark: those of the chart on the structural half, left to right", () => {
  const m = model();
  const placements = makePlacements([
    ["1406.2661", { x: -0.2, y: 0.5 }],
    ["2011.13456", { x: -0.9, y: null, grounding: "laws-of-math" }],
    ["2001.08361", { x: 0, y: 0.1 }],           // the middle is not the structural half
    ["1706.03762", { x: -0.5, y: 0.3 }],        // not offered by this chart
  ]);
  const offered = new Set(["1406.2661", "2011.13456", "2001.08361"]);
  assert.deepEqual(papersToMark(placements, offered, m.taxonomy), ["2011.13456", "1406.2661"]);
  assert.deepEqual(papersToMark(makePlacements([]), offered, m.taxonomy), []);
});
