import assert from "node:assert/strict";
import { test } from "node:test";

import { markIndex, validateAnswer, withGuess } from "../../docs/assets/js/toys/answer.js";

const figure = { data: [{ x: [1, 2], y: [3, 4], name: "data" }], layout: { title: { text: "t" }, annotations: [{ text: "own" }] } };
const choices = { figure, guesses: [{ data: [{ x: [1], y: [1], name: "your guess: a" }] }, { annotations: [{ text: "your answer: b" }] }] };
const number = { figure, guesses: [{}, {}, {}, {}, {}], number: { min: 0, step: 0.25 } };

test("a choice selects its own mark; a number, the mark of its step from the minimum", () => {
  assert.equal(markIndex(choices, { choice: 0 }), 0);
  assert.equal(markIndex(choices, { choice: 1 }), 1);
  assert.equal(markIndex(choices, { choice: 2 }), -1, "no mark for an answer the toy does not know");
  assert.equal(markIndex(choices, { number: 0.5 }), -1, "a number is no choice");
  assert.equal(markIndex(number, { number: 0.5 }), 2);
  assert.equal(markIndex(number, { number: 0.3 }), 1, "between steps: the nearest");
  assert.equal(markIndex(number, { number: 1 }), 4);
  assert.equal(markIndex(number, { number: 1.5 }), -1, "outside the range: none");
  assert.equal(markIndex(number, { number: Number.NaN }), -1);
});

test("a guess's traces are drawn over the data and its notes follow the figure's own", () => {
  const marked = withGuess(figure, choices.guesses[0]);
  assert.deepEqual(marked.data.map((t) => t.name), ["data", "your guess: a"]);
  assert.deepEqual(marked.layout.annotations, [{ text: "own" }]);
  const noted = withGuess(figure, choices.guesses[1]);
  assert.deepEqual(noted.layout.annotations.map((n) => n.text), ["own", "your answer: b"]);
  assert.equal(noted.layout.title.text, "t");
  assert.equal(figure.data.length, 1, "the figure itself is unchanged");
  assert.equal(figure.layout.annotations.length, 1);
  assert.equal(withGuess(figure, undefined), figure);
});

test("answer data that cannot be drawn is refused with a reason", () => {
  assert.equal(validateAnswer(choices), choices);
  assert.throws(() => validateAnswer(null), /not an object/);
  assert.throws(() => validateAnswer({ guesses: [] }), /no figure/);
  assert.throws(() => validateAnswer({ figure }), /no guesses/);
  assert.throws(() => validateAnswer({ figure, guesses: [], number: { min: 0, step: 0 } }), /bad number/);
});
