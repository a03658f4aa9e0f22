"""HTML pages: article text and metadata through trafilatura, comments from their markup.

When the page marks its comments (WordPress comment lists, schema.org ``Comment`` microdata or
JSON-LD, widgets whose repeated blocks carry author and text classes), each comment is kept
apart with its author and time, and removed from the page before the article is extracted.
Otherwise any comment text trafilatura finds is appended after the article, after a blank
line, for the flattened-text segmenter to split. Nothing is ever fetched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from presslens.errors import PresslensError
from presslens.ingest.document import RawComment, RawDocument
from presslens.ingest.html_comments import find_comments
from presslens.ingest.markup import PARSER, WORD, XML_DECL, Element, one_line, visible_text

__all__ = ["page_text", "read_html"]


_DATE_META = [f"//meta[@{a}='{n}']/@content" for n in (
    "article:published_time", "og:published_time", "datePublished", "date", "pubdate",
    "publish-date", "dc.date", "DC.date.issued") for a in ("property", "name", "itemprop")
] + ["//time[@itemprop='datePublished']/@datetime"]  # fmt: skip


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def _published(tree: Element, fallback: object) -> dt.date | None:
    """The date a publication meta tag states; trafilatura's reading only when there is none."""
    stated = next((str(v) for xp in _DATE_META for v in tree.xpath(xp)), None)
    return _date(stated if stated is not None else fallback)


def page_text(html: str | Element) -> str:
    """Every visible text of a page (scripts, styles and form fields left out), blocks as
    paragraphs: the last fallback when no extractor finds an article."""
    if isinstance(html, str):
        try:
            html = lxml.html.document_fromstring(XML_DECL.sub("", html, count=1), PARSER)
        except (etree.ParserError, ValueError):
            return ""
    body = html.find("body")
    return visible_text(body if body is not None else html)


def _marked(tree: Element) -> tuple[list[RawComment], bool]:
    """Comments the page marks one by one, removed from ``tree``; and whether any markup was
    found (a comment section that is not split into comments is removed all the same)."""
    found, elements = find_comments(tree)
    return found, _drop(elements)


def _drop(elements: list[Element]) -> bool:
    """Remove ``elements`` from their tree (one inside another already removed is gone with
    it); whether there were any."""
    for el in elements:
        if el.getparent() is not None:
            el.drop_tree()
    return bool(elements)


# Hover cards: a person's card with photo, full name and headlines of other stories, set
# inside the paragraph that names the person and shown only under the pointer ("Gov.
# Kristi Noem" read as "Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down …").
# The card sits inside the wrapper that holds the visible name, both classed alike
# ("rollover-people" > "rollover-people-block"): only the inner one goes, so the name stays.
_CARD_CLASS = (
    "(contains(@class, 'rollover') or contains(@class, 'tooltip')"
    " or contains(@class, 'popover') or contains(@class, 'hovercard'))"
)
# the visible name is a link classed alike ("rollover-people-link"): links stay
_HOVER_CARD = f"//*[not(self::a)][{_CARD_CLASS}][ancestor::*[{_CARD_CLASS}]]"


def _hover_cards(tree: Element) -> bool:
    """Remove the hover cards of ``tree``; whether there were any."""
    return _drop(tree.xpath(_HOVER_CARD))


def _metadata(tree: Element, url: str | None) -> dict[str, Any]:
    """Title, address, author, site and date by trafilatura's own rules, without the parts
    presslens does not use (categories, tags, licence): a quarter of the reading time."""
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a one-word meta author is a handle or a site, as trafilatura says
    # trafilatura's JSON-LD reader has bugs of its own (it says so); the rest still holds
    with contextlib.suppress(Exception):
        meta = extract_meta_json(tree, meta)
    return {
        "title": meta.title or extract_title(tree),
        "author": meta.author or extract_author(tree),
        "url": meta.url or extract_url(tree, url),
        "sitename": meta.sitename or extract_sitename(tree),
        "date": find_date(tree, url=url, extensive_search=False, original_date=True),
    }


def _extract(html: str, url: str | None, **options: Any) -> dict[str, Any]:
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        **options,
    )
    return extracted.as_dict() if isinstance(extracted, Document) else {}


def _og_url(tree: Element) -> str | None:
    """The page's own address from its og:url, when trafilatura found no canonical link."""
    found = tree.xpath("//meta[@property='og:url']/@content")
    value = str(found[0]).strip() if found else ""
    return value if value.startswith(("http://", "https://")) else None


def _lines(value: str | None) -> list[str]:
    return [one_line(ln) for ln in (value or "").split("\n") if ln.strip()]


def read_html(html: str, source: str, *, url: str | None = None) -> RawDocument:
    """Read one HTML page (never fetching anything it links to).

    The article is trafilatura's precise extraction of the page with its marked comments
    taken out; when that finds nothing, a recall-oriented extraction of the raw page, then
    the page's plain visible text. E003 only for a page with no text at all.
    """
    if not html.strip():
        raise PresslensError("E003", source=source)
    warnings: list[str] = []
    try:
        clean = XML_DECL.sub("", html, count=1)
        tree = lxml.html.document_fromstring(clean, parser=PARSER)
        comments, marked = _marked(tree)
        carded = _hover_cards(tree)
        # trafilatura reads a string it parses itself: handing it our parsed tree loses text
        edited = marked or carded
        article_html = lxml.html.tostring(tree, encoding="unicode") if edited else clean
        data = {**_extract(article_html, url, favor_precision=True), **_metadata(tree, url)}
        lines = _lines(data.get("text"))
        if not lines:
            lines = _lines(trafilatura.extract(clean, favor_recall=True, include_comments=False))
            if not lines:
                lines = _lines(page_text(tree))
                if lines:
                    warnings.append("no article found by the extractors: the page's whole text")
        published = _published(tree, data.get("date"))
    except etree.ParserError as exc:  # lxml's "Document is empty": only markup debris
        raise PresslensError("E003", source=source) from exc
    except Exception as exc:  # lxml and trafilatura raise many kinds; none may escape
        reason = f"the HTML could not be parsed: {type(exc).__name__}: {exc}"
        raise PresslensError("E017", source=source, reason=reason) from exc
    page_title = tree.findtext(".//title") if not lines else None  # comments only
    title = one_line(data.get("title") or page_title or "") or None
    if title and lines and lines[0] == title:
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    if comments:
        said = {one_line(p) for c in comments for p in c.text.split("\n")}
        lines = [ln for ln in lines if ln not in said]
    if not any(WORD.search(ln) for ln in [*lines, title or ""]) and not comments:
        raise PresslensError("E003", source=source)
    title = title or (lines.pop(0) if lines else None)
    text = "\n\n".join([title or "", *lines]).strip()
    return RawDocument(
        text=text + "\n",
        source=source,
        source_format="html",
        title=title,
        url=data.get("url") or _og_url(tree) or url,
        published=published,
        author=data.get("author") or None,
        site=data.get("sitename") or data.get("hostname") or None,
        # a page is never searched for comments by guessing: those not marked are not there
        comments=tuple(comments),
        warnings=tuple(warnings),
    )
