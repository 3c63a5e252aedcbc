// Live notebooks: set up "Run in browser" on every page Material shows
// (instant navigation included), on each of its notebooks (a notebook page
// has one; the essay has a one-cell notebook per toy preview), and tear the
// previous page's down. The Python runtime itself (runtime.js) outlives pages.

import { mountLiveNotebooks } from "./notebook.js";

let teardown = () => {};
document$.subscribe(() => {
  teardown();
  teardown = mountLiveNotebooks(document);
});
