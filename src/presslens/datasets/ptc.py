"""The SemEval-2020 Task 11 propaganda corpus (PTC, Da San Martino et al. 2020): the reader.

A folder in the official layout: ``<prefix>-articles/article<ID>.txt`` with
``<prefix>-task1-SI.labels`` (``id<TAB>start<TAB>end``) and ``<prefix>-task2-TC.labels``
(``id<TAB>technique<TAB>start<TAB>end``) beside it, whatever the prefix (``train``, ``dev``).
Offsets count characters of the article decoded from UTF-8 as it is on disk: no newline
translation, and a leading byte-order mark counts as a character (two training articles
start with one, and their spans only line up when it is kept).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import PresslensError
from presslens.propaganda.techniques import TECHNIQUES

__all__ = [
    "HOLDOUT_RULE",
    "Corpus",
    "Span",
    "TechniqueLine",
    "find_layout",
    "is_ptc_holdout",
    "read_corpus",
]

Span = tuple[int, int]
HOLDOUT_RULE = "PTC train articles with sha1(id) % 5 == 0 are held out from training and tuning"


def is_ptc_holdout(article_id: str) -> bool:
    """The fifth of the PTC training articles never trained or tuned on (by id hash)."""
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 5 == 0


_ARTICLE = re.compile(r"article(\d+)\.txt")


@dataclass(frozen=True, slots=True)
class TechniqueLine:
    article: str
    technique: str
    start: int
    end: int


@dataclass(slots=True)
class Corpus:
    articles: dict[str, str]  # id → text
    spans: dict[str, list[Span]]  # SI gold, per article (every article has a key)
    techniques: list[TechniqueLine]  # TC gold


# -- reading -------------------------------------------------------------------------------


def find_layout(data: Path) -> list[tuple[Path, Path | None, Path | None]]:
    """(articles folder, SI labels, TC labels) for every ``<prefix>-articles`` in ``data``."""
    out: list[tuple[Path, Path | None, Path | None]] = []
    for folder in sorted(data.glob("*-articles")):
        if not folder.is_dir():
            continue
        prefix = folder.name[: -len("-articles")]
        si = data / f"{prefix}-task1-SI.labels"
        tc = data / f"{prefix}-task2-TC.labels"
        out.append((folder, si if si.exists() else None, tc if tc.exists() else None))
    return out


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise PresslensError("E014", path=str(path), reason=f"not UTF-8 ({err})") from None


def _fields(path: Path) -> Iterable[tuple[int, list[str]]]:
    for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip():
            yield no, line.split("\t")


def _offsets(
    path: Path, no: int, article: str, start: str, end: str, texts: Mapping[str, str]
) -> Span:
    try:
        s, e = int(start), int(end)
    except ValueError:
        raise PresslensError(
            "E014", path=str(path), reason=f"line {no}: offsets {start!r}, {end!r} are not numbers"
        ) from None
    if article not in texts:
        raise PresslensError(
            "E014", path=str(path), reason=f"line {no}: no article{article}.txt for this label"
        )
    if not 0 <= s < e <= len(texts[article]):
        raise PresslensError(
            "E014",
            path=str(path),
            reason=f"line {no}: span [{s}, {e}) is outside article {article} "
            f"({len(texts[article])} characters)",
        )
    return s, e


def read_corpus(data: Path) -> Corpus:
    """Articles and gold labels of every ``<prefix>-articles`` folder in ``data``.

    When a split has TC labels but no SI file, its SI spans are the TC spans (the official
    SI gold is exactly those spans).
    """
    layout = find_layout(data)
    if not layout:
        raise PresslensError(
            "E014", path=str(data), reason="no '<prefix>-articles' folder of article<ID>.txt files"
        )
    articles: dict[str, str] = {}
    spans: dict[str, list[Span]] = {}
    lines: list[TechniqueLine] = []
    for folder, si_path, tc_path in layout:
        texts: dict[str, str] = {}
        for path in sorted(folder.glob("article*.txt")):
            m = _ARTICLE.fullmatch(path.name)
            if m:
                texts[m.group(1)] = _read_text(path)
        if not texts:
            raise PresslensError("E014", path=str(folder), reason="no article<ID>.txt files")
        if si_path is None and tc_path is None:
            raise PresslensError(
                "E014",
                path=str(folder),
                reason=f"neither {folder.name[:-9]}-task1-SI.labels nor "
                f"{folder.name[:-9]}-task2-TC.labels is beside it",
            )
        split_spans: dict[str, list[Span]] = {a: [] for a in texts}
        if tc_path is not None:
            for no, row in _fields(tc_path):
                # techniques contain commas, never tabs; still, read the name from between
                # the id and the two offsets so a stray tab inside it cannot shift columns
                if len(row) < 4:
                    raise PresslensError(
                        "E014",
                        path=str(tc_path),
                        reason=f"line {no}: expected id, technique, start, end",
                    )
                technique = "\t".join(row[1:-2]).strip()
                if technique not in TECHNIQUES:
                    raise PresslensError(
                        "E014",
                        path=str(tc_path),
                        reason=f"line {no}: unknown technique {technique!r}",
                    )
                s, e = _offsets(tc_path, no, row[0], row[-2], row[-1], texts)
                lines.append(TechniqueLine(row[0], technique, s, e))
                if si_path is None:
                    split_spans[row[0]].append((s, e))
        if si_path is not None:
            for no, row in _fields(si_path):
                if len(row) != 3:
                    raise PresslensError(
                        "E014", path=str(si_path), reason=f"line {no}: expected id, start, end"
                    )
                split_spans[row[0]].append(_offsets(si_path, no, row[0], row[1], row[2], texts))
        overlap = articles.keys() & texts.keys()
        if overlap:
            raise PresslensError(
                "E014",
                path=str(folder),
                reason=f"article ids also in another split: {sorted(overlap)[:3]}",
            )
        articles.update(texts)
        spans.update(split_spans)
    return Corpus(articles, spans, lines)
