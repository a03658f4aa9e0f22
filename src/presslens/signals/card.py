"""The signals card: what presslens observed about a document, each with evidence.

Every signal is an observation with its numbers, a plain explanation, how to check it and
the characters it rests on. ``attention`` marks what deserves a closer look; the card never
adds signals up into a score.
"""

from __future__ import annotations

from presslens.analyzers.spanindex import has_start_in
from presslens.model import Analysis, Evidence, Signal, SignalsCard, Span, TechniqueSpan
from presslens.propaganda.text import wording
from presslens.signals.headline import SUPPORT_AT, headline_support

__all__ = ["EMOTIVE_TECHNIQUES", "build_card"]

EMOTIVE_TECHNIQUES = frozenset(
    {"Loaded_Language", "Name_Calling,Labeling", "Appeal_to_fear-prejudice", "Flag-Waving"}
)
_WEAK_SOURCES = ("role", "anonymous", "vague")


def _ev(a: Analysis, flag: str, span: Span, cue: str | None = None) -> Evidence:
    return Evidence(flag=flag, span=span, text=a.text[span.start : span.end], cue=cue)


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _outlet(a: Analysis) -> Signal | None:
    o = a.outlet
    if o is None:
        return None
    common = {
        "id": "outlet_rating",
        "name": "Outlet ratings",
        "explanation": "What open lists of news-source ratings say about the outlet, each in "
        "its own words. Lists disagree and age; a rating is about the outlet, not this "
        "article.",
        "how_to_check": "Look the domain up in each list named (sources, dates and licences "
        "are in the JSON), and read how the list rates.",
    }
    if o.status != "rated":
        value = {
            "unknown": "no URL or site name given, so the outlet is unknown",
            "shortener": f"{o.domain} is a link shortener; the outlet behind it is unknown",
            "unrated": f"unrated: no list we ship covers {o.domain}",
        }[o.status]
        return Signal(value=value, attention=False, data={"domain": o.domain}, **common)
    parts = []
    for verdict in ("unreliable", "mixed", "reliable"):
        names = [
            r.list_name.split(" (")[0].split(",")[0] for r in o.ratings if r.verdict == verdict
        ]
        if names:
            parts.append(f"{verdict} by {len(names)} ({'; '.join(names)})")
    scores = [f"{r.list}: {r.rating}" for r in o.ratings if r.verdict is None]
    value = f"{o.domain}: rated " + ", ".join(parts) if parts else f"{o.domain}: scored only"
    if scores:
        value += "; " + "; ".join(scores)
    if o.disagreement:
        value += " — the lists disagree"
    data: dict[str, float | int | str | None] = {"domain": o.domain, **o.verdicts}
    return Signal(value=value, attention="unreliable" in o.verdicts, data=data, **common)


def _sourcing(a: Analysis) -> list[Signal]:
    s = a.sourcing
    if s is None or not s.attributions:
        return []
    shares = ", ".join(f"{k.replace('_', ' ')} {_pct(v)}" for k, v in s.shares.items() if v)
    weak = sum(v for k, v in s.shares.items() if k in _WEAK_SOURCES)
    article = [q for q in a.attributions if not q.in_comment]
    weak_quotes = [q for q in article if q.source_class in _WEAK_SOURCES and q.source]
    profile = Signal(
        id="sourcing_profile",
        name="Sourcing",
        value=f"{s.attributions} attributions: {shares}",
        attention=False,
        explanation="Who the article's statements are attributed to, by kind of source.",
        how_to_check="Open the attribution list: each quote names its cue and source words.",
        data={f"share_{k}": v for k, v in s.shares.items()},
    )
    vague = Signal(
        id="weak_sourcing",
        name="Role-only, anonymous or vague sources",
        value=f"{_pct(weak)} of attributions rest on a role, an anonymous or a vague source"
        + (
            " (" + "; ".join(sorted({q.source_text or "" for q in weak_quotes})[:5]) + ")"
            if weak_quotes
            else ""
        ),
        attention=weak >= 0.3,
        explanation="A claim resting on 'a representative', 'sources' or 'reports' cannot be "
        "traced to a person who can be asked about it.",
        how_to_check="For each highlighted source, look for a named person or document "
        "behind it, in this or other reporting.",
        evidence=[
            _ev(a, "weak_sourcing", q.source, q.source_class)
            for q in weak_quotes
            if q.source is not None
        ],
        data={"share": round(weak, 3), "attributions": s.attributions},
    )
    return [profile, vague]


def _distinct(spans: list[TechniqueSpan], limit: int) -> list[TechniqueSpan]:
    """The strongest spans, one per wording: the same label five times is one example."""
    seen: set[str] = set()
    out: list[TechniqueSpan] = []
    for t in sorted(spans, key=lambda t: -t.score):
        key = wording(t.text)  # "Terrorists" and "terrorist" are one example
        if key not in seen:
            seen.add(key)
            out.append(t)
        if len(out) == limit:
            break
    return out


def _techniques(a: Analysis) -> list[Signal]:
    p = a.technique_profile
    if p is None:
        return []
    article = [t for t in a.techniques if not t.in_comment]
    top = ", ".join(
        f"{k.split(',')[0].replace('_', ' ')} ×{v}" for k, v in list(p.counts.items())[:4]
    )
    density = Signal(
        id="technique_density",
        name="Propaganda techniques",
        value=f"{p.spans} spans"
        # a label used ten times is one wording: say so, and let only distinct ones alert
        + (f" ({p.distinct_spans} distinct)" if 0 < p.distinct_spans < p.spans else "")
        + f", {p.per_100_sentences:.0f} per 100 sentences"
        + (f": {top}" if top else ""),
        attention=min(p.spans, p.distinct_spans or p.spans) >= 3 and p.per_100_sentences >= 20,
        explanation="Rhetorical techniques of the SemEval-2020 Task 11 scheme, found by a "
        "model with limited accuracy (see docs/evaluation.md).",
        how_to_check="Read each highlighted span in context and ask whether it argues or "
        "persuades by emotion, labels or repetition.",
        evidence=[_ev(a, "technique_density", t.span, t.technique) for t in _distinct(article, 5)],
        data={
            "spans": p.spans,
            "distinct_spans": p.distinct_spans,
            "per_100_sentences": p.per_100_sentences,
            "per_1000_words": p.per_1000_words,
        },
    )
    emotive = [t for t in article if t.technique in EMOTIVE_TECHNIQUES]
    # the claims a loaded span starts in: a bisect into the sorted span starts per claim,
    # not every span against every claim (a long article has thousands of both)
    starts = sorted(t.span.start for t in emotive)
    sentences = {c.id for c in a.claims if has_start_in(starts, c.span.start, c.span.end)}
    share = len(sentences) / len(a.claims) if a.claims else 0.0
    loaded = Signal(
        id="emotive_language",
        name="Emotional and loaded language",
        value=f"{_pct(share)} of sentences carry loaded language, name calling, fear or "
        "flag-waving",
        attention=share >= 0.25,
        explanation="Words chosen to provoke rather than inform.",
        how_to_check="Rewrite the highlighted words neutrally: does the sentence still say "
        "the same thing?",
        evidence=[_ev(a, "emotive_language", t.span, t.technique) for t in _distinct(emotive, 5)],
        data={"share_of_sentences": round(share, 3), "spans": len(emotive)},
    )
    return [density, loaded]


def _claims(a: Analysis) -> Signal | None:
    worthy = sorted((c for c in a.claims if c.checkworthy), key=lambda c: -c.score)
    if not a.claims:
        return None
    bare = [c for c in worthy if c.attribution_id is None]
    return Signal(
        id="checkworthy_claims",
        name="Check-worthy claims",
        value=f"{len(worthy)} of {len(a.claims)} sentences are check-worthy; "
        f"{len(bare)} of them are not attributed to anyone",
        attention=bool(bare),
        explanation="Factual statements of public interest that can be verified.",
        how_to_check="Start with the highest-scored claims; search for the primary source "
        "(the report, the statement, the data).",
        evidence=[_ev(a, "checkworthy_claims", c.span, f"score {c.score:.2f}") for c in worthy[:3]],
        data={"checkworthy": len(worthy), "unattributed": len(bare)},
    )


def _comments(a: Analysis) -> Signal | None:
    tone = a.thread_tone
    if tone is None:
        return None
    violent = sum(
        1 for x in a.comment_analysis if {"threat", "incitement", "violent_wish"} & set(x.flags)
    )
    conspiracy = tone.counts.get("conspiracy", 0)
    evidence = [
        e
        for x in a.comment_analysis
        for e in x.evidence
        if e.flag in ("threat", "incitement", "violent_wish", "conspiracy") and e.cue != "target"
    ][:6]
    return Signal(
        id="comment_section",
        name="Comment section",
        value=f"{tone.level} (temperature {tone.temperature:.2f}); calls for violence in "
        f"{violent} of {tone.comments} comments, conspiracy talk in {conspiracy}",
        attention=bool(violent or conspiracy) or tone.level == "hostile",
        explanation="What readers do under the article: insults, calls for violence, "
        "conspiracy narratives.",
        how_to_check="Read the flagged comments with their highlighted words; the scores "
        "are in the JSON.",
        evidence=evidence,
        data={
            "comments": tone.comments,
            "violent": violent,
            "conspiracy": conspiracy,
            "temperature": tone.temperature,
        },
    )


def _headline(a: Analysis) -> Signal | None:
    support = headline_support(a)
    if support is None:
        return None
    share = round(100 * support.closest)
    if not support.restatements and support.closest >= SUPPORT_AT:
        # a paraphrase ("former CEO" for "its former chief executive") shares most of the
        # headline's words without every one: close, not contradicted
        value = f"partly restated: the closest body sentence holds {share}% of its words"
        attention = False
    elif not support.restatements:
        value = (
            "the headline's claim is not restated in the body (the closest sentence holds "
            f"{share}% of its words)"
        )
        attention = True
    else:
        sources = support.sources
        unattributed = sum(r.source is None for r in support.restatements)
        value = (
            f"restated in {len(support.restatements)} body sentences; attributed only to "
            + ", ".join(f"“{s}”" for s in sources)
            if sources
            else f"restated in {len(support.restatements)} body sentences, never attributed"
        )
        if sources and unattributed:
            value += f"; {unattributed} restatement(s) without attribution"
        attention = not sources or all(
            r.source_class in ("role", "anonymous", "vague", "outlet") for r in support.restatements
        )
    return Signal(
        id="headline_support",
        name="Headline and body",
        value=value,
        attention=attention,
        explanation="Whether the body backs the headline's claim, and on whose word.",
        how_to_check="Compare the headline with the highlighted sentences: is the claim as "
        "strong in the body, and who is it attributed to?",
        evidence=[
            _ev(a, "headline_support", r.span, r.source or "no attribution")
            for r in support.restatements
        ],
        data={"restatements": len(support.restatements)},
    )


def build_card(a: Analysis) -> SignalsCard:
    signals: list[Signal] = []
    for signal in (_outlet(a), _headline(a)):
        if signal is not None:
            signals.append(signal)
    signals.extend(_sourcing(a))
    signals.extend(_techniques(a))
    for signal in (_claims(a), _comments(a)):
        if signal is not None:
            signals.append(signal)
    return SignalsCard(signals=signals)
