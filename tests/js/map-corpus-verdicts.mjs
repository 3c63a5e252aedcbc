// The browser's verdict on every map of the shared corpus (tests/fixtures/maps/corpus),
// as the import reaches it: a whole file (corpus/files) through parseImport (yaml.js or JSON.parse, then validate.js),
// a JSON case's map through validateExport (what parseImport calls after JSON.parse).
// Prints {file: {verdict, why}} as JSON; tests/unit/test_map_format.py compares it
// with merge's verdict file by file. A file without its end line that the import takes
// only after asking the reader ("unchecked") counts as accepted.
import { readFileSync, readdirSync } from "node:fs";

import { createModel } from "../../docs/assets/js/spectrum/model.js";
import { parseImport, validateExport } from "../../docs/assets/js/spectrum/validate.js";

const FOLDER = new URL("../fixtures/maps/", import.meta.url);
const site = createModel(JSON.parse(readFileSync(new URL("site.json", FOLDER), "utf8")));

/** @returns {Record<string, {verdict: string, why: string}>} */
export function browserVerdicts() {
  /** @type {Record<string, {verdict: string, why: string}>} */
  const out = {};
  /** @param {string} name @param {import("../../docs/assets/js/spectrum/validate.js").Result} result */
  const keep = (name, result) => {
    out[name] = result.ok ? { verdict: "valid", why: result.unchecked ? "accepted after asking" : "accepted" }
      : { verdict: "invalid", why: result.error };
  };
  for (const name of readdirSync(new URL("corpus/", FOLDER)).filter((n) => n.endsWith(".json")).sort()) {
    keep(name, validateExport(JSON.parse(readFileSync(new URL(`corpus/${name}`, FOLDER), "utf8")).map, site, "file"));
  }
  for (const name of readdirSync(new URL("corpus/files/", FOLDER)).filter((n) => n !== "verdicts.json").sort()) {
    keep(`files/${name}`, parseImport(readFileSync(new URL(`corpus/files/${name}`, FOLDER), "utf8"), site));
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  process.stdout.write(`${JSON.stringify(browserVerdicts(), null, 1)}\n`);
}
