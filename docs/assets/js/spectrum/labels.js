// Where each text on a chart goes so that none covers another: a paper's
// label beside its dot (right, left, above or below: the first side that
// stays on the chart and clear of what is already there), and whether a
// text that cannot move (a distance on the author's map) is shown at all.
// A label with no room is not drawn: the paper's name shows on hover and
// focus (the tooltip), and in its accessible name. Pure: node:test imports it.

/** @typedef {{left: number, top: number, right: number, bottom: number}} Box */
/** @typedef {"right" | "left" | "above" | "below"} Side */

/** The sides tried, in order: beside the dot reads best, then above, then below. */
export const SIDES = /** @type {Side[]} */ (["right", "left", "above", "below"]);
/** Pixels between a dot's edge and its label. */
const GAP = 3;

/** @param {Box} a @param {Box} b do they overlap (touching edges do not)? */
export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** @param {Box} box @param {Box} bounds is the box wholly inside? */
export function inside(box, bounds) {
  return box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
}

/**
 * The box of a label of this size on one side of a dot centred at (px, py).
 * @param {Side} side @param {number} px @param {number} py
 * @param {number} width @param {number} height the label's size @param {number} dot the dot's diameter
 * @returns {Box}
 */
export function labelBox(side, px, py, width, height, dot) {
  const r = dot / 2;
  if (side === "right") return { left: px + r + GAP, right: px + r + GAP + width, top: py - height / 2, bottom: py + height / 2 };
  if (side === "left") return { left: px - r - GAP - width, right: px - r - GAP, top: py - height / 2, bottom: py + height / 2 };
  if (side === "above") return { left: px - width / 2, right: px + width / 2, top: py - r - 1 - height, bottom: py - r - 1 };
  return { left: px - width / 2, right: px + width / 2, top: py + r + 1, bottom: py + r + 1 + height };
}

/**
 * Lay out the papers' labels, left to right (then top to bottom), each on the first side
 * that fits inside the bounds and overlaps no obstacle, no dot and no label placed before.
 * @param {{id: string, px: number, py: number, width: number, height: number}[]} items
 * @param {{obstacles: Box[], bounds: Box, dot: number}} where obstacles: texts and marks already drawn
 * @returns {Map<string, {side: Side, box: Box} | null>} null: no room, the label is not drawn
 */
export function layoutLabels(items, { obstacles, bounds, dot }) {
  const r = dot / 2;
  const taken = [...obstacles, ...items.map(({ px, py }) => ({ left: px - r, right: px + r, top: py - r, bottom: py + r }))];
  const result = new Map();
  const ordered = [...items].sort((a, b) => a.px - b.px || a.py - b.py || (a.id < b.id ? -1 : 1));
  for (const { id, px, py, width, height } of ordered) {
    let chosen = null;
    for (const side of SIDES) {
      const box = labelBox(side, px, py, width, height, dot);
      if (inside(box, bounds) && !taken.some((other) => overlaps(box, other))) {
        chosen = { side, box };
        break;
      }
    }
    if (chosen) taken.push(chosen.box);
    result.set(id, chosen);
  }
  return result;
}

/**
 * Texts that cannot move: keep each, in order, that stays inside the bounds and overlaps
 * nothing taken and no text kept before it.
 * @param {Box[]} boxes @param {{obstacles: Box[], bounds: Box}} where
 * @returns {boolean[]} kept, per box
 */
export function keepClear(boxes, { obstacles, bounds }) {
  const taken = [...obstacles];
  return boxes.map((box) => {
    const keep = inside(box, bounds) && !taken.some((other) => overlaps(box, other));
    if (keep) taken.push(box);
    return keep;
  });
}
