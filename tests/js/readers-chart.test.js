import assert from "node:assert/strict";
import { test } from "node:test";

import { readersData } from "../../docs/assets/js/spectrum/readers-chart.js";

/** A stand-in for the figure: only its data-readers attribute is read. */
const figureWith = (value) => ({ dataset: { readers: typeof value === "string" ? value : JSON.stringify(value) } });

const GOOD = {
  axis: { min: -1, max: 1, low: "Structural", high: "Developmental", name: "x" },
  readers: 5,
  papers: [{ id: "2303.01469", title: "Consistency Models", n: 5, x: [-0.7, 0.2, 0.5], contested: true }],
};

test("the build's numbers are read as they are", () => {
  assert.deepEqual(readersData(/** @type {any} */ (figureWith(GOOD))), GOOD);
});

test("numbers that are missing, malformed or not finite leave the table alone", () => {
  const broken = [
    "", "{", "null", [],
    { ...GOOD, axis: { ...GOOD.axis, max: -1 } },
    { ...GOOD, papers: [{ ...GOOD.papers[0], x: [0, 1] }] },
    { ...GOOD, papers: [{ ...GOOD.papers[0], x: [0, "1", 2] }] },
    { ...GOOD, papers: [{ ...GOOD.papers[0], n: 2.5 }] },
    { ...GOOD, papers: [{ ...GOOD.papers[0], title: 7 }] },
  ];
  for (const value of broken) assert.equal(readersData(/** @type {any} */ (figureWith(value))), null, JSON.stringify(value));
  // JSON has no NaN or Infinity: a number out of range arrives as null, which is refused too.
  assert.equal(readersData(/** @type {any} */ (figureWith('{"axis":{"min":-1,"max":1},"papers":[{"id":"a","title":"t","n":1,"x":[null,0,0]}]}'))), null);
});
