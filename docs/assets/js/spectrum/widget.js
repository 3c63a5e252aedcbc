// One spectrum figure's lifecycle: it waits until it nears the viewport,
// loads Plotly, swaps the static fallback for the widget (toolbar, chart,
// legend, details, comparison, palette), follows the store and the theme,
// and tears everything down when instant navigation leaves the page.
//
// The line view has one axis: a paper placed or moved there keeps the y it
// had (from a plane view), or else takes the bottom of the y axis.

import { createChart } from "./chart.js";
import { encodeShare } from "./codec.js";
import { h, reducedMotion, safeUrl } from "./dom.js";
import { compareMaps } from "./geometry.js";
import { extendModel, makePlacements, middle, placementList } from "./model.js";
import { createPalette } from "./palette.js";
import { MAX_INPUT_BYTES, parseImport } from "./validate.js";
import { toYaml } from "./yaml.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/** @typedef {import("./store.js").Store} Store */
/**
 * @typedef {{store: Store, model: Model, loadPlotly: () => Promise<any>,
 *            whenNearViewport: (element: Element, callback: () => void) => () => void,
 *            siteName: () => string, acceptShared: () => void, declineShared: () => void,
 *            sharedCount: () => number}} WidgetContext
 */

/** @param {number} value */
const fixed = (value) => value.toFixed(2).replace("-", "\u2212");

/**
 * The figure's options, as the build wrote them; only known papers and numeric spots are kept.
 * @param {HTMLElement} figure
 * @param {Model} model
 */
function readOptions(figure, model) {
  const raw = JSON.parse(figure.dataset.spectrumOptions ?? "{}");
  const view = ["line", "plane", "map"].includes(raw.view) ? raw.view : "line";
  const offered = (Array.isArray(raw.papers) ? raw.papers : []).filter((id) => model.has(id));
  /** @type {Record<string, [number, number | null]>} */
  const author = Object.create(null);
  if (raw.reveal === true && raw.author && typeof raw.author === "object") {
    for (const [id, spot] of Object.entries(raw.author)) {
      if (!model.has(id) || !Array.isArray(spot) || !Number.isFinite(spot[0])) continue;
      author[id] = [spot[0], Number.isFinite(spot[1]) ? spot[1] : null];
    }
  }
  return { view, offered, reveal: raw.reveal === true, author };
}

/** Start a download of text (no element is added to the page, so instant navigation ignores it). */
function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

let counter = 0;

/**
 * @param {HTMLElement} figure a figure.research-spectrum from the build
 * @param {WidgetContext} context
 */
export function createWidget(figure, context) {
  const { store, model } = context;
  const { view, offered, reveal, author } = readOptions(figure, model);
  const offeredSet = new Set(offered);
  const prefix = `${figure.id || "spectrum"}-w${++counter}`;
  const { x: xAxis, y: yAxis } = model.taxonomy;

  let destroyed = false;
  let mounted = false;
  /** @type {Promise<void> | null} */
  let mounting = null;
  let showAuthor = false;
  /** @type {ReturnType<typeof createChart> | null} */
  let chart = null;
  /** @type {ReturnType<typeof createPalette> | null} */
  let palette = null;
  /** @type {string | null} */
  let detailsId = null;
  /** @type {{text: string, error: boolean} | null} */
  let pendingMessage = null;
  /** The benchmark's synthetic papers: {model, placements} while it runs. */
  /** @type {{model: Model, placements: Placements, offered: Set<string>} | null} */
  let synthetic = null;
  /** @type {(() => void)[]} */
  const cleanups = [];

  // -- the DOM ----------------------------------------------------------------------

  const status = h("p", { class: "spectrum-status", role: "status" });
  const button = (text, onclick, extra = {}) => h("button", { type: "button", class: "spectrum-button", onclick, ...extra }, text);
  /** A button whose label shrinks on a phone (the toolbar then fits two rows); its name stays whole. */
  const shortButton = (text, short, onclick) => h("button", { type: "button", class: "spectrum-button", onclick, "aria-label": text },
    h("span", { class: "spectrum-label-long", text }), h("span", { class: "spectrum-label-short", "aria-hidden": "true", text: short }));
  const undoButton = button("Undo", () => act(() => store.undo(widget), "Undone.", "Nothing to undo."), { "aria-keyshortcuts": "Control+Z" });
  const redoButton = button("Redo", () => act(() => store.redo(widget), "Redone.", "Nothing to redo."), { "aria-keyshortcuts": "Control+Shift+Z" });
  const revealButton = reveal ? button("Show the author's map", toggleAuthor, { "aria-pressed": "false", disabled: true }) : null;
  const fileInput = /** @type {HTMLInputElement} */ (h("input", {
    type: "file", class: "spectrum-file-input", id: `${prefix}-import`,
    accept: ".json,.yaml,.yml,application/json,text/yaml,application/yaml", onchange: importFile,
  }));
  const fileLabel = h("label", { class: "spectrum-file-label", for: `${prefix}-import`, text: "Import map" });
  const resetButton = button("Reset", () => {
    if (!Object.keys(store.placements()).length) return announce("Your map is already empty.");
    act(() => store.replace(makePlacements([]), widget), "Map cleared: every paper is back in the palette. Undo brings them back.");
  });
  const toolbar = h("div", { class: "spectrum-toolbar", role: "toolbar", "aria-label": "Map tools" },
    h("div", { class: "spectrum-group" }, undoButton, redoButton, revealButton),
    h("div", { class: "spectrum-group" },
      shortButton("Copy share link", "Share", copyShareLink),
      shortButton("Export JSON", "JSON", () => exportMap("json")),
      shortButton("Export YAML", "YAML", () => exportMap("yaml")),
      fileInput, fileLabel,
      shortButton("Download PNG", "PNG", downloadPng),
      resetButton));

  const confirmText = h("p");
  const confirmBar = h("div", { class: "spectrum-confirm", role: "group", "aria-label": "Shared map", hidden: true },
    confirmText,
    button("Replace my map", () => context.acceptShared()),
    button("Keep my map", () => context.declineShared()));

  const hintId = `${prefix}-mark-hint`;
  const hint = h("span", { id: hintId, hidden: true,
    text: view === "line"
      ? "Left and right arrows move it (Shift: larger steps), Delete returns it to the palette, Enter opens its details."
      : "Arrow keys move it (Shift: larger steps), Delete returns it to the palette, Enter opens its details." });
  const region = h("div", { class: "spectrum-chart", role: "region", "aria-label": "Research spectrum" });

  const legend = h("ul", { class: "spectrum-legend", "aria-label": "Legend" },
    ...model.taxonomy.categories.map((c) => h("li", { title: c.definition },
      h("span", { class: "spectrum-swatch", style: { "background-color": c.colour } }), c.name)),
    h("li", {}, h("span", { class: "spectrum-swatch ungrounded" }), "No grounding given"),
    reveal ? h("li", {}, h("span", { class: "spectrum-swatch author" }), "The author's spot") : null);
  const axesNote = h("p", { class: "spectrum-empty",
    text: view === "line"
      ? `Left to right: ${xAxis.low} to ${xAxis.high} (${xAxis.name}).`
      : `Left to right: ${xAxis.low} to ${xAxis.high}. Bottom to top: ${yAxis.low} to ${yAxis.high} (${yAxis.name}).` });

  const details = h("div", { class: "spectrum-details", role: "region", "aria-label": "Paper details", tabindex: "-1", hidden: true });
  details.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeDetails(true);
  });
  const summary = h("div", { class: "spectrum-summary", hidden: true });
  const root = h("div", { class: "spectrum-widget", hidden: true },
    toolbar, confirmBar, status, region, hint, legend, axesNote, details, summary);

  // -- messages -----------------------------------------------------------------------

  /** @param {string} text @param {{error?: boolean}} [options] */
  function announce(text, { error = false } = {}) {
    if (!mounted) {
      pendingMessage = { text, error };
      return;
    }
    status.classList.toggle("error", error);
    // A changed text is announced; the same text twice is re-set so it is announced again.
    status.textContent = "";
    status.textContent = text;
  }

  /**
   * Run a store action and say what happened.
   * @param {() => boolean} action @param {string} done @param {string} [nothing]
   */
  function act(action, done, nothing) {
    if (store.previewing()) return announce("First choose whether to keep the shared map (above the chart).", { error: true });
    if (action()) announce(done);
    else if (nothing) announce(nothing);
  }

  /** @param {string} id */
  const titleOf = (id) => currentModel().paper(id)?.title ?? id;
  const currentModel = () => synthetic?.model ?? model;
  const visible = () => synthetic?.placements ?? store.visible();

  /** @param {number} x @param {number} y */
  function where(x, y) {
    return view === "line" ? `${xAxis.name} ${fixed(x)}` : `${xAxis.name} ${fixed(x)}, ${yAxis.name} ${fixed(y)}`;
  }

  // -- placing, moving, returning ---------------------------------------------------------

  const canEdit = () => !store.previewing();

  /**
   * @param {string} id
   * @param {number} x
   * @param {number | undefined} y undefined on the line view: an earlier y is kept, else the bottom of the y axis
   */
  function spotFor(id, x, y) {
    if (y !== undefined) return { x, y };
    return { x, y: store.get(id)?.y ?? yAxis.min };
  }

  /**
   * The centre of the chart or, on the plane, the nearest free spot above or
   * below it (papers placed with Enter do not hide each other or their
   * labels; on the line view its lanes keep them apart).
   * @param {string} id
   */
  function freeCentre(id) {
    const x = middle(xAxis);
    if (view === "line") return { x, y: undefined };
    const y = middle(yAxis);
    const step = (yAxis.max - yAxis.min) * 0.08;
    const near = (xAxis.max - xAxis.min) * 0.05;
    const taken = Object.entries(store.visible()).filter(([key]) => key !== id && offeredSet.has(key)).map(([, spot]) => spot);
    for (let k = 0; k < 13; k++) {
      const candidate = y + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * step;
      if (!taken.some((spot) => Math.abs(spot.y - candidate) < step / 2 && Math.abs(spot.x - x) < near)) return { x, y: candidate };
    }
    return { x, y };
  }

  /** @param {string} id @param {{x: number, y: number | undefined} | null} spot @param {string} how */
  function place(id, spot, how) {
    if (synthetic) return;
    if (!canEdit()) return announce("First choose whether to keep the shared map (above the chart).", { error: true });
    const target = spot ?? freeCentre(id);
    const { x, y } = spotFor(id, target.x, target.y);
    if (!store.place(id, x, y, widget)) return;
    const placed = store.get(id);
    announce(`Placed “${titleOf(id)}” at ${where(placed?.x ?? x, placed?.y ?? y)}.${spot ? "" : " Drag it, or use the arrow keys, to move it."}`);
    if (how === "keyboard" || how === "click") chart?.mark(id)?.focus();
  }

  /** @param {string} id @param {number} x @param {number | undefined} y @param {string} how */
  function move(id, x, y, how) {
    if (synthetic) {
      const spot = { x, y: y ?? synthetic.placements[id]?.y ?? yAxis.min };
      synthetic.placements = makePlacements([...Object.entries(synthetic.placements).filter(([key]) => key !== id), [id, spot]]);
      render();
      return;
    }
    if (!canEdit()) return;
    const next = spotFor(id, x, y);
    if (!store.place(id, next.x, next.y, widget)) return;
    const spot = store.get(id);
    if (spot) announce(`Moved “${titleOf(id)}” to ${where(spot.x, spot.y)}.`);
  }

  /** @param {string} id @param {string} how */
  function remove(id, how) {
    if (synthetic || !canEdit()) return;
    if (!store.remove(id, widget)) return;
    announce(`Returned “${titleOf(id)}” to the palette.`);
    if (detailsId === id) closeDetails(false);
    if (how === "keyboard") palette?.focus(id);
  }

  // -- details of a paper -----------------------------------------------------------------------

  /** @param {string} id @param {string} how */
  function openDetails(id, how) {
    detailsId = id;
    fillDetails();
    if (how === "keyboard") details.focus();
  }

  function fillDetails() {
    const id = detailsId;
    const paper = id ? currentModel().paper(id) : undefined;
    const spot = id ? visible()[id] : undefined;
    if (!id || !paper || !spot) {
      closeDetails(false);
      return;
    }
    const url = safeUrl(paper.url);
    const category = model.category(paper.grounding);
    details.style.setProperty("--colour", category?.colour ?? "");
    const authorSpot = showAuthor ? author[id] : undefined;
    details.replaceChildren(...[
      h("h4", {}, url ? h("a", { href: url, rel: "noopener" }, paper.title) : paper.title),
      h("p", { text: paper.authors.join(", ") }),
      h("p", { text: [paper.year, paper.venue].filter(Boolean).join(" · ") }),
      paper.note ? h("p", { text: paper.note }) : null,
      category ? h("p", { text: `Grounding: ${category.name}` }) : null,
      h("p", { text: `Your spot: ${where(spot.x, spot.y)}` }),
      authorSpot ? h("p", { text: `The author's spot: ${view === "line" || authorSpot[1] === null ? `${xAxis.name} ${fixed(authorSpot[0])}` : where(authorSpot[0], authorSpot[1])}` }) : null,
      store.previewing() ? null : button("Return to palette", () => remove(id, "keyboard")),
      button("×", () => closeDetails(true), { class: "spectrum-button spectrum-close", "aria-label": "Close details" }),
    ].filter((child) => child !== null));
    details.hidden = false;
  }

  /** @param {boolean} refocus */
  function closeDetails(refocus) {
    const id = detailsId;
    detailsId = null;
    details.hidden = true;
    details.replaceChildren();
    if (refocus && id) chart?.mark(id)?.focus();
  }

  // -- the author's map ---------------------------------------------------------------------------

  function eligible() {
    const placements = store.visible();
    return Object.keys(author).some((id) => offeredSet.has(id) && Object.hasOwn(placements, id));
  }

  function toggleAuthor() {
    if (!eligible()) return;
    showAuthor = !showAuthor;
    render();
    if (showAuthor) {
      const { count, mean } = compareMaps(view, store.visible(), onlyOffered(author));
      announce(`Showing the author's map: mean distance ${mean.toFixed(2)} over ${count} paper${count === 1 ? "" : "s"} you both placed.`);
    } else {
      announce("The author's map is hidden.");
    }
  }

  /** @param {Record<string, [number, number | null]>} spots */
  function onlyOffered(spots) {
    return Object.fromEntries(Object.entries(spots).filter(([id]) => offeredSet.has(id)));
  }

  function fillSummary() {
    if (!showAuthor) {
      summary.hidden = true;
      summary.replaceChildren();
      return;
    }
    const comparison = compareMaps(view, store.visible(), onlyOffered(author));
    const how = view === "line"
      ? `measured along ${xAxis.name} only, as this view shows one axis`
      : comparison.xOnly === 0
        ? `measured across both axes, ${xAxis.name} and ${yAxis.name}`
        : `measured across both axes where the author gave a ${yAxis.name} value, and along ${xAxis.name} only for the ${comparison.xOnly} paper${comparison.xOnly === 1 ? "" : "s"} without one`;
    const sentence = comparison.count
      ? `Over the ${comparison.count} paper${comparison.count === 1 ? "" : "s"} you both placed, your spots are on average ${comparison.mean.toFixed(2)} from the author's (${how}).`
      : "Place a paper the author placed to compare your spots.";
    const rows = comparison.rows.map((row) => h("tr", {},
      h("td", { text: titleOf(row.id) }),
      h("td", { text: view === "line" ? fixed(row.reader.x) : `${fixed(row.reader.x)}, ${fixed(row.reader.y)}` }),
      h("td", { text: view === "line" || row.author.y === null ? fixed(row.author.x) : `${fixed(row.author.x)}, ${fixed(row.author.y)}` }),
      h("td", { text: row.distance.toFixed(2) })));
    summary.replaceChildren(
      h("p", { class: "spectrum-summary-text", text: sentence }),
      comparison.count ? h("div", { class: "spectrum-table-wrap" }, h("table", { class: "spectrum-table" },
        h("caption", { text: "Your spot and the author's, farthest apart first" }),
        h("thead", {}, h("tr", {}, ...["Paper", "You", "The author", "Distance"].map((text) => h("th", { scope: "col", text })))),
        h("tbody", {}, ...rows))) : null);
    summary.hidden = false;
  }

  // -- drawing ---------------------------------------------------------------------------------------

  function updateControls() {
    const previewing = store.previewing();
    undoButton.disabled = !store.canUndo();
    redoButton.disabled = !store.canRedo();
    resetButton.disabled = previewing;
    fileInput.disabled = previewing;
    if (revealButton) {
      const ok = eligible();
      if (!ok && showAuthor) showAuthor = false;
      revealButton.disabled = !ok;
      revealButton.setAttribute("aria-pressed", String(showAuthor));
      revealButton.title = ok ? "" : "Place a paper the author placed first";
    }
    confirmBar.hidden = !previewing;
    root.classList.toggle("previewing", previewing);
    if (previewing) {
      const own = Object.keys(store.placements()).length;
      const count = context.sharedCount();
      confirmText.textContent = `You are looking at a shared map with ${count} paper${count === 1 ? "" : "s"}. Replace your own map (${own} paper${own === 1 ? "" : "s"}) with it?`;
    }
  }

  function render() {
    if (!mounted || !chart || !palette) return;
    const placements = visible();
    updateControls();
    chart.render({
      model: currentModel(),
      placements,
      offered: synthetic?.offered ?? offeredSet,
      author: showAuthor && !synthetic ? onlyOffered(author) : null,
    });
    palette.update(placements, synthetic ? [] : offered, currentModel());
    fillSummary();
    if (detailsId) fillDetails();
  }

  // -- share, export, import, PNG ---------------------------------------------------------------------

  function entries() {
    return placementList(store.placements(), model);
  }

  async function copyShareLink() {
    const list = entries();
    const url = `${location.origin}${location.pathname}${location.search}#${encodeShare(list)}`;
    history.replaceState(history.state, "", url);
    const what = `it holds your ${list.length} placement${list.length === 1 ? "" : "s"}`;
    try {
      await navigator.clipboard.writeText(url);
      announce(`Share link copied to the clipboard (it is also in the address bar): ${what}.`);
    } catch {
      announce(`The share link is in the address bar; copy it from there: ${what}.`);
    }
  }

  /** @param {"json" | "yaml"} format */
  function exportMap(format) {
    const list = entries();
    if (format === "json") {
      download("research-map.json", `${JSON.stringify({ version: 1, placements: list }, null, 2)}\n`, "application/json");
    } else {
      const date = new Date().toISOString().slice(0, 10);
      download("research-map.yaml", toYaml(list, { siteName: context.siteName(), date }), "application/yaml");
    }
    announce(`Exported your map (${list.length} placement${list.length === 1 ? "" : "s"}) as ${format.toUpperCase()}.`);
  }

  async function importFile() {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    if (store.previewing()) return announce("First choose whether to keep the shared map (above the chart).", { error: true });
    if (file.size > MAX_INPUT_BYTES) {
      return announce(`Import refused: the file is larger than ${MAX_INPUT_BYTES / 1_000_000} MB; a research map is far smaller. Your map is unchanged.`, { error: true });
    }
    let text;
    try {
      text = await file.text();
    } catch {
      return announce("Import refused: the file could not be read. Your map is unchanged.", { error: true });
    }
    const result = parseImport(text, model);
    if (!result.ok) return announce(`Import refused: ${result.error} Your map is unchanged.`, { error: true });
    const count = Object.keys(result.placements).length;
    if (!store.replace(result.placements, widget)) return announce("The imported map is the same as yours.");
    announce(`Imported a map with ${count} placement${count === 1 ? "" : "s"}. Undo brings your previous map back.`);
  }

  async function downloadPng() {
    if (!chart) return;
    try {
      await chart.downloadPng("research-spectrum");
      announce("Downloaded the chart as research-spectrum.png.");
    } catch (error) {
      announce(`The PNG could not be made (${/** @type {Error} */ (error).message}).`, { error: true });
    }
  }

  // -- lifecycle ---------------------------------------------------------------------------------------

  async function mount() {
    if (mounting) return mounting;
    mounting = (async () => {
      let Plotly;
      try {
        Plotly = await context.loadPlotly();
      } catch (error) {
        figure.append(h("p", { class: "spectrum-status error", role: "status", text: `${/** @type {Error} */ (error).message} The author's placements are shown above.` }));
        return;
      }
      if (destroyed) return;
      figure.append(root);
      root.hidden = false;
      figure.dataset.enhanced = "";
      chart = createChart(region, {
        view, Plotly, hintId, canEdit,
        onMove: move, onRemove: remove, onOpen: openDetails,
      });
      palette = createPalette({
        model, offered, idPrefix: prefix, onPlace: place,
        dropSpot: (x, y) => chart?.dropSpot(x, y) ?? null,
        highlightDrop: (on) => chart?.highlightDrop(on),
      });
      root.append(palette.element);
      mounted = true;
      cleanups.push(store.subscribe(() => {
        if (!synthetic) render();
      }));
      const themeObserver = new MutationObserver(() => chart?.setTheme());
      themeObserver.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"] });
      cleanups.push(() => themeObserver.disconnect());
      render();
      if (pendingMessage) {
        announce(pendingMessage.text, { error: pendingMessage.error });
        pendingMessage = null;
      }
      await chart.drawn();
      if (destroyed) return;
      figure.dataset.ready = "true";
      figure.dataset.readyAt = String(Math.round(performance.now()));
    })();
    return mounting;
  }

  // Near the viewport, and then when the browser is idle: Plotly's 1.5 MB never
  // competes with the page's own start-up (Material's search, first paint).
  let idleHandle = 0;
  const cancelNear = context.whenNearViewport(figure, () => {
    idleHandle = typeof requestIdleCallback === "function"
      ? requestIdleCallback(() => void mount(), { timeout: 1500 })
      : window.setTimeout(() => void mount(), 100);
  });

  const widget = {
    figure,
    view,
    mount,
    announce,
    render,
    /** Scroll this figure into view (a share link was opened). */
    reveal() {
      figure.scrollIntoView({ behavior: reducedMotion() ? "auto" : "smooth", block: "start" });
    },
    /**
     * The benchmark's hook: show n synthetic placed papers on this chart (store untouched).
     * @param {number} n
     */
    async synthetic(n) {
      await mount();
      const papers = Array.from({ length: n }, (_, i) => ({
        id: `bench-${i}`, title: `Synthetic paper ${i}`, authors: ["A. Bench"], year: 2000 + (i % 25), url: "https://example.org/",
      }));
      let seed = 42;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const spots = papers.map((p) => [p.id, { x: xAxis.min + random() * (xAxis.max - xAxis.min), y: yAxis.min + random() * (yAxis.max - yAxis.min) }]);
      synthetic = { model: extendModel(model, papers), placements: makePlacements(/** @type {any} */ (spots)), offered: new Set(papers.map((p) => p.id)) };
      closeDetails(false);
      render();
      await chart?.drawn();
    },
    /** The valid drop box and the position of a paper's button, for tests and the benchmark. */
    geometry: () => chart?.validBox() ?? null,
    destroy() {
      destroyed = true;
      cancelNear();
      if (typeof cancelIdleCallback === "function") cancelIdleCallback(idleHandle);
      window.clearTimeout(idleHandle);
      for (const cleanup of cleanups.splice(0)) cleanup();
      palette?.destroy();
      chart?.destroy();
    },
  };
  return widget;
}

/** @typedef {ReturnType<typeof createWidget>} Widget */
