// The site's features: which module sets up which elements, and the stylesheet
// its widgets need (assets/css/). site.js loads a feature only on pages that
// have its elements. Pure data and a lookup, so node --test can check it.

/**
 * @typedef {object} Feature
 * @property {string} selector elements the feature sets up
 * @property {string} module   its module, relative to this file
 * @property {string} [css]    the stylesheet its widgets need (assets/css/), loaded before the module
 */

/** @type {Feature[]} */
export const FEATURES = [
  { selector: ".deferred-svg", module: "./figure-files.js" },  // static figures below the fold, fetched near the viewport
  { selector: ".json-figure", module: "./json-figures.js" },  // Plotly JSON figures, drawn by the pinned bundle
  { selector: ".jupyter-wrapper .jp-CodeCell", module: "./live/index.js", css: "live.css" },  // "Run in browser" (Pyodide in a worker)
  { selector: "figure.research-spectrum", module: "./spectrum/index.js", css: "spectrum-widget.css" },  // drag papers onto the continuum
  { selector: "figure.readers-map[data-readers]", module: "./spectrum/readers-chart.js" },  // the readers' map (readers-map.css: linked by the page)
  { selector: "figure.toy", module: "./toys/index.js" },  // toys with controls: precomputed answers, at once
  { selector: "p.reading[data-reading]", module: "./readings/reading.js" },  // sentences that read the reader's map (readings.css: linked by the page)
  { selector: "figure.order-quiz", module: "./readings/order.js" },  // order a list, commit, then see the author's
  { selector: ".md-typeset pre > code", module: "./code-blocks.js" },  // a block that scrolls sideways is reachable by keyboard
];

/**
 * The features whose elements are under `root`.
 * @param {ParentNode} root
 * @param {Feature[]} features
 * @returns {Feature[]}
 */
export function featuresOn(root, features) {
  return features.filter((feature) => root.querySelector(feature.selector) !== null);
}
