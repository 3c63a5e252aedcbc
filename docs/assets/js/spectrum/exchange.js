// The reader's map leaving and entering the page: a share link (kept in the
// address bar, copied to the clipboard), JSON and YAML exports (the format of
// map.schema.json), an imported file (checked whole before it touches the
// map) and a PNG of the chart. mapJson is pure, so node:test can check it.

import { encodeShare } from "./codec.js";
import { h } from "./dom.js";
import { MAP_VERSION, placementList, samePlacements } from "./model.js";
import { byField, sendPlan } from "./send.js";
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT, parseImport } from "./validate.js";
import { toYaml } from "./yaml.js";

/** @typedef {import("./model.js").PlacementEntry} PlacementEntry */

/**
 * The JSON export: fields in the schema's order, y left out until it is set, by only if typed.
 * @param {PlacementEntry[]} entries
 * @param {string} [by] the reader's name
 */
export function mapJson(entries, by) {
  const placements = entries.map(({ id, x, y, grounding }) => {
    /** @type {Record<string, unknown>} */
    const entry = { id, x };
    if (y !== null) entry.y = y;
    if (grounding !== undefined) entry.grounding = grounding;
    return entry;
  });
  const map = by === undefined ? { version: MAP_VERSION, placements } : { version: MAP_VERSION, by, placements };
  return `${JSON.stringify(map, null, 2)}\n`;
}

/** Start a download of text (no element is added to the page, so instant navigation ignores it). */
function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  h("a", { href: url, download: filename }).click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** @param {number} n */
const placements = (n) => `${n} placement${n === 1 ? "" : "s"}`;

/**
 * @param {{store: import("./store.js").Store, model: import("./model.js").Model,
 *          announce: (text: string, options?: {error?: boolean}) => void, fileInput: HTMLInputElement,
 *          origin: () => unknown, chart: () => {downloadPng: (name: string) => Promise<unknown>} | null,
 *          siteName: () => string, keepShareLink: (hash: string) => void, typedName: () => string,
 *          previewImport: (placements: import("./model.js").Placements) => void}} options
 */
export function createExchange({ store, model, announce, fileInput, origin, chart, siteName, keepShareLink, previewImport, typedName }) {
  const entries = () => placementList(store.placements(), model);
  const today = () => new Date().toISOString().slice(0, 10);

  /** The map's `by:` from the name field, or null (and the reader told why) when it cannot be used. */
  function by() {
    const field = byField(typedName());
    if ("error" in field) {
      announce(`Not exported: ${field.error}`, { error: true });
      return null;
    }
    return field;
  }

  async function copyShareLink() {
    const list = entries();
    const fragment = `#${encodeShare(list)}`;
    const url = `${location.origin}${location.pathname}${location.search}${fragment}`;
    history.replaceState(history.state, "", url);
    keepShareLink(fragment); // Material's section tracking would rewrite it
    const what = `it holds your ${placements(list.length)}`;
    try {
      await navigator.clipboard.writeText(url);
      announce(`Share link copied to the clipboard (it is also in the address bar): ${what}.`);
    } catch {
      announce(`The share link is in the address bar; copy it from there: ${what}.`);
    }
  }

  /** @param {"json" | "yaml"} format */
  function exportMap(format) {
    const list = entries();
    const name = by();
    if (!name) return;
    if (format === "json") {
      download("research-map.json", mapJson(list, name.by), "application/json");
    } else {
      download("research-map.yaml", toYaml(list, { siteName: siteName(), date: today(), by: name.by }), "application/yaml");
    }
    announce(`Exported your map (${placements(list.length)}) as ${format.toUpperCase()}.`);
  }

  /** "Add my map to the readers' map": GitHub's new-file page with the map, or a download and where to send it. */
  function sendMap() {
    const list = entries();
    const name = by();
    if (!name) return;
    const yaml = toYaml(list, { siteName: siteName(), date: today(), by: name.by });
    const plan = sendPlan(yaml, model.send, today());
    if (plan.kind === "github") {
      h("a", { href: plan.url, target: "_blank", rel: "noopener noreferrer" }).click();
      announce(`Opened GitHub's new-file page with your map (${placements(list.length)}) as ${plan.filename} in a new tab; `
        + "there, “Commit changes…” proposes it as a pull request.");
    } else {
      download(plan.filename, yaml, "application/yaml");
      announce(plan.message);
    }
  }

  async function importFile() {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    if (store.previewing()) return announce("First choose “Replace my map” or “Keep my map” (above the chart).", { error: true });
    if (file.size > MAX_INPUT_BYTES) {
      return announce(`Import refused: the file is larger than ${MAX_INPUT_TEXT}; a research map is far smaller. Your map is unchanged.`, { error: true });
    }
    let text;
    try {
      text = await file.text();
    } catch {
      return announce("Import refused: the file could not be read. Your map is unchanged.", { error: true });
    }
    const result = parseImport(text, model);
    if (result.ok === false) return announce(`Import refused: ${result.error} Your map is unchanged.`, { error: true });
    const count = Object.keys(result.placements).length;
    if (samePlacements(result.placements, store.placements())) return announce("The imported map is the same as yours.");
    if (result.unchecked) {
      // An older export or a hand-written file: a cut at a line end looks like a shorter map. The reader decides.
      previewImport(result.placements);
      return announce(`This file cannot be checked for completeness; it holds ${placements(count)}. `
        + "Choose “Replace my map” or “Keep my map” above the chart.");
    }
    if (!store.replace(result.placements, origin())) return announce("The imported map is the same as yours.");
    announce(`Imported a map with ${placements(count)}. Undo brings your previous map back.`);
  }

  async function downloadPng() {
    const current = chart();
    if (!current) return;
    try {
      await current.downloadPng("research-spectrum");
      announce("Downloaded the chart as research-spectrum.png.");
    } catch (error) {
      announce(`The PNG could not be made (${/** @type {Error} */ (error).message}).`, { error: true });
    }
  }

  return { copyShareLink, exportMap, sendMap, importFile, downloadPng };
}
