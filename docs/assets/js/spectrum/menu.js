// A menu button (the WAI-ARIA menu button pattern): a button that opens a
// list of commands. Enter, Space or Down opens it on its first item, Up on its
// last; Up, Down, Home and End move through the items; Enter or Space runs
// one; Escape closes it and gives the focus back to the button; Tab, a click
// outside or a tap outside closes it. The keys' arithmetic (nextItem) is pure,
// so node:test can check it without a page.

import { h } from "./dom.js";

/**
 * Which item a key moves to, skipping disabled ones, or null if the key does not move.
 * @param {string} key a KeyboardEvent key
 * @param {number} at the focused item's index (-1: none yet)
 * @param {boolean[]} enabled one per item
 * @returns {number | null}
 */
export function nextItem(key, at, enabled) {
  const count = enabled.length;
  const first = enabled.indexOf(true);
  if (first < 0) return null;
  const last = enabled.lastIndexOf(true);
  /** @param {number} from @param {number} step the next enabled item from `from` (wrapping round) */
  const walk = (from, step) => {
    for (let i = 1; i <= count; i++) {
      const index = (((from + step * i) % count) + count) % count;
      if (enabled[index]) return index;
    }
    return null;
  };
  if (key === "Home") return first;
  if (key === "End") return last;
  if (key === "ArrowDown") return at < 0 ? first : walk(at, 1);
  if (key === "ArrowUp") return at < 0 ? last : walk(at, -1);
  return null;
}

/**
 * @typedef {{text: string, select: () => void, disabled?: () => boolean}} MenuItem
 */

/**
 * @param {{label: string, id: string, items: MenuItem[]}} options
 *   label: the button's text (and the menu's name); id: a unique prefix for the menu's id
 */
export function createMenuButton({ label, id, items }) {
  const menuId = `${id}-menu`;
  const toggle = /** @type {HTMLButtonElement} */ (h("button", {
    type: "button", class: "spectrum-button spectrum-menu-button", id: `${id}-button`,
    "aria-haspopup": "menu", "aria-expanded": "false", "aria-controls": menuId,
  }, h("span", { text: label }), h("span", { class: "spectrum-menu-caret", "aria-hidden": "true" })));
  const buttons = items.map((item) => /** @type {HTMLButtonElement} */ (h("button", {
    type: "button", role: "menuitem", class: "spectrum-menu-item", tabindex: "-1", text: item.text,
  })));
  const menu = h("div", { class: "spectrum-menu", id: menuId, role: "menu", "aria-labelledby": toggle.id, hidden: true },
    ...buttons);
  const element = h("div", { class: "spectrum-menu-wrap" }, toggle, menu);

  const isOpen = () => !menu.hidden;
  const enabled = () => items.map((item) => !item.disabled?.());

  /** Disabled items stay in the menu, announced as such (aria-disabled: they can still take focus). */
  function update() {
    items.forEach((item, index) => buttons[index].setAttribute("aria-disabled", String(Boolean(item.disabled?.()))));
  }

  /** @param {number | null} index */
  function focusItem(index) {
    if (index !== null) buttons[index]?.focus();
  }

  /** @param {"first" | "last"} where */
  function open(where) {
    update();
    menu.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    focusItem(nextItem(where === "first" ? "Home" : "End", -1, enabled()));
    document.addEventListener("pointerdown", onOutside, true);
  }

  /** @param {boolean} refocus give the focus back to the button (Escape, a chosen item) */
  function close(refocus) {
    if (!isOpen()) return;
    menu.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", onOutside, true);
    if (refocus) toggle.focus();
  }

  /** @param {Event} event a press anywhere: outside the menu and its button, it closes the menu */
  function onOutside(event) {
    if (!element.contains(/** @type {Node} */ (event.target))) close(false);
  }

  toggle.addEventListener("click", (event) => {
    if (isOpen()) close(true);
    // A click by keyboard (Enter, Space: detail 0) or by pointer both open on the first item.
    else open("first");
    event.stopPropagation();
  });
  toggle.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowDown" ? "first" : "last");
    }
  });
  menu.addEventListener("keydown", (event) => {
    const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (event.target));
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    } else {
      const to = nextItem(event.key, at, enabled());
      if (to === null) return;
      event.preventDefault();
      focusItem(to);
    }
  });
  menu.addEventListener("click", (event) => {
    const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (/** @type {Element} */ (event.target).closest("[role=menuitem]")));
    if (at < 0 || items[at].disabled?.()) return;
    close(true);
    items[at].select();
  });
  // The focus leaving the menu (by Tab, or a click elsewhere that takes focus) closes it.
  element.addEventListener("focusout", (event) => {
    const to = /** @type {Node | null} */ (event.relatedTarget);
    if (isOpen() && to && !element.contains(to)) close(false);
  });

  return {
    element,
    button: toggle,
    update,
    close,
    destroy: () => close(false),
  };
}
