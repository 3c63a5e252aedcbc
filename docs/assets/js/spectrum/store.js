// The placement store: one per page, shared by every spectrum view on it,
// kept in localStorage so the map survives reloads and instant navigation.
//
// Record: {version: 1, placements: {<paper id>: {x, y}}}, coordinates
// rounded to 3 decimals. Every change can be undone and redone. A shared map
// (from a link) can be previewed without touching the reader's own.
// Pure: the storage is injected, so node:test can run it with a fake.

import { clamp, makePlacements, round3, samePlacements } from "./model.js";
import { validateRecord } from "./validate.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/** @typedef {{getItem(key: string): string | null, setItem(key: string, value: string): void, removeItem(key: string): void}} Storage */
/**
 * @typedef {{kind: "place" | "move" | "remove" | "replace" | "undo" | "redo" | "preview" | "load",
 *            ids: string[], origin?: unknown, message?: string}} Change
 */

export const RECORD_VERSION = 1;
const EMPTY = makePlacements([]);

/** @param {string} siteRoot the site's base path, so two sites on one origin keep two maps */
export function storageKey(siteRoot) {
  return `research-spectrum:${siteRoot}`;
}

/**
 * @param {{model: Model, storage: Storage | null, key: string, limit?: number}} options
 */
export function createStore({ model, storage, key, limit = 200 }) {
  /** @type {Placements} */
  let placements = EMPTY;
  /** @type {Placements | null} */
  let preview = null;
  /** @type {Placements[]} */
  let undoStack = [];
  /** @type {Placements[]} */
  let redoStack = [];
  /** @type {Set<(change: Change) => void>} */
  const listeners = new Set();
  /** @type {string | null} */
  let loadMessage = null;
  /** @type {string | null} */
  let saveError = null;

  const { x: xAxis, y: yAxis } = model.taxonomy;

  /** @param {Change} change */
  function emit(change) {
    for (const listener of [...listeners]) listener(change);
  }

  function save() {
    if (!storage) return;
    try {
      storage.setItem(key, JSON.stringify({ version: RECORD_VERSION, placements }));
      saveError = null;
    } catch {
      saveError = "Your map could not be saved in this browser (storage is full or blocked); export it to keep it.";
    }
  }

  /**
   * Read the stored record. A corrupt record is removed and reported, never thrown.
   * @returns {string | null} a message for the reader, if any
   */
  function load() {
    loadMessage = null;
    placements = EMPTY;
    if (!storage) return null;
    let text = null;
    try {
      text = storage.getItem(key);
    } catch {
      loadMessage = "This browser blocks saving, so your map will last only while this page is open.";
      return loadMessage;
    }
    if (text === null) return null;
    let value;
    let result;
    try {
      value = JSON.parse(text);
      result = validateRecord(value, model);
    } catch (error) {
      result = { ok: false, error: `it is not valid JSON (${/** @type {Error} */ (error).message})` };
    }
    if (!result.ok) {
      try {
        storage.removeItem(key);
      } catch { /* nothing more to do */ }
      loadMessage = `Your saved map could not be read (${result.error}), so it was reset.`;
      return loadMessage;
    }
    placements = result.placements;
    if (result.dropped?.length) {
      loadMessage = `${result.dropped.length} saved placement(s) of papers this site no longer lists were dropped.`;
      save();
    }
    return loadMessage;
  }

  /**
   * Make a change: remember the old map for undo, save, tell the views.
   * @param {Placements} next
   * @param {Change} change
   */
  function commit(next, change) {
    if (samePlacements(next, placements)) return false;
    undoStack.push(placements);
    if (undoStack.length > limit) undoStack = undoStack.slice(-limit);
    redoStack = [];
    placements = next;
    save();
    emit(change);
    return true;
  }

  /** @param {number} x @param {number} y */
  function spot(x, y) {
    return { x: round3(clamp(x, xAxis.min, xAxis.max)), y: round3(clamp(y, yAxis.min, yAxis.max)) };
  }

  load();

  return {
    key,
    /** @returns {Placements} the reader's own map */
    placements: () => placements,
    /** @returns {Placements} what the views show: a previewed shared map, else the reader's own */
    visible: () => preview ?? placements,
    /** @returns {boolean} is a shared map being previewed? */
    previewing: () => preview !== null,
    /** @param {string} id */
    get: (id) => (Object.hasOwn(placements, id) ? placements[id] : undefined),
    loadMessage: () => loadMessage,
    saveError: () => saveError,
    canUndo: () => undoStack.length > 0 && preview === null,
    canRedo: () => redoStack.length > 0 && preview === null,

    /**
     * Place or move a paper (coordinates clamped to the axes, rounded to 3 decimals).
     * @param {string} id @param {number} x @param {number} y @param {unknown} [origin]
     * @returns {boolean} whether the map changed
     */
    place(id, x, y, origin) {
      if (preview !== null || !model.has(id) || !Number.isFinite(x) || !Number.isFinite(y)) return false;
      const kind = Object.hasOwn(placements, id) ? "move" : "place";
      const next = makePlacements([...Object.entries(placements).filter(([key]) => key !== id), [id, spot(x, y)]]);
      return commit(next, { kind, ids: [id], origin });
    },

    /** @param {string} id @param {unknown} [origin] */
    remove(id, origin) {
      if (preview !== null || !Object.hasOwn(placements, id)) return false;
      return commit(makePlacements(Object.entries(placements).filter(([key]) => key !== id)), { kind: "remove", ids: [id], origin });
    },

    /**
     * Replace the whole map (an import, a shared map, a reset). Input must already be validated.
     * @param {Placements} next @param {unknown} [origin] @param {string} [message]
     */
    replace(next, origin, message) {
      if (preview !== null) return false;
      const clean = makePlacements(Object.entries(next).filter(([id]) => model.has(id)).map(([id, s]) => [id, spot(s.x, s.y)]));
      return commit(clean, { kind: "replace", ids: Object.keys(clean), origin, message });
    },

    /** @param {unknown} [origin] */
    undo(origin) {
      if (!undoStack.length || preview !== null) return false;
      redoStack.push(placements);
      placements = /** @type {Placements} */ (undoStack.pop());
      save();
      emit({ kind: "undo", ids: [], origin });
      return true;
    },

    /** @param {unknown} [origin] */
    redo(origin) {
      if (!redoStack.length || preview !== null) return false;
      undoStack.push(placements);
      placements = /** @type {Placements} */ (redoStack.pop());
      save();
      emit({ kind: "redo", ids: [], origin });
      return true;
    },

    /**
     * Show a (validated) shared map instead of the reader's own, or stop showing it.
     * While previewing, changes are refused.
     * @param {Placements | null} map
     */
    setPreview(map) {
      preview = map;
      emit({ kind: "preview", ids: [] });
    },

    /** Re-read the stored record (another tab changed it); undo history is kept. */
    reload() {
      const before = placements;
      const message = load();
      if (!samePlacements(before, placements)) emit({ kind: "load", ids: [], message: message ?? undefined });
    },

    /** @param {(change: Change) => void} listener @returns {() => void} unsubscribe */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */
