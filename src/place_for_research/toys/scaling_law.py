"""A scaling law, measured first and derived later: a learner that memorises Zipf features.

The phenomenon: test error falls as a power of the amount of data (and of
model size), a straight line on log-log axes. Kaplan et al. measured such
laws on language models trained on real web text ("Scaling Laws for Neural
Language Models", arXiv 2001.08361) with no formula to predict them: a law
of code, found by watching experiments. That observation is exploratory
work. Afterwards Hutter ("Learning Curve Theory", arXiv 2102.04074) derived a
power law for a toy model, which this module simulates.

Measured first: the reader sees noisy measurements of the test error at a
few training-set sizes and fits (or guesses) the exponent. Derived later:
the exponent α/(1+α) that Hutter's analysis gives for this toy is revealed
beside the fit. The controls are how many sizes were measured and how noisy
each measurement is; the readouts are the fitted exponent, its spread over
repeated experiments, and the derived value. The sizes are amounts of
training data because that is the law Hutter derives; the model-size
analogue (error against features stored, exponent α) is in the
``capacity`` result, where the exponent is simply the tail of the features'
law and so reveals less.

The world has features i = 1, 2, 3, ... with a heavy-tailed frequency
p_i ∝ i^−(1+α). A learner sees n samples and memorises every feature it saw;
its test error is the probability mass of the features it has not seen:

    error(n) = Σ_i p_i (1 − p_i)^n  ∝  n^−β,   β = α / (1 + α)

A learner with room for only k features (and unlimited data) stores the k
most frequent ones, and its error is the tail mass Σ_{i>k} p_i ∝ k^−α.

We use the discrete Pareto law p_i = i^−α − (i+1)^−α, which is ∝ i^−(1+α)
for large i and has the closed-form tail P(feature > k) = (k+1)^−α. So
sampling is exact (inverse CDF) and nothing is truncated: no finite
vocabulary bends the curve away from the power law.
"""

import math
from collections import Counter

from ._common import COLORS, figure, fit_power_law, log_axis, logspace_ints, make_rng, progress_or_noop, significant
from .controls import Answer, Control, Readout

CONTROLS = (
    Control("sizes", "Training-set sizes measured", (3, 4, 6, 8, 12), default=6, unit="sizes",
            help="Experiments at sizes spread evenly on a log scale from 10 to 10,000 samples."),
    Control("noise", "Measurement noise", (0.0, 0.05, 0.1, 0.2, 0.4), default=0.1,
            labels=("none", "±5%", "±10%", "±20%", "±40%"),
            help="Each measured error is off by this much (one standard deviation, relative)."),
)
READOUTS = (
    Readout("exponent", "Fitted exponent (this experiment)", digits=3),
    Readout("spread", "Spread of the fit over repeated experiments (±1 sd)", digits=3),
    Readout("derived", "Derived exponent α/(1+α) (Hutter)", digits=3),
)
N_MIN, N_MAX = 10, 10_000
ERROR_RANGE = (0.02, 1.0)  # the data figure's test-error axis, the same at every grid point


def feature_probability(i, alpha):
    """p_i = i^−α − (i+1)^−α, written to stay accurate for huge i."""
    return i**-alpha * -math.expm1(-alpha * math.log1p(1 / i))


def draw_feature(rng, alpha):
    """Inverse-CDF sample: P(floor(U^(−1/α)) ≥ i) = P(U ≤ i^−α) = i^−α."""
    u = 1.0 - rng.random()  # in (0, 1], so the power is finite
    return int(u ** (-1 / alpha))


def learning_curve(alpha, ns, rng):
    """Test error of the memorising learner after each n in ``ns`` samples.

    One stream of samples; the error is the exact mass of unseen features.
    Also returns the feature counts of the whole stream.
    """
    seen, counts, unseen_mass = set(), Counter(), 1.0
    errors, drawn = [], 0
    for n in ns:
        for _ in range(n - drawn):
            i = draw_feature(rng, alpha)
            counts[i] += 1
            if i not in seen:
                seen.add(i)
                unseen_mass -= feature_probability(i, alpha)
        drawn = n
        errors.append(unseen_mass)
    return errors, counts


def capacity_curve(alpha, ks, counts=None):
    """Test error of a learner that stores only k features, for each k.

    With ``counts`` (finite data) it stores the k features it saw most often;
    without (unlimited data) it stores the truly most frequent, 1..k.
    """
    if counts is None:
        ranked = range(1, max(ks) + 1)
    else:
        ranked = [i for i, _ in counts.most_common(max(ks))]
    errors, stored_mass, stored = [], 0.0, 0
    for k in ks:
        for i in ranked[stored:k]:
            stored_mass += feature_probability(i, alpha)
        stored = k
        errors.append(1.0 - stored_mass)
    return errors


def expected_unseen_mass(alpha, n):
    """E[error(n)] = Σ_i p_i (1 − p_i)^n, summed until n·p_i < 10⁻³.

    The remaining tail is counted whole: its features are almost surely unseen.
    """
    total, i = 0.0, 1
    while True:
        p = feature_probability(i, alpha)
        if n * p < 1e-3:
            return total + i**-alpha  # tail mass P(feature ≥ i)
        total += p * (1 - p) ** n
        i += 1


def noisy(errors, noise, rng):
    """Measurements off by a relative error of about ``noise``: e · exp(noise · ε), ε ~ N(0, 1)."""
    return [e * math.exp(noise * rng.gauss(0.0, 1.0)) for e in errors]


def experiment(alpha, ns, noise, seed, repeat):
    """One experiment: a learner's test error measured at each n of ``ns``.

    Each repeat has its own sample stream and its own measurement noise, so
    moving the noise control only rescales the same deviations, and a
    different number of sizes measures the same learner at other points.
    Returns (measured errors, the stream's feature counts).
    """
    errors, counts = learning_curve(alpha, ns, make_rng(f"{seed}:{repeat}:stream"))
    return noisy(errors, noise, make_rng(f"{seed}:{repeat}:noise")), counts


def spread(values):
    """Sample standard deviation (0 for fewer than two values)."""
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def run(seed=0, progress=None, sizes=6, noise=0.1, alpha=0.5, repeats=12, k_max=10_000):
    """Measure the data scaling law, fit it on log-log axes, compare with the derived exponent.

    Also measures the capacity law (error against features stored) for the notebook.
    """
    report = progress_or_noop(progress)
    ns = logspace_ints(N_MIN, N_MAX, sizes)
    derived = alpha / (1 + alpha)
    ks = logspace_ints(10, k_max, 12)
    small_data = [N_MAX // 100, N_MAX // 10, ns[-1]]
    finite = {n: [0.0] * len(ks) for n in small_data}
    fits, shown = [], None
    for r in range(repeats):
        report(r / repeats, f"experiment {r + 1} of {repeats}")
        measured, counts = experiment(alpha, ns, noise, seed, r)
        fits.append(-fit_power_law(ns, measured)[0])
        shown = shown or measured  # the first experiment is the one drawn
        rng = make_rng(f"{seed}:{r}:capacity")
        for n in small_data:
            seen = counts if n == ns[-1] else learning_curve(alpha, [n], rng)[1]
            for j, e in enumerate(capacity_curve(alpha, ks, seen)):
                finite[n][j] += e / repeats
    report(0.95, "fitting power laws")
    slope_n, c_n = fit_power_law(ns, shown)
    expected = [expected_unseen_mass(alpha, n) for n in ns]
    capacity = capacity_curve(alpha, ks)
    slope_k, c_k = fit_power_law(ks, capacity)
    result = {
        "alpha": alpha,
        "data": {"n": ns, "error": shown, "expected_error": expected, "fitted_exponent": -slope_n,
                 "theory_exponent": derived, "fits": fits},
        "capacity": {"k": ks, "error": capacity, "fitted_exponent": -slope_k, "theory_exponent": alpha},
        "readouts": {"exponent": -slope_n, "spread": spread(fits), "derived": derived},
        "figures": {
            "data": _data_figure(ns, shown, slope_n, c_n, expected, derived),
            "capacity": _capacity_figure(ks, capacity, slope_k, c_k, alpha, finite),
        },
    }
    report(1.0, "done")
    return result


def _data_figure(ns, measured, slope, c, expected, derived):
    """One structure for every setting: names and axes do not depend on the controls, so a
    change only moves the points and the fitted line (the fitted exponent is a readout)."""
    ends = [ns[0], ns[-1]]
    traces = [
        {"type": "scatter", "mode": "markers", "x": ns, "y": significant(measured), "name": "measured",
         "marker": {"size": 9, "color": COLORS["blue"]}},
        {"type": "scatter", "mode": "lines", "x": ends, "y": significant([c * n**slope for n in ends]),
         "name": "fitted power law", "line": {"dash": "dash", "width": 2, "color": COLORS["blue"]}},
        {"type": "scatter", "mode": "lines", "x": ns, "y": significant(expected),
         "name": f"derived: α/(1+α) = {derived:.3f}", "line": {"width": 2, "color": COLORS["orange"]}},
    ]
    # One y range for the whole grid (α = 0.5, noise up to 40%), so moving a control never
    # rescales the axis (tests/unit/toys check that every grid point fits in it).
    return figure(traces, "Test error against training samples",
                  log_axis(N_MIN, N_MAX, "training samples n"), log_axis(*ERROR_RANGE, "test error"))


def _capacity_figure(ks, capacity, slope, c, alpha, finite):
    ends = [ks[0], ks[-1]]
    traces = [
        {"type": "scatter", "mode": "markers", "x": ks, "y": significant(capacity), "name": "unlimited data",
         "marker": {"size": 8}},
        {"type": "scatter", "mode": "lines", "x": ends, "y": significant([c * k**slope for k in ends]),
         "name": f"fit: exponent {-slope:.3f} (derived: α = {alpha:.3f})", "line": {"dash": "dash"}},
    ]
    for n, errs in finite.items():
        traces.append({"type": "scatter", "mode": "lines+markers", "x": ks, "y": significant(errs),
                       "name": f"trained on n = {n:,}", "opacity": 0.8})
    return figure(traces, "Test error against features stored",
                  log_axis(ks[0], ks[-1], "features stored k"),
                  log_axis(min(capacity), 0.5, "test error"))


# --- The answer to the essay's question: the exponent the fits find, and the reader's --------

def exponent_against_noise(points, results):
    """The fitted exponent against measurement noise for few, default and many sizes measured,
    the spread of repeated experiments at the default as a band, and the derived exponent."""
    noises = next(c for c in CONTROLS if c.name == "noise").values
    sizes = next(c for c in CONTROLS if c.name == "sizes")
    shown = (sizes.values[0], sizes.default, sizes.values[-1])
    readouts = {(p["sizes"], p["noise"]): r["readouts"] for p, r in zip(points, results)}
    middle = [readouts[(sizes.default, n)] for n in noises]
    band = ([r["exponent"] - r["spread"] for r in middle], [r["exponent"] + r["spread"] for r in middle])
    traces = [{"type": "scatter", "mode": "none", "fill": "toself", "fillcolor": "rgba(59,125,221,0.18)",
               "x": list(noises) + list(noises)[::-1], "y": significant(band[0] + band[1][::-1]),
               "name": f"{sizes.default} sizes: ±1 sd of repeats", "hoverinfo": "skip"}]
    for count, colour in zip(shown, (COLORS["orange"], COLORS["blue"], COLORS["green"])):
        traces.append({"type": "scatter", "mode": "lines+markers", "x": list(noises),
                       "y": significant([readouts[(count, n)]["exponent"] for n in noises]),
                       "name": f"fitted, {count} sizes measured", "line": {"width": 2.5, "color": colour},
                       "marker": {"size": 8, "color": colour}})
    derived = results[0]["readouts"]["derived"]
    traces.append({"type": "scatter", "mode": "lines", "x": [noises[0], noises[-1]], "y": [derived, derived],
                   "name": f"derived: {derived:.3f}", "line": {"width": 2, "color": COLORS["grey"]}})
    return figure(traces, "The exponent each experiment finds",
                  {"title": {"text": "measurement noise"}, "tickvals": list(noises),
                   "ticktext": [f"{n:.0%}" for n in noises]},
                  {"title": {"text": "fitted exponent"}})


def mark_guess(exponent, answer):
    """The reader's exponent as a dashed level across the experiments."""
    noises = answer["data"][-1]["x"]
    return {"data": [{"type": "scatter", "mode": "lines", "x": list(noises), "y": [exponent, exponent],
                      "name": f"your guess: {exponent:g}", "line": {"width": 3, "dash": "dash", "color": "currentColor"}}]}


ANSWER = Answer(figure=exponent_against_noise, guess=mark_guess)
