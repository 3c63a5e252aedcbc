import assert from "node:assert/strict";
import { test } from "node:test";

import { byline, createModel, firstAuthor, makePlacements, placementList, round3, samePlacements, shortLabel } from "../../docs/assets/js/spectrum/model.js";
import { CATALOGUE, model } from "./spectrum-fixture.js";

test("papers are named as the palette and the chart show them", () => {
  const m = model();
  assert.equal(firstAuthor(m.paper("1406.2661")), "Goodfellow");
  assert.equal(byline(m.paper("1406.2661")), "Goodfellow et al., 2014");
  assert.equal(byline(m.paper("2011.13456")), "Song, 2020");
  assert.equal(byline(m.paper("1706.03762")), "Vaswani et al., 2017");
  assert.equal(shortLabel(m.paper("1706.03762")), "Vaswani 2017");
});

test("lookups: papers, categories, and nothing from the prototype", () => {
  const m = model();
  assert.ok(m.has("2001.08361"));
  assert.equal(m.has("__proto__"), false);
  assert.equal(m.has("constructor"), false);
  assert.equal(m.has(42), false);
  assert.equal(m.category("laws-of-code").colour, "#d9822b");
  assert.equal(m.category(undefined), undefined);
  assert.equal(m.category("toString"), undefined);
});

test("a malformed catalogue is refused", () => {
  assert.throws(() => createModel(null), /missing or malformed/);
  assert.throws(() => createModel({ taxonomy: CATALOGUE.taxonomy }), /missing or malformed/);
  const flat = structuredClone(CATALOGUE);
  flat.taxonomy.x.max = -1;
  assert.throws(() => createModel(flat), /malformed axis/);
});

test("placements: frozen, prototype-free, listed in the papers file's order, compared by value", () => {
  const a = makePlacements([["2001.08361", { x: 0.1, y: 0.2 }], ["1406.2661", { x: -0.5, y: 0 }]]);
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a["1406.2661"]));
  assert.equal(Object.getPrototypeOf(a), null);
  assert.deepEqual(placementList(a, model()).map((e) => e.id), ["1406.2661", "2001.08361"]);
  assert.ok(samePlacements(a, makePlacements([["1406.2661", { x: -0.5, y: 0 }], ["2001.08361", { x: 0.1, y: 0.2 }]])));
  assert.equal(samePlacements(a, makePlacements([["1406.2661", { x: -0.5, y: 0 }]])), false);
  assert.equal(round3(-0.0001), 0);
  assert.ok(Object.is(round3(-0.0001), 0));
  assert.equal(round3(0.12349), 0.123);
});
