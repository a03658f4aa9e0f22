"""Article extraction on real pages: presslens's article body against the gold body.

Data: a folder with ``html/<page_id>.html.gz`` and ``ground-truth.json``
(``{page_id: {"articleBody": str, "url": str}}``), the layout of the article-extraction
benchmark. The metric is the benchmark's own: ``\\w+`` tokens, 4-token shingles with counts,
TP/FP/FN normalised per page, precision and recall averaged over pages (a page with no
predicted, or no gold, shingles is left out of that mean), F1 their harmonic mean, accuracy
the share of pages whose token lists are equal.

The pages are split by a hash of the page id into a development part (looked at, rules tuned
on it) and a held-out part (scored, never looked at); both are reported, labelled. Baselines
on the same pages: trafilatura's default ``extract`` on the raw HTML, every visible text of
the page, and an empty answer.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.errors import PresslensError

if TYPE_CHECKING:
    from presslens.model import Analysis

__all__ = ["body_of", "evaluate_extraction", "is_dev", "shingle_match"]

_TOKEN = re.compile(r"\w+", re.UNICODE)
Page = tuple[str, str, str]  # page id, raw HTML, gold body
Triple = tuple[float, float, float]


def is_dev(page_id: str) -> bool:
    """Development part: about half the pages, chosen by a salted hash of the id."""
    digest = hashlib.sha256(f"presslens-extraction:{page_id}".encode()).digest()
    return digest[0] % 2 == 0


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    # as the benchmark: a text shorter than n tokens is one short shingle, an empty one none
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_match(gold: str, pred: str) -> Triple:
    """TP, FP, FN of shingle counts, normalised to sum to 1 (all 0 when both are empty)."""
    g, p = _shingles(gold), _shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _summary(triples: list[Triple], exact: list[bool]) -> dict[str, Any]:
    precisions = [tp / (tp + fp) for tp, fp, _ in triples if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, _, fn in triples if tp + fn > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "pages": len(triples),
        "precision": p,
        "recall": r,
        "f1": f,
        "accuracy": sum(exact) / len(exact) if exact else 0.0,
    }


def _r3(value: float) -> float:
    return round(value, 3)


def load_pages(data: Path) -> Iterator[Page]:
    gold_path = data / "ground-truth.json"
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PresslensError("E070", path=str(gold_path), reason=repr(exc)) from exc
    for page_id in sorted(gold):
        path = data / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        raw = gzip.decompress(path.read_bytes())
        body = gold[page_id].get("articleBody") if isinstance(gold[page_id], dict) else None
        if not isinstance(body, str):
            raise PresslensError("E070", path=str(gold_path), reason=f"{page_id}: no articleBody")
        yield page_id, raw.decode("utf-8", "replace"), body


def read_page(html: str, source: str = "<page>") -> Analysis | None:
    """presslens's structure of one page (None when it rejects the page)."""
    from presslens.analysis import analyze
    from presslens.ingest.html import read_html

    try:
        return analyze(read_html(html, source), structure_only=True)
    except PresslensError:
        return None


def body_of(html: str, source: str = "<page>") -> str:
    """presslens's article body (title and comments excluded) for one page."""
    analysis = read_page(html, source)
    if analysis is None:
        return ""
    span = analysis.article.body_span
    return analysis.text[span.start : span.end]


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def _all_text(html: str) -> str:
    from presslens.ingest.html import page_text

    return page_text(html)


def _run(
    pages: list[Page], fn: Callable[[str, str], str]
) -> tuple[dict[str, Triple], dict[str, bool], float]:
    triples: dict[str, Triple] = {}
    exact: dict[str, bool] = {}
    start = time.perf_counter()
    for page_id, html, gold in pages:
        pred = fn(html, page_id)
        triples[page_id] = shingle_match(gold, pred)
        exact[page_id] = _TOKEN.findall(gold) == _TOKEN.findall(pred)
    return triples, exact, time.perf_counter() - start


def _gold_free(data: Path, scored: set[str]) -> dict[str, int]:
    """Pages in ``html/`` without gold are read too: none may crash or be rejected."""
    read = rejected = 0
    for path in sorted((data / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        if page_id in scored:
            continue
        read += 1
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        rejected += read_page(html, page_id) is None
    return {"read": read, "rejected": rejected}


def evaluate_extraction(data: Path) -> dict[str, Any]:
    """Body precision/recall/F1 on the development and held-out parts, with baselines."""
    pages = list(load_pages(data))
    if not pages:
        raise PresslensError("E070", path=str(data), reason="no html/<id>.html.gz with gold")
    analyses: dict[str, Analysis | None] = {}

    def presslens(html: str, page_id: str) -> str:
        analyses[page_id] = a = read_page(html, page_id)
        return a.text[a.article.body_span.start : a.article.body_span.end] if a else ""

    systems: dict[str, Callable[[str, str], str]] = {
        "presslens": presslens,
        "trafilatura_default": lambda html, _: _trafilatura(html),
        "all_visible_text": lambda html, _: _all_text(html),
        "empty": lambda html, _: "",
    }
    parts = {"dev": [p for p in pages if is_dev(p[0])], "held_out": []}
    parts["held_out"] = [p for p in pages if not is_dev(p[0])]
    result: dict[str, Any] = {"task": "extraction", "pages": len(pages)}
    worst: list[dict[str, Any]] = []
    for name, fn in systems.items():
        triples, exact, seconds = _run(pages, fn)
        scored: dict[str, Any] = {
            part: _summary([triples[p[0]] for p in ps], [exact[p[0]] for p in ps])
            for part, ps in parts.items()
        }
        scored["all"] = _summary(list(triples.values()), list(exact.values()))
        scored["seconds"] = round(seconds, 3)
        key = name if name == "presslens" else None
        if key:
            result.update(scored)
            # only development pages are listed: the held-out ones are not to be looked at
            ranked = sorted(parts["dev"], key=lambda p: triples[p[0]][0])[:10]
            worst = [
                dict(zip(("page", "tp", "fp", "fn"), (p[0], *map(_r3, triples[p[0]])), strict=True))
                for p in ranked
            ]
        else:
            result.setdefault("baselines", {})[name] = scored
    trafilatura = result["baselines"]["trafilatura_default"]
    result["f1_over_trafilatura"] = {
        part: result[part]["f1"] - trafilatura[part]["f1"] for part in ("dev", "held_out", "all")
    }
    result["worst_dev_pages"] = worst
    result["rejected_pages"] = sorted(pid for pid, a in analyses.items() if a is None)
    result["pages_without_gold"] = _gold_free(data, {p[0] for p in pages})
    from presslens.eval.html_comments import score_comments

    result["comments"] = score_comments(pages, analyses)
    return result
