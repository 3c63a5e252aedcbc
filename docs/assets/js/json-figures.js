// Figures given as Plotly JSON on the site's pages: drawn by the site's own draw-svg.js when they
// stay inside the subset it draws (what the toys show), else by the one pinned
// Plotly bundle (loaded only then: a reader's own heatmap, say).
//
// A figure is JSON in the page, never a script that runs: either
//   <div class="json-figure" data-figure='{"data": [...], "layout": {...}}'>…fallback…</div>
// or the same div holding <script type="application/json">…</script>.
// Notebook outputs (place_for_research.toys.display.show) and live runs
// (assets/js/live/) both use it. Figures are drawn lazily when they come
// near the viewport, one per animation frame (so no drawing blocks the page for long),
// on every page Material shows (instant navigation included), in the
// colours of the current light or dark palette (our SVG takes them from CSS).

import { loadPlotly, themeColours } from "./plotly-loader.js";
import { canDraw, fittedHeight, render } from "./draw-svg.js";

/** @typedef {Record<string, any>} PlotlyJSON a part of a Plotly figure (trace, layout, config): whatever keys Plotly reads */

const SELECTOR = ".json-figure";
const DEFAULT_HEIGHT = 420;
const PHONE_HEIGHT = 340;

/**
 * Parse figure JSON (Python's json.dumps may write NaN or Infinity, which JSON has no words for).
 * @param {string} text
 * @returns {{data: PlotlyJSON[], layout?: PlotlyJSON, config?: PlotlyJSON}}
 */
export function parseFigure(text) {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/-?\bInfinity\b|\bNaN\b/g, "null"));
  }
}

/** @param {HTMLElement} element @returns {string | null} the figure JSON an element carries */
function figureSource(element) {
  if (element.dataset.figure) return element.dataset.figure;
  const script = element.querySelector('script[type="application/json"]');
  return script ? script.textContent : null;
}

/**
 * The figure's layout in the page's palette: Material's text and grid colours
 * wherever the figure does not set its own.
 * @param {PlotlyJSON} layout
 * @param {number} width of the container, for a phone-friendly height and margins
 * @param {number} [legendEntries] how many traces show in the legend
 */
function themedLayout(layout, width, legendEntries = 0) {
  const colours = themeColours();
  const themed = structuredClone(layout || {});
  const phone = width > 0 && width < 520;
  themed.autosize = true;
  themed.height ??= phone ? PHONE_HEIGHT : DEFAULT_HEIGHT;
  themed.paper_bgcolor ??= "rgba(0,0,0,0)";
  themed.plot_bgcolor ??= "rgba(0,0,0,0)";
  themed.font = { family: getComputedStyle(document.body).fontFamily, ...(themed.font || {}), color: colours.text };
  themed.hoverlabel = { bgcolor: colours.background, bordercolor: colours.muted, font: { color: colours.text }, ...(themed.hoverlabel || {}) };
  themed.legend = { bgcolor: "rgba(0,0,0,0)", ...(themed.legend || {}) };
  if (phone) {
    // A phone is too narrow for a legend beside or inside the plot: it goes
    // underneath, one line per entry, and the chart grows to make room.
    const margin = themed.margin || {};
    themed.margin = {
      ...margin, l: Math.min(margin.l ?? 48, 48), r: 10, t: Math.min(margin.t ?? 44, 44),
      b: 56 + 20 * legendEntries,  // axis title, then the legend lines
    };
    themed.legend = { ...themed.legend, orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom", font: { size: 12 } };  // 12 px: the floor for chart text
    themed.height += 20 * legendEntries;
    if (themed.title) {
      const title = typeof themed.title === "string" ? { text: themed.title } : themed.title;
      themed.title = { ...title, font: { size: 13, ...(title.font || {}) } };
    }
  }
  themed.xaxis ??= {};
  themed.yaxis ??= {};
  for (const key of Object.keys(themed)) {
    if (!/^[xy]axis\d*$/.test(key)) continue;
    const axis = themed[key];
    axis.gridcolor ??= colours.grid;
    axis.zerolinecolor ??= colours.muted;
    axis.linecolor ??= colours.muted;
    axis.tickcolor ??= colours.muted;
  }
  return themed;
}

/** Plotly's config for every chart the site draws with it. */
export const CONFIG = {
  responsive: true,
  displaylogo: false,
  // Plotly 4 shows a "Share chart" button that uploads the chart to Plotly's
  // cloud by default: never on this site (nothing leaves for another origin).
  showSendToCloud: false,
  plotlyServerURL: "",
  modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian"],
};

// Figures are drawn one per animation frame, in the order they come near the
// viewport: each Plotly draw is a task of its own, right after a frame is
// painted, so the page keeps painting and answering between them.
/** @type {Array<() => Promise<void>>} */
const queue = [];
let draining = false;

/** The next draw: after the next frame is painted. */
function nextFrame() {
  requestAnimationFrame(() => setTimeout(drain, 0));
}

function schedule(job) {
  queue.push(job);
  if (!draining) {
    draining = true;
    nextFrame();
  }
}

async function drain() {
  const job = queue.shift();
  if (job) {
    try {
      await job();
    } catch (error) {
      console.warn("A figure could not be drawn:", error);
    }
  }
  if (queue.length) nextFrame();
  else draining = false;
}

/**
 * @typedef {object} FigureState
 * @property {() => PlotlyJSON} figure   the parsed figure (parsed on first draw)
 * @property {Array<() => void>} waiters  resolved once the figure is drawn
 */
/** @type {WeakMap<HTMLElement, FigureState>} */
const states = new WeakMap();

/** Figures are drawn when within this distance of the viewport, and visible. */
let observer = newObserver();

function newObserver() {
  return new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      schedule(() => draw(/** @type {HTMLElement} */ (entry.target)));
    }
  }, { rootMargin: "600px" });
}

/**
 * Draw `element`'s figure now (if it is still on the page and visible; a
 * figure inside a hidden output waits until it shows again).
 * @param {HTMLElement} element
 */
async function draw(element) {
  const state = states.get(element);
  if (!state || !element.isConnected) return;
  if (element.checkVisibility && !element.checkVisibility()) {
    observer.observe(element);  // fires again when it is shown (and near)
    return;
  }
  // A build-time figure of a cell about to run live would be replaced at
  // once: skip it (the notebook calls watchFigures() if the run is called off).
  if (!element.dataset.live && element.closest('[data-live-state="queued"], [data-live-state="running"]')) return;
  let figure;
  try {
    figure = state.figure();
  } catch (error) {
    element.classList.add("json-figure--failed");
    element.dataset.error = `The figure's data could not be read: ${error.message}`;
    throw error;
  }
  const title = figure.layout?.title?.text ?? figure.layout?.title ?? "";
  const name = typeof title === "string" && title ? `Chart: ${title.replace(/<[^>]+>/g, "")}` : "";
  element.setAttribute("role", "figure");
  if (name) element.setAttribute("aria-label", name);
  if (canDraw(figure)) drawSvg(element, figure, name || "Chart");
  else await drawPlotly(element, figure, String(title));
  element.classList.add("json-figure--drawn");
  element.dataset.scheme = document.body.dataset.mdColorScheme || "";
  state.waiters.splice(0).forEach((resolve) => resolve());
}

let keys = 0;  // makes each drawn SVG's ids unique on the page

/**
 * Draw a figure of the subset with draw-svg.js, at the element's width (so its text has
 * its CSS size, on a phone too); drawn again when that width changes.
 * @param {HTMLElement} element
 * @param {PlotlyJSON} figure
 * @param {string} label
 */
function drawSvg(element, figure, label) {
  const width = element.clientWidth || 640;
  const start = performance.now();
  element.innerHTML = render(figure, { label, key: `figure-${keys += 1}`, width, height: fittedHeight(width, figure) });
  performance.measure("figure: draw", { start, end: performance.now(), detail: { title: label, live: Boolean(element.dataset.live), svg: true } });
  element.dataset.drawnBy = "svg";
  element.dataset.drawnWidth = String(width);
  resized.observe(element);
}

// An SVG figure whose width changed (a turned phone, a resized window) is drawn again.
const resized = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const element = /** @type {HTMLElement} */ (target);
    if (!element.isConnected) resized.unobserve(element);
    else if (element.clientWidth && String(element.clientWidth) !== element.dataset.drawnWidth) schedule(() => draw(element));
  }
});

/**
 * Draw a figure outside the subset with Plotly (loaded now, the first time).
 * @param {HTMLElement} element
 * @param {any} figure
 * @param {string} title
 */
async function drawPlotly(element, figure, title) {
  const Plotly = await loadPlotly();
  if (!element.isConnected) return;
  // Plotly draws into a child, so the build-time fallback can go and the
  // figure's JSON (data-figure) stays for re-colouring.
  let plot = element.querySelector(":scope > .json-figure__plot");
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "json-figure__plot";
    element.replaceChildren(plot);
  }
  const data = figure.data || [];
  const width = element.clientWidth;
  const entries = data.filter((trace) => trace.name && trace.showlegend !== false).length;
  const layout = themedLayout(figure.layout, width, figure.layout?.showlegend === false ? 0 : entries);
  // On a phone the mode bar would cover the title (touch screens show it all the time).
  const config = { ...CONFIG, ...(width < 520 ? { displayModeBar: false } : {}), ...(figure.config || {}) };
  const start = performance.now();
  await Plotly.react(plot, data, layout, config);
  performance.measure("figure: draw", { start, end: performance.now(), detail: { title, live: Boolean(element.dataset.live) } });
  element.dataset.drawnBy = "plotly";
}

/**
 * Show a figure in `element`: drawn when it comes near the viewport.
 * @param {HTMLElement} element a .json-figure container
 * @param {{data: PlotlyJSON[], layout?: PlotlyJSON, config?: PlotlyJSON} | (() => PlotlyJSON)} figure or a function returning it
 * @returns {Promise<void>} settles once drawn
 */
export function showFigure(element, figure) {
  return new Promise((resolve) => {
    states.set(element, { figure: typeof figure === "function" ? figure : () => figure, waiters: [resolve] });
    observer.observe(element);
  });
}

/**
 * Watch again the figures under `root` that are not drawn yet (a cell's run
 * was called off, so its build-time figures stay).
 * @param {ParentNode} root
 */
export function watchFigures(root) {
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(`${SELECTOR}:not(.json-figure--drawn)`))) {
    if (states.has(element)) observer.observe(element);
  }
}

/** Re-colour Plotly's figures for the palette now showing (each when next near the viewport; ours follow the CSS). */
function recolour() {
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.json-figure--drawn[data-drawn-by="plotly"]'))) {
    if (states.has(element)) observer.observe(element);
  }
}

/**
 * Find the build-time figures of a page; each is drawn when it nears the viewport.
 * @param {ParentNode} root
 * @returns {() => void} teardown: forget this page's figures
 */
export function mountFigures(root = document) {
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(SELECTOR))) {
    if (states.has(element)) continue;
    const source = figureSource(element);
    if (!source) continue;
    showFigure(element, () => parseFigure(source));
  }
  // The chart library (one long task to evaluate) loads only when a figure
  // comes near the viewport (draw() asks for it): a page whose charts are
  // far below, or that has none, never pays for it.
  return () => {
    observer.disconnect();
    observer = newObserver();
    queue.length = 0;
    resized.disconnect();  // (this page's SVG figures: the next page observes its own)
  };
}

// Material sets data-md-color-scheme on <body> when the reader switches palette.
new MutationObserver(recolour).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

let teardown = () => {};
document$.subscribe(() => {
  teardown();
  teardown = mountFigures(document);
});
