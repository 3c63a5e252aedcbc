// Loading stage 1 of the code editor (see python_editor.mjs).
export { EditorView, keymap, drawSelection, highlightActiveLine, highlightSpecialChars, lineNumbers } from "@codemirror/view";
export { EditorState } from "@codemirror/state";
