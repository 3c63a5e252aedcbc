"""A scaling law found by experiment: a learner that memorises Zipf features.

The phenomenon: test error falls as a power of the amount of data (and of
model size), a straight line on log-log axes, as Kaplan et al. measured for
language models ("Scaling Laws for Neural Language Models", arXiv
2001.08361). Hutter's toy model ("Learning Curve Theory", arXiv 2102.04074)
shows where such a law can come from.

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

from ._common import figure, fit_power_law, logspace_ints, make_rng, progress_or_noop, rounded


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


def run(seed=0, progress=None, alpha=0.5, n_max=30_000, repeats=10, k_max=10_000):
    """Measure both scaling laws, fit them on log-log axes, compare with theory."""
    report = progress_or_noop(progress)
    rng = make_rng(seed)
    ns = logspace_ints(30, n_max, 12)
    mean_errors = [0.0] * len(ns)
    small_data = [n for n in (n_max // 100, n_max // 10, ns[-1]) if n >= 10]
    finite_ks = logspace_ints(10, k_max, 12)
    finite = {n: [0.0] * len(finite_ks) for n in small_data}
    for r in range(repeats):
        report(r / repeats, f"learning curve {r + 1} of {repeats}")
        errors, counts = learning_curve(alpha, ns, rng)
        mean_errors = [m + e / repeats for m, e in zip(mean_errors, errors)]
        for n in small_data:
            if n != ns[-1]:
                counts = learning_curve(alpha, [n], rng)[1]
            for j, e in enumerate(capacity_curve(alpha, finite_ks, counts)):
                finite[n][j] += e / repeats
    report(0.95, "fitting power laws")
    slope_n, c_n = fit_power_law(ns, mean_errors)
    ks = finite_ks
    capacity = capacity_curve(alpha, ks)
    slope_k, c_k = fit_power_law(ks, capacity)
    result = {
        "alpha": alpha,
        "data": {"n": ns, "error": mean_errors, "fitted_exponent": -slope_n,
                 "theory_exponent": alpha / (1 + alpha)},
        "capacity": {"k": ks, "error": capacity, "fitted_exponent": -slope_k,
                     "theory_exponent": alpha},
        "figures": {
            "data": _loglog_figure(ns, mean_errors, slope_n, c_n, "samples seen n",
                                   f"Error against data (α = {alpha:g})",
                                   f"theory: β = α/(1+α) = {alpha / (1 + alpha):.3f}"),
            "capacity": _loglog_figure(ks, capacity, slope_k, c_k, "features stored k",
                                       f"Error against capacity (α = {alpha:g})",
                                       f"theory: exponent α = {alpha:.3f}",
                                       extra={f"trained on n = {n:,}": errs
                                              for n, errs in finite.items()}),
        },
    }
    report(1.0, "done")
    return result


def _loglog_figure(xs, ys, slope, c, xlabel, title, theory, extra=None):
    traces = [
        {"type": "scatter", "mode": "markers", "x": xs, "y": rounded(ys, 6),
         "name": "unlimited data" if extra else "measured (mean of repeats)",
         "marker": {"size": 8}},
        {"type": "scatter", "mode": "lines", "x": [xs[0], xs[-1]],
         "y": [c * xs[0] ** slope, c * xs[-1] ** slope],
         "name": f"fit: exponent {-slope:.3f} ({theory})", "line": {"dash": "dash"}},
    ]
    for name, errs in (extra or {}).items():
        traces.append({"type": "scatter", "mode": "lines+markers", "x": xs,
                       "y": rounded(errs, 6), "name": name, "opacity": 0.7})
    return figure(traces, title, {"type": "log", "title": {"text": xlabel}},
                  {"type": "log", "title": {"text": "test error"}},
                  legend={"x": 0.02, "y": 0.02, "xanchor": "left", "yanchor": "bottom"})
