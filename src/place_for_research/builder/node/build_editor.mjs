// Bundle the live cells' code editor (CodeMirror 6 + Python) into ES modules.
//
//   node src/place_for_research/builder/node/build_editor.mjs OUTDIR
//
// OUTDIR gets python-editor.js (the entry, which exports loadPythonEditor)
// and the chunks it imports in stages (see src/place_for_research/builder/node/editor/python_editor.mjs).
//
// Why a bundler here, and only here: CodeMirror 6 ships as a dozen npm
// packages that import each other by bare name ("@codemirror/state"), which a
// browser cannot resolve, and they must share one copy of @codemirror/state.
// Everything else on the site is plain ES modules served as written. The
// mkdocs hook (vendor.build_editor) runs this at build time from the pinned
// node_modules and caches the result by the lock file's hash, so `make serve`
// and `make test` need no extra step.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node src/place_for_research/builder/node/build_editor.mjs OUTDIR");
  process.exit(2);
}

await build({
  entryPoints: { "python-editor": fileURLToPath(new URL("./editor/python_editor.mjs", import.meta.url)) },
  outdir,
  bundle: true,
  splitting: true,  // the stages' dynamic imports become chunks sharing one @codemirror/state
  format: "esm",
  chunkNames: "chunk-[hash]",
  minify: true,
  target: "es2020",
  legalComments: "none",
  banner: {
    js: "/* Python code editor for the live notebook cells: CodeMirror 6 (MIT, Marijn Haverbeke and others, "
      + "https://codemirror.net), bundled by src/place_for_research/builder/node/build_editor.mjs. */",
  },
  logLevel: "warning",
});
