// The shared corpus of exported maps (tests/fixtures/maps/corpus): the widget's
// validator gives each the verdict written beside it, the same verdict merge.py
// gives (tests/unit/test_map_corpus.py), with the same rounding. The site is the
// specimen's catalogue (tests/fixtures/maps/site.json, checked against the
// specimen's data files in pytest).
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";

import { GROUNDING_PATTERN, ID_PATTERN, MAP_VERSION, UNSURE, createModel, round3 } from "../../docs/assets/js/spectrum/model.js";
import { parseImport, validateExport } from "../../docs/assets/js/spectrum/validate.js";

const FOLDER = new URL("../fixtures/maps/", import.meta.url);
const site = createModel(JSON.parse(readFileSync(new URL("site.json", FOLDER), "utf8")));
const schema = JSON.parse(readFileSync(new URL("../../src/place_for_research/data/schema/map.schema.json", import.meta.url), "utf8"));
const files = readdirSync(new URL("corpus/", FOLDER)).filter((name) => name.endsWith(".json")).sort();

test("the corpus has at least 40 maps, valid and invalid", () => {
  assert.ok(files.length >= 40, `${files.length}`);
  const verdicts = files.map((name) => JSON.parse(readFileSync(new URL(`corpus/${name}`, FOLDER), "utf8")).verdict);
  assert.ok(verdicts.includes("valid") && verdicts.includes("invalid"));
  assert.ok(verdicts.every((v) => v === "valid" || v === "invalid"));
});

for (const name of files) {
  test(`corpus ${name}`, () => {
    const { verdict, why, map, expect } = JSON.parse(readFileSync(new URL(`corpus/${name}`, FOLDER), "utf8"));
    const result = validateExport(map, site, "file");
    assert.equal(result.ok ? "valid" : "invalid", verdict, `${why}: ${result.ok ? "accepted" : result.error}`);
    if (!result.ok) {
      assert.match(result.error, /\S/);
      return;
    }
    if (expect) {
      const got = Object.entries(result.placements).map(([id, s]) => [id, s.x, s.y, s.grounding ?? null]);
      assert.deepEqual(got, expect, why);
    }
  });
}

test("the validator's constants are the schema's", () => {
  assert.equal(ID_PATTERN.source, schema.$defs.id.pattern);
  assert.equal(GROUNDING_PATTERN.source, schema.$defs.v2.properties.placements.items.properties.grounding.pattern);
  assert.equal(UNSURE, schema["x-unsure"]);
  assert.equal(MAP_VERSION, schema.$defs.v2.properties.version.const);
  assert.equal(round3(0.0125), 0.013, `${schema["x-decimals"]} decimals, halves up`);
  assert.equal(Object.is(round3(-0.0004), 0), true, "never -0");
});

// Whole files as a reader sends them (YAML exports, cut ones, JSON text): the import's verdict.
const fileCases = JSON.parse(readFileSync(new URL("corpus/files/verdicts.json", FOLDER), "utf8"));
for (const [name, { verdict, why }] of Object.entries(fileCases)) {
  test(`corpus file ${name}`, () => {
    const result = parseImport(readFileSync(new URL(`corpus/files/${name}`, FOLDER), "utf8"), site);
    assert.equal(result.ok ? "valid" : "invalid", verdict, `${why}: ${result.ok ? "accepted" : result.error}`);
  });
}
