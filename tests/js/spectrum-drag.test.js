// drag.js, the one pointer-drag helper of the palette and the chart, with a fake element:
// a press below the threshold is a click; past it, start, move, end; the click after a drag is swallowed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { HOLD_MS, pointerDrags, touchIntent } from "../../docs/assets/js/spectrum/drag.js";

function pointer(type, x, y, extra = {}) {
  return { type, clientX: x, clientY: y, pointerId: 1, pointerType: "mouse", button: 0, ...extra };
}
const click = () => ({ type: "click", stopped: false, stopImmediatePropagation() { this.stopped = true; }, preventDefault() {} });

/** A container that calls its listeners in order (capture ones first) and stops when told. */
function fakeContainer() {
  const listeners = [];
  return {
    addEventListener: (type, fn, capture) => listeners.push({ type, fn, capture: Boolean(capture) }),
    removeEventListener: (type, fn) => listeners.splice(listeners.findIndex((l) => l.type === type && l.fn === fn), 1),
    dispatchEvent(event) {
      for (const { type, fn } of [...listeners].sort((a, b) => Number(b.capture) - Number(a.capture))) {
        if (type === event.type && !event.stopped) fn(event);
      }
    },
  };
}

function fakeClassList() {
  const names = new Set();
  return { add: (name) => names.add(name), remove: (name) => names.delete(name), has: (name) => names.has(name) };
}

function setup(options = {}) {
  const container = fakeContainer();
  const item = { dataset: { id: "p" }, captured: false, closest: () => item, classList: fakeClassList(),
    setPointerCapture() { this.captured = true; }, hasPointerCapture() { return this.captured; }, releasePointerCapture() { this.captured = false; } };
  const log = [];
  const fire = (event) => {
    event.target = { closest: () => item };
    container.dispatchEvent(event);
    return event;
  };
  const drags = pointerDrags(/** @type {any} */ (container), {
    selector: ".x", threshold: 5,
    start: (it, e, how) => (log.push(["start", e.clientX, ...(how.touch ? [how.held ? "held" : "moved"] : [])]), { n: 0 }),
    move: (state, e) => log.push(["move", e.clientX, ++state.n]),
    end: (state, e) => log.push(["end", e.clientX, state.n]),
    cancel: (state) => log.push(["cancel", state.n]),
    ...options,
  });
  let clicked = 0;
  container.addEventListener("click", () => clicked++);
  return { fire, log, drags, clicked: () => clicked, item };
}

test("a press that moves less than the threshold stays a click", () => {
  const { fire, log, clicked } = setup();
  fire(pointer("pointerdown", 0, 0));
  fire(pointer("pointermove", 3, 0));
  fire(pointer("pointerup", 3, 0));
  fire(click());
  assert.deepEqual(log, []);
  assert.equal(clicked(), 1);
});

test("past the threshold: start, move, end, and the click after it is swallowed", () => {
  const { fire, log, clicked, drags } = setup();
  fire(pointer("pointerdown", 0, 0));
  fire(pointer("pointermove", 10, 0));
  assert.equal(drags.active(), true);
  fire(pointer("pointermove", 20, 0));
  fire(pointer("pointerup", 25, 0));
  fire(click());
  assert.deepEqual(log, [["start", 10], ["move", 10, 1], ["move", 20, 2], ["end", 25, 2]]);
  assert.equal(clicked(), 0);
  assert.equal(drags.active(), false);
  fire(click());
  assert.equal(clicked(), 1, "only the one click after the drag");
});

test("a cancelled drag is cancelled; a right button, another pointer or a refused item start nothing", () => {
  const { fire, log } = setup();
  fire(pointer("pointerdown", 0, 0));
  fire(pointer("pointermove", 10, 0));
  fire(pointer("pointermove", 50, 0, { pointerId: 2 }));
  fire(pointer("pointercancel", 10, 0));
  assert.deepEqual(log, [["start", 10], ["move", 10, 1], ["cancel", 1]]);
  fire(pointer("pointerdown", 0, 0, { button: 2 }));
  fire(pointer("pointermove", 30, 0));
  assert.equal(log.length, 3);
  const refused = setup({ canStart: () => false });
  refused.fire(pointer("pointerdown", 0, 0));
  refused.fire(pointer("pointermove", 30, 0));
  assert.deepEqual(refused.log, []);
});

test("a touch: a mostly vertical move is a scroll, a mostly horizontal one a drag, any move after a hold a drag", () => {
  assert.equal(touchIntent(2, 3, 8, false), "wait");
  assert.equal(touchIntent(3, 30, 8, false), "scroll");
  assert.equal(touchIntent(20, 12, 8, false), "drag");
  assert.equal(touchIntent(20, -20, 8, false), "drag", "a diagonal");
  assert.equal(touchIntent(0, -40, 8, true), "drag", "held first: even straight up");
});

test("a finger swiping up over an item leaves it to the page; held first, the same swipe drags it", (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const touch = (type, x, y) => pointer(type, x, y, { pointerType: "touch" });
  const swipe = setup();
  swipe.fire(touch("pointerdown", 0, 100));
  swipe.fire(touch("pointermove", 1, 60));
  swipe.fire(touch("pointermove", 2, 20));
  t.mock.timers.tick(HOLD_MS + 50);
  swipe.fire(touch("pointercancel", 2, 20)); // the browser took it: the page scrolls
  assert.deepEqual(swipe.log, []);
  assert.equal(swipe.drags.active(), false);

  const hold = setup();
  hold.fire(touch("pointerdown", 0, 100));
  t.mock.timers.tick(HOLD_MS + 10);
  assert.ok(hold.item.classList.has("held"), "the held item shows it");
  const moved = { type: "touchmove", cancelable: true, prevented: false, preventDefault() { this.prevented = true; } };
  hold.fire(touch("pointermove", 1, 60));
  hold.fire(moved);
  hold.fire(touch("pointerup", 1, 20));
  assert.deepEqual(hold.log, [["start", 1, "held"], ["move", 1, 1], ["end", 1, 1]]);
  assert.ok(moved.prevented, "while a paper is held the page does not scroll");
  assert.ok(!hold.item.classList.has("held"));
});
