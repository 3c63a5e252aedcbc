// A small element builder. Text always goes in as text nodes or textContent,
// never as HTML, so nothing from a paper, a file or a link can become markup.

/**
 * @param {string} tag
 * @param {Record<string, any>} [attrs] attributes; "class", "text", "style" (an object of
 *   properties), "dataset" and "on<event>" (listeners) are special
 * @param {...(Node | string | null | undefined | false | (Node | string)[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = String(value);
    else if (name === "style") for (const [property, v] of Object.entries(value)) element.style.setProperty(property, String(v));
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/** @param {string} url an https link from the catalogue, or null if it is anything else */
export function safeUrl(url) {
  return typeof url === "string" && /^https:\/\/[^\s<>"]+$/.test(url) ? url : null;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * SVG elements from a drawing's data (chart-svg.js); its texts go in as text nodes.
 * @param {import("./chart-svg.js").SvgNode} svg
 * @returns {SVGElement}
 */
export function svgElement(svg) {
  const element = document.createElementNS(SVG_NS, svg.tag);
  for (const [name, value] of Object.entries(svg.attrs)) {
    if (name !== "xmlns") element.setAttribute(name, String(value));
  }
  if (svg.text !== undefined) element.textContent = svg.text;
  for (const child of svg.children ?? []) element.append(svgElement(child));
  return element;
}


/** @returns {boolean} */
export function reducedMotion() {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}
