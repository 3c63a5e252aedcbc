"""Scientific checks of the scaling-law toy (plain asserts: these also run in Pyodide)."""

import json
import math

from place_for_research.toys import scaling_law as s
from place_for_research.toys._common import make_rng


def test_feature_probabilities_sum_to_one_and_follow_the_power_law():
    for alpha in (0.5, 1.0):
        head = sum(s.feature_probability(i, alpha) for i in range(1, 1001))
        assert abs(head + 1001**-alpha - 1.0) < 1e-12  # tail mass is (k+1)^−α
        # p_i ∝ i^−(1+α) for large i: p_i · i^(1+α) → α
        assert abs(s.feature_probability(10**6, alpha) * 10 ** (6 * (1 + alpha)) - alpha) < 1e-4


def test_sampler_matches_the_probabilities():
    rng = make_rng(1)
    alpha, n = 1.0, 20000
    draws = [s.draw_feature(rng, alpha) for _ in range(n)]
    for i in (1, 2, 5):
        freq = draws.count(i) / n
        p = s.feature_probability(i, alpha)
        assert abs(freq - p) < 4 * math.sqrt(p * (1 - p) / n)


def test_measured_learning_curve_matches_the_expected_unseen_mass():
    rng = make_rng(2)
    for alpha in (0.5, 1.0):
        runs = [s.learning_curve(alpha, [300], rng)[0][0] for _ in range(200)]
        mean = sum(runs) / len(runs)
        assert abs(mean / s.expected_unseen_mass(alpha, 300) - 1) < 0.03


def test_fitted_data_exponent_is_alpha_over_one_plus_alpha():
    for alpha in (0.5, 1.0):
        out = s.run(seed=0, alpha=alpha, noise=0.0)["data"]
        theory = alpha / (1 + alpha)
        assert out["theory_exponent"] == theory
        assert abs(out["fitted_exponent"] - theory) < 0.1 * theory
        mean = sum(out["fits"]) / len(out["fits"])
        assert abs(mean - theory) < 0.05 * theory


def test_default_measurements_fit_within_ten_percent_of_the_derived_exponent():
    readouts = s.run(seed=0)["readouts"]
    assert readouts["derived"] == 0.5 / 1.5
    assert abs(readouts["exponent"] - readouts["derived"]) < 0.1 * readouts["derived"]
    assert 0 < readouts["spread"] < 0.1 * readouts["derived"]


def test_noise_and_few_sizes_widen_the_spread_of_the_fit():
    def spread(**controls):
        return s.run(seed=0, **controls)["readouts"]["spread"]
    noises = [spread(sizes=6, noise=noise) for noise in (0.0, 0.1, 0.2, 0.4)]
    assert noises == sorted(noises)
    assert spread(sizes=3, noise=0.2) > spread(sizes=12, noise=0.2)


def test_the_noise_control_rescales_the_same_deviations():
    quiet = s.run(seed=0, noise=0.1, repeats=1)["data"]
    loud = s.run(seed=0, noise=0.2, repeats=1)["data"]
    clean = s.run(seed=0, noise=0.0, repeats=1)["data"]
    for q, loud_error, c in zip(quiet["error"], loud["error"], clean["error"]):
        assert abs(math.log(loud_error / c) - 2 * math.log(q / c)) < 1e-9


def test_the_expected_error_is_a_power_law_with_the_derived_exponent():
    out = s.run(seed=0, sizes=12, repeats=1)["data"]
    from place_for_research.toys._common import fit_power_law
    slope, _ = fit_power_law(out["n"], out["expected_error"])
    assert abs(-slope - out["theory_exponent"]) < 0.03 * out["theory_exponent"]


def test_fitted_capacity_exponent_is_alpha():
    for alpha in (0.5, 1.0):
        out = s.run(seed=0, alpha=alpha, repeats=1)["capacity"]
        assert abs(out["fitted_exponent"] - alpha) < 0.1 * alpha


def test_finite_data_bends_the_capacity_curve():
    # Trained on little data, extra capacity stops helping: the error plateaus
    # at the mass of the features never seen.
    rng = make_rng(3)
    errors, counts = s.learning_curve(1.0, [100], rng)
    ks = [10, 1000, 10000]
    limited = s.capacity_curve(1.0, ks, counts)
    assert abs(limited[-1] - errors[0]) < 1e-9
    assert limited[-1] > 10 * s.capacity_curve(1.0, ks)[-1]


def test_run_returns_json_figures_and_reports_progress():
    seen = []
    out = s.run(seed=4, progress=lambda f, m: seen.append(f), repeats=2)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    assert set(out["figures"]) == {"data", "capacity"}
    for fig in out["figures"].values():
        assert fig["layout"]["xaxis"]["type"] == fig["layout"]["yaxis"]["type"] == "log"
        for axis in ("xaxis", "yaxis"):  # log axes labelled at 1, 2, 5 per decade only
            ticks = fig["layout"][axis]["tickvals"]
            assert ticks and all(f"{t:.0e}"[0] in "125" for t in ticks), ticks
        json.dumps(fig)
    assert s.run(seed=4, repeats=2)["data"] == out["data"]
