// The placement store: one per page, shared by every spectrum view on it,
// kept in localStorage so the map survives reloads and instant navigation.
//
// Record: {version: 2, placements: {<paper id>: {x, y?, grounding?}}}, coordinates
// rounded to 3 decimals (version 1 records, {x, y}, load unchanged). Every
// change can be undone and redone. A shared map (from a link) can be previewed
// without touching the reader's own. Nothing is lost silently: a record from a
// newer version is kept untouched, a bad write from another tab is ignored, and a
// save that fails is reported (saveError, and a "save" change to the views).
//
// Several tabs share one record, so every change is made on top of the record as
// stored now, and history holds this tab's own changes paper by paper: undo puts
// back only the papers this tab changed, and leaves (and says so) a paper another
// tab has changed since. Two tabs writing at once can each overwrite the other's
// write before either hears of it; a tab that hears a record without its own
// change of a moment ago (the paper as it was before that change) writes the
// change again on top of it, so neither is lost.
// Pure: the storage and the clock are injected, so node:test can run it with fakes.

import { MAP_VERSION, clamp, makePlacements, round3, samePlacements } from "./model.js";
import { validateRecord } from "./validate.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/** @typedef {Placements[string] | undefined} Spot a paper's spot, or undefined: not placed */
/** @typedef {[id: string, before: Spot, after: Spot][]} Step one change of this tab's, paper by paper */
/** @typedef {{id: string, before: Spot, after: Spot, at: number}} Recent a change of this tab's that another tab may not have seen yet */
/** @typedef {{getItem(key: string): string | null, setItem(key: string, value: string): void, removeItem(key: string): void}} Storage */
/**
 * @typedef {{kind: "place" | "move" | "mark" | "remove" | "replace" | "undo" | "redo" | "preview" | "load" | "save",
 *            ids: string[], origin?: unknown, message?: string}} Change
 */

export const RECORD_VERSION = MAP_VERSION;
const EMPTY = makePlacements([]);
/**
 * How long (ms) a change of this tab's may go unseen by another tab that writes at the same
 * moment. Storage events reach other tabs within milliseconds; no reader can see a change in
 * one tab and undo it in another this fast, so a record lacking the change in this time was
 * written without hearing of it.
 */
export const RACE_WINDOW = 500;

/** @param {Spot} a @param {Spot} b */
function sameSpot(a, b) {
  if (a === undefined || b === undefined) return a === b;
  return a.x === b.x && a.y === b.y && a.grounding === b.grounding;
}

/**
 * placements with the given papers set (a spot) or taken off (undefined).
 * @param {Placements} placements @param {Iterable<[string, Spot]>} spots
 * @returns {Placements}
 */
function withSpots(placements, spots) {
  const next = new Map(Object.entries(placements));
  for (const [id, spot] of spots) {
    if (spot === undefined) next.delete(id);
    else next.set(id, spot);
  }
  return makePlacements(next);
}

/** @param {string} siteRoot the site's base path, so two sites on one origin keep two maps */
export function storageKey(siteRoot) {
  return `research-spectrum:${siteRoot}`;
}

/** What the reader is told when a saved record names papers this site does not list (on load and on another tab's write). */
const droppedMessage = (/** @type {string[]} */ dropped) =>
  `${dropped.length} saved placement(s) of papers this site no longer lists were dropped.`;

/**
 * @param {{model: Model, storage: Storage | null, key: string, limit?: number, now?: () => number}} options
 */
export function createStore({ model, storage, key, limit = 200, now = Date.now }) {
  /** @type {Placements} */
  let placements = EMPTY;
  /** @type {Placements | null} */
  let preview = null;
  /** @type {Step[]} */
  let undoStack = [];
  /** @type {Step[]} */
  let redoStack = [];
  /** @type {Recent[]} */
  let recent = [];
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
   * Take the stored record as this tab's map before a change, so the change is
   * made on top of what other tabs saved (their storage events may still be on
   * the way). A record this page cannot use is left for reload() to handle.
   */
  function refresh() {
    if (!storage || keepStored) return;
    const stored = read();
    if (!("result" in stored)) return;  // blocked, or nothing stored
    const { result } = stored;
    if (result.ok === false || samePlacements(result.placements, placements)) return;
    placements = result.placements;
    emit({ kind: "load", ids: [] });
  }

  /**
   * Set some papers' spots, save, tell the views.
   * @param {Iterable<[string, Spot]>} spots
   * @returns {Step} the papers that changed, with their spots before and after
   */
  function apply(spots) {
    /** @type {Step} */
    const step = [];
    for (const [id, after] of spots) {
      const before = Object.hasOwn(placements, id) ? placements[id] : undefined;
      if (!sameSpot(before, after)) step.push([id, before, after]);
    }
    if (!step.length) return step;
    placements = withSpots(placements, step.map(([id, , after]) => [id, after]));
    const at = now();
    recent = recent.filter((entry) => at - entry.at < RACE_WINDOW && !step.some(([id]) => id === entry.id));
    for (const [id, before, after] of step) recent.push({ id, before, after, at });
    save();
    return step;
  }

  /**
   * Make a change on top of the stored map: remember it for undo, save, tell the views.
   * @param {(current: Placements) => Iterable<[string, Spot]>} spots the papers to set, given the map now
   * @param {Change} change
   */
  function commit(spots, change) {
    refresh();
    const step = apply(spots(placements));
    if (!step.length) return false;
    undoStack.push(step);
    if (undoStack.length > limit) undoStack = undoStack.slice(-limit);
    redoStack = [];
    emit(change);
    return true;
  }

  /**
   * Undo or redo one step of this tab's: each paper goes back (or forward) only if
   * it is still as this tab left it; a paper another tab changed since is left.
   * @param {Step[]} from @param {Step[]} to @param {"undo" | "redo"} kind @param {unknown} origin
   */
  function travel(from, to, kind, origin) {
    if (!from.length || preview !== null) return false;
    refresh();
    const step = /** @type {Step} */ (from.pop());
    const backward = kind === "undo";
    /** @type {[string, Spot][]} */
    const spots = [];
    let left = 0;
    for (const [id, before, after] of step) {
      const [expected, target] = backward ? [after, before] : [before, after];
      const current = Object.hasOwn(placements, id) ? placements[id] : undefined;
      if (sameSpot(current, expected)) spots.push([id, target]);
      else left++;
    }
    apply(spots);
    to.push(step);
    const message = left
      ? `${left === 1 ? "One paper" : `${left} papers`} changed in another tab since then ${left === 1 ? "was" : "were"} left as that tab put ${left === 1 ? "it" : "them"}.`
      : undefined;
    emit({ kind, ids: spots.map(([id]) => id), origin, message });
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

  /**
   * This tab's changes of a moment ago that a record from another tab lacks
   * because that tab wrote before it heard of them: the paper is there as it was
   * before the change. A change the record shows, or a paper the other tab changed
   * itself, is settled and forgotten.
   * @param {Placements} record
   * @returns {[string, Spot][]} the changes to write again
   */
  function lostChanges(record) {
    const at = now();
    recent = recent.filter((entry) => at - entry.at < RACE_WINDOW);
    /** @type {[string, Spot][]} */
    const lost = [];
    for (const entry of recent) {
      const stored = Object.hasOwn(record, entry.id) ? record[entry.id] : undefined;
      if (sameSpot(stored, entry.before)) lost.push([entry.id, entry.after]);
    }
    recent = recent.filter((entry) => lost.some(([id]) => id === entry.id));
    return lost;
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
      const change = { kind: /** @type {"move" | "place"} */ ("place"), ids: [id], origin };
      return commit((current) => {
        const placed = Object.hasOwn(current, id);
        if (placed) change.kind = "move";
        return [[id, spot(x, y, placed ? current[id].grounding : undefined)]];
      }, change);
    },

    /**
     * Mark a placed paper's grounding (a category id or "unsure"), or clear it (undefined).
     * @param {string} id @param {string | undefined} grounding @param {unknown} [origin]
     */
    mark(id, grounding, origin) {
      if (preview !== null) return false;
      return commit((current) => {
        if (!Object.hasOwn(current, id)) return [];
        const { x, y } = current[id];
        return [[id, makePlacements([[id, { x, y, grounding }]])[id]]];
      }, { kind: "mark", ids: [id], origin });
    },

    /** @param {string} id @param {unknown} [origin] */
    remove(id, origin) {
      if (preview !== null) return false;
      return commit(() => [[id, undefined]], { kind: "remove", ids: [id], origin });
    },

    /**
     * Replace the whole map (an import, a shared map, a reset). Input must already be validated.
     * @param {Placements} next @param {unknown} [origin] @param {string} [message]
     */
    replace(next, origin, message) {
      if (preview !== null) return false;
      const clean = makePlacements(Object.entries(next).filter(([id]) => model.has(id)).map(([id, s]) => [id, spot(s.x, s.y, s.grounding)]));
      return commit((current) => [
        ...Object.keys(current).filter((id) => !Object.hasOwn(clean, id)).map((id) => /** @type {[string, Spot]} */ ([id, undefined])),
        ...Object.entries(clean),
      ], { kind: "replace", ids: Object.keys(clean), origin, message });
    },

    /** @param {unknown} [origin] */
    undo(origin) {
      return travel(undoStack, redoStack, "undo", origin);
    },

    /** @param {unknown} [origin] */
    redo(origin) {
      return travel(redoStack, undoStack, "redo", origin);
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
        const lost = lostChanges(placements);
        if (lost.length) placements = withSpots(placements, lost);
        const dropped = stored.result.dropped ?? [];
        if (dropped.length || lost.length) save();
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
