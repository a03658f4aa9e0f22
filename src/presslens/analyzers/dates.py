"""``presslens_dates``: date and time expressions, normalised against the publication date."""

# No "from __future__ import annotations" here: spaCy 3.7 validates factory signatures
# with pydantic v1, which needs real annotations, not strings.

from spacy.language import Language
from spacy.tokens import Doc

from presslens.analyzers.context import get_context, register_attributes
from presslens.analyzers.timex import find_timex
from presslens.doctext import doc_text
from presslens.model import Span, TimeExpression

__all__ = ["ASSIGNS", "NAME", "DatesComponent", "make_dates"]

NAME = "presslens.dates.v1"
ASSIGNS = ["doc._.presslens_times"]
register_attributes(ASSIGNS)


class DatesComponent:
    """Finds time expressions with patterns over the text (dateparser reads 'we' as
    Wednesday when fed whole sentences, so nothing is parsed outside a matched span)."""

    analyzer = NAME

    def __init__(self, name: str = "presslens_dates") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ctx = get_context(doc)
        out: list[TimeExpression] = []
        text = doc_text(doc)
        for t in find_timex(text, 0, len(text), ctx.published):
            if ctx.in_author_line(t.start, t.end):
                continue
            out.append(
                TimeExpression(
                    span=Span(start=t.start, end=t.end),
                    text=t.text,
                    in_comment=ctx.comment_at(t.start) is not None,
                    kind=t.kind,
                    value=t.value,
                    granularity=t.granularity,
                    part_of_day=t.part_of_day,
                    resolved=t.resolved,
                    relative=t.relative,
                )
            )
        doc._.presslens_times = out
        return doc


@Language.factory(
    "presslens_dates",
    assigns=ASSIGNS,
    requires=[],
    default_config={},
)
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(name)
