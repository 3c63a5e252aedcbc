// Site-wide entry point (an ES module). Each feature module subscribes to
// Material's document$, which emits on every page load, instant navigation
// included, and sets up the widgets of the new page.
document$.subscribe(() => {
  document.documentElement.dataset.pageReady = "true";
});
