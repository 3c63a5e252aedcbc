// "Run in browser" on a notebook page: the code cells become editors that
// run in the visit's Python (runtime.js), with Run / Run all / Stop / Reset.
// (The essay's toys answer their controls from build-time grids and link here
// for live code: toys/widget.js.) Each notebook of a page has its own namespace; all share the one runtime.
//
// The page reads completely without any of this: the build-time outputs stay
// until a cell is run live, and come back on Reset.

import { runtime } from "./runtime.js";
import { createEditor, editorProblem, preloadEditor } from "./editor.js";
import { CellOutput, restoreStaticOutput } from "./output.js";
import { watchFigures } from "../json-figures.js";

let visits = 0;
/** How long a pointer or focus rests on "Run in browser" before Python starts loading. */
const INTENT_MS = 250;

/**
 * @typedef {object} LiveCell
 * @property {number} number          1-based position among the code cells
 * @property {HTMLElement} element    the .jp-CodeCell
 * @property {string} original        the code as built
 * @property {HTMLElement} outputArea the .jp-OutputArea (created if the cell had none)
 * @property {import("./editor.js").PythonEditor | null} editor
 * @property {HTMLButtonElement | null} runButton
 * @property {HTMLElement | null} status
 * @property {number} generation      bumps on each run, so a stale run does not write
 */

/** Make an element from a tag, properties and children. */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") element.className = value;
    else if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else if (key in element && typeof value !== "string") element[key] = value;
    else element.setAttribute(key, value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

const seconds = (ms) => (ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);

class LiveNotebook {
  /**
   * @param {HTMLElement} wrapper the .jupyter-wrapper of mkdocs-jupyter's output
   */
  constructor(wrapper) {
    this.wrapper = wrapper;
    this.namespace = `${location.pathname}#${++visits}`;
    /** Code of the cells run so far, in the order they ran: replayed after Stop. @type {string[]} */
    this.history = [];
    this.active = false;
    this.destroyed = false;
    /** @type {Promise<void>} settles when every code cell has its editor */
    this.editorsReady = Promise.resolve();
    /** @type {LiveCell[]} */
    this.cells = [.../** @type {NodeListOf<HTMLElement>} */ (wrapper.querySelectorAll(".jp-CodeCell"))]
      .filter((element) => element.querySelector(":scope > .jp-Cell-inputWrapper"))
      .map((element, index) => ({
        number: index + 1,
        element,
        original: (element.querySelector(".highlight-ipynb pre, .jp-InputArea-editor pre")?.textContent ?? "").replace(/\n$/, ""),
        outputArea: this.outputAreaOf(element),
        editor: null,
        runButton: null,
        status: null,
        generation: 0,
      }));
    this.onRuntime = () => this.showRuntime();
    // Another notebook's Stop (or a cell that shut the worker down) restarted
    // Python: this one's variables went with it.
    this.onRestart = (event) => {
      const cause = event.detail?.cause;
      if (!this.stopping && this.history.length) this.replay(cause === "died" || cause === "reset" ? cause : "restart");
    };
    this.buildBar();
  }

  /** @param {HTMLElement} cell @returns {HTMLElement} */
  outputAreaOf(cell) {
    let area = /** @type {HTMLElement | null} */ (cell.querySelector(":scope > .jp-Cell-outputWrapper .jp-OutputArea"));
    if (!area) {
      area = h("div", { class: "jp-OutputArea jp-Cell-outputArea" });
      cell.append(h("div", { class: "jp-Cell-outputWrapper" }, area));
    }
    return area;
  }

  // -- The bar above the notebook ------------------------------------------------------
  buildBar() {
    // Intent: a pointer or focus resting on "Run in browser" starts Python
    // (and the editor) loading before the click; a pointer passing by does not.
    let intent = 0;
    const warm = () => {
      clearTimeout(intent);
      intent = setTimeout(() => { runtime.warm(); preloadEditor(); }, INTENT_MS);
    };
    const cool = () => clearTimeout(intent);
    const hint = "Edit the code and run it here: Python runs inside your browser (Pyodide), nothing is sent anywhere.";
    this.startButton = h("button", {
      type: "button", class: "md-button md-button--primary live-bar__start",
      onclick: () => this.activate(), onpointerenter: warm, onfocus: warm, onpointerleave: cool, onblur: cool,
    }, "Run in browser");
    this.runAllButton = h("button", { type: "button", class: "md-button md-button--primary", onclick: () => this.runAll() }, "Run all");
    this.stopButton = h("button", { type: "button", class: "md-button", onclick: () => this.stop(), disabled: true }, "Stop");
    this.resetButton = h("button", {
      type: "button", class: "md-button", onclick: () => this.reset(),
      title: "Restore the original code and outputs, with a fresh Python session for this page",
    }, "Reset");
    this.statusText = h("span", { class: "live-bar__status-text" });
    this.progressBar = h("progress", { class: "live-bar__progress", max: 1, hidden: true });
    this.retryButton = h("button", { type: "button", class: "md-button live-bar__retry", onclick: () => this.retry(), hidden: true }, "Retry");
    this.status = h("div", { class: "live-bar__status" }, this.statusText, this.retryButton);
    // Screen readers hear each new message once (not every tick of the download).
    this.announcer = h("span", { class: "live-sr-only", role: "status" });
    this.controls = h("div", { class: "live-bar__controls", hidden: true },
      this.runAllButton, this.stopButton, this.resetButton);
    this.hint = h("p", { class: "live-bar__hint" }, hint);
    this.bar = h("div", { class: "live-bar", role: "region", "aria-label": "Run this notebook in your browser" },
      h("div", { class: "live-bar__row" }, this.startButton, this.controls, this.hint),
      this.progressBar, this.status, this.announcer);
    // Just before the first code cell: after the notebook's title and introduction.
    const first = this.cells[0].element;
    const outer = first.parentElement?.classList.contains("jp-CodeCell") ? first.parentElement : first;
    outer.before(this.bar);
  }

  /**
   * @param {string} text the message
   * @param {{error?: boolean, detail?: string}} [options] error: shown as a failure, with Retry;
   *   detail: shown after the message but not announced (e.g. megabytes so far)
   */
  setStatus(text, { error = false, detail = "" } = {}) {
    this.statusText.textContent = detail ? `${text} ${detail}` : text;
    this.status.classList.toggle("live-bar__status--error", error);
    this.retryButton.hidden = !error;
    if (this.announcer.textContent !== text) this.announcer.textContent = text;
  }

  /** Reflect the runtime's state (loading progress, ready, failed) in the bar. */
  showRuntime() {
    if (this.destroyed) return;
    const { state, progress } = runtime;
    this.progressBar.hidden = state !== "loading";
    if (state === "loading") {
      if (progress.fraction === null) this.progressBar.removeAttribute("value");
      else this.progressBar.value = progress.fraction;
      this.progressBar.setAttribute("aria-label", progress.stage);
      if (progress.detail) this.progressBar.setAttribute("aria-valuetext", progress.detail);
      else this.progressBar.removeAttribute("aria-valuetext");
      const again = runtime.generation > 1 ? "Restarting Python. " : "";  // after Stop (or Retry)
      this.setStatus(`${again}${progress.stage}…`, { detail: progress.detail ? `(${progress.detail})` : "" });
    } else if (state === "failed") {
      this.setStatus(`Python could not be started in this browser: ${runtime.failure} `
        + "The outputs below are the ones from when the site was built.", { error: true });
    } else if (state === "ready" && !this.busyText) {
      this.setStatus(`Python ${runtime.python} (Pyodide ${runtime.version}) is ready. Edit a cell and press Run, or Shift+Enter.`);
    }
  }

  // -- Entering live mode ------------------------------------------------------------------
  async activate() {
    if (this.active) return;
    this.active = true;
    runtime.start();
    runtime.addEventListener("progress", this.onRuntime);
    runtime.addEventListener("state", this.onRuntime);
    runtime.addEventListener("restart", this.onRestart);
    this.startButton.hidden = true;
    this.hint.hidden = true;
    this.controls.hidden = false;
    this.bar.classList.add("live-bar--on");
    this.runAllButton.focus();
    this.showRuntime();
    this.editorsReady = (async () => {
      // One editor per frame: each is a short task, the page never stalls.
      for (const cell of this.cells) {
        if (this.destroyed) return;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await this.makeEditable(cell);
      }
      if (editorProblem && !this.destroyed) {
        this.bar.append(h("p", { class: "live-bar__note", role: "note" }, editorProblem));
      }
    })();
    await this.editorsReady;
  }

  /** @param {LiveCell} cell */
  async makeEditable(cell) {
    const input = cell.element.querySelector(".jp-InputArea-editor");
    const staticCode = /** @type {HTMLElement} */ (input.querySelector(".highlight-ipynb"));
    const host = h("div", { class: "live-editor" });
    staticCode.after(host);
    cell.editor = await createEditor({
      parent: host,
      code: cell.original,
      label: `Code of cell ${cell.number} (Python)`,
      onRun: () => this.runFromKeyboard(cell),
      onChange: () => cell.element.classList.toggle("live-cell--edited", cell.editor?.getCode() !== cell.original),
    });
    if (this.destroyed) return;
    staticCode.hidden = true;
    cell.runButton = h("button", {
      type: "button", class: "md-button live-cell__run", title: "Run this cell (Shift+Enter)",
      onclick: () => this.runCell(cell),
    }, h("span", { class: "live-cell__icon", "aria-hidden": "true" }, "▶"), "Run");
    cell.status = h("span", { class: "live-cell__status" });
    cell.element.querySelector(":scope > .jp-Cell-inputWrapper").after(
      h("div", { class: "live-cell__bar" }, cell.runButton, cell.status));
    cell.outputArea.setAttribute("aria-live", "polite");
    cell.outputArea.setAttribute("aria-label", `Output of cell ${cell.number}`);
    cell.element.classList.add("live-cell");
  }

  /** Shift+Enter: run the cell, then move on to the next one, as in Jupyter. @param {LiveCell} cell */
  runFromKeyboard(cell) {
    this.runCell(cell);
    this.cells[cell.number]?.editor?.focus();
  }

  // -- Running -----------------------------------------------------------------------------------
  /**
   * @param {LiveCell} cell
   * @returns {Promise<import("./runtime.js").RunOutcome>}
   */
  async runCell(cell) {
    if (!cell.editor) return { status: "cancelled" };
    const code = cell.editor.getCode();
    const generation = ++cell.generation;
    const mine = () => generation === cell.generation && !this.destroyed;
    const output = new CellOutput(cell.outputArea);
    this.cellState(cell, "queued", "Queued");
    this.updateButtons(1);
    const outcome = await runtime.run({
      namespace: this.namespace,
      cell: `cell ${cell.number}`,
      code,
      onStart: () => {
        if (!mine()) return;
        output.begin();
        cell.outputArea.setAttribute("aria-busy", "true");
        this.cellState(cell, "running", "Running…");
      },
      onStream: (name, text) => mine() && output.stream(name, text),
      onResult: (text) => mine() && output.result(text),
      onFigure: (json) => mine() && output.figure(json),
    });
    this.updateButtons(-1);
    if (!mine()) return outcome;
    cell.outputArea.removeAttribute("aria-busy");
    switch (outcome.status) {
      case "ok":
        cell.element.dataset.liveMs = outcome.ms.toFixed(1);
        this.history.push(code);
        this.cellState(cell, "done", `Ran in ${seconds(outcome.ms)}`);
        break;
      case "error":
        if (!outcome.fatal) this.history.push(code);  // a cell that killed Python is not replayed
        output.error(outcome.error);
        this.cellState(cell, "error", outcome.fatal ? "Error: this cell shut Python down" : "Error (traceback below)");
        break;
      case "stopped":
        // A KeyboardInterrupt (cross-origin-isolated pages): the session lives on.
        // (Not kept for replay: run again, the cell would have to be stopped again.)
        if (outcome.interrupted && outcome.error) output.error(outcome.error);
        output.note("Stopped.");
        this.cellState(cell, "stopped", "Stopped");
        break;
      case "cancelled":
        this.cellState(cell, "", "");
        break;
      case "unavailable":
        this.cellState(cell, "error", "Not run: Python is not available");
        break;
    }
    return outcome;
  }

  async runAll() {
    await this.editorsReady;
    const cells = this.cells.filter((cell) => cell.editor);
    const runs = cells.map((cell) => this.runCell(cell));  // queued in order at once
    for (let i = 0; i < runs.length; i += 1) {
      const outcome = await runs[i];
      if (outcome.status !== "ok") {
        // As in Jupyter: an error stops "Run all"; the cells after it do not run.
        cells.slice(i + 1).forEach((cell) => { cell.generation += 1; this.cellState(cell, "", ""); });
        runtime.cancel(this.namespace);
        break;
      }
    }
  }

  /** @param {LiveCell} cell @param {string} state @param {string} text */
  cellState(cell, state, text) {
    if (!cell.status) return;
    const was = cell.element.dataset.liveState;
    cell.element.dataset.liveState = state;
    cell.status.textContent = text;
    // Build-time figures wait while their cell is queued; if it did not run, they are still due.
    if ((was === "queued" || was === "running") && state !== "running") watchFigures(cell.outputArea);
  }

  /** Track cells queued or running, for the Stop button. @param {number} delta */
  updateButtons(delta) {
    this.pending = (this.pending || 0) + delta;
    this.stopButton.disabled = this.pending <= 0 && !this.replaying;
  }

  // -- Stop, Reset, Retry ------------------------------------------------------------------------
  async stop() {
    if (this.replaying) {
      this.replaying = false;
      this.history = [];
    }
    // Only this notebook's cells: a Stop here leaves the other notebooks of the page running.
    this.stopping = true;
    // Python takes the interrupt within milliseconds; a cell that ignores it, or is stuck in
    // C code, keeps Stop waiting for the runtime's grace before Python restarts: say so.
    const waiting = setTimeout(() => this.setStatus("Stopping: waiting for Python to take the interrupt…"), 300);
    let result;
    try {
      result = await runtime.stop(this.namespace);
    } finally {
      clearTimeout(waiting);
      this.stopping = false;
    }
    if (this.destroyed) return;
    if (result.restarted) await this.replay();
    else if (result.interrupted) this.setStatus("Stopped with a KeyboardInterrupt: the page's variables are as the stopped cell left them.");
  }

  /**
   * After a restart: run the cells that had run, in order, so the page's variables come back.
   * @param {"stop" | "restart" | "reset" | "died"} [cause] this notebook's Stop, another one's Stop or Reset, or a cell that shut Python down
   */
  async replay(cause = "stop") {
    if (this.replaying) return;
    const cells = this.history.splice(0);
    if (!cells.length) {
      this.busyText = "";
      this.showRuntime();
      return;
    }
    this.replaying = true;
    this.updateButtons(0);
    this.busyText = `Python was restarted; running the ${cells.length} cell${cells.length > 1 ? "s" : ""} that had run again to restore this page's state…`;
    this.setStatus(this.busyText);
    const restarts = runtime.generation;
    for (const code of cells) {
      const outcome = await runtime.run({ namespace: this.namespace, cell: "restored cell", code, replay: true });
      if (this.destroyed) return;
      if (outcome.status === "ok" || (outcome.status === "error" && !outcome.fatal)) {
        this.history.push(code);
        continue;
      }
      if (outcome.fatal) continue;  // it shut Python down again: left out of the session
      // Stopped again, or Python is unavailable: give up, with a fresh session.
      this.history = [];
      this.replaying = false;
      this.busyText = "";
      this.updateButtons(0);
      if (runtime.state !== "failed") this.setStatus("Stopped. Python restarted with a fresh session: earlier cells were not run again.");
      return;
    }
    this.replaying = false;
    this.busyText = "";
    this.updateButtons(0);
    if (restarts === runtime.generation) {
      const what = `the ${cells.length} earlier cell${cells.length > 1 ? "s" : ""} ran again: the page's variables are back.`;
      const why = { stop: "Stopped. Python restarted and", restart: "Python restarted (another demo was stopped) and",
        reset: "Python restarted (another demo was reset) and", died: "Python restarted (a cell shut it down) and" };
      this.setStatus(`${why[cause]} ${what}`);
    }
  }

  async reset() {
    runtime.cancel(this.namespace);
    if (this.pending > 0 || this.replaying) {
      this.replaying = false;
      this.history = [];
      this.stopping = true;
      await runtime.stop(this.namespace).finally(() => { this.stopping = false; });
    }
    runtime.release(this.namespace);
    this.namespace = `${location.pathname}#${++visits}`;
    this.history = [];
    // A fresh namespace is not a fresh session: a cell may have changed what every
    // namespace shares (builtins.print, json.dumps, sys.stdout, a module's state).
    // Only a new interpreter is fresh in fact, so Reset starts one; the page's other
    // notebooks run their cells again, as after a Stop.
    const restarting = runtime.state === "ready";
    if (restarting) runtime.restart("reset");
    for (const cell of this.cells) {
      cell.generation += 1;
      cell.editor?.setCode(cell.original);
      cell.element.classList.remove("live-cell--edited");
      cell.outputArea.removeAttribute("aria-busy");
      restoreStaticOutput(cell.outputArea);
      this.cellState(cell, "", "");
    }
    this.busyText = "";
    this.showRuntime();
    if (restarting) await runtime.start();  // the new interpreter: ready, or failed (showRuntime says which)
    if (this.destroyed) return;
    this.showRuntime();
    if (runtime.state === "ready") this.setStatus("Reset: the original code and outputs are back, with a fresh Python session.");
  }

  retry() {
    this.retryButton.hidden = true;
    runtime.retry();
    this.showRuntime();
  }

  destroy() {
    this.destroyed = true;
    runtime.removeEventListener("progress", this.onRuntime);
    runtime.removeEventListener("state", this.onRuntime);
    runtime.removeEventListener("restart", this.onRestart);
    runtime.release(this.namespace);
    for (const cell of this.cells) cell.editor?.destroy();
  }
}

/**
 * Offer "Run in browser" on every executed notebook of a page.
 * @param {ParentNode} root
 * @returns {() => void} teardown: destroys them all
 */
export function mountLiveNotebooks(root = document) {
  const notebooks = [.../** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(".jupyter-wrapper"))]
    .filter((wrapper) => wrapper.querySelector(".jp-CodeCell > .jp-Cell-inputWrapper"))
    .map((wrapper) => new LiveNotebook(wrapper));
  return () => notebooks.forEach((notebook) => notebook.destroy());
}
