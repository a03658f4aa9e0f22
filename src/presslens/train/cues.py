"""``presslens train cues``: the attribution cue lexicon from PolNeAR's training split.

The learning itself is ``analyzers.cues.learn_cues`` (runtime code: the lexicon's rules live
beside the component that reads it); this is the training entry point of the quotes layer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presslens.analyzers.cues import learn_cues, write_cues

__all__ = ["train_cues"]


def train_cues(data: Path, out: Path) -> dict[str, Any]:
    """Learn the lexicon from brat folders in ``data`` and write it to the file ``out``."""
    lexicon = learn_cues(data)
    write_cues(lexicon, out)
    return {
        "wrote": str(out),
        "cue_words": len(lexicon["words"]),
        "documents": lexicon["documents"],
        "relations": lexicon["relations"],
    }
