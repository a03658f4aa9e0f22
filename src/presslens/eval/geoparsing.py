"""Geoparsing evaluation on the XML corpora of Gritta et al.'s geoparsing collection.

Reads every ``*.xml`` in the data directory (TR-News, GeoVirus, and others of that layout:
``<article>`` with ``<text>`` and either ``<toponyms><toponym>`` with ``<phrase>``,
``<start>``, ``<end>`` and a ``<gaztag geonameid=…>`` holding ``<lat>``/``<lon>``, or
``<locations><location>`` with ``<name>``, ``<start>``, ``<end>``, ``<lat>``, ``<lon>``).

Reported per corpus:
- recognition: toponym precision / recall / F1, exact span match and overlap match;
- resolution given the gold toponyms: accuracy within 161 km, exact GeoNames id accuracy
  (where the gold has an id), mean and median error km, and the AUC of the error curve
  (Gritta et al. 2018: the mean of ln(1 + km) / ln(1 + 20039); lower is better);
- the same resolution metrics end-to-end, over gold toponyms whose span was recognised;
- baselines: the most populous candidate (given gold toponyms) and "nothing" (recognition).
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.eval.metrics import prf

__all__ = ["GoldToponym", "evaluate_geoparsing", "load_corpus", "resolution_metrics"]

_HALF_EARTH_KM = 20039.0
_TITLE = "Article\n\n"


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonameid: int | None


def _float(el: ET.Element | None, tag: str) -> float | None:
    raw = el.findtext(tag) if el is not None else None
    try:
        return float(raw) if raw not in (None, "") else None
    except ValueError:
        return None


def load_corpus(path: Path) -> list[tuple[str, list[GoldToponym]]]:
    """Documents as (text, gold toponyms); offsets are checked against the text."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise PresslensError("E014", path=str(path), reason=f"not well-formed XML: {exc}") from exc
    docs: list[tuple[str, list[GoldToponym]]] = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold: list[GoldToponym] = []
        for t in [*art.iter("toponym"), *art.iter("location")]:
            try:
                start, end = int(t.findtext("start") or ""), int(t.findtext("end") or "")
            except ValueError:
                continue
            phrase = (t.findtext("phrase") or t.findtext("name") or "").strip()
            if text[start:end] != phrase:
                # Some gold offsets are off by a character or two: re-align on the phrase
                # nearby, and drop the toponym when it is not there.
                found = text.find(phrase, max(0, start - 3), end + 3)
                if not phrase or found < 0:
                    continue
                start, end = found, found + len(phrase)
            tag = t.find("gaztag")
            holder = tag if tag is not None else t
            gid = tag.get("geonameid") if tag is not None else None
            gold.append(
                GoldToponym(
                    start,
                    end,
                    text[start:end],
                    _float(holder, "lat"),
                    _float(holder, "lon"),
                    int(gid) if gid and gid.isdigit() else None,
                )
            )
        if text:
            docs.append((text, gold))
    return docs


def resolution_metrics(
    pairs: list[tuple[GoldToponym, tuple[float, float, int | None] | None]],
) -> dict[str, float | int]:
    """Metrics over (gold, prediction) pairs; an unresolved prediction counts as the worst error."""
    errors: list[float] = []
    with_id = exact = 0
    from presslens.geo.resolver import haversine_km

    for g, pred in pairs:
        if g.lat is None or g.lon is None:
            continue
        if pred is None:
            errors.append(_HALF_EARTH_KM)
        else:
            errors.append(haversine_km(g.lat, g.lon, pred[0], pred[1]))
        if g.geonameid is not None:
            with_id += 1
            exact += pred is not None and pred[2] == g.geonameid
    if not errors:
        return {"toponyms": 0}
    auc = statistics.fmean(math.log1p(e) / math.log1p(_HALF_EARTH_KM) for e in errors)
    return {
        "toponyms": len(errors),
        "acc_161km": sum(e <= 161 for e in errors) / len(errors),
        "exact_id_acc": exact / with_id if with_id else float("nan"),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": auc,
    }


def _given_gold(docs: list[tuple[str, list[GoldToponym]]], baseline: bool) -> dict[str, Any]:
    from presslens.analyzers.lexicons import demonyms
    from presslens.geo.gazetteer import load_gazetteer
    from presslens.geo.resolver import MentionIn, resolve

    gaz = load_gazetteer()
    pairs: list[tuple[GoldToponym, tuple[float, float, int | None] | None]] = []
    t0 = time.perf_counter()
    for text, gold in docs:
        if baseline:
            for g in gold:
                cands = gaz.candidates(g.text)
                pairs.append(
                    (g, (cands[0].lat, cands[0].lon, cands[0].geonameid) if cands else None)
                )
            continue
        mentions = [MentionIn(g.start, g.end, g.text) for g in gold]
        for g, res in zip(gold, resolve(gaz, text, mentions, demonyms=demonyms()), strict=True):
            pairs.append(
                (g, None if res is None else (res.place.lat, res.place.lon, res.place.geonameid))
            )
    elapsed = time.perf_counter() - t0
    return {**resolution_metrics(pairs), "docs_per_s": len(docs) / elapsed if elapsed else 0.0}


def _end_to_end(docs: list[tuple[str, list[GoldToponym]]]) -> dict[str, Any]:
    from presslens.analysis import analyze
    from presslens.pipeline import default_pipeline

    nlp = default_pipeline()
    tp_exact = tp_overlap = n_pred = n_gold = 0
    pairs: list[tuple[GoldToponym, tuple[float, float, int | None] | None]] = []
    t0 = time.perf_counter()
    for text, gold in docs:
        # The corpus text is an article body: give it a neutral title line of its own.
        a = analyze(_TITLE + text, nlp=nlp)
        shift = len(_TITLE)
        preds = [(p.span.start - shift, p.span.end - shift, p) for p in a.places]
        adjectives = [
            (m.span.start - shift, m.span.end - shift, e)
            for e in a.entities
            for m in e.mentions
            if m.form == "adjective"
        ]
        spans = [(s, e) for s, e, _ in preds] + [(s, e) for s, e, _ in adjectives]
        n_pred += len(spans)
        n_gold += len(gold)
        exact = {(s, e) for s, e in spans}
        tp_exact += sum((g.start, g.end) in exact for g in gold)
        for g in gold:
            hit = next((p for s, e, p in preds if s < g.end and g.start < e), None)
            adj = next((ent for s, e, ent in adjectives if s < g.end and g.start < e), None)
            if hit is not None or adj is not None:
                tp_overlap += 1
                if hit is not None:
                    coords = (
                        None
                        if hit.lat is None or hit.lon is None
                        else (hit.lat, hit.lon, hit.geonameid)
                    )
                    pairs.append((g, coords))
                elif adj is not None and adj.place_id is not None:
                    place = _place(adj.place_id)
                    pairs.append((g, place))
    elapsed = time.perf_counter() - t0
    p, r, f = prf(tp_exact, n_pred - tp_exact, n_gold - tp_exact)
    po, ro, fo = prf(tp_overlap, n_pred - tp_overlap, n_gold - tp_overlap)
    return {
        "recognition_exact": {"precision": p, "recall": r, "f1": f},
        "recognition_overlap": {"precision": po, "recall": ro, "f1": fo},
        "resolution_on_recognised": resolution_metrics(pairs),
        "docs_per_s": len(docs) / elapsed if elapsed else 0.0,
    }


def _place(geonameid: int) -> tuple[float, float, int | None] | None:
    from presslens.geo.gazetteer import load_gazetteer

    p = load_gazetteer().get(geonameid)
    return None if p is None else (p.lat, p.lon, p.geonameid)


def evaluate_geoparsing(data: Path, *, end_to_end: bool = True) -> dict[str, Any]:
    files = [data] if data.is_file() else sorted(data.glob("*.xml"))
    if not files:
        raise PresslensError("E014", path=str(data), reason="no *.xml corpus files found")
    out: dict[str, Any] = {"task": "geoparsing", "model": "presslens.entities.v1", "corpora": {}}
    for f in files:
        docs = load_corpus(f)
        result: dict[str, Any] = {
            "documents": len(docs),
            "gold_toponyms": sum(len(g) for _, g in docs),
            "given_gold": _given_gold(docs, baseline=False),
            "baselines": {
                "most_populous_given_gold": _given_gold(docs, baseline=True),
                "nothing": {"recognition_f1": 0.0, "recall": 0.0},
            },
        }
        if end_to_end:
            result["end_to_end"] = _end_to_end(docs)
        out["corpora"][f.stem] = result
    return out
