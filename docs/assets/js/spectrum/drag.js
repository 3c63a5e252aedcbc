// One pointer-drag helper for the spectrum (mouse, pen and touch alike): the
// palette's papers dragged onto the chart and the chart's papers dragged
// along it use it. A press that moves less than the threshold stays a click;
// beyond it the drag starts, follows the pointer (captured, so it continues
// outside the element) and ends on release; the click that follows a drag is
// swallowed so it does not also open or place the paper.

/**
 * @template T
 * @param {HTMLElement} container the element whose items can be dragged
 * @param {{selector: string, threshold: number,
 *          canStart?: (item: HTMLElement, event: PointerEvent) => boolean,
 *          start: (item: HTMLElement, event: PointerEvent) => T,
 *          move: (state: T, event: PointerEvent) => void,
 *          end: (state: T, event: PointerEvent) => void,
 *          cancel: (state: T) => void}} handlers
 */
export function pointerDrags(container, { selector, threshold, canStart = () => true, start, move, end, cancel }) {
  /** @type {null | {item: HTMLElement, pointerId: number, x: number, y: number, state: T | undefined, moved: boolean}} */
  let press = null;
  let swallowClick = false;

  /** @param {PointerEvent} event */
  function onDown(event) {
    const item = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(selector));
    swallowClick = false;
    if (!item || press || (event.pointerType === "mouse" && event.button !== 0) || !canStart(item, event)) return;
    press = { item, pointerId: event.pointerId, x: event.clientX, y: event.clientY, state: undefined, moved: false };
    item.setPointerCapture(event.pointerId);
  }

  /** @param {PointerEvent} event */
  function onMove(event) {
    if (!press || event.pointerId !== press.pointerId) return;
    if (!press.moved) {
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < threshold) return;
      press.moved = true;
      press.state = start(press.item, event);
    }
    move(/** @type {T} */ (press.state), event);
  }

  /** @param {PointerEvent} event */
  function onUp(event) {
    if (!press || event.pointerId !== press.pointerId) return;
    const ended = press;
    press = null;
    if (ended.item.hasPointerCapture(event.pointerId)) ended.item.releasePointerCapture(event.pointerId);
    if (!ended.moved) return; // a click: the click handler does the rest
    swallowClick = true;
    end(/** @type {T} */ (ended.state), event);
  }

  /** @param {PointerEvent} event */
  function onCancel(event) {
    if (!press || event.pointerId !== press.pointerId) return;
    const ended = press;
    press = null;
    if (ended.moved) cancel(/** @type {T} */ (ended.state));
  }

  /** @param {MouseEvent} event */
  function onClick(event) {
    if (!swallowClick) return;
    swallowClick = false;
    event.stopImmediatePropagation();
    event.preventDefault();
  }

  const listeners = /** @type {[string, (event: any) => void, boolean][]} */ ([
    ["pointerdown", onDown, false], ["pointermove", onMove, false], ["pointerup", onUp, false],
    ["pointercancel", onCancel, false], ["lostpointercapture", onCancel, false], ["click", onClick, true],
  ]);
  for (const [type, listener, capture] of listeners) container.addEventListener(type, listener, capture);

  return {
    /** @returns {boolean} is a drag under way (past the threshold)? */
    active: () => Boolean(press?.moved),
    destroy() {
      for (const [type, listener, capture] of listeners) container.removeEventListener(type, listener, capture);
      if (press?.moved) cancel(/** @type {T} */ (press.state));
      press = null;
    },
  };
}
