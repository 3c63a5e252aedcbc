// The palette: the papers a view offers that the reader has not placed yet,
// as buttons named by the paper's title (title, year and first author shown),
// with a text filter. Click or Enter places a paper at the centre; dragging it
// (drag.js, pointer events) onto the chart places it where it is dropped.

import { h } from "./dom.js";
import { pointerDrags } from "./drag.js";
import { byline } from "./model.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */

const DRAG_THRESHOLD = 6;
/** The least room fit leaves the cards (px): a row of them and part of the next, so it shows it scrolls. */
const MIN_LIST = 96;

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
  // Shown on touch screens only (spectrum.css): a finger has no hover to discover it by.
  const touchHint = h("p", { class: "spectrum-touch-hint",
    text: "Tap a paper to place it, or hold it and drag it onto the chart." });
  const body = h("div", { class: "spectrum-palette-body" }, list, empty);
  const element = h("div", { class: "spectrum-palette" },
    h("div", { class: "spectrum-palette-head" }, heading, filter, touchHint), body, hint);

  // The palette never shrinks under the reader's hand: a placed or filtered-out paper leaves
  // its room, so the essay below does not jump. The height is read before the DOM changes, so
  // reading it costs no extra layout (except once per new width, which starts afresh: the cards
  // wrap differently there).
  let held = { width: 0, height: 0 };
  function holdHeight() {
    const width = body.clientWidth;
    if (!width) return;  // not laid out yet (not mounted, or in a closed <details>)
    if (width !== held.width) {
      held = { width, height: 0 };
      body.style.minHeight = "";
      list.style.maxHeight = "";  // fit's room was for the old width
    }
    held.height = Math.max(held.height, body.getBoundingClientRect().height);
    body.style.minHeight = `${held.height}px`;
  }

  /**
   * Give the list `change` pixels more room (less when negative, down to MIN_LIST), and hold the
   * palette at that height even when its cards need less: the widget then takes exactly the room
   * the static figure held, and the essay below does not move when it mounts (widget.js).
   * @param {number} change
   */
  function fit(change) {
    const width = body.clientWidth;
    if (!width || Math.abs(change) < 0.5) return;
    const listHeight = list.getBoundingClientRect().height;
    const room = Math.max(Math.min(MIN_LIST, listHeight), listHeight + change);  // never below MIN_LIST by fit
    held = { width, height: body.getBoundingClientRect().height - listHeight + room };
    list.style.maxHeight = `${room}px`;
    body.style.minHeight = `${held.height}px`;
  }

  /** @type {Map<string, HTMLLIElement>} */
  const items = new Map();
  /** @type {Placements} */
  let placed = Object.create(null);
  /** The model the buttons were made from (the benchmark swaps in a bigger one). */
  let current = model;

  /** @param {string} id */
  function createItem(id) {
    const paper = /** @type {import("./model.js").Paper} */ (current.paper(id));
    // The name holds what the card shows (title, then byline); one card of the list takes Tab.
    const button = h("button", {
      type: "button", class: "spectrum-paper", "data-id": id, "aria-label": `${paper.title}, ${byline(paper)}`,
      "aria-describedby": hintId, tabindex: "-1",
    }, h("span", { class: "spectrum-paper-title", text: paper.title }),
    // A space between the lines (not drawn in the flex column) so the text reads as words, as the name does.
    " ", h("span", { class: "spectrum-paper-meta", text: byline(paper) }));
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
    roving();
    const left = items.size;
    heading.textContent = left ? `Papers to place (${left})` : "Papers to place";
    empty.hidden = left > 0 && shown > 0;
    empty.textContent = left === 0 ? "Every paper is on the chart. Drag one off the chart to return it here." : "No paper matches the filter.";
  }

  // -- one Tab stop for the whole list; arrow keys, Home and End move inside it ----------------

  /** @type {string | null} the card that takes Tab */
  let active = null;

  const shownButtons = () => [...items.values()].filter((item) => !item.hidden)
    .map((item) => /** @type {HTMLElement} */ (item.firstElementChild));

  /** Exactly one shown card is in the Tab order: the active one if shown, else the first. */
  function roving() {
    const buttons = shownButtons();
    const current = buttons.find((b) => b.dataset.id === active) ?? buttons[0];
    active = current?.dataset.id ?? null;
    for (const item of items.values()) item.firstElementChild?.setAttribute("tabindex", "-1");
    current?.setAttribute("tabindex", "0");
  }

  list.addEventListener("keydown", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest?.(".spectrum-paper");
    if (!button || event.altKey || event.ctrlKey || event.metaKey) return;
    const buttons = shownButtons();
    const at = buttons.indexOf(/** @type {HTMLElement} */ (button));
    const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, to))];
    if (!next) return;
    active = next.dataset.id ?? null;
    roving();
    next.focus();
  });
  list.addEventListener("focusin", (event) => {
    const button = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest?.(".spectrum-paper"));
    if (button && button.dataset.id !== active) {
      active = button.dataset.id ?? null;
      roving();
    }
  });

  /**
   * Show the offered papers that are not placed, in the papers file's order.
   * @param {Placements} placements
   * @param {string[]} [ids] the offered ids (the benchmark changes them)
   * @param {Model} [withModel]
   */
  function update(placements, ids = offered, withModel = current) {
    holdHeight();
    if (withModel !== current) {
      current = withModel;
      for (const item of items.values()) item.remove();
      items.clear();
    }
    offered = ids;
    placed = placements;
    let previous = null;
    offered.forEach((id) => {
      const item = items.get(id);
      if (Object.hasOwn(placed, id)) {
        if (item) {
          item.remove();
          items.delete(id);
        }
        return;
      }
      const present = item ?? createItem(id);
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

  filter.addEventListener("input", () => {
    holdHeight();
    applyFilter();
  });

  // -- dragging from the palette onto the chart (drag.js) -----------------------------------

  /** @type {ReturnType<typeof pointerDrags<{id: string, button: HTMLElement, ghost: HTMLElement}>>} */
  const drags = pointerDrags(list, {
    selector: ".spectrum-paper",
    threshold: DRAG_THRESHOLD,
    start(button) {
      const id = button.dataset.id ?? "";
      const ghost = h("div", { class: "spectrum-drag-ghost", "aria-hidden": "true", text: current.paper(id)?.title ?? "" });
      document.body.append(ghost);
      button.classList.add("dragging");
      return { id, button, ghost };
    },
    move({ ghost }, event) {
      ghost.style.transform = `translate(${event.clientX + 8}px, ${event.clientY - 12}px)`;
      highlightDrop(dropSpot(event.clientX, event.clientY) !== null);
    },
    /** @param {{id: string, button: HTMLElement, ghost: HTMLElement}} drag @param {PointerEvent} event */
    end(drag, event) {
      clear(drag);
      const spot = dropSpot(event.clientX, event.clientY);
      if (spot) onPlace(drag.id, spot, event.pointerType === "touch" ? "touch" : "drag");
    },
    cancel: clear,
  });

  /** @param {{button: HTMLElement, ghost: HTMLElement}} drag */
  function clear({ button, ghost }) {
    ghost.remove();
    button.classList.remove("dragging");
    highlightDrop(false);
  }

  /** @param {MouseEvent} event a click or Enter (a click that ends a drag is swallowed by drag.js) */
  function onClick(event) {
    const button = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(".spectrum-paper"));
    if (!button) return;
    onPlace(button.dataset.id ?? "", null, event.detail === 0 ? "keyboard" : "click");
  }

  list.addEventListener("click", onClick);

  return {
    element,
    update,
    fit,
    /** @param {string} id focus a paper's button (after it returns to the palette) */
    focus(id) {
      const button = items.get(id)?.querySelector("button");
      if (button && !items.get(id)?.hidden) {
        active = id;
        roving();
        button.focus();
      } else filter.focus();
    },
    destroy: () => drags.destroy(),
  };
}
