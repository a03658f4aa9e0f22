"""From a raw document to an ``Analysis``: the engine's one entry point."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from presslens.about import __version__
from presslens.errors import PresslensError
from presslens.ingest import RawDocument, read_document
from presslens.ingest.dates import parse_iso_date
from presslens.ingest.decode import clean_document
from presslens.ingest.text import read_text
from presslens.model import (
    Analysis,
    AnalyzerInfo,
    Article,
    Comment,
    DocumentInfo,
    Span,
    ThreadSummary,
)
from presslens.segment import SegComment, Segmentation, segment, segment_article
from presslens.segment.links import find_links

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_SECONDS",
    "OUTLETS",
    "SEGMENTER",
    "analyze",
    "annotate",
    "component_input",
    "compose_marked_comments",
    "doc_layers",
    "limits_from_env",
]

SEGMENTER = AnalyzerInfo(name="presslens.segment.v1", version=__version__)
OUTLETS = AnalyzerInfo(name="presslens.outlets.v1", version=__version__)
# The per-document bounds: time, checked between chunks and components (E082), and length,
# which bounds memory, checked before the analysis starts (E083). See docs/performance.md.
DEFAULT_MAX_SECONDS = 900.0
DEFAULT_MAX_CHARS = 2_000_000
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f\ufffd]")  # no URL holds them; stores refuse NUL
_REPLY_TO = re.compile(r"^@([\w.\-]+(?: [A-Z][\w.\-]*)?)")


def compose_marked_comments(raw: RawDocument) -> tuple[str, Segmentation]:
    """Text and segmentation for a document whose source marked its comments (HTML).

    The article text comes first; each comment follows on its own, after its author's name on
    a line of its own, so the composed text reads like a flattened scrape and every span is
    known without guessing.
    """
    assert raw.comments is not None
    article = segment_article(raw.text)  # the reader separated the comments: none are sought
    parts = [raw.text.rstrip()]
    pos = len(parts[0])
    comments: list[SegComment] = []
    kept: dict[int, int] = {}  # position among the reader's comments → among those kept
    for i, c in enumerate(raw.comments):
        if not c.text.strip():
            continue
        kept[i] = len(comments)
        sep = "\n\n\n"
        author_start = None
        if c.author:
            author_start = pos + len(sep)
            sep += c.author + "\n\n"
        start = pos + len(sep)
        body = c.text.strip()
        parts.append(sep + body)
        pos = start + len(body)
        parent = kept.get(c.parent) if c.parent is not None else None
        comments.append(SegComment(start, pos, c.author, author_start, c.timestamp, None, parent))
    seg = Segmentation(
        title=article.title,
        body_end=len(parts[0]),
        paragraphs=[p for p in article.paragraphs if p[1] <= len(parts[0])],
        comments=comments,
        thread_start=comments[0].start if comments else None,
    )
    return "".join(parts), seg


def _check_url(url: object) -> str | None:
    if url is None:
        return None
    if not isinstance(url, str) or _URL_CONTROL.search(url.strip()):
        raise PresslensError("E015", value=url)
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # an unbalanced [ or a bad port: unparseable, not a crash
        raise PresslensError("E015", value=url) from None
    if parts.scheme not in ("http", "https") or not host:
        raise PresslensError("E015", value=url)
    return url.strip()


def _parseable_url(url: str | None) -> str | None:
    """A reader's URL as given, unless it cannot even be parsed (then E015)."""
    if url is None:
        return None
    if _URL_CONTROL.search(url.strip()):
        raise PresslensError("E015", value=url)
    try:
        urlsplit(url).hostname  # noqa: B018  (parsing it is the check)
    except ValueError:
        raise PresslensError("E015", value=url) from None
    return url


def limits_from_env() -> tuple[float, int]:
    """(max seconds, max characters) per document: PRESSLENS_MAX_SECONDS and
    PRESSLENS_MAX_CHARS, else the defaults. 0 seconds means no time limit."""

    def number(name: str, default: float) -> float:
        raw = os.environ.get(name, "").strip()
        try:
            return float(raw) if raw else default
        except ValueError:
            return default

    seconds = number("PRESSLENS_MAX_SECONDS", DEFAULT_MAX_SECONDS)
    chars = int(number("PRESSLENS_MAX_CHARS", DEFAULT_MAX_CHARS))
    return max(0.0, seconds), max(1, chars)


def _as_raw(document: object, source: str) -> RawDocument:
    if isinstance(document, RawDocument):
        return clean_document(document)
    if isinstance(document, str):
        return clean_document(read_text(document, source))
    if isinstance(document, bytes | bytearray | memoryview):
        return read_document(bytes(document), source)  # decoded like a file would be
    raise PresslensError("E081", kind=type(document).__name__)


def _as_date(published: object) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published.date() if isinstance(published, dt.datetime) else published
    if isinstance(published, str):
        return parse_iso_date(published)
    raise PresslensError("E008", value=published)


def analyze(
    document: str | bytes | RawDocument,
    *,
    published: dt.date | str | None = None,
    url: str | None = None,
    source: str = "<string>",
    nlp: Language | None = None,
    structure_only: bool = False,
    max_seconds: float | None = None,
    max_chars: int | None = None,
) -> Analysis:
    """Analyse one document (raw text, bytes, or a reader's ``RawDocument``).

    ``published`` and ``url`` override what the document's metadata says. ``nlp`` is a
    pipeline from ``load_pipeline()`` (the default pipeline is loaded once and reused);
    ``structure_only`` stops after title, article and comment thread. ``max_seconds`` and
    ``max_chars`` bound one document's work (default: ``limits_from_env()``); past them the
    analysis stops with E082 or E083. Many documents: ``presslens.batching.analyze_many``.
    """
    job = _prepare(document, published, url, source, structure_only, max_seconds, max_chars)
    if structure_only:
        return _finish(job, nlp, None)
    return _finish(job, nlp or _default_nlp(), None)


def _default_nlp() -> Language:
    from presslens.pipeline import default_pipeline

    return default_pipeline()


@dataclass(slots=True)
class _Job:
    """A document read, segmented and described, waiting for its layers."""

    raw: RawDocument
    text: str
    seg: Segmentation
    article: Article
    comments: list[Comment]
    info: DocumentInfo
    structure_only: bool
    limit_s: float
    started: float
    model_input: str | None = None  # what the spaCy model reads, when layers will run
    parsed: Doc | None = None

    def check(self) -> None:
        elapsed = time.monotonic() - self.started
        if self.limit_s and elapsed > self.limit_s:
            raise PresslensError(
                "E082",
                source=self.raw.source,
                seconds=f"{elapsed:.1f}",
                limit=f"{self.limit_s:g}",
            )

    def reset_clock(self) -> None:
        self.started = time.monotonic()


def _prepare(
    document: str | bytes | RawDocument,
    published: dt.date | str | None,
    url: str | None,
    source: str,
    structure_only: bool,
    max_seconds: float | None,
    max_chars: int | None,
) -> _Job:
    """Everything before the spaCy pipeline: reading, segmentation, languages, metadata."""
    started = time.monotonic()
    env_seconds, env_chars = limits_from_env()
    limit_s = env_seconds if max_seconds is None else max_seconds
    limit_c = env_chars if max_chars is None else max_chars
    raw = _as_raw(document, source)
    if not raw.text.strip():
        raise PresslensError("E003", source=raw.source)
    published = _as_date(published)
    url = _check_url(url) or _parseable_url(raw.url)
    archive = raw.extra.get("archive")
    if url:
        from presslens.outlets.domains import unarchive

        url, found = unarchive(url)  # an archive's copy is the archived outlet's page
        archive = found or archive
    if len(raw.text) > limit_c:
        raise PresslensError("E083", source=raw.source, chars=len(raw.text), limit=limit_c)

    if raw.comments is not None:
        text, seg = compose_marked_comments(raw)
    else:
        text, seg = raw.text, segment(raw.text)

    title_span = Span(start=seg.title[0], end=seg.title[1]) if seg.title else None
    body_start = seg.paragraphs[0][0] if seg.paragraphs else seg.body_end
    article = Article(
        title=text[seg.title[0] : seg.title[1]] if seg.title else None,
        title_span=title_span,
        body_span=Span(start=body_start, end=seg.body_end),
        paragraphs=[Span(start=s, end=e) for s, e in seg.paragraphs],
        links=find_links(text, 0, seg.body_end),
    )
    comments = [_comment(text, i, c) for i, c in enumerate(seg.comments)]
    # structure only stays cheap (~2 ms a document and 0.2 ms a comment saved): no language
    doc_lang, comments = (None, comments) if structure_only else _languages(text, seg, comments)
    site = raw.site or (urlsplit(url).hostname if url else None)
    if archive and url and (site or "").removeprefix("www.") in (archive, "archive.org"):
        site = urlsplit(url).hostname  # the archive's host names the archive, not the outlet
    info = DocumentInfo(
        source=raw.source,
        source_format=raw.source_format,
        content_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        url=url,
        site=site,
        published=published or raw.published,
        published_source="given" if published else ("metadata" if raw.published else "none"),
        author=raw.author,
        language=doc_lang[0] if doc_lang else "en",
        language_confidence=doc_lang[1] if doc_lang else None,
        archive=archive,
    )
    return _Job(raw, text, seg, article, comments, info, structure_only, limit_s, started)


def _model_input(job: _Job) -> str | None:
    """What the spaCy model will read of the document; None when no layer runs on it."""
    if job.structure_only or job.info.language != "en":
        return None
    english = [c for c in job.comments if c.language in (None, "en")]
    return component_input(job.text, job.seg, english, _foreign(job.comments))[2]


def _finish(job: _Job, nlp: Language | None, parsed: Doc | None) -> Analysis:
    """The spaCy pipeline (unless ``parsed`` already holds the model's parse) and the
    ``Analysis``."""
    text, seg, comments, info = job.text, job.seg, job.comments, job.info
    authors: dict[str, int] = {}
    for c in comments:
        if c.author:
            authors[c.author] = authors.get(c.author, 0) + 1
    layers: dict[str, Any] = {}
    analyzers = [SEGMENTER]
    not_run: list[str] = []
    if not job.structure_only:
        assert nlp is not None
        not_run = _not_run(nlp, info.language, comments)
        if info.language == "en":
            english = [c for c in comments if c.language in (None, "en")]
            layers, ran = run_components(
                nlp, text, seg, english, info, _foreign(comments), check=job.check, parsed=parsed
            )
            analyzers.extend(ran)
        from presslens.outlets import lookup_outlet

        layers["outlet"] = lookup_outlet(info.url or info.site)
        analyzers.append(OUTLETS)
    analysis = Analysis(
        presslens_version=__version__,
        document=info,
        text=text,
        article=job.article,
        comments=comments,
        thread=ThreadSummary(
            comments=len(comments),
            with_author=sum(c.author is not None for c in comments),
            authors=authors,
            links=sum(len(c.links) for c in comments),
        ),
        analyzers=analyzers,
        warnings=list(job.raw.warnings) + _not_run_warnings(not_run),
        not_run=not_run,
        **layers,
    )
    if job.structure_only:
        return analysis
    from presslens.signals import build_card

    # the card reads every other layer, so it is built from the finished analysis
    return analysis.model_copy(update={"signals": build_card(analysis)})


def _languages(
    text: str, seg: Segmentation, comments: list[Comment]
) -> tuple[tuple[str, float] | None, list[Comment]]:
    """The document's language (from title and article) and each comment's; a comment the
    detector cannot tell keeps the document's, without a confidence of its own."""
    from presslens.language import detect

    start = seg.title[0] if seg.title else 0
    found = detect(text[start : seg.body_end])
    doc = found[0] if found else "en"
    out = []
    for c in comments:
        own = detect(c.text)
        update = {"language": own[0], "language_confidence": own[1]} if own else {"language": doc}
        out.append(c.model_copy(update=update))
    return found, out


def _foreign(comments: list[Comment]) -> list[tuple[int, int]]:
    return [(c.span.start, c.span.end) for c in comments if c.language not in (None, "en")]


def _not_run(nlp: Language, language: str, comments: list[Comment]) -> list[str]:
    """What the English-only layers skip: everything on a non-English document, the
    comments in another language on an English one (per comment)."""
    from presslens.language import ENGLISH_ONLY
    from presslens.pipeline import presslens_pipes

    names = [_analyzer(f, c) for _, f, c in presslens_pipes(nlp) if f in ENGLISH_ONLY]
    if language != "en":
        return [f"{name}: language {language}" for name in names]
    foreign = sorted({c.language for c in comments if c.language not in (None, "en")})
    ids = {lang: [c.id for c in comments if c.language == lang] for lang in foreign}
    return [
        f"{name} on comments {', '.join(ids[lang])}: language {lang}"
        for lang in foreign
        for name in names
    ]


def _not_run_warnings(not_run: list[str]) -> list[str]:
    """One report line per reason: "not run: language de (presslens.quotes.v1, …)", "not run
    on comments c2, c5: language fr (…)"."""
    by_reason: dict[str, list[str]] = {}
    for entry in not_run:
        layer = entry.split(maxsplit=1)[0].rstrip(":")
        by_reason.setdefault(entry[len(layer) :], []).append(layer)
    return [f"not run{reason} ({', '.join(layers)})" for reason, layers in by_reason.items()]


def run_components(
    nlp: Language,
    text: str,
    seg: Segmentation,
    comments: list[Comment],
    info: DocumentInfo,
    blank: list[tuple[int, int]] | None = None,
    check: Callable[[], None] | None = None,
    parsed: Doc | None = None,
) -> tuple[dict[str, Any], list[AnalyzerInfo]]:
    """Run the spaCy pipeline over the document and collect each layer's output from the
    Doc (``annotate``, then ``doc_layers``)."""
    doc = annotate(nlp, text, seg, comments, info, blank, check, parsed)
    return doc_layers(nlp, doc)


def annotate(
    nlp: Language,
    text: str,
    seg: Segmentation,
    comments: list[Comment],
    info: DocumentInfo,
    blank: list[tuple[int, int]] | None = None,
    check: Callable[[], None] | None = None,
    parsed: Doc | None = None,
) -> Doc:
    """The document as a spaCy Doc, through the model and every presslens component: the
    context on ``doc._.presslens``, each layer's output on its ``doc._.presslens_*``.

    ``blank`` spans (comments in another language) are replaced by spaces, offsets kept, so
    that no English-only layer reads them; ``comments`` should then leave them out. The
    model's own pipes read the text in bounded chunks (``pipeline.parse``); ``check`` runs
    after every chunk and component, and raises to stop a document over its limit.
    ``parsed``: the model's parse of ``component_input(...)[2]``, made beforehand (in a
    batch of documents); only the presslens components then run.
    """
    from presslens.analyzers.context import DocContext, ensure_extensions
    from presslens.pipeline import parse, presslens_pipes

    text, authors, model_input = component_input(text, seg, comments, blank)
    ensure_extensions()
    ctx = DocContext(
        published=info.published,
        url=info.url,
        original_text=text,
        outlet_country=_outlet_country(info.url),
        body_end=seg.body_end,
        paragraphs=([seg.title] if seg.title else []) + list(seg.paragraphs),
        comments=[(c.span.start, c.span.end, c.id) for c in comments],
        author_spans=authors,
        comment_authors={c.id: c.author for c in comments},
        comment_links={c.id: [link.host for link in c.links] for c in comments},
    )
    doc = parse(nlp, model_input, check=check) if parsed is None else parsed
    doc._.presslens = ctx
    for _, _, proc in presslens_pipes(nlp):  # by factory: a pipe's name is the user's
        doc = proc(doc)
        if check is not None:
            check()
    return doc


def doc_layers(nlp: Language, doc: Doc) -> tuple[dict[str, Any], list[AnalyzerInfo]]:
    """Each presslens layer's ``Analysis`` fields, read from the processed Doc: every
    ``doc._.presslens_<field>`` attribute its factory ``assigns``, and the analysers that
    ran (the spaCy model first)."""
    from spacy.language import Language

    from presslens.analyzers.context import layer_fields
    from presslens.pipeline import presslens_pipes

    layers: dict[str, Any] = {}
    ran: list[AnalyzerInfo] = []
    model = nlp.meta.get("name")
    if model and model != "pipeline":
        ran.append(AnalyzerInfo(name=f"spacy.{model}", version=str(nlp.meta.get("version"))))
    for _, factory, component in presslens_pipes(nlp):
        ran.append(AnalyzerInfo(name=_analyzer(factory, component), version=__version__))
        assigns = Language.get_factory_meta(factory).assigns
        for field, attr in layer_fields(assigns).items():
            value = doc._.get(attr)
            if value is not None:
                # a Doc read back from a DocBin holds tuples where lists were written
                layers[field] = list(value) if isinstance(value, tuple) else value
    return layers, ran


def _analyzer(factory: str, component: object) -> str:
    """The versioned analyser name a component records (``presslens.quotes.v1``)."""
    return str(getattr(component, "analyzer", factory))


def component_input(
    text: str,
    seg: Segmentation,
    comments: list[Comment],
    blank: list[tuple[int, int]] | None = None,
) -> tuple[str, list[tuple[int, int]], str]:
    """What the components read (``text`` with the ``blank`` spans as spaces), the
    commenters' name lines, and what the spaCy model reads (``mentions.model_text``)."""
    from presslens.analyzers.mentions import model_text

    if blank:
        chars = list(text)
        for s, e in blank:
            chars[s:e] = " " * (e - s)
        text = "".join(chars)
    authors = [
        (c.author_span.start, c.author_span.end) for c in comments if c.author_span is not None
    ]
    return text, authors, model_text(text, seg.title, authors)


def _outlet_country(url: str | None) -> str | None:
    """The country of a country-code top-level domain (.ru → RU, .uk → GB)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    tld = host.rsplit(".", 1)[-1]
    if len(tld) != 2 or not tld.isalpha():
        return None
    return "GB" if tld == "uk" else tld.upper()


def _comment(text: str, index: int, c: SegComment) -> Comment:
    body = text[c.start : c.end]
    reply = _REPLY_TO.match(body)
    return Comment(
        id=f"c{index + 1}",
        index=index,
        author=c.author,
        author_span=(
            Span(start=c.author_start, end=c.author_start + len(c.author))
            if c.author and c.author_start is not None
            else None
        ),
        timestamp=c.timestamp,
        reply_to=reply.group(1) if reply else c.reply_to,
        parent=f"c{c.parent + 1}" if c.parent is not None else None,
        span=Span(start=c.start, end=c.end),
        text=body,
        links=find_links(text, c.start, c.end),
    )
