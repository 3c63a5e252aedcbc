"""What a reader can change in a toy, and the numbers the essay talks about.

Each toy module declares, next to its ``run()``:

    CONTROLS = (
        Control("sampler", "Sampler", ("sde", "ode", "langevin"), default="ode",
                labels=("reverse SDE", "probability-flow ODE", "annealed Langevin")),
        Control("steps", "Steps", (5, 10, 20, 50, 100, 200), default=20, unit="steps"),
    )
    READOUTS = (
        Readout("w1", "Distance to the data (W1)", digits=3),
    )

and, when the essay asks a question about the toy, the picture that answers it:

    ANSWER = Answer(figure=w1_against_steps, guess=mark_guess, choices=3)

and ``run(seed=0, progress=None, **controls)`` returns at least
``{"figures": {name: plotly dict}, "readouts": {name: number}}`` for any
combination of control values. The build runs the toy once per point of
``grid(CONTROLS)`` and serves the results, so every value a reader can pick
was computed (and tested) ahead of time: a control answers at once, with no
Python in the browser.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Control:
    """One input of a toy.

    ``kind`` says how it is shown: ``range`` (a slider over ``values``, in
    order), ``choice`` (radio buttons, one per value) or ``toggle`` (a
    checkbox over ``(False, True)``). ``labels`` name the values for the
    reader (default: the values themselves); ``unit`` follows a range's value.
    """

    name: str
    label: str
    values: tuple
    default: object
    kind: str = ""
    unit: str = ""
    labels: tuple = ()
    help: str = ""

    def __post_init__(self):
        if not self.kind:
            kind = ("toggle" if set(self.values) == {False, True}
                    else "range" if all(isinstance(v, (int, float)) for v in self.values) else "choice")
            object.__setattr__(self, "kind", kind)
        if self.default not in self.values:
            raise ValueError(f"control {self.name!r}: default {self.default!r} is not one of {self.values!r}")
        if self.labels and len(self.labels) != len(self.values):
            raise ValueError(f"control {self.name!r}: {len(self.labels)} labels for {len(self.values)} values")
        if self.kind not in ("range", "choice", "toggle"):
            raise ValueError(f"control {self.name!r}: kind must be range, choice or toggle, not {self.kind!r}")

    def label_of(self, value) -> str:
        """The reader-facing name of one of this control's values."""
        return str(self.labels[self.values.index(value)]) if self.labels else str(value)


@dataclass(frozen=True)
class Readout:
    """A number the essay refers to, shown beside the figure for the chosen controls."""

    name: str
    label: str
    unit: str = ""
    digits: int = 3
    help: str = ""


@dataclass(frozen=True)
class Answer:
    """The picture that answers the question asked before a toy: the quantity the
    question is about, over the whole grid, with the reader's guess drawn on it.

    ``figure(points, results)`` gets every grid point (its control values) and
    the result there (``figures`` and ``readouts``), in grid order, and returns
    a Plotly figure dict. ``guess(value, figure)`` returns what marks one guess on that figure,
    ``{"data": [traces], "annotations": [...]}`` (either may be left out):
    ``value`` is the index of the answer chosen, for a question with
    ``choices`` answers, or the number guessed, for a number question
    (``choices=0``). The build calls ``guess`` for every answer a reader can
    give, so the page adds the reader's mark without running Python.
    """

    figure: Callable[[list, list], dict]
    guess: Callable[[float, dict], dict]
    choices: int = 0


def defaults(controls) -> dict:
    """The control values the page shows first."""
    return {c.name: c.default for c in controls}


def grid(controls) -> list[dict]:
    """Every combination of control values, in a stable order (the first control varies slowest)."""
    names = [c.name for c in controls]
    return [dict(zip(names, values)) for values in itertools.product(*(c.values for c in controls))]
