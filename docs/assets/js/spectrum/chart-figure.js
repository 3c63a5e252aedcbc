// The Plotly part of a spectrum chart as plain data: axes, poles, and (when
// shown) the author's map: each spot, its region where the author gave a
// spread, a dotted line from the reader's spot and the distance. The reader's
// papers are buttons over the chart (chart.js), drawn here only for the PNG.
// Pure: no DOM, no Plotly, so node:test can import it.

import { plotlyText } from "./dom.js";
import { AUTHOR_LANE, compareMaps } from "./geometry.js";
import { middle, shortLabel } from "./model.js";

/** @typedef {import("./geometry.js").ChartLayout} ChartLayout */
/** @typedef {import("./geometry.js").AuthorSpot} AuthorSpot */
/**
 * @typedef {{model: import("./model.js").Model, placements: import("./model.js").Placements,
 *            offered: Set<string>, author: Record<string, AuthorSpot> | null}} ChartState
 * @typedef {{text: string, muted: string, faint: string, grid: string, background: string, font: string}} Theme
 */

/** Above this many papers on a chart, labels show on hover and focus only. */
export const LABEL_LIMIT = 40;
/** Where the distances' text trace comes among the traces when the author's map is shown. */
export const DISTANCE_TRACE = 1;
/** The smallest text on the chart, in pixels (legible on a phone). */
export const TEXT_SIZE = 12;
const DOT = 14;

/**
 * @param {{view: string, layout: ChartLayout, theme: Theme, state: ChartState,
 *          positions: Map<string, {x: number, y: number, px: number, py: number, lane: number}>,
 *          withReader: boolean, colourOf: (id: string) => string | null}} input
 * @returns {{data: object[], layout: object}}
 */
export function buildFigure({ view, layout, theme, state, positions, withReader, colourOf }) {
  const { x: xAxis, y: yAxis } = state.model.taxonomy;
  const data = [];
  const shapes = [];
  const author = state.author;
  const category = (id) => state.model.category(author?.[id]?.grounding)?.colour ?? theme.text;
  if (author) {
    const comparison = compareMaps(view, state.placements, author);
    const lineX = [], lineY = [], textX = [], textY = [], text = [];
    for (const row of comparison.rows) {
      if (!state.offered.has(row.id)) continue;
      const at = positions.get(row.id);
      const ay = view === "line" ? at?.lane ?? 0 : row.author.y ?? yAxis.min;
      const ry = view === "line" ? at?.lane ?? 0 : at?.y ?? yAxis.min;
      lineX.push(row.reader.x, row.author.x, null);
      lineY.push(ry, ay, null);
      textX.push((row.reader.x + row.author.x) / 2);
      textY.push((ry + ay) / 2);
      text.push(row.distance.toFixed(2));
    }
    // (The distances' text must stay trace DISTANCE_TRACE: chart.js hides those with no room.)
    data.push({ type: "scatter", mode: "lines", x: lineX, y: lineY, hoverinfo: "skip",
      line: { color: theme.muted, width: 1.5, dash: "dot" } });
    data.push({ type: "scatter", mode: "text", x: textX, y: textY, text, hoverinfo: "skip",
      textposition: "top center", textfont: { color: theme.text, size: TEXT_SIZE } });
    const ax = [], ay = [], colours = [];
    for (const [id, spot] of Object.entries(author)) {
      if (!state.offered.has(id)) continue;
      const y = view === "line" ? positions.get(id)?.lane ?? AUTHOR_LANE : spot.y ?? yAxis.min;
      ax.push(spot.x);
      ay.push(y);
      colours.push(category(id));
      if (spot.spread) {
        // The author's region: a band on the line, a box on a plane.
        const sx = spot.spread.x ?? 0;
        const sy = view === "line" || spot.y === null ? null : spot.spread.y ?? 0;
        shapes.push({
          type: "rect", layer: "below", xref: "x", x0: spot.x - sx, x1: spot.x + sx,
          ...(sy === null ? { yref: "paper", y0: 0, y1: 1 } : { yref: "y", y0: y - sy, y1: y + sy }),
          fillcolor: category(id), opacity: 0.14, line: { color: category(id), width: 1, dash: "dot" },
          name: `region-${id}`,
        });
      }
    }
    data.push({ type: "scatter", mode: "markers", x: ax, y: ay, hoverinfo: "skip",
      marker: { symbol: "diamond-open", size: 14, color: colours, line: { width: 2.5, color: colours } } });
  }
  if (withReader) {
    const ids = [...positions.keys()];
    const labels = ids.length <= LABEL_LIMIT;
    data.push({
      type: "scatter", mode: labels ? "markers+text" : "markers", hoverinfo: "skip",
      x: ids.map((id) => positions.get(id)?.x), y: ids.map((id) => (view === "line" ? positions.get(id)?.lane : positions.get(id)?.y)),
      text: ids.map((id) => plotlyText(shortLabel(/** @type {any} */ (state.model.paper(id))))),
      textposition: "middle right", textfont: { color: theme.muted, size: TEXT_SIZE },
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
      annotation(`\u2191 ${yAxis.high}`, { xref: "x", yref: "y", x: xAxis.min, y: yAxis.max, xanchor: "left", yanchor: "top", xshift: 4, font: { size: TEXT_SIZE, color: theme.muted } }),
      annotation(yAxis.low, { xref: "x", yref: "y", x: xAxis.min, y: yAxis.min, xanchor: "left", yanchor: "bottom", xshift: 4, font: { size: TEXT_SIZE, color: theme.muted } }),
    );
  }
  const axisStyle = { fixedrange: true, zeroline: false, showline: true, linecolor: theme.faint, gridcolor: theme.grid,
    tickfont: { color: theme.muted, size: TEXT_SIZE }, ticks: "outside", tickcolor: theme.faint, ticklen: 4 };
  shapes.push({ type: "line", xref: "x", yref: "paper", x0: mid, x1: mid, y0: 0, y1: 1, layer: "below",
    line: { color: theme.faint, width: 1, dash: "dash" } });
  return {
    data,
    layout: {
      width: layout.width, height: layout.height, autosize: false,
      margin: { ...layout.margin, pad: 0 },
      paper_bgcolor: theme.background, plot_bgcolor: theme.background,
      font: { family: theme.font, color: theme.text, size: TEXT_SIZE },
      showlegend: false, dragmode: false, hovermode: false,
      xaxis: { ...axisStyle, range: layout.xRange, tickvals: ticks, ticktext: ticks.map((t) => String(Math.round(t * 100) / 100).replace("-", "\u2212")) },
      yaxis: view === "line"
        ? { range: layout.yRange, fixedrange: true, visible: false }
        : { ...axisStyle, range: layout.yRange, tickvals: [yAxis.min, middle(yAxis), yAxis.max] },
      shapes,
      annotations,
    },
  };
}
