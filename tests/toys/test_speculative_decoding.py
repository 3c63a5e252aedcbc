"""Scientific checks of the speculative-decoding toy (plain asserts: these also run in Pyodide)."""

import json

from place_for_research.toys import speculative_decoding as s
from place_for_research.toys._common import make_rng


def test_chi2_survival_function_matches_tables():
    # Critical values from standard chi-square tables.
    for statistic, dof, p in ((3.841, 1, 0.05), (18.307, 10, 0.05), (6.635, 1, 0.01),
                              (0.584, 3, 0.90), (124.342, 100, 0.05), (2.706, 1, 0.10)):
        assert abs(s.chi2_sf(statistic, dof) - p) < 2e-4, (statistic, dof)
    assert abs(s.chi2_sf(2.0, 2) - 0.36787944117144233) < 1e-12  # sf(x, 2) = e^(−x/2)
    assert s.chi2_sf(0.0, 5) == 1.0


def test_models_are_distributions_with_a_useful_acceptance_rate():
    p, q = s.make_models(0)
    for row_p, row_q in zip(p, q):
        assert abs(sum(row_p) - 1) < 1e-12 and abs(sum(row_q) - 1) < 1e-12
        assert 0.5 < s.acceptance_rate(row_p, row_q) < 0.9
    p, q = s.make_models(0, context=False)
    assert all(row == p[0] for row in p)


def test_measured_acceptance_rate_is_alpha():
    p, q = s.make_models(0, context=False)
    alpha = s.acceptance_rate(p[0], q[0])
    assert 0.6 < alpha < 0.8
    rate, _ = s.measure(p, q, 4, 12000, make_rng(1))
    assert abs(rate - alpha) < 0.01


def test_tokens_per_target_call_match_the_formula():
    p, q = s.make_models(0, context=False)
    alpha = s.acceptance_rate(p[0], q[0])
    rng = make_rng(2)
    for gamma in range(1, 7):
        _, per_call = s.measure(p, q, gamma, 8000, rng)
        theory = s.expected_tokens_per_call(alpha, gamma)
        assert abs(per_call / theory - 1) < 0.03, (gamma, per_call, theory)


def test_first_two_tokens_follow_the_target_distribution():
    p, q = s.make_models(0)
    counts, probs = s.first_two_tokens(p, q, [0], 12000, 3, make_rng(3))
    assert abs(sum(probs) - 1) < 1e-12
    _, dof, p_value = s.chi_square_test(counts, probs)
    assert dof >= 20
    assert p_value > 0.001


def test_chi_square_test_rejects_the_draft_distribution():
    # The test has power: samples from the draft model alone are rejected.
    p, q = s.make_models(0)
    counts, _ = s.first_two_tokens(q, q, [0], 12000, 1, make_rng(4))
    _, probs = s.first_two_tokens(p, q, [0], 1, 1, make_rng(4))
    assert s.chi_square_test(counts, probs)[2] < 1e-6


def test_run_returns_json_figures_and_reports_progress():
    seen = []
    out = s.run(seed=1, progress=lambda f, m: seen.append(f), calls=300, samples=300)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    assert set(out["figures"]) == {"tokens_per_call", "distribution"}
    for fig in out["figures"].values():
        json.dumps(fig)
    assert out["tokens_per_call"] == s.run(seed=1, calls=300, samples=300)["tokens_per_call"]
