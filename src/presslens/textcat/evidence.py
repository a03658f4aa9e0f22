"""Which words of a text to show as the reason for a classifier's score.

A linear model's score is a sum of feature contributions; each feature is spread over the
tokens it was read from, so every token has a contribution. What a reader is shown must
convince: the tokens that moved the score most (net of what pulled it down), above a floor
in logit units, joined into whole phrases across short gaps ("nail them to the wall"),
trimmed of function words at the edges, and never a run of function words or of topic and
identity words alone ("they have", "US", "muslim"): those name what a comment is about,
not what makes it offensive. The rule's parameters are chosen against human rationales
(HateXplain) and stored in the model file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["FUNCTION_WORDS", "TOPIC_WORDS", "EvidenceRule", "select_runs"]

FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet if then than that this these those there here it its
    it's he she they them their his her him we us our you your i me my mine who whom whose
    which what when where why how is are was were be been being am do does did done doing
    have has had having will would shall should can could may might must not no of in on
    at to for from by with about as into over under up down out off again also just only
    very too much many more most some any all each every both either one own same such
    other another get got go going gonna make made take took turn say said know see like
    lol rt <user> <url> ! ? 0 00 000 i'm it's that's don't can't im dont thats""".split()
)
# what a comment is about, not how it speaks about it: alone, never evidence of abuse
TOPIC_WORDS = frozenset(
    """us usa america american americans uk britain russia china iran iraq syria israel
    muslim muslims islam islamic jew jews jewish christian christians arab arabs black
    blacks white whites gay gays lesbian trans women woman men man girl girls boy boys
    immigrant immigrants refugee refugees mexican mexicans african africans asian asians
    antifa gun guns control liberal liberals conservative conservatives democrat democrats
    republican republicans left right trump obama hillary clinton maga police president
    government people country
    isis isil daesh taliban hamas hezbollah qaeda terrorist terrorists nato army military
    war""".split()
)


@dataclass(frozen=True, slots=True)
class EvidenceRule:
    relative: float = 0.35  # a token's contribution must reach this share of the top one
    floor: float = 0.0  # ... and this many logit units
    gap: int = 0  # join runs across up to this many tokens that do not pull the score down
    content: bool = False  # trim function words at the edges; drop runs with no real word
    net: bool = False  # a token's contribution net of the features that pulled it down
    # a run is shown only when its summed contribution reaches this share of the strongest
    # run's: a weak single word beside a strong phrase does not convince
    share: float = 0.0

    @classmethod
    def from_meta(cls, meta: dict[str, Any] | None) -> EvidenceRule:
        return cls(**meta) if meta else cls()

    def as_meta(self) -> dict[str, Any]:
        return {
            "relative": self.relative,
            "floor": self.floor,
            "gap": self.gap,
            "content": self.content,
            "net": self.net,
            "share": self.share,
        }


def _real(norm: str) -> bool:
    return norm[:1].isalnum() and norm not in FUNCTION_WORDS


def select_runs(
    norms: list[str], per_token: list[float], rule: EvidenceRule
) -> list[tuple[int, int, float]]:
    """(first token, last token, summed contribution) of each run to show, unsorted."""
    top = max(per_token, default=0.0)
    if top <= 0.0:
        return []
    bar = max(rule.relative * top, rule.floor)
    keep = [w >= bar for w in per_token]
    runs: list[list[int]] = []
    for i, k in enumerate(keep):
        if not k:
            continue
        if (
            runs
            and i - runs[-1][1] - 1 <= rule.gap
            and all(per_token[t] >= 0.0 for t in range(runs[-1][1] + 1, i))
        ):
            runs[-1][1] = i
        else:
            runs.append([i, i])
    out: list[tuple[int, int, float]] = []
    for a, b in runs:
        if rule.content:
            while a <= b and not _real(norms[a]):
                a += 1
            while b >= a and not _real(norms[b]):
                b -= 1
            if a > b or all(
                norms[t] in TOPIC_WORDS or not _real(norms[t]) for t in range(a, b + 1)
            ):
                continue
        out.append((a, b, sum(max(w, 0.0) for w in per_token[a : b + 1])))
    if rule.share > 0.0 and out:
        strongest = max(w for _, _, w in out)
        out = [r for r in out if r[2] >= rule.share * strongest]
    return out
