// Site-wide entry point (an ES module). Each feature is a module of its own,
// loaded only on pages that have its elements, and only once the page has
// been shown (Material's document$ emits after the page is parsed, on first
// load and on every instant navigation). A feature module subscribes to
// document$ itself (it replays the current page), so it sets up this page's
// widgets as soon as it arrives and every later page's after that.
// A widget's own stylesheet is loaded before its module, so a widget never
// shows unstyled; what the built page needs to read well is in the page's
// own stylesheets (mkdocs.yml extra_css, mkdocs_hooks.PAGE_STYLESHEETS).

import { FEATURES, featuresOn } from "./features.js";

// A share link (#map=...) opened on a page with a spectrum is read by the spectrum's
// module once it has arrived; until then Material's section tracking, which rewrites
// the address as the page scrolls, must not drop it (address.js holds it). Only such
// a visit loads address.js this early.
const shareLink = location.hash;
if (shareLink.startsWith("#map=") && document.querySelector("figure.research-spectrum")) {
  import("./spectrum/address.js").then(({ keepFragment }) => keepFragment(shareLink));
}

/** @type {Map<string, Promise<unknown>>} */
const started = new Map();

/**
 * Load a stylesheet of assets/css/ once per visit.
 * @param {string} name file name in assets/css/
 * @returns {Promise<void>} settles when it has loaded (or failed: the widget still works)
 */
function loadStyle(name) {
  const href = new URL(`../css/${name}`, import.meta.url).href;
  if (!started.has(href)) {
    started.set(href, new Promise((resolve) => {
      const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
      link.addEventListener("load", () => resolve(undefined));
      link.addEventListener("error", () => resolve(undefined));
      document.head.append(link);
    }));
  }
  return /** @type {Promise<void>} */ (started.get(href));
}

/** @type {Promise<Record<string, string[]>> | undefined} */
let moduleGraph;

/**
 * Ask for every module a feature imports, at once. A browser finds a module's imports only
 * when the module arrives (one round trip per level); the build lists them all
 * (module-graph.json, written by builder/module_graph.py).
 * @param {string} module a feature's module, relative to this file
 */
function preload(module) {
  moduleGraph ??= fetch(new URL("./module-graph.json", import.meta.url))
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));  // without the list, modules still load, a level at a time
  moduleGraph.then((graph) => {
    for (const path of graph[module.replace(/^\.\//, "")] ?? []) {
      const href = new URL(`./${path}`, import.meta.url).href;
      if (!document.head.querySelector(`link[rel="modulepreload"][href="${href}"]`)) {
        document.head.append(Object.assign(document.createElement("link"), { rel: "modulepreload", href }));
      }
    }
  });
}

/**
 * @param {import("./features.js").Feature} feature
 * @returns {Promise<unknown>} settles once the feature's module has run
 */
function start(feature) {
  if (!started.has(feature.module)) {
    preload(feature.module);
    started.set(feature.module, (async () => {
      if (feature.css) await loadStyle(feature.css);
      await import(feature.module);
    })().catch((error) => {
      started.delete(feature.module);  // try again on the next page
      console.warn(`Could not load ${feature.module}:`, error);
    }));
  }
  return /** @type {Promise<unknown>} */ (started.get(feature.module));
}

// data-page-ready: every feature this page has is loaded (and so set up).
document$.subscribe(() => {
  const root = document.documentElement;
  root.dataset.pageReady = "false";
  Promise.all(featuresOn(document, FEATURES).map(start)).then(() => { root.dataset.pageReady = "true"; });
});
