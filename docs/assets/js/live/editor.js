// The code editor of live cells: the CodeMirror 6 bundle the build makes
// (scripts/build_editor.mjs -> assets/vendor/codemirror/python-editor.js),
// loaded once, on first use, in stages (no long main-thread task). Should it
// fail to load, cells fall back to a plain textarea that still indents with
// Tab and runs on Shift+Enter.

/** @typedef {import("../../../../scripts/editor/python_editor.mjs").PythonEditor} PythonEditor */

const BUNDLE = new URL("../../vendor/codemirror/python-editor.js", import.meta.url).href;

/** @type {Promise<any> | null} */
let loading = null;

/** Start loading the editor bundle (idempotent). */
export function preloadEditor() {
  loading ??= import(BUNDLE).then((module) => module.loadPythonEditor()).catch((error) => {
    console.warn("The code editor could not be loaded; using a plain text box.", error);
    return null;
  });
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

/** @returns {PythonEditor} */
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
