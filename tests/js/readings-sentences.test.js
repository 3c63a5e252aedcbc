import assert from "node:assert/strict";
import { test } from "node:test";

import { createModel, makePlacements } from "../../docs/assets/js/spectrum/model.js";
import {
  checkReadingOptions, groundingReading, isRotation, listed, orderSentence, pairReading, readingText,
} from "../../docs/assets/js/readings/sentences.js";
import { CATALOGUE, model } from "./spectrum-fixture.js";

const GAN = "1406.2661";
const SDE = "2011.13456";
const SCALING = "2001.08361";
const TRANSFORMER = "1706.03762";

/** @param {Record<string, {x: number, y?: number | null, grounding?: string}>} spots */
const map = (spots) => makePlacements(Object.entries(spots).map(([id, s]) => [id, { x: s.x, y: s.y ?? null, grounding: s.grounding }]));

// The author's map as author.json gives it: two structural papers on math, one on code.
const AUTHOR = {
  [GAN]: { x: -1, y: 0.1, grounding: "laws-of-math" },
  [SDE]: { x: -0.9, y: 0.1, grounding: "laws-of-math", spread: { x: 0.1, y: 0 } },
  [SCALING]: { x: -0.3, y: 0.75, grounding: "laws-of-code" },
};

test("with nothing placed, the grounding reading says so and invites the reader to place", () => {
  const text = groundingReading(map({}), AUTHOR, model());
  assert.match(text, /^You have placed no paper on the structural half yet\. Place some/);
  assert.match(groundingReading(map({}), null, model(), [GAN]), /none of these papers/);
});

test("the same map gives the same sentence; two different sets of marks give two different texts", () => {
  const m = model();
  const a = map({ [GAN]: { x: -0.8, grounding: "laws-of-math" }, [SDE]: { x: -0.7, grounding: "laws-of-math" }, [SCALING]: { x: -0.2, grounding: "laws-of-code" } });
  const b = map({ [GAN]: { x: -0.8, grounding: "laws-of-code" }, [SDE]: { x: -0.7, grounding: "laws-of-math" }, [SCALING]: { x: -0.2, grounding: "laws-of-code" } });
  assert.equal(groundingReading(a, AUTHOR, m), groundingReading(structuredClone(a), AUTHOR, m));
  assert.equal(groundingReading(a, AUTHOR, m),
    "You placed three structural papers and marked two as laws of math and one as laws of code. "
    + "Your counts match mine: I also placed three structural papers, two as laws of math and one as laws of code.");
  assert.equal(groundingReading(b, AUTHOR, m),
    "You placed three structural papers and marked one as laws of math and two as laws of code. "
    + "You marked one structural paper as resting on laws of math; I marked two "
    + "(I placed three structural papers, two as laws of math and one as laws of code).");
  assert.notEqual(groundingReading(a, AUTHOR, m), groundingReading(b, AUTHOR, m));
});

test("unsure and unmarked papers are counted; a paper on the developmental half is not", () => {
  const m = model();
  const text = groundingReading(map({ [GAN]: { x: -0.5, grounding: "unsure" }, [TRANSFORMER]: { x: -0.1 }, [SCALING]: { x: 0.4, grounding: "laws-of-code" } }), null, m);
  assert.equal(text, "You placed two structural papers and marked one as neither or unsure and one not yet.");
  assert.equal(groundingReading(map({ [GAN]: { x: -0.5 } }), null, m),
    "You placed one structural paper and have marked none yet: mark what each rests on.");
  assert.equal(groundingReading(map({ [GAN]: { x: -0.5 } }), AUTHOR, m),
    "You placed one structural paper and have marked none yet: mark what each rests on. "
    + "I placed three structural papers, two as laws of math and one as laws of code.");
});

test("a list of papers limits the count to them, for the reader and for the author", () => {
  const text = groundingReading(map({ [GAN]: { x: -0.8, grounding: "laws-of-code" }, [SDE]: { x: -0.8, grounding: "laws-of-math" } }), AUTHOR, model(), [GAN]);
  assert.equal(text, "You placed one structural paper and marked one as laws of code. "
    + "You marked none as resting on laws of math; I marked one (I placed one structural paper, one as laws of math).");
});

test("the names of the categories and of the poles come from the taxonomy", () => {
  const catalogue = structuredClone(CATALOGUE);
  catalogue.taxonomy.x.low = "Framing";
  catalogue.taxonomy.categories = [
    { id: "derived", name: "Derived from theory", colour: "#000000", definition: "." },
    { id: "found", name: "Found by experiment", colour: "#ffffff", definition: "." },
  ];
  const forked = createModel(catalogue);
  const text = groundingReading(map({ [GAN]: { x: -0.8, grounding: "found" } }), { [GAN]: { x: -0.8, y: null, grounding: "derived" } }, forked);
  assert.equal(text, "You placed one framing paper and marked one as found by experiment. "
    + "You marked none as resting on derived from theory; I marked one (I placed one framing paper, one as derived from theory).");
  assert.doesNotMatch(text, /laws of|structural/i);
});

test("a pair reads which side, higher or lower, and the author's region", () => {
  const m = model();
  const names = ["the GAN paper", "the SDE paper"];
  assert.equal(pairReading([GAN, SDE], map({}), AUTHOR, m, names),
    "You have not placed the GAN paper and the SDE paper yet: place them on the spectrum above to see where you put them and where I did.");
  assert.equal(pairReading([GAN, SDE], map({ [SDE]: { x: 0 } }), AUTHOR, m, names),
    "Place the GAN paper on the spectrum above to read it against the SDE paper.");
  assert.equal(pairReading([GAN, SDE], map({ [GAN]: { x: -0.4 } }), AUTHOR, m, names),
    "You put the GAN paper at \u22120.40 on structural ↔ developmental; place the SDE paper too, to compare.");
  const right = map({ [GAN]: { x: 0.2, y: 0.6 }, [SDE]: { x: -0.6, y: 0.1 } });
  assert.equal(pairReading([GAN, SDE], right, AUTHOR, m, names),
    "You put the GAN paper on the developmental side of the SDE paper, and higher on how exploratory. "
    + "I put it on the structural side of the SDE paper, and your spot for it is 1.30 from my spot, on its developmental side.");
  const same = map({ [GAN]: { x: -1, y: 0.1 }, [SDE]: { x: -0.3, y: 0.1 } });
  assert.equal(pairReading([GAN, SDE], same, AUTHOR, m, names),
    "You put the GAN paper on the structural side of the SDE paper. I put it the same way round, and your spot for it is exactly mine.");
  // Titles stand in when no names are given; the author's map left out until it has loaded.
  assert.equal(pairReading([SDE, GAN], same, null, m),
    "You put Score-Based Generative Modeling through SDEs on the developmental side of Generative Adversarial Networks.");
});

test("one paper against several groups them by side, and asks for the ones not placed", () => {
  const text = pairReading([SCALING, GAN, SDE, TRANSFORMER], map({ [SCALING]: { x: -0.5 }, [GAN]: { x: -0.8 }, [SDE]: { x: -0.49 } }), null, model());
  assert.equal(text, "You put Scaling Laws for Neural Language Models on the developmental side of Generative Adversarial Networks "
    + "and level with Score-Based Generative Modeling through SDEs; place Attention Is All You Need too.");
});

test("a reading's settings from the page are checked against the site's papers", () => {
  const m = model();
  assert.deepEqual(checkReadingOptions({ kind: "grounding" }, m), { kind: "grounding" });
  assert.deepEqual(checkReadingOptions({ kind: "pair", papers: [GAN, SDE], names: ["a", "b"] }, m), { kind: "pair", papers: [GAN, SDE], names: ["a", "b"] });
  assert.equal(checkReadingOptions({ kind: "pair", papers: [GAN] }, m), null);
  assert.equal(checkReadingOptions({ kind: "pair", papers: [GAN, "9999.99999"] }, m), null);
  assert.equal(checkReadingOptions({ kind: "vote" }, m), null);
  assert.equal(checkReadingOptions("grounding", m), null);
  assert.match(readingText({ kind: "grounding" }, map({}), null, m), /^You have placed no paper/);
});

test("an order reads as the author's, the same cycle, or what was swapped", () => {
  const author = ["Explore", "Pose", "Develop", "See"];
  assert.equal(orderSentence(author, author), "Your order is mine: “Explore”, “Pose”, “Develop” and “See”, in that order.");
  assert.ok(isRotation(["Develop", "See", "Explore", "Pose"], author));
  assert.equal(orderSentence(["Develop", "See", "Explore", "Pose"], author, true),
    "Your order is mine, started from “Develop”: the list is a cycle, so where it starts does not matter.");
  assert.equal(orderSentence(["Develop", "See", "Explore", "Pose"], author, false),
    "None of the four is where I put it. In place 1 you put “Develop”; I put “Explore”.");
  assert.equal(orderSentence(["Explore", "Develop", "Pose", "See"], author, false),
    "Two of the four are where I put them. In place 2 you put “Develop”; I put “Pose”.");
  // A cycle is read by what follows what: here only "See" is followed by the stage I put after it.
  assert.equal(orderSentence(["Explore", "Develop", "Pose", "See"], author, true),
    "One of the four is followed by the one I put after it. After “Explore” you put “Develop”; I put “Pose”.");
  assert.equal(orderSentence(["Pose", "See", "Explore", "Develop"], author, true),
    "One of the four is followed by the one I put after it. After “Pose” you put “See”; I put “Develop”.");
  assert.equal(listed(["a", "b", "c"]), "a, b and c");
});
