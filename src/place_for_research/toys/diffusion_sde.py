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
step count controls the sampling error.

Forward VP-SDE:  dx = −½ β(t) x dt + √β(t) dW,  β(t) = β_min + t (β_max − β_min)
Marginal:        x_t = α(t) x₀ + √(1 − α(t)²) ε,  α(t) = exp(−½ ∫₀ᵗ β(s) ds)
Reverse SDE:     dx = [−½ β x − β ∇log p_t(x)] dt + √β dW̄   (t from 1 to 0)
Flow ODE:        dx = [−½ β x − ½ β ∇log p_t(x)] dt
"""

import math
from statistics import NormalDist

from ._common import figure, histogram, linspace, make_rng, progress_or_noop, rounded

BETA_MIN, BETA_MAX = 0.1, 20.0
T_END = 1e-3  # stop just short of t = 0, as in the paper

# The data distribution: (weight, mean, standard deviation) per mode.
DATA = ((0.3, -2.0, 0.4), (0.7, 2.0, 0.4))


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
    ratio = (sigma_min / sigma_max) ** (1 / (levels - 1))
    return [sigma_max * ratio**i for i in range(levels)]


def annealed_langevin_sample(mixture, n, rng, sigmas=None, steps_per_level=10, eps=0.5):
    """Annealed Langevin dynamics (NCSN): Langevin at each noise level in turn.

    At level σ, with step η = eps · σ²:
        x ← x + (η/2) ∇log p_σ(x) + √η z,   p_σ = data ∗ N(0, σ²)
    """
    sigmas = sigmas or noise_levels()
    xs = [rng.gauss(0.0, sigmas[0]) for _ in range(n)]
    for sigma in sigmas:
        blurred = blurred_mixture(mixture, sigma)
        step = eps * sigma * sigma
        for _ in range(steps_per_level):
            xs = [x + 0.5 * step * score(blurred, x) + math.sqrt(step) * rng.gauss(0.0, 1.0)
                  for x in xs]
    return xs


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


# --- The demo ------------------------------------------------------------

def run(seed=0, progress=None, n=1000, steps=100, paths=8, mixture=DATA):
    """Sample the mixture three ways and compare with the data density."""
    report = progress_or_noop(progress)
    rng = make_rng(seed)
    report(0.0, "reverse-time SDE")
    sde, sde_tracks, times = reverse_sde_sample(mixture, n, steps, rng, paths)
    report(0.35, "probability-flow ODE")
    ode, ode_tracks, _ = probability_flow_sample(mixture, n, steps, rng, paths)
    report(0.65, "annealed Langevin dynamics")
    langevin = annealed_langevin_sample(mixture, n, rng)
    report(0.9, "measuring W1")
    samplers = {"reverse SDE": sde, "probability-flow ODE": ode, "annealed Langevin": langevin}
    w1 = {name: wasserstein1(xs, mixture) for name, xs in samplers.items()}
    # Reference: exact draws from the data are not at W1 = 0 either (finite n).
    w1["exact data draws"] = wasserstein1(sample_data(mixture, n, rng), mixture)
    figures = {
        "trajectories": _trajectory_figure(times, sde_tracks, ode_tracks),
        "histogram": _histogram_figure(samplers, mixture),
    }
    report(1.0, "done")
    return {"w1": w1, "steps": steps, "n": n, "mixture": [list(c) for c in mixture],
            "figures": figures}


def _trajectory_figure(times, sde_tracks, ode_tracks):
    traces = []
    for name, tracks, line in (("reverse SDE", sde_tracks, {"color": "#5c7cfa"}),
                               ("probability-flow ODE", ode_tracks,
                                {"color": "#f08c00", "dash": "dot"})):
        for i, track in enumerate(tracks):
            traces.append({
                "type": "scatter", "mode": "lines", "x": rounded(times, 3),
                "y": rounded(track, 3), "name": name, "legendgroup": name,
                "showlegend": i == 0, "line": {"width": 1.5, **line},
            })
    return figure(traces, "From noise (t = 1) to data (t = 0)",
                  {"title": {"text": "time t"}, "autorange": "reversed"},
                  {"title": {"text": "x"}})


def _histogram_figure(samplers, mixture):
    lo, hi = -4.0, 4.0
    traces = []
    for name, xs in samplers.items():
        centres, heights = histogram(xs, lo, hi, 40)
        traces.append({"type": "bar", "x": rounded(centres, 3), "y": rounded(heights),
                       "name": name, "opacity": 0.55})
    grid = linspace(lo, hi, 200)
    traces.append({"type": "scatter", "mode": "lines", "x": rounded(grid, 3),
                   "y": rounded([density(mixture, x) for x in grid]),
                   "name": "data density", "line": {"width": 3, "color": "#868e96"}})
    return figure(traces, "Samples against the data density",
                  {"title": {"text": "x"}}, {"title": {"text": "density"}}, barmode="overlay")
