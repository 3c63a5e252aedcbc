// A code block wider than the page scrolls sideways; a keyboard must be able to
// reach it to scroll it. Material makes such a block focusable only where a
// pointer can hover, so on a touch screen (a phone with a keyboard, a tablet)
// it could not be reached. This makes every block that scrolls focusable and
// named, whatever the pointer, and plain again once it fits.

const LABEL = "Code, scrolls sideways";

/** @param {HTMLElement} code a `pre > code` block */
function update(code) {
  if (code.scrollWidth > code.clientWidth) {
    code.tabIndex = 0;
    code.setAttribute("role", "region");
    code.setAttribute("aria-label", LABEL);
  } else if (code.getAttribute("aria-label") === LABEL) {
    code.removeAttribute("tabindex");
    code.removeAttribute("role");
    code.removeAttribute("aria-label");
  }
}

// Material sets or removes the tabindex when a block's size changes, in its own
// resize observer: this one's answer comes after it, in the next frame.
const sizes = new ResizeObserver((entries) => requestAnimationFrame(() => {
  for (const entry of entries) update(/** @type {HTMLElement} */ (entry.target));
}));

document$.subscribe(() => {
  sizes.disconnect();
  for (const code of document.querySelectorAll(".md-typeset pre > code")) sizes.observe(code);
});
