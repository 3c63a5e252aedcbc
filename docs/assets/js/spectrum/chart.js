// One chart: Plotly draws the axes, the poles and the author's map; the
// reader's papers are buttons laid over it, so each can take focus, be
// dragged with pointer events (mouse, pen, touch) and moved with the keys.
// While a paper is dragged only its own button moves (a CSS transform); the
// store hears of it once, on release, and only then is the chart redrawn.

import { h, plotlyText } from "./dom.js";
import { AUTHOR_LANE, assignLanes, chartLayout, compareMaps, createFrame } from "./geometry.js";
import { byline, clamp, middle, shortLabel } from "./model.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/**
 * @typedef {{model: Model, placements: Placements, offered: Set<string>,
 *            author: Record<string, [number, number | null]> | null}} ChartState
 */

/** Above this many papers on a chart, labels show on hover and focus only. */
export const LABEL_LIMIT = 40;
const DRAG_THRESHOLD = 4;
const DOT = 14;
/** Pixels beyond the chart's edge where a dragged paper is returned to the palette. */
const RETURN_MARGIN = 12;
/** Axes for the layout before the first render. */
const PLACEHOLDER_AXES = { x: { min: -1, max: 1 }, y: { min: 0, max: 1 } };

/** Timings for the benchmark (scripts/benchmarks/spectrum.py): each pointer move of a drag, each drop. */
export const timing = { enabled: false, /** @type {number[]} */ samples: [], /** @type {number[]} */ drops: [] };

/**
 * Colours from Material's theme variables, resolved by the browser (so
 * hsla(var(--md-hue) ...) and 8-digit hex both come out as rgb()).
 * @param {Element} element
 */
export function readTheme(element) {
  const probe = h("span", { style: { position: "absolute", visibility: "hidden" } });
  element.append(probe);
  const read = (name) => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  const theme = {
    text: read("--md-default-fg-color"),
    muted: read("--md-default-fg-color--light"),
    faint: read("--md-default-fg-color--lighter"),
    grid: read("--md-default-fg-color--lightest"),
    background: read("--md-default-bg-color"),
    accent: read("--md-accent-fg-color"),
    font: getComputedStyle(element).fontFamily,
  };
  probe.remove();
  return theme;
}

/**
 * @param {HTMLElement} region the element labelled "Research spectrum"
 * @param {{view: string, Plotly: any, hintId: string,
 *          onMove: (id: string, x: number, y: number | undefined, how: string) => void,
 *          onRemove: (id: string, how: string) => void,
 *          onOpen: (id: string, how: string) => void,
 *          canEdit: () => boolean}} options
 */
export function createChart(region, { view, Plotly, hintId, onMove, onRemove, onOpen, canEdit }) {
  const plotDiv = h("div", { class: "spectrum-plot", "aria-hidden": "true" });
  const plotArea = h("div", { class: "spectrum-plotarea" });
  const marksLayer = h("div", { class: "spectrum-marks" });
  const tooltip = h("div", { class: "spectrum-tooltip", hidden: true, "aria-hidden": "true" });
  region.append(plotDiv, plotArea, marksLayer, tooltip);

  /** @type {Map<string, HTMLButtonElement>} */
  const marks = new Map();
  /** @type {Map<string, {x: number, y: number, px: number, py: number, lane: number}>} */
  let positions = new Map();
  /** @type {ChartState | null} */
  let state = null;
  let theme = readTheme(region);
  let layout = chartLayout(view, 1, /** @type {any} */ (PLACEHOLDER_AXES));
  let frame = createFrame(layout);
  let valid = frame.box([-1, 1], [0, 1]);
  let drawnWidth = 0;
  let drawnKey = "";
  let destroyed = false;
  /** @type {Promise<unknown>} */
  let plotted = Promise.resolve();

  /** @param {number} value */
  const fixed = (value) => value.toFixed(2).replace("-", "\u2212");

  /** @param {string} id */
  function describe(id) {
    const paper = state?.model.paper(id);
    const spot = state?.placements[id];
    if (!paper || !spot) return "";
    const { x, y } = state.model.taxonomy;
    const where = `${x.name} ${fixed(spot.x)}` + (view === "line" ? "" : `, ${y.name} ${fixed(spot.y)}`);
    return `${paper.title}, placed at ${where}`;
  }

  /** @param {string} id */
  function colourOf(id) {
    const paper = state?.model.paper(id);
    return state?.model.category(paper?.grounding)?.colour ?? null;
  }

  // -- layout ------------------------------------------------------------------

  function computePositions() {
    if (!state) return new Map();
    const { model, placements, offered } = state;
    const shown = Object.keys(placements).filter((id) => offered.has(id));
    const labels = shown.length <= LABEL_LIMIT;
    const result = new Map();
    if (view === "line") {
      const items = shown.map((id) => ({
        id,
        px: frame.toPx(placements[id].x, 0).px,
        width: DOT + (labels ? 4 + shortLabel(/** @type {any} */ (model.paper(id))).length * 6 : 0),
      }));
      const lanes = assignLanes(items, layout.lanes);
      for (const id of shown) {
        const lane = lanes.get(id) ?? 0;
        result.set(id, { x: placements[id].x, y: placements[id].y, lane, ...frame.toPx(placements[id].x, lane) });
      }
    } else {
      for (const id of shown) {
        const { x, y } = placements[id];
        result.set(id, { x, y, lane: 0, ...frame.toPx(x, y) });
      }
    }
    return result;
  }

  // -- Plotly ------------------------------------------------------------------

  /**
   * The figure: axes, poles, and (when shown) the author's spots, a line
   * from each of the reader's spots and its distance. With withReader, the
   * reader's papers too (for the PNG; on screen they are buttons).
   * @param {boolean} withReader
   */
  function figure(withReader) {
    const { taxonomy } = /** @type {ChartState} */ (state).model;
    const { x: xAxis, y: yAxis } = taxonomy;
    const data = [];
    const author = state?.author;
    if (author) {
      const comparison = compareMaps(view, state.placements, author);
      const lineX = [], lineY = [], textX = [], textY = [], text = [];
      for (const row of comparison.rows) {
        if (!state.offered.has(row.id)) continue;
        const at = positions.get(row.id);
        const ay = view === "line" ? at?.lane ?? 0 : row.author.y ?? yAxis.min;
        const ry = view === "line" ? at?.lane ?? 0 : row.reader.y;
        lineX.push(row.reader.x, row.author.x, null);
        lineY.push(ry, ay, null);
        textX.push((row.reader.x + row.author.x) / 2);
        textY.push((ry + ay) / 2);
        text.push(row.distance.toFixed(2));
      }
      data.push({ type: "scatter", mode: "lines", x: lineX, y: lineY, hoverinfo: "skip",
        line: { color: theme.muted, width: 1.5, dash: "dot" } });
      data.push({ type: "scatter", mode: "text", x: textX, y: textY, text, hoverinfo: "skip",
        textposition: "top center", textfont: { color: theme.text, size: 10 } });
      const ax = [], ay = [], colours = [];
      for (const [id, [x, y]] of Object.entries(author)) {
        if (!state.offered.has(id)) continue;
        ax.push(x);
        ay.push(view === "line" ? positions.get(id)?.lane ?? AUTHOR_LANE : y ?? yAxis.min);
        colours.push(colourOf(id) ?? theme.text);
      }
      data.push({ type: "scatter", mode: "markers", x: ax, y: ay, hoverinfo: "skip",
        marker: { symbol: "diamond-open", size: 14, color: colours, line: { width: 2.5, color: colours } } });
    }
    if (withReader && state) {
      const ids = [...positions.keys()];
      const labels = ids.length <= LABEL_LIMIT;
      data.push({
        type: "scatter", mode: labels ? "markers+text" : "markers", hoverinfo: "skip",
        x: ids.map((id) => positions.get(id)?.x), y: ids.map((id) => (view === "line" ? positions.get(id)?.lane : positions.get(id)?.y)),
        text: ids.map((id) => plotlyText(shortLabel(/** @type {any} */ (state?.model.paper(id))))),
        textposition: "middle right", textfont: { color: theme.muted, size: 10 },
        marker: { size: DOT, color: ids.map((id) => colourOf(id) ?? theme.muted), line: { width: 2, color: theme.background } },
      });
    }
    const mid = middle(xAxis);
    const ticks = [xAxis.min, (xAxis.min + mid) / 2, mid, (mid + xAxis.max) / 2, xAxis.max];
    const annotation = (text, extra) => ({ text: plotlyText(text), showarrow: false, font: { size: 12, color: theme.text }, ...extra });
    const annotations = [
      annotation(`\u2190 ${xAxis.low}`, { xref: "x", yref: "paper", x: xAxis.min, y: 0, yshift: -30, xanchor: "left", yanchor: "top" }),
      annotation(`${xAxis.high} \u2192`, { xref: "x", yref: "paper", x: xAxis.max, y: 0, yshift: -30, xanchor: "right", yanchor: "top" }),
    ];
    if (view !== "line") {
      annotations.push(
        annotation(`\u2191 ${yAxis.high}`, { xref: "x", yref: "y", x: xAxis.min, y: yAxis.max, xanchor: "left", yanchor: "top", xshift: 4, font: { size: 11, color: theme.muted } }),
        annotation(yAxis.low, { xref: "x", yref: "y", x: xAxis.min, y: yAxis.min, xanchor: "left", yanchor: "bottom", xshift: 4, font: { size: 11, color: theme.muted } }),
      );
    }
    const axisStyle = { fixedrange: true, zeroline: false, showline: true, linecolor: theme.faint, gridcolor: theme.grid,
      tickfont: { color: theme.muted, size: 10 }, ticks: "outside", tickcolor: theme.faint, ticklen: 4 };
    return {
      data,
      layout: {
        width: layout.width, height: layout.height, autosize: false,
        margin: { ...layout.margin, pad: 0 },
        paper_bgcolor: theme.background, plot_bgcolor: theme.background,
        font: { family: theme.font, color: theme.text, size: 11 },
        showlegend: false, dragmode: false, hovermode: false,
        xaxis: { ...axisStyle, range: layout.xRange, tickvals: ticks, ticktext: ticks.map((t) => String(Math.round(t * 100) / 100).replace("-", "\u2212")) },
        yaxis: view === "line"
          ? { range: layout.yRange, fixedrange: true, visible: false }
          : { ...axisStyle, range: layout.yRange, tickvals: [yAxis.min, middle(yAxis), yAxis.max] },
        shapes: [{ type: "line", xref: "x", yref: "paper", x0: mid, x1: mid, y0: 0, y1: 1, layer: "below",
          line: { color: theme.faint, width: 1, dash: "dash" } }],
        annotations,
      },
    };
  }

  // -- the reader's papers as buttons --------------------------------------------

  /** @param {string} id */
  function createMark(id) {
    const mark = /** @type {HTMLButtonElement} */ (h("button", {
      type: "button", class: "spectrum-mark", "data-id": id, "aria-describedby": hintId,
    }, h("span", { class: "spectrum-mark-dot" }), h("span", { class: "spectrum-mark-label", "aria-hidden": "true" })));
    return mark;
  }

  function drawMarks() {
    for (const [id, mark] of marks) {
      if (!positions.has(id)) {
        mark.remove();
        marks.delete(id);
      }
    }
    const labels = positions.size <= LABEL_LIMIT;
    const fragment = document.createDocumentFragment();
    for (const [id, at] of positions) {
      let mark = marks.get(id);
      if (!mark) {
        mark = createMark(id);
        marks.set(id, mark);
        fragment.append(mark);
      }
      mark.style.setProperty("--x", `${at.px.toFixed(1)}px`);
      mark.style.setProperty("--y", `${at.py.toFixed(1)}px`);
      mark.style.removeProperty("transform");
      const colour = colourOf(id);
      if (colour) mark.style.setProperty("--colour", colour);
      else mark.style.removeProperty("--colour");
      mark.setAttribute("aria-label", describe(id));
      const label = /** @type {HTMLElement} */ (mark.lastElementChild);
      const text = labels ? shortLabel(/** @type {any} */ (state?.model.paper(id))) : "";
      if (label.textContent !== text) label.textContent = text;
    }
    marksLayer.append(fragment);
  }

  function placeAreas() {
    const { taxonomy } = /** @type {ChartState} */ (state).model;
    valid = view === "line"
      ? { ...frame.box([taxonomy.x.min, taxonomy.x.max], [0, 0]), top: frame.plot.top, height: frame.plot.height }
      : frame.box([taxonomy.x.min, taxonomy.x.max], [taxonomy.y.min, taxonomy.y.max]);
    Object.assign(plotArea.style, { left: `${valid.left}px`, top: `${valid.top}px`, width: `${valid.width}px`, height: `${valid.height}px` });
  }

  /**
   * Draw the chart for a state. The buttons are laid out at once; the returned
   * promise settles when Plotly has drawn.
   * @param {ChartState} next
   */
  function render(next) {
    state = next;
    const width = region.clientWidth;
    if (!width || destroyed) return plotted; // hidden (a closed tab or <details>): drawn on resize
    layout = chartLayout(view, width, state.model.taxonomy);
    frame = createFrame(layout);
    drawnWidth = width;
    region.style.height = `${layout.height}px`;
    placeAreas();
    positions = computePositions();
    drawMarks();
    const { data, layout: plotLayout } = figure(false);
    // The reader's papers are buttons, so most changes leave Plotly's part as it was.
    const key = JSON.stringify([data, plotLayout]);
    if (key !== drawnKey) {
      drawnKey = key;
      plotted = Plotly.react(plotDiv, data, plotLayout, { staticPlot: true, displayModeBar: false, responsive: false, showSendToCloud: false, plotlyServerURL: "" });
    }
    return plotted;
  }

  function redraw() {
    if (state) render(state);
  }

  const resizeObserver = new ResizeObserver(() => {
    if (region.clientWidth && region.clientWidth !== drawnWidth && !drag) redraw();
  });
  resizeObserver.observe(region);

  // -- hover and focus: the paper's name -----------------------------------------

  /** @param {HTMLElement} mark */
  function showTooltip(mark) {
    const id = mark.dataset.id ?? "";
    const paper = state?.model.paper(id);
    const at = positions.get(id);
    if (!paper || !at) return;
    tooltip.replaceChildren(h("strong", { text: paper.title }), h("br"), document.createTextNode(byline(paper)));
    tooltip.hidden = false;
    const width = tooltip.offsetWidth;
    const left = clamp(at.px - width / 2, 0, Math.max(0, region.clientWidth - width));
    const above = at.py - tooltip.offsetHeight - DOT;
    tooltip.style.left = `${left}px`;
    tooltip.style.top = `${above >= 0 ? above : at.py + DOT}px`;
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  // -- dragging the reader's papers ------------------------------------------------

  /** @type {null | {id: string, mark: HTMLElement, pointerId: number, startX: number, startY: number,
   *                 rect: DOMRect, moved: boolean, px: number, py: number, returning: boolean}} */
  let drag = null;
  let suppressClick = false;

  /** @param {PointerEvent} event */
  function onPointerDown(event) {
    const mark = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(".spectrum-mark"));
    suppressClick = false;
    if (!mark || drag || (event.pointerType === "mouse" && event.button !== 0) || !canEdit()) return;
    const id = mark.dataset.id ?? "";
    const at = positions.get(id);
    if (!at) return;
    drag = { id, mark, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY,
      rect: region.getBoundingClientRect(), moved: false, px: at.px, py: at.py, returning: false };
    mark.setPointerCapture(event.pointerId);
  }

  /** @param {PointerEvent} event */
  function onPointerMove(event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const started = timing.enabled ? performance.now() : 0;
    if (!drag.moved) {
      if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < DRAG_THRESHOLD) return;
      drag.moved = true;
      drag.mark.classList.add("dragging");
      hideTooltip();
    }
    const { rect } = drag;
    const left = event.clientX - rect.left;
    const top = event.clientY - rect.top;
    const returning = left < -RETURN_MARGIN || top < -RETURN_MARGIN || left > rect.width + RETURN_MARGIN || top > rect.height + RETURN_MARGIN;
    if (returning) {
      drag.px = left;
      drag.py = top;
    } else {
      drag.px = clamp(left, valid.left, valid.left + valid.width);
      drag.py = view === "line" ? /** @type {any} */ (positions.get(drag.id)).py : clamp(top, valid.top, valid.top + valid.height);
    }
    if (returning !== drag.returning) {
      drag.returning = returning;
      drag.mark.classList.toggle("returning", returning);
    }
    drag.mark.style.transform = `translate(${drag.px - DOT / 2}px, ${drag.py - DOT / 2}px)`;
    if (timing.enabled) {
      void drag.mark.getBoundingClientRect(); // count the style and layout work the move causes
      timing.samples.push(performance.now() - started);
    }
  }

  /** @param {PointerEvent} event */
  function onPointerUp(event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const ended = drag;
    drag = null;
    if (ended.mark.hasPointerCapture(event.pointerId)) ended.mark.releasePointerCapture(event.pointerId);
    if (!ended.moved) return; // a click: the click handler opens the details
    suppressClick = true;
    // Back to where the store says; the store's change (if any) then moves it, in this same task.
    ended.mark.classList.remove("dragging", "returning");
    ended.mark.style.removeProperty("transform");
    const how = event.pointerType === "touch" ? "touch" : "drag";
    const started = timing.enabled ? performance.now() : 0;
    if (ended.returning) {
      onRemove(ended.id, how);
    } else {
      const { x, y } = frame.fromPx(ended.px, ended.py);
      onMove(ended.id, x, view === "line" ? undefined : y, how);
    }
    if (timing.enabled) {
      void marksLayer.getBoundingClientRect();
      timing.drops.push(performance.now() - started);
    }
  }

  /** @param {PointerEvent} event */
  function onPointerCancel(event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag.mark.classList.remove("dragging", "returning");
    drag.mark.style.removeProperty("transform");
    drag = null;
  }

  /** @param {MouseEvent} event */
  function onClick(event) {
    const mark = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(".spectrum-mark"));
    if (!mark) return;
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    onOpen(mark.dataset.id ?? "", event.detail === 0 ? "keyboard" : "pointer");
  }

  /** @param {KeyboardEvent} event */
  function onKeyDown(event) {
    const mark = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(".spectrum-mark"));
    if (!mark || !state || event.altKey || event.ctrlKey || event.metaKey) return;
    const id = mark.dataset.id ?? "";
    const spot = state.placements[id];
    if (!spot) return;
    const { x: xAxis, y: yAxis } = state.model.taxonomy;
    const share = event.shiftKey ? 0.125 : 0.025;
    const dx = (xAxis.max - xAxis.min) * share;
    const dy = (yAxis.max - yAxis.min) * share;
    const moves = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
    if (event.key in moves) {
      const [mx, my] = moves[/** @type {keyof typeof moves} */ (event.key)];
      if (view === "line" && my !== 0) return; // one axis: up and down keep scrolling the page
      event.preventDefault();
      if (!canEdit()) return;
      onMove(id, clamp(spot.x + mx, xAxis.min, xAxis.max), view === "line" ? undefined : clamp(spot.y + my, yAxis.min, yAxis.max), "keyboard");
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      if (canEdit()) onRemove(id, "keyboard");
    }
  }

  marksLayer.addEventListener("pointerdown", onPointerDown);
  marksLayer.addEventListener("pointermove", onPointerMove);
  marksLayer.addEventListener("pointerup", onPointerUp);
  marksLayer.addEventListener("pointercancel", onPointerCancel);
  marksLayer.addEventListener("lostpointercapture", onPointerCancel);
  marksLayer.addEventListener("click", onClick);
  marksLayer.addEventListener("keydown", onKeyDown);
  marksLayer.addEventListener("pointerover", (event) => {
    const mark = /** @type {Element} */ (event.target).closest(".spectrum-mark");
    if (mark && !drag && event.pointerType === "mouse") showTooltip(/** @type {HTMLElement} */ (mark));
  });
  marksLayer.addEventListener("pointerout", (event) => {
    if (/** @type {Element} */ (event.target).closest(".spectrum-mark")) hideTooltip();
  });
  marksLayer.addEventListener("focusin", (event) => {
    const mark = /** @type {Element} */ (event.target).closest(".spectrum-mark");
    if (mark && !drag) showTooltip(/** @type {HTMLElement} */ (mark));
  });
  marksLayer.addEventListener("focusout", hideTooltip);

  return {
    render,
    /** @returns {Promise<unknown>} settles when Plotly has drawn the last render */
    drawn: () => plotted,
    /** Re-read the theme's colours and redraw (Material's palette switched). */
    setTheme() {
      theme = readTheme(region);
      redraw();
    },
    /** @param {string} id */
    mark: (id) => marks.get(id) ?? null,
    /**
     * Where a paper dropped at this point of the screen lands, or null if off the chart.
     * @param {number} clientX @param {number} clientY
     * @returns {{x: number, y: number | undefined} | null}
     */
    dropSpot(clientX, clientY) {
      if (!state || !drawnWidth) return null;
      const rect = region.getBoundingClientRect();
      const left = clientX - rect.left;
      const top = clientY - rect.top;
      if (left < 0 || top < 0 || left > rect.width || top > rect.height) return null;
      const { x, y } = frame.fromPx(clamp(left, valid.left, valid.left + valid.width), clamp(top, valid.top, valid.top + valid.height));
      return { x, y: view === "line" ? undefined : y };
    },
    /** @param {boolean} on */
    highlightDrop(on) {
      region.classList.toggle("drop-ready", on);
    },
    /** The PNG: the figure with the reader's papers drawn by Plotly. @param {string} filename */
    downloadPng(filename) {
      const { data, layout: plotLayout } = figure(true);
      return Plotly.downloadImage({ data, layout: plotLayout }, { format: "png", filename, width: layout.width, height: layout.height, scale: 2 });
    },
    /** The rectangle of valid spots, in pixels from the region's corner (tests and benchmark). */
    validBox: () => ({ ...valid }),
    destroy() {
      destroyed = true;
      resizeObserver.disconnect();
      try {
        Plotly.purge(plotDiv);
      } catch { /* already gone */ }
      region.replaceChildren();
      marks.clear();
    },
  };
}
