"""Language identification: documents and comments against their labelled language.

Two kinds of data, told apart by what the folder holds:

- ``documents.jsonl`` / ``comments.jsonl`` (``{"lang": "de", "text": ...}`` per line): texts
  labelled by whoever wrote them (the project's own, in ``tests/data/language``);
- ``ground-truth.json`` + ``html/<id>.html.gz`` (the extraction benchmark's pages): each page
  read by presslens, labelled by the language its ``<html lang>`` declares (pages declaring
  none are left out).

Accuracy counts an abstention as wrong; coverage and accuracy-when-answered are shown too,
with a reliability table of the detector's raw probability and the "always English" baseline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.language import FLOOR, detect, probabilities

__all__ = ["evaluate_language"]

_DECLARED = re.compile(r"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_BINS = ((0.0, 0.5), (0.5, 0.9), (0.9, 0.99), (0.99, 0.9999), (0.9999, 1.01))


def _score(items: list[tuple[str, str]]) -> dict[str, Any]:
    n = len(items)
    answered = right = english = 0
    confusions: dict[str, int] = {}
    bins = [[0, 0] for _ in _BINS]  # answers, right
    for lang, text in items:
        found = detect(text)
        english += lang == "en"
        raw_lang, prob = probabilities(text)
        for i, (lo, hi) in enumerate(_BINS):
            if lo <= prob < hi:
                bins[i][0] += 1
                bins[i][1] += raw_lang == lang
        if found is None:
            continue
        answered += 1
        right += found[0] == lang
        if found[0] != lang:
            key = f"{lang}->{found[0]}"
            confusions[key] = confusions.get(key, 0) + 1
    return {
        "n": n,
        "accuracy": right / n if n else 0.0,
        "coverage": answered / n if n else 0.0,
        "accuracy_when_answered": right / answered if answered else 0.0,
        "confusions": confusions,
        "reliability": [
            {"probability": f"[{lo}, {min(hi, 1.0)})", "n": a, "accuracy": r / a if a else None}
            for (lo, hi), (a, r) in zip(_BINS, bins, strict=True)
        ],
        "baseline_always_en": {"accuracy": english / n if n else 0.0},
    }


def _jsonl(path: Path) -> list[tuple[str, str]]:
    items = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append((str(row["lang"]), str(row["text"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise PresslensError("E014", path=f"{path}:{i}", reason=repr(exc)) from exc
    return items


def _pages(data: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    from presslens.analysis import analyze
    from presslens.eval.extraction import load_pages
    from presslens.ingest.html import read_html

    items: list[tuple[str, str]] = []
    comments: list[tuple[str, str]] = []
    for page_id, html, _ in load_pages(data):
        declared = _DECLARED.search(html[:5000])
        if not declared:
            continue
        try:
            a = analyze(read_html(html, page_id), structure_only=True)
        except PresslensError:
            continue
        start = a.article.title_span.start if a.article.title_span else 0
        lang = declared.group(1).lower()
        items.append((lang, a.text[start : a.article.body_span.end]))
        comments.extend((lang, c.text) for c in a.comments)
    return items, comments


def evaluate_language(data: Path) -> dict[str, Any]:
    """Accuracy on documents and on comments (all, and those of 40 characters or more)."""
    result: dict[str, Any] = {"task": "language", "model": "py3langid 0.2.2", "floor": FLOOR}
    if (data / "ground-truth.json").exists():
        pages, page_comments = _pages(data)
        result["documents"] = _score(pages)
        result["documents"]["labels"] = "declared <html lang>"
        # a page's comments are taken to be in its declared language: an assumption
        long = [(lang, t) for lang, t in page_comments if len(t) >= 40]
        result["comments_40"] = _score(long)
        result["comments_40"]["labels"] = "the page's declared <html lang>"
        return result
    docs, comments = data / "documents.jsonl", data / "comments.jsonl"
    if not docs.exists() and not comments.exists():
        raise PresslensError("E014", path=str(data), reason="no documents.jsonl or comments.jsonl")
    if docs.exists():
        result["documents"] = _score(_jsonl(docs))
    if comments.exists():
        items = _jsonl(comments)
        result["comments"] = _score(items)
        result["comments_40"] = _score([(lang, t) for lang, t in items if len(t) >= 40])
        result["comments_short"] = _score([(lang, t) for lang, t in items if len(t) < 40])
    return result
