// The research spectrum's entry point. On every page Material shows (first
// load and each instant navigation, via document$), it tears down the
// previous page's widgets and mounts one per figure.research-spectrum, all
// sharing one placement store. The site's catalogue (papers and taxonomy) and
// the author's map are files the build wrote (spectrum_figure.write_site_files):
// the catalogue is fetched when a page has a spectrum, the author's map only when
// a figure that may reveal it nears the viewport. It also opens share links
// (#map=2....), asking before a shared map replaces the reader's own, and binds
// Ctrl+Z / Ctrl+Shift+Z.

import { keepFragment, keptFragment, releaseFragment } from "./address.js";
import { decodeShare, isShareFragment } from "./codec.js";
import { whenNearViewport } from "../near-viewport.js";
import { createModel, samePlacements } from "./model.js";
import { createStore, storageKey } from "./store.js";
import { checkAuthorMap, validateExport } from "./validate.js";
import { createWidget } from "./widget.js";

/** @typedef {import("./widget.js").Widget} Widget */

/** The site's base path (this file is <site>/assets/js/spectrum/index.js): one map per site. */
const SITE_ROOT = new URL("../../../", import.meta.url).pathname;
const DATA = new URL("../../spectrum/", import.meta.url);

/** @type {Map<string, Promise<any>>} */
const fetched = new Map();
/** How long a data file may stall before the widget says the chart could not start (setFetchTimeout). */
let fetchTimeoutMs = 30_000;

/**
 * A JSON file of the built site, fetched once per visit (a failure is retried next time).
 * @param {string} name "catalogue.json" or "author.json"
 */
function fetchData(name) {
  if (!fetched.has(name)) {
    // A stalled download ends in the widget's "could not start" message.
    const ms = fetchTimeoutMs;
    const request = fetch(new URL(name, DATA), { signal: AbortSignal.timeout(ms) }).then((response) => {
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return response.json();
    }).catch((error) => {
      throw error?.name === "TimeoutError" ? new Error(`${name} did not arrive within ${ms / 1000} s`) : error;
    });
    request.catch(() => fetched.delete(name));
    fetched.set(name, request);
  }
  return /** @type {Promise<any>} */ (fetched.get(name));
}

/** The author's spots (validated against the catalogue). */
async function loadAuthor() {
  const raw = await fetchData("author.json");
  if (!model) throw new Error("no catalogue");
  return checkAuthorMap(raw, model);
}

/** @type {import("./model.js").Model | null} */
let model = null;
/** Which setup is current: a later navigation makes an earlier fetch's result stale. */
let generation = 0;
/** @type {import("./store.js").Store | null} */
let store = null;
/** @type {Widget[]} */
let widgets = [];
/** @type {import("./model.js").Placements | null} */
let shared = null;
/** Where the previewed map came from: a share link, or an imported file that cannot be checked for completeness. */
let sharedFrom = /** @type {"link" | "file"} */ ("link");
let loadMessageShown = false;
/** The address bar holds a link the reader copied (cleared when the map changes). */
let copiedLink = false;
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
  releaseFragment();
  if (location.hash) history.replaceState(history.state, "", `${location.pathname}${location.search}`);
}

/** After "Copy share link": the link stays in the address bar until the map changes. @param {string} hash */
function keepShareLink(hash) {
  keepFragment(hash);
  copiedLink = true;
}

function acceptShared() {
  if (!store || !shared) return;
  const map = shared;
  shared = null;
  store.setPreview(null);
  store.replace(map);
  if (sharedFrom === "file") {
    const count = Object.keys(map).length;
    return announceAll(`Imported a map with ${count} placement${count === 1 ? "" : "s"}. Undo brings your previous map back.`);
  }
  clearFragment();
  announceAll("Your map is now the shared one. Undo brings your own back.");
}

function declineShared() {
  if (!store) return;
  shared = null;
  store.setPreview(null);
  if (sharedFrom === "file") return announceAll("Import cancelled: you kept your own map. Your map is unchanged.");
  clearFragment();
  announceAll("Kept your own map; the shared one was closed.");
}

/**
 * Show an imported file's map for the reader to accept or decline (a file that cannot be
 * checked for completeness: the confirm bar says so, with its count).
 * @param {import("./model.js").Placements} placements validated
 */
function previewImport(placements) {
  if (!store || store.previewing()) return;
  shared = placements;
  sharedFrom = "file";
  store.setPreview(shared);
}

/**
 * Open a share link, if the address holds one.
 * @param {string} [hash] the link's fragment: a hashchange event's own (Material's section tracking
 *   may already have rewritten location.hash by the time the event is handled), else location.hash
 */
function openShareLink(hash = location.hash) {
  if (!isShareFragment(hash)) return;
  if (location.hash !== hash) history.replaceState(history.state, "", `${location.pathname}${location.search}${hash}`);
  if (!store || !model || !widgets.length) return; // setup opens it once the widgets exist
  const decoded = decodeShare(hash);
  const checked = decoded.ok === false ? decoded : validateExport(decoded.value, model, "share link");
  const target = widgets.find((widget) => widget.view === "map") ?? widgets[0];
  target.reveal();
  if (checked.ok === false) {
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
    sharedFrom = "link";
    copiedLink = false;
    keepFragment(hash); // until the reader decides, even as Material tracks sections
    store.setPreview(shared);
    announceAll("You are looking at a shared map. Choose “Replace my map” or “Keep my map” above the chart.");
  }
}

/** @type {IntersectionObserver | null} */
let topWatch = null;

/**
 * Material's "Back to top" button floats over the top of the screen: while a spectrum figure is
 * there, the button steps aside (body.spectrum-at-top, see spectrum.css), so it never covers the
 * figure's title and tools.
 * @param {HTMLElement[]} figures
 */
function watchTopOfScreen(figures) {
  const atTop = new Set();
  topWatch = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) atTop.add(entry.target);
      else atTop.delete(entry.target);
    }
    document.body.classList.toggle("spectrum-at-top", atTop.size > 0);
  }, { rootMargin: "0px 0px -70% 0px" });
  for (const figure of figures) topWatch.observe(figure);
}

function teardown() {
  topWatch?.disconnect();
  topWatch = null;
  document.body.classList.remove("spectrum-at-top");
  for (const widget of widgets) widget.destroy();
  widgets = [];
  // A redraw of the same page keeps a pending link (setup opens it again from the address bar).
  if (keptFragment() === null) {
    releaseFragment();
    copiedLink = false;
  }
  if (shared && store) {
    shared = null;
    store.setPreview(null);
  }
}

/** The model and the one store of this visit, made once from the catalogue (shared with readerMap). */
async function ensureStore() {
  if (model) return;
  const catalogue = await fetchData("catalogue.json");
  if (model) return;
  model = createModel(catalogue);
  store = createStore({ model, storage: localStorageOrNull(), key: storageKey(SITE_ROOT) });
  store.subscribe((change) => {
    // A copied link no longer holds the map once it changes: take it out of the address bar.
    if (copiedLink && change.kind !== "preview" && change.kind !== "save") {
      copiedLink = false;
      clearFragment();
    }
  });
}

/**
 * The reader's map for other modules that read it (the readings under the prose): the same
 * store every spectrum view on the page writes to, its model, and the author's map on demand.
 * @returns {Promise<{store: import("./store.js").Store, model: import("./model.js").Model,
 *   loadAuthor: () => Promise<Record<string, import("./geometry.js").AuthorSpot>>}>}
 */
export async function readerMap() {
  await ensureStore();
  return { store: /** @type {import("./store.js").Store} */ (store), model: /** @type {import("./model.js").Model} */ (model), loadAuthor };
}

async function setup() {
  teardown();
  const current = ++generation;
  const figures = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("figure.research-spectrum")]);
  if (!figures.length) return;
  try {
    await ensureStore();
  } catch (error) {
    // No usable catalogue: the static figures stay, with a word on why.
    for (const figure of figures) {
      if (!figure.querySelector(".spectrum-load-error")) {
        figure.append(Object.assign(document.createElement("p"), {
          className: "spectrum-status error spectrum-load-error",
          textContent: `The interactive chart could not start (${/** @type {Error} */ (error).message}); the papers are listed above.`,
        }));
      }
    }
    return;
  }
  if (current !== generation) return; // the reader moved on while it loaded
  watchTopOfScreen(figures);
  const context = {
    store: /** @type {import("./store.js").Store} */ (store), model, whenNearViewport, siteName,
    acceptShared, declineShared, sharedCount: () => (shared ? Object.keys(shared).length : 0), loadAuthor,
    previewImport, sharedFrom: () => sharedFrom,
    keepShareLink,
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
  if (store.previewing()) return widget.announce("First choose “Replace my map” or “Keep my map” (above the chart).", { error: true });
  const done = widget.keepFocus(() => (redo ? store.redo(widget) : store.undo(widget)));
  widget.announce(done ? (redo ? "Redone." : "Undone.") : redo ? "Nothing to redo." : "Nothing to undo.");
}

if (typeof document$ !== "undefined") {
  document$.subscribe(() => void setup());
  window.addEventListener("hashchange", (event) => openShareLink(new URL(event.newURL).hash));
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

// -- read by debug-hooks.js, which the tests and the benchmarks load (the pages never do) ----------

/** This module's state, for debug-hooks.js: the store, the page's widgets, the data files' stall limit. */
export const internals = {
  get store() { return store; },
  get widgets() { return widgets; },
  /** @param {number} ms */
  set fetchTimeoutMs(ms) { fetchTimeoutMs = ms; },
};
