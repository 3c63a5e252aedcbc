// Ids and values from a share link, an import or a stored record are shown in
// messages without their control or format characters acting on the message.
import assert from "node:assert/strict";
import { test } from "node:test";

import { parseImport, validateExport, validateRecord, visible } from "../../docs/assets/js/spectrum/validate.js";
import { model } from "./spectrum-fixture.js";

const RLO = "\u202E";
const ACTIVE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u0000-\u001F\u007F]/u;

test("format and control characters are written as code points", () => {
  assert.equal(visible(`ab${RLO}cd\u200Be\u0007`), "ab[U+202E]cd[U+200B]e[U+0007]");
  assert.equal(visible("plain 1406.2661"), "plain 1406.2661");
});

test("an id with a right-to-left override is named in order in every message", () => {
  const id = `1406.2661${RLO}evil`;
  const messages = [
    validateExport({ version: 2, placements: [{ id, x: 0, y: 0 }] }, model()).error,
    validateExport({ version: 2, placements: [{ id: "1406.2661", x: 0, y: 0 }, { id: "1406.2661", x: 0, y: 0, grounding: `math${RLO}` }] }, model()).error,
    validateRecord({ version: 2, placements: { [id]: { x: 0, y: 0 } } }, model()).error,
    parseImport(`{"version": 2, "placements": [{"id": "${id}", "x": 0, "y": 0}]}`, model()).error,
    parseImport(`{"version": 2, ${RLO} oops`, model()).error,
    parseImport(`version: 2\nplacements:\n  - id: "${id}"\n    x: 0\n    y: 0\n`, model()).error,
  ];
  for (const message of messages) {
    assert.ok(message, "refused");
    assert.doesNotMatch(message, ACTIVE, message);
  }
  assert.match(messages[0], /"1406\.2661\[U\+202E\]evil" is not a paper on this site/);
});
