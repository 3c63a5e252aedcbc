"""Speculative decoding: a cheap draft model proposes, the target model verifies.

The phenomenon: autoregressive sampling from a big model p costs one call
of p per token. A cheap draft model q guesses γ tokens ahead; one call of p
on all of them in parallel checks the guesses. Each draft token x is kept
with probability min(1, p(x)/q(x)); at the first rejection a replacement is
drawn from norm(max(0, p − q)). The output has *exactly* the target's
distribution, yet each call of p yields on average

    (1 − α^(γ+1)) / (1 − α)   tokens,   α = Σ_x min(p(x), q(x)).

Paper: Leviathan, Kalman, Matias, "Fast Inference from Transformers via
Speculative Decoding", arXiv 2211.17192.

Our "language models" are tiny: a bigram table over 8 tokens (the next
token depends on the previous one), with random logits for the target and
a tempered, blurrier copy for the draft (its temperature sets how close it
is). A unigram variant (context-free) makes α one constant, so the formula
can be checked exactly.

This is development that keeps its foundation: the method is faster and
still samples from the target. Two tempting shortcuts are faster still and
change what is computed, which a goodness-of-fit test shows:

- ``unchecked``: keep the draft's γ tokens as they are (γ + 1 tokens per call);
- ``greedy``: replace the coin flip by a threshold, keeping x whenever
  p(x) ≥ q(x) / 2, and resample the residual as before.
"""

import math

from ._common import COLORS, figure, make_rng, progress_or_noop, rounded
from .controls import Answer, Control, Readout

VOCAB = 8
RULES = {
    "exact": "exact: accept with min(1, p/q), resample the residual",
    "unchecked": "shortcut: keep the draft's tokens unchecked",
    "greedy": "shortcut: accept greedily when p ≥ q/2",
}
RULE_NAMES = {"exact": "exact rule", "unchecked": "shortcut: unchecked drafts",
              "greedy": "shortcut: greedy acceptance"}
GREEDY_RATIO = 0.5  # the greedy shortcut keeps x when p(x) ≥ GREEDY_RATIO · q(x)

CONTROLS = (
    Control("gamma", "Draft length γ", (1, 2, 3, 4, 6, 8), default=4, unit="tokens",
            help="Tokens the draft model guesses before one call of the target."),
    Control("temperature", "Draft closeness (its temperature)", (1.25, 1.5, 2.0, 3.0), default=2.0,
            labels=("closest (T = 1.25)", "close (T = 1.5)", "looser (T = 2)", "loose (T = 3)"),
            help="The draft is the target at a higher temperature: the higher, the further from it."),
    Control("rule", "Acceptance rule", tuple(RULES), default="exact", labels=tuple(RULES.values())),
)
READOUTS = (
    Readout("tokens_per_call", "Tokens per target call, measured", digits=2),
    Readout("tokens_per_call_theory", "Tokens per target call, in theory", digits=2),
    Readout("p_value", "Goodness of fit to the target: p-value", digits=3,
            help="Chi-square test of the first two sampled tokens against the target's distribution."),
    Readout("chi_square", "Chi-square statistic", digits=1),
)


# --- Two toy language models ----------------------------------------------

def softmax(logits, temperature=1.0):
    top = max(logits)
    weights = [math.exp((v - top) / temperature) for v in logits]
    total = sum(weights)
    return [w / total for w in weights]


def make_models(seed=0, vocab=VOCAB, context=True, scale=2.0, temperature=2.0):
    """Target and draft next-token tables: row ``prev`` is p(· | prev).

    The draft is the target's logits at a higher temperature: same
    preferences, less sure of them. With ``context=False`` every row is the
    same (a unigram model), so acceptance does not depend on the context.
    """
    rng = make_rng(seed)
    rows = vocab if context else 1
    logits = [[rng.gauss(0.0, scale) for _ in range(vocab)] for _ in range(rows)]
    target = [softmax(row) for row in logits]
    draft = [softmax(row, temperature) for row in logits]
    if not context:
        target, draft = target * vocab, draft * vocab
    return target, draft


def next_token_dist(model, tokens):
    """The model's distribution over the next token, given the tokens so far."""
    return model[tokens[-1]]


def sample(dist, rng):
    """Draw an index from a probability vector by inverting its CDF."""
    u, total = rng.random(), 0.0
    for token, p in enumerate(dist):
        total += p
        if u < total:
            return token
    return len(dist) - 1  # guard against rounding when u ≈ 1


def acceptance_rate(p, q):
    """α = Σ_x min(p(x), q(x)) = 1 − total variation distance(p, q)."""
    return sum(min(a, b) for a, b in zip(p, q))


def expected_tokens_per_call(alpha, gamma):
    """E[tokens per target call] = 1 + α + α² + ... + α^γ = (1 − α^(γ+1)) / (1 − α)."""
    return sum(alpha**k for k in range(gamma + 1))


def greedy_acceptance_rate(p, q):
    """The greedy shortcut keeps a draft token x ~ q when p(x) ≥ q(x)/2: Σ_x q(x) [p(x) ≥ q(x)/2]."""
    return sum(b for a, b in zip(p, q) if a >= GREEDY_RATIO * b)


def theory_tokens_per_call(p, q, gamma, rule):
    """Expected tokens per target call for a context-free model: each guess kept with one probability."""
    if rule == "unchecked":
        return gamma + 1.0
    rate = acceptance_rate(p, q) if rule == "exact" else greedy_acceptance_rate(p, q)
    return expected_tokens_per_call(rate, gamma)


def walltime_speedup(alpha, gamma, cost_ratio):
    """Expected speed-up when a draft call costs ``cost_ratio`` of a target call."""
    return expected_tokens_per_call(alpha, gamma) / (gamma * cost_ratio + 1)


# --- The algorithm ----------------------------------------------------------

def keep(rule, p_x, q_x, rng):
    """Is the draft's token x kept? The exact rule flips a coin; the shortcuts do not."""
    if rule == "exact":
        return rng.random() < min(1.0, p_x / q_x)
    if rule == "greedy":
        return p_x >= GREEDY_RATIO * q_x
    return True  # unchecked


def speculative_step(target, draft, tokens, gamma, rng, rule="exact"):
    """One target call: returns (new tokens, how many draft tokens were accepted)."""
    # 1. The draft model guesses γ tokens autoregressively (cheap calls).
    guesses, draft_dists, context = [], [], list(tokens)
    for _ in range(gamma):
        q = next_token_dist(draft, context)
        x = sample(q, rng)
        guesses.append(x)
        draft_dists.append(q)
        context.append(x)
    # 2. ONE call of the target scores all γ+1 positions in parallel.
    target_dists = [next_token_dist(target, context[:len(tokens) + j]) for j in range(gamma + 1)]
    # 3. Keep each guess with probability min(1, p(x) / q(x)) (or as the shortcut says).
    for j, x in enumerate(guesses):
        p, q = target_dists[j], draft_dists[j]
        if keep(rule, p[x], q[x], rng):
            continue
        # Rejected: resample from the leftover mass norm(max(0, p − q)).
        leftover = [max(0.0, a - b) for a, b in zip(p, q)]
        total = sum(leftover)
        return guesses[:j] + [sample([v / total for v in leftover], rng)], j
    # 4. All γ accepted: the target's last distribution gives one token for free.
    return guesses + [sample(target_dists[gamma], rng)], gamma


def generate(target, draft, prefix, length, gamma, rng, rule="exact"):
    """Speculatively sample ``length`` tokens after ``prefix``.

    Returns (new tokens, target calls, accepted draft tokens, examined drafts).
    """
    tokens, calls, accepted, examined = list(prefix), 0, 0, 0
    while len(tokens) - len(prefix) < length:
        new, kept = speculative_step(target, draft, tokens, gamma, rng, rule)
        tokens += new
        calls += 1
        accepted += kept
        examined += min(kept + 1, gamma)  # drafts checked: all kept ones + the rejected one
    return tokens[len(prefix):len(prefix) + length], calls, accepted, examined


def measure(target, draft, gamma, calls, rng, prefix=(0,), rule="exact"):
    """Run ``calls`` speculative steps; return (acceptance rate, tokens per call)."""
    tokens, produced, accepted, examined = list(prefix), 0, 0, 0
    for _ in range(calls):
        new, kept = speculative_step(target, draft, tokens, gamma, rng, rule)
        tokens = tokens[-1:] + new  # a bigram model only needs the last token
        produced += len(new)
        accepted += kept
        examined += min(kept + 1, gamma)
    return accepted / examined, produced / calls


# --- Is the output really distributed as the target? -----------------------

def regularized_gamma_q(a, x):
    """Q(a, x) = Γ(a, x) / Γ(a), by series (x < a + 1) or continued fraction."""
    if x <= 0:
        return 1.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:  # P(a, x) = e^−x x^a / Γ(a) · Σ_n x^n / (a (a+1) ... (a+n))
        term = total = 1.0 / a
        n = a
        while abs(term) > abs(total) * 1e-15:
            n += 1
            term *= x / n
            total += term
        return 1.0 - total * math.exp(log_front)
    # Q(a, x) by Lentz's method on the continued fraction (Numerical Recipes 6.2).
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1 / (d if abs(d) > tiny else tiny)
        c = b + an / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return math.exp(log_front) * h


def chi2_sf(statistic, dof):
    """P(χ²_dof ≥ statistic): the p-value of a chi-square test."""
    return min(1.0, max(0.0, regularized_gamma_q(dof / 2, statistic / 2)))


def chi_square_test(counts, probs, min_expected=5.0):
    """Pearson's test of observed counts against probabilities.

    Cells expected to hold fewer than ``min_expected`` samples are pooled.
    Returns (statistic, degrees of freedom, p-value).
    """
    n = sum(counts)
    cells, pooled_obs, pooled_exp = [], 0, 0.0
    for obs, p in zip(counts, probs):
        if n * p >= min_expected:
            cells.append((obs, n * p))
        else:
            pooled_obs, pooled_exp = pooled_obs + obs, pooled_exp + n * p
    if pooled_exp > 0:
        cells.append((pooled_obs, pooled_exp))
    statistic = sum((obs - exp) ** 2 / exp for obs, exp in cells)
    dof = len(cells) - 1
    return statistic, dof, chi2_sf(statistic, dof)


def first_two_tokens(target, draft, prefix, samples, gamma, rng, rule="exact"):
    """Counts of (t1, t2) over many speculative samples, and the target's own
    joint probabilities p(t1 | prefix) · p(t2 | prefix, t1), both flattened."""
    counts = [0] * (VOCAB * VOCAB)
    for _ in range(samples):
        t1, t2 = generate(target, draft, prefix, 2, gamma, rng, rule)[0]
        counts[t1 * VOCAB + t2] += 1
    p1 = next_token_dist(target, prefix)
    probs = [p1[a] * next_token_dist(target, list(prefix) + [a])[b]
             for a in range(VOCAB) for b in range(VOCAB)]
    return counts, probs


# --- The demo ---------------------------------------------------------------

def run(seed=0, progress=None, gamma=4, temperature=2.0, rule="exact",
        gammas=(1, 2, 3, 4, 6, 8), calls=600, samples=3000):
    """Tokens per target call against γ (unigram models, constant α), and the
    speculative samples of the bigram model against the target distribution."""
    if rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}, not {rule!r}")
    report = progress_or_noop(progress)
    rng = make_rng(seed)
    p_uni, q_uni = make_models(seed, context=False, temperature=temperature)
    alpha = acceptance_rate(p_uni[0], q_uni[0])
    gammas = sorted(set(gammas) | {gamma})
    measured, rates = [], []
    for i, g in enumerate(gammas):
        report(0.6 * i / len(gammas), f"γ = {g}: {calls} target calls")
        rate, per_call = measure(p_uni, q_uni, g, calls, rng, rule=rule)
        rates.append(rate)
        measured.append(per_call)
    theory = [theory_tokens_per_call(p_uni[0], q_uni[0], g, rule) for g in gammas]
    exact_theory = [theory_tokens_per_call(p_uni[0], q_uni[0], g, "exact") for g in gammas]

    report(0.6, f"{samples} bigram samples with γ = {gamma}")
    p_bi, q_bi = make_models(seed, context=True, temperature=temperature)
    prefix = [0]
    counts, probs = first_two_tokens(p_bi, q_bi, prefix, samples, gamma, rng, rule)
    statistic, dof, p_value = chi_square_test(counts, probs)
    first = [sum(counts[a * VOCAB:(a + 1) * VOCAB]) / samples for a in range(VOCAB)]
    chosen = gammas.index(gamma)
    report(1.0, "done")
    return {
        "alpha": alpha,
        "rule": rule,
        "gammas": gammas,
        "acceptance_measured": rates,
        "tokens_per_call": measured,
        "tokens_per_call_theory": theory,
        "chi_square": {"statistic": statistic, "dof": dof, "p_value": p_value, "samples": samples},
        "readouts": {"tokens_per_call": measured[chosen], "tokens_per_call_theory": theory[chosen],
                     "p_value": p_value, "chi_square": statistic},
        "figures": {
            "tokens_per_call": _tokens_figure(gammas, measured, theory, exact_theory, gamma, rule),
            "distribution": _distribution_figure(first, next_token_dist(p_bi, prefix),
                                                 next_token_dist(q_bi, prefix), p_value),
        },
    }


def _tokens_figure(gammas, measured, theory, exact_theory, gamma, rule):
    """The chosen rule against the exact rule's theory, one structure for every setting.

    The same four traces at every point (the exact rule's theory is the reference,
    drawn under the chosen rule's curve, which covers it when the rule is exact), names
    that do not depend on the controls, and fixed axes: a change only moves the data.
    The tokens per call at the chosen γ are a readout, beside the figure.
    """
    chosen = gammas.index(gamma)
    traces = [
        {"type": "scatter", "mode": "lines", "x": list(gammas), "y": rounded(exact_theory, 3),
         "name": "exact rule, in theory", "line": {"color": COLORS["grey"], "width": 2, "dash": "dot"}},
        {"type": "scatter", "mode": "lines", "x": list(gammas), "y": rounded(theory, 3),
         "name": "chosen rule, in theory", "line": {"color": COLORS["blue"], "width": 2}},
        {"type": "scatter", "mode": "markers", "x": list(gammas), "y": rounded(measured, 3),
         "name": "chosen rule, measured", "marker": {"size": 9, "color": COLORS["blue"]}},
        {"type": "scatter", "mode": "markers", "x": [gamma], "y": [round(measured[chosen], 3)],
         "name": "chosen γ", "marker": {"size": 16, "color": "rgba(0,0,0,0)",
                                        "line": {"width": 2.5, "color": COLORS["orange"]}}},
    ]
    return figure(traces, "Tokens per call of the target",
                  {"title": {"text": "draft tokens per step γ"}, "dtick": 1, "range": [0.5, max(gammas) + 0.5]},
                  {"title": {"text": "tokens per target call"}, "range": [0, max(gammas) + 1.5]})


def _distribution_figure(sampled, target, draft, p_value):
    tokens = [f"t{i}" for i in range(len(target))]
    traces = [
        {"type": "bar", "x": tokens, "y": rounded(sampled, 3), "name": "speculative samples",
         "marker": {"color": COLORS["blue"]}},
        {"type": "bar", "x": tokens, "y": rounded(target, 3), "name": "target p",
         "marker": {"color": COLORS["grey"]}},
        {"type": "bar", "x": tokens, "y": rounded(draft, 3), "name": "draft q",
         "marker": {"color": COLORS["orange"]}},
    ]
    verdict = "consistent with p" if p_value > 0.001 else "not p"
    shown = f"{p_value:.2g}" if p_value >= 1e-300 else "< 1e-300"
    note = f"χ² test: p-value {shown}<br>({verdict})"
    return figure(traces, "First token: samples against p",
                  {"title": {"text": "next token"}}, {"title": {"text": "probability"}, "range": [0, 0.7]},
                  barmode="group",
                  annotations=[{"text": note, "xref": "paper", "yref": "paper", "x": 0.98, "y": 0.98,
                                "xanchor": "right", "yanchor": "top"}])


# --- The answer to the essay's question: which rules sample the target? ----------------

RULE_COLOURS = {"exact": COLORS["blue"], "unchecked": COLORS["orange"], "greedy": COLORS["purple"]}
PASSES = 0.05  # a rule passes the chi-square test when its p-value is above this
GUESSES = (  # which rules the reader said pass, in the order the essay offers the answers
    ("exact",), ("unchecked", "greedy"), ("exact", "unchecked", "greedy"), (),
)


def _verdict(p_value):
    shown = "< 1e-300" if p_value < 1e-300 else f"= {p_value:.2g}"
    return f"{'passes' if p_value > PASSES else 'fails'}, p {shown}"


def sampled_against_target(points, results):
    """The first token's distribution under each rule beside the target's, as bars
    (at the toy's default draft length and closeness), each rule named with its test's verdict."""
    chosen = {c.name: c.default for c in CONTROLS if c.name != "rule"}
    by_rule = {p["rule"]: r for p, r in zip(points, results) if all(p[k] == v for k, v in chosen.items())}
    first = by_rule["exact"]["figures"]["distribution"]["data"]
    tokens, target = first[1]["x"], first[1]["y"]
    traces = [{"type": "bar", "x": tokens, "y": target, "name": "large model p",
               "marker": {"color": COLORS["grey"]}}]
    for rule, result in by_rule.items():
        sampled = result["figures"]["distribution"]["data"][0]["y"]
        traces.append({"type": "bar", "x": tokens, "y": sampled,
                       "name": f"{rule}: {_verdict(result['readouts']['p_value'])}",
                       "marker": {"color": RULE_COLOURS[rule]}})
    return figure(traces, "First token under each rule, and p",
                  {"title": {"text": "next token"}}, {"title": {"text": "probability"}, "range": [0, 0.7]},
                  barmode="group")


def mark_guess(choice, answer=None):
    """The rules the reader said would pass, written over the bars."""
    passing = GUESSES[int(choice)]
    said = " and ".join([", ".join(passing[:-1]), passing[-1]] if len(passing) > 1 else passing) or "none"
    return {"annotations": [{"text": f"your answer: {said} pass{'es' if len(passing) < 2 else ''}",
                             "xref": "paper", "yref": "paper", "x": 0.98, "y": 0.98, "xanchor": "right",
                             "yanchor": "top", "showarrow": False, "font": {"size": 13}}]}


ANSWER = Answer(figure=sampled_against_target, guess=mark_guess, choices=len(GUESSES))
