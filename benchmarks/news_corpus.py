"""Real news articles for the ingest and search benchmarks, read from the shared data
directory at run time (never copied into the repository).

Sources, each optional (a missing one is left out): PolNeAR (train + dev, with publisher and
date), the SemEval-2020 PTC training articles, TR-News and GeoVirus (geoparsing), and the
CoNLL-2003 train/valid Reuters stories (re-joined from their tokens). Together about 2,800
articles. The sources are interleaved, so any ``limit`` gives a mix of them.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_DATA", "articles", "write_jsonl"]

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
Record = dict[str, Any]
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'](?:\s|$)|n't\b|'s\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _polnear(data: Path) -> Iterator[Record]:
    root = data / "quotes-polnear"
    meta: dict[str, dict[str, str]] = {}
    if (root / "metadata.tsv").exists():
        with (root / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                meta[row["filename"]] = row
    for split in ("train", "dev"):
        for path in sorted((root / split / "text").glob("*.txt")):
            row = meta.get(path.stem, {})
            date = row.get("publication_date") or ""
            yield {
                "id": f"polnear/{path.stem}",
                "text": path.read_text(encoding="utf-8"),
                "site": row.get("publisher") or None,
                "published": date if re.fullmatch(r"\d{4}-\d\d-\d\d", date) else None,
            }


def _ptc(data: Path) -> Iterator[Record]:
    for path in sorted((data / "propaganda-ptc2020" / "train-articles").glob("*.txt")):
        yield {"id": f"ptc/{path.stem}", "text": path.read_text(encoding="utf-8")}


def _trnews(data: Path) -> Iterator[Record]:
    path = data / "geoparsing" / "TR-News.xml"
    if not path.exists():
        return
    for art in ET.parse(path).getroot():
        text = (art.findtext("text") or "").strip()
        title = (art.findtext("title") or "").strip()
        date = (art.findtext("dltime") or "").strip()[:10]
        yield {
            "id": f"trnews/{art.get('docid')}",
            "text": f"{title}\n\n{text}" if title else text,
            "url": (art.findtext("url") or "").strip() or None,
            "published": date or None,
        }


def _geovirus(data: Path) -> Iterator[Record]:
    path = data / "geoparsing" / "GeoVirus.xml"
    if not path.exists():
        return
    for i, art in enumerate(ET.parse(path).getroot()):
        yield {
            "id": f"geovirus/{i}",
            "text": (art.findtext("text") or "").strip(),
            "url": (art.findtext("source") or "").strip() or None,
        }


def _detokenize(tokens: list[str]) -> str:
    line = " ".join(tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", line))


def _conll(data: Path) -> Iterator[Record]:
    for name in ("train.txt", "valid.txt"):
        path = data / "ner-conll2003" / name
        if not path.exists():
            continue
        docs: list[list[list[str]]] = []
        sentence: list[str] = []
        with path.open(encoding="utf-8") as fh:
            for raw in fh:
                parts = raw.split()
                if not parts:
                    if sentence and docs:
                        docs[-1].append(sentence)
                    sentence = []
                elif parts[0] == "-DOCSTART-":
                    docs.append([])
                else:
                    sentence.append(parts[0])
        if sentence and docs:
            docs[-1].append(sentence)
        for i, sentences in enumerate(docs):
            lines = [_detokenize(s) for s in sentences if s]
            if len(lines) < 3:
                continue
            # headline, dateline, then the story's sentences as one paragraph each
            yield {"id": f"conll/{name}/{i}", "text": "\n\n".join(lines)}


def articles(data: Path = DEFAULT_DATA, limit: int | None = None) -> list[Record]:
    """Up to ``limit`` articles, the sources interleaved; empty texts left out."""
    sources = [f(data) for f in (_polnear, _ptc, _trnews, _geovirus, _conll)]
    mixed = (
        r
        for group in itertools.zip_longest(*sources)
        for r in group
        if r is not None and r["text"].strip()
    )
    return list(itertools.islice(mixed, limit))


def write_jsonl(records: list[Record], path: Path) -> Path:
    """The records as a JSONL corpus (``presslens ingest`` reads it as it is)."""
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n")
    return path
