import assert from "node:assert/strict";
import { test } from "node:test";

import { FEATURES, featuresOn } from "../../docs/assets/js/features.js";

/** A stand-in for a page: the selectors it has elements for. */
const pageWith = (...selectors) => ({ querySelector: (selector) => (selectors.includes(selector) ? {} : null) });

test("a page without widgets loads no feature module", () => {
  assert.deepEqual(featuresOn(pageWith(), FEATURES), []);
});

test("a page loads exactly the features whose elements it has, each with its stylesheet", () => {
  const spectrum = FEATURES.find((feature) => feature.module === "./spectrum/index.js");
  const toys = FEATURES.find((feature) => feature.module === "./toys/index.js");
  assert.deepEqual(featuresOn(pageWith(spectrum.selector, toys.selector), FEATURES), [spectrum, toys]);
  assert.equal(spectrum.css, "spectrum-widget.css");
});

test("every feature names its elements and a module of the site", () => {
  for (const feature of FEATURES) {
    assert.ok(feature.selector && feature.module.startsWith("./") && feature.module.endsWith(".js"), feature);
  }
  assert.equal(new Set(FEATURES.map((feature) => feature.module)).size, FEATURES.length);
});
