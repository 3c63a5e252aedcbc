"""Scientific checks of the superposition toy (plain asserts: these also run in Pyodide)."""

import json

from place_for_research.toys import superposition as s
from place_for_research.toys._common import make_rng


def test_hand_written_gradients_match_finite_differences():
    rng = make_rng(0)
    W, b = s.init_params(rng, 5, 2)
    b = [0.1, -0.05, 0.2, 0.0, 0.05]
    batch = s.make_batch(rng, 5, 0.3, 16)
    importance = [0.8**i for i in range(5)]
    _, dW, db = s.loss_and_grads(W, b, batch, importance)
    h = 1e-6

    def loss():
        return s.loss_and_grads(W, b, batch, importance)[0]

    for vec, grad in list(zip(W, dW)) + [(b, db)]:
        for k in range(len(vec)):
            old = vec[k]
            vec[k] = old + h
            up = loss()
            vec[k] = old - h
            down = loss()
            vec[k] = old
            assert abs((up - down) / (2 * h) - grad[k]) < 1e-5


def test_training_lowers_the_loss():
    out = s.train(0.0, steps=100)
    assert sum(out["losses"][-10:]) / 10 < 0.5 * out["losses"][0]


def test_dense_features_are_not_superposed():
    # S = 0: only the two most important features get a dimension each.
    W = s.train(0.0, seed=0)["W"]
    norms = s.feature_norms(W)
    assert s.represented(W) <= 2
    assert norms[0] > 0.9 and norms[1] > 0.9


def test_sparse_features_are_superposed():
    # S ≥ 0.9: at least four features share the two dimensions.
    for sparsity in (0.9, 0.95):
        assert s.represented(s.train(sparsity, seed=0)["W"]) >= 4


def test_represented_features_grow_with_sparsity():
    control = {c.name: c for c in s.CONTROLS}["sparsity"]
    counts = [s.run(seed=0, sparsity=sparsity)["readouts"]["represented"] for sparsity in control.values]
    assert counts == sorted(counts), counts
    assert counts[0] == 2  # dense: one dimension each for the two most important features
    assert counts[control.values.index(0.9)] >= 4


def test_run_returns_json_figures_and_reports_progress():
    seen = []
    out = s.run(seed=1, progress=lambda f, m: seen.append(f), sparsity=0.9, sweep=(0.0, 0.9), steps=60)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    assert set(out["figures"]) == {"directions", "norms"}
    for fig in out["figures"].values():
        json.dumps(fig)
    assert out["sweep"]["norms"][1] == out["norms"]  # S = 0.9 reused from the main run
    assert out["W"] == s.run(seed=1, sparsity=0.9, sweep=(0.0, 0.9), steps=60)["W"]
    assert out["readouts"] == {"represented": out["represented"], "loss": out["final_loss"]}


def test_without_a_sweep_the_norms_figure_shows_this_model():
    out = s.run(seed=0, sparsity=0.5, steps=60)
    bars = out["figures"]["norms"]["data"][0]
    assert bars["y"] == [round(v, 3) for v in out["norms"]]
    assert "sweep" not in out
