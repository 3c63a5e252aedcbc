"""The ```toy fence (pymdownx.superfences): a toy the reader plays with, in the page.

An author writes, anywhere in the essay:

    ```toy
    notebook: diffusion-sde
    controls: [sampler, steps]
    ```

The figure for the default controls is drawn at build time (draw_svg), with
every other point of the toy's grid in a data file the front end reads.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass

from pymdownx.superfences import SuperFencesException

from place_for_research import toys
from place_for_research.builder import build_context, draw_svg, figure_files, spectrum_figure, toy_grid
from place_for_research.builder.fence_options import FenceError, parse_options
from place_for_research.toys.controls import defaults


class ToyFenceError(FenceError, SuperFencesException):
    """A broken ```toy fence: stops the build instead of showing as a code block.
    ``option`` names the fence line at fault, for the page:line message."""

    def __init__(self, message: str, option: str | None = None):
        super().__init__(message)
        self.option = option


TOY_OPTIONS = ("notebook", "title", "figure", "controls", "readouts", "caption", "predict", "answer")


@dataclass
class ToySettings:
    """A ```toy fence's options, checked against the toy (see ``toy_fence``)."""

    notebook: str
    module: str
    title: str
    figure: str
    controls: tuple      # the Control objects shown, in the toy's order
    readouts: tuple      # the Readout objects shown
    caption: str | None
    predict: dict | None
    answer: object | None  # the toy's Answer (see toys/controls.py), when it declares one


def toy_settings(source: str) -> ToySettings:
    """Parse and check a ```toy fence's body; ToyFenceError names the option at fault."""
    try:
        settings = parse_options(source, TOY_OPTIONS)
    except FenceError as error:
        raise ToyFenceError(str(error), error.option) from None
    notebook = str(settings.get("notebook", ""))
    module = notebook.replace("-", "_")
    known = toys.names()
    if module not in known:
        raise ToyFenceError(f"notebook: unknown toy {notebook!r} (known: "
                            f"{', '.join(name.replace('_', '-') for name in known)})", "notebook")
    toy = toys.load(module)
    all_controls = tuple(getattr(toy, "CONTROLS", ()))
    all_readouts = tuple(getattr(toy, "READOUTS", ()))
    controls = _subset(settings, "controls", all_controls)
    readouts = _subset(settings, "readouts", all_readouts)
    figures = _toy_grid(module).default["figures"]
    figure = settings.get("figure", next(iter(figures)))
    if figure not in figures:
        raise ToyFenceError(f"figure: no figure {figure!r} in {notebook} (known: {', '.join(figures)})", "figure")
    caption = settings.get("caption")
    if caption is not None and not isinstance(caption, str):
        raise ToyFenceError(f"caption must be text, not {caption!r}", "caption")
    predict = _predict(settings.get("predict"), all_readouts) if "predict" in settings else None
    answer = getattr(toy, "ANSWER", None)
    shown = settings.get("answer", answer is not None and predict is not None)  # an answer to the question asked
    if not isinstance(shown, bool):
        raise ToyFenceError(f"answer must be true or false, not {shown!r}", "answer")
    if shown and answer is None:
        raise ToyFenceError(f"answer: {notebook} declares no ANSWER figure (see toys/controls.py)", "answer")
    answer = answer if shown else None
    if predict and answer:
        offered = len(predict.get("choices", ()))
        if offered != answer.choices:
            asks = f"{answer.choices} choices" if answer.choices else "a number"
            raise ToyFenceError(f"predict: {notebook}'s answer figure marks a guess among {asks}, in its own "
                                f"order; this question offers {offered or 'a number'} (ask its question, or "
                                f"set answer: false)", "predict")
        if "number" in predict:
            _number_guesses(predict["number"])  # a range too fine to mark ahead of time fails here
    title = str(settings.get("title", notebook.replace("-", " ").capitalize()))
    return ToySettings(notebook, module, title, figure, controls, readouts, caption, predict, answer)


def _subset(settings: dict, option: str, known: tuple) -> tuple:
    """The controls or readouts a fence shows: all by default, or the named ones (in the toy's order)."""
    if option not in settings:
        return known
    names = settings[option]
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ToyFenceError(f"{option} must be a list of names, like [{', '.join(k.name for k in known[:2])}], "
                            f"not {names!r}", option)
    by_name = {item.name: item for item in known}
    missing = [name for name in names if name not in by_name]
    if missing:
        raise ToyFenceError(f"{option}: no {option[:-1]} {missing[0]!r} in this toy "
                            f"(known: {', '.join(by_name) or 'none'})", option)
    return tuple(item for item in known if item.name in names)


def _predict(value, readouts: tuple) -> dict:
    """``predict: {question, number: {min, max, step}, readout}`` or ``{question, choices: [...]}``."""
    def fail(message):
        raise ToyFenceError(f"predict: {message}", "predict")

    if not isinstance(value, dict):
        fail("must be {question: ..., number: {min, max, step}, readout: name} or {question: ..., choices: [...]}")
    extra = sorted(str(key) for key in value if key not in ("question", "number", "readout", "choices"))
    if extra:
        fail(f"unknown key(s) {', '.join(map(repr, extra))} (known: question, number, readout, choices)")
    question = value.get("question")
    if not isinstance(question, str) or not question.strip():
        fail("question is required (the text the reader answers)")
    if ("number" in value) == ("choices" in value):
        fail("give either number: {min, max, step} or choices: [...]")
    if "choices" in value:
        choices = value["choices"]
        if not isinstance(choices, list) or len(choices) < 2 or not all(isinstance(c, (str, int, float)) for c in choices):
            fail(f"choices must be a list of at least two answers, not {choices!r}")
        if "readout" in value:
            fail("readout goes with number:, not with choices:")
        return {"question": question, "choices": [str(c) for c in choices]}
    number = value["number"]
    if not isinstance(number, dict) or set(number) - {"min", "max", "step"} or not all(
            isinstance(number.get(k), (int, float)) and not isinstance(number.get(k), bool) for k in ("min", "max", "step")):
        fail(f"number must be {{min: ..., max: ..., step: ...}} with three numbers, not {number!r}")
    if not number["min"] < number["max"] or number["step"] <= 0:
        fail(f"number needs min < max and step > 0, not {number!r}")
    names = [readout.name for readout in readouts]
    if value.get("readout") not in names:
        fail(f"readout must name the readout the guess is compared with (known: {', '.join(names) or 'none'}), "
             f"not {value.get('readout')!r}")
    return {"question": question, "number": dict(number), "readout": value["readout"]}


def _toy_grid(module: str):
    """The toy's grid from the build in progress (or, outside a build, computed now)."""
    grids = build_context.toy_grids()
    if module not in grids:
        grids[module] = toy_grid.compute({module: toys.load(module)}, build_context.cache_dir())[module]
    return grids[module]


def _control_html(figure_id: str, control, chosen) -> str:
    """A native, labelled input; disabled until the front end has the toy's data."""
    name = html.escape(control.name)
    ident = f"{figure_id}-{name}"
    label = html.escape(control.label)
    index = control.values.index(chosen)
    if control.kind == "range":
        texts = [control.label_of(value) + (f" {control.unit}" if control.unit else "") for value in control.values]
        shown = html.escape(texts[index])
        return (f'<div class="toy__control toy__control--range"><label for="{ident}">{label}</label>'
                f'<input type="range" id="{ident}" data-control="{name}" min="0" max="{len(control.values) - 1}" '
                f'step="1" value="{index}" aria-valuetext="{shown}" '
                f'data-value-texts="{html.escape(json.dumps(texts, ensure_ascii=False))}" disabled>'
                f'<output for="{ident}" data-value-of="{name}">{shown}</output></div>')
    if control.kind == "toggle":
        return (f'<div class="toy__control toy__control--toggle"><label><input type="checkbox" id="{ident}" '
                f'data-control="{name}"{" checked" if chosen else ""} disabled> {label}</label></div>')
    options = "".join(
        f'<label><input type="radio" name="{ident}" value="{i}" data-control="{name}"'
        f'{" checked" if i == index else ""} disabled> {html.escape(control.label_of(value))}</label>'
        for i, value in enumerate(control.values))
    return f'<fieldset class="toy__control toy__control--choice"><legend>{label}</legend>{options}</fieldset>'


def _predict_html(figure_id: str, predict: dict) -> str:
    """The question and the inputs to commit a guess, disabled until the front end can take it
    (in the page from the start, so the toy keeps its height when they are enabled)."""
    question = html.escape(predict["question"])
    if "number" in predict:
        low, high, step = (predict["number"][k] for k in ("min", "max", "step"))
        inputs = (f'<label for="{figure_id}-guess">Your guess</label>'
                  f'<input type="number" id="{figure_id}-guess" name="guess" min="{low}" max="{high}" step="{step}" required disabled>')
        kind = f' data-predict-readout="{html.escape(predict["readout"])}"'
    else:
        inputs = "".join(f'<label><input type="radio" name="guess" value="{html.escape(choice)}" required disabled> '
                         f'{html.escape(choice)}</label>' for choice in predict["choices"])
        inputs = f'<fieldset><legend>Your answer</legend>{inputs}</fieldset>'
        kind = ""
    return (f'<p class="toy__question" id="{figure_id}-question">{question}</p>'
            f'<form class="toy__predict" aria-labelledby="{figure_id}-question"{kind}>{inputs}'
            '<button type="submit" class="md-button" disabled>Commit, then show the result</button></form>')


MAX_GUESSES = 201  # a number question's possible guesses, each marked ahead of time on the answer


def _number_guesses(number: dict) -> list[float]:
    """Every guess a number question accepts (min, min + step, ..., max)."""
    count = round((number["max"] - number["min"]) / number["step"]) + 1
    if count > MAX_GUESSES:
        raise ToyFenceError(f"predict: number allows {count} guesses, over {MAX_GUESSES}; use a coarser step",
                            "predict")
    return [round(number["min"] + k * number["step"], 10) for k in range(count)]


def _figure_file(figure: dict, label: str, key: str, which: str) -> str:
    """The figure drawn as SVG (draw_svg) and kept as a file of the site (figure_files), or a
    ToyFenceError naming the figure (the hooks add the page and line)."""
    try:
        return figure_files.deferred(draw_svg.render(figure, label, key))
    except (draw_svg.DrawError, TypeError, ValueError) as error:
        raise ToyFenceError(f"{which} cannot be drawn: {error}", "figure") from None


def _answer_html(figure_id: str, settings: ToySettings, grid) -> str:
    """The picture that answers the question (the toy's ANSWER over the whole grid), drawn
    at build time, and every mark a guess can add to it, for the front end to draw."""
    answer = settings.answer
    figure = answer.figure(grid.points, grid.results)
    payload = {"figure": figure, "guesses": []}
    if settings.predict and "choices" in settings.predict:
        payload["guesses"] = [answer.guess(index, figure) for index in range(answer.choices)]
    elif settings.predict:
        number = settings.predict["number"]
        payload["guesses"] = [answer.guess(value, figure) for value in _number_guesses(number)]
        payload["number"] = {"min": number["min"], "step": number["step"]}
    title = figure.get("layout", {}).get("title", "")
    label = f"Answer: {(title.get('text', '') if isinstance(title, dict) else title) or settings.title}"
    svg = _figure_file(figure, label, f"{figure_id}-answer", f"{settings.notebook}'s answer figure")
    data = spectrum_figure.json_attribute("data-answer", payload)
    return f'<div class="toy__answer"{data}>{svg}</div>'


def toy_fence(source, language, css_class, options, md, **kwargs):
    """A toy the reader plays with: its figure for the default controls, drawn
    at build time as SVG, the controls, the readouts, and a link to the toy's
    live notebook. Moving a control shows the result the build computed for
    that combination (the toy's data file, fetched near the viewport).

    Options (YAML in the fence body):

    - ``notebook``: the toy's notebook in notebooks/ (required), e.g. ``scaling-law``;
    - ``title``: the link text (default: from the notebook's name);
    - ``figure``: which of the toy's figures (default: its first);
    - ``controls: [names]``: the controls shown (default: all; the others stay at their default);
    - ``readouts: [names]``: the readouts shown (default: all);
    - ``caption``: text for the figure's caption;
    - ``predict``: ask the reader to commit before the result shows, either a number
      ``{question: ..., number: {min: 0, max: 1, step: 0.01}, readout: name}`` (the guess is
      shown beside that readout) or a choice ``{question: ..., choices: [a, b, c]}``.
      Without JavaScript the result sits in a ``<details>``, still one click away.
    - ``answer``: true (the default when the fence asks a question and the toy declares an
      ``ANSWER``, see toys/controls.py) shows the answer figure first, over the whole grid, with
      the committed guess drawn on it; a choice question must then offer the toy's answers in
      the toy's order. false leaves it out.

    Anything else is a build error naming the option (with the page's line, see the hooks).
    """
    settings = toy_settings(source)
    grid = _toy_grid(settings.module)
    number = getattr(md, "_toy_count", 0) + 1
    md._toy_count = number
    figure_id = f"toy-{number}"
    default = grid.default
    chosen = defaults(grid.controls)
    svg = _figure_file(default["figures"][settings.figure], f"Chart: {settings.title}", figure_id,
                       f"{settings.notebook}'s figure {settings.figure!r}")
    controls = "".join(_control_html(figure_id, control, chosen[control.name]) for control in settings.controls)
    readouts = "".join(
        f'<div class="toy__readout"><dt>{html.escape(r.label)}</dt>'
        f'<dd data-readout="{html.escape(r.name)}">{html.escape(toy_grid.format_readout(default["readouts"].get(r.name), r.digits, r.unit))}</dd></div>'
        for r in settings.readouts)
    data = ""
    if grid.controls:
        # "@site/" is made relative to the page by the hooks (on_page_content).
        data = (f' data-toy-data="@site/{toy_grid.DATA_FOLDER}/{grid.file_name()}"'
                f' data-figure-name="{html.escape(settings.figure)}"')
    answer = _answer_html(figure_id, settings, grid) if settings.answer else ""
    one_setting = ('<p class="toy__one-setting">One setting at a time:</p>'
                   if answer and (controls or readouts) else "")
    body = answer + one_setting + (f'<div class="toy__controls">{controls}</div>' if controls else "") + (
        f'<div class="toy__figure">{svg}</div>'
        + (f'<dl class="toy__readouts" aria-live="polite">{readouts}</dl>' if readouts else ""))
    if settings.predict:
        body = (_predict_html(figure_id, settings.predict)
                + f'<details class="toy__result"><summary>Show the result</summary>'
                  f'<p class="toy__guess" aria-live="polite" hidden></p>{body}</details>')
    caption = f"{html.escape(settings.caption)} " if settings.caption else ""
    notebook = html.escape(settings.notebook)
    return (
        f'<figure class="{html.escape(css_class)} toy" id="{figure_id}" data-notebook="{notebook}"{data}>'
        f'{body}<figcaption>{caption}<strong>{html.escape(as_sentence(settings.title))}</strong> '
        f'<a href="@site/notebooks/{notebook}/">Open as a live notebook</a></figcaption></figure>'
    )


def as_sentence(text: str) -> str:
    """text ending as a sentence does: a full stop added unless it already ends in . ? ! or …"""
    return text if text.rstrip().endswith((".", "?", "!", "…")) else text + "."
