// The placement store: one per page, shared by every spectrum view on it,
// kept in localStorage so the map survives reloads and instant navigation.
//
// Record: {version: 2, placements: {<paper id>: {x, y?, grounding?}}}, coordinates
// rounded to 3 decimals (version 1 records, {x, y}, load unchanged). Every
// change can be undone and redone. A shared map (from a link) can be previewed
// without touching the reader's own. Nothing is lost silently: a record from a
// newer version is kept untouched, a bad write from another tab is ignored, and a
// save that fails is reported (saveError, and a "save" change to the views).
// Pure: the storage is injected, so node:test can run it with a fake.

import { MAP_VERSION, clamp, makePlacements, round3, samePlacements } from "./model.js";
import { validateRecord } from "./validate.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/** @typedef {{getItem(key: string): string | null, setItem(key: string, value: string): void, removeItem(key: string): void}} Storage */
/**
 * @typedef {{kind: "place" | "move" | "mark" | "remove" | "replace" | "undo" | "redo" | "preview" | "load" | "save",
 *            ids: string[], origin?: unknown, message?: string}} Change
 */

export const RECORD_VERSION = MAP_VERSION;
const EMPTY = makePlacements([]);

/** @param {string} siteRoot the site's base path, so two sites on one origin keep two maps */
export function storageKey(siteRoot) {
  return `research-spectrum:${siteRoot}`;
}

/** What the reader is told when a saved record names papers this site does not list (on load and on another tab's write). */
const droppedMessage = (/** @type {string[]} */ dropped) =>
  `${dropped.length} saved placement(s) of papers this site no longer lists were dropped.`;

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
  /** The stored record is from a newer version: never write over it. */
  let keepStored = false;

  const { x: xAxis, y: yAxis } = model.taxonomy;

  /** @param {Change} change */
  function emit(change) {
    for (const listener of [...listeners]) listener(change);
  }

  const NOT_SAVED = "Your map is not being saved in this browser (storage is full or blocked): export it (JSON or YAML) to keep it.";

  function save() {
    if (!storage) {
      saveError = NOT_SAVED;
      return;
    }
    if (keepStored) {
      saveError = "Your map is not being saved: the saved map comes from a newer version of this site and is kept as it was. Export this one to keep it.";
      return;
    }
    const before = saveError;
    try {
      storage.setItem(key, JSON.stringify({ version: RECORD_VERSION, placements }));
      saveError = null;
    } catch {
      saveError = NOT_SAVED;
    }
    if (saveError && saveError !== before) emit({ kind: "save", ids: [], message: saveError });
  }

  /**
   * The stored record, read and checked (a leading BOM is ignored).
   * @returns {{text: null} | {text: string, result: import("./validate.js").Result} | {blocked: true}}
   */
  function read() {
    let text = null;
    try {
      text = /** @type {Storage} */ (storage).getItem(key);
    } catch {
      return { blocked: true };
    }
    if (text === null) return { text: null };
    try {
      return { text, result: validateRecord(JSON.parse(text.replace(/^\uFEFF/, "")), model) };
    } catch (error) {
      return { text, result: { ok: false, error: `it is not valid JSON (${/** @type {Error} */ (error).message})` } };
    }
  }

  /**
   * Read the stored record at start. A corrupt record is removed and reported, a
   * record from a newer version kept untouched and reported; nothing is thrown.
   * @returns {string | null} a message for the reader, if any
   */
  function load() {
    loadMessage = null;
    placements = EMPTY;
    if (!storage) {
      saveError = NOT_SAVED;
      loadMessage = "This browser blocks saving, so your map will last only while this page is open; export it to keep it.";
      return loadMessage;
    }
    const stored = read();
    if ("blocked" in stored) {
      saveError = NOT_SAVED;
      loadMessage = "This browser blocks saving, so your map will last only while this page is open; export it to keep it.";
      return loadMessage;
    }
    if (!("result" in stored)) return null;  // nothing saved
    const { result } = stored;
    if (result.ok === false && result.newer) {
      keepStored = true;
      loadMessage = `Your saved map was made by a newer version of this site, so this page cannot show it; it is kept as it was (nothing here saves over it). ${result.error}`;
      return loadMessage;
    }
    if (result.ok === false) {
      try {
        /** @type {Storage} */ (storage).removeItem(key);
      } catch { /* nothing more to do */ }
      loadMessage = `Your saved map could not be read (${result.error}), so it was reset.`;
      return loadMessage;
    }
    placements = result.placements;
    if (result.dropped?.length) {
      loadMessage = droppedMessage(result.dropped);
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

  /** @param {number} x @param {number | null} y null: not set yet @param {string} [grounding] */
  function spot(x, y, grounding) {
    return {
      x: round3(clamp(x, xAxis.min, xAxis.max)),
      y: y === null ? null : round3(clamp(y, yAxis.min, yAxis.max)),
      grounding,
    };
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

    /** @returns {boolean} is the saved record from a newer version (kept, never written over)? */
    keepsNewerRecord: () => keepStored,

    /**
     * Place or move a paper (coordinates clamped to the axes, rounded to 3 decimals);
     * its grounding mark stays.
     * @param {string} id @param {number} x @param {number | null} y null: not set (the line view)
     * @param {unknown} [origin]
     * @returns {boolean} whether the map changed
     */
    place(id, x, y, origin) {
      if (preview !== null || !model.has(id) || !Number.isFinite(x) || !(y === null || Number.isFinite(y))) return false;
      const kind = Object.hasOwn(placements, id) ? "move" : "place";
      const mark = Object.hasOwn(placements, id) ? placements[id].grounding : undefined;
      const next = makePlacements([...Object.entries(placements).filter(([key]) => key !== id), [id, spot(x, y, mark)]]);
      return commit(next, { kind, ids: [id], origin });
    },

    /**
     * Mark a placed paper's grounding (a category id or "unsure"), or clear it (undefined).
     * @param {string} id @param {string | undefined} grounding @param {unknown} [origin]
     */
    mark(id, grounding, origin) {
      if (preview !== null || !Object.hasOwn(placements, id)) return false;
      const { x, y } = placements[id];
      const next = makePlacements(Object.entries(placements).map(([key, s]) => [key, key === id ? { x, y, grounding } : s]));
      return commit(next, { kind: "mark", ids: [id], origin });
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
      const clean = makePlacements(Object.entries(next).filter(([id]) => model.has(id)).map(([id, s]) => [id, spot(s.x, s.y, s.grounding)]));
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

    /**
     * Re-read the stored record (another tab changed it); undo history is kept.
     * A record that does not validate is ignored: this tab's map stays and is saved again.
     * Placements of papers this site does not list are dropped, said and saved, as on load.
     */
    reload() {
      if (!storage || keepStored) return;
      const stored = read();
      if ("blocked" in stored) return;
      if ("result" in stored && stored.result.ok) {
        const before = placements;
        placements = stored.result.placements;
        const dropped = stored.result.dropped ?? [];
        if (dropped.length) save();
        if (dropped.length || !samePlacements(before, placements)) {
          emit({ kind: "load", ids: [], message: dropped.length ? `Another tab saved your map: ${droppedMessage(dropped)}` : undefined });
        }
        return;
      }
      if ("result" in stored && stored.result.ok === false && stored.result.newer) {
        keepStored = true;
        emit({ kind: "load", ids: [], message: "Another tab saved a map from a newer version of this site; it is kept as it is, and this page stops saving (export your map to keep it)." });
        return;
      }
      const why = "result" in stored ? `saved a map this page cannot read (${/** @type {any} */ (stored.result).error})` : "removed the saved map";
      save();
      emit({ kind: "load", ids: [], message: `Another tab ${why}; your map here is kept and saved again.` });
    },

    /** @param {(change: Change) => void} listener @returns {() => void} unsubscribe */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */
