"""Scoring event typing on any labelled snippet set: a TSV or JSONL of (text, label).

Each snippet is analysed alone; its main event's ACLED typing (``presslens.events.acled``)
is compared with the label. A label is an ACLED event type, an ACLED sub-event type (mapped
to its type, and then scored as a sub-type too), or a no-event label. Labels of
ACLED-style sets that ACLED itself does not code (CASE 2021's "Organized crime", "Natural
disaster", "Man-made disaster", "Diplomatic event", "Attribution of responsibility") are
mapped to "No event" explicitly; any other label is an error (E101), never a guess.

Reported: accuracy and macro-F1 over the types present in the gold labels (the six, and
"No event" when the set has non-events), per-type F1, macro-F1 over the sub-types when
labels are sub-types, how many non-events got a type; baselines: the majority label, and
"always an event of the majority type" beside "no event ever".
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.errors import PresslensError
from presslens.eval.metrics import macro_f1, prf
from presslens.events.acled import ACLED_SUB_TYPES, ACLED_TYPES, NO_EVENT, sub_type_parent
from presslens.model import Event

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["SNIPPET_SUFFIXES", "evaluate_snippets", "label_to_acled", "main_acled_event"]

SNIPPET_SUFFIXES = (".tsv", ".jsonl", ".txt")
_NO_EVENT_LABELS = frozenset(
    {
        "no event",
        "none",
        "no_event",
        "noevent",
        "o",
        "0",
        "negative",
        "organized crime",
        "natural disaster",
        "man-made disaster",
        "diplomatic event",
        "attribution of responsibility",
    }
)
_TYPE_ALIASES = {t.casefold(): t for t in ACLED_TYPES} | {
    "explosions": "Explosions/Remote violence",
    "remote violence": "Explosions/Remote violence",
    "explosions/remote violence": "Explosions/Remote violence",
    "violence against civilians": "Violence against civilians",
    "protest": "Protests",
    "riot": "Riots",
    "battle": "Battles",
}
_SUB_ALIASES = {
    "air strike": "Air/drone strike",
    "drone strike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "artillery": "Shelling/artillery/missile attack",
    "remote explosive": "Remote explosive/landmine/IED",
    "ied": "Remote explosive/landmine/IED",
    "abduction": "Abduction/forced disappearance",
    "looting": "Looting/property destruction",
    "property destruction": "Looting/property destruction",
}


def label_to_acled(label: str, path: str = "") -> tuple[str, str | None]:
    """(ACLED type or "No event", sub-event type or None) for a label; E101 if unknown."""
    key = " ".join(label.strip().casefold().replace("_", " ").split())
    if key in _NO_EVENT_LABELS:
        return NO_EVENT, None
    if key in _TYPE_ALIASES:
        return _TYPE_ALIASES[key], None
    sub = _SUB_ALIASES.get(key)
    if sub is not None:
        return sub_type_parent(sub) or NO_EVENT, sub
    parent = sub_type_parent(key)
    if parent is not None:
        canonical = next(s for s in ACLED_SUB_TYPES[parent] if s.casefold() == key)
        return parent, canonical
    raise PresslensError(
        "E101",
        label=label,
        path=path,
        no_event=", ".join(sorted(_NO_EVENT_LABELS)),
        options=", ".join(ACLED_TYPES),
    )


def _read(path: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PresslensError("E100", path=str(path), reason=str(exc)) from exc
    if path.suffix == ".jsonl":
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PresslensError("E100", path=str(path), reason=f"line {n}: {exc}") from exc
            if not isinstance(obj, dict):
                raise PresslensError("E100", path=str(path), reason=f"line {n}: not an object")
            label = obj.get("label") or obj.get("sub_event_type") or obj.get("event_type")
            if not obj.get("text") or label is None:
                raise PresslensError("E100", path=str(path), reason=f"line {n}: no text/label")
            rows.append((str(obj["text"]), str(label)))
        return rows
    for n, parts in enumerate(csv.reader(raw.splitlines(), delimiter="\t"), 1):
        if not parts or not "".join(parts).strip():
            continue
        if len(parts) < 2:
            raise PresslensError("E100", path=str(path), reason=f"line {n}: no tab-separated label")
        if n == 1 and parts[0].strip().casefold() == "text":
            continue  # a header
        rows.append((parts[0], parts[1]))
    return rows


_FIGHTING = frozenset({"Battles", "Explosions/Remote violence"})
_CIVILIANS = "Violence against civilians"
_HARM_VERB = re.compile(r"(?i)(?:kill|shot|shoot|wound|injur|die|dead)")


def main_acled_event(events: list[Event]) -> Event | None:
    """The snippet's main event in ACLED's sense: the most confident act of political
    violence or protest, else the most confident strategic development (the arrest that
    ends a shoot-out is part of the shoot-out)."""
    typed = [e for e in events if e.acled_type]
    fighting = any(e.acled_type in _FIGHTING for e in typed)
    # "clashed …, killing three": the killing is the clash's toll, not a second event
    typed = [
        e
        for e in typed
        if not (fighting and e.acled_type == _CIVILIANS and _HARM_VERB.match(e.trigger_text))
    ] or typed
    return max(
        typed,
        # an arrest is the development of last resort: the seizure or the attack it ends
        # is what the story is about
        key=lambda e: (
            e.acled_type != "Strategic developments",
            e.acled_sub_type != "Arrests",
            e.confidence,
        ),
        default=None,
    )


def evaluate_snippets(path: Path, nlp: Language | None = None) -> dict[str, Any]:
    from presslens.eval.event_pipeline import _pipeline, analyse_texts

    rows = _read(path)
    if not rows:
        raise PresslensError("E100", path=str(path), reason="no snippets")
    gold = [label_to_acled(label, str(path)) for _, label in rows]
    analysed, _ = analyse_texts(nlp or _pipeline(), [t for t, _ in rows])
    pred: list[tuple[str, str | None]] = []
    for result in analysed:
        top = main_acled_event(result.events)
        pred.append((top.acled_type or NO_EVENT, top.acled_sub_type) if top else (NO_EVENT, None))
    g_types, p_types = [g for g, _ in gold], [p for p, _ in pred]
    labels = [t for t in (*ACLED_TYPES, NO_EVENT) if t in set(g_types)]
    n = len(rows)
    out: dict[str, Any] = {
        "snippets": n,
        "labels": dict(Counter(g_types).most_common()),
        "type": {
            "accuracy": sum(g == p for g, p in zip(g_types, p_types, strict=True)) / n,
            "macro_f1": macro_f1(g_types, p_types, labels),
            "f1_by_type": {t: _f1(g_types, p_types, t) for t in labels},
        },
    }
    non_events = [p for g, p in zip(g_types, p_types, strict=True) if g == NO_EVENT]
    if non_events:
        out["non_events_typed"] = sum(p != NO_EVENT for p in non_events) / len(non_events)
    subs = [(g[1], p[1] or NO_EVENT) for g, p in zip(gold, pred, strict=True) if g[1]]
    if subs:
        sub_labels = sorted({g for g, _ in subs})
        out["sub_type"] = {
            "snippets": len(subs),
            "accuracy": sum(g == p for g, p in subs) / len(subs),
            "macro_f1": macro_f1([g for g, _ in subs], [p for _, p in subs], sub_labels),
        }
    majority = Counter(g_types).most_common(1)[0][0]
    out["baselines"] = {
        "majority_label": majority,
        "majority": {
            "accuracy": g_types.count(majority) / n,
            "macro_f1": macro_f1(g_types, [majority] * n, labels),
        },
        "no_event_ever": {"accuracy": g_types.count(NO_EVENT) / n},
    }
    return out


def _f1(gold: list[str], pred: list[str], label: str) -> float:
    tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
    fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
    fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
    return round(prf(tp, fp, fn)[2], 4)
