// chart-svg.js: the spectrum chart drawn as SVG data: axes, ticks, poles, the author's map
// (spots with their grounding's shape and colour, regions, dotted lines, distances), the
// reader's papers for the PNG, and markup where nothing from a paper becomes markup.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CSS_THEME, DOT, TEXT_SIZE, buildChartSvg, groundingShape, shapePath, tickText, toMarkup,
} from "../../docs/assets/js/spectrum/chart-svg.js";
import { chartLayout, compareMaps, createFrame } from "../../docs/assets/js/spectrum/geometry.js";
import { makePlacements } from "../../docs/assets/js/spectrum/model.js";
import { model } from "./spectrum-fixture.js";

const GAN = "1406.2661";
const SDE = "2011.13456";
const SCALING = "2001.08361";
const RESOLVED = { text: "rgb(0, 0, 0)", muted: "rgb(80, 80, 80)", faint: "rgb(150, 150, 150)", grid: "rgb(230, 230, 230)",
  background: "rgb(255, 255, 255)", font: "\"Helvetica Neue\", Arial, sans-serif" };

/** Every node of a drawing, depth first. */
function* walk(svg) {
  yield svg;
  for (const child of svg.children ?? []) yield* walk(child);
}
const byClass = (svg, name) => [...walk(svg)].filter((node) => String(node.attrs.class ?? "").split(" ").includes(name));

/** A chart of one view with the reader's placements, positioned as chart.js does on the plane. */
function draw({ view = "plane", width = 640, placements = {}, author = null, theme = CSS_THEME, reader = null, m = model() } = {}) {
  const layout = chartLayout(view, width, m.taxonomy);
  const frame = createFrame(layout);
  const positions = new Map(Object.entries(placements).map(([id, spot]) => {
    const y = view === "line" ? 0 : spot.y ?? m.taxonomy.y.min;
    return [id, { x: spot.x, y, lane: 0, ...frame.toPx(spot.x, y) }];
  }));
  const state = { model: m, placements: makePlacements(Object.entries(placements)), offered: new Set(m.papers.map((p) => p.id)), author };
  return { svg: buildChartSvg({ view, layout, theme, state, positions, reader }), layout, frame, positions, state };
}

test("the plane: a grid, five x ticks and three y ticks at their values, both poles of each axis, 12 px text", () => {
  const { svg, layout, frame } = draw();
  assert.equal(svg.tag, "svg");
  assert.equal(svg.attrs.width, layout.width);
  assert.equal(svg.attrs.height, layout.height);
  assert.deepEqual(byClass(svg, "spectrum-x-tick").map((t) => t.text), ["\u22121", "\u22120.5", "0", "0.5", "1"]);
  assert.deepEqual(byClass(svg, "spectrum-y-tick").map((t) => t.text), ["0", "0.5", "1"]);
  const x0 = byClass(svg, "spectrum-x-tick")[0];
  assert.ok(Math.abs(Number(x0.attrs.x) - frame.toPx(-1, 0).px) < 0.1, "a tick's label stands at its value");
  assert.ok(Number(x0.attrs.y) > frame.plot.top + frame.plot.height, "below the plot");
  assert.deepEqual(byClass(svg, "spectrum-pole-name").map((t) => t.text), ["\u2190 Structural", "Developmental \u2192", "\u2191 Exploratory", "Building"]);
  for (const text of [...walk(svg)].filter((node) => node.tag === "text")) {
    const size = /font-size: (\d+)px/.exec(String(text.attrs.style))?.[1];
    assert.ok(Number(size) >= TEXT_SIZE, `${text.text}: ${size}px`);
    assert.ok(Number(text.attrs.y) <= layout.height, `${text.text} inside the chart`);
  }
  assert.equal(byClass(svg, "spectrum-grid-line").length, 5 + 3);
  assert.equal(byClass(svg, "spectrum-middle").length, 1);
  assert.equal(byClass(svg, "spectrum-author-spot").length, 0, "no author's map unless shown");
});

test("the line: one axis, no y ticks, and it draws nothing of the reader's papers (they are buttons)", () => {
  const { svg } = draw({ view: "line", placements: { [GAN]: { x: 0.2, y: null } } });
  assert.equal(byClass(svg, "spectrum-y-tick").length, 0);
  assert.deepEqual(byClass(svg, "spectrum-pole-name").map((t) => t.text), ["\u2190 Structural", "Developmental \u2192"]);
  assert.equal(byClass(svg, "spectrum-reader-spot").length, 0);
});

test("on the page the colours are Material's variables; for the PNG the resolved ones, and the font too", () => {
  const page = toMarkup(draw().svg);
  assert.match(page, /fill: var\(--md-default-fg-color--light\)/);
  assert.match(page, /fill: var\(--md-default-bg-color\)/);
  assert.doesNotMatch(page, /font-family/, "the page's font is inherited");
  const file = toMarkup(draw({ theme: RESOLVED }).svg);
  assert.doesNotMatch(file, /var\(/, "nothing in the file depends on the page");
  assert.match(file, /font-family: &quot;Helvetica Neue&quot;, Arial, sans-serif/);
  assert.match(file, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});

test("the author's map: a spot per paper with its grounding's shape and colour, a region, a dotted line and the distance", () => {
  const author = {
    [GAN]: { x: -0.85, y: 0.1, grounding: "laws-of-math" },
    [SDE]: { x: -0.6, y: 0.1, grounding: "laws-of-code", spread: { x: 0.3, y: 0.1 } },
    [SCALING]: { x: 0.5, y: null },
  };
  const placements = { [GAN]: { x: 0, y: 0.58 }, [SDE]: { x: -0.5, y: 0.15 } };
  const { svg, frame, state } = draw({ placements, author });
  const spots = byClass(svg, "spectrum-author-spot");
  assert.deepEqual(spots.map((s) => [s.attrs["data-id"], s.attrs["data-shape"]]),
    [[GAN, "circle"], [SDE, "square"], [SCALING, "none"]]);
  assert.match(String(spots[0].children?.[0].attrs.style), /stroke: #3f6fd8/);
  assert.match(String(spots[1].children?.[0].attrs.style), /stroke: #d9822b/);
  assert.equal(spots[2].children?.length, 1, "no grounding: the hollow diamond alone");

  const [region] = byClass(svg, "spectrum-author-region");
  const box = frame.box([-0.9, -0.3], [0, 0.2]);
  assert.equal(region.attrs["data-id"], SDE);
  assert.ok(Math.abs(Number(region.attrs.x) - box.left) < 0.1 && Math.abs(Number(region.attrs.width) - box.width) < 0.2);
  assert.ok(Math.abs(Number(region.attrs.y) - box.top) < 0.1 && Math.abs(Number(region.attrs.height) - box.height) < 0.2);

  const rows = compareMaps("plane", state.placements, author).rows;
  assert.deepEqual(byClass(svg, "spectrum-distance").map((t) => t.text), rows.map((r) => r.distance.toFixed(2)));
  assert.deepEqual(byClass(svg, "spectrum-distance").map((t) => t.text), ["0.98", "0.00"], "zero inside the region");
  const links = byClass(svg, "spectrum-author-link");
  assert.equal(links.length, 2);
  const from = frame.toPx(0, 0.58);
  const to = frame.toPx(-0.85, 0.1);
  assert.ok(Math.abs(Number(links[0].attrs.x1) - from.px) < 0.1 && Math.abs(Number(links[0].attrs.y2) - to.py) < 0.1);
  assert.match(String(links[0].attrs.style), /stroke-dasharray/);

  // The PNG draws only the distances the chart kept clear (the lines all stay).
  const png = draw({ placements, author, theme: RESOLVED, reader: { labels: new Map(), distances: new Set([SDE]), colourOf: () => null } }).svg;
  assert.deepEqual(byClass(png, "spectrum-distance").map((t) => t.attrs["data-id"]), [SDE]);
  assert.equal(byClass(png, "spectrum-author-link").length, 2);
});

test("on the line an author's region spans the plot's height", () => {
  const author = { [SDE]: { x: -0.6, y: 0.1, spread: { x: 0.3, y: 0.1 } } };
  const { svg, frame } = draw({ view: "line", author });
  const [region] = byClass(svg, "spectrum-author-region");
  assert.equal(Number(region.attrs.y), Math.round(frame.plot.top * 10) / 10);
  assert.ok(Math.abs(Number(region.attrs.height) - frame.plot.height) < 0.2);
});

test("the PNG's drawing holds the reader's papers: their grounding's shape and colour, labels where the chart put them", () => {
  const m = model();
  const placements = { [GAN]: { x: 0, y: 0.5, grounding: "laws-of-code" }, [SDE]: { x: -0.5, y: 0.2, grounding: "unsure" }, [SCALING]: { x: 0.5, y: null } };
  const labels = new Map([[GAN, { left: 330, top: 150, right: 420, bottom: 164 }], [SDE, null]]);
  const colourOf = (id) => m.category(placements[id]?.grounding)?.colour ?? null;
  const { svg } = draw({ placements, theme: RESOLVED, reader: { labels, distances: new Set(), colourOf }, m });
  const spots = byClass(svg, "spectrum-reader-spot");
  assert.deepEqual(spots.map((s) => [s.attrs["data-id"], s.attrs["data-shape"]]), [[GAN, "square"], [SDE, "unsure"], [SCALING, "none"]]);
  assert.match(String(spots[0].children?.[0].attrs.style), /fill: #d9822b/);
  assert.match(String(spots[2].children?.[0].attrs.style), /stroke-dasharray/, "no height yet: dashed");
  const texts = byClass(svg, "spectrum-reader-label");
  assert.deepEqual(texts.map((t) => t.text), ["Goodfellow 2014"], "a label with no room is not drawn");
  assert.equal(texts[0].attrs.x, 330);
});

test("a paper's name is text, never markup", () => {
  const m = model();
  m.paper(GAN).authors[0] = "A. <img/src=x>&\"x\""; // the label is the last name
  const placements = { [GAN]: { x: 0, y: 0.5 } };
  const labels = new Map([[GAN, { left: 10, top: 10, right: 100, bottom: 24 }]]);
  const markup = toMarkup(draw({ placements, theme: RESOLVED, reader: { labels, distances: new Set(), colourOf: () => null }, m }).svg);
  assert.doesNotMatch(markup, /<img/);
  assert.match(markup, />&lt;img\/src=x&gt;&amp;"x" 2014<\/text>/);
});

test("shapes: each path closes and stays within its size; groundings map to the legend's shapes", () => {
  for (const shape of ["circle", "square", "triangle", "diamond"]) {
    const d = shapePath(shape, 50, 50, DOT);
    assert.match(d, /Z$/);
    const numbers = d.match(/-?\d+(\.\d+)?/g)?.map(Number).filter((v) => v !== 0 && v !== 1) ?? [];
    for (const v of numbers) assert.ok(v >= 50 - DOT / 2 - 0.1 && v <= 50 + DOT / 2 + 0.1 || v === DOT / 2, `${shape}: ${v}`);
  }
  const m = model();
  assert.deepEqual(["laws-of-math", "laws-of-code", "unsure", undefined].map((g) => groundingShape(m, g)),
    ["circle", "square", "unsure", "none"]);
  assert.deepEqual([-1, -0.25, 0.125, 1 / 3].map(tickText), ["\u22121", "\u22120.25", "0.13", "0.33"]);
});
