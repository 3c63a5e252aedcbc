"""Messages that name something from outside (a share link's or an imported file's paper id) read
in order in Debian's Chromium: a right-to-left override in the id does not reverse them."""
from __future__ import annotations

from playwright.sync_api import expect
from test_spectrum import MAP, OTHER_PAGE, PLANE, open_essay, ready, share_link, status

RLO = "\u202e"
ACTIVE = [RLO, "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b"]


def test_a_share_link_id_with_a_right_to_left_override_is_shown_in_order(watched, site_url):
    page, _ = watched
    page.goto(site_url + OTHER_PAGE)
    page.goto(site_url + share_link(f"1406.2661{RLO}live:-.19:.2"))
    fig = ready(page, MAP)
    expect(status(fig)).to_contain_text("Your map is unchanged.")
    text = status(fig).inner_text()
    assert not any(char in text for char in ACTIVE), repr(text)


def test_an_imported_id_with_a_right_to_left_override_is_shown_in_order(watched, site_url, tmp_path):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    bad = tmp_path / "map.json"
    bad.write_text('{"version": 2, "placements": [{"id": "1406.2661' + RLO + 'live", "x": 0, "y": 0}]}', encoding="utf-8")
    fig.locator("input[type=file]").set_input_files(str(bad))
    expect(status(fig)).to_contain_text("Your map is unchanged.")
    text = status(fig).inner_text()
    assert "[U+202E]" in text and not any(char in text for char in ACTIVE), repr(text)
