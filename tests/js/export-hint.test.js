import assert from "node:assert/strict";
import { test } from "node:test";

import { parseYaml, toYaml } from "../../docs/assets/js/spectrum/yaml.js";

test("the exported map says how a placement gains a reason and a spread, and still reads back", () => {
  const text = toYaml([{ id: "1406.2661", x: -0.8, y: 0.1 }], { siteName: "S", date: "2026-01-02" });
  const comments = text.split("\n").filter((line) => line.startsWith("#")).join("\n");
  assert.match(comments, /\breason\b/);
  assert.match(comments, /\bspread\b/);
  assert.match(comments, /papers\.yml/);
  const read = parseYaml(text);
  assert.equal(read.ok, true);
  assert.equal(read.ok && read.complete, true);
});
