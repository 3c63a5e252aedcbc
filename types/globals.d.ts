// Globals the site's modules use that come from outside any module.

/** Material for MkDocs' bundle (a classic script loaded before any module): emits the
    page's document on first load and after every instant navigation, replaying the current one. */
declare const document$: {
  subscribe(next: (document: Document) => void): { unsubscribe(): void };
};

interface Window {
  /** The pinned Plotly bundle's global (plotly-loader.js loads it on demand). */
  Plotly?: any;
  /** In the Python worker: what the toys call from Python to show a figure (worker.js). */
  postFigure?: (figure: any) => void;  // JSON text, or a Pyodide proxy of a dict
}
