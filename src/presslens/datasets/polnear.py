"""PolNeAR-style brat standoff attributions (Newell et al. 2018): the reader.

A data directory holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``; each
``.ann`` has ``T`` spans labelled Source, Cue or Content (possibly discontinuous:
``Content 10 20;25 40``) and ``E`` lines joining them into one relation. Where several
annotators marked the same article, the first annotation file (by name) is the gold.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from presslens.errors import PresslensError

__all__ = ["Frags", "GoldDoc", "Rel", "is_tuning", "load_polnear", "normalise"]

Frags = tuple[tuple[int, int], ...]
_SKIP_ANCHORS = frozenset({"Discard", "Discuss"})


@dataclass(frozen=True, slots=True)
class Rel:
    content: Frags
    cue: Frags = ()
    source: Frags = ()
    # which reading of the finder produced a predicted relation (not compared)
    reading: str = field(default="", compare=False)
    # the finder's confidence in a predicted relation (not compared)
    confidence: float | None = field(default=None, compare=False)
    # whether a reader is shown the predicted relation (at or above the display floor)
    shown: bool = field(default=True, compare=False)

    def get(self, role: str) -> Frags:
        value: Frags = getattr(self, role)
        return value


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    relations: list[Rel] = field(default_factory=list)


def is_tuning(name: str) -> bool:
    """The fifth of PolNeAR's training articles kept out of learning the cue lexicon, for
    tuning the finder (``presslens eval quotes --data …/train`` scores only these)."""
    return hashlib.sha1(name.encode()).digest()[0] % 5 == 0


def _frags(text: str, offsets: str) -> Frags:
    out = []
    for part in offsets.split(";"):
        s, e = (int(x) for x in part.split())
        # surrounding whitespace is not part of a span, on either side of the comparison
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(sorted(out))


def normalise(text: str, spans: Iterable[tuple[int, int]]) -> Frags:
    return _frags(text, ";".join(f"{s} {e}" for s, e in spans)) if spans else ()


def load_polnear(data: Path) -> list[GoldDoc]:
    texts, anns = data / "text", data / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise PresslensError(
            "E014", path=str(data), reason="expected the folders text/ and attributions/"
        )
    chosen: dict[str, Path] = {}
    for ann in sorted(anns.glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        chosen.setdefault(name, ann)
    docs = []
    for name, ann in chosen.items():
        txt = texts / f"{name}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        spans: dict[str, tuple[str, Frags]] = {}
        events: list[dict[str, str]] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                label, _, offsets = parts[1].partition(" ")
                spans[parts[0]] = (label, _frags(text, offsets))
            elif parts[0].startswith("E"):
                events.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
        doc = GoldDoc(name, text)
        for ev in events:
            anchor = next((k for k in ev if k.startswith("Attribution")), None)
            if anchor is None or spans.get(ev[anchor], ("", ()))[0] in _SKIP_ANCHORS:
                continue
            content = spans.get(ev.get("Content", ""), ("", ()))[1]
            if not content:
                continue
            doc.relations.append(
                Rel(
                    content=content,
                    cue=spans.get(ev.get("Cue", ""), ("", ()))[1],
                    source=spans.get(ev.get("Source", ""), ("", ()))[1],
                )
            )
        docs.append(doc)
    if not docs:
        raise PresslensError("E014", path=str(data), reason="no .ann file has a matching text")
    return docs
