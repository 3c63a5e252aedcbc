// Toys a reader plays with (```toy fences): set up on every page Material
// shows, instant navigation included, and torn down when the page goes.
import { mountToy } from "./widget.js";

/** @type {Array<() => void>} */
let teardowns = [];

document$.subscribe(() => {
  teardowns.forEach((teardown) => teardown());
  teardowns = [...document.querySelectorAll("figure.toy")].map((figure) => mountToy(/** @type {HTMLElement} */ (figure)));
});
