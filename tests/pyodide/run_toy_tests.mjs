// Run the toy tests inside the real Pyodide runtime, under Node.
//
//   node tests/pyodide/run_toy_tests.mjs
//
// Pyodide comes from the repository's node_modules (pinned in package.json,
// installed with `npm ci`). To try another copy, set PYODIDE_DIR to a folder
// holding pyodide.mjs, e.g. PYODIDE_DIR=/tmp/pyo/node_modules/pyodide.
//
// The script copies src/place_for_research/**/*.py and tests/toys/*.py into
// Pyodide's virtual file system, runs every test_* function of every
// tests/toys/test_*.py module (plain functions with bare asserts, no pytest),
// prints `ok name` or `FAIL name` with the traceback, times each toy's
// default run() and prints its readouts as `readouts <toy> <json>` (the
// pytest side compares them with CPython's), and ends with the line
// `N passed, M failed`. The exit code is non-zero if any test failed.
// Modules in CPYTHON_ONLY are skipped: test_toy_grids runs every toy's whole
// grid and uses pytest fixtures; one point per toy is compared here instead.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SITE = "/work"; // where the files live inside Pyodide's file system

function pythonFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "__pycache__") found.push(...pythonFiles(path));
    } else if (name.endsWith(".py")) {
      found.push(path);
    }
  }
  return found;
}

function copyIntoPyodide(pyodide, files) {
  for (const file of files) {
    const target = `${SITE}/${relative(ROOT, file).split("\\").join("/")}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, readFileSync(file));
  }
}

async function importPyodide() {
  const dir = process.env.PYODIDE_DIR;
  if (dir) return import(pathToFileURL(join(resolve(dir), "pyodide.mjs")).href);
  return import("pyodide"); // resolved from the repository's node_modules
}

// The Python side: discover, run, report. Returns [passed, failed].
const RUNNER = `
import importlib, json, sys, time, traceback
from pathlib import Path

sys.path[:0] = ["${SITE}/src", "${SITE}/tests/toys"]
CPYTHON_ONLY = {"test_toy_grids"}
passed = failed = 0
for path in sorted(Path("${SITE}/tests/toys").glob("test_*.py")):
    if path.stem in CPYTHON_ONLY:
        continue
    try:
        module = importlib.import_module(path.stem)
    except Exception:
        failed += 1
        print(f"FAIL {path.stem} (import)\\n{traceback.format_exc()}", flush=True)
        continue
    for name in list(vars(module)):  # definition order
        func = getattr(module, name)
        if not (name.startswith("test_") and callable(func)):
            continue
        start = time.perf_counter()
        try:
            func()
        except Exception:
            failed += 1
            print(f"FAIL {path.stem}::{name}\\n{traceback.format_exc()}", flush=True)
        else:
            passed += 1
            ms = (time.perf_counter() - start) * 1000
            print(f"ok {path.stem}::{name} ({ms:.0f} ms)", flush=True)

from place_for_research import toys
for name in toys.names():
    start = time.perf_counter()
    try:
        out = toys.load(name).run(seed=0)
        json.dumps(out["figures"])
        readouts = json.dumps(out.get("readouts", {}))
    except Exception:
        failed += 1
        print(f"FAIL {name}.run()\\n{traceback.format_exc()}", flush=True)
    else:
        passed += 1
        print(f"ok {name}.run() default: {(time.perf_counter() - start) * 1000:.0f} ms", flush=True)
        print(f"readouts {name} {readouts}", flush=True)
[passed, failed]
`;

async function main() {
  const { loadPyodide } = await importPyodide();
  const started = Date.now();
  const pyodide = await loadPyodide({ stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
  console.log(`# Pyodide ${pyodide.version} loaded in ${Date.now() - started} ms`);
  copyIntoPyodide(pyodide, [
    ...pythonFiles(join(ROOT, "src", "place_for_research")),
    ...pythonFiles(join(ROOT, "tests", "toys")),
  ]);
  const result = await pyodide.runPythonAsync(RUNNER);
  const [passed, failed] = result.toJs();
  result.destroy();
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
