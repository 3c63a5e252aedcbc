// Site-wide entry point (an ES module). Each feature module subscribes to
// Material's document$, which emits on every page load, instant navigation
// included, and sets up the widgets of the new page.
import "./figures.js";       // Plotly JSON figures, drawn by the pinned bundle
import "./math.js";          // TeX in notebook text, typeset by the vendored KaTeX
import "./live/index.js";    // "Run in browser" on notebook pages (Pyodide in a worker)
import "./spectrum/index.js";   // the research spectrum: drag papers onto the continuum
import "./toys/index.js";    // toys with controls: precomputed answers, at once
document$.subscribe(() => {
  document.documentElement.dataset.pageReady = "true";
});
