// One spectrum figure's lifecycle: it waits until it nears the viewport,
// then swaps the static fallback for the widget (toolbar with its Map menu,
// chart, marking rows, legend, details, comparison, palette), follows the
// store (and the theme, through CSS variables), and tears everything down when
// instant navigation leaves the page.
//
// A figure whose fence takes marks shows a row per structural paper to mark
// what it rests on (marks.js); the legend of the marks shows only where marks
// can be seen: on such a figure, once the author's map is shown, or once a
// paper on the chart carries a mark made elsewhere.
//
// The line view has one axis: a paper placed or moved there keeps the y it
// had (from a plane view), or else has none until the reader sets it on a plane.
// The author's map is fetched only when the reader may see it (reveal), and
// shown only when asked for.

import { createChart } from "./chart.js";
import { createDetails } from "./details.js";
import { h } from "./dom.js";
import { compareMaps, freeSpot } from "./geometry.js";
import { createExchange } from "./exchange.js";
import { createMarkList } from "./marks.js";
import { createMenuButton } from "./menu.js";
import { UNSURE, extendModel, groundingChoices, makePlacements } from "./model.js";
import { createPalette } from "./palette.js";
import { comparisonCells, comparisonSentence, groundingSentence, plural, spotText } from "./summary.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/** @typedef {import("./store.js").Store} Store */
/**
 * @typedef {{store: Store, model: Model,
 *            whenNearViewport: (element: Element, callback: () => void) => () => void,
 *            siteName: () => string, acceptShared: () => void, declineShared: () => void,
 *            sharedCount: () => number, keepShareLink: (hash: string) => void,
 *            previewImport: (placements: Placements) => void, sharedFrom: () => "link" | "file",
 *            loadAuthor: () => Promise<Record<string, import("./geometry.js").AuthorSpot>>}} WidgetContext
 */

/**
 * The figure's options, as the build wrote them; only known papers are kept. A figure
 * written before the marks option takes marks where it shows the grounding summary.
 * @param {HTMLElement} figure
 * @param {Model} model
 */
function readOptions(figure, model) {
  const raw = JSON.parse(figure.dataset.spectrumOptions ?? "{}");
  const view = ["line", "plane", "map"].includes(raw.view) ? raw.view : "line";
  const offered = (Array.isArray(raw.papers) ? raw.papers : []).filter((id) => model.has(id));
  const summary = raw.summary === true;
  return { view, offered, reveal: raw.reveal === true, summary, marks: typeof raw.marks === "boolean" ? raw.marks : summary };
}

let counter = 0;
/** The comparison table's columns. */
const COLUMNS = ["Paper", "You", "The author", "Distance", "The author's reason"];

/**
 * @param {HTMLElement} figure a figure.research-spectrum from the build
 * @param {WidgetContext} context
 */
export function createWidget(figure, context) {
  const { store, model } = context;
  const { view, offered, reveal, summary: showsGrounding, marks: takesMarks } = readOptions(figure, model);
  /** The author's spots, once fetched (only for a figure that may reveal them). */
  /** @type {Record<string, import("./geometry.js").AuthorSpot>} */
  let author = Object.create(null);
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
  /** @type {{text: string, error: boolean} | null} */
  let pendingMessage = null;
  /** The benchmark's synthetic papers: {model, placements} while it runs. */
  /** @type {{model: Model, placements: Placements, offered: Set<string>} | null} */
  let synthetic = null;
  /** @type {(() => void)[]} */
  const cleanups = [];

  // -- the DOM ----------------------------------------------------------------------

  const status = h("p", { class: "spectrum-status", role: "status" });
  /** @param {string} text @param {() => void} onclick @param {Record<string, unknown>} [extra] */
  const button = (text, onclick, extra = {}) =>
    /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "spectrum-button", onclick, ...extra }, text));
  const undoButton = button("Undo", () => act(() => store.undo(widget), "Undone.", "Nothing to undo."), { "aria-keyshortcuts": "Control+Z" });
  const redoButton = button("Redo", () => act(() => store.redo(widget), "Redone.", "Nothing to redo."), { "aria-keyshortcuts": "Control+Shift+Z" });
  // The payoff of a figure that may reveal the author's map stays in view, beside undo and redo.
  const revealButton = reveal ? button("Show the author's map", toggleAuthor, { "aria-pressed": "false", disabled: true }) : null;
  // Hidden: the Map menu's "Import map…" opens it (its name serves tests and tools).
  const fileInput = /** @type {HTMLInputElement} */ (h("input", {
    type: "file", class: "spectrum-file-input", hidden: true, "aria-label": "Import map",
    accept: ".json,.yaml,.yml,application/json,text/yaml,application/yaml", onchange: () => exchange.importFile(),
  }));
  function resetMap() {
    if (!Object.keys(store.placements()).length) return announce("Your map is already empty.");
    act(() => store.replace(makePlacements([]), widget), "Map cleared: every paper is back in the palette. Undo brings them back.");
  }
  // What the reader does with the whole map, rarely and never mid-placing: one menu.
  const mapMenu = createMenuButton({ label: "Map", id: prefix, items: [
    { text: "Copy share link", select: () => void exchange.copyShareLink() },
    { text: "Export JSON", select: () => exchange.exportMap("json") },
    { text: "Export YAML", select: () => exchange.exportMap("yaml") },
    { text: "Add my map to the readers' map", select: () => exchange.sendMap() },
    { text: "Import map…", select: () => fileInput.click(), disabled: () => store.previewing() },
    { text: "Download PNG", select: () => void exchange.downloadPng() },
    { text: "Reset map", select: resetMap, disabled: () => store.previewing() },
  ] });
  const toolbar = h("div", { class: "spectrum-toolbar", role: "toolbar", "aria-label": "Map tools" },
    h("div", { class: "spectrum-group" }, undoButton, redoButton, revealButton),
    fileInput, mapMenu.element);

  // The map's optional `by:`: empty by default, kept only in this page, written only into what the reader exports.
  const nameInput = /** @type {HTMLInputElement} */ (h("input", {
    type: "text", id: `${prefix}-by`, class: "spectrum-by-input", maxlength: "60", autocomplete: "off", spellcheck: "false",
  }));
  const nameField = h("p", { class: "spectrum-by" },
    h("label", { for: nameInput.id, text: "Your name (optional)" }), " ", nameInput,
    h("span", { class: "spectrum-by-hint", text: " written into your exported map, nowhere else" }));

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
  const choices = groundingChoices(model);
  const shapes = ["circle", "square", "triangle"];

  const marking = takesMarks ? createMarkList({ model, prefix, choices, onMark: markGrounding }) : null;
  const legend = h("ul", { class: "spectrum-legend", "aria-label": "Legend: what each paper rests on, as you marked it", hidden: true },
    ...choices.map((c, index) => h("li", { title: model.category(c.id)?.definition ?? "" },
      h("span", { class: "spectrum-swatch", "data-shape": c.id === UNSURE ? "unsure" : shapes[index] ?? "circle",
        style: c.colour ? { "--colour": c.colour } : undefined }), c.name)),
    h("li", {}, h("span", { class: "spectrum-swatch", "data-shape": "none" }), "Not marked yet"),
    reveal ? h("li", {}, h("span", { class: "spectrum-swatch author" }), "The author's spot (and region)") : null);
  /** The line under the map: the reader's structural papers by grounding (a stable class the essay can point at). */
  const groundingLine = showsGrounding ? h("p", { class: "spectrum-grounding-summary" }) : null;
  const axesNote = h("p", { class: "spectrum-empty",
    text: view === "line"
      ? `Left to right: ${xAxis.low} to ${xAxis.high} (${xAxis.name}).`
      : `Left to right: ${xAxis.low} to ${xAxis.high}. Bottom to top: ${yAxis.low} to ${yAxis.high} (${yAxis.name}).` });

  const details = h("div", { class: "spectrum-details", role: "region", "aria-label": "Paper details", tabindex: "-1", hidden: true });
  const summary = h("div", { class: "spectrum-summary", hidden: true });
  const root = h("div", { class: "spectrum-widget", hidden: true },
    toolbar, nameField, confirmBar, status, region, hint, marking?.element, groundingLine, legend, axesNote, details, summary);

  // -- messages -----------------------------------------------------------------------

  /** @param {string} text @param {{error?: boolean}} [options] */
  function announce(text, { error = false } = {}) {
    if (!mounted) {
      pendingMessage = { text, error };
      return;
    }
    const unsaved = store.saveError();
    if (unsaved && !error && !text.includes(unsaved)) {
      text = `${text} ${unsaved}`;
      error = true;
    }
    status.classList.toggle("error", error);
    // A changed text is announced; the same text twice is re-set so it is announced again.
    status.textContent = "";
    status.textContent = text;
  }

  /** What the store said about the change act() is making, if anything. */
  let storeNotice = "";
  /**
   * Run a store action and say what happened.
   * @param {() => boolean} action @param {string} done @param {string} [nothing]
   */
  function act(action, done, nothing) {
    if (store.previewing()) return announce("First choose “Replace my map” or “Keep my map” (above the chart).", { error: true });
    storeNotice = "";
    if (action()) announce(storeNotice || done);  // the store's own word (an undo that left another tab's change) wins
    else if (nothing) announce(nothing);
  }

  /** @param {string} id */
  const titleOf = (id) => currentModel().paper(id)?.title ?? id;
  const currentModel = () => synthetic?.model ?? model;
  const visible = () => synthetic?.placements ?? store.visible();

  /** @param {number} x @param {number | null} y */
  const where = (x, y) => spotText(view, model.taxonomy, x, y);

  // -- placing, moving, returning ---------------------------------------------------------

  const canEdit = () => !store.previewing();

  /**
   * @param {string} id
   * @param {number} x
   * @param {number | undefined} y undefined on the line view: an earlier y is kept, else none yet (null)
   */
  function spotFor(id, x, y) {
    if (y !== undefined) return { x, y };
    return { x, y: store.get(id)?.y ?? null };
  }

  /** Where a paper placed with Enter goes (geometry.js). @param {string} id */
  function freeCentre(id) {
    const taken = Object.entries(store.visible()).filter(([key]) => key !== id && offeredSet.has(key)).map(([, spot]) => spot);
    return freeSpot(view, xAxis, yAxis, taken);
  }

  /** @param {string} id @param {{x: number, y: number | undefined} | null} spot @param {string} how */
  function place(id, spot, how) {
    if (synthetic) return;
    if (!canEdit()) return announce("First choose “Replace my map” or “Keep my map” (above the chart).", { error: true });
    const target = spot ?? freeCentre(id);
    const { x, y } = spotFor(id, target.x, target.y);
    if (!store.place(id, x, y, widget)) return;
    const placed = store.get(id);
    announce(`Placed “${titleOf(id)}” at ${where(placed?.x ?? x, placed?.y ?? y)}.${spot ? "" : " Drag it or use the arrow keys to move it."}`);
    if (how === "keyboard" || how === "click") chart?.mark(id)?.focus();
  }

  /** @param {string} id @param {number} x @param {number | undefined} y @param {string} how */
  function move(id, x, y, how) {
    if (synthetic) {
      const spot = { x, y: y ?? synthetic.placements[id]?.y ?? null };
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
    if (panel.shows(id)) closeDetails(false);
    if (how === "keyboard") palette?.focus(id);
  }

  // -- details of a paper (details.js) --------------------------------------------------------

  const panel = createDetails({
    element: details, model, view, where,
    paper: (id) => currentModel().paper(id),
    spot: (id) => visible()[id],
    authorSpot: (id) => (showAuthor ? author[id] : undefined),
    editable: () => !store.previewing() && !synthetic,
    onRemove: (id) => remove(id, "keyboard"),
    onClose: (id, refocus) => {
      if (refocus) chart?.mark(id)?.focus();
    },
  });
  const openDetails = panel.open;
  const closeDetails = panel.close;
  const fillDetails = panel.refresh;

  /** @param {string} id @param {string} grounding */
  function markGrounding(id, grounding) {
    if (synthetic || !canEdit()) return;
    if (!store.mark(id, grounding, widget)) return;
    const name = choices.find((c) => c.id === grounding)?.name ?? grounding;
    announce(`Marked “${titleOf(id)}”: ${name}.`);
  }

  // -- the author's map ---------------------------------------------------------------------------

  /** The reader may show the author's map once they placed a paper here, or at once on the final map. */
  function eligible() {
    if (view === "map") return true;
    const placements = store.visible();
    return offered.some((id) => Object.hasOwn(placements, id));
  }

  async function toggleAuthor() {
    if (!eligible()) return;
    if (!showAuthor) {
      try {
        author = await context.loadAuthor();
      } catch (error) {
        return announce(`The author's map could not be loaded (${/** @type {Error} */ (error).message}).`, { error: true });
      }
      if (destroyed) return;
    }
    showAuthor = !showAuthor;
    render();
    if (!showAuthor) return announce("The author's map is hidden.");
    const { count, mean } = compareMaps(view, store.visible(), onlyOffered(author));
    if (!placedHere()) announce("Showing the author's map. You have placed no paper here, so there is nothing to compare yet.");
    else if (!count) announce("Showing the author's map. The author placed none of the papers you placed here.");
    else announce(`Showing the author's map: mean distance ${mean.toFixed(2)} over ${plural(count, "paper")} you both placed.`);
  }

  const placedHere = () => offered.some((id) => Object.hasOwn(store.visible(), id));

  /** @param {Record<string, import("./geometry.js").AuthorSpot>} spots */
  function onlyOffered(spots) {
    return Object.fromEntries(Object.entries(spots).filter(([id]) => offeredSet.has(id)));
  }

  function fillSummary() {
    if (groundingLine) groundingLine.textContent = groundingSentence(visible(), currentModel(), synthetic ? null : offeredSet);
    if (!showAuthor) {
      summary.hidden = true;
      summary.replaceChildren();
      return;
    }
    const mine = onlyOffered(author);
    const comparison = compareMaps(view, store.visible(), mine);
    const sentence = comparisonSentence(view, comparison, model, { placedHere: placedHere(), authorCount: Object.keys(mine).length });
    const rows = comparison.rows.map((row) => h("tr", {},
      h("td", { class: "spectrum-cell-paper", text: titleOf(row.id) }),
      // Each number names its column: a phone shows the row as a block, without the table's head.
      ...comparisonCells(view, row).map((text, index) => h("td", { class: "spectrum-cell-number", "data-label": COLUMNS[index + 1], text })),
      h("td", { class: "spectrum-cell-reason", "data-label": mine[row.id]?.reason ? COLUMNS[4] : undefined,
        text: mine[row.id]?.reason ?? "" })));
    summary.replaceChildren(
      h("p", { class: "spectrum-summary-text", text: sentence }),
      // The table wraps at every width (spectrum-widget.css): nothing to scroll sideways.
      comparison.count ? h("div", { class: "spectrum-table-wrap" }, h("table", { class: "spectrum-table" },
        h("caption", { text: "Your spot and the author's, farthest apart first" }),
        h("thead", {}, h("tr", {}, ...COLUMNS.map((text) => h("th", { scope: "col", text })))),
        h("tbody", {}, ...rows))) : null);
    summary.hidden = false;
  }

  // -- drawing ---------------------------------------------------------------------------------------

  /**
   * The legend of the marks, only where marks can be seen: a figure that takes them, the
   * author's map shown (its spots carry the author's marks), or a paper here marked elsewhere.
   * @param {Placements} placements
   */
  function showsLegend(placements) {
    if (synthetic) return false;
    if (takesMarks || showAuthor) return true;
    return offered.some((id) => placements[id]?.grounding !== undefined);
  }

  function updateControls() {
    const previewing = store.previewing();
    undoButton.disabled = !store.canUndo();
    redoButton.disabled = !store.canRedo();
    fileInput.disabled = previewing;
    mapMenu.update();
    if (revealButton) {
      const ok = eligible();
      if (!ok && showAuthor) showAuthor = false;
      revealButton.disabled = !ok;
      revealButton.setAttribute("aria-pressed", String(showAuthor));
      revealButton.title = ok ? "" : "Place a paper first";
    }
    confirmBar.hidden = !previewing;
    root.classList.toggle("previewing", previewing);
    if (previewing) {
      const own = plural(Object.keys(store.placements()).length, "paper");
      const count = context.sharedCount();
      const file = context.sharedFrom() === "file";
      confirmBar.setAttribute("aria-label", file ? "Imported map" : "Shared map");
      confirmText.textContent = file
        ? `You are looking at the imported file's map: it holds ${plural(count, "placement")}. This file has no “# end of map” line `
          + "(it comes from an older version of this site, or was written by hand), so it cannot be checked for completeness: "
          + `if it was cut short, placements are missing or a value is wrong. Replace your own map (${own}) with it?`
        : `You are looking at a shared map with ${plural(count, "paper")}. Replace your own map (${own}) with it?`;
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
    if (marking) marking.update(synthetic ? makePlacements([]) : placements, offeredSet, canEdit());
    legend.hidden = !showsLegend(placements);
    fillSummary();
    fillDetails();
  }

  // -- share, export, import, PNG (exchange.js) ---------------------------------------------------------

  const exchange = createExchange({
    store, model, announce, fileInput, origin: () => widget, chart: () => chart,
    siteName: context.siteName, keepShareLink: context.keepShareLink, previewImport: context.previewImport,
    typedName: () => nameInput.value,
  });

  // -- lifecycle ---------------------------------------------------------------------------------------

  async function mount() {
    if (mounting) return mounting;
    mounting = (async () => {
      if (destroyed) return;
      const room = figure.getBoundingClientRect().height;  // the static figure's (spectrum.css shapes it like the widget)
      figure.append(root);
      root.hidden = false;
      figure.dataset.enhanced = "";
      if (reveal) context.loadAuthor().catch(() => {}); // near the viewport: fetch it before it is asked for
      chart = createChart(region, {
        view, hintId, canEdit,
        onMove: move, onRemove: remove, onOpen: openDetails,
      });
      palette = createPalette({
        model, offered, idPrefix: prefix, onPlace: place,
        dropSpot: (x, y) => chart?.dropSpot(x, y) ?? null,
        highlightDrop: (on) => chart?.highlightDrop(on),
      });
      root.append(palette.element);
      mounted = true;
      cleanups.push(store.subscribe((change) => {
        if (!synthetic) render();
        if ((change.kind === "save" || change.kind === "load") && change.message) announce(change.message, { error: true });
        else if (change.message) storeNotice = change.message;  // said by act(), after the action returns
      }));
      render();
      if (room) palette.fit(room - figure.getBoundingClientRect().height);  // the widget takes that room: nothing below moves
      if (pendingMessage) {
        announce(pendingMessage.text, { error: pendingMessage.error });
        pendingMessage = null;
      }
      figure.dataset.ready = "true";
      figure.dataset.readyAt = String(Math.round(performance.now()));
    })();
    return mounting;
  }

  // Near the viewport, and then when the browser is idle: the widget never
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
    /**
     * A share link was opened: draw this figure now, then bring its tools and chart just below
     * Material's sticky header, and hold them there while figures above it finish drawing
     * (until the reader scrolls, or 2 s).
     */
    async reveal() {
      await mount();
      if (destroyed || !mounted) return;
      const land = () => {
        const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
        const offset = root.getBoundingClientRect().top - Math.max(0, header) - 8;
        if (Math.abs(offset) > 1) window.scrollBy({ top: offset, behavior: "auto" });
      };
      land();
      const page = document.querySelector(".md-container") ?? document.body;
      const hold = new ResizeObserver(() => land());
      const stop = () => {
        hold.disconnect();
        for (const type of ["wheel", "touchstart", "keydown", "pointerdown"]) window.removeEventListener(type, stop, true);
      };
      hold.observe(page);
      for (const type of ["wheel", "touchstart", "keydown", "pointerdown"]) window.addEventListener(type, stop, true);
      window.setTimeout(stop, 2000);
      cleanups.push(stop);
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
    },
    /**
     * Run a store action (undo, redo) and keep the keyboard focus: if the focused paper left the
     * chart or the palette, focus it where it is now, else the Undo button.
     * @param {() => boolean} action
     */
    keepFocus(action) {
      const before = /** @type {HTMLElement | null} */ (document.activeElement);
      const id = /** @type {HTMLElement | null} */ (before?.closest?.("[data-id]") ?? null)?.dataset.id;
      const done = action();
      if (!before || before.isConnected) return done;
      if (id && chart?.mark(id)) chart.mark(id)?.focus();
      else if (id && Object.hasOwn(store.visible(), id) === false) palette?.focus(id);
      if (document.activeElement === document.body || !document.activeElement) undoButton.focus();
      return done;
    },
    destroy() {
      destroyed = true;
      cancelNear();
      if (typeof cancelIdleCallback === "function") cancelIdleCallback(idleHandle);
      window.clearTimeout(idleHandle);
      for (const cleanup of cleanups.splice(0)) cleanup();
      palette?.destroy();
      chart?.destroy();
      mapMenu.destroy();
    },
  };
  return widget;
}

/** @typedef {ReturnType<typeof createWidget>} Widget */
