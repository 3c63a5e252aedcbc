// A placed paper's details: what it is, where the reader put it, the reader's
// grounding mark (made in one click under a chart that takes marks, marks.js),
// and, once the author's map is shown, the author's spot, region and reason.
// Rebuilt on every change of the map, keeping the focus where it was.

import { h, safeUrl } from "./dom.js";
import { UNSURE, UNSURE_NAME } from "./model.js";

/** @param {number} value */
const fixed = (value) => value.toFixed(2).replace("-", "\u2212");

/**
 * @param {{element: HTMLElement, model: import("./model.js").Model, view: string,
 *          where: (x: number, y: number | null) => string,
 *          paper: (id: string) => import("./model.js").Paper | undefined,
 *          spot: (id: string) => import("./model.js").Spot | undefined,
 *          authorSpot: (id: string) => import("./geometry.js").AuthorSpot | undefined,
 *          editable: () => boolean, onRemove: (id: string) => void, onClose: (id: string, refocus: boolean) => void}} options
 */
export function createDetails({ element, model, view, where, paper, spot, authorSpot, editable, onRemove, onClose }) {
  const { x: xAxis, y: yAxis } = model.taxonomy;
  /** @type {string | null} */
  let shown = null;

  const button = (text, onclick, extra = {}) => h("button", { type: "button", class: "spectrum-button", onclick, ...extra }, text);

  /** @param {string | undefined} grounding the reader's mark, in words (none: no line) */
  function markLine(grounding) {
    if (grounding === undefined) return null;
    const name = grounding === UNSURE ? UNSURE_NAME : model.category(grounding)?.name ?? grounding;
    return h("p", { text: `Your mark: ${name}.` });
  }

  /** @param {import("./geometry.js").AuthorSpot} at the author's spot, region and reason */
  function authorLines(at) {
    const where_ = view === "line" || at.y === null ? `${xAxis.name} ${fixed(at.x)}` : where(at.x, at.y);
    const sx = at.spread?.x ?? 0;
    const sy = at.spread?.y ?? 0;
    const region = at.spread
      ? ` (unsure: anywhere from ${fixed(at.x - sx)} to ${fixed(at.x + sx)}`
        + (view !== "line" && at.y !== null && sy ? `, ${yAxis.name} ${fixed(at.y - sy)} to ${fixed(at.y + sy)}` : "")
        + ")"
      : "";
    const category = model.category(at.grounding);
    return h("div", { class: "spectrum-author-note" },
      h("p", { text: `The author's spot: ${where_}${region}.` }),
      category ? h("p", { text: `The author's grounding: ${category.name}.` }) : null,
      at.reason ? h("p", { class: "spectrum-reason", text: `Why: ${at.reason}` }) : null);
  }

  function refresh() {
    if (shown === null) return;
    const id = shown;
    const item = paper(id);
    const at = spot(id);
    if (!item || !at) return close(false);
    const url = safeUrl(item.url);
    element.style.setProperty("--colour", model.category(at.grounding)?.colour ?? "");
    const authors = authorSpot(id);
    const focused = /** @type {HTMLElement | null} */ (element.contains(document.activeElement) ? document.activeElement : null);
    const focusKey = focused?.dataset.focusKey;
    element.replaceChildren(...[
      h("h4", {}, url ? h("a", { href: url, rel: "noopener" }, item.title) : item.title),
      h("p", { text: item.authors.join(", ") }),
      h("p", { text: [item.year, item.venue].filter(Boolean).join(" · ") }),
      item.note ? h("p", { text: item.note }) : null,
      h("p", { text: `Your spot: ${where(at.x, at.y)}` }),
      markLine(at.grounding),
      authors ? authorLines(authors) : null,
      editable() ? button("Return to palette", () => onRemove(id)) : null,
      button("×", () => close(true), { class: "spectrum-button spectrum-close", "aria-label": "Close details" }),
    ].filter((child) => child !== null));
    element.hidden = false;
    // Rebuilt on every change: keep the focus on the control that had it.
    if (focusKey) /** @type {HTMLElement | null} */ (element.querySelector(`[data-focus-key="${focusKey}"]`))?.focus();
    else if (focused) element.focus();
  }

  /** @param {boolean} refocus give the focus back to the paper on the chart */
  function close(refocus) {
    const id = shown;
    shown = null;
    element.hidden = true;
    element.replaceChildren();
    if (id) onClose(id, refocus);
  }

  element.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close(true);
  });

  return {
    /** @param {string} id @param {string} how */
    open(id, how) {
      shown = id;
      refresh();
      if (how === "keyboard") element.focus();
    },
    refresh,
    close,
    /** @param {string} id */
    shows: (id) => shown === id,
  };
}
