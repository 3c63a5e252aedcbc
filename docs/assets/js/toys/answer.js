// Pure logic of a toy's answer figure (written by toy_fence.toy_fence from the toy's
// ANSWER): the figure over the whole grid, and the marks each guess adds to it.
// No DOM here: tested with node --test.

/**
 * @typedef {{data?: object[], annotations?: object[]}} GuessMark
 * @typedef {{data: object[], layout: {annotations?: object[]}}} Figure
 * @typedef {{figure: Figure, guesses: GuessMark[], number?: {min: number, step: number}}} AnswerData
 */

/**
 * Check an answer's data (from the page's data-answer attribute) before it is drawn.
 * @param {any} value
 * @returns {AnswerData}
 * @throws {Error} saying what is wrong
 */
export function validateAnswer(value) {
  const fail = (message) => { throw new Error(`the answer figure's data is not usable: ${message}`); };
  if (!value || typeof value !== "object") fail("not an object");
  if (!value.figure || !Array.isArray(value.figure.data)) fail("no figure");
  if (!Array.isArray(value.guesses)) fail("no guesses");
  if (value.number !== undefined && !(Number.isFinite(value.number.min) && value.number.step > 0)) fail("bad number");
  return value;
}

/**
 * Which of the answer's marks a committed guess selects: the chosen answer's position
 * for a choice question, or the guessed number's step from the minimum (-1: none).
 * @param {AnswerData} answer
 * @param {{choice?: number, number?: number}} guess
 * @returns {number}
 */
export function markIndex(answer, guess) {
  let index = -1;
  if (answer.number && Number.isFinite(guess.number)) {
    index = Math.round((/** @type {number} */ (guess.number) - answer.number.min) / answer.number.step);
  } else if (!answer.number && Number.isInteger(guess.choice)) index = /** @type {number} */ (guess.choice);
  return index >= 0 && index < answer.guesses.length ? index : -1;
}

/**
 * The figure with one guess's marks added (its traces drawn last, over the data; its
 * notes after the figure's own). The figure itself is left as it was.
 * @param {Figure} figure
 * @param {GuessMark | undefined} mark
 * @returns {Figure}
 */
export function withGuess(figure, mark) {
  if (!mark) return figure;
  const notes = [...(figure.layout?.annotations || []), ...(mark.annotations || [])];
  return {
    data: [...figure.data, ...(mark.data || [])],
    layout: { ...(figure.layout || {}), ...(notes.length ? { annotations: notes } : {}) },
  };
}
