// The browser's Python: Pyodide in a module Web Worker, so the page never
// freezes while Python loads or runs. One worker serves the whole visit
// (see runtime.js); each page visit runs in a namespace of its own.
//
// The runtime talks to this worker over a private MessagePort, handed over
// in the first message ({type: "connect"}, the port transferred). Reader
// code runs in this worker and can post to the page (self.postMessage) or
// drop self.onmessage, but it cannot reach the port (a module-scope
// variable, not a global), so the page never mistakes its messages for the
// runtime's, and the runtime still hears the worker.
//
// Messages in (over the port):
//   {type: "run", id, namespace, cell, code, replay}
//                                              run one cell (replay: silently, to restore state)
//   {type: "ping", id}                         answered with pong once idle (the worker is alive)
//   {type: "drop", namespace}                  forget a page visit's variables
//   {type: "interrupt", buffer}                SharedArrayBuffer for KeyboardInterrupt
//                                              (only where crossOriginIsolated)
// Messages out (over the port):
//   {type: "progress", stage, fraction, detail, quiet, ceiling}
//                                              while loading (fraction in [0, 1] or null); quiet:
//                                              "download" (news comes with every chunk) or "busy"
//                                              (compiling or starting: silence for seconds is normal)
//   {type: "ready", version, python, stages} | {type: "failed", message}
//                                              stages: {stage: when it ended, ms since the epoch}
//   {type: "started", id}                      the cell is about to run
//   {type: "stream", id, name: "stdout"|"stderr", text}
//   {type: "figure", id, figure}               Plotly figure as JSON text
//   {type: "result", id, text}                 the cell's final value, printed
//   {type: "done", id, error, ms}              error: traceback text or null
//   {type: "pong", id}

const ASSETS = new URL("../../", import.meta.url);            // .../assets/
const PYODIDE = new URL("vendor/pyodide/", ASSETS).href;
const TOYS_ZIP = new URL("live/place_for_research.zip", ASSETS).href;
const SIZES = new URL("live/downloads.json", ASSETS).href;
const SITE_PACKAGES = "/home/pyodide/site";

/** @type {any} */ let pyodide = null;
/** @type {any} */ let runner = null;
/** @type {number | null} */ let currentId = null;
/** @type {Uint8Array | null} */ let interruptBuffer = null;
let silent = false;

// -- The private channel ------------------------------------------------------------
// Kept out of reach of reader code: the port lives in this module's scope, and
// the functions used on it are taken now, before any reader code could replace them.
const sendOn = MessagePort.prototype.postMessage;
/** @type {MessagePort | null} */ let port = null;
/** Messages written before the port arrived. @type {object[]} */
const outbox = [];

const post = (message) => {
  if (port) sendOn.call(port, message);
  else outbox.push(message);
};
/** ceiling: how far the page may move the bar on its own while a busy stage runs. */
const progress = (stage, fraction = null, detail = "", quiet = "download", ceiling = fraction) =>
  post({ type: "progress", stage, fraction, detail, quiet, ceiling });

self.onmessage = (event) => {
  if (port || event.data?.type !== "connect" || !event.ports[0]) return;
  port = event.ports[0];
  self.onmessage = null;  // the page says nothing else on the open channel
  port.onmessage = ({ data }) => receive(data);
  for (const message of outbox.splice(0)) sendOn.call(port, message);
};

// -- Output streaming -----------------------------------------------------------
// Python writes synchronously while the worker is busy, so no timer can fire:
// a chunk is posted at once unless one went out in the last 30 ms; then it is
// held until the next write (or the end of the cell). Few messages for a
// chatty loop, and the first line of a long computation shows immediately.
const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
const pending = { stdout: "", stderr: "" };
let lastPost = 0;

function flush(name) {
  if (pending[name] && currentId !== null && !silent) {
    post({ type: "stream", id: currentId, name, text: pending[name] });
  }
  pending[name] = "";
}

function writer(name) {
  return {
    write(bytes) {
      pending[name] += decoder[name].decode(bytes, { stream: true });
      const now = performance.now();
      if (now - lastPost > 30 || pending[name].length > 65536) {
        flush(name === "stdout" ? "stderr" : "stdout");  // keep the order of interleaved streams
        flush(name);
        lastPost = now;
      }
      return bytes.length;
    },
  };
}

// -- Hooks the toys (and the runner) call from Python through the `js` module ---
/** A Plotly figure from place_for_research.toys.display.show: JSON text or a dict proxy. */
self.postFigure = (figure) => {
  let json = figure;
  if (typeof figure !== "string") {
    const converted = figure.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
    json = JSON.stringify(converted);
    figure.destroy?.();
  }
  flush("stdout");
  flush("stderr");
  if (currentId !== null && !silent) post({ type: "figure", id: currentId, figure: json });
};

function postResult(text) {
  flush("stdout");
  flush("stderr");
  if (currentId !== null && !silent) post({ type: "result", id: currentId, text });
}

// -- Loading ----------------------------------------------------------------------
// Every byte counts toward one total, known before the first byte from the
// sizes the build wrote (assets/live/downloads.json): a request that stalls
// before its headers still shows in "2.1 of 11.3 MB". Fetched files are
// counted chunk by chunk on a clone of their response, so Pyodide still gets
// the original one; pyodide.asm.js, which is imported rather than fetched,
// counts when it has arrived. After the downloads come stages that compute in
// silence for seconds ("busy"): compiling the WebAssembly, then starting Python.
const WASM = PYODIDE + "pyodide.asm.wasm";
// Python's memory as it is once started, made at build time (src/place_for_research/builder/node/pyodide_snapshot.mjs):
// restoring it takes a fraction of the seconds Python takes to initialise itself.
const SNAPSHOT = PYODIDE + "python.snapshot.gz";
const RUNTIME_FILES = [PYODIDE + "pyodide.asm.js", WASM, PYODIDE + "python_stdlib.zip", PYODIDE + "pyodide-lock.json",
  SNAPSHOT, TOYS_ZIP];
const downloads = new Map(RUNTIME_FILES.map((url) => [url, { loaded: 0, total: 0 }]));  // absolute url -> bytes
fetch(SIZES).then((r) => (r.ok ? r.json() : {})).catch(() => ({})).then((sizes) => {
  for (const [path, bytes] of Object.entries(sizes)) {
    const url = new URL(path.replace(/^assets\//, ""), ASSETS).href;
    if (!downloads.has(url)) downloads.set(url, { loaded: 0, total: bytes });
    else downloads.get(url).total = bytes;
    if (imported.has(url)) downloads.get(url).loaded = bytes;
  }
  sizesKnown = true;
  reportDownload(true);
});
let sizesKnown = false;
/** Scripts that have arrived (imported, not fetched: they count whole once in). */
const imported = new Set();

// When each loading stage ended, in ms since the epoch (performance.timeOrigin
// + now: the page converts them to its own clock); sent with "ready", so the
// benchmark can show where a cold start spends its time.
const stages = {};
const mark = (stage) => { stages[stage] ??= performance.timeOrigin + performance.now(); };
mark("worker running");

/** @type {"download" | "compile" | "start"} */
let phase = "download";
/** Runtime files requested and not yet wholly arrived (a stalled one stays here). */
const inFlight = new Set();
/** The WebAssembly is instantiated while a download is still in flight: Python starts once it is in. */
let instantiated = false;
/** Responses requested at once when the worker starts, each handed to the first fetch of its URL. */
const early = new Map();
const realFetch = self.fetch.bind(self);
self.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), ASSETS).href;  // Pyodide passes URL objects
  const started = early.get(url);
  if (started) {
    early.delete(url);
    return started;
  }
  return countedFetch(url, input, init);
};

/** Fetch a file, counting a runtime file's bytes toward the total and reporting a failed one. */
async function countedFetch(url, input, init) {
  const isRuntimeFile = url.startsWith(PYODIDE);
  const counted = downloads.has(url) && !runner;
  if (counted) inFlight.add(url);
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    inFlight.delete(url);
    // Pyodide only logs a failed .wasm download and then waits forever: report it.
    if (isRuntimeFile) loadFailed(`${url.split("/").pop()} could not be downloaded (${error.message || error}).`);
    throw error;
  }
  if (!response.ok && isRuntimeFile) {
    loadFailed(`${url.split("/").pop()} could not be downloaded (${response.status} ${response.statusText}).`);
  }
  if (!(response.ok && response.body && counted)) inFlight.delete(url);
  if (response.ok && response.body && counted) {
    const entry = downloads.get(url);
    entry.loaded = 0;
    const reader = response.clone().body.getReader();
    (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          entry.loaded += value.byteLength;
          reportDownload();
        }
        entry.total = entry.loaded;  // (a compressed response: what came is all there is)
      } catch { /* the real consumer reports the failure */ }
      inFlight.delete(url);
      mark(`${url.split("/").pop()} downloaded`);
      if (instantiated && !inFlight.size) startingPython();
      else reportDownload(true);
    })();
  }
  return response;
}

/** Request url now; the first fetch of it (ours or Pyodide's) gets this response. */
function requestEarly(url) {
  const response = countedFetch(url, url);
  response.catch(() => {});  // reported by countedFetch; whoever takes it sees the error too
  early.set(url, response);
  return response;
}

// pyodide.asm.js is imported, not fetched: it counts once it has arrived.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const download = downloads.get(entry.name);
    if (download && entry.name.endsWith(".js") && !imported.has(entry.name)) {
      imported.add(entry.name);
      download.loaded = download.total;
      reportDownload(true);
    }
  }
}).observe({ type: "resource", buffered: true });

// The WebAssembly is compiled as it downloads, from the moment the worker
// starts (Pyodide would begin only once pyodide.asm.js has arrived and run):
// when Pyodide asks to instantiate it, the compiled module is used (Pyodide's
// own request for it is the same response, taken from `early`). Once it is
// instantiated, Python starts. Starting is a busy stage (long silence
// allowed), so it begins only when no download is in flight: a standard
// library that stalls after the wasm is in must fail as a stalled download
// does, after the page's stall limit, not after the busy one.
/** @type {Promise<WebAssembly.Module> | null} Python's wasm, until Pyodide takes it (any later call is someone else's) */
let compiled = null;
const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const ours = compiled;
  compiled = null;
  let result;
  try {
    result = ours
      ? { module: await ours, instance: await WebAssembly.instantiate(await ours, imports) }
      : await instantiateStreaming.call(WebAssembly, source, imports);
  } catch (error) {
    // (Pyodide would only log it and wait forever; a failed download was reported already.)
    loadFailed(`Python's WebAssembly could not be compiled (${describe(error)}).`);
    throw error;
  }
  if (phase !== "start" && !runner) {
    mark("wasm instantiated");
    instantiated = true;
    if (!inFlight.size) startingPython();
  }
  return result;
};

function startingPython() {
  if (phase === "start" || runner) return;
  phase = "start";
  progress("Starting Python", 0.85, "", "busy", 0.96);
}

let lastReport = 0;
/** While downloading: bytes so far of the total; once all is in, "Compiling" (or "Starting", if compiled). */
function reportDownload(force = false) {
  const now = performance.now();
  if (phase !== "download" || (!force && now - lastReport < 100)) return;
  lastReport = now;
  let loaded = 0, total = 0;
  for (const entry of downloads.values()) {
    loaded += entry.loaded;
    total += Math.max(entry.total, entry.loaded);
  }
  if (sizesKnown && total && loaded >= total) {
    if (instantiated) return startingPython();
    phase = "compile";
    progress("Compiling Python", 0.72, "", "busy", 0.84);
    return;
  }
  const megabytes = (n) => (n / 1e6).toFixed(1);
  if (!sizesKnown) total = 0;  // (until the sizes come, what has arrived is not a fraction of anything)
  progress("Downloading Python", total ? 0.02 + 0.7 * Math.min(loaded / total, 1) : null,
    `${megabytes(loaded)} of ${total ? megabytes(total) : "?"} MB`);
}

let failed = false;
/** Tell the page that Python cannot load (once). @param {string} message */
function loadFailed(message) {
  if (failed || runner) return;
  failed = true;
  post({ type: "failed", message });
}

// Once a failed download has been reported, the promises Pyodide still had
// waiting on it reject with nobody listening: the page already says why.
self.addEventListener("unhandledrejection", (event) => {
  if (failed) event.preventDefault();
});

async function fetchOk(url, what) {
  const response = await self.fetch(url);
  if (!response.ok) throw new Error(`${what} could not be downloaded (${response.status} ${response.statusText}).`);
  return response;
}

async function boot() {
  try {
    // Everything at once: the downloads, the wasm's compilation as it arrives,
    // and Pyodide's two scripts.
    for (const url of RUNTIME_FILES.slice(1)) requestEarly(url);
    compiled = WebAssembly.compileStreaming(early.get(WASM));
    compiled.then(() => mark("wasm compiled"), () => {});
    const snapshot = fetchOk(SNAPSHOT, "Python's snapshot").then(inflate);
    snapshot.then(() => mark("snapshot inflated"), () => {});
    const toys = fetchOk(TOYS_ZIP, "The toys package").then((response) => response.arrayBuffer());
    toys.catch(() => {});
    const scripts = [import(PYODIDE + "pyodide.mjs"), import(PYODIDE + "pyodide.asm.js")];
    scripts[1].then(() => mark("pyodide.asm.js evaluated"), () => {});
    let loadPyodide;
    try {
      [{ loadPyodide }] = await Promise.all(scripts);
    } catch (error) {
      throw new Error(`Pyodide's scripts could not be loaded (${error.message || error}).`);
    }
    pyodide = await loadPyodide({ indexURL: PYODIDE, checkAPIVersion: true, _loadSnapshot: snapshot });
    mark("Python started");
    pyodide.setStdout(writer("stdout"));
    pyodide.setStderr(writer("stderr"));
    pyodide.unpackArchive(await toys, "zip", { extractDir: SITE_PACKAGES });
    mark("toys unpacked");
    progress("Loading the toys", 0.97, "", "busy", 0.99);
    pyodide.FS.writeFile("/home/pyodide/cell_runner.py", RUNNER_SOURCE);
    // Restored from one snapshot, every visit would draw the same random numbers: reseed.
    const python = pyodide.runPython(`
import sys
sys.path[:] = [${JSON.stringify(SITE_PACKAGES)}, "/home/pyodide", *dict.fromkeys(sys.path)]
if "random" in sys.modules:
    sys.modules["random"].seed()
import cell_runner
"%d.%d.%d" % sys.version_info[:3]
`);
    runner = pyodide.pyimport("cell_runner");
    mark("ready");
    post({ type: "ready", version: pyodide.version, python, stages });
  } catch (error) {
    loadFailed(describe(error));
  }
}

/**
 * The snapshot's bytes, inflated as they arrive: gzipped as built, unless the
 * host already inflated it (one that sends .gz files with Content-Encoding: gzip).
 * @param {Response} response @returns {Promise<Uint8Array>}
 */
async function inflate(response) {
  const reader = response.body.getReader();
  const head = [];  // the first chunks, until the two bytes that say gzip have come
  let done = false;
  while (!done && head.reduce((sum, chunk) => sum + chunk.length, 0) < 2) {
    const next = await reader.read();
    done = next.done;
    if (!done) head.push(next.value);
  }
  const start = head.length ? new Uint8Array(await new Blob(head).arrayBuffer()) : new Uint8Array(0);
  const body = new ReadableStream({
    start(controller) { if (start.length) controller.enqueue(start); },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  const gzipped = start[0] === 0x1f && start[1] === 0x8b;
  const bytes = await new Response(gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body).arrayBuffer();
  return new Uint8Array(bytes);
}

function describe(error) {
  return String(error?.message || error);
}

// -- Running cells ------------------------------------------------------------------
function run({ id, namespace, cell, code, replay }) {
  post({ type: "started", id });
  const started = performance.now();
  currentId = id;
  silent = Boolean(replay);
  lastPost = 0;
  let error = null;
  try {
    error = runner.run_cell(code, namespace, cell, self.postFigure, postResult) ?? null;
  } catch (failure) {  // a fatal error of the runtime itself, not of the cell
    error = describe(failure);
  }
  for (const name of ["stdout", "stderr"]) {
    pending[name] += decoder[name].decode();
  }
  flush("stdout");
  flush("stderr");
  post({ type: "done", id, error, ms: performance.now() - started });
  currentId = null;
  silent = false;
}

async function receive(data) {
  if (data.type === "interrupt") {
    interruptBuffer = new Uint8Array(data.buffer);
    await booted;
    pyodide?.setInterruptBuffer(interruptBuffer);
    return;
  }
  await booted;
  if (!runner) return;  // failed to load: runtime.js has been told
  if (data.type === "run") run(data);
  else if (data.type === "ping") post({ type: "pong", id: data.id });
  else if (data.type === "drop") runner.drop(data.namespace);
}

// The Python side of running a cell. (Kept here rather than in a .py file
// under docs/: mkdocs-jupyter would turn any .py file there into a page.)
const RUNNER_SOURCE = String.raw`"""Run the code cells of a live notebook page, the way a Jupyter kernel would.

Runs in the browser's Python (Pyodide, in the Web Worker of
assets/js/live/worker.js); plain standard-library Python, so it also runs on
CPython. Each page visit gets its own namespace: cells of one page share it,
pages never see each other's variables.

A cell's last line, if it is an expression, is shown like Jupyter's
Out[n]: a Plotly figure dict is drawn, anything else is printed with
pprint (close to IPython's pretty printer). Errors come back as the
traceback text, without the frames of this module.
"""
import ast
import json
import linecache
import pprint
import sys
import traceback

_namespaces = {}


def namespace(key):
    """The globals of one page visit, created on first use."""
    scope = _namespaces.get(key)
    if scope is None:
        scope = {"__name__": "__main__", "__builtins__": __builtins__}
        _namespaces[key] = scope
    return scope


def drop(key):
    """Forget a page visit's namespace (the reader left the page or pressed Reset)."""
    _namespaces.pop(key, None)


def is_figure(value):
    """A Plotly figure as a plain dict: {"data": [...], "layout": {...}}."""
    return isinstance(value, dict) and isinstance(value.get("data"), list) and isinstance(value.get("layout", {}), dict)


def show_value(value, post_figure, post_result):
    """Jupyter's display of a cell's final value."""
    figure = getattr(value, "figure", None)  # a display object wrapping a figure dict
    if is_figure(value):
        post_figure(json.dumps(value))
    elif is_figure(figure):
        post_figure(json.dumps(figure))
    else:
        post_result(pprint.pformat(value, width=79, sort_dicts=False))


def format_error(error, skip_frames=1):
    """The traceback of error as text, starting at the cell's own frame."""
    tb = error.__traceback__
    for _ in range(skip_frames):
        if tb is not None:
            tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb))


def run_cell(source, key, cell_name, post_figure, post_result):
    """Run source in the namespace key; return None, or the error text.

    cell_name names the code in tracebacks (File "<cell 2>", line 3).
    """
    scope = namespace(key)
    filename = f"<{cell_name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        try:
            tree = ast.parse(source, filename, "exec")
        except (SyntaxError, ValueError) as error:  # ValueError: null bytes in the source
            return "".join(traceback.format_exception_only(type(error), error))
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr) and not source.rstrip().endswith(";"):
            last = ast.Expression(tree.body.pop().value)
        try:
            exec(compile(tree, filename, "exec"), scope)
            if last is not None:
                value = eval(compile(last, filename, "eval"), scope)
                if value is not None:
                    scope["_"] = value
                    show_value(value, post_figure, post_result)
        except BaseException as error:  # KeyboardInterrupt too: Stop on a cross-origin-isolated page
            return format_error(error)
        return None
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
`;

const booted = boot();
