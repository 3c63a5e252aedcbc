"""The dev server answers a request that a rebuild interrupted from the rebuilt site,
and still reports a file that is really missing (the race itself is timed by the
rebuild's start, so it is staged here step by step)."""
from __future__ import annotations

import pytest

from place_for_research.builder import dev_server


def staged(*steps):
    """A stand-in for MkDocs' request handler playing steps in turn: a step is an answer,
    an exception to raise, or "rebuild" (a rebuild begins, then the file is gone)."""
    calls = []

    def serve(environ, start_response):
        step = steps[len(calls)]
        calls.append(step)
        if step == "rebuild":
            dev_server._rebuilds_started[0] += 1
            raise FileNotFoundError("site/assets/js/chart-svg.js")
        if step == "rebuild, then not found":
            dev_server._rebuilds_started[0] += 1
            return None
        if isinstance(step, Exception):
            raise step
        return step

    return dev_server.answered_across_rebuilds(serve), calls


def test_a_file_taken_away_by_a_starting_rebuild_is_served_from_the_rebuilt_site():
    serve, calls = staged("rebuild", [b"rebuilt"])
    assert serve({}, None) == [b"rebuilt"]
    assert len(calls) == 2


def test_a_not_found_during_a_starting_rebuild_is_asked_again():
    serve, calls = staged("rebuild, then not found", [b"rebuilt"])
    assert serve({}, None) == [b"rebuilt"]
    assert len(calls) == 2


def test_a_file_missing_with_no_rebuild_is_still_not_found():
    serve, calls = staged(None)
    assert serve({}, None) is None
    assert len(calls) == 1


def test_a_file_vanishing_with_no_rebuild_is_still_an_error():
    serve, _ = staged(FileNotFoundError("gone"))
    with pytest.raises(FileNotFoundError):
        serve({}, None)


def test_python_bytecode_written_by_a_build_starts_no_rebuild():
    from watchdog.events import FileCreatedEvent, FileModifiedEvent, FileMovedEvent

    heard = []

    class Handler:
        def on_any_event(self, event):
            heard.append(event.src_path)

    scheduled = []
    schedule = dev_server.ignoring_bytecode(lambda handler, path, **options: scheduled.append(handler))
    schedule(Handler(), "src", recursive=True)
    handler = scheduled[0]
    handler.on_any_event(FileCreatedEvent("src/place_for_research/toys/__pycache__/scaling_law.cpython-311.pyc.1402"))
    handler.on_any_event(FileMovedEvent("src/place_for_research/toys/__pycache__/x.pyc.1402",
                                        "src/place_for_research/toys/__pycache__/scaling_law.cpython-311.pyc"))
    handler.on_any_event(FileModifiedEvent("src/place_for_research/toys/scaling_law.py"))
    assert heard == ["src/place_for_research/toys/scaling_law.py"]
