// One pinned Plotly bundle for the whole site, loaded once, on demand.
// Figures call loadPlotly() when they near the viewport; the essay's first
// paint never waits for it.

/** @type {Promise<any> | null} */
let loading = null;

/**
 * URL of a file in the site, resolved against this module (works under any base path).
 * @param {string} path path relative to assets/
 */
export function assetUrl(path) {
  return new URL(`../${path}`, import.meta.url).href;
}

/** @returns {Promise<any>} the Plotly global, loaded once per visit */
export function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = assetUrl("vendor/plotly/plotly-cartesian.min.js");
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {
      loading = null;
      reject(new Error("Could not load the chart library (assets/vendor/plotly)."));
    };
    document.head.append(script);
  });
  return loading;
}

/** Colours from Material's theme variables, so charts follow light and dark palettes. */
export function themeColours() {
  const style = getComputedStyle(document.body);
  const read = (name) => style.getPropertyValue(name).trim();
  return {
    text: read("--md-default-fg-color"),
    muted: read("--md-default-fg-color--light"),
    grid: read("--md-default-fg-color--lightest"),
    background: read("--md-default-bg-color"),
    accent: read("--md-accent-fg-color"),
  };
}
