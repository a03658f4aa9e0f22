"""How the comments layer is shown, shared by the terminal and HTML reports."""

from __future__ import annotations

from html import escape

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from presslens.model import Analysis, CommentAssessment, Evidence

__all__ = [
    "FLAG_LABELS",
    "assessment_by_comment",
    "comment_cell",
    "comment_flags_html",
    "commenter_table",
    "evidence_title",
    "flag_line",
    "thread_tone_html",
    "thread_tone_report",
]

FLAG_LABELS = {
    "offensive": "offensive",
    "insult": "targeted insult",
    "hate": "hate / identity attack",
    "threat": "threat",
    "incitement": "incitement to violence",
    "violent_wish": "wishes violence",
    "conspiracy": "conspiracy talk",
}


def assessment_by_comment(a: Analysis) -> dict[str, CommentAssessment]:
    return {x.comment_id: x for x in a.comment_analysis}


def evidence_title(e: Evidence) -> str:
    label = FLAG_LABELS.get(e.flag, e.flag)
    if e.cue == "target":
        return f"{label}: its target"
    detail = e.cue or (f"weight {e.weight:+.2f}" if e.weight is not None else "")
    return f"{label} · {detail}" if detail else label


def flag_line(x: CommentAssessment) -> str:
    """One line: the flags, then the scores a reader would check first."""
    flags = ", ".join(FLAG_LABELS[f] for f in x.flags) or "no flags"
    s = x.scores
    scores = f"P(offensive) {s.offensive:.2f} · P(hate) {s.abuse.get('hate', 0.0):.2f}"
    if x.target_type:
        scores += f" · aims at: {x.target_type}"
    return f"{flags} — {scores}"


def _evidence_words(x: CommentAssessment, limit: int = 4) -> str:
    """The comment's evidence, each stretch of words once: a span inside another one shown
    ("bomb" inside "bomb and ambush these scum", found by two flags) is not repeated."""
    spans = [e for e in x.evidence if e.cue != "target"]
    words: list[str] = []
    for e in spans:
        inside = any(
            o.span.start <= e.span.start
            and e.span.end <= o.span.end
            and (o.span.end - o.span.start) > (e.span.end - e.span.start)
            for o in spans
        )
        if not inside and e.text not in words:
            words.append(e.text)
    return ", ".join(f"“{w}”" for w in words[:limit])


def thread_tone_report(a: Analysis) -> Group | None:
    tone = a.thread_tone
    if tone is None:
        return None
    lines = [
        Text(
            f"Comment section: {tone.level} (temperature {tone.temperature:.2f}); "
            f"{tone.flagged} of {tone.comments} comments flagged",
            style="bold",
        )
    ]
    counts = ", ".join(f"{FLAG_LABELS[k]} {v}" for k, v in tone.counts.items() if v)
    if counts:
        lines.append(Text("  " + counts))
    if tone.most_targeted:
        targets = ", ".join(f"{c.name} ×{c.count}" for c in tone.most_targeted[:6])
        lines.append(Text(f"  most targeted: {targets}"))
    if tone.narratives:
        lines.append(
            Text("  narratives: " + ", ".join(f"{c.name} ×{c.count}" for c in tone.narratives))
        )
    table = commenter_table(a)
    return Group(*lines, table) if table is not None else Group(*lines)


def commenter_table(a: Analysis) -> Table | None:
    if not a.commenters:
        return None
    table = Table(title="Commenters", box=box.SIMPLE_HEAD, title_justify="left")
    for column in ("Author", "Comments", "Offensive", "Violent", "Conspiracy", "Targets"):
        table.add_column(column, overflow="fold")
    for p in a.commenters:
        table.add_row(
            p.author,
            str(len(p.comments)),
            str(p.offensive),
            str(p.violent),
            str(p.conspiracy),
            ", ".join(p.targets[:4]),
        )
    return table


def comment_cell(x: CommentAssessment | None) -> Text:
    if x is None:
        return Text("")
    text = Text(flag_line(x), style="red" if x.flags else "dim")
    words = _evidence_words(x)
    if x.flags and words:
        text.append("\nevidence: " + words, style="yellow")
    return text


def comment_flags_html(x: CommentAssessment | None) -> str:
    if x is None:
        return ""
    badges = "".join(
        f'<span class="cflag cflag-{escape(f)}">{escape(FLAG_LABELS[f])}</span>' for f in x.flags
    )
    return f'<div class="cflags">{badges}<span class="scores">{escape(flag_line(x))}</span></div>'


def thread_tone_html(a: Analysis) -> str:
    tone = a.thread_tone
    if tone is None:
        return ""
    rows = "".join(
        f"<tr><td>{escape(FLAG_LABELS[k])}</td><td>{v}</td><td>{tone.shares[k]:.0%}</td></tr>"
        for k, v in tone.counts.items()
    )
    people = "".join(
        f"<tr><td>{escape(p.author)}</td><td>{len(p.comments)}</td><td>{p.offensive}</td>"
        f"<td>{p.violent}</td><td>{p.conspiracy}</td>"
        f"<td>{escape(', '.join(p.targets[:4]))}</td></tr>"
        for p in a.commenters
    )
    targets = ", ".join(f"{escape(c.name)} ×{c.count}" for c in tone.most_targeted) or "none"
    return (
        f"<h2>Comment section — {escape(tone.level)} (temperature {tone.temperature:.2f})</h2>"
        f"<p>{tone.flagged} of {tone.comments} comments flagged. Most targeted: {targets}.</p>"
        f"<table><tr><th>Flag</th><th>Comments</th><th>Share</th></tr>{rows}</table>"
        + (
            "<table><tr><th>Commenter</th><th>Comments</th><th>Offensive</th><th>Violent</th>"
            f"<th>Conspiracy</th><th>Targets</th></tr>{people}</table>"
            if people
            else ""
        )
    )
