"""Fences whose sentences read the reader: ```reading and ```order.

An author writes, anywhere in the essay:

    ```reading
    kind: grounding            # the reader's marks on their structural papers, against the author's
    papers: ["2011.13456", "2001.08361"]   # optional: count only these (default: every paper)
    ```

    ```reading
    kind: pair                 # where the reader put the first paper against the others
    papers: ["2209.10652", "2309.08600"]
    names: [the superposition paper, the sparse autoencoder paper]   # optional; default: titles
    ```

    ```reading
    kind: readers-contested    # from the readers' map, at build (readers_sentences): the contested papers
    papers: ["2303.01469"]     # optional: read these papers only
    ```

    ```reading
    kind: readers-grounding    # how often readers mark their structural papers as resting on category
    category: laws-of-code     # optional; default: the taxonomy's last category
    ```

    ```order
    question: In what order do the four stages come?
    items: [Explore, Pose a structure, Develop it, See new behaviour]   # the author's order
    cycle: true                # optional: any starting point is right
    caption: The research cycle.
    ```

A readers-… reading is written once, at build, from the readers' map (no script
reads it). Any other reading renders a sentence at build (``fallback``, or an invitation to place
papers) that the browser replaces with one computed from the reader's map
(assets/js/readings/). An order shows its items shuffled (the same shuffle at
every build) for the reader to order and commit; the author's order is in the
page for readers without JavaScript, and hidden by the script until the reader
commits. Every text goes into the page escaped.
"""
from __future__ import annotations

import hashlib
import html
import random

from pymdownx.superfences import SuperFencesException

from place_for_research.builder import build_context, readers_sentences
from place_for_research.builder.fence_options import FenceError, parse_options
from place_for_research.builder.spectrum_figure import json_attribute

READING_KINDS = ("grounding", "pair", *readers_sentences.KINDS)
READING_OPTIONS = ("kind", "papers", "names", "fallback", "category")
ORDER_OPTIONS = ("question", "items", "cycle", "caption")


class ReadingFenceError(FenceError, SuperFencesException):
    """A broken ```reading or ```order fence: stops the build instead of showing as a code block.
    ``option`` names the fence line at fault, for the page:line message."""

    def __init__(self, message: str, option: str | None = None):
        super().__init__(message)
        self.option = option


def _options(source: str, known: tuple[str, ...]) -> dict:
    try:
        return parse_options(source, known)
    except FenceError as error:
        raise ReadingFenceError(str(error), error.option) from None


def _text(settings: dict, option: str, required: bool = False) -> str | None:
    value = settings.get(option)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ReadingFenceError(f"{option} must be text, not {value!r}", option)
    return value.strip()


def _texts(settings: dict, option: str) -> list[str]:
    value = settings.get(option)
    if not isinstance(value, list) or not value or not all(isinstance(item, str) and item.strip() for item in value):
        raise ReadingFenceError(f"{option} must be a list of texts, like [first, second], not {value!r}", option)
    return [item.strip() for item in value]


def reading_settings(source: str) -> dict:
    """A ```reading fence's options, checked against the site's papers: the settings the browser reads,
    plus ``fallback`` (the sentence shown before the reader's map is read)."""
    settings = _options(source, READING_OPTIONS)
    kind = settings.get("kind")
    if kind not in READING_KINDS:
        raise ReadingFenceError(f"kind must be one of {', '.join(READING_KINDS)}, not {kind!r}", "kind")
    data = build_context.site_data()
    papers = settings.get("papers")
    if papers is not None or kind == "pair":
        if not isinstance(papers, list) or not papers:
            raise ReadingFenceError(f"papers must be a list of paper ids, like [\"2209.10652\", \"2309.08600\"], "
                                    f"not {papers!r}", "papers")
        unquoted = [item for item in papers if not isinstance(item, str)]
        if unquoted:
            raise ReadingFenceError(f"papers: paper ids must be quoted text: YAML reads {unquoted[0]!r} as a number "
                                    f"(write \"2309.08600\", not 2309.08600)", "papers")
        unknown = [item for item in papers if data.paper(item) is None]
        if unknown:
            raise ReadingFenceError(f"papers: unknown paper id(s) {', '.join(map(repr, unknown))}: not in the papers file",
                                    "papers")
        if len(set(papers)) != len(papers):
            raise ReadingFenceError("papers: a paper is listed twice", "papers")
        if kind == "pair" and len(papers) < 2:
            raise ReadingFenceError("papers: a pair reads one paper against at least one other: list two or more",
                                    "papers")
    if kind in readers_sentences.KINDS:
        return _readers_settings(settings, kind, papers)
    if "category" in settings:
        raise ReadingFenceError("category goes with kind: readers-grounding", "category")
    names = None
    if "names" in settings:
        if kind != "pair":
            raise ReadingFenceError("names go with kind: pair (they name its papers)", "names")
        names = _texts(settings, "names")
        if len(names) != len(papers):
            raise ReadingFenceError(f"names: give one name per paper ({len(papers)}), not {len(names)}", "names")
    options: dict = {"kind": kind}
    if papers is not None:
        options["papers"] = list(papers)
    if names:
        options["names"] = names
    options["fallback"] = _text(settings, "fallback") or _default_fallback(options)
    return options


def _readers_settings(settings: dict, kind: str, papers: list | None) -> dict:
    """A readers-… reading: its sentence, written now from the readers' map."""
    for option in ("names", "fallback"):
        if option in settings:
            raise ReadingFenceError(f"{option} does not go with kind: {kind} (its sentence is the readers' map's)",
                                    option)
    data = build_context.site_data()
    category = settings.get("category")
    if category is not None and (kind != "readers-grounding" or data.taxonomy.category(category) is None):
        known = ", ".join(c.id for c in data.taxonomy.categories)
        raise ReadingFenceError(f"category goes with kind: readers-grounding and names a category ({known}), "
                                f"not {category!r}", "category")
    aggregate, folder = build_context.readers(), build_context.readers_folder()
    if kind == "readers-grounding":
        text = readers_sentences.grounding_sentence(aggregate, data, folder, category, papers)
    else:
        text = readers_sentences.contested_sentence(aggregate, data, folder, papers)
    return {"kind": kind, "sentence": text}


def _default_fallback(options: dict) -> str:
    """The sentence a page shows before (or without) the reader's map: what the reading will read."""
    data = build_context.site_data()
    taxonomy = data.taxonomy
    if options["kind"] == "grounding":
        names = [category.name[:1].lower() + category.name[1:] for category in taxonomy.categories]
        marks = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
        return (f"Place papers on the spectrum above and mark what each {taxonomy.x.low.lower()} paper rests on "
                f"({marks}); this sentence then reads your marks against mine.")
    papers = options["papers"]
    named = options.get("names") or [data.paper(paper_id).title for paper_id in papers]
    listed = ", ".join(named[:-1]) + f" and {named[-1]}"
    return f"Place {listed} on the spectrum above; this sentence then reads where you put them against where I did."


def reading_fence(source, language, css_class, options, md, **kwargs):
    """A sentence computed from the reader's map, live (see the module's docstring for the options);
    the page holds ``fallback`` until the script reads the map."""
    settings = reading_settings(source)
    number = getattr(md, "_reading_count", 0) + 1
    md._reading_count = number
    if "sentence" in settings:  # from the readers' map: written now, never rewritten by a script
        return (f'<p class="{html.escape(css_class)}" id="reading-{number}" data-readers="{settings["kind"]}">'
                f'{html.escape(settings["sentence"])}</p>')
    fallback = settings.pop("fallback")
    return (f'<p class="{html.escape(css_class)}" id="reading-{number}" data-kind="{settings["kind"]}"'
            f'{json_attribute("data-reading", settings)}>{html.escape(fallback)}</p>')


def order_settings(source: str) -> dict:
    """A ```order fence's options: question, items (the author's order), cycle, caption."""
    settings = _options(source, ORDER_OPTIONS)
    question = _text(settings, "question", required=True)
    items = _texts(settings, "items")
    if len(items) < 2:
        raise ReadingFenceError("items: an order needs at least two items", "items")
    if len(set(items)) != len(items):
        raise ReadingFenceError("items: an item is listed twice", "items")
    cycle = settings.get("cycle", False)
    if not isinstance(cycle, bool):
        raise ReadingFenceError(f"cycle must be true or false, not {cycle!r}", "cycle")
    if cycle and len(items) < 3:
        raise ReadingFenceError("items: a cycle needs at least three items (every order of two is the same cycle)",
                                "items")
    return {"question": question, "items": items, "cycle": cycle, "caption": _text(settings, "caption")}


def _rotations(items: list[str]) -> list[list[str]]:
    return [items[start:] + items[:start] for start in range(len(items))]


def shuffled(items: list[str], cycle: bool = False) -> list[str]:
    """The items in an order that is not the answer, the same at every build (seeded by the items)."""
    seed = int.from_bytes(hashlib.sha256("\n".join(items).encode()).digest()[:8], "big")
    order = list(items)
    random.Random(seed).shuffle(order)
    answers = _rotations(items) if cycle else [items]
    if order in answers:  # a shuffle that lands on the answer gives nothing to do: swap two neighbours
        order[0], order[1] = order[1], order[0]
    return order


def order_fence(source, language, css_class, options, md, **kwargs):
    """The reader orders the items and commits; then the author's order is shown beside theirs.

    The page holds the question and the items, shuffled. The author's order is in a
    ``<noscript>``, so readers without JavaScript read it at once, and with JavaScript it is
    nowhere in the page (not even for a screen reader) until the reader commits: the script
    builds it then from the items' keys."""
    settings = order_settings(source)
    number = getattr(md, "_order_count", 0) + 1
    md._order_count = number
    ident = f"order-{number}"
    items = settings["items"]
    key = {item: str(index) for index, item in enumerate(items)}
    yours = "".join(f'<li class="order-item" data-item="{key[item]}"><span class="order-item__text">'
                    f'{html.escape(item)}</span></li>' for item in shuffled(items, settings["cycle"]))
    mine = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    note = " This is a cycle: the order may start anywhere." if settings["cycle"] else ""
    caption = f"<figcaption>{html.escape(settings['caption'])}</figcaption>" if settings["caption"] else ""
    return (
        f'<figure class="{html.escape(css_class)}" id="{ident}" data-cycle="{str(settings["cycle"]).lower()}">'
        f'<p class="order-quiz__question" id="{ident}-question">{html.escape(settings["question"])}</p>'
        f'<ol class="order-quiz__yours" aria-labelledby="{ident}-question">{yours}</ol>'
        f'<noscript><div class="order-quiz__answer"><p class="order-quiz__heading">My order.{note}</p>'
        f"<ol>{mine}</ol></div></noscript>{caption}</figure>"
    )
