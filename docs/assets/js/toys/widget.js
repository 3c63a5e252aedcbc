// One toy figure on a page (the HTML of fences.toy_fence) and its lifecycle:
//   near the viewport  fetch the toy's data file, enable the controls, load Plotly
//   control changed    show the precomputed point: readouts at once, the chart
//                      updated at most once per frame with the latest values (a
//                      drag sends more input than a chart can draw); no network,
//                      no Python. The first change swaps the build's SVG for a
//                      chart drawn whole (Plotly.react); after that, when the
//                      toy's figure has one structure over its grid, only the
//                      data moves (Plotly.animate, no redraw: axes, legend and
//                      title stay), else the chart is drawn whole again
//   predict first      the result stays hidden until the reader commits a guess
//   page left          tear down (listeners, observer, chart)

import { loadPlotly, themeColours, whenNearViewport } from "../plotly-loader.js";
import { dataUpdateAt, figureAt, formatReadout, pointIndex, validateToyData } from "./grid.js";
import { oncePerFrame } from "./once-per-frame.js";

let fetchTimeoutMs = 30_000;  // as long as the live runtime waits for a stalled download
/** Set how long a data file may stall before the toy says so (the tests lower it). @param {number} ms */
export const setFetchTimeout = (ms) => { fetchTimeoutMs = ms; };

const PLOT_CONFIG = { responsive: true, displaylogo: false, displayModeBar: false, showSendToCloud: false, plotlyServerURL: "" };
// The data alone, nothing else redrawn, and no transition (nothing glides, so reduced motion
// holds too). Plotly applies it in its next animation-frame callback: before the next paint,
// or a frame later when the change itself arrived in such a callback.
const DATA_ONLY = { frame: { duration: 0, redraw: false }, transition: { duration: 0 }, mode: "immediate" };

/**
 * The figure's layout in the page's palette, its legend under the plot (never over the data):
 * at the foot of the chart (the toys' layouts place it relative to the container, where a
 * negative y would put it below the chart, cut off), Plotly making room for it.
 * @param {object} layout
 * @param {number} width
 */
export function themedLayout(layout, width) {
  const colours = themeColours();
  const phone = width < 520;
  const themed = structuredClone(layout || {});
  themed.autosize = true;
  themed.height = phone ? 360 : 440;
  themed.paper_bgcolor = "rgba(0,0,0,0)";
  themed.plot_bgcolor = "rgba(0,0,0,0)";
  themed.font = { family: getComputedStyle(document.body).fontFamily, size: 13, ...(themed.font || {}), color: colours.text };
  themed.legend = { ...(themed.legend || {}), orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom", bgcolor: "rgba(0,0,0,0)" };
  themed.margin = { l: phone ? 48 : 60, r: 12, t: 44, b: phone ? 110 : 100 };
  if (phone && themed.title) {
    const title = typeof themed.title === "string" ? { text: themed.title } : themed.title;
    themed.title = { ...title, font: { size: 13 } };
  }
  for (const key of Object.keys(themed).filter((k) => /^[xy]axis\d*$/.test(k)).concat(themed.xaxis ? [] : ["xaxis"])) {
    themed[key] = { gridcolor: colours.grid, zerolinecolor: colours.muted, linecolor: colours.muted, tickcolor: colours.muted, ...(themed[key] || {}) };
  }
  return themed;
}

/**
 * Set up one toy figure.
 * @param {HTMLElement} figure a figure.toy
 * @returns {() => void} teardown
 */
export function mountToy(figure) {
  const listening = new AbortController();
  const { signal } = listening;
  const url = figure.dataset.toyData;
  const name = figure.dataset.figureName || "";
  const readoutMeta = JSON.parse(figure.dataset.readoutDigits || "{}");
  const holder = /** @type {HTMLElement} */ (figure.querySelector(".toy__figure"));
  /** @type {import("./grid.js").ToyData | null} */
  let payload = null;
  /** @type {Promise<void> | null} */
  let loading = null;
  /** @type {HTMLElement | null} */
  let plot = null;
  let wanted = -1;   // the point the reader asked for last
  let drawing = false;
  let shown = -1;    // the point the chart shows
  /** @type {object | null} */
  let drawnLayout = null;  // the themed layout the chart was drawn whole with (a data-only update keeps it)

  const status = document.createElement("p");
  status.className = "toy__status";
  status.setAttribute("role", "status");
  figure.querySelector("figcaption")?.before(status);

  function loadData() {
    // A stalled download ends in a message, not a toy that never wakes (issue 14).
    loading ??= fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(fetchTimeoutMs)]) })
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
        return response.json();
      })
      .then((json) => {
        payload = validateToyData(json);
        for (const input of figure.querySelectorAll("input[data-control]")) input.disabled = false;
        figure.dataset.toyState = "ready";
      })
      .catch((error) => {
        if (signal.aborted) return;
        loading = null;
        figure.dataset.toyState = "failed";
        const why = error.name === "TimeoutError" ? `the data did not arrive within ${fetchTimeoutMs / 1000} s` : error.message;
        status.textContent = `The controls are unavailable: ${why}. The figure shows the default settings.`;
      });
    return loading;
  }

  /** The value index each shown control has now. */
  function chosen() {
    /** @type {Object<string, number>} */
    const picks = {};
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (figure.querySelectorAll("input[data-control]"))) {
      const control = input.dataset.control || "";
      if (input.type === "range") picks[control] = Number(input.value);
      else if (input.type === "checkbox") picks[control] = input.checked ? 1 : 0;
      else if (input.checked) picks[control] = Number(input.value);
    }
    return picks;
  }

  /** The range's value text (value and unit) beside it and for assistive technology. */
  function showValue(input) {
    if (input.type !== "range") return;
    const texts = JSON.parse(input.dataset.valueTexts || "[]");
    const text = texts[Number(input.value)] ?? input.value;
    input.setAttribute("aria-valuetext", text);
    const output = figure.querySelector(`output[data-value-of="${CSS.escape(input.dataset.control || "")}"]`);
    if (output) output.textContent = text;
  }

  function showReadouts(index) {
    const values = payload?.points[index]?.readouts || {};
    for (const cell of figure.querySelectorAll("[data-readout]")) {
      const key = /** @type {HTMLElement} */ (cell).dataset.readout || "";
      const [digits, unit] = readoutMeta[key] || [3, ""];
      cell.textContent = formatReadout(values[key], digits, unit);
    }
  }

  /** @type {WeakMap<object, {key: string, layout: object}>} */
  const layouts = new WeakMap();
  /** The themed layout, made once per shared layout, palette and width class (a redraw then skips it). */
  function layoutFor(layout) {
    const key = `${document.body.dataset.mdColorScheme}|${holder.clientWidth < 520}`;
    const cached = layouts.get(layout);
    if (cached && cached.key === key) return cached.layout;
    const themed = themedLayout(layout, holder.clientWidth);
    layouts.set(layout, { key, layout: themed });
    return themed;
  }

  /**
   * Draw the chart whole. Plotly keeps the traces it is given and a data-only
   * update writes into them: it gets a copy, so the fetched grid stays as served.
   */
  async function drawWhole(Plotly, data, layout) {
    await Plotly.react(plot, structuredClone(data.data), layout, PLOT_CONFIG);
    drawnLayout = layout;
  }

  /** Show the point the reader asked for last (called at most once per frame, by `frames`). */
  async function draw() {
    if (drawing || !payload) return;
    drawing = true;
    try {
      const Plotly = await loadPlotly();
      if (shown !== wanted && payload && !signal.aborted) {
        const index = wanted;
        const data = figureAt(payload, index, name);
        if (!plot) {
          plot = document.createElement("div");
          plot.className = "toy__plot";
          plot.setAttribute("role", "img");
          plot.setAttribute("aria-label", holder.querySelector("svg")?.getAttribute("aria-label") || "Chart");
          holder.replaceChildren(plot);
        }
        const start = performance.now();
        const layout = layoutFor(data.layout);
        const update = layout === drawnLayout ? dataUpdateAt(payload, index, name) : null;
        if (update) await Plotly.animate(plot, update, DATA_ONLY);
        else await drawWhole(Plotly, data, layout);
        performance.measure("toy: redraw", { start, end: performance.now(), detail: { toy: figure.id, dataOnly: Boolean(update) } });
        shown = index;
        figure.dataset.toyPoint = String(index);
        figure.dispatchEvent(new CustomEvent("toy-drawn", { detail: { index } }));
      }
    } catch (error) {
      status.textContent = `The chart could not be redrawn: ${error.message}`;
      return;  // (no retry every frame; the reader's next change tries again)
    } finally {
      drawing = false;
    }
    // The reader moved on while this draw waited (for Plotly to load, say): the latest point next frame.
    if (shown !== wanted && payload && !signal.aborted) frames.request();
  }
  const frames = oncePerFrame(() => { draw(); });

  async function onChange(event) {
    const input = /** @type {HTMLInputElement} */ (event.target);
    if (!input.dataset?.control) return;
    showValue(input);
    await loadData();
    if (!payload) return;
    wanted = pointIndex(payload.controls, chosen());
    showReadouts(wanted);
    figure.dataset.toyWanted = String(wanted);
    frames.request();
  }

  figure.addEventListener("input", onChange, { signal });
  figure.addEventListener("change", onChange, { signal });
  mountPredict(figure, signal);

  const stopWatching = url
    ? whenNearViewport(figure, () => {
      loadData();
      const idle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 200));
      idle(() => { if (!signal.aborted) loadPlotly().catch(() => {}); });
    }, "800px")
    : () => {};

  // A palette switch re-colours a drawn chart.
  const recolour = new MutationObserver(() => {
    if (plot && window.Plotly && shown >= 0 && payload) {
      const data = figureAt(payload, shown, name);
      drawWhole(window.Plotly, data, layoutFor(data.layout));
    }
  });
  recolour.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  return () => {
    listening.abort();
    frames.cancel();
    stopWatching();
    recolour.disconnect();
    if (plot && window.Plotly) window.Plotly.purge(plot);
  };
}

/**
 * Predict first: show the question's inputs, keep the result closed until the reader commits.
 * @param {HTMLElement} figure
 * @param {AbortSignal} signal
 */
function mountPredict(figure, signal) {
  const form = /** @type {HTMLFormElement | null} */ (figure.querySelector("form.toy__predict"));
  const result = /** @type {HTMLDetailsElement | null} */ (figure.querySelector("details.toy__result"));
  if (!form || !result) return;
  form.hidden = false;
  result.open = false;
  figure.classList.add("toy--predicting");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const guess = new FormData(form).get("guess");
    const readout = form.dataset.predictReadout;
    const said = figure.querySelector(".toy__guess");
    if (said) {
      said.textContent = `${readout ? "Your guess" : "Your answer"}: ${guess}`;
      /** @type {HTMLElement} */ (said).hidden = false;
    }
    if (readout) {
      const cell = figure.querySelector(`[data-readout="${CSS.escape(readout)}"]`);
      const mark = document.createElement("dd");
      mark.className = "toy__your-guess";
      mark.textContent = `your guess: ${guess}`;
      cell?.after(mark);
    }
    for (const element of form.elements) /** @type {HTMLInputElement} */ (element).disabled = true;
    figure.classList.remove("toy--predicting");
    figure.classList.add("toy--committed");
    result.open = true;
  }, { signal });
}
