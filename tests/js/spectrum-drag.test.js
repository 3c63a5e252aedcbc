// drag.js, the one pointer-drag helper of the palette and the chart, with a fake element:
// a press below the threshold is a click; past it, start, move, end; the click after a drag is swallowed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { pointerDrags } from "../../docs/assets/js/spectrum/drag.js";

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

function setup(options = {}) {
  const container = fakeContainer();
  const item = { dataset: { id: "p" }, captured: false, closest: () => item,
    setPointerCapture() { this.captured = true; }, hasPointerCapture() { return this.captured; }, releasePointerCapture() { this.captured = false; } };
  const log = [];
  const fire = (event) => {
    event.target = { closest: () => item };
    container.dispatchEvent(event);
    return event;
  };
  const drags = pointerDrags(/** @type {any} */ (container), {
    selector: ".x", threshold: 5,
    start: (it, e) => (log.push(["start", e.clientX]), { n: 0 }),
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
