// Run toys at given grid points inside the real Pyodide runtime, under Node.
//
//   node tests/pyodide/grid_points.mjs '[["diffusion_sde", {"sampler": "sde", "steps": 20}], ...]'
//
// Prints one line per point, `result <json>` with run(seed=0, **point)'s
// figures and readouts, for tests/pyodide/test_grid_in_pyodide.py to compare
// with the data file the build served. Pyodide is started as in
// run_toy_tests.mjs (the repository's node_modules, or PYODIDE_DIR).

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SITE = "/work";

function pythonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "__pycache__" ? [] : pythonFiles(path);
    return name.endsWith(".py") ? [path] : [];
  });
}

async function importPyodide() {
  const dir = process.env.PYODIDE_DIR;
  if (dir) return import(pathToFileURL(join(resolve(dir), "pyodide.mjs")).href);
  return import("pyodide");
}

const RUNNER = `
import json, sys
sys.path.insert(0, "${SITE}/src")
from place_for_research import toys
for name, point in json.loads(POINTS):
    out = toys.load(name).run(seed=0, **point)
    print("result " + json.dumps({"toy": name, "point": point, "figures": out["figures"],
                                  "readouts": out.get("readouts", {})}), flush=True)
`;

async function main() {
  const { loadPyodide } = await importPyodide();
  const pyodide = await loadPyodide({ stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
  for (const file of pythonFiles(join(ROOT, "src", "place_for_research"))) {
    const target = `${SITE}/${relative(ROOT, file).split("\\").join("/")}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, readFileSync(file));
  }
  pyodide.globals.set("POINTS", process.argv[2] || "[]");
  await pyodide.runPythonAsync(RUNNER);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
