// The readings: sentences in the prose (p.reading, from a ```reading fence) that
// read the reader's map. Each reads the one store every spectrum view on the page
// writes to, and says again what it reads whenever the map changes; the author's
// map is fetched when a reading comes near the viewport. The page's sentence (the
// build's fallback) stays if the map cannot be read. A reading is a polite live
// region, updated once a burst of changes has settled, so a screen reader hears
// the new sentence once, not every step of a change.

import { whenNearViewport } from "../near-viewport.js";
import { readerMap } from "../spectrum/index.js";
import { checkReadingOptions, readingText } from "./sentences.js";

/** How long the map must stay still before a reading is said again. */
const SETTLE_MS = 250;

/** @type {(() => void)[]} */
let cleanups = [];
/** Which setup is current: a later navigation makes an earlier one's results stale. */
let generation = 0;

function teardown() {
  for (const cleanup of cleanups.splice(0)) cleanup();
}

async function setup() {
  teardown();
  const current = ++generation;
  const elements = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("p.reading[data-reading]")]);
  if (!elements.length) return;
  /** @type {Awaited<ReturnType<typeof readerMap>>} */
  let shared;
  try {
    shared = await readerMap();
  } catch (error) {
    console.warn("The readings cannot read your map:", error);
    return; // the build's sentences stay
  }
  if (current !== generation) return;
  const { store, model, loadAuthor } = shared;
  /** @type {Record<string, import("../spectrum/geometry.js").AuthorSpot> | null} */
  let author = null;
  const readings = elements.flatMap((element) => {
    let raw = null;
    try {
      raw = JSON.parse(element.dataset.reading ?? "");
    } catch { /* checked below */ }
    const options = checkReadingOptions(raw, model);
    if (!options) {
      console.warn(`Reading #${element.id}: its settings do not fit this site's papers; the page's sentence stays.`);
      return [];
    }
    return [{ element, options }];
  });

  const render = () => {
    const placements = store.placements();
    for (const { element, options } of readings) {
      const text = readingText(options, placements, author, model);
      if (element.textContent !== text) element.textContent = text;
      element.dataset.readingState = author ? "compared" : "read";
    }
  };
  render();
  // Live only from here: the first sentence replaces the build's without being announced.
  for (const { element } of readings) element.setAttribute("aria-live", "polite");

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const unsubscribe = store.subscribe((change) => {
    if (change.kind === "save" || change.kind === "preview") return;
    clearTimeout(timer);
    timer = setTimeout(render, SETTLE_MS);
  });
  cleanups.push(unsubscribe, () => clearTimeout(timer));
  for (const { element } of readings) {
    cleanups.push(whenNearViewport(element, () => {
      if (author) return;
      loadAuthor().then((map) => {
        if (current !== generation) return;
        author = map;
        render();
      }).catch((error) => console.warn("The readings cannot compare with the author's map:", error));
    }));
  }
}

if (typeof document$ !== "undefined") document$.subscribe(() => void setup());
