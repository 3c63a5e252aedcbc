// One toy figure on a page (the HTML of toy_fence.toy_fence) and its lifecycle:
//   near the viewport  fetch the toy's data file, enable the controls, and draw the
//                      shown point at the container's real width (the build's SVG is
//                      640 wide, scaled down on a phone; ours keeps text at its CSS size)
//   control changed    show the precomputed point: readouts at once, the figure
//                      drawn again by draw-svg.js at most once per frame with the
//                      latest values (a drag sends more input than a frame can show);
//                      no network, no Python, no chart library
//   resized            drawn again at the new width (a predict-first result opening too)
//   predict first      the result stays hidden until the reader commits a guess
//   answer figure      the toy's answer over its whole grid, drawn at the container's
//                      width, with the committed guess's marks added (the build wrote
//                      the marks of every possible guess into the page)
//   page left          tear down (listeners, observers)

import { whenNearViewport } from "../near-viewport.js";
import { fittedHeight, render } from "../draw-svg.js";
import { markIndex, validateAnswer, withGuess } from "./answer.js";
import { figureAt, pointIndex, validateToyData } from "./grid.js";
import { oncePerFrame } from "./once-per-frame.js";

let fetchTimeoutMs = 30_000;  // as long as the live runtime waits for a stalled download
/** Set how long a data file may stall before the toy says so (the tests lower it). @param {number} ms */
export const setFetchTimeout = (ms) => { fetchTimeoutMs = ms; };

/**
 * Set up one toy figure.
 * @param {HTMLElement} figure a figure.toy
 * @returns {() => void} teardown
 */
export function mountToy(figure) {
  const listening = new AbortController();
  const { signal } = listening;
  const url = figure.dataset.toyData;
  const name = figure.dataset.figureName || "";
  const holder = /** @type {HTMLElement} */ (figure.querySelector(".toy__figure"));
  /** @type {import("./grid.js").ToyData | null} */
  let payload = null;
  /** @type {Promise<void> | null} */
  let loading = null;
  // The build's figure names ours (its placeholder carries the name until its SVG arrives).
  const label = /** @type {HTMLElement | null} */ (holder.querySelector("[data-svg-label]"))?.dataset.svgLabel
    || holder.querySelector("svg")?.getAttribute("aria-label") || "Chart";
  let wanted = -1;   // the point the reader asked for last
  let shown = -1;    // the point the figure shows
  let drawnWidth = 0;  // the width it was drawn at

  const status = document.createElement("p");
  status.className = "toy__status";
  status.setAttribute("role", "status");
  figure.querySelector("figcaption")?.before(status);

  function loadData() {
    // A stalled download ends in a message, not a toy that never wakes.
    loading ??= fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(fetchTimeoutMs)]) })
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${response.url}`);
        return response.json();
      })
      .then((json) => {
        payload = validateToyData(json, { controls: shownControls(), figure: name });
        for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (figure.querySelectorAll("input[data-control]"))) input.disabled = false;
        wanted = pointIndex(payload.controls, chosen());
        figure.dataset.toyState = "ready";
        frames.request();
      })
      .catch((error) => {
        if (signal.aborted) return;
        loading = null;
        figure.dataset.toyState = "failed";
        const why = error.name === "TimeoutError" ? `the data did not arrive within ${fetchTimeoutMs / 1000} s` : error.message;
        status.textContent = `The controls are unavailable: ${why}. The figure shows the default settings.`;
      });
    return loading;
  }

  /** How many values each control this page shows offers (what its data file must hold). */
  function shownControls() {
    /** @type {Object<string, number>} */
    const counts = {};
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (figure.querySelectorAll("input[data-control]"))) {
      const control = input.dataset.control || "";
      if (input.type === "range") counts[control] = Number(input.max) + 1;
      else if (input.type === "checkbox") counts[control] = 2;
      else counts[control] = (counts[control] ?? 0) + 1;
    }
    return counts;
  }

  /** The value index each shown control has now. */
  function chosen() {
    /** @type {Object<string, number>} */
    const picks = {};
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (figure.querySelectorAll("input[data-control]"))) {
      const control = input.dataset.control || "";
      if (input.type === "range") picks[control] = Number(input.value);
      else if (input.type === "checkbox") picks[control] = input.checked ? 1 : 0;
      else if (input.checked) picks[control] = Number(input.value);
    }
    return picks;
  }

  /** The range's value text (value and unit) beside it and for assistive technology. */
  function showValue(input) {
    if (input.type !== "range") return;
    const texts = JSON.parse(input.dataset.valueTexts || "[]");
    const text = texts[Number(input.value)] ?? input.value;
    input.setAttribute("aria-valuetext", text);
    const output = figure.querySelector(`output[data-value-of="${CSS.escape(input.dataset.control || "")}"]`);
    if (output) output.textContent = text;
  }

  function showReadouts(index) {
    const values = payload?.points[index]?.readouts || {};
    for (const cell of figure.querySelectorAll("[data-readout]")) {
      const key = /** @type {HTMLElement} */ (cell).dataset.readout || "";
      cell.textContent = values[key] ?? "—";  // written by the build, digits and unit included
    }
  }

  /** Show the point the reader asked for last, at the holder's width (called at most once per frame, by `frames`). */
  function draw() {
    const width = holder.clientWidth;
    if (!payload || signal.aborted || wanted < 0 || !width) return;  // (a closed predict-first result has no width: drawn when it opens)
    if (wanted === shown && width === drawnWidth) return;
    const index = wanted;
    const start = performance.now();
    try {
      const point = figureAt(payload, index, name);
      holder.innerHTML = render(point, { label, key: figure.id, width, height: fittedHeight(width, point) });
      holder.firstElementChild?.classList.add("toy__plot");  // drawn here, live (the build's figure has toy-svg alone)
    } catch (error) {
      status.textContent = `The chart could not be redrawn: ${error.message}`;
      return;
    }
    performance.measure("toy: redraw", { start, end: performance.now(), detail: { toy: figure.id } });
    shown = index;
    drawnWidth = width;
    figure.dataset.toyPoint = String(index);
    figure.dispatchEvent(new CustomEvent("toy-drawn", { detail: { index } }));
  }
  const frames = oncePerFrame(() => { draw(); });

  async function onChange(event) {
    const input = /** @type {HTMLInputElement} */ (event.target);
    if (!input.dataset?.control) return;
    showValue(input);
    await loadData();
    if (!payload) return;
    wanted = pointIndex(payload.controls, chosen());
    showReadouts(wanted);
    figure.dataset.toyWanted = String(wanted);
    frames.request();
  }

  figure.addEventListener("input", onChange, { signal });
  figure.addEventListener("change", onChange, { signal });
  const answer = mountAnswer(figure, status, signal);
  mountPredict(figure, signal, answer);

  const stopWatching = url ? whenNearViewport(figure, loadData, "800px") : () => {};

  // A new width (a turned phone, a predict-first result opening) draws the figure for it.
  const resized = new ResizeObserver(() => { if (holder.clientWidth !== drawnWidth) frames.request(); });
  resized.observe(holder);

  return () => {
    listening.abort();
    frames.cancel();
    stopWatching();
    resized.disconnect();
    answer?.stop();
  };
}

/**
 * The answer figure: drawn at its container's width whenever it is shown (a closed
 * predict-first result has no width: drawn when it opens), with the guess's marks once committed.
 * @param {HTMLElement} figure
 * @param {HTMLElement} status where a problem is reported
 * @param {AbortSignal} signal
 * @returns {{mark: (guess: {choice?: number, number?: number}) => void, stop: () => void} | null}
 */
function mountAnswer(figure, status, signal) {
  const holder = /** @type {HTMLElement | null} */ (figure.querySelector(".toy__answer[data-answer]"));
  if (!holder) return null;
  let answer;
  try {
    answer = validateAnswer(JSON.parse(holder.dataset.answer || ""));
  } catch (error) {
    status.textContent = `The answer figure cannot be redrawn: ${error.message}. It shows the build's picture.`;
    return null;
  }
  const label = /** @type {HTMLElement | null} */ (holder.querySelector("[data-svg-label]"))?.dataset.svgLabel || "Answer";
  /** @type {import("./answer.js").GuessMark | undefined} */
  let mark;
  let drawnWidth = 0;
  let drawnMark = /** @type {unknown} */ (null);

  function draw() {
    const width = holder.clientWidth;
    if (signal.aborted || !width || (width === drawnWidth && mark === drawnMark)) return;
    const shown = withGuess(answer.figure, mark);
    const named = mark ? `${label}, with your guess marked` : label;
    holder.innerHTML = render(shown, { label: named, key: `${figure.id}-answer`, width, height: fittedHeight(width, shown) });
    holder.firstElementChild?.classList.add("toy__answer-plot");
    drawnWidth = width;
    drawnMark = mark;
    holder.dataset.answerState = mark ? "marked" : "drawn";
    figure.dispatchEvent(new CustomEvent("toy-answer-drawn", { detail: { marked: Boolean(mark) } }));
  }
  const frames = oncePerFrame(draw);
  const resized = new ResizeObserver(() => { if (holder.clientWidth !== drawnWidth) frames.request(); });
  resized.observe(holder);
  return {
    mark(guess) {
      const index = markIndex(answer, guess);
      mark = index >= 0 ? answer.guesses[index] : undefined;
      frames.request();
    },
    stop() { frames.cancel(); resized.disconnect(); },
  };
}

/**
 * Predict first: show the question's inputs, keep the result closed until the reader commits.
 * @param {HTMLElement} figure
 * @param {AbortSignal} signal
 * @param {{mark: (guess: {choice?: number, number?: number}) => void} | null} answer
 */
function mountPredict(figure, signal, answer) {
  const form = /** @type {HTMLFormElement | null} */ (figure.querySelector("form.toy__predict"));
  const result = /** @type {HTMLDetailsElement | null} */ (figure.querySelector("details.toy__result"));
  if (!form || !result) return;
  for (const element of form.elements) /** @type {HTMLInputElement} */ (element).disabled = false;
  result.open = false;
  figure.classList.add("toy--predicting");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const guess = new FormData(form).get("guess");
    const readout = form.dataset.predictReadout;
    const said = figure.querySelector(".toy__guess");
    if (said) {
      said.textContent = `${readout ? "Your guess" : "Your answer"}: ${guess}`;
      /** @type {HTMLElement} */ (said).hidden = false;
    }
    if (readout) {
      const cell = figure.querySelector(`[data-readout="${CSS.escape(readout)}"]`);
      const mark = document.createElement("dd");
      mark.className = "toy__your-guess";
      mark.textContent = `your guess: ${guess}`;
      cell?.after(mark);
    }
    const choices = [...form.querySelectorAll('input[type="radio"][name="guess"]')];
    const picked = choices.findIndex((input) => /** @type {HTMLInputElement} */ (input).checked);
    answer?.mark(readout ? { number: Number(guess) } : { choice: picked });
    for (const element of form.elements) /** @type {HTMLInputElement} */ (element).disabled = true;
    figure.classList.remove("toy--predicting");
    figure.classList.add("toy--committed");
    result.open = true;
  }, { signal });
}
