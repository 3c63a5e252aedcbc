// TeX in the notebooks' text ($…$ and $$…$$), typeset by the vendored KaTeX.
// Loaded only on pages that have some, after the page is shown, and typeset
// a block at a time.

import { assetUrl } from "./plotly-loader.js";

const TEXT = ".jupyter-wrapper .jp-RenderedMarkdown";
const DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
];

/** @type {Promise<void> | null} */
let loading = null;

/** @param {string} src */
function script(src) {
  return new Promise((resolve, reject) => {
    const element = Object.assign(document.createElement("script"), { src, onload: resolve, onerror: reject });
    document.head.append(element);
  });
}

function loadKatex() {
  loading ??= (async () => {
    const sheet = Object.assign(document.createElement("link"), { rel: "stylesheet", href: assetUrl("vendor/katex/katex.min.css") });
    document.head.append(sheet);
    await script(assetUrl("vendor/katex/katex.min.js"));
    await script(assetUrl("vendor/katex/contrib/auto-render.min.js"));
  })();
  return loading;
}

document$.subscribe(async () => {
  const blocks = [...document.querySelectorAll(TEXT)].filter((block) => block.textContent.includes("$"));
  if (!blocks.length) return;
  try {
    await loadKatex();
  } catch {
    loading = null;  // the raw TeX stays readable; try again on the next page
    return;
  }
  // One block per animation frame: a page of maths is many short tasks, not one long one.
  for (const block of blocks) {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    if (!block.isConnected) return;  // the reader has moved on (instant navigation)
    window.renderMathInElement(block, { delimiters: DELIMITERS, throwOnError: false });
  }
});
