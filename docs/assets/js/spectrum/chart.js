// One chart: our own SVG (chart-svg.js) draws the axes, the poles and the
// author's map; the reader's papers are buttons laid over it, so each can take
// focus, be dragged with pointer events (mouse, pen, touch) and moved with the
// keys. While a paper is dragged only its own button moves (a CSS transform);
// the store hears of it once, on release, and only then is the chart redrawn.

import { CSS_THEME, DOT, LABEL_LIMIT, buildChartSvg, groundingShape, toMarkup } from "./chart-svg.js";
import { h, svgElement } from "./dom.js";
import { pointerDrags } from "./drag.js";
import { assignLanes, chartLayout, createFrame } from "./geometry.js";
import { keepClear, layoutLabels } from "./labels.js";
import { UNSURE, byline, clamp, shortLabel } from "./model.js";
import { downloadSvgAsPng } from "./png.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/** @typedef {import("./chart-svg.js").ChartState} ChartState */
/** @typedef {import("./labels.js").Box} Box */

export { LABEL_LIMIT };
const DRAG_THRESHOLD = 4;
/** Pixels beyond the chart's edge where a dragged paper is returned to the palette. */
const RETURN_MARGIN = 12;
/** Axes for the layout before the first render. */
const PLACEHOLDER_AXES = { x: { min: -1, max: 1 }, y: { min: 0, max: 1 } };

/** Timings for the benchmark (scripts/benchmarks/spectrum.py): each pointer move of a drag, each drop. */
export const timing = { enabled: false, /** @type {number[]} */ samples: [], /** @type {number[]} */ drops: [] };

/**
 * Colours from Material's theme variables, resolved by the browser (so
 * hsla(var(--md-hue) ...) and 8-digit hex both come out as rgb()): the PNG
 * is a file on its own, where the page's variables do not reach.
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
 * @param {{view: string, hintId: string,
 *          onMove: (id: string, x: number, y: number | undefined, how: string) => void,
 *          onRemove: (id: string, how: string) => void,
 *          onOpen: (id: string, how: string) => void,
 *          canEdit: () => boolean}} options
 */
export function createChart(region, { view, hintId, onMove, onRemove, onOpen, canEdit }) {
  const plotDiv = h("div", { class: "spectrum-plot", "aria-hidden": "true" });
  const plotArea = h("div", { class: "spectrum-plotarea" });
  const marksLayer = h("div", { class: "spectrum-marks" });
  const tooltip = h("div", { class: "spectrum-tooltip", hidden: true, "aria-hidden": "true" });
  const emptyHint = h("p", { class: "spectrum-empty-hint", hidden: true,
    text: "Drag a paper here, or tap it, or focus it and press Enter." });
  region.append(plotDiv, plotArea, emptyHint, marksLayer, tooltip);

  /** @type {Map<string, HTMLButtonElement>} */
  const marks = new Map();
  /** @type {Map<string, {x: number, y: number, px: number, py: number, lane: number}>} */
  let positions = new Map();
  /** @type {ChartState | null} */
  let state = null;
  /** Where each paper's label went (null: no room), as last laid out: the PNG draws them there. */
  /** @type {Map<string, Box | null>} */
  let labelBoxes = new Map();
  /** The papers whose distance to the author's spot is shown (the others would cover a text). */
  let shownDistances = new Set();
  let layout = chartLayout(view, 1, /** @type {any} */ (PLACEHOLDER_AXES));
  let frame = createFrame(layout);
  let valid = frame.box([-1, 1], [0, 1]);
  let drawnWidth = 0;
  let drawnKey = "";
  let destroyed = false;

  /** @param {number} value */
  const fixed = (value) => value.toFixed(2).replace("-", "\u2212");

  /**
   * Its name: the label it shows (when labels are shown), title, spot and the reader's grounding mark.
   * @param {string} id @param {string} label
   */
  function describe(id, label) {
    const paper = state?.model.paper(id);
    const spot = state?.placements[id];
    if (!paper || !spot) return "";
    const { x, y } = state.model.taxonomy;
    const height = spot.y === null ? `${y.name} not set` : `${y.name} ${fixed(spot.y)}`;
    const where = `${x.name} ${fixed(spot.x)}` + (view === "line" ? "" : `, ${height}`);
    const mark = spot.grounding === UNSURE ? "neither or unsure"
      : spot.grounding ? state.model.category(spot.grounding)?.name ?? "" : "grounding not marked";
    return `${label ? `${label}: ` : ""}${paper.title}, placed at ${where}; ${mark}`;
  }

  /** @param {string} id the colour of the reader's grounding mark, if any */
  function colourOf(id) {
    return state?.model.category(state?.placements[id]?.grounding)?.colour ?? null;
  }

  /** @param {string | undefined} grounding a shape per mark (colour is never the only cue) */
  function shapeOf(grounding) {
    return state ? groundingShape(state.model, grounding) : "none";
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
      const bottom = model.taxonomy.y.min;
      for (const id of shown) {
        const { x } = placements[id];
        const y = placements[id].y ?? bottom; // not set yet: shown on the bottom edge, marked "unset"
        result.set(id, { x, y, lane: 0, ...frame.toPx(x, y) });
      }
    }
    return result;
  }

  // -- the SVG (the drawing itself is chart-svg.js, pure) ----------------------------

  /**
   * @param {import("./chart-svg.js").Theme} theme
   * @param {boolean} withReader the reader's papers drawn in it too (the PNG)
   */
  function drawing(theme, withReader) {
    return buildChartSvg({ view, layout, theme, state: /** @type {ChartState} */ (state), positions,
      reader: withReader ? { labels: labelBoxes, distances: shownDistances, colourOf } : null });
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
      const label = /** @type {HTMLElement} */ (mark.lastElementChild);
      const text = labels ? shortLabel(/** @type {any} */ (state?.model.paper(id))) : "";
      if (label.textContent !== text) label.textContent = text;
      mark.dataset.shape = shapeOf(state?.placements[id]?.grounding);
      mark.classList.toggle("unset-y", view !== "line" && state?.placements[id]?.y === null);
    }
    marksLayer.append(fragment);
    layoutText();
    // A keyboard move redraws the marks: the tooltip follows its paper (or goes, if the paper left).
    if (!tooltip.hidden) {
      const shown = tooltip.dataset.id ? marks.get(tooltip.dataset.id) : undefined;
      if (shown) showTooltip(shown);
      else hideTooltip();
    }
  }

  // -- the chart's texts: no two overlap, none past the chart's edge (labels.js) --------------

  /** @param {Element} element its box, in pixels from the region's corner */
  function boxOf(element) {
    const origin = region.getBoundingClientRect();
    const r = element.getBoundingClientRect();
    return { left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top };
  }

  /**
   * Place each paper's label on the first side of its dot with room (or show none: the tooltip
   * and its name still give it), then hide the author's distances that would cover any text.
   * The SVG's own texts (ticks, the poles' names) and the author's spots are the obstacles.
   */
  function layoutText() {
    if (!state || !drawnWidth) return;
    const obstacles = [...plotDiv.querySelectorAll("text:not(.spectrum-distance), .spectrum-author-spot")]
      .map(boxOf).filter((box) => box.right > box.left);
    const distances = [...plotDiv.querySelectorAll(".spectrum-distance")];
    const bounds = { left: 0, top: 0, right: region.clientWidth, bottom: frame.plot.top + frame.plot.height };
    const items = [];
    for (const [id, mark] of marks) {
      const label = /** @type {HTMLElement} */ (mark.lastElementChild);
      label.hidden = false; // measured at its own size
      const at = positions.get(id);
      if (!at || !label.textContent) continue;
      items.push({ id, px: at.px, py: at.py, width: label.offsetWidth, height: label.offsetHeight });
    }
    const placed = layoutLabels(items, { obstacles, bounds, dot: DOT });
    labelBoxes = new Map([...placed].map(([id, spot]) => [id, spot?.box ?? null]));
    const taken = [...obstacles];
    for (const [id, mark] of marks) {
      const label = /** @type {HTMLElement} */ (mark.lastElementChild);
      const at = positions.get(id);
      const spot = placed.get(id);
      label.hidden = !spot;
      if (spot && at) {
        label.style.left = `${(spot.box.left - (at.px - DOT / 2)).toFixed(1)}px`;
        label.style.top = `${(spot.box.top - (at.py - DOT / 2)).toFixed(1)}px`;
        taken.push(spot.box);
      }
      if (at) taken.push({ left: at.px - DOT / 2, right: at.px + DOT / 2, top: at.py - DOT / 2, bottom: at.py + DOT / 2 });
      mark.setAttribute("aria-label", describe(id, spot ? label.textContent ?? "" : "")); // it starts with what it shows
    }
    const shown = keepClear(distances.map(boxOf), { obstacles: taken, bounds: { ...bounds, bottom: region.clientHeight } });
    shownDistances = new Set();
    distances.forEach((text, index) => {
      /** @type {SVGElement} */ (text).style.visibility = shown[index] ? "" : "hidden";
      if (shown[index]) shownDistances.add(/** @type {SVGElement} */ (text).dataset.id);
    });
  }

  function placeAreas() {
    const { taxonomy } = /** @type {ChartState} */ (state).model;
    valid = view === "line"
      ? { ...frame.box([taxonomy.x.min, taxonomy.x.max], [0, 0]), top: frame.plot.top, height: frame.plot.height }
      : frame.box([taxonomy.x.min, taxonomy.x.max], [taxonomy.y.min, taxonomy.y.max]);
    Object.assign(plotArea.style, { left: `${valid.left}px`, top: `${valid.top}px`, width: `${valid.width}px`, height: `${valid.height}px` });
  }

  /**
   * Draw the chart for a state: the SVG (when what it shows changed), then the buttons,
   * their labels laid out around the SVG's texts.
   * @param {ChartState} next
   */
  function render(next) {
    state = next;
    const width = region.clientWidth;
    if (!width || destroyed) return; // hidden (a closed tab or <details>): drawn on resize
    layout = chartLayout(view, width, state.model.taxonomy);
    frame = createFrame(layout);
    drawnWidth = width;
    region.style.height = `${layout.height}px`;
    placeAreas();
    positions = computePositions();
    // The reader's papers are buttons, so most changes leave the SVG as it was.
    const svg = drawing(CSS_THEME, false);
    const key = JSON.stringify(svg);
    if (key !== drawnKey) {
      drawnKey = key;
      plotDiv.replaceChildren(svgElement(svg));
    }
    drawMarks();
    emptyHint.hidden = positions.size > 0;
  }

  function redraw() {
    if (state) render(state);
  }

  const resizeObserver = new ResizeObserver(() => {
    if (region.clientWidth && region.clientWidth !== drawnWidth && !drags.active()) redraw();
  });
  resizeObserver.observe(region);

  // -- hover and focus: the paper's name -----------------------------------------

  /** @param {HTMLElement} mark */
  function showTooltip(mark) {
    const id = mark.dataset.id ?? "";
    const paper = state?.model.paper(id);
    const at = positions.get(id);
    if (!paper || !at) return;
    tooltip.dataset.id = id;
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

  /**
   * Dragging a placed paper: only its button moves (a CSS transform); the store hears of it on release.
   * A finger returns a paper to the palette only after a long press (a deliberate gesture): a
   * quick sideways move keeps it on the chart.
   * @type {ReturnType<typeof pointerDrags<{id: string, mark: HTMLElement, rect: DOMRect, px: number, py: number, returning: boolean, mayReturn: boolean}>>}
   */
  const drags = pointerDrags(marksLayer, {
    selector: ".spectrum-mark",
    threshold: DRAG_THRESHOLD,
    canStart: (mark) => canEdit() && positions.has(mark.dataset.id ?? ""),
    start(mark, _event, how) {
      const id = mark.dataset.id ?? "";
      const at = /** @type {{px: number, py: number}} */ (positions.get(id));
      mark.classList.add("dragging");
      hideTooltip();
      return { id, mark, rect: region.getBoundingClientRect(), px: at.px, py: at.py, returning: false, mayReturn: !how.touch || how.held };
    },
    move(drag, event) {
      const started = timing.enabled ? performance.now() : 0;
      const { rect } = drag;
      const left = event.clientX - rect.left;
      const top = event.clientY - rect.top;
      const returning = drag.mayReturn && (left < -RETURN_MARGIN || top < -RETURN_MARGIN || left > rect.width + RETURN_MARGIN || top > rect.height + RETURN_MARGIN);
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
    },
    end(drag, event) {
      // Back to where the store says; the store's change (if any) then moves it, in this same task.
      drag.mark.classList.remove("dragging", "returning");
      drag.mark.style.removeProperty("transform");
      const how = event.pointerType === "touch" ? "touch" : "drag";
      const started = timing.enabled ? performance.now() : 0;
      if (drag.returning) {
        onRemove(drag.id, how);
      } else {
        const { x, y } = frame.fromPx(drag.px, drag.py);
        onMove(drag.id, x, view === "line" ? undefined : y, how);
      }
      if (timing.enabled) {
        void marksLayer.getBoundingClientRect();
        timing.drops.push(performance.now() - started);
      }
    },
    cancel(drag) {
      drag.mark.classList.remove("dragging", "returning");
      drag.mark.style.removeProperty("transform");
    },
  });

  /** @param {MouseEvent} event (a click that ends a drag never gets here: drag.js swallows it) */
  function onClick(event) {
    const mark = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest(".spectrum-mark"));
    if (!mark) return;
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
      const y = view === "line" ? undefined : clamp((spot.y ?? yAxis.min) + my, yAxis.min, yAxis.max);
      onMove(id, clamp(spot.x + mx, xAxis.min, xAxis.max), y, "keyboard");
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      if (canEdit()) onRemove(id, "keyboard");
    }
  }

  marksLayer.addEventListener("click", onClick);
  marksLayer.addEventListener("keydown", onKeyDown);
  marksLayer.addEventListener("pointerover", (event) => {
    const mark = /** @type {Element} */ (event.target).closest(".spectrum-mark");
    if (mark && !drags.active() && event.pointerType === "mouse") showTooltip(/** @type {HTMLElement} */ (mark));
  });
  marksLayer.addEventListener("pointerout", (event) => {
    if (/** @type {Element} */ (event.target).closest(".spectrum-mark")) hideTooltip();
  });
  marksLayer.addEventListener("focusin", (event) => {
    const mark = /** @type {Element} */ (event.target).closest(".spectrum-mark");
    if (mark && !drags.active()) showTooltip(/** @type {HTMLElement} */ (mark));
  });
  marksLayer.addEventListener("focusout", hideTooltip);

  return {
    render,
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
    /**
     * The PNG: the chart with the reader's papers drawn in it, in the colours the page shows now.
     * @param {string} filename without its extension
     */
    downloadPng(filename) {
      if (!state || !drawnWidth) return Promise.reject(new Error("the chart is not shown"));
      const markup = toMarkup(drawing(readTheme(region), true));
      return downloadSvgAsPng(markup, { width: layout.width, height: layout.height, scale: 2, filename: `${filename}.png` });
    },
    destroy() {
      destroyed = true;
      drags.destroy();
      resizeObserver.disconnect();
      region.replaceChildren();
      marks.clear();
    },
  };
}
