"""``presslens eval outlets``: coverage and agreement of the shipped outlet table with
Baly et al.'s MBFC-derived factuality labels (EMNLP 2018 and ACL 2020 corpora).

``--data`` is the source-reliability folder (or the Baly folder inside it). Baly's labels
are evaluation data only; they are never shipped or merged. Most lists in the table draw on
MBFC too (Idiap's golden truth partly, its MBFC compilation wholly), so agreement with Baly
measures consistency between compilations of overlapping sources — not accuracy against an
independent truth. Coverage is the figure a user feels: how often an outlet is rated at all.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.outlets.build import LISTS
from presslens.outlets.ratings import lookup_outlet

__all__ = ["evaluate_outlets", "read_baly", "spearman"]

_FACT = {"low": 0, "mixed": 1, "high": 2}
_VERDICT = {"unreliable": 0, "mixed": 1, "reliable": 2}


def read_baly(data: Path) -> dict[str, str]:
    """Normalised domain → factuality (low / mixed / high); ACL 2020 wins over EMNLP 2018."""
    root = data if (data / "data").is_dir() else data / "baly_news_media_reliability"
    labels: dict[str, str] = {}
    for corpus in ("emnlp18", "acl2020"):
        path = root / "data" / corpus / "corpus.tsv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r.get("fact") in _FACT:
                    labels[r["source_url_normalized"].strip().lower()] = r["fact"]
    if not labels:
        raise PresslensError("E013", path=str(root), task="outlets", default="source-reliability")
    return labels


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0  # ties share their mean rank
        i = j + 1
    return ranks


def spearman(x: list[float], y: list[float]) -> float:
    rx, ry = _ranks(x), _ranks(y)
    n = len(x)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def evaluate_outlets(data: Path) -> dict[str, Any]:
    baly = read_baly(data)
    per_list: dict[str, dict[str, Any]] = {
        name: {"covered": 0, "binary": [0, 0], "three_way": [0, 0], "scores": []} for name in LISTS
    }
    covered = 0
    for domain, fact in baly.items():
        outlet = lookup_outlet(domain)
        if outlet.ratings:
            covered += 1
        for r in outlet.ratings:
            stats = per_list[r.list]
            stats["covered"] += 1
            if r.score is not None:
                stats["scores"].append((r.score, _FACT[fact]))
            if r.verdict is None:
                continue
            stats["three_way"][0] += _VERDICT[r.verdict] == _FACT[fact]
            stats["three_way"][1] += 1
            if fact != "mixed" and r.verdict != "mixed":
                stats["binary"][0] += (r.verdict == "reliable") == (fact == "high")
                stats["binary"][1] += 1
    n = len(baly)
    binary_gold = [f for f in baly.values() if f != "mixed"]
    lists: dict[str, Any] = {}
    for name, stats in per_list.items():
        entry: dict[str, Any] = {"coverage": round(stats["covered"] / n, 4)}
        if stats["binary"][1]:
            entry["binary_agreement"] = round(stats["binary"][0] / stats["binary"][1], 4)
            entry["binary_n"] = stats["binary"][1]
            entry["three_way_agreement"] = round(stats["three_way"][0] / stats["three_way"][1], 4)
        if len(stats["scores"]) > 2:
            xs, ys = zip(*stats["scores"], strict=True)
            entry["spearman_with_factuality"] = round(spearman(list(xs), list(ys)), 4)
            entry["scored_n"] = len(xs)
        lists[name] = entry
    return {
        "media": n,
        "labels": {f: sum(v == f for v in baly.values()) for f in _FACT},
        "coverage": round(covered / n, 4),
        "lists": lists,
        "baselines": {
            "binary_all_reliable": round(
                sum(f == "high" for f in binary_gold) / len(binary_gold), 4
            ),
            "binary_all_unreliable": round(
                sum(f == "low" for f in binary_gold) / len(binary_gold), 4
            ),
        },
    }
