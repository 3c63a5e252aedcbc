"""What `mkdocs serve` needs beyond the built site, applied to its server only.

- Live reload under the strict Content-Security-Policy: MkDocs injects an
  inline reload script into every page it serves, different on each request
  (it carries the site's version and a request id). The policy the built site
  ships allows no such script, so each served page's policy gets the hash of
  exactly the script injected into that page, and nothing more.
- Every build error, every time: MkDocs drops a log line it has printed
  before, so the second identical mistake of a session showed only
  "Aborted with a BuildError!". Each build starts with that memory cleared.
- Toys edited while serving: the serving process builds again and again, so a
  toy module edited since its last build is imported afresh; otherwise the
  page kept the controls it was first imported with while the grid (computed
  in fresh processes) followed the file.
- The last good site keeps being served: a failed rebuild used to leave a
  half-cleaned site and requests waiting for a build that never came. Each
  rebuild starts from the last good site set aside, put back if it fails.
- No request fails because a rebuild began while it was being answered: MkDocs
  waits for a running build before it opens a file, but a build that starts
  between that wait and the read took the file away (a 404, or a 500 when it
  went between the open and the size). Such a request is answered again, from
  the rebuilt site.
- One rebuild per edit: a build imports the toys, and Python writes their
  bytecode into src/**/__pycache__, which the server watches (mkdocs.yml's
  watch: src); each toy edit was built, and the page reloaded, twice.
  Changes under __pycache__ are not the author's and start no build.
"""
from __future__ import annotations

import base64
import hashlib
import importlib
import logging
import re
import shutil
import sys
from pathlib import Path

from place_for_research import toys

from mkdocs.utils import DuplicateFilter

log = logging.getLogger("mkdocs.place_for_research")
_POLICY = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src )')


def script_hash(script: bytes) -> bytes:
    """The CSP source that allows exactly this inline script's text."""
    return b"'sha256-" + base64.b64encode(hashlib.sha256(script).digest()) + b"'"


def allow_injected_script(page: bytes, served: bytes) -> bytes:
    """served (page with MkDocs' reload script added before </body>), its policy allowing that script."""
    at = page.rindex(b"</body>") if b"</body>" in page else len(page)
    injected = served[at: at + len(served) - len(page)]
    script = re.fullmatch(rb"<script>(.*)</script>", injected, re.DOTALL)
    if script is None:  # not the injection this code knows: leave the policy strict
        return served
    return _POLICY.sub(lambda m: m.group(1) + script_hash(script.group(1)) + b" ", served, count=1)


_toys_built: list[str] = []  # the toys' source version this process last built with (MkDocs reloads the hooks)


def reload_edited_toys(version: str) -> None:
    """Import the loaded toy modules afresh when the toys' source (version) changed since the last build."""
    if _toys_built and _toys_built[-1] != version:
        for name in toys.names():
            module = sys.modules.get(f"{toys.__name__}.{name}")
            if module is not None:
                importlib.reload(module)
    _toys_built[:] = [version]


def forget_logged_messages() -> None:
    """Let this build print what an earlier build printed (MkDocs' duplicate filter)."""
    for log_filter in logging.getLogger("mkdocs.commands.build").filters:
        if isinstance(log_filter, DuplicateFilter):
            log_filter.msgs.clear()


_rebuilds_started = [0]  # how many rebuilds this server has begun; a request compares it before and after


def keeping_last_good_site(server, build):
    """build, wrapped: the served folder holds the last good site whatever the build does."""
    root = Path(server.root)
    kept = root.with_name(root.name + "-last-good")

    def rebuild(*args, **kwargs):
        _rebuilds_started[0] += 1
        forget_logged_messages()
        shutil.rmtree(kept, ignore_errors=True)
        root.rename(kept)  # requests wait while a build runs, so none sees the folder gone
        root.mkdir()
        try:
            build(*args, **kwargs)
        except Exception:
            shutil.rmtree(root, ignore_errors=True)
            kept.rename(root)
            with server._epoch_cond:  # no new site: requests stop waiting for one
                server._wanted_epoch = server._visible_epoch
                server._epoch_cond.notify_all()
            log.error("The build failed (above); still serving the last good site. Fix it and save.")
            return
        shutil.rmtree(kept, ignore_errors=True)

    return rebuild


def answered_across_rebuilds(serve):
    """serve (MkDocs' request handler), asked again when a rebuild began while it was answering."""
    def serve_request(environ, start_response):
        while True:
            started = _rebuilds_started[0]
            try:
                answer = serve(environ, start_response)
            except FileNotFoundError:
                if _rebuilds_started[0] == started:
                    raise
                continue  # MkDocs waits for the rebuild before it looks again
            if answer is not None or _rebuilds_started[0] == started:
                return answer

    return serve_request


def is_bytecode(event) -> bool:
    """A file event inside a __pycache__ folder (Python's own cache, written by imports)."""
    paths = (event.src_path, getattr(event, "dest_path", "") or "")
    return any("__pycache__" in Path(str(path)).parts for path in paths if path)


def ignoring_bytecode(schedule):
    """observer.schedule, each handler it is given deaf to is_bytecode events."""
    def schedule_handler(handler, path, **options):
        react = handler.on_any_event
        handler.on_any_event = lambda event: None if is_bytecode(event) else react(event)
        return schedule(handler, path, **options)

    return schedule_handler


def adapt(server):
    """The MkDocs LiveReloadServer, adapted as the module's docstring says."""
    inject = server._inject_js_into_html
    server._inject_js_into_html = lambda content, epoch: allow_injected_script(content, inject(content, epoch))
    server.builder = keeping_last_good_site(server, server.builder)
    server._serve_request = answered_across_rebuilds(server._serve_request)
    server.observer.schedule = ignoring_bytecode(server.observer.schedule)  # watch: src is added after this
    return server
