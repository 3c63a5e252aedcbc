// Loading stage 3 of the code editor (see python_editor.mjs).
export { python } from "@codemirror/lang-python";
