import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_INPUT_BYTES, parseImport, validateExport, validateRecord } from "../../docs/assets/js/spectrum/validate.js";
import { model } from "./spectrum-fixture.js";

const good = () => ({ version: 1, placements: [{ id: "1406.2661", x: -0.8, y: 0.1 }, { id: "2001.08361", x: 0.25, y: 0.75 }] });

test("a valid export is accepted, rounded to 3 decimals, missing y at the bottom of the axis", () => {
  const value = good();
  value.placements[0].x = -0.80049;
  value.placements.push({ id: "1706.03762", x: 1 });
  const result = validateExport(value, model());
  assert.ok(result.ok, result.error);
  assert.deepEqual({ ...result.placements }, {
    "1406.2661": { x: -0.8, y: 0.1 }, "2001.08361": { x: 0.25, y: 0.75 }, "1706.03762": { x: 1, y: 0 },
  });
  assert.equal(Object.getPrototypeOf(result.placements), null);
});

/** Each hostile or broken input, and a word its message must contain. */
const BAD = [
  ["unknown id", (v) => { v.placements[0].id = "9999.99999"; }, /"9999.99999" is not a paper on this site/],
  ["id not text", (v) => { v.placements[0].id = 1406.2661; }, /id must be text, not 1406.2661/],
  ["NaN", (v) => { v.placements[0].x = NaN; }, /x must be a finite number, not NaN/],
  ["Infinity", (v) => { v.placements[0].y = Infinity; }, /y must be a finite number/],
  ["-Infinity", (v) => { v.placements[0].x = -Infinity; }, /x must be a finite number/],
  ["number as text", (v) => { v.placements[0].x = "0.5"; }, /x must be a number, not the text "0.5"/],
  ["boolean", (v) => { v.placements[0].x = true; }, /x must be a number, not a boolean/],
  ["null x", (v) => { v.placements[0].x = null; }, /x must be a number, not null/],
  ["object x", (v) => { v.placements[0].x = { valueOf: () => 0 }; }, /x must be a number, not a object/],
  ["x too large", (v) => { v.placements[0].x = 1.01; }, /x = 1.01 is outside/],
  ["y below", (v) => { v.placements[1].y = -0.1; }, /y = -0.1 is outside/],
  ["duplicate", (v) => { v.placements[1].id = "1406.2661"; }, /placed twice/],
  ["extra field", (v) => { v.placements[0].colour = "red"; }, /unexpected field "colour"/],
  ["extra top field", (v) => { v.extra = 1; }, /unexpected field "extra"/],
  ["version 3", (v) => { v.version = 3; }, /newer version/],
  ["version text", (v) => { v.version = "1"; }, /no valid version/],
  ["no version", (v) => { delete v.version; }, /no valid version/],
  ["placements object", (v) => { v.placements = { "1406.2661": { x: 0, y: 0 } }; }, /must be a list/],
  ["entry not object", (v) => { v.placements[0] = ["1406.2661", 0, 0]; }, /placement 1 must be an object/],
  ["script in id", (v) => { v.placements[0].id = "<script>window.__pwned=1</script>"; }, /HTML or script/],
  ["img onerror", (v) => { v.placements[0].id = '<img src=x onerror="window.__pwned=1">'; }, /HTML or script/],
  ["handler without tag", (v) => { v.placements[0].id = "x onmouseover=alert(1)"; }, /HTML or script/],
  ["javascript url", (v) => { v.note = "javascript:alert(1)"; }, /HTML or script/],
  ["entity", (v) => { v.placements[0].id = "&#60;script&#62;"; }, /HTML or script/],
  ["markup in a key", (v) => { v.placements[0]["<b>"] = 1; }, /HTML or script/],
  ["too many", (v) => { v.placements = Array.from({ length: 9 }, (_, i) => ({ id: `p${i}`, x: 0, y: 0 })); }, /only 4 papers/],
];

for (const [name, spoil, pattern] of BAD) {
  test(`rejected whole: ${name}`, () => {
    const value = good();
    spoil(value);
    const result = validateExport(value, model());
    assert.equal(result.ok, false);
    assert.match(result.error, pattern);
    assert.equal(result.placements, undefined);
  });
}

test("not a map at all", () => {
  for (const value of [null, 1, "map", [], [good()], undefined, new Date()]) {
    assert.equal(validateExport(value, model()).ok, false, String(value));
  }
});

test("prototype pollution through __proto__ and constructor keys is refused and harmless", () => {
  const hostile = JSON.parse('{"version":1,"placements":[{"id":"__proto__","x":0,"y":0}],"__proto__":{"polluted":1}}');
  const result = validateExport(hostile, model());
  assert.equal(result.ok, false);
  assert.equal({}.polluted, undefined);
  const asId = JSON.parse('{"version":1,"placements":[{"id":"__proto__","x":0,"y":0}]}');
  assert.match(validateExport(asId, model()).error, /"__proto__" is not a paper/);
  const constructor = JSON.parse('{"version":1,"placements":[{"id":"constructor","x":0,"y":0}]}');
  assert.match(validateExport(constructor, model()).error, /"constructor" is not a paper/);
  const record = JSON.parse('{"version":1,"placements":{"__proto__":{"x":0,"y":0}}}');
  assert.equal(validateRecord(record, model()).ok, false);
  assert.equal(Object.prototype.x, undefined);
});

test("deeply nested input is refused without a stack overflow", () => {
  let deep = 0;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const result = validateExport({ version: 1, placements: [{ id: "1406.2661", x: 0, y: 0, z: deep }] }, model());
  assert.equal(result.ok, false);
});

test("parseImport reads JSON and YAML and refuses oversized, broken and hostile files", () => {
  const m = model();
  assert.ok(parseImport(JSON.stringify(good()), m).ok);
  assert.ok(parseImport('\uFEFF{"version":1,"placements":[]}', m).ok);
  const yaml = 'version: 1\nplacements:\n  - id: "1406.2661"\n    x: -0.8\n    y: 0.1\n';
  const fromYaml = parseImport(yaml, m);
  assert.ok(fromYaml.ok);
  assert.deepEqual({ ...fromYaml.placements }, { "1406.2661": { x: -0.8, y: 0.1 } });

  const big = JSON.stringify({ version: 1, placements: [], pad: "x".repeat(MAX_INPUT_BYTES) });
  assert.match(parseImport(big, m).error, /larger than 64 kB/);
  const bigUtf8 = `{"version":1,"placements":[],"p":"${"é".repeat(MAX_INPUT_BYTES / 2 + 1)}"}`; // fewer characters than the limit, more bytes
  assert.ok(bigUtf8.length < MAX_INPUT_BYTES);
  assert.match(parseImport(bigUtf8, m).error, /larger than 64 kB/);
  assert.match(parseImport("{not json", m).error, /not valid JSON/);
  assert.match(parseImport("<html><script>alert(1)</script>", m).error, /neither JSON nor the map's YAML/);
  assert.match(parseImport('version: 1\nplacements:\n  - id: "<img src=x onerror=alert(1)>"\n    x: 0\n    y: 0\n', m).error, /HTML or script/);
  assert.match(parseImport("version: 1\nplacements:\n  - id: 1406.2661\n    x: 0\n    y: 0\n", m).error, /id must be text/);
  assert.match(parseImport('version: 1\nplacements:\n  - id: "1406.2661"\n    x: .nan\n    y: 0\n', m).error, /finite/);
  assert.equal(parseImport(42, m).ok, false);
});

test("the stored record: valid, dropped unknown papers, corrupt", () => {
  const m = model();
  const ok = validateRecord({ version: 1, placements: { "1406.2661": { x: 0.5, y: 0.5 }, "old.paper": { x: 0, y: 0 } } }, m);
  assert.ok(ok.ok);
  assert.deepEqual(ok.dropped, ["old.paper"]);
  assert.deepEqual({ ...ok.placements }, { "1406.2661": { x: 0.5, y: 0.5 } });
  for (const record of [
    { version: 1, placements: [] },
    { version: 1, placements: { "1406.2661": { x: "a", y: 0 } } },
    { version: 1, placements: { "1406.2661": { x: 5, y: 0 } } },
    { version: 1, placements: { "1406.2661": null } },
    { version: 1, placements: { "<b>x</b>": { x: 0, y: 0 } } },
    { version: 1, placements: { "bad id!": { x: 0, y: 0 } } },
    { version: 3, placements: {} },
    { placements: {} },
    "text",
  ]) {
    assert.equal(validateRecord(record, m).ok, false, JSON.stringify(record));
  }
});

test("parseImport marks a YAML file without its end line as unchecked; an export with it, or JSON, is not", () => {
  const m = model();
  const v1 = 'version: 1\nplacements:\n  - id: "1406.2661"\n    x: -0.8\n    y: 0.1\n';
  const older = parseImport(v1, m);
  assert.ok(older.ok, older.error);
  assert.equal(older.unchecked, true);
  const exported = parseImport(`# Research map exported from S on 2025-03-01\nversion: 2\nplacements:\n  - id: "1406.2661"\n    x: -0.8\n# end of map: 1 placement\n`, m);
  assert.ok(exported.ok, exported.error);
  assert.equal(exported.unchecked, undefined);
  assert.equal(parseImport(JSON.stringify(good()), m).unchecked, undefined);
  const cut = parseImport(`${v1}  - id: "2001.08361"\n    x: 0.25\n    y:`, m);
  assert.equal(cut.ok, false);
  assert.match(cut.error, /line 8: y: no value/);
});
