// The palette: the papers a view offers that the reader has not placed yet,
// as buttons named by the paper's title (title, year and first author shown),
// with a text filter. Click or Enter places a paper at the centre; dragging it
// (pointer events) onto the chart places it where it is dropped.

import { h } from "./dom.js";
import { byline } from "./model.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */

const DRAG_THRESHOLD = 6;

/** @param {string} text lower case, accents dropped, for the filter */
function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/**
 * @param {{model: Model, offered: string[], idPrefix: string,
 *          onPlace: (id: string, spot: {x: number, y: number | undefined} | null, how: string) => void,
 *          dropSpot: (clientX: number, clientY: number) => {x: number, y: number | undefined} | null,
 *          highlightDrop: (on: boolean) => void}} options
 */
export function createPalette({ model, offered, idPrefix, onPlace, dropSpot, highlightDrop }) {
  const hintId = `${idPrefix}-palette-hint`;
  const titleId = `${idPrefix}-palette-title`;
  const heading = h("p", { class: "spectrum-palette-title", id: titleId });
  const filter = /** @type {HTMLInputElement} */ (h("input", {
    type: "search", class: "spectrum-filter", "aria-label": "Filter papers",
    placeholder: "Filter by title, author or year", autocomplete: "off", spellcheck: "false",
  }));
  const list = h("ul", { class: "spectrum-palette-list", "aria-labelledby": titleId });
  const empty = h("p", { class: "spectrum-empty", hidden: true });
  const hint = h("span", { id: hintId, hidden: true, text: "Press Enter to place it at the centre of the chart, or drag it onto the chart." });
  const element = h("div", { class: "spectrum-palette" },
    h("div", { class: "spectrum-palette-head" }, heading, filter), list, empty, hint);

  /** @type {Map<string, HTMLLIElement>} */
  const items = new Map();
  /** @type {Placements} */
  let placed = Object.create(null);
  /** The model the buttons were made from (the benchmark swaps in a bigger one). */
  let current = model;

  /** @param {string} id @param {number} index */
  function createItem(id, index) {
    const paper = /** @type {import("./model.js").Paper} */ (current.paper(id));
    const colour = current.category(paper.grounding)?.colour;
    const metaId = `${idPrefix}-paper-${index}`;
    const button = h("button", {
      type: "button", class: "spectrum-paper", "data-id": id, "aria-label": paper.title,
      "aria-describedby": `${metaId} ${hintId}`, style: colour ? { "--colour": colour } : undefined,
    }, h("span", { class: "spectrum-paper-title", text: paper.title }), h("span", { class: "spectrum-paper-meta", id: metaId, text: byline(paper) }));
    const item = /** @type {HTMLLIElement} */ (h("li", {}, button));
    item.dataset.search = fold(`${paper.title} ${paper.authors.join(" ")} ${paper.year}`);
    return item;
  }

  function applyFilter() {
    const words = fold(filter.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of items.values()) {
      const match = words.every((word) => (item.dataset.search ?? "").includes(word));
      item.hidden = !match;
      if (match) shown++;
    }
    const left = items.size;
    heading.textContent = left ? `Papers to place (${left})` : "Papers to place";
    empty.hidden = left > 0 && shown > 0;
    empty.textContent = left === 0 ? "Every paper is on the chart. Drag one off the chart to return it here." : "No paper matches the filter.";
  }

  /**
   * Show the offered papers that are not placed, in the papers file's order.
   * @param {Placements} placements
   * @param {string[]} [ids] the offered ids (the benchmark changes them)
   * @param {Model} [withModel]
   */
  function update(placements, ids = offered, withModel = current) {
    if (withModel !== current) {
      current = withModel;
      for (const item of items.values()) item.remove();
      items.clear();
    }
    offered = ids;
    placed = placements;
    let previous = null;
    offered.forEach((id, index) => {
      const item = items.get(id);
      if (Object.hasOwn(placed, id)) {
        if (item) {
          item.remove();
          items.delete(id);
        }
        return;
      }
      const present = item ?? createItem(id, index);
      if (!item) items.set(id, present);
      const expected = previous ? previous.nextElementSibling : list.firstElementChild;
      if (expected !== present) {
        if (previous) previous.after(present);
        else list.prepend(present);
      }
      previous = present;
    });
    applyFilter();
  }

  filter.addEventListener("input", applyFilter);

  // -- dragging from the palette onto the chart -----------------------------------------

  /** @type {null | {id: string, button: HTMLElement, pointerId: number, startX: number, startY: number, ghost: HTMLElement | null}} */
  let drag = null;
  let suppressClick = false;

  /** @param {PointerEvent} event */
  function onPointerDown(event) {
    const button = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(".spectrum-paper"));
    suppressClick = false;
    if (!button || drag || (event.pointerType === "mouse" && event.button !== 0)) return;
    drag = { id: button.dataset.id ?? "", button, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, ghost: null };
    button.setPointerCapture(event.pointerId);
  }

  /** @param {PointerEvent} event */
  function onPointerMove(event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (!drag.ghost) {
      if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < DRAG_THRESHOLD) return;
      const paper = current.paper(drag.id);
      drag.ghost = h("div", { class: "spectrum-drag-ghost", "aria-hidden": "true", text: paper?.title ?? "" });
      document.body.append(drag.ghost);
      drag.button.classList.add("dragging");
    }
    drag.ghost.style.transform = `translate(${event.clientX + 8}px, ${event.clientY - 12}px)`;
    highlightDrop(dropSpot(event.clientX, event.clientY) !== null);
  }

  function endDrag() {
    if (!drag) return;
    drag.ghost?.remove();
    drag.button.classList.remove("dragging");
    highlightDrop(false);
    drag = null;
  }

  /** @param {PointerEvent} event */
  function onPointerUp(event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { id, ghost } = drag;
    endDrag();
    if (!ghost) return; // no drag: the click that follows places the paper at the centre
    suppressClick = true;
    const spot = dropSpot(event.clientX, event.clientY);
    if (spot) onPlace(id, spot, event.pointerType === "touch" ? "touch" : "drag");
  }

  /** @param {MouseEvent} event */
  function onClick(event) {
    const button = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(".spectrum-paper"));
    if (!button) return;
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    onPlace(button.dataset.id ?? "", null, event.detail === 0 ? "keyboard" : "click");
  }

  list.addEventListener("pointerdown", onPointerDown);
  list.addEventListener("pointermove", onPointerMove);
  list.addEventListener("pointerup", onPointerUp);
  list.addEventListener("pointercancel", endDrag);
  list.addEventListener("click", onClick);

  return {
    element,
    update,
    /** @param {string} id focus a paper's button (after it returns to the palette) */
    focus(id) {
      const button = items.get(id)?.querySelector("button");
      if (button && !items.get(id)?.hidden) button.focus();
      else filter.focus();
    },
    destroy: endDrag,
  };
}
