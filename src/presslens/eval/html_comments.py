"""Reader comments on real pages against the project's own labels (hashes, not text).

The labels (``labels/html_articles_comments.json``) give, for each page of the extraction
benchmark, the comments a reader sees: a hash of each one's normalised text, its author,
time and parent. Scored: comment precision / recall / F1 by hash (a multiset per page),
author, time and parent accuracy over matched comments, "fake" comments (predicted, not in
the labels) and the pages that have any, comments that are really article text (their text
overlaps the gold article body), and labelled comments left inside the article body.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources
from typing import TYPE_CHECKING, Any

from presslens.eval.metrics import prf

if TYPE_CHECKING:
    from presslens.model import Analysis

__all__ = ["comment_hash", "load_labels", "score_comments"]

Page = tuple[str, str, str]


def comment_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def load_labels() -> dict[str, Any]:
    path = resources.files("presslens.eval").joinpath("labels/html_articles_comments.json")
    labels: dict[str, Any] = json.loads(path.read_text("utf-8"))["pages"]
    return labels


def _norm(text: str) -> str:
    return " ".join(text.split())


def _flattened(html: str) -> list[str]:
    """Baseline: trafilatura's text with its comments, split by the flattened-text segmenter
    (how presslens read a page before comments were taken from markup only)."""
    import trafilatura

    from presslens.segment import segment

    text = trafilatura.extract(html) or ""
    return [text[c.start : c.end] for c in segment(text).comments]


def score_comments(pages: list[Page], analyses: dict[str, Analysis | None]) -> dict[str, Any]:
    labels = load_labels()
    result = _score(pages, analyses, labels)
    base = {pid: _flattened(html) for pid, html, _ in pages if pid in labels}
    tp = fp = fn = fake_pages = 0
    for page_id, comments in base.items():
        gold = Counter(c["text_sha256"] for c in labels[page_id]["comments"])
        pred = Counter(comment_hash(t) for t in comments)
        hit = sum((gold & pred).values())
        tp, fp, fn = tp + hit, fp + pred.total() - hit, fn + gold.total() - hit
        fake_pages += pred.total() > hit
    p, r, f = prf(tp, fp, fn)
    result["baseline_flattened_trafilatura"] = {
        "precision": p, "recall": r, "f1": f, "fake_comments": fp,
        "pages_with_fake_comments": fake_pages,
    }  # fmt: skip
    return result


def _score(
    pages: list[Page], analyses: dict[str, Analysis | None], labels: dict[str, Any]
) -> dict[str, Any]:
    tp = fp = fn = 0
    fields = Counter[str]()
    matched = 0
    fake_pages: list[str] = []
    article_as_comment = comments_in_article = labelled_pages = 0
    for page_id, _, gold_body in pages:
        label = labels.get(page_id)
        analysis = analyses.get(page_id)
        if label is None or analysis is None:
            continue
        labelled_pages += 1
        gold = {c["text_sha256"]: c for c in label["comments"]}
        gold_counts = Counter(c["text_sha256"] for c in label["comments"])
        pred = Counter(comment_hash(c.text) for c in analysis.comments)
        hit = sum((gold_counts & pred).values())
        tp, fp, fn = tp + hit, fp + sum(pred.values()) - hit, fn + gold_counts.total() - hit
        if sum(pred.values()) > hit:
            fake_pages.append(page_id)
        body = _norm(gold_body)
        for c in analysis.comments:
            text = _norm(c.text)
            if len(text) >= 20 and text in body:
                article_as_comment += 1
            g = gold.get(comment_hash(c.text))
            if g is None:
                continue
            matched += 1
            parent = analysis.comments[int(c.parent[1:]) - 1] if c.parent else None
            gold_parent = label["comments"][g["parent"]] if g["parent"] is not None else None
            fields["author"] += c.author == g["author"]
            fields["timestamp"] += c.timestamp == g["timestamp"]
            fields["parent"] += (parent and comment_hash(parent.text)) == (
                gold_parent and gold_parent["text_sha256"]
            )
        span = analysis.article.body_span
        article = analysis.text[span.start : span.end]
        comments_in_article += sum(
            1 for c in label["comments"] if any(
                comment_hash(p) == c["text_sha256"] for p in article.split("\n\n"))
        )  # fmt: skip
    p, r, f = prf(tp, fp, fn)
    return {
        "pages": labelled_pages,
        "gold_comments": tp + fn,
        "precision": p,
        "recall": r,
        "f1": f,
        "fake_comments": fp,
        "pages_with_fake_comments": len(fake_pages),
        "article_text_as_comments": article_as_comment,
        "labelled_comments_in_article": comments_in_article,
        **{f"{k}_accuracy": v / matched if matched else 0.0 for k, v in fields.items()},
    }
