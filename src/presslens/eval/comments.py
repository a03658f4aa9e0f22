"""``presslens eval comments``: the comment classifier on OLID and HateXplain, and the
violence rules on ETHOS.

``--data`` is either

- the toxicity folder of ``../shared/data`` (``olid/olid-training-v1.0.tsv`` inside): the
  held-out tenth of OLID and the held-out 40 % of HateXplain's validation split, which the
  shipped model never saw; ETHOS's violence labels score the violence rules; or
- a folder in the official OffensEval 2019 test layout (``testset-levela.tsv``:
  ``id<TAB>tweet``; ``labels-levela.csv``: ``id,label``; likewise ``levelb``, ``levelc``),
  optionally with a HateXplain CSV (``*hatexplain*.csv``) beside it, scored whole.

Metrics: macro-F1 (the shared tasks' metric) and accuracy, with the majority-class and
the always-positive baselines beside them.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from presslens.analyzers.comments import SHOW_AT, TARGET_SHOW_AT, comment_model, shown_offensive
from presslens.errors import PresslensError
from presslens.eval.metrics import macro_f1, prf, reliability

__all__ = ["evaluate_comments", "macro_f1"]


def _scores(gold: list[str], pred: list[str], labels: Sequence[str]) -> dict[str, Any]:
    majority = Counter(gold).most_common(1)[0][0]
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    out: dict[str, Any] = {
        "n": len(gold),
        "macro_f1": round(macro_f1(gold, pred, labels), 4),
        "accuracy": round(accuracy, 4),
        "baselines": {
            "majority": round(macro_f1(gold, [majority] * len(gold), labels), 4),
        },
    }
    for label in labels:
        if label != majority:
            out["baselines"][f"all_{label}"] = round(macro_f1(gold, [label] * len(gold), labels), 4)
    return out


def _olid_level(texts: dict[str, str], gold: dict[str, str], head: str) -> dict[str, Any]:
    model = comment_model()
    ids = [i for i in texts if i in gold]
    evidence = 3 if head == "offensive" else 0
    predictions = [p[head] for p in model.predict_many([texts[i] for i in ids], evidence)]
    pred = [p.label for p in predictions]
    out = _scores([gold[i] for i in ids], pred, model.heads[head].labels)
    if head == "offensive":
        want = [gold[i] == "OFF" for i in ids]
        shown = [shown_offensive(p) for p in predictions]
        tp = sum(s and w for s, w in zip(shown, want, strict=True))
        fp = sum(s and not w for s, w in zip(shown, want, strict=True))
        fn = sum(w and not s for s, w in zip(shown, want, strict=True))
        precision, recall, f1 = prf(tp, fp, fn)
        out["shown_flags"] = {
            "rule": f"P(OFF) >= {SHOW_AT} with convincing evidence",
            "flagged": tp + fp,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "precision_at_model_threshold": round(
                prf(
                    sum(p == "OFF" and w for p, w in zip(pred, want, strict=True)),
                    sum(p == "OFF" and not w for p, w in zip(pred, want, strict=True)),
                    0,
                )[0],
                4,
            ),
        }
        out["calibration"] = reliability([p.probabilities["OFF"] for p in predictions], want)
    if head == "target":
        # the layer shows the model's target type only above TARGET_SHOW_AT
        sure = [
            (p.label, gold[i])
            for p, i in zip(predictions, ids, strict=True)
            if max(p.probabilities.values()) >= TARGET_SHOW_AT
        ]
        out["shown_types"] = {
            "rule": f"max P(type) >= {TARGET_SHOW_AT}",
            "shown": len(sure),
            "coverage": round(len(sure) / len(ids), 4) if ids else 0.0,
            "accuracy": round(sum(p == g for p, g in sure) / len(sure), 4) if sure else 0.0,
            "accuracy_all": out["accuracy"],
        }
    return out


def _read_official(data: Path, level: str) -> tuple[dict[str, str], dict[str, str]] | None:
    tweets = data / f"testset-level{level}.tsv"
    labels = data / f"labels-level{level}.csv"
    if not tweets.exists() or not labels.exists():
        return None
    with tweets.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = {r[0]: r[1] for r in rows if len(r) >= 2 and r[0] != "id"}
    with labels.open(encoding="utf-8", newline="") as fh:
        gold = {r[0]: r[1] for r in csv.reader(fh) if len(r) >= 2}
    if not texts or not gold:
        raise PresslensError("E014", path=str(tweets), reason="no rows in the test layout")
    return texts, gold


def evaluate_comments(data: Path) -> dict[str, Any]:
    from presslens.eval.plausibility import evaluate_plausibility
    from presslens.train.toxicity_data import (
        is_hatexplain_holdout,
        is_olid_holdout,
        read_ethos,
        read_hatexplain,
        read_olid,
    )

    result: dict[str, Any] = {"model": comment_model().meta.get("name")}
    training_layout = (data / "olid" / "olid-training-v1.0.tsv").exists()
    if training_layout:
        held = [
            r for r in read_olid(data / "olid" / "olid-training-v1.0.tsv") if is_olid_holdout(r.id)
        ]
        result["split"] = "held-out: OLID train tenth by id hash, HateXplain val 40 % by id hash"
        a = _olid_level({r.id: r.text for r in held}, {r.id: r.a for r in held}, "offensive")
        off = [r for r in held if r.a == "OFF"]
        b = _olid_level({r.id: r.text for r in off}, {r.id: r.b for r in off}, "targeted")
        tin = [r for r in off if r.b == "TIN"]
        c = _olid_level({r.id: r.text for r in tin}, {r.id: r.c for r in tin}, "target")
        result["olid"] = {"a": a, "b": b, "c": c}
        hx_path = data / "hatexplain" / "hatexplain_val_hfformat.csv"
        hx = [s for s in read_hatexplain(hx_path) if is_hatexplain_holdout(s.id)]
        result["evidence_plausibility"] = evaluate_plausibility(
            comment_model(), hx_path, is_hatexplain_holdout
        )
    else:
        result["split"] = "official test layout, scored whole"
        olid: dict[str, Any] = {}
        for level, head in (("a", "offensive"), ("b", "targeted"), ("c", "target")):
            read = _read_official(data, level)
            if read is not None:
                olid[level] = _olid_level(*read, head)
        if olid:
            result["olid"] = olid
        candidates = sorted(data.glob("*hatexplain*.csv")) + sorted(data.glob("hatexplain/*.csv"))
        hx = read_hatexplain(candidates[0]) if candidates else []
        if not olid and not hx:
            raise PresslensError(
                "E014",
                path=str(data),
                reason="neither olid/olid-training-v1.0.tsv, testset-levela.tsv with "
                "labels-levela.csv, nor a HateXplain CSV is there",
            )
    if hx:
        model = comment_model()
        pred = [p["abuse"].label for p in model.predict_many([s.text for s in hx], evidence=0)]
        result["hatexplain"] = _scores([s.label for s in hx], pred, ("hate", "offensive", "normal"))
    ethos_dir = data / "ethos" / "ethos" / "ethos_data"
    if training_layout and ethos_dir.exists():
        result["violence_ethos"] = _violence(
            [(s.text, s.violence >= 0.5) for s in read_ethos(ethos_dir) if s.violence is not None]
        )
    return result


def _violence(samples: list[tuple[str, bool]]) -> dict[str, Any]:
    """The violence rules against ETHOS's violence label (hate comments only: ETHOS labels
    violence on its multi-label, all-hate part)."""
    import spacy

    from presslens.analyzers.violence import find_violence
    from presslens.pipeline import MODEL

    nlp = spacy.load(MODEL, exclude=["lemmatizer", "attribute_ruler", "ner"])
    tp = fp = fn = 0
    for doc, (_, gold) in zip(nlp.pipe(t for t, _ in samples), samples, strict=True):
        found = bool(find_violence(doc.sents))
        tp += found and gold
        fp += found and not gold
        fn += gold and not found
    p, r, f = prf(tp, fp, fn)
    positives = sum(g for _, g in samples)
    _, _, f_all = prf(positives, len(samples) - positives, 0)
    return {
        "n": len(samples),
        "positives": positives,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "baselines": {"all_violent_f1": round(f_all, 4)},
    }
