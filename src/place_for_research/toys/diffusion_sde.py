"""Score-based generative modelling through SDEs, in one dimension.

The phenomenon: a stochastic differential equation slowly turns data into
Gaussian noise; running the *reverse-time* SDE, steered by the score
∇ₓ log p_t(x), turns noise back into data. The same score also defines a
deterministic *probability-flow ODE* with the same marginals, and the
annealed Langevin dynamics of NCSN (arXiv 1907.05600), which samples from a
sequence of noise levels. Paper: Song et al., "Score-Based Generative
Modeling through Stochastic Differential Equations", arXiv 2011.13456.

The toy has no neural network: the data is a mixture of Gaussians, and every
noised marginal of a Gaussian mixture under the variance-preserving (VP) SDE
is again a Gaussian mixture, so the score is known exactly. What is left is
the structure itself: the forward process, the reverse sampler, and how the
step count controls the sampling error. This is structure derived from the
laws of math: nothing here was learned or tuned by watching experiments.

The reader picks a sampler and a number of steps. The readouts compare the
samples' distance to the data (W1) with a band, not a single floor: the W1
of n exact draws from the data is itself random (one set lands at 0.02,
another at 0.1, mostly because the share of draws in each mode varies), so
the band holds the middle 90% of the W1 of 40 independent sets of n exact
draws. A sampler inside the band cannot be told apart from exact sampling at
this sample size; a deterministic map of one set of noise (the flow ODE) may
land anywhere in it, below a particular set of exact draws too.

Forward VP-SDE:  dx = −½ β(t) x dt + √β(t) dW,  β(t) = β_min + t (β_max − β_min)
Marginal:        x_t = α(t) x₀ + √(1 − α(t)²) ε,  α(t) = exp(−½ ∫₀ᵗ β(s) ds)
Reverse SDE:     dx = [−½ β x − β ∇log p_t(x)] dt + √β dW̄   (t from 1 to 0)
Flow ODE:        dx = [−½ β x − ½ β ∇log p_t(x)] dt
"""

import functools
import math
from statistics import NormalDist

from ._common import COLORS, figure, histogram, linspace, log_axis, make_rng, progress_or_noop, rounded, thin
from .controls import Answer, Control, Readout

BETA_MIN, BETA_MAX = 0.1, 20.0
T_END = 1e-3  # stop just short of t = 0, as in the paper

# The data distribution: (weight, mean, standard deviation) per mode.
DATA = ((0.3, -2.0, 0.4), (0.7, 2.0, 0.4))

SAMPLERS = {"sde": "reverse SDE", "ode": "probability-flow ODE", "langevin": "annealed Langevin"}

CONTROLS = (
    Control("sampler", "Sampler", tuple(SAMPLERS), default="ode", labels=tuple(SAMPLERS.values()),
            help="All three follow the same exact score; they differ in how they use it."),
    Control("steps", "Steps", (5, 10, 20, 50, 100, 200), default=10, unit="steps",
            help="Score evaluations per sample."),
)
READOUTS = (
    Readout("w1", "Distance to the data (W1)", digits=3,
            help="Wasserstein-1 distance between the samples and the data distribution."),
    Readout("floor_low", "Exact draws: W1, low end of the band", digits=3,
            help="The same number of exact draws from the data are not at zero either: "
                 "nine sets in ten of them land between the low and the high end."),
    Readout("floor_high", "Exact draws: W1, high end of the band", digits=3),
)
FLOOR_SETS = 40  # independent sets of exact draws behind the band


# --- The forward process -------------------------------------------------

def beta(t):
    return BETA_MIN + t * (BETA_MAX - BETA_MIN)


def alpha(t):
    """Signal scale α(t) = exp(−½ ∫₀ᵗ β): x_t = α x₀ + √(1−α²) ε."""
    integral = BETA_MIN * t + 0.5 * (BETA_MAX - BETA_MIN) * t * t
    return math.exp(-0.5 * integral)


def noised_mixture(mixture, t):
    """The marginal p_t: each mode N(m, s²) becomes N(α m, α² s² + 1 − α²)."""
    a = alpha(t)
    return tuple((w, a * m, math.sqrt(a * a * s * s + 1 - a * a)) for w, m, s in mixture)


def blurred_mixture(mixture, sigma):
    """Data convolved with N(0, σ²), the noise model of NCSN (variance exploding)."""
    return tuple((w, m, math.sqrt(s * s + sigma * sigma)) for w, m, s in mixture)


def forward_sample(x0, t, rng):
    """Jump straight to time t of the forward SDE from a data point x0."""
    a = alpha(t)
    return a * x0 + math.sqrt(1 - a * a) * rng.gauss(0.0, 1.0)


# --- Density, score, CDF of a Gaussian mixture ---------------------------

def log_density(mixture, x):
    logs = [math.log(w) - math.log(s) - 0.5 * ((x - m) / s) ** 2 for w, m, s in mixture]
    top = max(logs)
    return top + math.log(sum(math.exp(v - top) for v in logs)) - 0.5 * math.log(2 * math.pi)


def density(mixture, x):
    return math.exp(log_density(mixture, x))


def score(mixture, x):
    """∇ₓ log Σ_k w_k N(x; m_k, s_k²) = Σ_k r_k(x) (m_k − x) / s_k².

    r_k(x) is the posterior probability ("responsibility") of mode k at x.
    """
    logs = [math.log(w) - math.log(s) - 0.5 * ((x - m) / s) ** 2 for w, m, s in mixture]
    top = max(logs)
    r = [math.exp(v - top) for v in logs]
    pull = sum(rk * (m - x) / (s * s) for rk, (w, m, s) in zip(r, mixture))
    return pull / sum(r)


def cdf(mixture, x):
    return sum(w * 0.5 * (1 + math.erf((x - m) / (s * math.sqrt(2)))) for w, m, s in mixture)


def inverse_cdf(mixture, u, lo=-12.0, hi=12.0):
    """F⁻¹(u) by bisection: the x with F(x) = u (F is increasing), to 24 / 2⁴² ≈ 5·10⁻¹²."""
    for _ in range(42):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if cdf(mixture, mid) < u else (lo, mid)
    return 0.5 * (lo + hi)


def exact_samples(mixture, noise):
    """Exact draws from the mixture made from standard-normal ``noise``: x = F⁻¹(Φ(z)).

    Each z ~ N(0, 1) gives Φ(z) ~ uniform and so F⁻¹(Φ(z)) ~ the mixture: the
    monotone map that the probability-flow ODE integrates in one dimension.
    """
    normal = NormalDist()
    return [inverse_cdf(mixture, normal.cdf(z)) for z in noise]


def sample_data(mixture, n, rng):
    weights = [w for w, _, _ in mixture]
    modes = rng.choices(mixture, weights=weights, k=n)
    return [rng.gauss(m, s) for _, m, s in modes]


# --- Samplers ------------------------------------------------------------

def prior_quantiles(n):
    """n evenly spread points of the prior N(0, 1): a noise-free starting set."""
    return [NormalDist().inv_cdf((i + 0.5) / n) for i in range(n)]


def _time_grid(steps):
    """Times 1 = t_0 > t_1 > ... > t_steps = T_END, uniformly spaced."""
    return linspace(1.0, T_END, steps + 1)


def reverse_sde_sample(mixture, n, steps, rng, paths=0, start=None):
    """Euler–Maruyama on the reverse-time SDE, from N(0, 1) at t=1 down to t≈0.

    Each step, with Δt > 0 and t decreasing:
        x ← x + [½ β x + β ∇log p_t(x)] Δt + √(β Δt) z,   z ~ N(0, 1)
    Returns (samples, trajectories of the first ``paths`` samples, times).
    ``start`` optionally fixes the n starting points (default: drawn from N(0, 1)).
    """
    times = _time_grid(steps)
    xs = list(start) if start else [rng.gauss(0.0, 1.0) for _ in range(n)]
    tracks = [[x] for x in xs[:paths]]
    for t, t_next in zip(times, times[1:]):
        dt, b = t - t_next, beta(t)
        marginal = noised_mixture(mixture, t)
        noise = math.sqrt(b * dt)
        xs = [x + (0.5 * b * x + b * score(marginal, x)) * dt + noise * rng.gauss(0.0, 1.0)
              for x in xs]
        for track, x in zip(tracks, xs):
            track.append(x)
    return xs, tracks, times


def probability_flow_sample(mixture, n, steps, rng, paths=0, start=None):
    """Euler steps on the probability-flow ODE: the same marginals, no noise.

        x ← x + ½ β (x + ∇log p_t(x)) Δt
    Randomness enters only through the starting point x(1) ~ N(0, 1).
    """
    times = _time_grid(steps)
    xs = list(start) if start else [rng.gauss(0.0, 1.0) for _ in range(n)]
    tracks = [[x] for x in xs[:paths]]
    for t, t_next in zip(times, times[1:]):
        dt, b = t - t_next, beta(t)
        marginal = noised_mixture(mixture, t)
        xs = [x + 0.5 * b * (x + score(marginal, x)) * dt for x in xs]
        for track, x in zip(tracks, xs):
            track.append(x)
    return xs, tracks, times


def noise_levels(sigma_max=4.0, sigma_min=0.05, levels=10):
    """Geometric noise levels σ_1 > ... > σ_L, as in NCSN."""
    if levels == 1:
        return [sigma_min]
    ratio = (sigma_min / sigma_max) ** (1 / (levels - 1))
    return [sigma_max * ratio**i for i in range(levels)]


def annealed_langevin_sample(mixture, n, rng, sigmas=None, steps_per_level=10, eps=0.5,
                             paths=0, start=None):
    """Annealed Langevin dynamics (NCSN): Langevin at each noise level in turn.

    At level σ, with step η = eps · σ²:
        x ← x + (η/2) ∇log p_σ(x) + √η z,   p_σ = data ∗ N(0, σ²)
    ``start`` optionally gives n standard-normal draws (scaled by σ_1 here).
    Returns the samples, or (samples, tracks of the first ``paths``) if ``paths``.
    """
    sigmas = sigmas or noise_levels()
    noise = list(start) if start else [rng.gauss(0.0, 1.0) for _ in range(n)]
    xs = [sigmas[0] * z for z in noise]
    tracks = [[x] for x in xs[:paths]]
    for sigma in sigmas:
        blurred = blurred_mixture(mixture, sigma)
        step = eps * sigma * sigma
        for _ in range(steps_per_level):
            xs = [x + 0.5 * step * score(blurred, x) + math.sqrt(step) * rng.gauss(0.0, 1.0)
                  for x in xs]
            for track, x in zip(tracks, xs):
                track.append(x)
    return (xs, tracks) if paths else xs


def langevin_schedule(steps, most_levels=10):
    """Spread ``steps`` Langevin steps over noise levels: (levels, steps per level)."""
    levels = min(most_levels, steps)
    return levels, steps // levels


# --- How good are the samples? -------------------------------------------

def wasserstein1(samples, mixture, grid=2000):
    """W1 = ∫ |F_n(x) − F(x)| dx between the samples and the mixture.

    The empirical CDF F_n is a step function, so we integrate piecewise over
    the sorted samples merged with a fine grid, using the midpoint of F.
    """
    xs = sorted(samples)
    lo = min(xs[0], min(m - 8 * s for _, m, s in mixture))
    hi = max(xs[-1], max(m + 8 * s for _, m, s in mixture))
    points = sorted(xs + linspace(lo, hi, grid))
    n, below, total = len(xs), 0, 0.0
    for a, b in zip(points, points[1:]):
        while below < n and xs[below] <= a:
            below += 1
        if b > a:
            total += abs(below / n - cdf(mixture, 0.5 * (a + b))) * (b - a)
    return total


@functools.lru_cache(maxsize=8)
def floor_band(n, seed=0, mixture=DATA, sets=FLOOR_SETS):
    """The middle 90% of W1 over ``sets`` independent sets of ``n`` exact draws: (low, high).

    What exact sampling itself reaches with n samples: a sampler whose W1 falls
    inside cannot be told apart from it at this sample size.
    """
    rng = make_rng(f"{seed}:floor")
    distances = sorted(wasserstein1(sample_data(mixture, n, rng), mixture) for _ in range(sets))
    cut = sets // 20
    return distances[cut], distances[-1 - cut]


# --- The demo ------------------------------------------------------------

def sample(sampler, mixture, steps, noise, rng, paths=0):
    """Run one sampler from the standard-normal ``noise``: (samples, tracks, x of the tracks)."""
    n = len(noise)
    if sampler == "langevin":
        levels, per_level = langevin_schedule(steps)
        xs, tracks = annealed_langevin_sample(mixture, n, rng, noise_levels(levels=levels), per_level,
                                              paths=max(paths, 1), start=noise)
        return xs, tracks[:paths], list(range(levels * per_level + 1))
    # Start from the exact marginal p_1 (within 1% of N(0, 1) here), made from the
    # same noise: then the step size is the samplers' only approximation.
    start = exact_samples(noised_mixture(mixture, 1.0), noise)
    method = {"sde": reverse_sde_sample, "ode": probability_flow_sample}[sampler]
    xs, tracks, times = method(mixture, n, steps, rng, paths, start=start)
    return xs, tracks, times


def run(seed=0, progress=None, sampler="ode", steps=10, n=1000, paths=8, mixture=DATA):
    """Sample the mixture with one sampler and compare with the data and the floor."""
    if sampler not in SAMPLERS:
        raise ValueError(f"sampler must be one of {', '.join(SAMPLERS)}, not {sampler!r}")
    report = progress_or_noop(progress)
    rng = make_rng(seed)
    noise = [rng.gauss(0.0, 1.0) for _ in range(n)]
    report(0.0, f"{SAMPLERS[sampler]}: {steps} steps")
    xs, tracks, clock = sample(sampler, mixture, steps, noise, rng, paths)
    report(0.7, "exact samples from the same noise")
    exact = exact_samples(mixture, noise)
    report(0.85, "measuring W1")
    w1, floor = wasserstein1(xs, mixture), wasserstein1(exact, mixture)
    low, high = floor_band(n, seed, mixture)
    figures = {
        "histogram": _histogram_figure(xs, exact, mixture),
        "trajectories": _trajectory_figure(sampler, clock, tracks),
    }
    report(1.0, "done")
    return {"w1": {SAMPLERS[sampler]: w1, "exact data draws": floor},
            "sampler": sampler, "steps": steps, "n": n, "mixture": [list(c) for c in mixture],
            "floor_band": [low, high],
            "readouts": {"w1": w1, "floor_low": low, "floor_high": high},
            "figures": figures}


def compare(seed=0, progress=None, steps=100, n=1000, paths=8, mixture=DATA):
    """All three samplers at one step count, side by side (the notebook's view).

    Same result keys as ``run()``, but ``w1`` has one entry per sampler, and the
    figures overlay the samplers: SDE and ODE paths, three histograms.
    """
    report = progress_or_noop(progress)
    rng = make_rng(seed)
    noise = [rng.gauss(0.0, 1.0) for _ in range(n)]
    samples, tracks = {}, {}
    for k, key in enumerate(SAMPLERS):
        report(k / 4, SAMPLERS[key])
        xs, paths_of, clock = sample(key, mixture, steps, noise, rng, paths)
        samples[SAMPLERS[key]] = xs
        tracks[key] = (clock, paths_of)
    report(0.75, "measuring W1")
    w1 = {name: wasserstein1(xs, mixture) for name, xs in samples.items()}
    w1["exact data draws"] = wasserstein1(exact_samples(mixture, noise), mixture)
    report(1.0, "done")
    return {"w1": w1, "steps": steps, "n": n, "mixture": [list(c) for c in mixture],
            "figures": {"trajectories": _paths_figure(tracks["sde"], tracks["ode"]),
                        "histogram": _samplers_figure(samples, mixture)}}


def _paths_figure(sde, ode):
    traces = []
    for name, (clock, tracks), line in (("reverse SDE", sde, {"color": COLORS["blue"]}),
                                        ("probability-flow ODE", ode, {"color": COLORS["orange"], "dash": "dot"})):
        keep = thin(list(range(len(clock))), 41)
        traces += [{"type": "scatter", "mode": "lines", "x": rounded([clock[i] for i in keep], 3),
                    "y": rounded([track[i] for i in keep], 2), "name": name, "legendgroup": name,
                    "showlegend": k == 0, "line": {"width": 1.5, **line}} for k, track in enumerate(tracks)]
    return figure(traces, "From noise (t = 1) to data (t = 0)",
                  {"title": {"text": "time t"}, "autorange": "reversed"}, {"title": {"text": "x"}})


def _samplers_figure(samples, mixture):
    lo, hi = -4.0, 4.0
    traces = []
    for (name, xs), color in zip(samples.items(), (COLORS["blue"], COLORS["orange"], COLORS["green"])):
        centres, heights = histogram(xs, lo, hi, 40)
        traces.append({"type": "bar", "x": rounded(centres, 2), "y": rounded(heights, 3),
                       "name": name, "opacity": 0.55, "marker": {"color": color}})
    grid = linspace(lo, hi, 61)
    traces.append({"type": "scatter", "mode": "lines", "x": rounded(grid, 2),
                   "y": rounded([density(mixture, x) for x in grid], 3),
                   "name": "data density", "line": {"width": 3, "color": COLORS["grey"]}})
    return figure(traces, "Samples against the data density",
                  {"title": {"text": "x"}}, {"title": {"text": "density"}}, barmode="overlay")


def _histogram_figure(xs, exact, mixture):
    """The samples against the data density and exact draws from the same noise, one structure for every setting.

    Names, title and axes do not depend on the sampler or the step count, so moving
    a control only changes the bars' heights (the widget then redraws the data
    alone); W1 and the band of exact draws are the toy's readouts, beside the figure.
    """
    lo, hi = -4.0, 4.0
    centres, heights = histogram(xs, lo, hi, 40)
    _, exact_heights = histogram(exact, lo, hi, 40)
    grid = linspace(lo, hi, 61)
    traces = [
        {"type": "bar", "x": rounded(centres, 2), "y": rounded(heights, 3),
         "name": "the sampler's samples", "marker": {"color": COLORS["blue"]}, "opacity": 0.75},
        {"type": "scatter", "mode": "lines", "x": rounded(centres, 2), "y": rounded(exact_heights, 3),
         "name": "exact draws from the same noise", "line": {"shape": "hvh", "width": 2, "color": COLORS["orange"]}},
        {"type": "scatter", "mode": "lines", "x": rounded(grid, 2),
         "y": rounded([density(mixture, x) for x in grid], 3),
         "name": "data density", "line": {"width": 3, "color": COLORS["grey"]}},
    ]
    # Fixed axes over the whole grid: moving a control never rescales the picture.
    return figure(traces, "Samples against the data density",
                  {"title": {"text": "x"}, "range": [lo, hi]}, {"title": {"text": "density"}, "range": [0, 0.9]},
                  bargap=0.05)


def _trajectory_figure(sampler, clock, tracks):
    langevin = sampler == "langevin"
    keep = thin(list(range(len(clock))), 41)
    traces = [{"type": "scatter", "mode": "lines", "x": rounded([clock[i] for i in keep], 3),
               "y": rounded([track[i] for i in keep], 2), "name": SAMPLERS[sampler], "legendgroup": "paths",
               "showlegend": k == 0, "line": {"width": 1.5, "color": COLORS["blue"]}}
              for k, track in enumerate(tracks)]
    xaxis = ({"title": {"text": "Langevin step (the noise level falls)"}} if langevin else
             {"title": {"text": "time t (noise at 1, data at 0)"}, "autorange": "reversed"})
    return figure(traces, "From noise to data: sample paths", xaxis,
                  {"title": {"text": "x"}}, showlegend=False)


# --- The answer to the essay's question: W1 against steps -----------------------

STEPS_RANGE = (4, 250)       # the band's ends: past the x axis (5 to 200 steps, padded), so it spans the plot
W1_RANGE = (0.015, 2.0)      # the y axis: every sampler at every step count, the band, every guess
GUESSES = (  # the reader's answer as a curve shape, in the order the essay offers them
    ("your guess: keeps falling", (0.3, 0.2, 0.1, 0.045, 0.026, 0.015)),
    ("your guess: falls, then flat", (0.3, 0.09, 0.05, 0.05, 0.05, 0.05)),
    ("your guess: hardly moves", (0.3, 0.29, 0.28, 0.27, 0.26, 0.25)),
)


def w1_against_steps(points, results):
    """W1 against steps for each sampler, on log axes, over the band of exact draws."""
    steps = next(c for c in CONTROLS if c.name == "steps").values
    w1 = {(p["sampler"], p["steps"]): r["readouts"]["w1"] for p, r in zip(points, results)}
    low, high = results[0]["readouts"]["floor_low"], results[0]["readouts"]["floor_high"]
    left, right = STEPS_RANGE
    traces = [{"type": "scatter", "mode": "none", "fill": "toself", "fillcolor": "rgba(134,142,150,0.3)",
               "x": [left, right, right, left], "y": rounded([low, low, high, high], 4),
               "name": "exact draws, 9 sets in 10", "hoverinfo": "skip"}]
    for key, colour in zip(("ode", "sde", "langevin"), (COLORS["orange"], COLORS["blue"], COLORS["green"])):
        traces.append({"type": "scatter", "mode": "lines+markers", "x": list(steps),
                       "y": rounded([w1[(key, s)] for s in steps], 4), "name": SAMPLERS[key],
                       "line": {"width": 2.5, "color": colour}, "marker": {"size": 8, "color": colour}})
    return figure(traces, "Distance to the data against steps",
                  log_axis(steps[0], steps[-1], "steps (log scale)"), log_axis(*W1_RANGE, "W1 (log scale)"))


def mark_guess(choice, answer=None):
    """The curve shape the reader chose, drawn dashed over the samplers' lines."""
    name, ys = GUESSES[int(choice)]
    steps = next(c for c in CONTROLS if c.name == "steps").values
    return {"data": [{"type": "scatter", "mode": "lines", "x": list(steps), "y": list(ys), "name": name,
                      "line": {"width": 3, "dash": "dash", "color": "currentColor"}}]}


ANSWER = Answer(figure=w1_against_steps, guess=mark_guess, choices=len(GUESSES))
