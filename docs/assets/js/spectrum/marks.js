// Marking what each paper rests on, in one click or tap: under a chart that
// takes marks, a row per paper the reader placed on the structural half (the
// half the question is about), left to right, each with a segmented control of
// the taxonomy's categories and "Neither or unsure". Each control is a group
// of native radios named "What does <paper> rest on?": Tab reaches it, the
// arrow keys (or Enter or Space) choose, and a screen reader says where it is.
// Rows are kept between updates, so a mark never moves the focus.

import { groundingShape } from "./chart-svg.js";
import { h } from "./dom.js";
import { byline } from "./model.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */

/**
 * The papers to mark, left to right: those of the chart placed on the structural half
 * (left of the x axis's middle, as the grounding summary counts them).
 * @param {Placements} placements @param {Set<string>} offered @param {Model["taxonomy"]} taxonomy
 * @returns {string[]}
 */
export function papersToMark(placements, offered, taxonomy) {
  const middle = (taxonomy.x.min + taxonomy.x.max) / 2;
  return Object.keys(placements)
    .filter((id) => offered.has(id) && placements[id].x < middle)
    .sort((a, b) => placements[a].x - placements[b].x || (a < b ? -1 : 1));
}

/**
 * @param {{model: Model, prefix: string, choices: {id: string, name: string, colour: string | null}[],
 *          onMark: (id: string, grounding: string) => void}} options
 */
export function createMarkList({ model, prefix, choices, onMark }) {
  const { x } = model.taxonomy;
  const headingId = `${prefix}-marking-title`;
  const list = h("ul", { class: "spectrum-marking-list" });
  const empty = h("p", { class: "spectrum-empty",
    text: `Place papers on the ${x.low.toLowerCase()} half of the chart; each then gets a row here to mark what it rests on.` });
  const element = h("section", { class: "spectrum-marking", "aria-labelledby": headingId },
    h("p", { class: "spectrum-marking-title", id: headingId,
      text: `What does each ${x.low.toLowerCase()} paper rest on? One click marks it.` }),
    empty, list);

  /** @type {Map<string, HTMLLIElement>} */
  const rows = new Map();
  let counter = 0;

  /** @param {string} id */
  function createRow(id) {
    const paper = model.paper(id);
    const title = paper?.title ?? id;
    const name = `${prefix}-mark-${++counter}`;
    const group = h("div", { role: "radiogroup", class: "spectrum-segments", "aria-label": `What does ${title} rest on?` },
      ...choices.map((choice) => {
        const input = /** @type {HTMLInputElement} */ (h("input", { type: "radio", name, value: choice.id }));
        input.addEventListener("change", () => {
          if (input.checked) onMark(id, choice.id);
        });
        return h("label", { class: "spectrum-segment" }, input,
          h("span", { class: "spectrum-segment-face" },
            h("span", { class: "spectrum-swatch", "aria-hidden": "true", "data-shape": groundingShape(model, choice.id),
              style: choice.colour ? { "--colour": choice.colour } : undefined }),
            choice.name));
      }));
    // Enter chooses too (a radio takes Space and the arrows by itself).
    group.addEventListener("keydown", (event) => {
      const input = /** @type {HTMLInputElement} */ (event.target);
      if (event.key === "Enter" && input.type === "radio" && !input.checked) {
        event.preventDefault();
        input.click();
      }
    });
    const row = /** @type {HTMLLIElement} */ (h("li", { class: "spectrum-marking-row", "data-id": id },
      h("span", { class: "spectrum-marking-paper" },
        h("span", { class: "spectrum-paper-title", text: title }), " ",
        h("span", { class: "spectrum-paper-meta", text: paper ? byline(paper) : "" })),
      group));
    return row;
  }

  /**
   * Show a row per paper to mark, each with its current mark checked.
   * @param {Placements} placements @param {Set<string>} offered @param {boolean} editable
   */
  function update(placements, offered, editable) {
    const ids = papersToMark(placements, offered, model.taxonomy);
    const wanted = new Set(ids);
    for (const [id, row] of rows) {
      if (!wanted.has(id)) {
        row.remove();
        rows.delete(id);
      }
    }
    let previous = null;
    for (const id of ids) {
      let row = rows.get(id);
      if (!row) {
        row = createRow(id);
        rows.set(id, row);
      }
      // Moved only when out of order (moving a row would take the focus from it).
      const expected = previous ? previous.nextElementSibling : list.firstElementChild;
      if (expected !== row) {
        if (previous) previous.after(row);
        else list.prepend(row);
      }
      previous = row;
      const grounding = placements[id].grounding;
      for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (row.querySelectorAll("input"))) {
        input.checked = input.value === grounding;
        input.disabled = !editable;
      }
    }
    empty.hidden = ids.length > 0;
  }

  return { element, update };
}
