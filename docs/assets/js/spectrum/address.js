// Keeps a share link's fragment (#map=...) in the address bar while it still
// means something: until the reader decides about a shared map, or, after
// "Copy share link", until the map changes. Material's section tracking
// rewrites the address with history.replaceState as the page scrolls (and
// its instant navigation may redraw the page on a hash change), which would
// otherwise drop the link the reader is about to copy or has just opened.

/** @type {{path: string, hash: string} | null} */
let kept = null;
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  const native = history.replaceState;
  /** @this {History} @param {unknown} state @param {string} unused @param {string | URL | null} [url] */
  history.replaceState = function replaceState(state, unused, url) {
    if (kept && url !== undefined && url !== null) {
      const next = new URL(String(url), location.href);
      // Only the same page's fragment is held; a URL with a search (Material's search) passes.
      if (next.pathname === kept.path && next.hash !== kept.hash && next.search === location.search) {
        next.hash = kept.hash;
        url = next.href;
      }
    }
    return native.call(this, state, unused, url);
  };
}

/** @param {string} hash "#map=2...." to hold on this page */
export function keepFragment(hash) {
  install();
  kept = { path: location.pathname, hash };
}

/** Stop holding the fragment (the reader decided, the map changed, or they left the page). */
export function releaseFragment() {
  kept = null;
}

/** @returns {string | null} the fragment being held on this page, if any */
export function keptFragment() {
  return kept && kept.path === location.pathname ? kept.hash : null;
}
