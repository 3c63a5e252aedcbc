import assert from "node:assert/strict";
import { test } from "node:test";

import { parseYaml, REASON_HINT, toYaml } from "../../docs/assets/js/spectrum/yaml.js";

const ENTRIES = [{ id: "1406.2661", x: -0.8, y: 0.1 }, { id: "2001.08361", x: 0.1234, y: 1 }];
const MARKED = [{ id: "1406.2661", x: -0.8, y: null, grounding: "laws-of-math" }, { id: "2001.08361", x: 0.1234, y: 1 }];

test("the export YAML has exactly the shape the fork's merge command reads", () => {
  const text = toYaml(ENTRIES, { siteName: "A place for research", date: "2025-03-01" });
  assert.equal(text, [
    "# Research map exported from A place for research on 2025-03-01",
    "version: 2",
    "placements:",
    '  - id: "1406.2661"',
    "    x: -0.8",
    "    y: 0.1",
    '  - id: "2001.08361"',
    "    x: 0.123",
    "    y: 1",
    REASON_HINT,
    "# end of map: 2 placements",
    "",
  ].join("\n"));
});

test("an empty map exports as an empty list, and a site name cannot break the comment line", () => {
  const text = toYaml([], { siteName: "Evil\nversion: 2", date: "2025-03-01" });
  assert.equal(text.split("\n")[0], "# Research map exported from Evil version: 2 on 2025-03-01");
  assert.ok(text.includes("placements: []"));
  assert.deepEqual(parseYaml(text), { ok: true, value: Object.assign(Object.create(null), { version: 2, placements: [] }), complete: true });
});

test("emit then parse round-trips", () => {
  const parsed = parseYaml(toYaml(ENTRIES, { siteName: "S", date: "2025-03-01" }));
  assert.ok(parsed.ok);
  assert.equal(parsed.value.version, 2);
  assert.deepEqual(parsed.value.placements.map((p) => ({ ...p })), [{ id: "1406.2661", x: -0.8, y: 0.1 }, { id: "2001.08361", x: 0.123, y: 1 }]);
  const marked = parseYaml(toYaml(MARKED, { siteName: "S", date: "2025-03-01" }));
  assert.ok(marked.ok, marked.error);
  assert.deepEqual(marked.value.placements.map((p) => ({ ...p })), [{ id: "1406.2661", x: -0.8, grounding: "laws-of-math" }, { id: "2001.08361", x: 0.123, y: 1 }]);
});

test("a truncated file is an error, never a smaller map", () => {
  const whole = toYaml(ENTRIES, { siteName: "S", date: "2025-03-01" });
  const lines = whole.split("\n");
  const afterPlacements = lines.slice(0, 3).join("\n") + "\n";
  assert.match(parseYaml(afterPlacements).error, /no entries; was the file cut short/);
  const betweenEntries = lines.slice(0, 6).join("\n") + "\n";
  assert.match(parseYaml(betweenEntries).error, /cut short/);
  const wrongCount = whole.replace("# end of map: 2 placements", "# end of map: 3 placements");
  assert.match(parseYaml(wrongCount).error, /lists 2 placements but its last line says 3/);
  assert.ok(parseYaml("version: 1\nplacements: []\n").ok, "an empty map written by hand stays valid");
});

test("a field with no value is an error naming the line and field, never null (a cut v1 file's y is not 0)", () => {
  const v1 = 'version: 1\nplacements:\n  - id: "1406.2661"\n    x: -0.8\n    y: 0.1\n  - id: "2001.08361"\n    x: 0.25\n    y: ';
  for (const [text, pattern] of [
    [v1, /^line 8: y: no value .*cut short/],
    [`${v1.slice(0, -1)}\n`, /^line 8: y: no value/],
    [`${v1}  # nothing\n`, /^line 8: y: no value/],
    ['version: 1\nplacements:\n  - id: "1406.2661"\n    x:', /^line 4: x: no value/],
    ['version: 1\nplacements:\n  - id:\n', /^line 3: id: no value/],
    ["version:\nplacements: []\n", /^line 1: version: no value/],
  ]) {
    const parsed = parseYaml(text);
    assert.equal(parsed.ok, false, text);
    assert.match(parsed.error, pattern, text);
  }
  const none = parseYaml('version: 1\nplacements:\n  - id: "1406.2661"\n    x: 0\n    y: ~\n');
  assert.ok(none.ok, "a value written as none stays allowed");
  assert.equal(none.value.placements[0].y, null);
});

test("only a file with its end line is complete: an older export or a hand-written file cannot be checked", () => {
  assert.equal(parseYaml(toYaml(ENTRIES, { siteName: "S", date: "2025-03-01" })).complete, true);
  const v1 = 'version: 1\nplacements:\n  - id: "1406.2661"\n    x: -0.8\n    y: 0.1\n  - id: "2001.08361"\n    x: 0.25\n    y: 1\n';
  const whole = parseYaml(v1);
  assert.ok(whole.ok);
  assert.equal(whole.complete, false);
  const cutAtLineEnd = parseYaml(v1.split("\n").slice(0, 5).join("\n"));   // a shorter map, by all it shows
  assert.ok(cutAtLineEnd.ok);
  assert.equal(cutAtLineEnd.complete, false);
  assert.equal(cutAtLineEnd.value.placements.length, 1);
  const cutMidValue = parseYaml(v1.slice(0, v1.indexOf("0.25") + 3));   // -0.2 for 0.25: only the reader can tell
  assert.ok(cutMidValue.ok);
  assert.equal(cutMidValue.complete, false);
});

test("a long run of spaces parses (the comment rule does not backtrack over it)", () => {
  const text = `version: 2\nplacements:\n  - id: "a"\n    x: 0${" ".repeat(160_000)}x\n# end of map: 1 placement\n`;
  const parsed = parseYaml(text); // the old /\s+#.*$/ took 10.6 s here; the parser now scans once
  assert.ok(parsed.ok);
  assert.equal(parsed.value.placements[0].x, `0${" ".repeat(160_000)}x`.trim());
});

test("hand edits parse: CRLF, comments, other quotes and indents, keys in any order, '---'", () => {
  const text = "---\r\n# mine\r\nversion: 1  # the format\r\nplacements:\r\n- x: .5\r\n  id: '1406.2661'   \r\n  y: 0\r\n\r\n-   id: 2001.08361\r\n    y: 1e-1\r\n    x: -1 # left\r\n";
  const parsed = parseYaml(text);
  assert.ok(parsed.ok, parsed.error);
  assert.deepEqual(parsed.value.placements.map((p) => ({ ...p })), [
    { x: 0.5, id: "1406.2661", y: 0 },
    { id: 2001.08361, y: 0.1, x: -1 }, // an unquoted id reads as a number: validation rejects it by name
  ]);
});

test("special scalars come through as what YAML means, for validation to judge", () => {
  const parsed = parseYaml('version: 1\nplacements:\n  - id: "a"\n    x: .nan\n    y: -.inf\n  - id: "b"\n    x: "0.5"\n    y: ~\n');
  assert.ok(parsed.ok);
  const [a, b] = parsed.value.placements;
  assert.ok(Number.isNaN(a.x));
  assert.equal(a.y, -Infinity);
  assert.equal(b.x, "0.5");
  assert.equal(b.y, null);
});

test("anything outside the format is an error naming its line", () => {
  const cases = [
    ["version: 1\nplacements:\n\t- id: a\n", /line 3: tabs/],
    ["version: 1\nauthor: me\nplacements: []\n", /line 2: unexpected field "author"/],
    ["version: 1\nversion: 1\nplacements: []\n", /line 2: "version" appears twice/],
    ["version: 1\nplacements:\n  - id: a\n    x: 1\n    x: 2\n", /line 5: "x" appears twice/],
    ["version: 1\nplacements:\n  - {id: a, x: 1}\n", /line 3: only plain "key: value" lines/],
    ["version: 1\nplacements:\n  - id: a\n      x: 1\n", /line 4: fields of an item must line up/],
    ["version: 1\nplacements:\n  - id: a\n - id: b\n", /line 4: list items must line up/],
    ["version: 1\nplacements: [a, b]\n", /line 2: placements must be a list/],
    ['version: 1\nplacements:\n  - id: "a\n', /line 3: unterminated/],
    ["placements: []\n", /no "version: 1"/],
    ["version: 1\n", /no "placements:"/],
    ["just text", /line 1: expected/],
    ["version: 1\nplacements:\n  x: 1\n", /line 3: expected "- id/],
    ["version: 1\nplacements:\n  - id: a\n  x:1\n", /line 4: expected "key: value"|line 4/],
  ];
  for (const [text, pattern] of cases) {
    const parsed = parseYaml(text);
    assert.equal(parsed.ok, false, text);
    assert.match(parsed.error, pattern, text);
  }
});

test("a __proto__ key is only a key: nothing is polluted", () => {
  const parsed = parseYaml('version: 1\nplacements:\n  - id: "a"\n    __proto__: 1\n    x: 0\n');
  assert.ok(parsed.ok);
  assert.equal(Object.getPrototypeOf(parsed.value.placements[0]), null);
  assert.equal(parsed.value.placements[0].__proto__, 1);
  assert.equal({}.x, undefined);
  assert.equal(Object.prototype.x, undefined);
});
