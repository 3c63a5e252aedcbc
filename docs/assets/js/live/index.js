// Live notebooks: set up "Run in browser" on every page Material shows
// (instant navigation included), and tear the previous page's down. The
// Python runtime itself (runtime.js) outlives pages.

import { mountLiveNotebook } from "./notebook.js";

let teardown = () => {};
document$.subscribe(() => {
  teardown();
  teardown = mountLiveNotebook(document);
});
