// The code editor of the live notebook cells: CodeMirror 6 with Python
// highlighting in Material's code colours (so it follows light and dark).
//
// The stage_*.mjs files have bare imports ("@codemirror/view", ...), which a
// browser cannot resolve, so they are not served as they are:
// src/place_for_research/builder/node/build_editor.mjs bundles them with esbuild into
// assets/vendor/codemirror/ at site build time, and
// docs/assets/js/live/editor.js imports python-editor.js from there.
//
// The editor loads in three stages, each its own module chunk evaluated in
// its own task: evaluating all of CodeMirror at once blocks the page for
// 50-80 ms on a slow machine; three steps of ~20 ms each do not.

/** @type {Promise<typeof createPythonEditor> | null} */
let loading = null;
let cm = null;

/** Load CodeMirror in stages; resolves to createPythonEditor. */
export function loadPythonEditor() {
  loading ??= (async () => {
    const view = await import("./stage_view.mjs");
    await nextTask();
    const language = await import("./stage_language.mjs");
    await nextTask();
    const { python } = await import("./stage_python.mjs");
    await nextTask();
    cm = { ...view, ...language, python };
    cm.highlight = materialHighlight(cm);
    cm.theme = materialTheme(cm);
    await nextTask();
    // A throw-away editor, out of sight, mounts CodeMirror's style sheets in
    // a task of its own, so the first real editor costs no more than the next.
    const scratch = document.createElement("div");
    scratch.style.display = "none";
    document.body.append(scratch);
    createPythonEditor({ parent: scratch, code: "x = 1", label: "", onRun() {} }).destroy();
    scratch.remove();
    await nextTask();
    return createPythonEditor;
  })();
  return loading;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// Material for MkDocs' code colours, as CSS variables: the editor changes with the palette.
function materialHighlight({ HighlightStyle, tags: t }) {
  return HighlightStyle.define([
    { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: "var(--md-code-hl-keyword-color)" },
    { tag: [t.string, t.special(t.string), t.docString], color: "var(--md-code-hl-string-color)" },
    { tag: [t.number, t.integer, t.float], color: "var(--md-code-hl-number-color)" },
    { tag: [t.bool, t.null, t.self, t.standard(t.variableName)], color: "var(--md-code-hl-constant-color)" },
    { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName)), t.className, t.definition(t.className)], color: "var(--md-code-hl-function-color)" },
    { tag: [t.comment, t.lineComment], color: "var(--md-code-hl-comment-color)", fontStyle: "italic" },
    { tag: [t.operator, t.punctuation, t.paren, t.bracket, t.squareBracket, t.brace, t.separator], color: "var(--md-code-hl-punctuation-color)" },
    { tag: [t.meta, t.annotation], color: "var(--md-code-hl-special-color)" },
    { tag: t.invalid, color: "var(--md-code-hl-special-color)", textDecoration: "underline wavy" },
  ]);
}

function materialTheme({ EditorView }) {
  return EditorView.theme({
    "&": {
      color: "var(--md-code-fg-color)",
      backgroundColor: "var(--md-code-bg-color)",
      fontSize: "0.8rem",
    },
    ".cm-scroller": { fontFamily: "var(--md-code-font-family)", lineHeight: "1.5" },
    ".cm-content": { padding: "0.7em 0", caretColor: "var(--md-default-fg-color)" },
    ".cm-line": { padding: "0 1em 0 0.6em" },
    "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)", outlineOffset: "-2px" },
    "&.cm-focused .cm-cursor": { borderLeftColor: "var(--md-default-fg-color)" },
    ".cm-gutters": {
      backgroundColor: "transparent",
      color: "var(--md-default-fg-color--lighter)",
      border: "none",
    },
    ".cm-lineNumbers .cm-gutterElement": { padding: "0 0.2em 0 0.8em", minWidth: "1.6em" },
    ".cm-activeLine": { backgroundColor: "var(--md-default-fg-color--lightest)" },
    "&:not(.cm-focused) .cm-activeLine": { backgroundColor: "transparent" },
    ".cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection": {
      backgroundColor: "var(--md-accent-fg-color--transparent)",
    },
    ".cm-matchingBracket": { backgroundColor: "var(--md-accent-fg-color--transparent)", outline: "1px solid var(--md-default-fg-color--lighter)" },
  });
}

/**
 * @typedef {object} PythonEditor
 * @property {() => string} getCode
 * @property {(code: string) => void} setCode replace the whole text
 * @property {() => void} focus
 * @property {() => void} destroy
 */

/**
 * Create a Python editor in `parent` (after loadPythonEditor() has resolved).
 * @param {object} options
 * @param {HTMLElement} options.parent
 * @param {string} options.code initial text
 * @param {string} options.label accessible name of the editor
 * @param {() => void} options.onRun called on Shift+Enter (or Ctrl/Cmd+Enter)
 * @param {() => void} [options.onChange] called when the text changes
 * @returns {PythonEditor}
 */
export function createPythonEditor({ parent, code, label, onRun, onChange }) {
  if (!cm) throw new Error("call loadPythonEditor() first");
  const {
    EditorView, EditorState, keymap, drawSelection, highlightActiveLine, highlightSpecialChars, lineNumbers,
    bracketMatching, indentOnInput, indentUnit, syntaxHighlighting, defaultKeymap, history, historyKeymap,
    indentWithTab, closeBrackets, closeBracketsKeymap, python,
  } = cm;
  const run = () => { onRun(); return true; };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        lineNumbers(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        indentUnit.of("    "),
        bracketMatching(),
        closeBrackets(),
        python(),
        syntaxHighlighting(cm.highlight),
        cm.theme,
        keymap.of([
          { key: "Shift-Enter", run, preventDefault: true },
          { key: "Mod-Enter", run, preventDefault: true },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          indentWithTab,  // Tab indents; Escape then Tab moves focus on (CodeMirror's tab-focus escape)
        ]),
        EditorView.contentAttributes.of({ "aria-label": label, spellcheck: "false", autocapitalize: "off", autocorrect: "off" }),
        EditorView.updateListener.of((update) => { if (update.docChanged && onChange) onChange(); }),
      ],
    }),
  });
  return {
    getCode: () => view.state.doc.toString(),
    setCode: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
