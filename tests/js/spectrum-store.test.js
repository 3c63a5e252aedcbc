import assert from "node:assert/strict";
import { test } from "node:test";

import { createStore, storageKey } from "../../docs/assets/js/spectrum/store.js";
import { makePlacements } from "../../docs/assets/js/spectrum/model.js";
import { memoryStorage, model } from "./spectrum-fixture.js";

const KEY = storageKey("/");
const make = (storage = memoryStorage()) => ({ storage, store: createStore({ model: model(), storage, key: KEY }) });
const plain = (placements) => JSON.parse(JSON.stringify(placements));

test("place, move, remove: saved as a versioned record, rounded and clamped", () => {
  const { storage, store } = make();
  const changes = [];
  store.subscribe((change) => changes.push(change.kind));
  assert.ok(store.place("1406.2661", -0.81234, 0.1));
  assert.ok(store.place("1406.2661", -5, 7)); // clamped to the axes
  assert.ok(store.place("2001.08361", 0.3, 0.8));
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -1, y: 1 }, "2001.08361": { x: 0.3, y: 0.8 } });
  assert.ok(store.remove("1406.2661"));
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), { version: 2, placements: { "2001.08361": { x: 0.3, y: 0.8 } } });
  assert.deepEqual(changes, ["place", "move", "place", "remove"]);
});

test("no-ops and bad calls change nothing and leave no undo step", () => {
  const { store } = make();
  assert.equal(store.place("9999.0000", 0, 0), false);
  assert.equal(store.place("__proto__", 0, 0), false);
  assert.equal(store.place("1406.2661", NaN, 0), false);
  assert.equal(store.remove("1406.2661"), false);
  store.place("1406.2661", 0.5, 0.5);
  assert.equal(store.place("1406.2661", 0.5, 0.5), false);
  assert.equal(store.place("1406.2661", 0.5001, 0.5), false); // same after rounding
  store.undo();
  assert.equal(store.canUndo(), false);
});

test("undo and redo walk every change; a new change clears redo", () => {
  const { store } = make();
  store.place("1406.2661", -0.8, 0.1);
  store.place("1406.2661", -0.5, 0.2);
  store.remove("1406.2661");
  store.replace(makePlacements([["2001.08361", { x: 0, y: 1 }]]));
  assert.ok(store.undo());
  assert.deepEqual(plain(store.placements()), {});
  assert.ok(store.undo());
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -0.5, y: 0.2 } });
  assert.ok(store.undo());
  assert.ok(store.undo());
  assert.deepEqual(plain(store.placements()), {});
  assert.equal(store.undo(), false);
  assert.ok(store.redo());
  assert.ok(store.redo());
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -0.5, y: 0.2 } });
  store.place("1706.03762", 0, 0);
  assert.equal(store.canRedo(), false);
  assert.equal(store.redo(), false);
});

test("the undo history is bounded", () => {
  const storage = memoryStorage();
  const store = createStore({ model: model(), storage, key: KEY, limit: 5 });
  for (let i = 0; i < 20; i++) store.place("1406.2661", i / 100, 0);
  let steps = 0;
  while (store.undo()) steps++;
  assert.equal(steps, 5);
});

test("the map survives a reload: a new store reads the record", () => {
  const { storage, store } = make();
  store.place("1406.2661", -0.8, 0.1);
  const again = createStore({ model: model(), storage, key: KEY });
  assert.deepEqual(plain(again.placements()), { "1406.2661": { x: -0.8, y: 0.1 } });
  assert.equal(again.loadMessage(), null);
});

test("a corrupt record is reset with a message, never thrown", () => {
  const records = ["{oops", "null", "[]", '"text"', '{"version":1,"placements":{"1406.2661":{"x":"left","y":0}}}',
    '{"version":1,"placements":{"1406.2661":{"x":9,"y":0}}}', '{"version":1.5,"placements":{}}',
    '{"version":2,"placements":{"1406.2661":{"x":0,"grounding":"vibes"}}}',
    '{"version":1,"placements":{"1406.2661":{"x":0,"y":0,"grounding":"laws-of-math"}}}',
    '{"version":1,"placements":{"<img src=x onerror=alert(1)>":{"x":0,"y":0}}}',
    '{"version":1,"placements":{"__proto__":{"x":0,"y":0}}}'];
  for (const text of records) {
    const storage = memoryStorage({ [KEY]: text });
    const store = createStore({ model: model(), storage, key: KEY });
    assert.deepEqual(plain(store.placements()), {}, text);
    assert.match(store.loadMessage(), /could not be read .* so it was reset/, text);
    assert.equal(storage.getItem(KEY), null, text);
  }
});

test("saved placements of papers the site dropped are removed with a message", () => {
  const storage = memoryStorage({ [KEY]: '{"version":1,"placements":{"1406.2661":{"x":0,"y":0},"gone.1":{"x":0,"y":0}}}' });
  const store = createStore({ model: model(), storage, key: KEY });
  assert.deepEqual(Object.keys(store.placements()), ["1406.2661"]);
  assert.match(store.loadMessage(), /1 saved placement/);
  assert.deepEqual(Object.keys(JSON.parse(storage.getItem(KEY)).placements), ["1406.2661"]);
});

test("blocked or full storage does not break the map", () => {
  const throwing = { getItem() { throw new Error("SecurityError"); }, setItem() { throw new Error("QuotaExceeded"); }, removeItem() {} };
  const store = createStore({ model: model(), storage: throwing, key: KEY });
  assert.match(store.loadMessage(), /blocks saving/);
  assert.ok(store.place("1406.2661", 0, 0));
  assert.match(store.saveError(), /not being saved/);
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: 0, y: 0 } });
});

test("a previewed shared map is shown but not saved, and refuses changes until decided", () => {
  const { storage, store } = make();
  store.place("1406.2661", -0.8, 0.1);
  const shared = makePlacements([["2001.08361", { x: 0.9, y: 0.9 }]]);
  store.setPreview(shared);
  assert.ok(store.previewing());
  assert.deepEqual(plain(store.visible()), { "2001.08361": { x: 0.9, y: 0.9 } });
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -0.8, y: 0.1 } });
  assert.equal(store.place("1706.03762", 0, 0), false);
  assert.equal(store.undo(), false);
  assert.equal(JSON.parse(storage.getItem(KEY)).placements["2001.08361"], undefined);
  store.setPreview(null);
  assert.ok(store.replace(shared));
  assert.deepEqual(plain(store.placements()), { "2001.08361": { x: 0.9, y: 0.9 } });
  assert.ok(store.undo(), "taking a shared map can be undone");
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -0.8, y: 0.1 } });
});

test("reload picks up another tab's change", () => {
  const { storage, store } = make();
  const seen = [];
  store.subscribe((change) => seen.push(change.kind));
  storage.setItem(KEY, '{"version":1,"placements":{"1706.03762":{"x":0.2,"y":0.4}}}');
  store.reload();
  assert.deepEqual(plain(store.placements()), { "1706.03762": { x: 0.2, y: 0.4 } });
  assert.deepEqual(seen, ["load"]);
});

test("another tab's write naming a paper this site does not list: the rest is taken, the drop said and saved, as on load", () => {
  const { storage, store } = make();
  store.place("1406.2661", -0.5, 0.5);
  const changes = [];
  store.subscribe((change) => changes.push(change));
  storage.setItem(KEY, '{"version":2,"placements":{"1706.03763":{"x":0.3,"y":0.4},"1406.2661":{"x":-0.5,"y":0.5}}}');
  store.reload();
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -0.5, y: 0.5 } });
  assert.equal(changes.length, 1);
  assert.equal(changes[0].kind, "load");
  assert.match(changes[0].message, /Another tab saved your map: 1 saved placement\(s\) of papers this site no longer lists were dropped\./);
  assert.deepEqual(JSON.parse(storage.getItem(KEY)).placements, { "1406.2661": { x: -0.5, y: 0.5 } });
});

test("two sites on one origin keep two maps", () => {
  assert.notEqual(storageKey("/site-a/"), storageKey("/site-b/"));
});

test("a record from a newer version is kept untouched and never written over", () => {
  const newer = '{"version":7,"placements":{"1406.2661":{"x":0,"y":0,"colour":"teal"}}}';
  const storage = memoryStorage({ [KEY]: newer });
  const store = createStore({ model: model(), storage, key: KEY });
  assert.match(store.loadMessage(), /newer version of this site.*kept as it was/);
  assert.ok(store.place("1406.2661", 0.5, 0.5));
  assert.equal(storage.getItem(KEY), newer);
  assert.match(store.saveError(), /not being saved/);
});

test("a leading byte-order mark is ignored", () => {
  const storage = memoryStorage({ [KEY]: '\uFEFF{"version":1,"placements":{"1406.2661":{"x":0.5,"y":0.25}}}' });
  const store = createStore({ model: model(), storage, key: KEY });
  assert.equal(store.loadMessage(), null);
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: 0.5, y: 0.25 } });
});

test("another tab's bad write is ignored: the map stays and is saved again, with a message", () => {
  const { storage, store } = make();
  store.place("1406.2661", -0.5, 0.5);
  const changes = [];
  store.subscribe((change) => changes.push(change));
  for (const bad of ["{}", "{oops", '{"version":2,"placements":{"1406.2661":{"x":5}}}']) {
    storage.setItem(KEY, bad);
    store.reload();
    assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -0.5, y: 0.5 } }, bad);
    assert.deepEqual(JSON.parse(storage.getItem(KEY)).placements, { "1406.2661": { x: -0.5, y: 0.5 } }, bad);
  }
  assert.equal(changes.length, 3);
  assert.ok(changes.every((change) => /Another tab .* your map here is kept and saved again/.test(change.message)));
});

test("a failed save is reported to the views once, and cleared when saving works again", () => {
  let full = true;
  const data = new Map();
  const storage = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => { if (full) throw new Error("QuotaExceededError"); data.set(k, v); }, removeItem: (k) => data.delete(k) };
  const store = createStore({ model: model(), storage, key: KEY });
  const saves = [];
  store.subscribe((change) => change.kind === "save" && saves.push(change.message));
  store.place("1406.2661", 0, 0);
  store.place("1406.2661", 0.1, 0);
  assert.equal(saves.length, 1);
  assert.match(saves[0], /not being saved.*export/);
  full = false;
  store.place("1406.2661", 0.2, 0);
  assert.equal(store.saveError(), null);
});

test("grounding marks: set, kept on a move, undone, saved in the record", () => {
  const { storage, store } = make();
  store.place("1406.2661", -0.5, null);
  assert.ok(store.mark("1406.2661", "laws-of-math"));
  store.place("1406.2661", -0.6, null);
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -0.6, y: null, grounding: "laws-of-math" } });
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), { version: 2, placements: { "1406.2661": { x: -0.6, y: null, grounding: "laws-of-math" } } });
  assert.equal(store.mark("2001.08361", "unsure"), false, "only a placed paper can be marked");
  store.undo();
  store.undo();
  assert.deepEqual(plain(store.placements()), { "1406.2661": { x: -0.5, y: null } });
});

// -- several tabs on one record ------------------------------------------------------------------

/**
 * Tabs sharing one record as a browser shares localStorage: each tab has its own
 * copy; a write reaches the browser's record at once and the other tabs only when
 * deliver() runs (their storage event), so two tabs can write before either hears
 * of the other.
 */
function browserTabs(count, clock = () => 0) {
  let record = null;
  const tabs = [];
  for (let i = 0; i < count; i++) {
    const copy = memoryStorage();
    const storage = {
      getItem: (key) => copy.getItem(key),
      setItem: (key, value) => {
        copy.setItem(key, value);
        record = value;
        for (const other of tabs) if (other.copy !== copy) other.inbox.push(value);
      },
      removeItem: (key) => copy.removeItem(key),
    };
    tabs.push({ copy, storage, inbox: [], store: createStore({ model: model(), storage, key: KEY, now: clock }) });
  }
  /** Hand every tab the writes made so far, in order, as storage events do. */
  function deliver() {
    while (tabs.some((tab) => tab.inbox.length)) {
      for (const tab of tabs) {
        const inbox = tab.inbox.splice(0);
        for (const value of inbox) {
          tab.copy.setItem(KEY, value);
          tab.store.reload();
        }
      }
    }
  }
  return { tabs: tabs.map((tab) => tab.store), deliver, record: () => JSON.parse(record).placements };
}

test("undo in one tab takes back only that tab's change, on top of what another tab saved", () => {
  const { tabs: [a, b], deliver, record } = browserTabs(2);
  a.place("1406.2661", -0.5, 0.5);
  deliver();
  b.place("2001.08361", 0.3, 0.8);
  b.place("1706.03762", 0.1, 0.2);
  deliver();
  assert.ok(a.undo());
  const theirs = { "2001.08361": { x: 0.3, y: 0.8 }, "1706.03762": { x: 0.1, y: 0.2 } };
  assert.deepEqual(plain(a.placements()), theirs);
  assert.deepEqual(record(), theirs);
  deliver();
  assert.deepEqual(plain(b.placements()), theirs);
  assert.ok(a.redo(), "redo puts this tab's paper back beside the other tab's");
  assert.deepEqual(plain(record()), { ...theirs, "1406.2661": { x: -0.5, y: 0.5 } });
  a.place("2011.13456", 0, 0);
  assert.ok(a.undo());
  assert.ok(a.undo());
  assert.deepEqual(record(), theirs);
});

test("undo before the other tab's write has been heard still keeps that write", () => {
  const { tabs: [a, b], deliver, record } = browserTabs(2);
  a.place("1406.2661", -0.5, 0.5);
  b.place("2001.08361", 0.3, 0.8);   // b had not heard of a's write
  assert.ok(a.undo());
  deliver();
  const theirs = { "2001.08361": { x: 0.3, y: 0.8 } };
  assert.deepEqual(record(), theirs);
  assert.deepEqual(plain(a.placements()), theirs);
  assert.deepEqual(plain(b.placements()), theirs);
});

test("undo leaves a paper another tab changed since, and says so", () => {
  const { tabs: [a, b], deliver, record } = browserTabs(2);
  a.place("1406.2661", -0.5, 0.5);
  deliver();
  b.place("1406.2661", 0.9, 0.1);
  deliver();
  const changes = [];
  a.subscribe((change) => changes.push(change));
  assert.ok(a.undo());
  assert.deepEqual(record(), { "1406.2661": { x: 0.9, y: 0.1 } });
  assert.match(changes.at(-1).message, /One paper changed in another tab since then was left as that tab put it/);
});

test("two tabs writing at the same moment: neither placement is lost", () => {
  const { tabs: [a, b], deliver, record } = browserTabs(2);
  a.place("1406.2661", -0.5, 0.5);
  b.place("2001.08361", 0.3, 0.8);   // before either tab heard of the other's write
  deliver();
  const both = { "1406.2661": { x: -0.5, y: 0.5 }, "2001.08361": { x: 0.3, y: 0.8 } };
  assert.deepEqual(record(), both);
  assert.deepEqual(plain(a.placements()), both);
  assert.deepEqual(plain(b.placements()), both);
});

test("a change another tab made after hearing of this tab's is not written over, once the moment has passed", () => {
  let time = 0;
  const { tabs: [a, b], deliver, record } = browserTabs(2, () => time);
  a.place("1406.2661", -0.5, 0.5);
  deliver();
  time += 5000;
  b.remove("1406.2661");
  deliver();
  assert.deepEqual(record(), {});
  assert.deepEqual(plain(a.placements()), {});
});
