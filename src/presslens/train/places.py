"""``presslens train places``: the context ranker over gazetteer candidates.

A conditional logit (a softmax over one mention's candidates) on the resolver's
``FEATURES``, fitted by L-BFGS with an L2 penalty towards the hand-set rule weights. A
candidate is a right answer when it lies within 161 km of the gold point (several can be: a
city and the region named after it). Trained on gold toponyms of the geoparsing dev
corpora (TR-News, GeoVirus):

- cross-corpus: trained on one corpus, scored on the other, both ways;
- held-out: each corpus split by a hash of the document's text (a fifth held out), the
  shipped model trained on the other four fifths of both and scored once on the held-out
  fifths.

The card written beside the model records all of it next to the rule weights and the
most-populous baseline on the same documents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from presslens.errors import PresslensError
from presslens.eval.geoparsing import CorpusDoc, load_corpus, outlet_country, reliability
from presslens.geo.resolver import (
    FEATURES,
    MentionIn,
    Ranker,
    candidate_table,
    haversine_km,
    kind_of,
    rule_ranker,
)

Array = npt.NDArray[np.float64]

__all__ = ["Group", "fit_ranker", "groups_for", "score_groups", "train_places"]

L2 = 30.0
_WITHIN_KM = 161.0
Docs = list[CorpusDoc]
# One mention: its candidates' features, which are right (within 161 km), and their kinds.
Group = tuple[Array, Array, list[str]]


def _held_out(text: str) -> bool:
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 5 == 0


def groups_for(docs: Docs) -> list[Group | None]:
    """One entry per located gold toponym; None where the gazetteer has no candidate."""
    from presslens.analyzers.lexicons import demonyms
    from presslens.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out: list[Group | None] = []
    for text, gold, url in docs:
        located = [g for g in gold if g.lat is not None and g.lon is not None]
        rows = candidate_table(
            gaz,
            text,
            [MentionIn(g.start, g.end, g.text) for g in located],
            demonyms=demonyms(),
            outlet_country=outlet_country(url),
        )
        for g, row in zip(located, rows, strict=True):
            if not row.places:
                out.append(None)
                continue
            assert g.lat is not None and g.lon is not None
            right = np.array(
                [haversine_km(g.lat, g.lon, p.lat, p.lon) <= _WITHIN_KM for p in row.places]
            )
            out.append((row.x, right, [kind_of(p) for p in row.places]))
    return out


def fit_ranker(groups: Sequence[Group | None], name: str) -> Ranker:
    """Maximise the log of the probability mass on the right candidates, minus an L2 penalty."""
    from scipy.optimize import minimize

    usable = [(g[0], g[1]) for g in groups if g is not None and g[1].any() and len(g[1]) > 1]
    stacked = np.vstack([x for x, _ in usable])
    mean = stacked.mean(axis=0)
    scale = stacked.std(axis=0)
    scale[scale == 0] = 1.0
    data = [((x - mean) / scale, y) for x, y in usable]
    # The penalty pulls towards the rule weights (in standardised units), not towards 0:
    # with a few thousand mentions the data should correct the rules, not replace them.
    prior = rule_ranker().weights * scale

    def loss(w: Array) -> tuple[float, Array]:
        d = w - prior
        total, grad = L2 * float(d @ d) / 2, L2 * d
        for x, y in data:
            s = x @ w
            s = s - s.max()
            p = np.exp(s)
            p /= p.sum()
            q = p * y
            mass = q.sum()
            total -= float(np.log(mass + 1e-12))
            q /= mass + 1e-12
            grad = grad + x.T @ (p - q)
        return total, grad

    w0 = prior.copy()
    result = minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    ranker = Ranker(np.asarray(result.x, dtype=float), mean, scale, name)
    return replace(ranker, kind_scale=_kind_scale(groups, ranker))


def _kind_scale(groups: Sequence[Group | None], ranker: Ranker) -> dict[str, float]:
    """Per kind of winning place, training hits within 161 km over the summed probability."""
    hits: dict[str, float] = {}
    mass: dict[str, float] = {}
    for g in groups:
        if g is None:
            continue
        x, y, kinds = g
        p = _probs(ranker, x)
        best = int(np.argmax(p))
        hits[kinds[best]] = hits.get(kinds[best], 0.0) + float(y[best])
        mass[kinds[best]] = mass.get(kinds[best], 0.0) + float(p[best])
    return {k: round(min(1.0, hits[k] / mass[k]), 4) for k in sorted(mass) if mass[k] >= 5}


def _probs(ranker: Ranker, x: Array) -> Array:
    s = ranker.scores(x)
    p = np.exp(s - s.max())
    return np.asarray(p / p.sum(), dtype=float)


def score_groups(groups: Sequence[Group | None], ranker: Ranker | None) -> dict[str, Any]:
    """acc@161 (no candidate counts as a miss) and the reliability of the confidence.

    ``ranker=None`` scores the most populous candidate (the first) as the baseline.
    """
    hits: list[bool] = []
    confident: list[tuple[float, bool]] = []
    for g in groups:
        if g is None:
            hits.append(False)
            continue
        x, y, kinds = g
        if ranker is None:
            hits.append(bool(y[0]))
            continue
        p = _probs(ranker, x)
        best = int(np.argmax(p))
        hits.append(bool(y[best]))
        conf = min(1.0, float(p[best]) * ranker.kind_scale.get(kinds[best], 1.0))
        confident.append((conf, bool(y[best])))
    out: dict[str, Any] = {"toponyms": len(hits), "acc_161km": float(np.mean(hits))}
    if confident:
        out["reliability"] = reliability(confident)
    return out


def _write(ranker: Ranker, out: Path, card: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model = {
        "name": ranker.name,
        "features": list(FEATURES),
        "weights": [round(float(v), 6) for v in ranker.weights],
        "mean": [round(float(v), 6) for v in ranker.mean],
        "scale": [round(float(v), 6) for v in ranker.scale],
        "kind_scale": ranker.kind_scale,
    }
    (out / "ranker.json").write_text(json.dumps(model, indent=1) + "\n", "utf-8")
    (out / "ranker-card.json").write_text(json.dumps(card, indent=2) + "\n", "utf-8")


def train_places(data: Path, out: Path) -> dict[str, Any]:
    """Fit, cross-score and write the ranker; returns the card (also written as JSON)."""
    paths = {name: data / f"{name}.xml" for name in ("TR-News", "GeoVirus")}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise PresslensError(
            "E013", path=", ".join(missing), task="train places", default="geoparsing"
        )
    corpora = {name: load_corpus(p) for name, p in paths.items()}
    whole = {name: groups_for(docs) for name, docs in corpora.items()}
    split = {
        name: (
            groups_for([d for d in docs if not _held_out(d[0])]),
            groups_for([d for d in docs if _held_out(d[0])]),
        )
        for name, docs in corpora.items()
    }
    rules = rule_ranker()
    card: dict[str, Any] = {
        "model": "presslens places ranker (conditional logit)",
        "trained": dt.date.today().isoformat(),
        "features": list(FEATURES),
        "l2": L2,
        "training_data": "TR-News and GeoVirus gold toponyms (GPL-3.0; Gritta et al.), "
        "four fifths of each by a hash of the document text",
        "cross_corpus": {},
        "held_out": {},
    }
    for train_name, test_name in (("TR-News", "GeoVirus"), ("GeoVirus", "TR-News")):
        model = fit_ranker(whole[train_name], f"trained on {train_name}")
        card["cross_corpus"][f"{train_name} -> {test_name}"] = {
            "learned": score_groups(whole[test_name], model),
            "rules": score_groups(whole[test_name], rules),
            "most_populous": score_groups(whole[test_name], None),
        }
    shipped = fit_ranker(
        [g for name in split for g in split[name][0]], "trained on TR-News + GeoVirus (4/5)"
    )
    for name in split:
        card["held_out"][name] = {
            "documents": sum(_held_out(t) for t, _, _ in corpora[name]),
            "learned": score_groups(split[name][1], shipped),
            "rules": score_groups(split[name][1], rules),
            "most_populous": score_groups(split[name][1], None),
        }
    card["kind_scale"] = shipped.kind_scale
    card["weights"] = dict(
        zip(FEATURES, (round(float(v), 4) for v in shipped.weights), strict=True)
    )
    _write(shipped, out, card)
    return card
