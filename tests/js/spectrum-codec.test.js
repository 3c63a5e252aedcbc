import assert from "node:assert/strict";
import { test } from "node:test";

import { decodeShare, encodeShare, isShareFragment } from "../../docs/assets/js/spectrum/codec.js";
import { validateExport } from "../../docs/assets/js/spectrum/validate.js";
import { model } from "./spectrum-fixture.js";

const ENTRIES = [{ id: "1406.2661", x: -0.85, y: 0.1 }, { id: "2011.13456", x: 1, y: 0 }, { id: "2001.08361", x: 0.3333, y: 0.75 }];

/** base64url of a raw payload, as a hostile link would carry it */
const link = (text, version = 2) => `#map=${version}.${Buffer.from(text).toString("base64url")}`;

test("a map round-trips through a share link, rounded to 3 decimals", () => {
  const fragment = encodeShare(ENTRIES);
  assert.match(fragment, /^map=2\.[A-Za-z0-9_-]+$/);
  assert.ok(isShareFragment(`#${fragment}`));
  const decoded = decodeShare(`#${fragment}`);
  assert.ok(decoded.ok);
  const checked = validateExport(decoded.value, model(), "share link");
  assert.ok(checked.ok, checked.error);
  assert.deepEqual({ ...checked.placements }, { "1406.2661": { x: -0.85, y: 0.1 }, "2011.13456": { x: 1, y: 0 }, "2001.08361": { x: 0.333, y: 0.75 } });
});

test("the link is compact: ids plus short numbers", () => {
  const payload = Buffer.from(encodeShare(ENTRIES).slice("map=2.".length), "base64url").toString();
  assert.equal(payload, "1406.2661:-.85:.1;2011.13456:1:0;2001.08361:.333:.75");
  const thirty = Array.from({ length: 30 }, (_, i) => ({ id: `2${String(i).padStart(3, "0")}.1234${i % 10}`, x: -0.123, y: 0.456 }));
  assert.ok(encodeShare(thirty).length < 30 * 32, encodeShare(thirty).length);
});

test("an empty map is a valid link", () => {
  const decoded = decodeShare(encodeShare([]));
  assert.deepEqual(decoded, { ok: true, value: { version: 2, placements: [] } });
});

test("damaged, foreign and hostile links are refused with a message", () => {
  const cases = [
    ["#map=1.@@@", /damaged/],
    ["#map=1.a", /damaged/],
    ["#map=3.abc", /newer version/],
    ["#map=0.abc", /unknown version/],
    ["#map=x.abc", /not a research map/],
    ["#section-2", /not a research map/],
    [link("1406.2661:0"), /entry 1 is not "id:x:y or id:x:y:grounding"/],
    [link("1406.2661:0:0:0:0"), /entry 1 is not "id:x:y or id:x:y:grounding"/],
    [link("1406.2661:0:0:0", 1), /entry 1 is not "id:x:y"/],
    [`#map=1.${Buffer.from([0xff, 0xfe, 0x00]).toString("base64url")}`, /damaged/],
    [`#map=1.${"A".repeat(1_000_001)}`, /too long/],
  ];
  for (const [hash, pattern] of cases) {
    const decoded = decodeShare(hash);
    assert.equal(decoded.ok, false, hash);
    assert.match(decoded.error, pattern, hash);
  }
});

test("decoded values that are not numbers or papers fail validation by name", () => {
  const m = model();
  const check = (text) => {
    const decoded = decodeShare(link(text));
    assert.ok(decoded.ok, text);
    return validateExport(decoded.value, m, "share link");
  };
  assert.match(check("1406.2661:NaN:0").error, /x must be a number, not the text "NaN"/);
  assert.match(check("1406.2661:Infinity:0").error, /x must be a number/);
  assert.match(check("1406.2661:0x10:0").error, /x must be a number/);
  assert.match(check("1406.2661::0").error, /x must be a number/);
  assert.match(check("1406.2661:5:0").error, /outside/);
  assert.match(check("9999.9999:0:0").error, /not a paper on this site/);
  assert.match(check('<img src=x onerror="window.__pwned=1">:0:0').error, /HTML or script/);
  assert.match(check("<script>window.__pwned=1</script>:0:0").error, /HTML or script/);
  assert.match(check("__proto__:0:0").error, /not a paper on this site/);
  assert.equal({}.x, undefined);
});

test("the JSON export writes the schema's fields in order and leaves an unset y out", async () => {
  const { mapJson } = await import("../../docs/assets/js/spectrum/exchange.js");
  const text = mapJson([{ id: "1406.2661", x: -0.5, y: null, grounding: "laws-of-math" }, { id: "2001.08361", x: 0.3, y: 0.8 }]);
  assert.equal(text, `${JSON.stringify({ version: 2, placements: [{ id: "1406.2661", x: -0.5, grounding: "laws-of-math" }, { id: "2001.08361", x: 0.3, y: 0.8 }] }, null, 2)}\n`);
  const back = validateExport(JSON.parse(text), model(), "file");
  assert.ok(back.ok);
  assert.deepEqual({ ...back.placements["1406.2661"] }, { x: -0.5, y: null, grounding: "laws-of-math" });
});
