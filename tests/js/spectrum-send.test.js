// "Add my map to the readers' map" (send.js) and the map's optional `by:` in the exports.
import assert from "node:assert/strict";
import { test } from "node:test";

import { mapJson } from "../../docs/assets/js/spectrum/exchange.js";
import { byField, readerFileName, sendPlan, shortHash } from "../../docs/assets/js/spectrum/send.js";
import { parseYaml, toYaml } from "../../docs/assets/js/spectrum/yaml.js";

const entries = [{ id: "1406.2661", x: -0.8, y: 0.1, grounding: "laws-of-math" }, { id: "2011.13456", x: 0.25, y: null }];
const yaml = toYaml(entries, { siteName: "Specimen", date: "2026-12-06", by: "Ada & Émilie" });
const github = { folder: "docs/data/readers", max_url: 8000, repo: "owner/repo", branch: "release/2026" };

test("GitHub's new-file page gets the file's name and its exact text in the address", () => {
  const plan = sendPlan(yaml, github, "2026-12-06");
  assert.equal(plan.kind, "github");
  const url = new URL(plan.kind === "github" ? plan.url : "");
  assert.equal(url.origin, "https://github.com");
  assert.equal(url.pathname, "/owner/repo/new/release/2026");
  assert.equal(url.searchParams.get("filename"), `docs/data/readers/2026-12-06-${shortHash(yaml)}.yml`);
  assert.equal(url.searchParams.get("value"), yaml);
  assert.ok(!/[ &"<>]/.test(plan.kind === "github" ? plan.url.split("?")[1].replace(/&(filename|value)=/g, "") : ""));
});

test("the file name is the date and a content hash: another map, another name; the same map, the same", () => {
  const other = toYaml(entries.slice(1), { siteName: "Specimen", date: "2026-12-06" });
  assert.match(readerFileName("2026-12-06", yaml), /^2026-12-06-[0-9a-f]{8}\.yml$/);
  assert.notEqual(readerFileName("2026-12-06", yaml), readerFileName("2026-12-06", other));
  assert.equal(readerFileName("2026-12-06", yaml), readerFileName("2026-12-06", `${yaml}`));
});

test("an address over the limit, or no repository, downloads and says where to send the file", () => {
  const long = toYaml(Array.from({ length: 300 }, (_, i) => ({ id: `paper-${i}`, x: 0.123, y: 0.456 })), { siteName: "S", date: "2026-12-06" });
  const tooLong = sendPlan(long, github, "2026-12-06");
  assert.equal(tooLong.kind, "download");
  assert.match(tooLong.kind === "download" ? tooLong.message : "", /too long.*docs\/data\/readers.*github\.com\/owner\/repo/);
  const noRepo = sendPlan(yaml, { folder: "docs/data/readers", max_url: 8000 }, "2026-12-06");
  assert.equal(noRepo.kind, "download");
  assert.match(noRepo.kind === "download" ? noRepo.message : "", /Downloaded your map as 2026-12-06-[0-9a-f]{8}\.yml.*docs\/data\/readers/);
});

test("by: is written only when typed, read back as text, and refused when it is not a short plain name", () => {
  assert.ok(!toYaml(entries, { siteName: "S", date: "2026-12-06" }).includes("by:"));
  assert.ok(yaml.includes('by: "Ada & Émilie"'));
  const parsed = parseYaml(yaml);
  assert.equal(parsed.ok && /** @type {any} */ (parsed.value).by, "Ada & Émilie");
  assert.equal(JSON.parse(mapJson(entries, "Ada")).by, "Ada");
  assert.equal("by" in JSON.parse(mapJson(entries)), false);
  assert.deepEqual(byField("  "), {});
  assert.deepEqual(byField(" Ada "), { by: "Ada" });
  for (const bad of ["<b>Ada</b>", "a".repeat(61), "Ada\u202eb", "Ada\nB"]) assert.ok("error" in byField(bad), bad);
});
