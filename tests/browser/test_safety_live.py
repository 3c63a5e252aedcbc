"""Reset in a live notebook gives a Python session that is fresh in fact (Debian's Chromium, the
specimen's notebook): what a cell changed for every namespace (builtins.print, json.dumps) is gone."""
from __future__ import annotations

import pytest
from conftest import open_context
from playwright.sync_api import expect
from test_live import RUN_TIMEOUT, SECOND, LivePage

PATCH = ("import builtins, json\n"
         "builtins.print = lambda *a, **k: None\n"
         "json.dumps = lambda *a, **k: '\"patched\"'\n")
CHECK = "import json\nprint('fresh', json.dumps({'a': 1}))"


@pytest.fixture
def live(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    session = LivePage(context.new_page(), watch, site_url)
    yield session
    context.close()
    session.assert_clean()


def test_reset_undoes_a_cell_that_replaced_print_and_json_dumps(live):
    live.open(SECOND)
    live.start()
    live.set_code(1, PATCH)
    assert live.run(1) == "done"
    live.set_code(1, CHECK)
    assert live.run(1) == "done"
    assert not any("fresh" in text for text in live.cell(1).locator(".live-output").all_inner_texts())  # print is patched
    live.page.get_by_role("button", name="Reset", exact=True).click()
    expect(live.page.locator(".live-bar__status")).to_contain_text("fresh Python session", timeout=RUN_TIMEOUT)
    live.set_code(1, CHECK)
    assert live.run(1) == "done"
    assert live.live_text(1).strip() == 'fresh {"a": 1}'
    # Run all after Reset: the notebook's own cells print and draw as built.
    live.page.get_by_role("button", name="Reset", exact=True).click()
    expect(live.page.locator(".live-bar__status")).to_contain_text("fresh Python session", timeout=RUN_TIMEOUT)
    outputs = live.run_all()
    assert all(cell["state"] == "done" for cell in outputs), [cell["state"] for cell in outputs]
    assert any(cell["liveText"] for cell in outputs)
