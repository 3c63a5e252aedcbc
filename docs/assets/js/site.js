// Site-wide entry point. Material re-emits document$ on every page load,
// including instant navigation, so each widget is set up from here.
// (The spectrum and the live notebooks register themselves below as they land.)
document$.subscribe(() => {
  document.documentElement.dataset.pageReady = "true";
});
