// One Python runtime for the whole visit.
//
// This module is evaluated once per visit (Material's instant navigation
// swaps page content but never re-runs site.js and its imports), so the
// worker it holds survives navigation: the second demo page starts warm.
// Cells run one at a time, in the order they were asked for.

/**
 * @typedef {"idle" | "loading" | "ready" | "failed"} RuntimeState
 * @typedef {{stage: string, fraction: number | null, detail: string}} Progress
 * @typedef {object} RunRequest
 * @property {string} namespace  page visit whose variables the code sees
 * @property {string} cell       name used in tracebacks, e.g. "cell 2"
 * @property {string} code
 * @property {boolean} [replay]  run silently (restoring state after Stop)
 * @property {(name: "stdout" | "stderr", text: string) => void} [onStream]
 * @property {(figureJson: string) => void} [onFigure]
 * @property {(text: string) => void} [onResult]
 * @property {() => void} [onStart]  the worker started this cell
 * @typedef {object} RunOutcome
 * @property {"ok" | "error" | "stopped" | "cancelled" | "unavailable"} status
 * @property {string} [error]  traceback text (status "error", or "stopped" by a KeyboardInterrupt)
 *   or why Python is unavailable
 * @property {boolean} [interrupted]  stopped by a KeyboardInterrupt: the session (and its variables) lives on
 * @property {number} [ms]     time the cell took in the worker
 */

const WORKER_URL = new URL("./worker.js", import.meta.url);
// How long Stop waits for a KeyboardInterrupt to end the cell before it replaces
// the worker: Python picks the signal up within milliseconds unless it is stuck
// in C code; once it has (Pyodide clears the buffer), the traceback may take a
// while longer to format on a busy machine.
const STOP_GRACE_MS = 500;
const TRACEBACK_GRACE_MS = 2500;

class Runtime extends EventTarget {
  constructor() {
    super();
    /** @type {RuntimeState} */
    this.state = "idle";
    /** @type {Progress} */
    this.progress = { stage: "", fraction: 0, detail: "" };
    this.failure = "";
    this.version = "";  // Pyodide's
    this.python = "";   // Python's
    /** @type {Worker | null} */
    this.worker = null;
    /** Number of workers started this visit (a restart after Stop counts). */
    this.generation = 0;
    /** @type {Array<{id: number, request: RunRequest, resolve: (o: RunOutcome) => void}>} */
    this.queue = [];
    /** @type {{id: number, request: RunRequest, resolve: (o: RunOutcome) => void, interrupted?: boolean} | null} */
    this.current = null;
    this.nextId = 1;
    /** @type {Promise<void> | null} */
    this.readyPromise = null;
    /** @type {Uint8Array | null} */
    this.interrupt = null;
    /** @type {Array<() => void>} */
    this.readyWaiters = [];
  }

  /** Start the worker if none is running (idempotent); resolves when Python is ready. */
  start() {
    if (this.state === "loading" || this.state === "ready") return this.readyPromise;
    this.generation += 1;
    this.state = "loading";
    this.failure = "";
    this.setProgress("Starting the Python runtime", 0);
    const worker = new Worker(WORKER_URL, { type: "module", name: "python" });
    this.worker = worker;
    if (globalThis.crossOriginIsolated && typeof SharedArrayBuffer === "function") {
      this.interrupt = new Uint8Array(new SharedArrayBuffer(1));
      worker.postMessage({ type: "interrupt", buffer: this.interrupt.buffer });
    } else {
      this.interrupt = null;
    }
    this.readyPromise = new Promise((resolve) => { this.readyWaiters.push(resolve); });
    worker.onmessage = ({ data }) => { if (worker === this.worker) this.receive(data); };
    worker.onerror = (event) => {
      if (worker !== this.worker) return;
      event.preventDefault();
      this.fail(`The Python worker could not start (${event.message || "its script failed to load"}).`);
    };
    return this.readyPromise;
  }

  /** Begin loading without waiting (the reader hovered or focused "Run in browser"). */
  warm() {
    if (this.state === "idle") this.start();
  }

  /**
   * Queue a cell; resolves when it has run (or was stopped, cancelled, or
   * Python is unavailable: after a failed load only retry() tries again).
   * @param {RunRequest} request
   * @returns {Promise<RunOutcome>}
   */
  run(request) {
    if (this.state === "failed") return Promise.resolve({ status: "unavailable", error: this.failure });
    return new Promise((resolve) => {
      const job = { id: this.nextId++, request, resolve };
      // A replay restores the state its namespace's queued cells expect: it goes ahead of them.
      const before = request.replay
        ? this.queue.findIndex((other) => other.request.namespace === request.namespace && !other.request.replay)
        : -1;
      if (before < 0) this.queue.push(job);
      else this.queue.splice(before, 0, job);
      if (this.state === "idle") this.start();
      this.pump();
    });
  }

  /** Forget a page visit's variables and drop its queued cells. */
  release(namespace) {
    this.cancel(namespace);
    // A cell still running for a page that is gone: any notebook's Stop may end it.
    if (this.current?.request.namespace === namespace) this.current.orphan = true;
    if (this.state === "ready") this.worker.postMessage({ type: "drop", namespace });
  }

  /** Drop queued (not yet started) cells of one namespace, or all. */
  cancel(namespace = null) {
    const keep = [];
    for (const job of this.queue) {
      if (namespace === null || job.request.namespace === namespace) job.resolve({ status: "cancelled" });
      else keep.push(job);
    }
    this.queue = keep;
  }

  /**
   * Stop whatever runs (for one namespace, or all): queued cells are
   * cancelled; the running cell gets a KeyboardInterrupt where possible,
   * otherwise (or if it ignores it) the worker is terminated and a fresh one
   * starts loading at once. With a namespace, another namespace's running
   * cell is left alone (unless its page is gone), and so are its queued cells.
   * @param {string | null} [namespace]
   * @returns {Promise<{restarted: boolean, interrupted: boolean}>} restarted: all
   *   namespaces were lost (a "restart" event tells every notebook); interrupted:
   *   a KeyboardInterrupt ended the cell
   */
  async stop(namespace = null) {
    this.cancel(namespace);
    const running = this.current;
    const ours = running && (namespace === null || running.request.namespace === namespace || running.orphan);
    if (!ours) return { restarted: false, interrupted: false };
    if (this.interrupt && this.state === "ready") {
      running.interrupted = true;
      this.interrupt[0] = 2;  // SIGINT: Python raises KeyboardInterrupt at the next bytecode
      let finished = await this.settled(running, STOP_GRACE_MS);
      if (!finished && this.interrupt[0] === 0) finished = await this.settled(running, TRACEBACK_GRACE_MS);
      if (finished) return { restarted: false, interrupted: true };
    }
    this.restart();
    return { restarted: true, interrupted: false };
  }

  /** Resolves true once `job` is no longer the running one, false after `ms`. */
  settled(job, ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      const check = () => { if (this.current !== job) { clearTimeout(timer); resolve(true); } else setTimeout(check, 20); };
      check();
    });
  }

  /** Replace the worker with a fresh one (after Stop, or Retry after a failure). */
  restart() {
    const running = this.current;
    this.current = null;
    this.worker?.terminate();
    this.worker = null;
    this.state = "idle";
    if (running) running.resolve({ status: "stopped" });
    this.dispatchEvent(new Event("restart"));
    this.start();
    this.pump();
  }

  /** Retry after a failed load. */
  retry() {
    if (this.state === "failed") {
      this.state = "idle";
      this.start();
      this.pump();
    }
  }

  // -- internals ---------------------------------------------------------------------
  setProgress(stage, fraction, detail = "") {
    this.progress = { stage, fraction, detail };
    this.dispatchEvent(new Event("progress"));
  }

  fail(message) {
    this.worker?.terminate();
    this.worker = null;
    this.state = "failed";
    this.failure = message;
    const waiters = this.readyWaiters.splice(0);
    const jobs = this.queue.splice(0);
    if (this.current) jobs.unshift(this.current);
    this.current = null;
    for (const job of jobs) job.resolve({ status: "unavailable", error: message });
    this.dispatchEvent(new Event("state"));
    waiters.forEach((resolve) => resolve());
  }

  pump() {
    if (this.state !== "ready" || this.current || !this.queue.length) return;
    this.current = this.queue.shift();
    const { id, request } = this.current;
    // Cleared here, not in the worker: a Stop pressed before the worker picks
    // the cell up must still interrupt it.
    if (this.interrupt) this.interrupt[0] = 0;
    this.worker.postMessage({
      type: "run", id, namespace: request.namespace, cell: request.cell, code: request.code, replay: Boolean(request.replay),
    });
    request.onStart?.();
  }

  receive(message) {
    const job = this.current && this.current.id === message.id ? this.current : null;
    switch (message.type) {
      case "progress":
        this.setProgress(message.stage, message.fraction, message.detail);
        break;
      case "ready":
        this.state = "ready";
        this.version = message.version;
        this.python = message.python;
        this.loadMs = message.ms;
        this.setProgress("Python is ready", 1);
        this.dispatchEvent(new Event("state"));
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        this.pump();
        break;
      case "failed":
        this.fail(message.message);
        break;
      case "stream":
        job?.request.onStream?.(message.name, message.text);
        break;
      case "figure":
        job?.request.onFigure?.(message.figure);
        break;
      case "result":
        job?.request.onResult?.(message.text);
        break;
      case "done":
        if (job) {
          this.current = null;
          if (job.interrupted) job.resolve({ status: "stopped", error: message.error, ms: message.ms, interrupted: true });
          else job.resolve(message.error ? { status: "error", error: message.error, ms: message.ms } : { status: "ok", ms: message.ms });
        }
        this.pump();
        break;
    }
  }
}

/** The visit's one Python runtime. */
export const runtime = new Runtime();
