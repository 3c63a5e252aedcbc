// A figure's lifecycle starts here: its heavy parts (data, drawings) are fetched
// only when it comes near the viewport. One helper for every kind of figure.

/**
 * Run `callback` once when `element` comes within `margin` of the viewport.
 * @param {Element} element
 * @param {() => void} callback
 * @param {string} [margin]
 * @returns {() => void} cancels the watch
 */
export function whenNearViewport(element, callback, margin = "600px") {
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      callback();
    }
  }, { rootMargin: margin });
  observer.observe(element);
  return () => observer.disconnect();
}
