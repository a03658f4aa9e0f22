"""Small hand-written corpora for the batch ingest tests: a directory of articles (some with
comment threads, one HTML page with a marked comment list), a JSONL corpus, a duplicate and
a few documents that cannot be read. Every text is invented here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from presslens.analysis import analyze
from presslens.ingest import RawDocument, iter_documents
from presslens.store import Store
from presslens.store.base import QUERY_TABLES
from tests.conftest import flattened

__all__ = ["BAD", "duplicates", "expected_hashes", "snapshot", "write_corpus"]

TOWNS = ("Northport", "Eastvale", "Millbrook", "Carrow", "Dunmere", "Ashby", "Kelton")
TOPICS = ("harbour repairs", "a new bus line", "the school budget", "flood defences",
          "library opening hours", "a bridge closure")  # fmt: skip
PEOPLE = ("Ada Quill", "Tomas Brenner", "Lidia Okafor", "Ravi Menon", "Greta Holm")
# the unreadable records write_corpus adds, by error code
BAD = {"E003": 1, "E004": 1, "E010": 1, "E011": 1}

_HTML = """<!doctype html><html><head><title>Carrow ferry returns</title></head><body>
<article><h1>Carrow ferry returns after repairs</h1>
<p>The Carrow ferry sailed again on Friday after six weeks in dry dock, the operator said.</p>
<p>Captain Ines Varga told passengers the new engine would cut the crossing to twenty
minutes, and that winter fares would stay as they are.</p></article>
<ol class="comment-list">
<li class="comment"><div class="comment-author"><cite class="fn">harbourgull</cite></div>
<div class="comment-content"><p>About time, the bus round the bay takes an hour.</p></div></li>
<li class="comment"><div class="comment-author"><cite class="fn">m_tide</cite></div>
<div class="comment-content"><p>Twenty minutes? I will believe it when I see it.</p></div></li>
</ol></body></html>
"""


def _article(i: int) -> str:
    town, topic = TOWNS[i % len(TOWNS)], TOPICS[i % len(TOPICS)]
    person, other = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 2) % len(PEOPLE)]
    paragraphs = [
        f"The council of {town} met on Monday to discuss {topic}, item {i} on its agenda.",
        f"Councillor {person} said the plan would cost about {i + 3} million and take "
        f"{i % 4 + 2} years, and that residents would be consulted first.",
        f"{other}, who chairs the residents' association, said people in {town} had waited "
        "long enough and asked for the figures to be published before the vote.",
        f"The council will vote on the plan at its next meeting, {i % 20 + 2} days from now.",
    ]
    comments: list[tuple[str | None, str]] = []
    if i % 3 == 0:
        comments = [
            (f"reader{i}", f"Another {topic} plan, another delay."),
            ("quaywalker", f"Good to see {town} finally doing something."),
        ]
    return flattened(f"{town} council debates {topic} ({i})", paragraphs, comments)


def write_corpus(root: Path, n: int, *, jsonl: bool = True, bad: bool = True) -> Path:
    """``n`` articles as .txt (a duplicate of the first, an HTML page), optionally a JSONL
    corpus of three records and the unreadable records counted in ``BAD``."""
    articles = root / "articles"
    articles.mkdir(parents=True)
    for i in range(n):
        (articles / f"a{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    (articles / "copy_of_a000.txt").write_text(_article(0), encoding="utf-8")
    (articles / "ferry.html").write_text(_HTML, encoding="utf-8")
    if jsonl:
        records = [
            {"title": "Kelton market moves indoors", "url": "https://kelton-herald.example/market",
             "published": "2026-03-02",
             "text": "Kelton market moves indoors\n\nThe Saturday market will move into the old "
                     "corn exchange from April, Mayor Ada Quill announced."},
            {"title": "Ashby road works delayed", "url": "https://kelton-herald.example/roads",
             "published": "2026-03-04",
             "text": "Ashby road works delayed\n\nWork on the Ashby ring road has been put off "
                     "until summer because of the flooding, the county said."},
        ]  # fmt: skip
        lines = [json.dumps(r) for r in records]
        if bad:
            lines.append('{"title": "broken record", "text": ')  # E010
            lines.append(json.dumps({"title": "no body here", "url": "https://x.example/a"}))
        last = {"url": "https://dunmere-post.example/tide", "published": "2026-03-05",
                "text": "High tide warning\n\nDunmere expects the highest tide of the year on "
                        "Thursday night."}  # fmt: skip
        lines.append(json.dumps(last))
        (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if bad:
        (articles / "empty.txt").write_text("", encoding="utf-8")  # E003
        (articles / "scan.txt").write_bytes(b"\x00\x01PK\x03\x04" * 200)  # E004
    return root


def expected_hashes(root: Path) -> set[str]:
    """The content hashes of every readable document, each found by analysing it."""
    found: set[str] = set()
    for item in iter_documents([root]):
        if isinstance(item, RawDocument):
            found.add(analyze(item, structure_only=True).document.content_hash)
    return found


def snapshot(store: Store) -> dict[str, Any]:
    """Row counts of every table, the stored analyses by hash, and the errors."""
    return {
        "counts": {t: store.count(t) for t in QUERY_TABLES},
        "analyses": {a.document.content_hash: a.model_dump_json() for a in store.iter_analyses()},
        "errors": [(e.source, e.line, e.code) for e in store.errors()],
    }


def duplicates(store: Store) -> list[tuple[Any, ...]]:
    return store.query(
        "SELECT content_hash, COUNT(*) FROM documents GROUP BY content_hash HAVING COUNT(*) > 1"
    )
