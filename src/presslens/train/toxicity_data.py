"""Readers for the toxicity corpora in ``../shared/data/toxicity``, each mapped onto the
labels presslens uses (their schemes differ).

- OLID (OffensEval 2019): A offensive OFF/NOT; B targeted TIN/UNT; C target IND/GRP/OTH.
- Davidson et al. 2017: 0 hate speech, 1 offensive, 2 neither.
- ETHOS: binary ``isHate`` share of annotators; multi-label ``violence`` share and targets.
- HateXplain: three annotators vote 0 hate, 1 normal, 2 offensive; the majority is the label.

A held-out tenth of OLID's training file (chosen by a hash of the tweet id, so it is the
same on every machine) is never trained on; ``presslens eval comments`` scores it in the
official test layout.
"""

from __future__ import annotations

import ast
import csv
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OlidRow",
    "Sample",
    "is_hatexplain_holdout",
    "is_olid_holdout",
    "read_davidson",
    "read_ethos",
    "read_hatexplain",
    "read_olid",
]

HATEXPLAIN_LABELS = {0: "hate", 1: "normal", 2: "offensive"}


@dataclass(frozen=True, slots=True)
class OlidRow:
    id: str
    text: str
    a: str  # OFF / NOT
    b: str  # TIN / UNT / NULL
    c: str  # IND / GRP / OTH / NULL


@dataclass(frozen=True, slots=True)
class Sample:
    text: str
    label: str
    violence: float | None = None  # ETHOS: share of annotators who saw violence
    id: str = ""


def is_olid_holdout(tweet_id: str) -> bool:
    return hashlib.sha1(tweet_id.encode()).digest()[0] < 26  # 26/256 ≈ 10 %


def is_hatexplain_holdout(post_id: str) -> bool:
    return hashlib.sha1(post_id.encode()).digest()[0] < 102  # 102/256 ≈ 40 %


def read_olid(path: Path) -> list[OlidRow]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            OlidRow(r["id"], r["tweet"], r["subtask_a"], r["subtask_b"], r["subtask_c"])
            for r in reader
        ]


def read_davidson(path: Path) -> list[Sample]:
    names = {"0": "hate", "1": "offensive", "2": "normal"}
    with path.open(encoding="utf-8", newline="") as fh:
        return [Sample(r["tweet"], names[r["class"]]) for r in csv.DictReader(fh)]


def read_ethos(directory: Path) -> list[Sample]:
    """ETHOS binary, joined to the multi-label file's violence share where it has one."""
    with (directory / "Ethos_Dataset_Multi_Label.csv").open(encoding="utf-8") as fh:
        violence = {r["comment"]: float(r["violence"]) for r in csv.DictReader(fh, delimiter=";")}
    with (directory / "Ethos_Dataset_Binary.csv").open(encoding="utf-8") as fh:
        return [
            Sample(
                r["comment"],
                "hate" if float(r["isHate"]) >= 0.5 else "normal",
                violence.get(r["comment"]),
            )
            for r in csv.DictReader(fh, delimiter=";")
        ]


def read_hatexplain(path: Path) -> list[Sample]:
    out: list[Sample] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            votes = Counter(ast.literal_eval(r["annotators"])["label"]).most_common()
            if votes[0][1] < 2:
                continue  # no majority: the dataset's authors drop these too
            label = HATEXPLAIN_LABELS[votes[0][0]]
            out.append(Sample(r["unmasked_sentence"], label, id=r["id"]))
    return out
