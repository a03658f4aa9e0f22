"""Conspiracy-narrative cues: secret control by a hidden actor, staged events, "wake up".

These are cues, not verdicts: each is a phrase a reader can check, with a weight. A comment
is flagged when its strongest cues add up to ``FLAG_AT`` — one strong cue (a hidden actor
controlling institutions, "false flag", "inside job") or several weak ones ("manipulated",
"the official story", "agenda").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FLAG_AT", "ConspiracyCue", "conspiracy_score", "find_conspiracy_cues"]

FLAG_AT = 1.0

_ACTORS = (
    r"(?:mi6|mi5|cia|fbi|nsa|mossad|kgb|fsb|the\s+(?:deep\s+state|elites?|globalists?|cabal|"
    r"bankers|banksters|jews|zionists|illuminati|masons|freemasons|establishment|powers\s+that\s+be"
    r"|rothschilds?|oligarchs|lobby|media|msm|government|west|us|uk|british|americans)"
    r"|soros|rothschilds?|globalists?|zionists?|the\s+\w+\s+lobby|big\s+pharma|wall\s+street"
    r"|they|them|these\s+people)"
)
_INSTITUTIONS = (
    r"(?:(?:the\s+)?(?:american|us|uk|british|european|world|global|our)?\s*"
    r"(?:banking|banks|media|press|politics|politicians|government|governments|congress|"
    r"elections?|courts?|the\s+cia|cia|fbi|un|nato|fed|federal\s+reserve|money|economy|"
    r"narrative|world|everything|everyone|the\s+world|both\s+sides|wars?|news|hollywood))"
)

# (pattern, weight, label) — weights: 1.0 strong on its own, 0.5 weak, 0.35 context
_RULES: tuple[tuple[str, float, str], ...] = (
    (
        rf"\b{_ACTORS}\s+(?:\w+\s+){{0,2}}(?:secretly\s+)?(?:controls?|controlled|controlling|"
        rf"runs?|owns?|owned|rules?|dictates?)\s+{_INSTITUTIONS}",
        1.0,
        "hidden control",
    ),
    (
        r"\b(?:puppet\s*masters?|pulls?\s+the\s+strings|pulling\s+the\s+strings|masters\s+of\s+"
        r"(?:\w+\s+){0,3}(?:manipulat\w*|deception|puppets?))",
        1.0,
        "hidden control",
    ),
    (r"\bfalse[\s-]flags?\b", 1.0, "staged event"),
    (r"\binside\s+job\b", 1.0, "staged event"),
    (r"\bcrisis\s+actors?\b", 1.0, "staged event"),
    (
        r"\b(?:staged|orchestrated|engineered|manufactured)\s+(?:\w+\s+){0,2}(?:attack|event|"
        r"crisis|war|pandemic|shooting|massacre|incident|by)\b",
        0.8,
        "staged event",
    ),
    (
        r"\b(?:deep\s+state|new\s+world\s+order|nwo|shadow\s+government|illuminati|"
        r"great\s+reset|globalist\s+agenda|zog|plandemic|scamdemic)\b",
        1.0,
        "hidden actor",
    ),
    (r"\bwake\s+up\b(?:\s+(?:people|sheeple|america|everyone|folks))?", 0.6, "wake up"),
    (r"\bsheeple\b", 0.8, "wake up"),
    (
        r"\b(?:do\s+your\s+(?:own\s+)?research|they\s+don'?t\s+want\s+you\s+to\s+know|"
        r"what\s+they\s+(?:don'?t|won'?t)\s+tell\s+you)\b",
        0.8,
        "hidden truth",
    ),
    (
        r"\b(?:cover[\s-]?up|covered\s+up|hidden\s+agenda|secret\s+agenda|behind\s+the\s+scenes)\b",
        0.6,
        "hidden truth",
    ),
    (r"\b(?:official|mainstream)\s+(?:story|narrative|version)\b", 0.5, "hidden truth"),
    (rf"\b{_ACTORS}\s+(?:\w+\s+){{0,2}}manipulat\w*\b", 0.6, "manipulation"),
    (
        r"\bmanipulat(?:ed|es|ing)\s+(?:the\s+)?(?:\w+\s+)?(?:public|people|masses|media|"
        r"elections?|population)\b",
        0.6,
        "manipulation",
    ),
    (r"\b(?:has|have|had)\s+an?\s+agenda\b", 0.5, "hidden agenda"),
    (r"\bagenda\s+(?:behind|of\s+the\s+(?:elites?|globalists?))\b", 0.6, "hidden agenda"),
    (
        r"\b(?:(?:controls?|runs?)\s+the\s+(?:opiate|opium|drug|heroin)\s+trade|"
        r"controlling\s+the\s+(?:opiate|opium|drug|heroin)\s+trade)\b",
        0.6,
        "hidden control",
    ),
    (r"\b(?:msm|lamestream|presstitutes?|fake\s+news\s+media)\b", 0.35, "media distrust"),
    (
        # ... and said to plan together: one strong cue
        r"\b(?:terrorists?|jihadists?|isis|daesh|al[\s-]qaeda)\s+and\s+(?:the\s+)?"
        r"(?:neocons?|cia|mossad|globalists?|zionists?|western\s+powers|the\s+west|nato)\b"
        r"[^.?!]{0,30}?\b(?:plan(?:ned|ning|s)?|plott?(?:ed|ing|s)?|schem(?:e|ed|ing))\b",
        1.0,
        "secret alliance",
    ),
    (
        # armed groups said to be in league with a power: "the Terrorists and Neocons"
        r"\b(?:terrorists?|jihadists?|isis|daesh|al[\s-]qaeda)\s+and\s+(?:the\s+)?"
        r"(?:neocons?|cia|mossad|globalists?|zionists?|western\s+powers|the\s+west|nato)\b",
        0.6,
        "secret alliance",
    ),
    (
        r"\b(?:neocons?|globalists?|zionists?|elites?|cabal|bankers)\b[^.?!]{0,40}?\b"
        r"(?:plan(?:ned|ning|s)?|plott?(?:ed|ing|s)?|schem(?:e|ed|ing))\b",
        0.5,
        "secret plan",
    ),
    (
        r"\b(?:wants?\s+you\s+to\s+believe|nothing\s+is\s+(?:a\s+)?coincidence|"
        r"no\s+coincidence)\b",
        0.6,
        "hidden truth",
    ),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), w, label) for p, w, label in _RULES)


@dataclass(frozen=True, slots=True)
class ConspiracyCue:
    start: int
    end: int
    label: str
    weight: float


def find_conspiracy_cues(text: str, offset: int = 0) -> list[ConspiracyCue]:
    """Cues in ``text``; offsets are shifted by ``offset`` (the comment's start)."""
    cues: list[ConspiracyCue] = []
    for pattern, weight, label in _COMPILED:
        for m in pattern.finditer(text):
            cues.append(ConspiracyCue(m.start() + offset, m.end() + offset, label, weight))
    cues.sort(key=lambda c: (c.start, -c.end))
    kept: list[ConspiracyCue] = []
    for cue in cues:  # overlapping matches: the first, longest one speaks for the phrase
        if kept and cue.start < kept[-1].end:
            if cue.weight > kept[-1].weight:
                kept[-1] = cue
            continue
        kept.append(cue)
    return kept


def conspiracy_score(cues: list[ConspiracyCue]) -> float:
    """Summed cue weight, each label counted once at its strongest, capped at 2."""
    best: dict[str, float] = {}
    for cue in cues:
        best[cue.label] = max(best.get(cue.label, 0.0), cue.weight)
    return min(2.0, round(sum(best.values()), 3))
