// Pure logic of a toy's data file (written by place_for_research/builder/toy_grid.py):
// which grid point the chosen controls select, and that point's figure (its
// readouts come written, digits and units included). No DOM here: tested with node --test.

/**
 * @typedef {{name: string, values: Array<string|number|boolean>, default: number}} GridControl
 * @typedef {{layout: object, traces: object[]} | null} SharedFigure
 * @typedef {{figures: Object<string, object[] | {data: object[], layout: object}>, readouts: Object<string, string>}} GridPoint
 * @typedef {{version: 2, toy: string, controls: GridControl[], figures: Object<string, SharedFigure>, points: GridPoint[]}} ToyData
 */

/**
 * What the page expects of its data file: the number of values of each control
 * it shows (by name), and the name of the figure it draws.
 * @typedef {{controls?: Object<string, number>, figure?: string}} PageExpects
 */

/**
 * Check a fetched data file before anything reads it: its grid, that it fits the
 * page (each control the page shows, with as many values; the page's figure), and
 * that every point holds every figure in the shape figureAt reads. A file that
 * does not fit would throw when the reader moves a control, or draw empty axes.
 * @param {any} payload
 * @param {PageExpects} [expects]
 * @returns {ToyData}
 * @throws {Error} saying what is wrong
 */
export function validateToyData(payload, expects = {}) {
  const fail = (message) => { throw new Error(`the toy's data file is not usable: ${message}`); };
  if (!payload || typeof payload !== "object") fail("not an object");
  if (payload.version !== 2) fail(`version ${payload.version} (this page reads version 2)`);
  if (!Array.isArray(payload.controls) || !Array.isArray(payload.points)) fail("controls or points missing");
  let size = 1;
  for (const control of payload.controls) {
    if (typeof control?.name !== "string" || !Array.isArray(control.values) || !control.values.length) fail("a control has no name or values");
    if (!Number.isInteger(control.default) || control.default < 0 || control.default >= control.values.length) fail(`control ${control.name}: bad default`);
    size *= control.values.length;
  }
  if (payload.points.length !== size) fail(`${payload.points.length} points for a grid of ${size}`);
  if (!payload.figures || typeof payload.figures !== "object" || Array.isArray(payload.figures)) fail("figures missing");
  for (const [name, count] of Object.entries(expects.controls ?? {})) {
    const control = payload.controls.find((c) => c.name === name);
    if (!control) fail(`it has no control "${name}", which this page shows`);
    else if (control.values.length !== count) fail(`control "${name}" has ${control.values.length} values where this page offers ${count}`);
  }
  const names = Object.keys(payload.figures);
  if (!names.length) fail("it holds no figures");
  if (expects.figure && !names.includes(expects.figure)) fail(`it has no figure "${expects.figure}", which this page draws`);
  payload.points.forEach((/** @type {any} */ point, /** @type {number} */ index) => {
    for (const name of names) {
      const problem = figureProblem(payload.figures[name], point?.figures?.[name]);
      if (problem) fail(`point ${index + 1}, figure "${name}": ${problem}`);
    }
    if (!point?.readouts || typeof point.readouts !== "object"
      || !Object.values(point.readouts).every((text) => typeof text === "string")) fail(`point ${index + 1}: readouts must be text`);
  });
  return payload;
}

/**
 * What is wrong with one point's part of a figure, given the figure's shared part, or "".
 * @param {any} shared @param {any} own
 */
function figureProblem(shared, own) {
  if (own === undefined) return "missing";
  if (shared === null) {
    return own && typeof own === "object" && Array.isArray(own.data) ? "" : "not a figure (no data list)";
  }
  if (!shared || typeof shared !== "object" || !Array.isArray(shared.traces)) return "its shared part has no traces";
  if (!Array.isArray(own) || own.length !== shared.traces.length) return `${Array.isArray(own) ? own.length : "no"} traces where the figure has ${shared.traces.length}`;
  return "";
}

/**
 * The grid point for the chosen value indices (the first control varies slowest,
 * as in controls.grid()); a control not chosen keeps its default.
 * @param {GridControl[]} controls
 * @param {Object<string, number>} chosen value index by control name
 * @returns {number}
 */
export function pointIndex(controls, chosen) {
  let index = 0;
  for (const control of controls) {
    const pick = chosen[control.name] ?? control.default;
    if (!Number.isInteger(pick) || pick < 0 || pick >= control.values.length) {
      throw new RangeError(`control ${control.name}: no value at index ${pick}`);
    }
    index = index * control.values.length + pick;
  }
  return index;
}

/**
 * The value indices of a grid point (the inverse of pointIndex).
 * @param {GridControl[]} controls
 * @param {number} index
 * @returns {Object<string, number>}
 */
export function choiceAt(controls, index) {
  /** @type {Object<string, number>} */
  const chosen = {};
  for (let i = controls.length - 1; i >= 0; i -= 1) {
    const size = controls[i].values.length;
    chosen[controls[i].name] = index % size;
    index = Math.floor(index / size);
  }
  return chosen;
}

/**
 * One point's figure: the shared layout and trace styles merged with the point's own part.
 * @param {ToyData} payload
 * @param {number} index grid point
 * @param {string} name figure name
 * @returns {{data: object[], layout: object}}
 */
export function figureAt(payload, index, name) {
  const shared = payload.figures[name];
  const own = payload.points[index]?.figures?.[name];
  if (own === undefined) throw new Error(`no figure ${name} at point ${index}`);
  if (shared === null || shared === undefined) return /** @type {any} */ (own);
  return {
    data: shared.traces.map((trace, i) => ({ ...trace, ...(/** @type {object[]} */ (own)[i] || {}) })),
    layout: shared.layout,
  };
}

