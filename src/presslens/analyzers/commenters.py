"""Summing a comment thread up: per commenter, and the thread's temperature.

Temperature is the mean, over comments, of each comment's hostility — the largest of its
P(offensive), its P(hate) and 1.0 when it calls for violence. "calm" below 0.25, "tense"
below 0.5, "hostile" from 0.5: a thread where most comments are likely offensive or violent.
"""

from __future__ import annotations

from collections import Counter

from presslens.model import CommentAssessment, CommenterProfile, Count, ThreadTone

__all__ = ["FLAGS", "summarise_thread"]

FLAGS = ("offensive", "insult", "hate", "threat", "incitement", "violent_wish", "conspiracy")
_VIOLENT = frozenset({"threat", "incitement", "violent_wish"})


def _hostility(a: CommentAssessment) -> float:
    return max(a.scores.offensive, a.scores.abuse.get("hate", 0.0), a.scores.violence)


def summarise_thread(
    assessments: list[CommentAssessment], authors: dict[str, str | None]
) -> tuple[list[CommenterProfile], ThreadTone | None]:
    if not assessments:
        return [], None
    by_author: dict[str, list[CommentAssessment]] = {}
    for a in assessments:
        author = authors.get(a.comment_id)
        if author:
            by_author.setdefault(author, []).append(a)
    profiles = [_profile(author, items) for author, items in by_author.items()]
    profiles.sort(key=lambda p: (-p.share_flagged * len(p.comments), -len(p.comments)))

    counts = {flag: sum(flag in a.flags for a in assessments) for flag in FLAGS}
    n = len(assessments)
    targets: Counter[str] = Counter()
    narratives: Counter[str] = Counter()
    hosts: Counter[str] = Counter()
    for a in assessments:
        targets.update({_norm_target(t) for t in a.targets})
        narratives.update(set(a.narratives))
        hosts.update(set(a.link_hosts))
    temperature = round(sum(_hostility(a) for a in assessments) / n, 3)
    level = "calm" if temperature < 0.25 else "tense" if temperature < 0.5 else "hostile"
    tone = ThreadTone(
        comments=n,
        flagged=sum(bool(a.flags) for a in assessments),
        counts=counts,
        shares={flag: round(c / n, 3) for flag, c in counts.items()},
        temperature=temperature,
        level=level,
        most_targeted=_top(targets),
        narratives=_top(narratives),
        link_hosts=_top(hosts),
    )
    return profiles, tone


def _profile(author: str, items: list[CommentAssessment]) -> CommenterProfile:
    targets: list[str] = []
    narratives: list[str] = []
    for a in items:
        targets.extend(t for t in a.targets if t not in targets)
        narratives.extend(n for n in a.narratives if n not in narratives)
    return CommenterProfile(
        author=author,
        comments=[a.comment_id for a in items],
        offensive=sum("offensive" in a.flags for a in items),
        violent=sum(bool(_VIOLENT & set(a.flags)) for a in items),
        hate=sum("hate" in a.flags for a in items),
        conspiracy=sum("conspiracy" in a.flags for a in items),
        share_flagged=round(sum(bool(a.flags) for a in items) / len(items), 3),
        narratives=narratives,
        targets=targets,
    )


def _norm_target(target: str) -> str:
    return " ".join(target.split())


def _top(counter: Counter[str], limit: int = 10) -> list[Count]:
    # Ties by name: counters are filled from sets, whose order changes with the hash seed,
    # and most_common keeps insertion order among equal counts.
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [Count(name=k, count=v) for k, v in ranked]
