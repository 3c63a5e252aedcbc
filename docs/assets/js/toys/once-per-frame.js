// At most one run per animation frame, the latest request winning: how a toy
// redraws while a reader drags a slider faster than a chart can be drawn.
// No DOM here (the frame clock is passed in): tested with node --test.

/**
 * Throttle `work` to one run per frame. A request runs it at once when it has
 * not run since the last frame began (so a single change waits for nothing);
 * requests that come after that, however many, make one run at the start of
 * the next frame (the work reads the latest state then, so the last value wins).
 * @param {() => void} work
 * @param {(callback: () => void) => number} [nextFrame] requestAnimationFrame
 * @param {(handle: number) => void} [cancelFrame] cancelAnimationFrame
 * @returns {{request: () => void, cancel: () => void}}
 */
export function oncePerFrame(work, nextFrame = (callback) => requestAnimationFrame(callback),
  cancelFrame = (handle) => cancelAnimationFrame(handle)) {
  let frame = 0;        // non-zero: work ran since the last frame began
  let pending = false;  // a request is waiting for the next frame

  function run() {
    frame = nextFrame(() => {
      frame = 0;
      if (pending) {
        pending = false;
        run();
      }
    });
    work();
  }

  return {
    request() {
      if (frame) pending = true;
      else run();
    },
    cancel() {
      if (frame) cancelFrame(frame);
      frame = 0;
      pending = false;
    },
  };
}
