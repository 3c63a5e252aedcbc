"""Sentences the essay writes from the readers' map at build (```reading kinds readers-grounding
and readers-contested): plain text that reads without JavaScript, with the number of readers
behind it, a word when the sample is small, and, with no readers' maps, how to be the first.

- ``readers-grounding``: on the papers readers place on the low side of x (their median below the
  middle of the axis: the structural side), how often they marked ``category`` (default: the
  taxonomy's last category) out of all their marks there.
- ``readers-contested``: the papers readers contest by the aggregate's rule, or, for the papers
  listed, each one's readers, median, middle half and verdict.
"""
from __future__ import annotations

from typing import Any

from place_for_research.data.catalogue import SiteData
from place_for_research.data.readers import most_contested_first, readers_phrase
from place_for_research.builder.readers_view import how_to_add, sample_note

KINDS = ("readers-grounding", "readers-contested")


def _x(value: float) -> str:
    return (f"{value:+.2f}" if value else "0.00").replace("-", "\u2212")


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def papers_phrase(count: int) -> str:
    return f"{count} paper{'' if count == 1 else 's'}"


def sent(count: int) -> str:
    """'1 reader sent a map', '3 readers sent maps'."""
    return f"{readers_phrase(count)} sent {'a map' if count == 1 else 'maps'}"


def invitation(folder: str) -> str:
    return f"No reader has sent a map yet; to be the first, {how_to_add(folder)}."


def grounding_sentence(aggregate: dict[str, Any], data: SiteData, folder: str, category: str | None = None,
                       papers: list[str] | None = None) -> str:
    count = aggregate["readers"]
    if count == 0:
        return invitation(folder)
    taxonomy = data.taxonomy
    chosen = taxonomy.category(category) if category else taxonomy.categories[-1]
    middle = (taxonomy.x.min + taxonomy.x.max) / 2
    entries = aggregate["papers"]
    low_side = [pid for pid in entries if entries[pid]["x"][1] < middle and (papers is None or pid in papers)]
    side = _lower(taxonomy.x.low)
    if not low_side:
        return f"{sent(count)}, and no paper sits on the {side} side of their map.{sample_note(count)}"
    marks = sum(sum(entries[pid]["marks"].values()) for pid in low_side)
    marked = [(pid, entries[pid]["marks"].get(chosen.id, 0)) for pid in low_side]
    marked = [(pid, n) for pid, n in marked if n]
    total = sum(n for _, n in marked)
    where = f"On {papers_phrase(len(low_side))} that {readers_phrase(count)} place on the {side} side"
    if not total:
        return (f"{where}, none marked {_lower(chosen.name)} as what a paper rests on "
                f"({marks} mark{'' if marks == 1 else 's'} in all).{sample_note(count)}")
    titles = "; ".join(f"{data.paper(pid).title} ({_times(n)})" for pid, n in marked)
    return (f"{where}, they marked {_lower(chosen.name)} {_times(total)} out of {marks} "
            f"mark{'' if marks == 1 else 's'}: {titles}.{sample_note(count)}")


def _verdict(entry: dict[str, Any]) -> str:
    return {"spread": "contested: their spots spread wide", "marks": "contested: their marks split"}.get(
        entry["why"] or "", "not contested")


def contested_sentence(aggregate: dict[str, Any], data: SiteData, folder: str,
                       papers: list[str] | None = None) -> str:
    count = aggregate["readers"]
    if count == 0 and papers:
        titles = " or ".join(data.paper(pid).title for pid in papers)
        return f"No reader has placed {titles} yet, since no reader has sent a map; {how_to_add(folder)}."
    if count == 0:
        return invitation(folder)
    entries = aggregate["papers"]
    if papers:
        parts = []
        for pid in papers:
            title = data.paper(pid).title
            entry = entries.get(pid)
            if entry is None:
                parts.append(f"no reader has placed {title} yet")
                continue
            q1, median, q3 = entry["x"]
            parts.append(f"{readers_phrase(entry['n'])} placed {title}, at {_x(median)} in the middle "
                         f"(half of them between {_x(q1)} and {_x(q3)}), {_verdict(entry)}")
        text = "; ".join(parts)
        return f"{sent(count)}: {text}.{sample_note(count)}"
    contested = [pid for pid in most_contested_first(entries) if entries[pid]["contested"]]
    placed = len(entries)
    if not contested:
        return (f"{sent(count)}, and no paper they placed ({papers_phrase(placed)}) is "
                f"contested yet.{sample_note(count)}")
    named = "; ".join(f"{data.paper(pid).title} ({readers_phrase(entries[pid]['n'])}, "
                      f"{_verdict(entries[pid]).split(': ')[1]})" for pid in contested)
    return (f"{sent(count)}; of {papers_phrase(placed)} they placed, {len(contested)} "
            f"{'is' if len(contested) == 1 else 'are'} contested: {named}.{sample_note(count)}")
