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


def test_greedy_shortcut_keeps_tokens_at_its_rate():
    # Each guess is kept with probability Σ_x q(x) [p(x) ≥ q(x)/2], so the formula holds with that rate.
    p, q = s.make_models(0, context=False)
    rate = s.greedy_acceptance_rate(p[0], q[0])
    assert rate > s.acceptance_rate(p[0], q[0])  # faster than the exact rule
    measured_rate, per_call = s.measure(p, q, 4, 8000, make_rng(5), rule="greedy")
    assert abs(measured_rate - rate) < 0.01
    assert abs(per_call / s.theory_tokens_per_call(p[0], q[0], 4, "greedy") - 1) < 0.03


def test_shortcuts_are_faster_and_fail_the_fit_test_while_the_exact_rule_passes():
    exact = s.run(seed=0)["readouts"]
    assert exact["p_value"] > 0.001
    assert abs(exact["tokens_per_call"] / exact["tokens_per_call_theory"] - 1) < 0.05
    for rule in ("unchecked", "greedy"):
        shortcut = s.run(seed=0, rule=rule)["readouts"]
        assert shortcut["p_value"] < 1e-6, (rule, shortcut)
        assert shortcut["chi_square"] > 10 * exact["chi_square"], rule
        assert shortcut["tokens_per_call"] > exact["tokens_per_call"], rule
        assert shortcut["tokens_per_call_theory"] > exact["tokens_per_call_theory"], rule


def test_unchecked_drafts_make_gamma_plus_one_tokens_per_call():
    out = s.run(seed=2, gamma=3, rule="unchecked", calls=100, samples=200)
    assert out["tokens_per_call"] == [g + 1 for g in out["gammas"]]
    assert out["readouts"]["tokens_per_call"] == 4


def test_a_closer_draft_is_accepted_more_often():
    alphas = [s.run(seed=0, temperature=t, calls=50, samples=50)["alpha"] for t in (1.25, 1.5, 2.0, 3.0)]
    assert alphas == sorted(alphas, reverse=True)


def test_run_returns_json_figures_and_reports_progress():
    seen = []
    out = s.run(seed=1, progress=lambda f, m: seen.append(f), calls=300, samples=300)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    assert set(out["figures"]) == {"tokens_per_call", "distribution"}
    for fig in out["figures"].values():
        json.dumps(fig)
    assert out["tokens_per_call"] == s.run(seed=1, calls=300, samples=300)["tokens_per_call"]
    assert out["readouts"]["tokens_per_call"] == out["tokens_per_call"][out["gammas"].index(4)]
    assert out["readouts"]["p_value"] == out["chi_square"]["p_value"]
