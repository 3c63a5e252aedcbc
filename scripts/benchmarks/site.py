"""Page weight and first paint of each kind of page, cold cache, in Chromium."""
from __future__ import annotations

import statistics

PAGES = {"specimen page": "", "notebook page": "notebooks/specimen-decoding/"}
REPEATS = 5

# Bytes of every resource that finished before first contentful paint, and in all by the load event.
MEASURE = """() => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const bytes = (list) => list.reduce((sum, r) => sum + (r.transferSize || r.encodedBodySize || 0), 0);
  const own = nav.transferSize || nav.encodedBodySize;
  return {
    fcp, load: nav.loadEventEnd,
    before_paint: own + bytes(resources.filter((r) => r.responseEnd <= fcp)),
    total: own + bytes(resources),
  };
}"""


def run(site_url, site_dir, browser, report):
    for name, path in PAGES.items():
        samples = []
        for _ in range(REPEATS):
            context = browser.new_context()  # a new context is a cold cache
            page = context.new_page()
            page.goto(site_url + path, wait_until="load")
            page.wait_for_timeout(300)
            samples.append(page.evaluate(MEASURE))
            context.close()
        def median(key):
            return statistics.median(s[key] for s in samples)
        report(f"{name}: bytes before first paint (uncompressed)", median("before_paint") / 1024, "KiB")
        report(f"{name}: bytes by the load event (uncompressed)", median("total") / 1024, "KiB")
        report(f"{name}: first contentful paint (median of {REPEATS})", median("fcp"), "ms")
        report(f"{name}: load event (median of {REPEATS})", median("load"), "ms")
