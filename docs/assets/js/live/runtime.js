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
 * @property {boolean} [fatal]  the cell shut the runtime down (status "error"): Python was restarted
 * @property {number} [ms]     time the cell took in the worker
 * @typedef {object} Job a queued or running cell
 * @property {number} id
 * @property {RunRequest} request
 * @property {(o: RunOutcome) => void} resolve
 * @property {boolean} [interrupted]  Stop sent it a KeyboardInterrupt
 * @property {boolean} [orphan]  its page is gone: any notebook's Stop may end it
 * @property {"started" | "pong" | null} [awaiting]  the worker's reply it waits for
 * @property {{error?: string, ms?: number}} [outcome]  the worker's "done" message
 * @property {number} [ms]
 */

const WORKER_URL = new URL("./worker.js", import.meta.url);
// How long Stop waits for a KeyboardInterrupt to end the cell before it replaces
// the worker: Python picks the signal up within milliseconds unless it is stuck
// in C code, but a worker starved of CPU (a busy machine, a slow phone) can take
// far longer to get that far, and replacing it then loses the reader's variables;
// once it has (Pyodide clears the buffer), the traceback may take a while longer.
// Normally it takes 20 to 60 ms, on a loaded machine too; a loaded CI run once
// went past 1.5 s, so the wait is 3 s: a cell stuck in C code restarts a little later.
const STOP_GRACE_MS = 3000;
const TRACEBACK_GRACE_MS = 2500;
// A worker that does not answer within this time is dead (reader code closed
// it, or took its message handler): an idle worker answers in a millisecond.
const REPLY_DEADLINE_MS = 5000;
// Loading: a download that brings no byte for this long has stalled; a stage
// that computes (compiling, starting Python) may take this long in silence.
const STALL_MS = 30_000;
const BUSY_MS = 180_000;

/**
 * The worker, started from a blob: URL so that it inherits the page's
 * Content-Security-Policy (a worker loaded from its own URL would get the
 * policy of its HTTP response: none on static hosting). The blob only imports
 * worker.js.
 * @returns {Worker}
 */
function startWorker() {
  const source = `import ${JSON.stringify(WORKER_URL.href)};\n`;
  const blob = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const worker = new Worker(blob, { type: "module", name: "python" });
  setTimeout(() => URL.revokeObjectURL(blob), 60_000);
  return worker;
}

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
    /** @type {Job[]} */
    this.queue = [];
    /** @type {Job | null} */
    this.current = null;
    this.nextId = 1;
    /** @type {Promise<void> | null} */
    this.readyPromise = null;
    /** @type {Uint8Array | null} */
    this.interrupt = null;
    /** @type {Array<() => void>} */
    this.readyWaiters = [];
    /** @type {MessagePort | null} the private channel to the worker */
    this.port = null;
    /** Loading fails after this long without a byte downloaded (settable, e.g. by tests). */
    this.stallMs = STALL_MS;
    /** A worker that does not answer within this long is replaced. */
    this.replyDeadlineMs = REPLY_DEADLINE_MS;
    this.newsTimer = 0;
    this.creepTimer = 0;
    /** When the current worker was started (ms since the epoch). */
    this.startedAt = 0;
    /** @type {Record<string, number>} when each loading stage ended, ms after start() (for the benchmark) */
    this.stages = {};
  }

  /** Start the worker if none is running (idempotent); resolves when Python is ready. */
  start() {
    if (this.state === "loading" || this.state === "ready") return this.readyPromise;
    this.generation += 1;
    this.startedAt = performance.timeOrigin + performance.now();
    this.state = "loading";
    this.failure = "";
    this.setProgress("Starting the Python runtime", 0);
    const worker = startWorker();
    this.worker = worker;
    // The runtime's own messages come over a private channel: reader code in
    // the worker can post to the page (self.postMessage), but cannot reach the
    // port, so nothing it posts is taken for the runtime's word.
    const channel = new MessageChannel();
    this.port = channel.port1;
    worker.postMessage({ type: "connect" }, [channel.port2]);
    if (globalThis.crossOriginIsolated && typeof SharedArrayBuffer === "function") {
      this.interrupt = new Uint8Array(new SharedArrayBuffer(1));
      this.port.postMessage({ type: "interrupt", buffer: this.interrupt.buffer });
    } else {
      this.interrupt = null;
    }
    this.readyPromise = new Promise((resolve) => { this.readyWaiters.push(resolve); });
    const port = this.port;
    port.onmessage = ({ data }) => { if (port === this.port) this.receive(data); };
    worker.onerror = (event) => {
      if (worker !== this.worker) return;
      event.preventDefault();
      this.fail(`The Python worker could not start (${event.message || "its script failed to load"}).`);
    };
    this.expectNews(this.stallMs, "the Python runtime did not start");
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
    if (this.state === "ready") this.send({ type: "drop", namespace });
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

  /**
   * Replace the worker with a fresh one (after Stop, a Reset, or when the worker died).
   * @param {"stop" | "reset" | "died"} [cause] told to every notebook with the "restart" event
   */
  restart(cause = "stop") {
    const running = this.current;
    this.current = null;
    this.clearTimers();
    this.worker?.terminate();
    this.worker = null;
    this.port = null;
    this.state = "idle";
    if (running) running.resolve({ status: "stopped" });
    this.start();  // first: what the notebooks queue on "restart" belongs to the new worker
    this.dispatchEvent(new CustomEvent("restart", { detail: { cause } }));
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
    this.clearTimers();
    this.worker?.terminate();
    this.worker = null;
    this.port = null;
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

  clearTimers() {
    clearTimeout(this.newsTimer);
    clearInterval(this.creepTimer);
    clearTimeout(this.replyTimer);
  }

  /**
   * While loading: fail unless the worker reports within `ms`.
   * @param {number} ms @param {string} what what did not happen, for the message
   */
  expectNews(ms, what) {
    clearTimeout(this.newsTimer);
    this.newsTimer = setTimeout(() => {
      if (this.state !== "loading") return;
      const detail = this.progress.detail ? ` (${this.progress.detail})` : "";
      this.fail(`Loading stopped: ${what}${detail} and nothing came for ${Math.round(ms / 1000)} s. Check the connection and press Retry.`);
    }, ms);
  }

  /**
   * Compiling and starting Python take seconds with no news from the worker:
   * the bar keeps moving toward `ceiling` (never reaching it) and counts the seconds.
   * @param {number} ceiling
   */
  creep(ceiling) {
    clearInterval(this.creepTimer);
    const { stage, fraction } = this.progress;
    const began = performance.now();
    let value = fraction ?? 0;
    this.creepTimer = setInterval(() => {
      if (this.state !== "loading" || this.progress.stage !== stage) { clearInterval(this.creepTimer); return; }
      value += (ceiling - value) * 0.06;
      const elapsed = Math.round((performance.now() - began) / 1000);
      this.progress = { stage, fraction: value, detail: `${elapsed} s` };
      this.dispatchEvent(new Event("progress"));
    }, 500);
  }

  /** Post to the worker over the private channel. */
  send(message, transfer = []) {
    this.port?.postMessage(message, transfer);
  }

  /**
   * Expect the worker's reply to the current job within the deadline, or
   * treat the worker as dead. @param {"started" | "pong"} reply
   */
  awaitReply(reply) {
    const job = this.current;
    clearTimeout(this.replyTimer);
    this.replyTimer = setTimeout(() => {
      if (this.current === job && job.awaiting === reply) this.died(job);
    }, this.replyDeadlineMs);
    job.awaiting = reply;
  }

  /**
   * The worker stopped answering. If it never started `job`, the job runs
   * again on a fresh worker; if it finished the job and then went silent, the
   * job's code killed it: that job fails (and is not replayed), the rest of
   * the session is restored by the notebooks.
   */
  died(job) {
    this.current = null;
    if (job.awaiting === "started") {
      this.queue.unshift(job);
    } else {
      job.resolve({
        status: "error", fatal: true, ms: job.ms,
        error: "This cell shut down the Python runtime (its worker stopped answering). "
          + "Python was restarted; this cell will not be run again when the page's state is restored.",
      });
    }
    this.restart("died");
  }

  pump() {
    if (this.state !== "ready" || this.current || !this.queue.length) return;
    this.current = this.queue.shift();
    const { id, request } = this.current;
    // Cleared here, not in the worker: a Stop pressed before the worker picks
    // the cell up must still interrupt it.
    if (this.interrupt) this.interrupt[0] = 0;
    this.send({
      type: "run", id, namespace: request.namespace, cell: request.cell, code: request.code, replay: Boolean(request.replay),
    });
    this.awaitReply("started");
  }

  receive(message) {
    const job = this.current && this.current.id === message.id ? this.current : null;
    switch (message.type) {
      case "progress":
        this.setProgress(message.stage, message.fraction, message.detail);
        this.expectNews(message.quiet === "busy" ? BUSY_MS : this.stallMs,
          message.quiet === "busy" ? `${message.stage.toLowerCase()} did not finish` : "the download stalled");
        if (message.quiet === "busy") this.creep(message.ceiling ?? 0.98);
        break;
      case "ready":
        this.clearTimers();
        this.state = "ready";
        this.version = message.version;
        this.python = message.python;
        this.stages = Object.fromEntries(Object.entries(message.stages ?? {})
          .map(([stage, at]) => [stage, Math.round(at - this.startedAt)]));
        this.setProgress("Python is ready", 1);
        this.dispatchEvent(new Event("state"));
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        this.pump();
        break;
      case "failed":
        this.fail(message.message);
        break;
      case "started":
        if (job?.awaiting === "started") {
          clearTimeout(this.replyTimer);
          job.awaiting = null;
          job.request.onStart?.();
        }
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
        // Resolved once the worker shows it is still alive (a cell can close it).
        if (job) {
          job.outcome = message;
          job.ms = message.ms;
          this.awaitReply("pong");
          this.send({ type: "ping", id: job.id });
        }
        break;
      case "pong":
        if (job?.awaiting === "pong") {
          clearTimeout(this.replyTimer);
          this.current = null;
          const { error, ms } = job.outcome;
          if (job.interrupted) job.resolve({ status: "stopped", error, ms, interrupted: true });
          else job.resolve(error ? { status: "error", error, ms } : { status: "ok", ms });
          this.pump();
        }
        break;
    }
  }
}

/** The visit's one Python runtime. */
export const runtime = new Runtime();
