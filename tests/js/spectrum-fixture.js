// A small catalogue for the spectrum's unit tests (the shape the build embeds).
import { createModel } from "../../docs/assets/js/spectrum/model.js";

export const CATALOGUE = {
  version: 1,
  taxonomy: {
    title: "Research spectrum",
    x: { name: "Structural ↔ developmental", min: -1, max: 1, low: "Structural", high: "Developmental" },
    y: { name: "How exploratory", min: 0, max: 1, low: "Building", high: "Exploratory" },
    categories: [
      { id: "laws-of-math", name: "Laws of math", colour: "#3f6fd8", definition: "Derived." },
      { id: "laws-of-code", name: "Laws of code", colour: "#d9822b", definition: "Found." },
    ],
  },
  papers: [
    { id: "1406.2661", title: "Generative Adversarial Networks", authors: ["Ian J. Goodfellow", "Yoshua Bengio"], year: 2014, url: "https://arxiv.org/abs/1406.2661" },
    { id: "2011.13456", title: "Score-Based Generative Modeling through SDEs", authors: ["Yang Song"], year: 2020, url: "https://arxiv.org/abs/2011.13456", grounding: "laws-of-math" },
    { id: "2001.08361", title: "Scaling Laws for Neural Language Models", authors: ["Jared Kaplan", "Sam McCandlish"], year: 2020, url: "https://arxiv.org/abs/2001.08361", grounding: "laws-of-code" },
    { id: "1706.03762", title: "Attention Is All You Need", authors: ["Ashish Vaswani et al."], year: 2017, url: "https://arxiv.org/abs/1706.03762" },
  ],
};

export const model = () => createModel(structuredClone(CATALOGUE));

/** An in-memory localStorage. */
export function memoryStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
  };
}
