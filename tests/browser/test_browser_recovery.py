"""A Chromium that dies mid-run costs at most the test that was using it:
the `browser` fixture (tests/conftest.py) launches a fresh one for the next.

The two tests run in file order: the first kills the browser process, the
second is an ordinary test that must still get a working page."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from conftest import chromium_path
from playwright.sync_api import Error as PlaywrightError


def children(pid: int) -> list[int]:
    """The processes whose parent is pid (read from /proc, as psutil would)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def chromium_browser_processes() -> list[int]:
    """Chromium's main (browser) processes started by this test run: descendants of
    this process running the chromium binary, without the --type= of its helpers."""
    binary = os.path.realpath(chromium_path())
    found, todo = [], children(os.getpid())
    while todo:
        pid = todo.pop()
        todo.extend(children(pid))
        argv = command_line(pid)
        is_chromium = argv and (os.path.realpath(argv[0]) == binary or Path(argv[0]).name.startswith("chrom"))
        if is_chromium and not any(arg.startswith("--type=") for arg in argv):
            found.append(pid)
    return found


def test_a_killed_browser_is_replaced_by_a_working_one(browser, site_url):
    old = browser.current
    context = browser.new_context()
    context.new_page().goto(site_url)
    pids = chromium_browser_processes()
    assert pids, "found no Chromium browser process under this test run"

    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    # The dead browser's pipe closes: Playwright refuses what comes next and marks it disconnected.
    with pytest.raises(PlaywrightError):
        context.new_page()
    assert not old.is_connected()

    launches = browser.launches
    page = browser.new_page()
    page.goto(site_url)
    assert page.locator("article h1").first.is_visible()
    assert browser.launches == launches + 1
    assert browser.current.is_connected()
    page.close()


def test_the_next_test_gets_a_working_browser(page, site_url):
    page.goto(site_url)
    assert page.locator("article h1").first.inner_text()
