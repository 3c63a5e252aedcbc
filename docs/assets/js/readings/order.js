// Commit, then reveal: the reader puts a list in order (each item has "move up" and
// "move down" buttons, reachable by keyboard and large enough to tap, and a grip to
// drag it by with a mouse, pen or finger), commits it,
// and only then sees the author's order beside theirs, with a sentence on how the
// two differ. The author's order is not in the page until then (the build puts it
// in a <noscript> only): it is rebuilt from the items' keys (data-item, the
// item's place in the author's order).

import { orderSentence } from "./sentences.js";

/**
 * @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text]
 * @returns {HTMLElement}
 */
function el(tag, attrs = {}, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** @param {HTMLElement} item */
const textOf = (item) => item.querySelector(".order-item__text")?.textContent ?? "";

/** @param {HTMLElement} figure */
function mount(figure) {
  const list = /** @type {HTMLOListElement | null} */ (figure.querySelector("ol.order-quiz__yours"));
  if (!list || figure.dataset.orderReady) return;
  figure.dataset.orderReady = "true";
  const cycle = figure.dataset.cycle === "true";
  const items = () => /** @type {HTMLElement[]} */ ([...list.querySelectorAll(":scope > li.order-item")]);
  const status = el("p", { class: "order-quiz__status", "aria-live": "polite" });
  const commit = el("button", { type: "button", class: "md-button order-quiz__commit" }, "Commit my order");
  const actions = el("div", { class: "order-quiz__actions" });
  actions.append(commit, status);

  function refresh() {
    const all = items();
    all.forEach((item, index) => {
      const [up, down] = /** @type {HTMLButtonElement[]} */ ([...item.querySelectorAll("button")]);
      up.disabled = index === 0;
      down.disabled = index === all.length - 1;
      item.dataset.position = String(index + 1);
    });
  }

  /** @param {HTMLElement} item @param {-1 | 1} step @param {HTMLButtonElement} pressed */
  function move(item, step, pressed) {
    const all = items();
    const index = all.indexOf(item);
    const target = all[index + step];
    if (!target) return;
    if (step < 0) target.before(item);
    else target.after(item);
    refresh();
    // Focus stays on the button pressed, or on the other one once this one is disabled at an end.
    const [up, down] = /** @type {HTMLButtonElement[]} */ ([...item.querySelectorAll("button")]);
    (pressed.disabled ? (pressed === up ? down : up) : pressed).focus();
    status.textContent = `“${textOf(item)}” is now ${index + step + 1} of ${all.length}.`;
  }

  /**
   * Drag an item by its grip: it moves among the others as the pointer passes their middles.
   * Only the grip takes the pointer (touch-action: none), so a finger elsewhere still scrolls.
   * @param {HTMLElement} item @param {HTMLElement} grip
   */
  function draggable(item, grip) {
    grip.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      // The document, not the grip, follows the pointer: moving the item in the list would
      // release a capture held by its grip.
      item.classList.add("order-item--dragging");
      const start = items().indexOf(item);
      /** @param {PointerEvent} moved */
      const onMove = (moved) => {
        if (moved.pointerId !== event.pointerId) return;
        const others = items().filter((other) => other !== item);
        const before = others.find((other) => {
          const box = other.getBoundingClientRect();
          return moved.clientY < box.top + box.height / 2;
        });
        if (before) {
          if (item.nextElementSibling !== before) before.before(item);
        } else if (list.lastElementChild !== item) {
          list.append(item);
        }
      };
      /** @param {PointerEvent} ended */
      const onEnd = (ended) => {
        if (ended.pointerId !== event.pointerId) return;
        document.removeEventListener("pointermove", onMove);
        document.removeEventListener("pointerup", onEnd);
        document.removeEventListener("pointercancel", onEnd);
        item.classList.remove("order-item--dragging");
        refresh();
        const end = items().indexOf(item);
        if (end !== start) status.textContent = `“${textOf(item)}” is now ${end + 1} of ${items().length}.`;
      };
      document.addEventListener("pointermove", onMove);
      document.addEventListener("pointerup", onEnd);
      document.addEventListener("pointercancel", onEnd);
    });
  }

  for (const item of items()) {
    const name = textOf(item);
    // The grip is for pointers; the buttons are the path for keys and screen readers.
    const grip = el("span", { class: "order-item__grip", "aria-hidden": "true", title: "Drag to move" }, "⠿");
    item.prepend(grip);
    draggable(item, grip);
    const up = el("button", { type: "button", class: "order-item__move", "aria-label": `Move “${name}” up` }, "↑");
    const down = el("button", { type: "button", class: "order-item__move", "aria-label": `Move “${name}” down` }, "↓");
    up.addEventListener("click", () => move(item, -1, /** @type {HTMLButtonElement} */ (up)));
    down.addEventListener("click", () => move(item, 1, /** @type {HTMLButtonElement} */ (down)));
    const controls = el("span", { class: "order-item__controls" });
    controls.append(up, down);
    item.append(controls);
  }
  list.after(actions);
  list.classList.add("order-quiz__yours--active");
  refresh();

  commit.addEventListener("click", () => {
    const mine = items();
    const order = mine.map(textOf);
    const author = [...mine].sort((a, b) => Number(a.dataset.item) - Number(b.dataset.item)).map(textOf);
    for (const item of mine) item.querySelectorAll(".order-item__controls, .order-item__grip").forEach((part) => part.remove());
    list.classList.remove("order-quiz__yours--active");
    // A cycle has no places to be right in: its sentence reads what follows what.
    if (!cycle) {
      mine.forEach((item, index) => {
        const right = author[index] === order[index];
        item.classList.add(right ? "order-item--same" : "order-item--differs");
        item.append(el("span", { class: "order-item__mark" }, right ? " ✓ where I put it" : ""));
      });
    }
    const yours = el("div", { class: "order-quiz__column" });
    yours.append(el("p", { class: "order-quiz__heading", id: `${figure.id}-yours` }, "Your order"), list);
    list.setAttribute("aria-labelledby", `${figure.id}-yours`);
    const theirs = el("div", { class: "order-quiz__column order-quiz__answer" });
    const authorList = el("ol", { "aria-labelledby": `${figure.id}-mine` });
    for (const text of author) authorList.append(el("li", {}, text));
    theirs.append(el("p", { class: "order-quiz__heading", id: `${figure.id}-mine` }, "My order"), authorList);
    const columns = el("div", { class: "order-quiz__result" });
    columns.append(yours, theirs);
    const sentence = el("p", { class: "order-quiz__sentence", tabindex: "-1" }, orderSentence(order, author, cycle));
    actions.replaceWith(columns, sentence);
    figure.dataset.committed = "true";
    sentence.focus();
  });
}

if (typeof document$ !== "undefined") {
  document$.subscribe(() => {
    for (const figure of document.querySelectorAll("figure.order-quiz")) mount(/** @type {HTMLElement} */ (figure));
  });
}
