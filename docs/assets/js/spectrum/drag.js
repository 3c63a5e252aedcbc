// One pointer-drag helper for the spectrum (mouse, pen and touch alike): the
// palette's papers dragged onto the chart and the chart's papers dragged
// along it use it. A press that moves less than the threshold stays a click;
// beyond it the drag starts, follows the pointer (captured, so it continues
// outside the element) and ends on release; the click that follows a drag is
// swallowed so it does not also open or place the paper.
//
// A finger is also how a phone scrolls, so touch is read differently
// (touchIntent): a mostly vertical move is left to the browser (the items
// carry `touch-action: pan-y`, the page scrolls and the press is cancelled);
// a mostly horizontal move, or any move after the finger has rested on the
// item for HOLD_MS (a long press), is a drag, and then the page stays still.

/** How long a finger rests on an item before any move of it drags (a long press). */
export const HOLD_MS = 300;

/**
 * What a touch that has moved (dx, dy) from where it went down means.
 * @param {number} dx @param {number} dy pixels moved
 * @param {number} threshold pixels a press may wobble and stay a tap
 * @param {boolean} held has the finger rested for HOLD_MS first?
 * @returns {"wait" | "drag" | "scroll"}
 */
export function touchIntent(dx, dy, threshold, held) {
  if (Math.hypot(dx, dy) < threshold) return "wait";
  if (held) return "drag";
  return Math.abs(dx) >= Math.abs(dy) ? "drag" : "scroll";
}

/**
 * @template T
 * @param {HTMLElement} container the element whose items can be dragged
 * @param {{selector: string, threshold: number, holdMs?: number,
 *          canStart?: (item: HTMLElement, event: PointerEvent) => boolean,
 *          start: (item: HTMLElement, event: PointerEvent, how: {touch: boolean, held: boolean}) => T,
 *          move: (state: T, event: PointerEvent) => void,
 *          end: (state: T, event: PointerEvent) => void,
 *          cancel: (state: T) => void}} handlers
 */
export function pointerDrags(container, { selector, threshold, holdMs = HOLD_MS, canStart = () => true, start, move, end, cancel }) {
  /** @type {null | {item: HTMLElement, pointerId: number, x: number, y: number, state: T | undefined, moved: boolean,
   *                 touch: boolean, held: boolean, scrolling: boolean, timer: ReturnType<typeof setTimeout> | undefined}} */
  let press = null;
  let swallowClick = false;

  function forget() {
    if (!press) return;
    clearTimeout(press.timer);
    if (press.held) press.item.classList.remove("held");
    press = null;
  }

  /** @param {PointerEvent} event */
  function onDown(event) {
    const item = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(selector));
    swallowClick = false;
    if (!item || press || (event.pointerType === "mouse" && event.button !== 0) || !canStart(item, event)) return;
    const touch = event.pointerType === "touch";
    press = { item, pointerId: event.pointerId, x: event.clientX, y: event.clientY, state: undefined, moved: false,
      touch, held: false, scrolling: false, timer: undefined };
    if (touch) {
      const held = press;
      held.timer = setTimeout(() => {
        if (press !== held || held.moved || held.scrolling) return;
        held.held = true;
        held.item.classList.add("held"); // the card lifts: now it follows the finger
      }, holdMs);
    }
    item.setPointerCapture(event.pointerId);
  }

  /** @param {PointerEvent} event */
  function onMove(event) {
    if (!press || event.pointerId !== press.pointerId || press.scrolling) return;
    if (!press.moved) {
      const dx = event.clientX - press.x, dy = event.clientY - press.y;
      const intent = press.touch ? touchIntent(dx, dy, threshold, press.held)
        : Math.hypot(dx, dy) < threshold ? "wait" : "drag";
      if (intent === "wait") return;
      if (intent === "scroll") {
        press.scrolling = true; // the browser scrolls; its pointercancel ends the press
        clearTimeout(press.timer);
        return;
      }
      press.moved = true;
      clearTimeout(press.timer);
      press.state = start(press.item, event, { touch: press.touch, held: press.held });
    }
    move(/** @type {T} */ (press.state), event);
  }

  /** @param {PointerEvent} event */
  function onUp(event) {
    if (!press || event.pointerId !== press.pointerId) return;
    const ended = press;
    forget();
    if (ended.item.hasPointerCapture(event.pointerId)) ended.item.releasePointerCapture(event.pointerId);
    if (!ended.moved) return; // a click: the click handler does the rest
    swallowClick = true;
    end(/** @type {T} */ (ended.state), event);
  }

  /** @param {PointerEvent} event */
  function onCancel(event) {
    if (!press || event.pointerId !== press.pointerId) return;
    const ended = press;
    forget();
    if (ended.moved) cancel(/** @type {T} */ (ended.state));
  }

  /** @param {MouseEvent} event */
  function onClick(event) {
    if (!swallowClick) return;
    swallowClick = false;
    event.stopImmediatePropagation();
    event.preventDefault();
  }

  /** A held or dragging finger moves the paper, not the page. @param {TouchEvent} event */
  function onTouchMove(event) {
    if (press?.touch && (press.held || press.moved) && event.cancelable) event.preventDefault();
  }

  /** A long press opens no context menu while it holds a paper. @param {Event} event */
  function onContextMenu(event) {
    if (press?.touch) event.preventDefault();
  }

  const listeners = /** @type {[string, (event: any) => void, AddEventListenerOptions][]} */ ([
    ["pointerdown", onDown, {}], ["pointermove", onMove, {}], ["pointerup", onUp, {}],
    ["pointercancel", onCancel, {}], ["lostpointercapture", onCancel, {}], ["click", onClick, { capture: true }],
    ["touchmove", onTouchMove, { passive: false }], ["contextmenu", onContextMenu, {}],
  ]);
  for (const [type, listener, options] of listeners) container.addEventListener(type, listener, options);

  return {
    /** @returns {boolean} is a drag under way (past the threshold)? */
    active: () => Boolean(press?.moved),
    destroy() {
      for (const [type, listener, options] of listeners) container.removeEventListener(type, listener, options);
      const pending = press;
      forget();
      if (pending?.moved) cancel(/** @type {T} */ (pending.state));
    },
  };
}
