// A standalone SVG file turned into a PNG download: the browser draws the SVG
// as an image (from a blob: URL, which the site's Content-Security-Policy
// allows for images), a canvas rasterises it at `scale` times its size, and
// the canvas's PNG is downloaded. No library: the page already has a renderer.

import { h } from "./dom.js";

/**
 * @param {string} markup an SVG file's text, with every colour and font resolved (no page CSS reaches it)
 * @param {{width: number, height: number, scale: number, filename: string}} options
 * @returns {Promise<Blob>} the PNG, once its download has started
 */
export async function downloadSvgAsPng(markup, { width, height, scale, filename }) {
  const svgUrl = URL.createObjectURL(new Blob([markup], { type: "image/svg+xml" }));
  let png;
  try {
    const image = new Image(width, height);
    image.src = svgUrl;
    await image.decode();
    const canvas = /** @type {HTMLCanvasElement} */ (h("canvas", { width: Math.round(width * scale), height: Math.round(height * scale) }));
    const context = canvas.getContext("2d");
    if (!context) throw new Error("this browser cannot draw on a canvas");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    png = await new Promise((resolve, reject) => {
      /** @type {HTMLCanvasElement} */ (canvas).toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the canvas gave no image"))), "image/png");
    });
  } finally {
    URL.revokeObjectURL(svgUrl);
  }
  const pngUrl = URL.createObjectURL(png);
  h("a", { href: pngUrl, download: filename }).click();
  setTimeout(() => URL.revokeObjectURL(pngUrl), 30_000);
  return png;
}
