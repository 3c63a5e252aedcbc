"""Superposition: a small network stores more features than it has dimensions.

The phenomenon: n features must pass through an m-dimensional bottleneck
(m < n). When the features are dense, the model keeps the m most important
ones, each on its own orthogonal direction, and drops the rest. When they
are sparse (rarely active at the same time), it packs *more* features than
dimensions into the space, at angles to one another, and a ReLU filters out
the interference: superposition. Between the two regimes lies a sharp phase
change. Paper: Elhage et al., "Toy Models of Superposition", arXiv 2209.10652.

Data:  x_i = 0 with probability S (the sparsity), else uniform on [0, 1]
Model: x' = ReLU(Wᵀ W x + b),  W is m × n, column W_i is feature i's direction
Loss:  L = mean over the batch of Σ_i I_i (x_i − x'_i)²,  importance I_i = r^(i−1)

The gradients are written out by hand (h = W x, y = Wᵀ h + b):
    ∂L/∂y_i  = 2 I_i (x'_i − x_i) · [y_i > 0]           (call it δ_i)
    ∂L/∂b_i  = δ_i
    ∂L/∂h_j  = Σ_i W_ji δ_i                             (call it g_j)
    ∂L/∂W_ji = δ_i h_j + g_j x_i     (W appears twice: as Wᵀ and as W)
and W, b are updated with Adam, its learning rate decayed on a cosine.

This is exploratory work: nobody designs the packing, it is observed. The
reader moves the sparsity S and the importance decay r and counts the
features the trained model represents (‖W_i‖ > ½). The finding became a
foundation: sparse autoencoders (Cunningham et al., arXiv 2309.08600) look
for such superposed features in real language models.
"""

import math

from ._common import PALETTE, figure, linspace, make_rng, progress_or_noop, rounded
from .controls import Answer, Control, Readout

CONTROLS = (
    Control("sparsity", "Sparsity S", (0.0, 0.5, 0.7, 0.8, 0.9, 0.95), default=0.0,
            help="The chance that a feature is zero in an input."),
    Control("ratio", "Importance decay r", (0.7, 0.8, 0.9), default=0.8,
            help="Feature i matters r^(i−1) as much as the first."),
)
READOUTS = (
    Readout("represented", "Features represented (of 5, in 2 dimensions)", digits=0),
    Readout("loss", "Final loss", digits=4),
)


def make_batch(rng, n, sparsity, size):
    return [[0.0 if rng.random() < sparsity else rng.random() for _ in range(n)]
            for _ in range(size)]


def init_params(rng, n, m):
    """Xavier-normal W (m rows of n), zero bias."""
    std = math.sqrt(2 / (n + m))
    return [[rng.gauss(0.0, std) for _ in range(n)] for _ in range(m)], [0.0] * n


def forward(W, b, x):
    """Returns (h, y, x') for one input: h = W x, y = Wᵀ h + b, x' = ReLU(y)."""
    active = [(i, xi) for i, xi in enumerate(x) if xi]  # sparse inputs: skip zeros
    h = [sum(row[i] * xi for i, xi in active) for row in W]
    y = b
    for row, hj in zip(W, h):  # y = b + Σ_j h_j W_j  (row j of W)
        y = [yi + hj * wji for yi, wji in zip(y, row)]
    return h, y, [max(0.0, v) for v in y]


def loss_and_grads(W, b, batch, importance):
    """Mean weighted squared error over the batch and its gradients (see above)."""
    n = len(b)
    dW = [[0.0] * n for _ in W]  # the same shape as W: m rows of n
    db = [0.0] * n
    loss, scale = 0.0, 1.0 / len(batch)
    for x in batch:
        h, y, out = forward(W, b, x)
        err = [o - xi for o, xi in zip(out, x)]
        loss += scale * sum(w * e * e for w, e in zip(importance, err))
        delta = [2 * scale * w * e if v > 0 else 0.0 for w, e, v in zip(importance, err, y)]
        db = [a + d for a, d in zip(db, delta)]
        if not any(x):
            continue  # h = 0 and x = 0: an empty input only teaches the bias
        g = [sum(wi * di for wi, di in zip(row, delta)) for row in W]
        dW = [[a + d * hj + gj * xi for a, d, xi in zip(grad_row, delta, x)]
              for grad_row, hj, gj in zip(dW, h, g)]
    return loss, dW, db


class Adam:
    """Adam on a list of parameter vectors (rows of W and b), updated in place."""

    def __init__(self, vectors, lr=0.02, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps, self.t = lr, beta1, beta2, eps, 0
        self.m = [[0.0] * len(v) for v in vectors]
        self.v = [[0.0] * len(v) for v in vectors]

    def step(self, vectors, grads):
        self.t += 1
        c1, c2 = 1 - self.beta1**self.t, 1 - self.beta2**self.t
        for vec, grad, m, v in zip(vectors, grads, self.m, self.v):
            for k, gk in enumerate(grad):
                m[k] = self.beta1 * m[k] + (1 - self.beta1) * gk
                v[k] = self.beta2 * v[k] + (1 - self.beta2) * gk * gk
                vec[k] -= self.lr * (m[k] / c1) / (math.sqrt(v[k] / c2) + self.eps)


def train(sparsity, n=5, m=2, ratio=0.8, steps=400, batch=48, lr=0.1, seed=0, progress=None):
    """Train one toy model; returns W, b, the importances and the loss curve."""
    report = progress_or_noop(progress)
    rng = make_rng(seed)
    importance = [ratio**i for i in range(n)]
    W, b = init_params(rng, n, m)
    opt = Adam(W + [b], lr)
    losses = []
    for step in range(steps):
        opt.lr = lr * 0.5 * (1 + math.cos(math.pi * step / steps))  # cosine decay
        loss, dW, db = loss_and_grads(W, b, make_batch(rng, n, sparsity, batch), importance)
        opt.step(W + [b], dW + [db])
        losses.append(loss)
        if step % 100 == 0:
            report(step / steps, f"S = {sparsity:g}: step {step} of {steps}, loss {loss:.4f}")
    return {"W": W, "b": b, "importance": importance, "losses": losses}


def feature_norms(W):
    """‖W_i‖ for each feature (column) i: ≈ 1 if represented, ≈ 0 if dropped."""
    return [math.sqrt(sum(row[i] ** 2 for row in W)) for i in range(len(W[0]))]


def interference(W):
    """Σ_{j≠i} (Ŵ_i · W_j)²: how much other features share feature i's direction."""
    n, norms = len(W[0]), feature_norms(W)
    dots = [[sum(row[i] * row[j] for row in W) for j in range(n)] for i in range(n)]
    return [sum((dots[i][j] / max(norms[i], 1e-9)) ** 2 for j in range(n) if j != i)
            for i in range(n)]


def represented(W, threshold=0.5):
    return sum(norm > threshold for norm in feature_norms(W))


# --- The demo ------------------------------------------------------------------

def run(seed=0, progress=None, sparsity=0.0, ratio=0.8, sweep=(), n=5, m=2, steps=400):
    """Train at one sparsity (the 2-D picture of its features).

    ``sweep`` (sparsities) also trains one model per value and draws the
    feature norms against sparsity, instead of the norms of this one model.
    """
    report = progress_or_noop(progress)
    todo = 1 + sum(s != sparsity for s in sweep)
    main = train(sparsity, n, m, ratio, steps, seed=seed,
                 progress=lambda f, msg: report(f / todo, msg))
    norms_by_sparsity, trained = [], 1
    for s in sweep:
        if s == sparsity:
            W = main["W"]  # already trained with these settings
        else:
            report(trained / todo, f"sweep: training at S = {s:g}")
            W = train(s, n, m, ratio, steps, seed=seed)["W"]
            trained += 1
        norms_by_sparsity.append(feature_norms(W))
    report(1.0, "done")
    norms = feature_norms(main["W"])
    figures = {}
    if m == 2:
        figures["directions"] = _directions_figure(main["W"], main["importance"])
    figures["norms"] = (_sweep_figure(sweep, norms_by_sparsity) if sweep
                        else _norms_figure(norms, main["importance"], sparsity))
    tail = main["losses"][-50:]
    result = {
        "sparsity": sparsity,
        "ratio": ratio,
        "W": main["W"], "b": main["b"],
        "norms": norms,
        "interference": interference(main["W"]),
        "represented": represented(main["W"]),
        "final_loss": sum(tail) / len(tail),
        "figures": figures,
    }
    result["readouts"] = {"represented": result["represented"], "loss": result["final_loss"]}
    if sweep:
        result["sweep"] = {"sparsity": list(sweep), "norms": norms_by_sparsity,
                           "represented": [sum(v > 0.5 for v in norms) for norms in norms_by_sparsity]}
    return result


def rank(i, n):
    """A legend name's note that holds for every decay r < 1: the first feature matters most, the last least."""
    return " (most important)" if i == 0 else " (least important)" if i == n - 1 else ""


def _directions_figure(W, importance):
    """Each feature's direction in the hidden plane, one structure for every setting.

    Names, title and axes do not depend on the controls (how many features are
    represented is the toy's readout), so a change only moves the arrows and
    re-weights them: a line's width still grows with its feature's importance.
    """
    angles = linspace(0.0, 2 * math.pi, 49)
    traces = [{"type": "scatter", "mode": "lines", "x": rounded([math.cos(a) for a in angles], 3),
               "y": rounded([math.sin(a) for a in angles], 3), "name": "‖W_i‖ = 1",
               "hoverinfo": "skip", "line": {"width": 1, "dash": "dot", "color": PALETTE[4]}}]
    colors = [c for k, c in enumerate(PALETTE) if k != 4]
    for i, imp in enumerate(importance):
        x, y = W[0][i], W[1][i]
        traces.append({"type": "scatter", "mode": "lines+markers+text", "x": [0, round(x, 4)],
                       "y": [0, round(y, 4)], "name": f"feature {i + 1}{rank(i, len(importance))}",
                       "text": ["", str(i + 1)], "textposition": "top center",
                       "textfont": {"size": 13}, "line": {"width": round(2 + 4 * imp, 2), "color": colors[i % len(colors)]},
                       "marker": {"size": [0, 9], "color": colors[i % len(colors)]}})
    box = {"range": [-1.35, 1.35], "zeroline": False, "dtick": 0.5}
    return figure(traces, "Feature directions in 2-D",
                  {**box, "title": {"text": "dimension 1"}},
                  {**box, "title": {"text": "dimension 2"}, "scaleanchor": "x"})


def _norms_figure(norms, importance, sparsity):
    features = [f"{i + 1}" for i in range(len(norms))]
    traces = [{"type": "bar", "x": features, "y": rounded(norms, 3), "name": "‖W_i‖",
               "marker": {"color": PALETTE[0]}},
              {"type": "scatter", "mode": "lines", "x": features, "y": rounded(importance, 3),
               "name": "importance I_i", "line": {"color": PALETTE[1], "width": 2, "dash": "dash"}}]
    return figure(traces, f"Feature norms ‖W_i‖ (S = {sparsity:g})",
                  {"title": {"text": "feature i (most important first)"}},
                  {"title": {"text": "‖W_i‖"}, "range": [0, 1.3]})


def _sweep_figure(sweep, norms_by_sparsity):
    traces = []
    for i in range(len(norms_by_sparsity[0])):
        traces.append({"type": "scatter", "mode": "lines+markers", "x": list(sweep),
                       "y": rounded([norms[i] for norms in norms_by_sparsity], 3),
                       "name": f"feature {i + 1}"})
    return figure(traces, "Feature norms as inputs get sparser",
                  {"title": {"text": "sparsity S"}},
                  {"title": {"text": "‖W_i‖"}, "rangemode": "tozero"})


# --- The answer to the essay's question: features represented against sparsity -------

QUESTION_SPARSITY = 0.9  # the essay asks about features absent nine times in ten
GUESSES = (  # the reader's answer, in the order the essay offers them: (name, lowest, highest count)
    ("your answer: two", 2, 2),
    ("your answer: more than two", 3, 5),
    ("your answer: fewer than two", 0, 1),
)


def represented_against_sparsity(points, results):
    """How many of the five features get a direction, against sparsity, one line per importance decay."""
    sparsities = next(c for c in CONTROLS if c.name == "sparsity").values
    ratios = next(c for c in CONTROLS if c.name == "ratio").values
    count = {(p["sparsity"], p["ratio"]): r["readouts"]["represented"] for p, r in zip(points, results)}
    # Lines that coincide stay visible: the middle one wide and pale under the others, the last dashed.
    styles = ({"color": PALETTE[1], "width": 2.5}, {"color": PALETTE[0], "width": 8}, {"color": PALETTE[2], "width": 2.5, "dash": "dash"})
    traces = [{"type": "scatter", "mode": "lines+markers", "x": list(sparsities),
               "y": [count[(s, ratio)] for s in sparsities], "name": f"importance decay r = {ratio:g}",
               "line": {**style, "shape": "hv"}, "marker": {"size": 8, "color": style["color"]},
               **({"opacity": 0.5} if style["width"] > 4 else {})}
              for ratio, style in zip(ratios, styles)]
    return figure(traces, "Features stored, against sparsity",
                  {"title": {"text": "sparsity S (how often a feature is absent)"}, "range": [-0.03, 1.0], "dtick": 0.2},
                  {"title": {"text": "features represented (of 5)"}, "range": [-0.3, 5.6], "dtick": 1})


def mark_guess(choice, answer=None):
    """The count the reader expected at sparsity 0.9, as a bar over that sparsity."""
    name, low, high = GUESSES[int(choice)]
    return {"data": [{"type": "scatter", "mode": "lines+markers", "x": [QUESTION_SPARSITY] * 2, "y": [low, high],
                      "name": name, "opacity": 0.6, "line": {"width": 10, "color": "currentColor"},
                      "marker": {"size": 14, "color": "currentColor"}}]}


ANSWER = Answer(figure=represented_against_sparsity, guess=mark_guess, choices=len(GUESSES))
