// A memory snapshot of a freshly started Pyodide, for the browser to restore
// instead of starting Python: most of a cold start is Python initialising
// itself (seconds of WebAssembly running for the first time), and restoring
// the memory it ends with takes a fraction of that.
//
//   node src/place_for_research/builder/node/pyodide_snapshot.mjs PYODIDE_DIR OUTFILE
//
// PYODIDE_DIR is the pinned npm package (node_modules/pyodide): the snapshot
// only fits the very build it was made with, so the mkdocs hook
// (vendor.build_python_snapshot) makes it from the same files it copies into
// the site, and caches it under the lock file's hash. OUTFILE is gzipped (the
// browser's worker inflates it): 21 MB of memory, mostly zeros, send as ~5 MB.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

const [folder, outfile] = process.argv.slice(2);
if (!folder || !outfile) {
  console.error("usage: node src/place_for_research/builder/node/pyodide_snapshot.mjs PYODIDE_DIR OUTFILE");
  process.exit(2);
}
const indexURL = resolve(folder) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
// (The program's name as in a browser, not this script's path on the build machine.)
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, _sysExecutable: "./this.program" });
// The modules the worker imports before the first cell (its cell runner's, and the
// zip filenames' codec for unpacking the toys; docs/assets/js/live/worker.js):
// imported here, they are in the snapshot's memory and cost nothing in the browser.
pyodide.runPython("import ast, json, linecache, pprint, traceback, encodings.cp437");
writeFileSync(outfile, gzipSync(pyodide.makeMemorySnapshot(), { level: 9 }));
