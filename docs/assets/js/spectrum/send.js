// "Add my map to the readers' map": where the reader's exported YAML goes. Where the
// build named a GitHub repository (catalogue.json's `send`, from mkdocs.yml's repo_url,
// edit_uri and extra.research.readers), GitHub's new-file page with the file's name and
// text in its address, so a reader without write access gets a pull request by GitHub's
// own flow; where the address would be too long, or there is no repository, a download
// and words saying where to send it. Pure: no DOM, so node:test can check it.

import { BY_PATTERN, MARKUP_PATTERN } from "./map-format.js";

/**
 * @typedef {{folder: string, max_url: number, repo?: string, branch?: string}} SendTarget
 * @typedef {{kind: "github", url: string, filename: string}
 *         | {kind: "download", filename: string, message: string}} SendPlan
 */

/**
 * A short hash of the text (FNV-1a, 32 bits, hex): two readers' files do not collide,
 * and the same map sent twice has the same name.
 * @param {string} text
 */
export function shortHash(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** @param {string} date YYYY-MM-DD @param {string} yaml the file's text */
export const readerFileName = (date, yaml) => `${date}-${shortHash(yaml)}.yml`;

/**
 * Where the map goes.
 * @param {string} yaml the map as the YAML export writes it
 * @param {SendTarget | undefined} send the build's settings (absent on an older build)
 * @param {string} date YYYY-MM-DD
 * @returns {SendPlan}
 */
export function sendPlan(yaml, send, date) {
  const filename = readerFileName(date, yaml);
  const folder = send?.folder ?? "docs/data/readers";
  if (send?.repo) {
    const branch = (send.branch ?? "main").split("/").map(encodeURIComponent).join("/");
    const url = `https://github.com/${send.repo}/new/${branch}?filename=${encodeURIComponent(`${folder}/${filename}`)}`
      + `&value=${encodeURIComponent(yaml)}`;
    if (url.length <= send.max_url) return { kind: "github", url, filename };
    return { kind: "download", filename, message: `Your map is too long to open on GitHub directly, so it was downloaded as ${filename}. `
      + `To add it to the readers' map, add that file to the folder ${folder} of github.com/${send.repo} (GitHub's “Add file”, then “Upload files”, opens a pull request).` };
  }
  return { kind: "download", filename, message: `Downloaded your map as ${filename}. `
    + `To add it to the readers' map, send the file to this site's author, who adds it to the folder ${folder} of the site's repository.` };
}

/**
 * The reader's typed name as the map's `by:`: undefined when empty, else the trimmed
 * text if the format allows it, or the problem.
 * @param {string} typed
 * @returns {{by?: string} | {error: string}}
 */
export function byField(typed) {
  const by = typed.trim();
  if (by === "") return {};
  if (!BY_PATTERN.test(by) || MARKUP_PATTERN.test(by)) {
    return { error: "Your name can be up to 60 characters of plain text (no control characters, no < or >)." };
  }
  return { by };
}
