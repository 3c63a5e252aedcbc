// The research spectrum's entry point. On every page Material shows (first
// load and each instant navigation, via document$), it tears down the
// previous page's widgets and mounts one per figure.research-spectrum, all
// sharing one placement store. It also opens share links (#map=1....), asking
// before a shared map replaces the reader's own, and binds Ctrl+Z / Ctrl+Shift+Z.

import { loadPlotly, whenNearViewport } from "../plotly-loader.js";
import { decodeShare, isShareFragment } from "./codec.js";
import { createModel, samePlacements } from "./model.js";
import { createStore, storageKey } from "./store.js";
import { validateExport } from "./validate.js";
import { createWidget } from "./widget.js";
import { timing } from "./chart.js";

/** @typedef {import("./widget.js").Widget} Widget */

/** The site's base path (this file is <site>/assets/js/spectrum/index.js): one map per site. */
const SITE_ROOT = new URL("../../../", import.meta.url).pathname;

/** @type {import("./model.js").Model | null} */
let model = null;
let catalogueText = "";
/** @type {import("./store.js").Store | null} */
let store = null;
/** @type {Widget[]} */
let widgets = [];
/** @type {import("./model.js").Placements | null} */
let shared = null;
let loadMessageShown = false;
/** The spectrum figure the reader last worked in (where Ctrl+Z with no focus reports). */
/** @type {Element | null} */
let lastFigure = null;

function localStorageOrNull() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function siteName() {
  const header = document.querySelector(".md-header__topic .md-ellipsis");
  return (header?.textContent ?? document.title).trim();
}

/** @param {string} text @param {{error?: boolean}} [options] */
function announceAll(text, options) {
  for (const widget of widgets) widget.announce(text, options);
}

function clearFragment() {
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
}

function acceptShared() {
  if (!store || !shared) return;
  const map = shared;
  shared = null;
  store.setPreview(null);
  store.replace(map);
  clearFragment();
  announceAll("Your map is now the shared one. Undo brings your own back.");
}

function declineShared() {
  if (!store) return;
  shared = null;
  store.setPreview(null);
  clearFragment();
  announceAll("Kept your own map; the shared one was closed.");
}

/** Open a share link in the address bar, if there is one. */
function openShareLink() {
  if (!store || !model || !widgets.length || !isShareFragment(location.hash)) return;
  const decoded = decodeShare(location.hash);
  const checked = decoded.ok ? validateExport(decoded.value, model, "share link") : decoded;
  const target = widgets.find((widget) => widget.view === "map") ?? widgets[0];
  target.reveal();
  if (!checked.ok) {
    clearFragment();
    announceAll(`This share link could not be opened: ${checked.error} Your map is unchanged.`, { error: true });
    return;
  }
  const own = store.placements();
  const count = Object.keys(checked.placements).length;
  if (samePlacements(own, checked.placements)) {
    clearFragment();
    announceAll("This share link holds your own map.");
  } else if (Object.keys(own).length === 0) {
    store.replace(checked.placements);
    clearFragment();
    announceAll(`Opened the shared map with ${count} paper${count === 1 ? "" : "s"}.`);
  } else {
    shared = checked.placements;
    store.setPreview(shared);
    announceAll("You are looking at a shared map. Keep it, or go back to your own?");
  }
}

function teardown() {
  for (const widget of widgets) widget.destroy();
  widgets = [];
  if (shared && store) {
    shared = null;
    store.setPreview(null);
  }
}

function setup() {
  teardown();
  const figures = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("figure.research-spectrum")]);
  if (!figures.length) return;
  const holder = /** @type {HTMLElement | null} */ (document.querySelector("[data-spectrum-catalogue]"));
  const text = holder?.dataset.spectrumCatalogue ?? "";
  try {
    if (text !== catalogueText || !model) {
      model = createModel(JSON.parse(text));
      catalogueText = text;
      store = createStore({ model, storage: localStorageOrNull(), key: storageKey(SITE_ROOT) });
    }
  } catch {
    return; // no usable catalogue: the static figures stay
  }
  const context = {
    store: /** @type {import("./store.js").Store} */ (store), model, loadPlotly, whenNearViewport, siteName,
    acceptShared, declineShared, sharedCount: () => (shared ? Object.keys(shared).length : 0),
  };
  widgets = figures.map((figure) => createWidget(figure, /** @type {any} */ (context)));
  const message = store?.loadMessage();
  if (message && !loadMessageShown) {
    loadMessageShown = true;
    announceAll(message, { error: true });
  }
  openShareLink();
}

/** Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes, unless a text field has focus. */
function onKeyDown(/** @type {KeyboardEvent} */ event) {
  if (!store || !widgets.length || !(event.ctrlKey || event.metaKey) || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key !== "z" && key !== "y") return;
  const target = /** @type {HTMLElement} */ (event.target);
  if (target.closest?.("input, textarea, select, [contenteditable]")) return;
  const figure = target.closest?.("figure.research-spectrum");
  if (!figure && target !== document.body && target !== document.documentElement) return;
  event.preventDefault();
  const redo = key === "y" || event.shiftKey;
  const widget = widgets.find((w) => w.figure === (figure ?? lastFigure)) ?? widgets[0];
  if (store.previewing()) return widget.announce("First choose whether to keep the shared map (above the chart).", { error: true });
  const done = redo ? store.redo(widget) : store.undo(widget);
  widget.announce(done ? (redo ? "Redone." : "Undone.") : redo ? "Nothing to redo." : "Nothing to undo.");
}

if (typeof document$ !== "undefined") {
  document$.subscribe(() => setup());
  window.addEventListener("hashchange", openShareLink);
  window.addEventListener("storage", (event) => {
    if (store && event.key === store.key) store.reload();
  });
  document.addEventListener("keydown", onKeyDown);
  for (const type of ["focusin", "pointerdown"]) {
    document.addEventListener(type, (event) => {
      const figure = /** @type {Element} */ (event.target).closest?.("figure.research-spectrum");
      if (figure) lastFigure = figure;
    }, { capture: true });
  }
}

// -- hooks for the tests and the benchmark (no effect unless called) -----------------------

/** The reader's map as plain data, and what the views show. */
export function debugState() {
  const plain = (placements) => JSON.parse(JSON.stringify(placements ?? {}));
  return { own: plain(store?.placements()), visible: plain(store?.visible()), previewing: store?.previewing() ?? false, key: store?.key };
}

/**
 * Put n synthetic placed papers on the index-th chart of the page (the store is untouched).
 * @param {number} index @param {number} n
 */
export async function benchSynthetic(index, n) {
  await widgets[index].synthetic(n);
}

/**
 * Start (true) or stop (false) collecting timings; returns those collected so far, in ms:
 * {moves: per pointer move while dragging, drops: per drop (store commit and redraw)}.
 * @param {boolean} on
 */
export function benchTiming(on) {
  timing.enabled = on;
  return { moves: timing.samples.splice(0), drops: timing.drops.splice(0) };
}

/** @param {number} index the widget's valid drop box (pixels from the chart's corner) */
export function debugGeometry(index) {
  return widgets[index]?.geometry() ?? null;
}
