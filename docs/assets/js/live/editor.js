// The code editor of live cells: the CodeMirror 6 bundle the build makes
// (src/place_for_research/builder/node/build_editor.mjs -> assets/vendor/codemirror/python-editor.js),
// loaded once, on first use, in stages (no long main-thread task). Should it
// fail to load, cells fall back to a plain textarea that still indents with
// Tab and runs on Shift+Enter.

/** @typedef {import("../../../../src/place_for_research/builder/node/editor/python_editor.mjs").PythonEditor} PythonEditor */

const BUNDLE = new URL("../../vendor/codemirror/python-editor.js", import.meta.url).href;

/** A bundle that has not arrived by then is given up on (a stalled download). */
const DEADLINE_MS = 15_000;

/** @type {Promise<any> | null} */
let loading = null;
/** Why the editor is a plain text box ("" while the editor loads or if it did). */
export let editorProblem = "";

/**
 * Start loading the editor bundle (idempotent).
 * @param {number} [deadline] ms to wait for the bundle before falling back to a plain text box
 */
export function preloadEditor(deadline = DEADLINE_MS) {
  loading ??= (async () => {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`it did not arrive within ${Math.round(deadline / 1000)} s`)), deadline);
    });
    try {
      const module = await Promise.race([import(BUNDLE), late]);
      return await Promise.race([module.loadPythonEditor(), late]);
    } catch (error) {
      editorProblem = `The code editor could not be loaded (${error.message || error}); the cells are plain text boxes.`;
      console.warn(editorProblem);
      return null;
    } finally {
      clearTimeout(timer);
    }
  })();
  return loading;
}

/**
 * @param {object} options
 * @param {HTMLElement} options.parent
 * @param {string} options.code
 * @param {string} options.label
 * @param {() => void} options.onRun
 * @param {() => void} [options.onChange]
 * @returns {Promise<PythonEditor>}
 */
export async function createEditor(options) {
  const createPythonEditor = await preloadEditor();
  if (createPythonEditor) return createPythonEditor(options);
  return textareaEditor(options);
}

/**
 * @param {{parent: HTMLElement, code: string, label: string, onRun: () => void, onChange?: () => void}} options
 * @returns {PythonEditor}
 */
function textareaEditor({ parent, code, label, onRun, onChange }) {
  const area = document.createElement("textarea");
  area.className = "live-textarea";
  area.value = code;
  area.spellcheck = false;
  area.setAttribute("aria-label", label);
  area.setAttribute("autocapitalize", "off");
  const fit = () => { area.style.height = "auto"; area.style.height = `${area.scrollHeight + 2}px`; };
  area.addEventListener("input", () => { fit(); onChange?.(); });
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.shiftKey || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    } else if (event.key === "Tab" && !event.shiftKey && area.dataset.escaped !== "true") {
      event.preventDefault();
      area.setRangeText("    ", area.selectionStart, area.selectionEnd, "end");
      onChange?.();
    } else if (event.key === "Escape") {
      area.dataset.escaped = "true";  // the next Tab leaves the box
      return;
    }
    area.dataset.escaped = "false";
  });
  parent.append(area);
  requestAnimationFrame(fit);
  return {
    getCode: () => area.value,
    setCode: (text) => { area.value = text; fit(); },
    focus: () => area.focus(),
    destroy: () => area.remove(),
  };
}
