// Hooks for the tests and the benchmarks, in one module the pages never load:
// a test or a benchmark imports it explicitly (page.evaluate with import(url)).
// It reads the reader's map and the spectrum widgets' state, times them, lowers
// the data files' stall limit, and warms Plotly up before a measurement.
import { loadPlotly } from "./plotly-loader.js";
import { internals } from "./spectrum/index.js";
import { timing } from "./spectrum/chart.js";

/** The reader's map as plain data, and what the views show. */
export function debugState() {
  const store = internals.store;
  const plain = (placements) => JSON.parse(JSON.stringify(placements ?? {}));
  return { own: plain(store?.placements()), visible: plain(store?.visible()), previewing: store?.previewing() ?? false, key: store?.key };
}

/** Set how long the catalogue or the author's map may stall (the tests lower it). @param {number} ms */
export function setFetchTimeout(ms) {
  internals.fetchTimeoutMs = ms;
}

/**
 * Put n synthetic placed papers on the index-th chart of the page (the store is untouched).
 * @param {number} index @param {number} n
 */
export async function benchSynthetic(index, n) {
  await internals.widgets[index].synthetic(n);
}

/**
 * Start (true) or stop (false) collecting timings; returns those collected so far, in ms:
 * {moves: per pointer move while dragging, drops: per drop (store commit and redraw)}.
 * @param {boolean} on
 */
export function benchTiming(on) {
  timing.enabled = on;
  return { moves: timing.samples.splice(0), drops: timing.drops.splice(0) };
}

/** @type {Promise<void> | null} */
let warming = null;

/**
 * Load Plotly and draw one throw-away chart off screen: the first chart on a
 * page costs 2-3 times the next ones (Plotly adds its style rules, compiles
 * its drawing code and measures fonts). The pages never do this (Plotly is
 * evaluated only when a chart is near); the benchmarks do, to separate that
 * one-time cost from what they measure. Resolves when done.
 * @returns {Promise<void>}
 */
export function warmPlotly() {
  warming ??= Promise.all([loadPlotly(), import("./json-figures.js")]).then(async ([Plotly, { CONFIG }]) => {
    await new Promise((resolve) => setTimeout(resolve, 0));  // evaluating Plotly was one task; drawing is the next
    const scratch = document.createElement("div");
    scratch.setAttribute("aria-hidden", "true");
    scratch.style.cssText = "position:absolute;left:-10000px;top:0;width:320px;height:200px;overflow:hidden";
    document.body.append(scratch);
    try {
      // The trace and axis kinds the toys draw, so their code paths are compiled too.
      await Plotly.newPlot(scratch, [
        { type: "scatter", mode: "lines+markers", x: [1, 10, 100], y: [3, 2, 1], name: "a" },
        { type: "scatter", mode: "lines", x: [1, 100], y: [3, 1], name: "b", line: { dash: "dash" } },
        { type: "bar", x: [1, 10], y: [1, 2], name: "c" },
      ], { width: 320, height: 200, title: { text: "warm-up" }, xaxis: { type: "log" }, yaxis: { type: "log" } }, CONFIG);
    } finally {
      Plotly.purge(scratch);
      scratch.remove();
    }
  });
  return warming;
}
