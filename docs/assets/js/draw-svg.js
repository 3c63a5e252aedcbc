// Draws our subset of Plotly figures (Plotly's JSON: {data, layout}) as SVG markup:
// in the reader's browser at the container's width, and at build time for the page
// read without JavaScript (place_for_research.builder.draw_svg runs this module in node).
// Only the subset the toys use: scatter traces (lines, markers, text;
// dashes, per-point marker sizes, stepped lines, filled areas), bars (grouped or overlaid),
// linear, log (ticks at 1, 2, 5 per decade) and category axes, fixed or reversed
// ranges, text annotations, the title, axis titles and a legend under the plot.
// `canDraw` says whether a figure stays inside that subset (else the caller
// draws it with Plotly). Text and axes take their colours from CSS classes
// (assets/css/svg-figure.css), so the figure follows the light and dark palettes.
// No DOM here: tested with node --test.

/** @typedef {Record<string, any>} PlotlyJSON a part of a Plotly figure (trace, layout, config): whatever keys Plotly reads */

export const WIDTH = 640;
export const HEIGHT = 400;
const PLOT = { l: 64, r: 16, t: 44, b: 52 };  // margins around the plotting area
const COLOURS = ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880"];
const DASHES = { dash: "8 4", dot: "2 3", dashdot: "8 3 2 3", longdash: "12 4" };

/** Text made safe inside markup and attribute values (quotes included). @param {unknown} value */
export function escape(value) {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

/** A title or label: its text, line breaks as spaces, escaped. */
function textOf(value) {
  if (value && typeof value === "object") value = value.text ?? "";
  return escape(String(value || "").replaceAll("<br>", " "));
}

/** The traces a legend lists. */
const inLegend = (traces) => traces.filter((t) => t.name && t.showlegend !== false);
/** The room legend rows take under the plot, for `entries` at `width`. */
const legendSpace = (entries, width) => {
  const rows = Math.ceil(entries / (width >= 480 ? 2 : 1));  // one column on a phone
  return rows ? 20 * rows + 8 : 0;
};

/**
 * The height (before legend rows) to draw `figure` at, `width` px wide: the whole box
 * then has the build's proportions (its 640-wide SVG, scaled), so the figure takes
 * the placeholder's place without a jump; never under 360 px (on a phone, where the
 * text keeps its size, the figure is taller than the build's, scaled down).
 * @param {number} width
 * @param {{data?: PlotlyJSON[]}} [figure]
 */
export function fittedHeight(width, figure = {}) {
  const entries = inLegend((figure.data || []).filter((t) => ["scatter", "bar"].includes(t.type ?? "scatter"))).length;
  const asBuilt = (HEIGHT + legendSpace(entries, WIDTH)) * width / WIDTH - legendSpace(entries, width);
  return Math.max(360, Math.round(asBuilt));
}

const isNumber = (value) => typeof value === "number";
const fixed1 = (value) => value.toFixed(1);
/** A number in at most 6 significant digits, without float noise (no exponent needed for the values drawn here). */
const general = (value) => String(Number(value.toPrecision(6)));

/**
 * A tick label: short, without float noise (1e4 and up, or under 1e-3, as a power of ten).
 * @param {number} value
 */
export function formatNumber(value) {
  if (value === 0) return "0";
  if (Math.abs(value) >= 1e4 || Math.abs(value) < 1e-3) {
    const [mantissa, exponent] = value.toExponential(0).split("e");
    return `${mantissa}e${Number(exponent)}`;
  }
  return general(value);
}

/**
 * About `count` round ticks (steps of 1, 2, 2.5 or 5 times a power of ten) from low to high.
 * @param {number} low @param {number} high @param {number} [count]
 * @returns {number[]}
 */
export function niceTicks(low, high, count = 5) {
  const span = high - low;
  if (span <= 0) return [low];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const ticks = [];
  for (let value = Math.ceil(low / step - 1e-9) * step; value <= high + step * 1e-9; value += step) {
    ticks.push(Math.round(value * 1e12) / 1e12 + 0);  // (+ 0: no -0)
  }
  return ticks;
}

/**
 * Ticks of a log axis from 10^low to 10^high: 1, 2 and 5 per decade (only 1 when it
 * spans many, or when a decade is under 120 px long, as on a phone: the labels would touch).
 * @param {number} low @param {number} high (powers of ten)
 * @param {number} [pixels] the axis's length
 * @returns {number[]}
 */
export function logTicks(low, high, pixels = 560) {
  const multipliers = high - low <= 4 && pixels / Math.max(high - low, 1e-9) >= 120 ? [1, 2, 5] : [1];
  const ticks = [];
  for (let decade = Math.floor(low); decade <= Math.ceil(high); decade += 1) {
    for (const m of multipliers) {
      const value = m * 10 ** decade;
      if (low - 1e-9 <= Math.log10(value) && Math.log10(value) <= high + 1e-9) ticks.push(value);
    }
  }
  return ticks;
}

/** One axis: data value → pixel, and its ticks. */
class Axis {
  constructor(spec, values, start, end, bars) {
    this.spec = spec;
    this.log = spec.type === "log";
    this.categories = [...new Set(values.filter((v) => typeof v === "string"))];
    const numbers = values.filter(isNumber).map((v) => this.scaled(v)).filter((v) => v !== null && Number.isFinite(v));
    let low;
    let high;
    if (this.categories.length) [low, high] = [-0.5, this.categories.length - 0.5];
    else if (Array.isArray(spec.range) && spec.range.length) [low, high] = spec.range;
    else {
      [low, high] = numbers.length ? [Math.min(...numbers), Math.max(...numbers)] : [0, 1];
      if ((spec.rangemode === "tozero" || bars) && !this.log) [low, high] = [Math.min(low, 0), Math.max(high, 0)];
      const pad = (high - low) * 0.05 || 0.5;
      [low, high] = [low - (low === 0 && !this.log ? 0 : pad), high + pad];
    }
    if (spec.autorange === "reversed") [start, end] = [end, start];
    /** @type {number} the data range, scaled (log10 on a log axis) */
    this.low = low;
    /** @type {number} */
    this.high = high;
    /** @type {number} the pixels the range maps to */
    this.start = start;
    /** @type {number} */
    this.end = end;
  }

  scaled(value) {
    if (typeof value === "string") return null;
    if (this.log) return value > 0 ? Math.log10(value) : null;
    return Number(value);
  }

  /** @returns {number | null} */
  pixel(value) {
    let scaled;
    if (typeof value === "string") scaled = this.categories.includes(value) ? this.categories.indexOf(value) : null;
    else if (isNumber(value)) scaled = this.scaled(value);
    else scaled = null;
    if (scaled === null || !Number.isFinite(scaled)) return null;
    return this.start + (scaled - this.low) / (this.high - this.low) * (this.end - this.start);
  }

  /** @returns {Array<[number | null, string]>} */
  ticks() {
    const { spec } = this;
    if (Array.isArray(spec.tickvals) && spec.tickvals.length) {
      const labels = spec.ticktext?.length ? spec.ticktext : spec.tickvals.map(formatNumber);
      const count = Math.min(spec.tickvals.length, labels.length);
      return spec.tickvals.slice(0, count).map((v, i) => [this.pixel(v), String(labels[i])]);
    }
    if (this.categories.length) return this.categories.map((c) => [this.pixel(c), c]);
    if (this.log) return logTicks(this.low, this.high, Math.abs(this.end - this.start)).map((v) => [this.pixel(v), formatNumber(v)]);
    const step = spec.dtick;
    let values;
    if (isNumber(step) && step > 0 && (this.high - this.low) / step <= 20) {
      values = [];
      for (let v = Math.ceil(this.low / step); v <= Math.floor(this.high / step); v += 1) values.push(v * step);
    } else values = niceTicks(this.low, this.high);
    return values.map((v) => [this.pixel(v), formatNumber(v)]);
  }
}

const sizeAt = (marker, index) => Number(Array.isArray(marker.size) ? marker.size[index] : marker.size ?? 6);
/**
 * A figure's number as an SVG attribute value: a finite number, or the default
 * (a value from a data file that is text could write markup into the attribute).
 * @param {unknown} value @param {number} fallback
 */
const finite = (value, fallback) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
const opacityAttribute = (/** @type {number} */ opacity) => (opacity !== 1 ? ` opacity="${opacity}"` : "");

/**
 * The figure as an `<svg>` element's markup (role img, named by `label` or its title).
 * @param {{data?: PlotlyJSON[], layout?: PlotlyJSON}} figure
 * @param {{label?: string, key?: string, width?: number, height?: number}} [options]
 *   key makes its ids unique on the page; width × height is the box before the legend
 *   rows (the container's width in CSS pixels, so text is drawn at its CSS size)
 * @returns {string}
 */
export function render(figure, { label = "", key = "0", width = WIDTH, height = HEIGHT } = {}) {
  const layout = figure.layout || {};
  const traces = (figure.data || []).filter((t) => ["scatter", "bar"].includes(t.type ?? "scatter"));
  const legend = inLegend(traces);
  const columns = width >= 480 ? 2 : 1;  // a phone's column is too narrow for two legend entries side by side
  const total = height + legendSpace(legend.length, width);
  let [left, right] = [PLOT.l, width - PLOT.r];
  const [top, bottom] = [PLOT.t, height - PLOT.b];
  const bars = traces.some((t) => t.type === "bar");
  const xs = traces.flatMap((t) => t.x || []);
  const ys = traces.flatMap((t) => t.y || []);
  const xSpec = layout.xaxis || {};
  const ySpec = layout.yaxis || {};
  let x = new Axis(xSpec, xs, left, right, false);
  const y = new Axis(ySpec, ys, bottom, top, bars);
  if (ySpec.scaleanchor === "x" && !(x.log || y.log || x.categories.length)) {
    // One unit is as long on both axes (a circle stays round): narrow the plot, centred.
    const narrow = (bottom - top) * (x.high - x.low) / (y.high - y.low);
    if (narrow < right - left) {
      [left, right] = [(left + right - narrow) / 2, (left + right + narrow) / 2];
      x = new Axis(xSpec, xs, left, right, false);
    }
  }
  const title = textOf(layout.title);
  const parts = [`<svg class="toy-svg" viewBox="0 0 ${general(width)} ${general(total)}" role="img" `
    + `aria-label="${escape(label || title || "Chart")}" xmlns="http://www.w3.org/2000/svg">`];
  if (title) parts.push(`<text class="toy-svg__title" x="${general(width / 2)}" y="24" text-anchor="middle">${title}</text>`);
  // Grid and ticks.
  for (const [px, text] of x.ticks()) {
    if (px !== null && left - 0.5 <= px && px <= right + 0.5) {
      parts.push(`<line class="toy-svg__grid" x1="${fixed1(px)}" x2="${fixed1(px)}" y1="${top}" y2="${bottom}"/>`
        + `<text class="toy-svg__tick" x="${fixed1(px)}" y="${bottom + 16}" text-anchor="middle">${escape(text)}</text>`);
    }
  }
  for (const [py, text] of y.ticks()) {
    if (py !== null && top - 0.5 <= py && py <= bottom + 0.5) {
      parts.push(`<line class="toy-svg__grid" x1="${left}" x2="${right}" y1="${fixed1(py)}" y2="${fixed1(py)}"/>`
        + `<text class="toy-svg__tick" x="${left - 6}" y="${fixed1(py + 4)}" text-anchor="end">${escape(text)}</text>`);
    }
  }
  parts.push(`<path class="toy-svg__axis" d="M${left},${top}V${bottom}H${right}"/>`);
  const xTitle = textOf(xSpec.title);
  const yTitle = textOf(ySpec.title);
  if (xTitle) parts.push(`<text class="toy-svg__label" x="${(left + right) / 2}" y="${bottom + 40}" text-anchor="middle">${xTitle}</text>`);
  if (yTitle) {
    parts.push(`<text class="toy-svg__label" transform="translate(16 ${(top + bottom) / 2}) rotate(-90)" `
      + `text-anchor="middle">${yTitle}</text>`);
  }
  // Traces, clipped to the plotting area.
  parts.push(`<clipPath id="toy-svg-clip-${key}"><rect x="${left}" y="${top}" width="${right - left}" `
    + `height="${bottom - top}"/></clipPath><g clip-path="url(#toy-svg-clip-${key})">`);
  const barTraces = traces.filter((t) => t.type === "bar");
  const grouped = (layout.barmode ?? "group") === "group" && barTraces.length > 1;
  /** @type {Map<unknown, string>} */
  const colours = new Map();
  traces.forEach((trace, index) => {
    const group = trace.legendgroup || trace.name || index;
    const marker = trace.marker || {};
    const colour = (typeof marker.color === "string" ? marker.color : null)
      || trace.line?.color || (trace.fill === "toself" ? trace.fillcolor : null)
      || colours.get(group) || COLOURS[colours.size % COLOURS.length];
    if (!colours.has(group)) colours.set(group, colour);
    const opacity = finite(trace.opacity, 1);
    const xsOf = trace.x || [];
    const ysOf = trace.y || [];
    const points = xsOf.slice(0, ysOf.length).map((a, i) => [x.pixel(a), y.pixel(ysOf[i])]);
    if (trace.type === "bar") {
      parts.push(barsOf(points, x, y, colour, opacity, barTraces.indexOf(trace), barTraces.length, grouped));
      return;
    }
    const mode = trace.mode ?? "lines+markers";
    if (trace.fill === "toself") parts.push(areaOf(trace, points, colour, opacity));
    if (mode.includes("lines")) {
      const line = trace.line || {};
      const dash = DASHES[line.dash ?? ""] || "";
      for (const run of runs(points)) {
        const d = `M${stepped(run, line.shape ?? "linear").map(([a, b]) => `${fixed1(a)},${fixed1(b)}`).join("L")}`;
        parts.push(`<path d="${d}" fill="none" stroke="${escape(colour)}" stroke-width="${finite(line.width, 2)}"`
          + (dash ? ` stroke-dasharray="${dash}"` : "") + opacityAttribute(opacity) + "/>");
      }
    }
    if (mode.includes("text") && Array.isArray(trace.text)) {
      const below = String(trace.textposition ?? "top").includes("bottom");
      points.slice(0, trace.text.length).forEach(([a, b], i) => {
        const text = trace.text[i];
        if (a !== null && b !== null && text) {
          parts.push(`<text class="toy-svg__note" x="${fixed1(a)}" y="${fixed1(b + (below ? 16 : -8))}" `
            + `text-anchor="middle">${textOf(text)}</text>`);
        }
      });
    }
    if (mode.includes("markers")) {
      points.forEach(([a, b], i) => {
        const radius = sizeAt(marker, i) / 2;
        if (a !== null && b !== null && radius > 0) {
          parts.push(`<circle cx="${fixed1(a)}" cy="${fixed1(b)}" r="${general(radius)}" fill="${escape(colour)}"`
            + opacityAttribute(opacity) + "/>");
        }
      });
    }
  });
  parts.push("</g>");
  for (const note of layout.annotations || []) parts.push(annotation(note, x, y, left, right, top, bottom));
  // Legend: two columns (one on a phone) under the plot, never over the data.
  legend.forEach((trace, i) => {
    const group = trace.legendgroup || trace.name;
    const [lx, ly] = [left + (i % columns) * (right - left) / 2, height + 14 + 20 * Math.floor(i / columns)];
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="14" height="10" fill="${escape(colours.get(group) ?? COLOURS[0])}"/>`
      + `<text class="toy-svg__legend" x="${lx + 20}" y="${ly}">${textOf(trace.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

/**
 * A closed, filled polygon through the drawable points (Plotly's fill "toself"): without
 * a fillcolor, the trace's colour at half strength, as Plotly fills.
 * @param {any} trace @param {Array<Array<number|null>>} points @param {string} colour @param {number} opacity
 */
function areaOf(trace, points, colour, opacity) {
  const corners = points.filter(([a, b]) => a !== null && b !== null);
  if (corners.length < 3) return "";
  const fill = trace.fillcolor;
  const d = `M${corners.map(([a, b]) => `${fixed1(a)},${fixed1(b)}`).join("L")}Z`;
  return `<path d="${d}" fill="${escape(fill || colour)}" stroke="none"`
    + (fill ? "" : ' fill-opacity="0.5"') + opacityAttribute(opacity) + "/>";
}

/** The corners of a stepped line (Plotly's line.shape hv, vh, hvh); a linear line as it is. */
function stepped(run, shape) {
  if (!["hv", "vh", "hvh"].includes(shape) || run.length < 2) return run;
  const corners = [run[0]];
  for (let i = 1; i < run.length; i += 1) {
    const [[a0, b0], [a1, b1]] = [run[i - 1], run[i]];
    if (shape === "hv") corners.push([a1, b0], [a1, b1]);
    else if (shape === "vh") corners.push([a0, b1], [a1, b1]);
    else corners.push([(a0 + a1) / 2, b0], [(a0 + a1) / 2, b1], [a1, b1]);
  }
  return corners;
}

/** A text annotation (no arrow), placed in paper or data coordinates. */
function annotation(note, x, y, left, right, top, bottom) {
  const place = (value, ref, axis, low, high) => (String(ref).endsWith("paper") ? low + Number(value) * (high - low) : axis.pixel(value));
  const px = place(note.x ?? 0.5, note.xref ?? "x", x, left, right);
  const py = place(note.y ?? 0.5, note.yref ?? "y", y, bottom, top);
  if (px === null || py === null) return "";
  const anchor = { left: "start", right: "end" }[note.xanchor] || "middle";
  const lines = String(note.text ?? "").split("<br>");
  const first = py + (note.yanchor === "top" ? 12 : note.yanchor === "bottom" ? -4 - 16 * (lines.length - 1) : 4);
  const spans = lines.map((line, i) => `<tspan x="${fixed1(px)}" y="${fixed1(first + 16 * i)}">${escape(line)}</tspan>`).join("");
  return `<text class="toy-svg__note" text-anchor="${anchor}">${spans}</text>`;
}

/** Consecutive drawable points (a gap where a value cannot be drawn, e.g. ≤ 0 on a log axis). */
function runs(points) {
  const found = [];
  let run = [];
  for (const [a, b] of points) {
    if (a === null || b === null) {
      if (run.length > 1) found.push(run);
      run = [];
    } else run.push([a, b]);
  }
  if (run.length > 1) found.push(run);
  return found;
}

function barsOf(points, x, y, colour, opacity, slot, slots, grouped) {
  const xs = points.map(([a]) => a).filter((a) => a !== null).sort((a, b) => a - b);
  const gaps = xs.slice(1).map((b, i) => Math.abs(b - xs[i])).filter((gap, i) => xs[i + 1] !== xs[i]);
  const full = (gaps.length ? Math.min(...gaps) : Math.abs(x.end - x.start) / 4) * 0.8;
  const width = grouped ? full / slots : full;
  let base = y.log ? y.start : y.pixel(0);
  base = Math.min(Math.max(base, Math.min(y.start, y.end)), Math.max(y.start, y.end));
  return points.filter(([a, b]) => a !== null && b !== null).map(([a, b]) => {
    const left = a - full / 2 + (grouped ? slot * width : 0);
    return `<rect x="${fixed1(left)}" y="${fixed1(Math.min(b, base))}" width="${fixed1(width)}" height="${fixed1(Math.abs(base - b))}" `
      + `fill="${escape(colour)}"` + opacityAttribute(opacity) + "/>";
  }).join("");
}

// -- What this module draws: anything else is drawn by Plotly --------------------------------

const allowed = (object, keys) => Object.keys(object || {}).every((k) => keys.includes(k));
const TRACE_KEYS = ["type", "x", "y", "name", "mode", "line", "marker", "legendgroup", "showlegend", "text",
  "textposition", "textfont", "opacity", "hoverinfo", "hovertemplate", "uid", "fill", "fillcolor"];
const LAYOUT_KEYS = ["title", "font", "colorway", "xaxis", "yaxis", "legend", "paper_bgcolor", "plot_bgcolor", "margin",
  "bargap", "bargroupgap", "showlegend", "barmode", "annotations", "height", "width", "autosize", "hovermode", "template"];
const AXIS_KEYS = ["automargin", "tickfont", "title", "range", "type", "tickvals", "ticktext", "dtick", "zeroline",
  "scaleanchor", "autorange", "rangemode", "showgrid", "gridcolor", "zerolinecolor", "linecolor", "tickcolor", "fixedrange"];
const NOTE_KEYS = ["showarrow", "text", "xref", "yref", "x", "y", "xanchor", "yanchor", "font"];

/**
 * Whether `render` draws this figure as Plotly would: every trace and layout
 * feature in the subset above (a heatmap, a second axis, an arrow, a spline: no).
 * @param {any} figure
 * @returns {boolean}
 */
export function canDraw(figure) {
  if (!figure || typeof figure !== "object" || !Array.isArray(figure.data)) return false;
  const layout = figure.layout || {};
  const traceOk = (t) => t && typeof t === "object"
    && ["scatter", "bar", undefined].includes(t.type) && allowed(t, TRACE_KEYS)
    && Array.isArray(t.x ?? []) && Array.isArray(t.y ?? [])
    && (t.type !== "bar" || !t.mode)
    && [undefined, "none", "toself"].includes(t.fill) && (t.fillcolor === undefined || typeof t.fillcolor === "string")
    && (t.mode === undefined || /^(none|(lines|markers|text)(\+(lines|markers|text))*)$/.test(t.mode))
    && allowed(t.line, ["color", "width", "dash", "shape"])
    && [undefined, "linear", "hv", "vh", "hvh"].includes(t.line?.shape)
    && [undefined, "solid", ...Object.keys(DASHES)].includes(t.line?.dash)
    && allowed(t.marker, ["color", "size", "line", "opacity"])
    && (t.marker?.color === undefined || typeof t.marker.color === "string")
    && (t.marker?.opacity === undefined || t.marker.opacity === 1)
    && [t.opacity, t.line?.width].every((n) => n === undefined || (typeof n === "number" && Number.isFinite(n)));
  const axisOk = (a) => allowed(a, AXIS_KEYS) && [undefined, "-", "linear", "log", "category"].includes(a?.type)
    && [undefined, true, "reversed"].includes(a?.autorange) && [undefined, "x"].includes(a?.scaleanchor);
  const noteOk = (n) => allowed(n, NOTE_KEYS) && n.showarrow === false;  // Plotly's default draws an arrow: it must say false
  return figure.data.every(traceOk) && allowed(layout, LAYOUT_KEYS)
    && axisOk(layout.xaxis) && axisOk(layout.yaxis)
    && [undefined, "group", "overlay"].includes(layout.barmode)
    && (layout.annotations ?? []).every(noteOk);
}
