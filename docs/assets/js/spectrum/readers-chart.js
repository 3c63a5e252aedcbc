// The readers' view (figure.readers-map, from ```spectrum view: readers): a chart of the
// readers' map above the build's table. One row a paper, most contested first, as the table:
// a bar over the middle half of the readers' spots, a tick at their median, a dot at the
// reader's own spot (from the one store every spectrum view writes to), the number of
// readers, and, once the reader asks (the build's button, where the fence allows the reveal),
// a diamond at the author's spot: the page holds none of the author's spots until then. The table is the
// accessible path, so the chart is hidden from screen readers; it draws from the numbers the
// build embedded in the figure (data-readers), with no request of its own but the reader's map.

/**
 * @typedef {{min: number, max: number, low: string, high: string, name: string}} ReadersAxis
 * @typedef {{id: string, title: string, n: number, x: [number, number, number], contested: boolean}} ReadersPaper
 * @typedef {{axis: ReadersAxis, readers: number, papers: ReadersPaper[]}} ReadersData
 * @typedef {Readonly<Record<string, {x: number}>>} ReaderSpots spots by paper id (the reader's, or the author's)
 */

const SVG = "http://www.w3.org/2000/svg";
/** The chart's width in viewBox units when its box is not known (wider boxes draw at this width). */
export const WIDTH = 640;
/** Narrower than this, the chart scales down rather than squeezing its rows. */
const NARROWEST = 300;
const LEFT = 16;
const COUNT_ROOM = 56;
// The height (TOP + ROW per paper + 28) is also the build's placeholder's (readers_view.py), so the
// page does not move when the chart is drawn.
const ROW = 40;
const TOP = 8;
const TITLE_LIMIT = 70;

/** @type {(() => void)[]} */
let cleanups = [];
let generation = 0;

/**
 * The figure's numbers, or null if they are missing or not in the expected shape.
 * @param {HTMLElement} figure
 * @returns {ReadersData | null}
 */
export function readersData(figure) {
  try {
    const data = JSON.parse(figure.dataset.readers ?? "");
    const axis = data?.axis;
    const fine = axis && Number.isFinite(axis.min) && Number.isFinite(axis.max) && axis.max > axis.min
      && Array.isArray(data.papers) && data.papers.every(
        (/** @type {any} */ p) => typeof p?.id === "string" && typeof p.title === "string" && Number.isInteger(p.n)
          && Array.isArray(p.x) && p.x.length === 3 && p.x.every(Number.isFinite));
    return fine ? /** @type {ReadersData} */ (data) : null;
  } catch {
    return null;
  }
}

/**
 * @param {string} name
 * @param {Record<string, string | number>} attributes
 * @param {string} [text]
 * @returns {SVGElement}
 */
function node(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * The chart as an SVG element: one row per paper of data, in its order. ``width`` is the box it
 * will fill in CSS pixels (so its text is drawn at its own size, on a phone too).
 * @param {ReadersData} data
 * @param {ReaderSpots} mine
 * @param {number} [width]
 * @param {ReaderSpots | null} [author] the author's spots, once revealed
 * @returns {SVGSVGElement}
 */
export function buildReadersSvg(data, mine, width = WIDTH, author = null) {
  const { axis, papers } = data;
  const chartWidth = Math.max(NARROWEST, Math.min(WIDTH, Math.round(width)));
  const right = chartWidth - COUNT_ROOM;
  const titleLimit = Math.floor(TITLE_LIMIT * chartWidth / WIDTH);
  const px = (/** @type {number} */ value) => LEFT + ((value - axis.min) / (axis.max - axis.min)) * (right - LEFT);
  const height = TOP + papers.length * ROW + 28;
  const svg = /** @type {SVGSVGElement} */ (node("svg", { viewBox: `0 0 ${chartWidth} ${height}`, width: chartWidth, height, class: "readers-svg",
    "aria-hidden": "true", focusable: "false" }));
  const middle = px((axis.min + axis.max) / 2);
  svg.append(node("line", { class: "readers-midline", x1: middle, x2: middle, y1: TOP, y2: height - 28 }));
  papers.forEach((paper, index) => {
    const top = TOP + index * ROW;
    const lineY = top + 28;
    const title = paper.title.length > titleLimit ? `${paper.title.slice(0, titleLimit - 1)}…` : paper.title;
    const row = node("g", { class: paper.contested ? "readers-row readers-row--contested" : "readers-row",
      "data-paper": paper.id });
    row.append(
      node("text", { class: "readers-title", x: LEFT, y: top + 14 }, title),
      node("line", { class: "readers-track", x1: LEFT, x2: right, y1: lineY, y2: lineY }),
      node("rect", { class: "readers-bar", x: px(paper.x[0]), y: lineY - 6,
        width: Math.max(2, px(paper.x[2]) - px(paper.x[0])), height: 12, rx: 3 }),
      node("line", { class: "readers-median", x1: px(paper.x[1]), x2: px(paper.x[1]), y1: lineY - 9, y2: lineY + 9 }),
      node("text", { class: "readers-count", x: chartWidth - 8, y: lineY + 5, "text-anchor": "end" }, `${paper.n}`),
    );
    const authorSpot = author?.[paper.id];
    if (authorSpot && Number.isFinite(authorSpot.x)) {
      const x = px(authorSpot.x);
      row.append(node("path", { class: "readers-author", d: `M${x} ${lineY - 7}l7 7l-7 7l-7 -7z` }));
    }
    const spot = mine[paper.id];
    if (spot && Number.isFinite(spot.x)) {
      row.append(node("circle", { class: "readers-you", cx: px(spot.x), cy: lineY, r: 5 }));
    }
    svg.append(row);
  });
  const bottom = height - 10;
  svg.append(
    node("text", { class: "readers-pole", x: LEFT, y: bottom }, axis.low),
    node("text", { class: "readers-pole", x: right, y: bottom, "text-anchor": "end" }, axis.high),
    node("text", { class: "readers-pole", x: chartWidth - 8, y: bottom, "text-anchor": "end" }, "n"),
  );
  return svg;
}

/**
 * Draw (or redraw) one figure's chart.
 * @param {HTMLElement} figure
 * @param {ReadersData} data
 * @param {ReaderSpots} mine
 * @param {ReaderSpots | null} [author] the author's spots, once revealed
 */
export function drawReaders(figure, data, mine, author = null) {
  const holder = figure.querySelector(".readers-chart");
  if (!holder) return;
  holder.replaceChildren(buildReadersSvg(data, mine, holder.clientWidth || WIDTH, author));
  figure.dataset.readersDrawn = data.papers.some((paper) => mine[paper.id]) ? "with-yours" : "readers";
}

async function setup() {
  for (const cleanup of cleanups.splice(0)) cleanup();
  const current = ++generation;
  const figures = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("figure.readers-map[data-readers]")]);
  const drawn = figures.flatMap((figure) => {
    const data = readersData(figure);
    if (!data) {
      console.warn(`Readers' view #${figure.id}: its numbers cannot be read; the table stays.`);
      return [];
    }
    drawReaders(figure, data, {});
    return [{ figure, data }];
  });
  if (!drawn.length) return;
  /** @type {ReaderSpots} */
  let mine = {};
  /** @type {ReaderSpots | null} */
  let author = null;
  const redraw = () => {
    for (const { figure, data } of drawn) drawReaders(figure, data, mine, figure.dataset.authorShown ? author : null);
  };
  let lastWidth = window.innerWidth;
  const onResize = () => { if (window.innerWidth !== lastWidth) { lastWidth = window.innerWidth; redraw(); } };
  window.addEventListener("resize", onResize);
  cleanups.push(() => window.removeEventListener("resize", onResize));
  try {
    const { store, loadAuthor } = await (await import("./index.js")).readerMap();
    if (current !== generation) return;
    mine = store.placements();
    redraw();
    cleanups.push(store.subscribe((change) => {
      if (change.kind === "save" || change.kind === "preview") return;
      mine = store.placements();
      redraw();
    }));
    for (const { figure } of drawn) {
      if (figure.dataset.reveal === "true") addRevealButton(figure, async () => (author ??= await loadAuthor()), redraw);
    }
  } catch (error) {
    console.warn("The readers' view cannot read your map (the readers' spots are drawn):", error);
  }
}

/**
 * The build's toggle under the chart: shows or hides the author's spots (fetched on the first press).
 * @param {HTMLElement} figure
 * @param {() => Promise<ReaderSpots>} load
 * @param {() => void} redraw
 */
function addRevealButton(figure, load, redraw) {
  const button = /** @type {HTMLButtonElement | null} */ (figure.querySelector("button.readers-reveal"));
  const status = figure.querySelector(".readers-status");
  if (!button || !status) return;
  const onClick = async () => {
    const showing = button.getAttribute("aria-pressed") === "true";
    if (showing) {
      delete figure.dataset.authorShown;
    } else {
      try {
        await load();
      } catch (error) {
        status.textContent = `The author's spots could not be loaded (${/** @type {Error} */ (error).message}).`;
        return;
      }
      figure.dataset.authorShown = "true";
    }
    button.setAttribute("aria-pressed", String(!showing));
    status.textContent = showing ? "The author's spots are hidden." : "The author's spots are shown as diamonds.";
    redraw();
  };
  button.addEventListener("click", onClick);
  button.disabled = false;  // the build's button waits, disabled, for this
  cleanups.push(() => button.removeEventListener("click", onClick));
}

if (typeof document$ !== "undefined") document$.subscribe(() => void setup());
