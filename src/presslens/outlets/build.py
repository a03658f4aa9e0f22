"""``presslens train outlets``: merge open reliability lists into one compact table.

Each list keeps its own rating, its own words for it and its provenance; nothing is
averaged. The verdict beside each rating (reliable 1, mixed 0, unreliable -1, none) is
that list's own, mapped as documented in ``LISTS``. Read from
``../shared/data/source-reliability``; Baly et al.'s MBFC-derived labels are evaluation
data and are not read here.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.outlets.domains import host_of

__all__ = ["LISTS", "build_outlet_table"]

_IDIAP = "idiap/News-Media-Reliability@c3f5025 (Burdisso et al., NAACL 2024)"
LISTS: dict[str, dict[str, str]] = {
    "idiap-golden-truth": {
        "name": "Idiap golden truth (MBFC, NewsGuard, Wikipedia and manual labels merged)",
        "source": _IDIAP,
        "date": "2024",
        "licence": "Apache-2.0",
        "verdicts": "1 → reliable, 0 → mixed, -1 / -2 → unreliable",
    },
    "mbfc-via-idiap": {
        "name": "Media Bias/Fact Check factual reporting, as compiled by Idiap",
        "source": _IDIAP,
        "date": "2024",
        "licence": "Apache-2.0 (Idiap's compilation)",
        "verdicts": "very high / high → reliable, mixed → mixed, low / very low → unreliable",
    },
    "wikipedia-perennial-via-idiap": {
        "name": "Wikipedia: Reliable sources/Perennial sources, as compiled by Idiap",
        "source": _IDIAP,
        "date": "2024",
        "licence": "Apache-2.0 (Idiap's compilation); Wikipedia text CC BY-SA 4.0",
        "verdicts": "1 → reliable, 0 → mixed, -1 generally unreliable / -2 deprecated → unreliable",
    },
    "opensources": {
        "name": "OpenSources.co classification",
        "source": "BigMcLargeHuge/opensources@77dad6d (archived OpenSources project)",
        "date": "2017",
        "licence": "LGPL-3.0",
        "verdicts": "reliable → reliable; fake, conspiracy, junksci, hate, unreliable, rumor,"
        " clickbait → unreliable; bias, political, satire, state → mixed",
    },
    "lin2023-pc1": {
        "name": "Lin et al. 2023 aggregate domain quality (pc1, 0 lowest – 1 highest)",
        "source": "hauselin/domain-quality-ratings@5671d57; Lin et al., PNAS Nexus 2(9), 2023,"
        " doi:10.1093/pnasnexus/pgad286",
        "date": "2023",
        "licence": "no licence stated; cited as a reference rating",
        "verdicts": "a score, no verdict: presslens sets no threshold of its own",
    },
}
_OPEN_BAD = frozenset("fake conspiracy junksci hate unreliable rumor clickbait fake news".split())
_OPEN_MIXED = frozenset("bias political satire state".split())
_MBFC = {"very high": 1, "high": 1, "mostly factual": 1, "mixed": 0, "low": -1, "very low": -1}
_WIKI = {
    1: ("generally reliable", 1),
    0: ("no consensus", 0),
    -1: ("generally unreliable", -1),
    -2: ("deprecated", -1),
}

Row = tuple[str, str, int | None, float | None]  # list id, rating words, verdict, score


def _key(domain: str) -> str | None:
    host = host_of(domain)
    return host.removeprefix("www.") if host else None


def _csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _rows(data: Path) -> Iterator[tuple[str, Row]]:
    gold = data / "idiap_golden_truth" / "data" / "golden_truth"
    for r in _csv(gold / "golden_truth_dataset.csv"):
        label = int(r["reliability_label"])
        gold_verdict = 1 if label > 0 else 0 if label == 0 else -1
        words = {1: "reliable", 0: "mixed", -1: "unreliable"}[gold_verdict]
        yield (
            r["domain"],
            ("idiap-golden-truth", f"{words} (label from {r['label_source']})", gold_verdict, None),
        )
    for r in _csv(gold / "mbfc" / "mbfc.csv"):
        factual = r["factual_reporting"].strip().lower()
        if not factual:
            continue
        parts = [f"factual reporting {factual}"]
        if r["mbfc_credibility_rating"]:
            parts.append(r["mbfc_credibility_rating"])
        if r["bias"]:
            parts.append(f"bias {r['bias']}")
        yield r["source"], ("mbfc-via-idiap", "; ".join(parts), _MBFC.get(factual), None)
    wiki = json.loads(
        (gold / "wikipedia_perennial_sources" / "wikipedia_perennial_sources.json").read_text(
            encoding="utf-8"
        )
    )
    for domain, value in wiki.items():
        words, wiki_verdict = _WIKI[int(value)]
        yield domain, ("wikipedia-perennial-via-idiap", words, wiki_verdict, None)
    sources = json.loads(
        (data / "opensources" / "sources" / "sources.json").read_text(encoding="utf-8")
    )
    for domain, entry in sources.items():
        types = [
            t.strip().lower()
            for t in (entry.get("type", ""), entry.get("2nd type", ""), entry.get("3rd type", ""))
            if t and t.strip()
        ]
        if not types:
            continue
        verdict: int | None
        if any(t in _OPEN_BAD for t in types):
            verdict = -1
        elif "reliable" in types:
            verdict = 1
        elif any(t in _OPEN_MIXED for t in types):
            verdict = 0
        else:
            verdict = None
        yield domain, ("opensources", ", ".join(types), verdict, None)
    for r in _csv(data / "lin2023_domain_quality" / "domain_pc1.csv"):
        score = round(float(r["pc1"]), 3)
        yield r["domain"], ("lin2023-pc1", f"pc1 {score:.2f}", None, score)


def build_outlet_table(data: Path, out: Path) -> dict[str, Any]:
    """Write ``out`` (gzipped JSON: the lists' provenance and, per domain, each list's
    rating) and return counts per list."""
    needed = [
        data / "idiap_golden_truth" / "data" / "golden_truth" / "golden_truth_dataset.csv",
        data / "opensources" / "sources" / "sources.json",
        data / "lin2023_domain_quality" / "domain_pc1.csv",
    ]
    for path in needed:
        if not path.exists():
            raise PresslensError(
                "E013", path=str(path), task="train outlets", default="source-reliability"
            )
    domains: dict[str, list[Row]] = {}
    counts: dict[str, int] = dict.fromkeys(LISTS, 0)
    for domain, row in _rows(data):
        key = _key(domain)
        if key is None:
            continue
        entries = domains.setdefault(key, [])
        if any(e[0] == row[0] for e in entries):
            continue  # a list names a domain twice (www. and bare): keep its first rating
        entries.append(row)
        counts[row[0]] += 1
    table = {"lists": LISTS, "domains": dict(sorted(domains.items()))}
    payload = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same lists give the same bytes
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write(payload)
    return {"domains": len(domains), "ratings_per_list": counts, "bytes": out.stat().st_size}
