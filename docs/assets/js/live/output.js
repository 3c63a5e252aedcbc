// A live cell's output, in the same markup (and so the same look) as the
// build-time output nbconvert wrote: streams, the final value, figures and
// tracebacks, appended as they arrive.

import { parseFigure, showFigure } from "../json-figures.js";

/** @typedef {HTMLElement & {liveHome?: {parent: Node | null, next: Node | null}}} AdoptableFigure a build-time chart, and where it lives while a live output borrows it */

const MAX_CHARS = 1_000_000;  // per cell: a runaway print must not swamp the page

export class CellOutput {
  /** @param {HTMLElement} area the cell's .jp-OutputArea */
  constructor(area) {
    this.area = area;
    /** The build-time figures of the cell, in order: a live figure with the very same JSON reuses its chart. */
    /** @type {AdoptableFigure[]} */
    this.builtFigures = [...area.children]
      .filter((child) => !child.classList.contains("live-output"))
      .flatMap((child) => [.../** @type {NodeListOf<AdoptableFigure>} */ (child.querySelectorAll(".json-figure"))]);
    this.figures = 0;
    this.chars = 0;
    this.truncated = false;
    /** @type {{name: string, text: Text} | null} */
    this.lastStream = null;
    this.box = document.createElement("div");
    this.box.className = "live-output";
  }

  /** Show this (empty) output in place of the cell's current one. */
  begin() {
    for (const child of /** @type {HTMLElement[]} */ ([...this.area.children])) {
      if (child.classList.contains("live-output")) removeLiveOutput(child);
      else child.hidden = true;  // the build-time output, kept for Reset
    }
    this.area.append(this.box);
    this.area.closest(".jp-Cell")?.classList.remove("jp-mod-noOutputs");
  }

  /** @param {string} kind @param {string} mime @returns {HTMLElement} a new output block */
  block(kind, mime) {
    const child = document.createElement("div");
    child.className = "jp-OutputArea-child";
    const output = document.createElement("div");
    output.className = `jp-OutputArea-output live-output__${kind}`;
    if (mime) output.dataset.mimeType = mime;
    child.append(output);
    this.box.append(child);
    return output;
  }

  /** @param {string} text @returns {string} what still fits under the cap */
  budget(text) {
    if (this.truncated) return "";
    if (this.chars + text.length <= MAX_CHARS) {
      this.chars += text.length;
      return text;
    }
    this.truncated = true;
    const room = Math.max(0, MAX_CHARS - this.chars);
    this.chars = MAX_CHARS;
    return `${text.slice(0, room)}\n[… output truncated: over ${MAX_CHARS.toLocaleString("en")} characters]\n`;
  }

  /** @param {"stdout" | "stderr"} name @param {string} text */
  stream(name, text) {
    const fitting = this.budget(text);
    if (!fitting) return;
    if (this.lastStream?.name === name) {
      this.lastStream.text.appendData(fitting);
      return;
    }
    const output = this.block("stream", name === "stderr" ? "application/vnd.jupyter.stderr" : "text/plain");
    output.classList.add("jp-RenderedText");
    const pre = document.createElement("pre");
    const node = document.createTextNode(fitting);
    pre.append(node);
    output.append(pre);
    this.lastStream = { name, text: node };
  }

  /** The cell's final value, printed (Jupyter's Out[n]). @param {string} text */
  result(text) {
    this.lastStream = null;
    const output = this.block("result", "text/plain");
    output.classList.add("jp-RenderedText", "jp-OutputArea-executeResult");
    const pre = document.createElement("pre");
    pre.textContent = this.budget(text);
    output.append(pre);
  }

  /** @param {string} json a Plotly figure */
  figure(json) {
    this.lastStream = null;
    const output = this.block("figure", "text/html");
    output.classList.add("jp-RenderedHTMLCommon", "jp-RenderedHTML");
    const built = this.builtFigures[this.figures++];
    if (built && built.dataset.figure === json) {
      // The same figure as the build's (same code, same seed): move its chart
      // here rather than draw it again. Reset (or the next run) puts it back.
      built.liveHome = { parent: built.parentElement, next: built.nextSibling };
      built.dataset.adopted = "true";
      output.append(built);
      return;
    }
    const container = document.createElement("div");
    container.className = "json-figure";
    container.dataset.live = "true";
    container.dataset.figure = json;  // as the build-time figures carry theirs
    output.append(container);
    let figure;
    try {
      figure = parseFigure(json);
    } catch (error) {
      container.textContent = `This figure could not be read: ${error.message}`;
      return;
    }
    showFigure(container, figure);
  }

  /** A traceback. @param {string} text */
  error(text) {
    this.lastStream = null;
    const output = this.block("error", "application/vnd.jupyter.stderr");
    output.classList.add("jp-RenderedText", "live-output__error");
    const pre = document.createElement("pre");
    pre.textContent = text;
    output.append(pre);
  }

  /** A note from the page (not from Python), e.g. "Stopped.". @param {string} text */
  note(text) {
    this.lastStream = null;
    const output = this.block("note", "");
    output.textContent = text;
  }
}

/**
 * Remove a live output, first putting back the build-time charts it borrowed.
 * @param {HTMLElement} box a .live-output
 */
function removeLiveOutput(box) {
  for (const figure of /** @type {NodeListOf<AdoptableFigure>} */ (box.querySelectorAll('.json-figure[data-adopted="true"]'))) {
    const { parent, next } = figure.liveHome;
    parent.insertBefore(figure, next && next.parentNode === parent ? next : null);
    delete figure.dataset.adopted;
  }
  box.remove();
}

/**
 * Bring back the build-time output of a cell's output area (Reset).
 * @param {HTMLElement} area
 */
export function restoreStaticOutput(area) {
  for (const child of /** @type {HTMLElement[]} */ ([...area.children])) {
    if (child.classList.contains("live-output")) removeLiveOutput(child);
    else child.hidden = false;
  }
}
