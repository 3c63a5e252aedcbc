import assert from "node:assert/strict";
import { test } from "node:test";

import { oncePerFrame } from "../../docs/assets/js/toys/once-per-frame.js";

/** A frame clock the test advances by hand: tick() runs the callbacks requested so far. */
function fakeFrames() {
  let queue = new Map();
  let next = 1;
  return {
    nextFrame: (callback) => { queue.set(next, callback); return next++; },
    cancelFrame: (handle) => { queue.delete(handle); },
    tick() {
      const due = queue;
      queue = new Map();
      for (const callback of due.values()) callback();
    },
    get waiting() { return queue.size; },
  };
}

test("a single request runs at once, with no frame to wait for", () => {
  const clock = fakeFrames();
  let runs = 0;
  const frames = oncePerFrame(() => { runs += 1; }, clock.nextFrame, clock.cancelFrame);
  frames.request();
  assert.equal(runs, 1);
  clock.tick();
  assert.equal(runs, 1, "nothing more was asked for");
});

test("a burst of requests in one frame runs once now and once next frame, reading the latest state", () => {
  const clock = fakeFrames();
  let value = 0;
  const seen = [];
  const frames = oncePerFrame(() => { seen.push(value); }, clock.nextFrame, clock.cancelFrame);
  for (value = 1; value <= 10; value += 1) frames.request();
  value = 10;
  assert.deepEqual(seen, [1]);
  clock.tick();
  assert.deepEqual(seen, [1, 10], "the last value wins, the ones between are skipped");
  clock.tick();
  assert.deepEqual(seen, [1, 10]);
  assert.equal(clock.waiting, 0, "idle again: no frame kept requested");
});

test("requests spread over frames run at most once per frame", () => {
  const clock = fakeFrames();
  let runs = 0;
  const frames = oncePerFrame(() => { runs += 1; }, clock.nextFrame, clock.cancelFrame);
  for (let frame = 0; frame < 5; frame += 1) {
    const before = runs;
    frames.request();
    frames.request();
    frames.request();
    assert.ok(runs - before <= 1, `frame ${frame}: ${runs - before} runs`);
    clock.tick();
  }
  assert.ok(runs <= 6, `${runs} runs for 5 frames`);
});

test("cancel drops the waiting run (the page went away)", () => {
  const clock = fakeFrames();
  let runs = 0;
  const frames = oncePerFrame(() => { runs += 1; }, clock.nextFrame, clock.cancelFrame);
  frames.request();
  frames.request();
  frames.cancel();
  clock.tick();
  assert.equal(runs, 1);
  frames.request();
  assert.equal(runs, 2, "usable again after cancel");
});
