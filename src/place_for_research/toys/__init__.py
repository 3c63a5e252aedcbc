"""The toy demos: small, standard-library experiments behind the essay's examples.

Each toy module has a ``run(seed=0, progress=None, **settings)`` function that
returns plain data and Plotly figures as dicts, the same at build time on
CPython and in the reader's browser under Pyodide. Beside it, ``CONTROLS``
and ``READOUTS`` (see ``controls.py``) declare what a reader can change and
the numbers the essay talks about; ``run()`` returns ``figures`` and
``readouts`` at every point of their grid, deterministically for a seed.
"""

import importlib

TOYS = {
    "diffusion_sde": "Laws of math: score-based modelling through SDEs (arXiv 2011.13456)",
    "scaling_law": "Exploration: a law of code measured first (arXiv 2001.08361), derived later (arXiv 2102.04074)",
    "speculative_decoding": "Developmental: speculative decoding (arXiv 2211.17192)",
    "superposition": "Exploratory: superposition in a toy model (arXiv 2209.10652)",
}


def load(name):
    """Import a toy module by its short name, e.g. ``load("scaling_law")``."""
    if name not in TOYS:
        raise KeyError(f"unknown toy {name!r}; choose one of {sorted(TOYS)}")
    return importlib.import_module(f"{__name__}.{name}")
