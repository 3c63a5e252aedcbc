"""`place-for-research add-paper`: a paper from its arXiv id, against recorded API answers (no network).

The papers file and taxonomy are small ones written here (see test_cli_merge),
so a fork that has replaced docs/data/ still passes."""
from __future__ import annotations

import urllib.error
import urllib.parse
from pathlib import Path

import pytest
from test_cli_merge import PAPERS, TAXONOMY

from place_for_research.fork import arxiv, cli
from place_for_research.data.catalogue import load_site_data

ROOT = Path(__file__).resolve().parents[2]
RECORDED = ROOT / "tests" / "fixtures" / "arxiv"


class FakeResponse:
    def __init__(self, body: bytes):
        self.body = body

    def read(self, size: int = -1) -> bytes:
        return self.body if size < 0 else self.body[:size]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class RecordedArxiv:
    """Stands in for urllib's urlopen: answers from tests/fixtures/arxiv and records each request."""

    def __init__(self, answers: dict[str, str] | None = None):
        self.requests: list = []
        self.answers = answers or {}

    def __call__(self, request, timeout=None):
        self.requests.append(request)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(request.full_url).query)
        paper_id = query["id_list"][0]
        name = self.answers.get(paper_id, f"{paper_id}.xml")
        return FakeResponse((RECORDED / name).read_bytes())


@pytest.fixture
def data(tmp_path):
    """(papers, taxonomy, cache dir): a small papers file without 2209.10652 and 2011.13456."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    text = PAPERS
    for paper_id in ("2209.10652", "2011.13456"):
        start = text.index(f'  - id: "{paper_id}"')
        end = text.find("  - id:", start + 10)
        text = text[:start] + (text[end:] if end != -1 else "")
    (folder / "papers.yml").write_text(text, encoding="utf-8")
    return folder / "papers.yml", folder / "taxonomy.yml", tmp_path / "cache"


@pytest.fixture
def api(monkeypatch):
    recorded = RecordedArxiv()
    monkeypatch.setattr(arxiv, "urlopen", recorded)
    monkeypatch.setattr(arxiv.time, "sleep", lambda seconds: pytest.fail("slept without need"))
    return recorded


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_adds_the_paper_from_the_recorded_answer(data, api, capsys):
    papers, taxonomy, cache = data
    before = papers.read_text(encoding="utf-8")

    code, out, err = run(capsys, "add-paper", "2209.10652", "--papers", papers, "--cache-dir", cache)

    assert code == 0, err
    assert "Added 2209.10652" in out and "from the arXiv API" in out
    paper = load_site_data(papers, taxonomy).paper("2209.10652")
    assert paper.title == "Toy Models of Superposition"
    assert paper.authors[0] == "Nelson Elhage" and paper.authors[-1] == "Christopher Olah"
    assert len(paper.authors) == 16
    assert paper.year == 2022
    assert paper.url == "https://arxiv.org/abs/2209.10652"
    assert paper.placement is None
    # Appended at the end, in the file's style; everything before it is unchanged.
    after = papers.read_text(encoding="utf-8")
    assert after.startswith(before)
    added = after[len(before):].splitlines()
    assert added[0] == '  - id: "2209.10652"'
    assert added[1] == "    title: Toy Models of Superposition"
    assert added[2].startswith("    authors: [Nelson Elhage, Tristan Hume, ")
    assert added[3:] == ["    year: 2022", "    url: https://arxiv.org/abs/2209.10652"]
    # One polite request, named, for exactly that id; the raw answer is cached.
    assert len(api.requests) == 1
    request = api.requests[0]
    assert request.full_url == "https://export.arxiv.org/api/query?id_list=2209.10652"
    assert "place-for-research" in request.get_header("User-agent")
    assert (cache / "2209.10652.xml").read_bytes() == (RECORDED / "2209.10652.xml").read_bytes()
    assert (cache / "last-request").exists()


def test_a_wrapped_title_is_normalised_and_a_note_can_be_given(data, api, capsys):
    papers, taxonomy, cache = data

    code, out, err = run(capsys, "add-paper", "https://arxiv.org/abs/2011.13456v2", "--papers", papers,
                         "--cache-dir", cache, "--note", "Noise  as an\nSDE.")

    assert code == 0, err
    paper = load_site_data(papers, taxonomy).paper("2011.13456")
    assert paper.title == "Score-Based Generative Modeling through Stochastic Differential Equations"
    assert paper.authors == ("Yang Song", "Jascha Sohl-Dickstein", "Diederik P. Kingma", "Abhishek Kumar",
                             "Stefano Ermon", "Ben Poole")
    assert paper.year == 2020  # the first version's date, not the latest's
    assert paper.note == "Noise as an SDE."


def test_the_cache_answers_the_second_time_without_the_network(data, api, capsys, monkeypatch):
    papers, taxonomy, cache = data
    assert run(capsys, "add-paper", "2209.10652", "--papers", papers, "--cache-dir", cache)[0] == 0
    # Start again from the file without the paper: the cached answer is used, offline.
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text[: text.index('  - id: "2209.10652"')], encoding="utf-8")

    def offline(request, timeout=None):
        raise urllib.error.URLError("no network in this test")
    monkeypatch.setattr(arxiv, "urlopen", offline)

    code, out, err = run(capsys, "add-paper", "arXiv:2209.10652", "--papers", papers, "--cache-dir", cache)

    assert code == 0, err
    assert "from the cache" in out
    assert load_site_data(papers, taxonomy).paper("2209.10652").year == 2022


def test_offline_it_fails_clearly_and_leaves_the_file_alone(data, capsys, monkeypatch):
    papers, _, cache = data
    before = papers.read_bytes()

    def offline(request, timeout=None):
        raise urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))
    monkeypatch.setattr(arxiv, "urlopen", offline)

    code, out, err = run(capsys, "add-paper", "2209.10652", "--papers", papers, "--cache-dir", cache)

    assert code == 1
    assert out == ""
    assert err.startswith("place-for-research add-paper: error: could not reach the arXiv API (")
    assert "Temporary failure in name resolution" in err
    assert "check your connection, or add the entry by hand" in err
    assert 'id: "2209.10652"' in err and "https://arxiv.org/abs/2209.10652" in err
    assert "Traceback" not in err  # one line, then the entry to paste (test_add_paper_offline.py)
    assert papers.read_bytes() == before
    assert not (cache / "2209.10652.xml").exists()


def test_an_http_error_is_explained(data, capsys, monkeypatch):
    papers, _, cache = data
    before = papers.read_bytes()

    def busy(request, timeout=None):
        raise urllib.error.HTTPError(request.full_url, 503, "Service Unavailable", {}, None)
    monkeypatch.setattr(arxiv, "urlopen", busy)

    code, out, err = run(capsys, "add-paper", "2209.10652", "--papers", papers, "--cache-dir", cache)

    assert code == 1
    assert "HTTP 503 Service Unavailable" in err and "slow down" in err
    assert papers.read_bytes() == before


@pytest.mark.parametrize("answer, message", [
    ("error-malformed-id.xml", "the arXiv API refused '2209.99999': incorrect id format for 2209.99999"),
    ("empty-feed.xml", "arXiv has no paper with id 2209.99999"),
])
def test_an_id_arxiv_does_not_know_is_reported_and_not_cached(data, capsys, monkeypatch, answer, message):
    papers, _, cache = data
    before = papers.read_bytes()
    monkeypatch.setattr(arxiv, "urlopen", RecordedArxiv({"2209.99999": answer}))

    code, out, err = run(capsys, "add-paper", "2209.99999", "--papers", papers, "--cache-dir", cache)

    assert code == 1
    assert message in err
    assert papers.read_bytes() == before
    assert not (cache / "2209.99999.xml").exists()


def test_a_paper_already_there_is_left_as_it_is(data, api, capsys):
    papers, _, cache = data
    before = papers.read_bytes()

    code, out, err = run(capsys, "add-paper", "1406.2661v1", "--papers", papers, "--cache-dir", cache)

    assert code == 0, err
    assert "1406.2661 is already in" in out and "Generative Adversarial Networks" in out and "(line 5)" in out
    assert papers.read_bytes() == before
    assert api.requests == []


@pytest.mark.parametrize("text", ["not-an-id", "1406", "https://example.org/abs/1406.2661"])
def test_something_that_is_not_an_arxiv_id_is_refused_before_any_request(data, api, capsys, text):
    papers, _, cache = data
    code, out, err = run(capsys, "add-paper", text, "--papers", papers, "--cache-dir", cache)
    assert code == 1
    assert "is not an arXiv id" in err
    assert api.requests == []


def test_normalise_id_accepts_the_usual_spellings():
    assert arxiv.normalise_id("2209.10652") == "2209.10652"
    assert arxiv.normalise_id(" arXiv:2209.10652v3 ") == "2209.10652"
    assert arxiv.normalise_id("https://arxiv.org/pdf/2209.10652v1.pdf") == "2209.10652"
    assert arxiv.normalise_id("http://arxiv.org/abs/hep-th/9901001") == "hep-th/9901001"


def test_requests_are_spaced_three_seconds_apart(tmp_path):
    """The rate limit holds across runs: the last request's time is kept in the cache folder."""
    now = [1000.0]
    slept: list[float] = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    bodies = {name: (RECORDED / f"{name}.xml").read_bytes() for name in ("2209.10652", "2011.13456")}
    fetched: list[float] = []

    def fetch(url, headers, timeout):
        fetched.append(now[0])
        return bodies[urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["id_list"][0]]

    arxiv.fetch_atom("2209.10652", tmp_path, fetch=fetch, clock=lambda: now[0], sleep=sleep)
    now[0] += 1.0  # the next run starts one second later
    arxiv.fetch_atom("2011.13456", tmp_path, fetch=fetch, clock=lambda: now[0], sleep=sleep)

    assert slept == [pytest.approx(2.0)]
    assert fetched[1] - fetched[0] == pytest.approx(3.0)
    # A cached id makes no request and does not wait.
    arxiv.fetch_atom("2209.10652", tmp_path, fetch=fetch, clock=lambda: now[0], sleep=sleep)
    assert len(fetched) == 2 and len(slept) == 1


def test_the_api_is_asked_over_https_and_an_oversized_answer_is_refused(data, capsys, monkeypatch):
    papers, _, cache = data
    before = papers.read_bytes()
    asked = []

    def flood(request, timeout=None):
        asked.append(request.full_url)
        return FakeResponse(b"<feed>" + b" " * 2_000_000)
    monkeypatch.setattr(arxiv, "urlopen", flood)

    code, out, err = run(capsys, "add-paper", "2209.10652", "--papers", papers, "--cache-dir", cache)

    assert asked and all(url.startswith("https://") for url in asked)
    assert code == 1
    assert "more than 1000 kB" in err and "Traceback" not in err
    assert papers.read_bytes() == before
    assert not (cache / "2209.10652.xml").exists()
