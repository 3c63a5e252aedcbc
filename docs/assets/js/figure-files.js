// Static figures the build wrote as files (place_for_research.builder.figure_files.deferred):
// the page holds a placeholder of the figure's size, and the SVG is fetched when
// it nears the viewport and put inside it, inline, so the page's light or dark
// palette colours it (the file's own <style>, for an <img> without JavaScript,
// is dropped). The placeholder keeps its box, so nothing moves when it arrives.

import { whenNearViewport } from "./near-viewport.js";

const SELECTOR = ".deferred-svg[data-svg-src]";

/**
 * The <svg> element of an SVG file's text, without its standalone <style>.
 * @param {string} text
 * @returns {SVGSVGElement}
 */
export function svgElement(text) {
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = /** @type {Element} */ (parsed.documentElement);
  if (svg.nodeName !== "svg") throw new Error("not an SVG file");
  for (const style of svg.querySelectorAll("style")) style.remove();
  return /** @type {SVGSVGElement} */ (document.importNode(svg, true));
}

/** @param {HTMLElement} holder */
async function fill(holder) {
  try {
    // A stalled download ends in a message, not an empty box for ever.
    const response = await fetch(holder.dataset.svgSrc || "", { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const svg = svgElement(await response.text());
    if (!holder.isConnected) return;  // the page moved on, or a widget replaced the figure
    holder.replaceChildren(svg);
    holder.removeAttribute("role");   // the SVG names itself
    holder.removeAttribute("aria-label");
    holder.classList.add("deferred-svg--loaded");
  } catch (error) {
    if (!holder.isConnected) return;
    const message = document.createElement("p");
    message.className = "deferred-svg__error";
    message.textContent = `The figure could not be loaded (${error.message}).`;
    holder.replaceChildren(message);
  }
}

/** @type {Array<() => void>} */
let stops = [];
document$.subscribe(() => {
  stops.forEach((stop) => stop());
  stops = [...document.querySelectorAll(SELECTOR)].map((element) => {
    const holder = /** @type {HTMLElement} */ (element);
    if (!holder.classList.contains("deferred-svg--loaded")) {
      holder.setAttribute("role", "img");  // named like the figure while it waits
      holder.setAttribute("aria-label", holder.dataset.svgLabel || "Chart");
    }
    return whenNearViewport(holder, () => fill(holder), "1000px");
  });
});
