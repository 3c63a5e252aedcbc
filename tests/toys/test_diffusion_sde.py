"""Scientific checks of the score-SDE toy (plain asserts: these also run in Pyodide)."""

import json
import math

from place_for_research.toys import diffusion_sde as d
from place_for_research.toys._common import make_rng


def test_alpha_matches_the_integral_of_beta():
    # α(t) = exp(−½ ∫₀ᵗ β), checked against a midpoint-rule integral.
    for t in (0.1, 0.5, 1.0):
        k = 1000
        integral = sum(d.beta((i + 0.5) * t / k) for i in range(k)) * t / k
        assert abs(d.alpha(t) - math.exp(-0.5 * integral)) < 1e-6
    assert d.alpha(1.0) < 0.01  # by t = 1 the data is (almost) forgotten


def test_noised_marginal_matches_forward_samples():
    rng = make_rng(3)
    t = 0.3
    x0 = d.sample_data(d.DATA, 4000, rng)
    xt = [d.forward_sample(x, t, rng) for x in x0]
    assert d.wasserstein1(xt, d.noised_mixture(d.DATA, t)) < 0.08


def test_score_is_the_derivative_of_the_log_density():
    h = 1e-5
    for t in (0.0, 0.05, 0.3, 0.9):
        mix = d.noised_mixture(d.DATA, t)
        for x in (-3.0, -2.1, -0.4, 0.0, 0.7, 2.5):
            numeric = (d.log_density(mix, x + h) - d.log_density(mix, x - h)) / (2 * h)
            assert abs(d.score(mix, x) - numeric) < 1e-5 * max(1.0, abs(numeric))


def test_density_and_cdf_agree():
    # The CDF increases by ∫ density over a small interval.
    for x in (-2.0, 0.0, 1.5):
        h = 1e-4
        slope = (d.cdf(d.DATA, x + h) - d.cdf(d.DATA, x - h)) / (2 * h)
        assert abs(slope - d.density(d.DATA, x)) < 1e-6
    assert abs(d.cdf(d.DATA, 0.0) - 0.3) < 1e-6


def test_reverse_sde_samples_match_the_data():
    xs, _, _ = d.reverse_sde_sample(d.DATA, 2000, 100, make_rng(0))
    assert d.wasserstein1(xs, d.DATA) < 0.1


def test_reverse_sde_error_shrinks_with_more_steps():
    # Averaged over two seeds: 10 coarse steps are clearly worse than 100.
    def mean_w1(steps):
        return sum(d.wasserstein1(d.reverse_sde_sample(d.DATA, 2000, steps, make_rng(s))[0], d.DATA)
                   for s in (1, 2)) / 2
    coarse, fine = mean_w1(10), mean_w1(100)
    assert coarse > 0.1 > fine
    assert fine < coarse / 2


def test_probability_flow_error_shrinks_with_more_steps():
    # Noise-free start (prior quantiles), so only the step size changes the error.
    start = d.prior_quantiles(400)
    w1 = []
    for steps in (10, 100, 500):
        samples, _, _ = d.probability_flow_sample(d.DATA, 400, steps, None, start=start)
        w1.append(d.wasserstein1(samples, d.DATA))
    assert w1[0] > w1[1] > w1[2]
    assert w1[2] < 0.05


def test_probability_flow_samples_match_the_data():
    xs, _, _ = d.probability_flow_sample(d.DATA, 2000, 100, make_rng(5))
    assert d.wasserstein1(xs, d.DATA) < 0.1


def test_annealed_langevin_finds_both_modes():
    xs = d.annealed_langevin_sample(d.DATA, 1000, make_rng(0))
    right = sum(x > 0 for x in xs) / len(xs)
    assert 0.6 < right < 0.8
    assert d.wasserstein1(xs, d.DATA) < 0.3


def test_wasserstein_distance_of_a_shift():
    # Shifting exact quantiles by c moves W1 by about |c|.
    xs = d.prior_quantiles(2000)
    normal = ((1.0, 0.0, 1.0),)
    assert d.wasserstein1(xs, normal) < 0.01
    assert abs(d.wasserstein1([x + 0.5 for x in xs], normal) - 0.5) < 0.01


def test_exact_samples_follow_the_mixture():
    rng = make_rng(6)
    noise = [rng.gauss(0.0, 1.0) for _ in range(2000)]
    xs = d.exact_samples(d.DATA, noise)
    assert abs(d.cdf(d.DATA, xs[0]) - d.NormalDist().cdf(noise[0])) < 1e-9  # x = F⁻¹(Φ(z))
    assert d.wasserstein1(xs, d.DATA) < 0.08


def test_ode_falls_into_the_band_of_exact_draws_as_steps_grow():
    # The band: where the W1 of 1,000 exact draws lands, nine sets in ten. The ODE
    # enters it by 10 steps and stays; at 5 steps it is far above it.
    readouts = {steps: d.run(seed=0, sampler="ode", steps=steps, paths=0)["readouts"]
                for steps in (5, 10, 20, 50, 100, 200)}
    w1 = [readouts[steps]["w1"] for steps in (5, 10, 20)]
    assert w1[0] > w1[1] > w1[2]
    low, high = readouts[200]["floor_low"], readouts[200]["floor_high"]
    assert all((r["floor_low"], r["floor_high"]) == (low, high) for r in readouts.values())
    assert 0 < low < high
    for steps in (10, 20, 50, 100, 200):
        assert low <= readouts[steps]["w1"] <= high, (steps, readouts[steps])
    assert readouts[5]["w1"] > high


def test_a_deterministic_map_of_one_noise_set_can_beat_exact_draws_of_it_yet_stays_in_the_band():
    # One set of exact draws is one sample of the floor, not a bound: the ODE's Euler
    # steps at 20 and 50 land closer to the data than the exact draws made from the
    # same noise, and still inside the band of independent exact draws.
    for steps in (20, 50):
        out = d.run(seed=0, sampler="ode", steps=steps, paths=0)
        same_noise = out["w1"]["exact data draws"]
        assert out["readouts"]["w1"] < same_noise
        assert out["readouts"]["floor_low"] <= out["readouts"]["w1"]
    # With many steps the flow's samples become those exact draws (its exact map is F⁻¹(Φ(z))).
    fine = d.run(seed=0, sampler="ode", steps=200, paths=0)
    assert abs(fine["readouts"]["w1"] - fine["w1"]["exact data draws"]) <= 0.2 * fine["w1"]["exact data draws"]


def test_the_band_is_the_middle_of_independent_sets_of_exact_draws():
    low, high = d.floor_band(300, seed=4, sets=20)
    rng = make_rng("4:floor")
    distances = sorted(d.wasserstein1(d.sample_data(d.DATA, 300, rng), d.DATA) for _ in range(20))
    assert (low, high) == (distances[1], distances[-2])
    assert d.floor_band(300, seed=5, sets=20) != (low, high)  # another seed, other sets


def test_langevin_improves_with_steps():
    w1 = [d.run(seed=0, sampler="langevin", steps=steps, paths=0)["readouts"]["w1"]
          for steps in (5, 50, 200)]
    assert w1[0] > w1[1] > w1[2]


def test_run_returns_json_figures_and_reports_progress():
    seen = []
    out = d.run(seed=1, progress=lambda f, m: seen.append(f), sampler="sde", n=200, steps=30)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    assert set(out["figures"]) == {"trajectories", "histogram"}
    for fig in out["figures"].values():
        assert fig["layout"]["paper_bgcolor"] == "rgba(0,0,0,0)"
        json.dumps(fig)
    assert out["w1"]["reverse SDE"] == out["readouts"]["w1"] < 0.3
    assert out["floor_band"] == [out["readouts"]["floor_low"], out["readouts"]["floor_high"]]
    assert d.run(seed=1, sampler="sde", n=200, steps=30)["w1"] == out["w1"]  # deterministic per seed
    assert len(out["figures"]["trajectories"]["data"]) == 8  # one line per path


def test_compare_runs_every_sampler_on_the_same_noise():
    out = d.compare(seed=0, steps=50, n=300, paths=3)
    assert set(out["w1"]) == set(d.SAMPLERS.values()) | {"exact data draws"}
    single = d.run(seed=0, sampler="ode", steps=50, n=300, paths=3)
    assert out["w1"]["exact data draws"] == single["w1"]["exact data draws"]
    assert len(out["figures"]["trajectories"]["data"]) == 6  # SDE and ODE paths
    json.dumps(out["figures"])
