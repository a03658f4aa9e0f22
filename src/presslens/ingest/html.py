"""HTML pages: article text and metadata through trafilatura, comments from their markup.

When the page marks its comments (WordPress comment lists, schema.org ``Comment`` microdata or
JSON-LD, widgets whose repeated blocks carry author and text classes), each comment is kept
apart with its author and time, and removed from the page before the article is extracted.
Otherwise any comment text trafilatura finds is appended after the article, after a blank
line, for the flattened-text segmenter to split. Nothing is ever fetched.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from presslens.errors import PresslensError
from presslens.ingest.document import RawComment, RawDocument

__all__ = ["page_text", "read_html"]

Element = Any  # lxml.html.HtmlElement (lxml ships no type information)
Found = tuple[list[RawComment], list[Element]]

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WORD = re.compile(r"\w")
_SAYS = re.compile(r"\s+says:?$", re.IGNORECASE)
_BLOCK = frozenset(
    "p div li ul ol dl dt dd blockquote pre h1 h2 h3 h4 h5 h6 section article header footer "
    "aside table tr figure figcaption hr address details summary".split()
)
_SKIP = frozenset(
    "script style noscript template form button textarea select input svg iframe object head "
    "title meta link".split()
)
# Parts of a comment block that are not its text (WordPress, then generic substrings).
_WP_NOISE = frozenset(
    "comment-author comment-meta comment-metadata reply comment-reply-link "
    "vcard avatar says".split()
)
_NOISE = "author user name date time meta reply action avatar vote like share report".split()
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _has(token: str) -> str:
    return f"[contains(concat(' ', normalize-space(@class), ' '), ' {token} ')]"


def _cls(el: Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def _line(value: str) -> str:
    return " ".join(value.split())


def _text(el: Element, skip: Callable[[Element], bool] | None = None) -> str:
    """Visible text of ``el``: blocks become paragraphs (a blank line between), ``<br>`` a line."""
    parts: list[str] = []
    skipped: Element = None  # a skipped element's "end" event comes right after its "start"
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if event == "start":
            if node is not el and (not tag or tag in _SKIP or (skip and skip(node))):
                walker.skip_subtree()
                skipped = node
                continue
            parts.append("\n\n" if tag in _BLOCK else "\n" if tag == "br" else "")
            parts.append(re.sub(r"\s+", " ", node.text or ""))
        else:
            if node is not skipped:
                parts.append("\n\n" if tag in _BLOCK else "")
            if node is not el:
                parts.append(re.sub(r"\s+", " ", node.tail or ""))
    lines = "\n".join(_line(ln) for ln in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", lines).strip()


def _value(el: Element) -> str:
    """The value of a microdata property or a time element: visible text, else its attribute."""
    text = _line(_text(el)) if el.tag not in ("meta", "link") else ""
    return text or _line(el.get("content") or el.get("datetime") or "")


class _Blocks:
    """Comment blocks found on the page, each owning the elements nearest to it."""

    def __init__(self, blocks: list[Element]) -> None:
        self.blocks = blocks
        self.ids = {id(b) for b in blocks}

    def owner(self, el: Element) -> int | None:
        return next((id(a) for a in el.iterancestors() if id(a) in self.ids), None)

    def own(self, block: Element, xpaths: tuple[str, ...]) -> Iterator[Element]:
        for xp in xpaths:
            yield from (e for e in block.xpath(xp) if e is block or self.owner(e) == id(block))

    def first(self, block: Element, xpaths: tuple[str, ...], limit: int = 120) -> str | None:
        values = (_value(e) for e in self.own(block, xpaths))
        return next((v for v in values if v and len(v) <= limit), None)

    def body(self, block: Element, xpaths: tuple[str, ...], noise: Callable[[str], bool]) -> str:
        def skip(node: Element) -> bool:
            return id(node) in self.ids or noise(_cls(node))

        own = (e for e in self.own(block, xpaths) if e is block or not skip(e))
        texts = (_text(e, skip) for e in own)
        return next((t for t in texts if _WORD.search(t)), "")

    def comments(
        self,
        text: tuple[str, ...],
        author: tuple[str, ...],
        time: tuple[str, ...],
        noise: Callable[[str], bool],
    ) -> Found:
        found: Found = ([], [])
        for block in self.blocks:
            body = self.body(block, text, noise)
            if body:
                name = self.first(block, author)
                name = _SAYS.sub("", name).strip() or None if name else None
                found[0].append(RawComment(body, name, self.first(block, time, 80)))
                found[1].append(block)
        return found


def _xps(template: str, words: str) -> tuple[str, ...]:
    return tuple(template.format(w) for w in words.split())


def _wordpress(tree: Element) -> Found:
    blocks = _Blocks(tree.xpath(f"//*[self::li or self::article or self::div]{_has('comment')}"))
    has = ".//*" + _has("{}")
    return blocks.comments(
        (*_xps(has, "comment-content comment-text comment-body"), "."),
        (f"{has.format('comment-author')}//*{_has('fn')}", f".//cite{_has('fn')}",
         has.format("comment-author")),
        (f"{has.format('comment-metadata')}//time", ".//time[@datetime]",
         f"{has.format('comment-meta')}//a"),
        lambda c: bool(_WP_NOISE & set(c.split())),
    )  # fmt: skip


def _microdata(tree: Element) -> Found:
    items = tree.xpath("//*[@itemtype]")
    types = (str(e.get("itemtype")).split() for e in items)
    ok = [e for e, t in zip(items, types, strict=True) if any(u.rstrip("/").endswith(
        "schema.org/Comment") for u in t)]  # fmt: skip
    prop = ".//*[contains(concat(' ', @itemprop, ' '), ' {} ')]"
    authors = _xps(prop + "//*[@itemprop='name']", "author") + _xps(prop, "author")
    return _Blocks(ok).comments(
        _xps(prop, "text commentText"),
        authors,
        _xps(prop, "dateCreated datePublished"),
        lambda c: False,
    )


def _jsonld(tree: Element) -> Found:
    found: Found = ([], [])
    stack: list[Any] = []
    for script in reversed(tree.xpath("//script[@type='application/ld+json']")):
        try:
            stack.append(json.loads(script.text or ""))
        except ValueError:
            continue
    while stack:  # depth first, in document order
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            kind = item.get("@type")
            if kind == "Comment" or (isinstance(kind, list) and "Comment" in kind):
                text = item.get("text") or item.get("commentText") or item.get("description")
                author = item.get("author")
                author = author[0] if isinstance(author, list) and author else author
                name = author.get("name") if isinstance(author, dict) else author
                stamp = item.get("dateCreated") or item.get("datePublished")
                if isinstance(text, str) and _WORD.search(text):
                    paras = (_line(p) for p in re.split(r"\n\s*\n", text.strip()))
                    name = _line(name) if isinstance(name, str) else None
                    stamp = stamp if isinstance(stamp, str) else None
                    found[0].append(RawComment("\n\n".join(p for p in paras if p), name, stamp))
            stack.extend(reversed(list(item.values())))
    return found


def _generic(tree: Element) -> Found:
    """Repeated blocks under a comment-named container, each with an author and a text part."""
    low = "contains(translate(@{}, 'COMMENT', 'comment'), 'comment')"
    for container in tree.xpath(f"//*[{low.format('class')} or {low.format('id')}]"):
        if container.tag == "form" or any(a.tag == "form" for a in container.iterancestors()):
            continue
        groups: dict[tuple[str, str], list[Element]] = {}
        for child in container.iterchildren("*"):
            groups.setdefault((child.tag, _line(child.get("class") or "")), []).append(child)
        for (tag, klass), members in groups.items():
            if not klass or len(members) < 2:  # a lone block may be a whole list: too unsure
                continue
            same = [e for e in container.iter(tag) if _line(e.get("class") or "") == klass]
            found = _Blocks(same).comments(
                _xps(".//*[contains(@class, '{}')]", "text body content message"),
                _xps(".//*[contains(@class, '{}')]", "author user name"),
                (".//time", ".//*[contains(@class, 'date') or contains(@class, 'time')]"),
                lambda c: any(w in c for w in _NOISE),
            )
            if found[0] and all(c.author for c in found[0]):
                return found
    return [], []


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
            html = lxml.html.document_fromstring(_XML_DECL.sub("", html, count=1), _PARSER)
        except (etree.ParserError, ValueError):
            return ""
    body = html.find("body")
    return _text(body if body is not None else html)


def _marked(tree: Element) -> tuple[list[RawComment], bool]:
    """Comments the page marks one by one, removed from ``tree``; and whether any markup was
    found (a comment section that is not split into comments is removed all the same)."""
    for finder in (_wordpress, _microdata, _jsonld, _generic):
        found, elements = finder(tree)
        if found:
            for el in elements:
                if el.getparent() is not None:
                    el.drop_tree()
            return found, True
    return [], False


def _extract(html: str, url: str | None, **options: Any) -> dict[str, Any]:
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
        **options,
    )
    return extracted.as_dict() if isinstance(extracted, Document) else {}


def _lines(value: str | None) -> list[str]:
    return [_line(ln) for ln in (value or "").split("\n") if ln.strip()]


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
        clean = _XML_DECL.sub("", html, count=1)
        tree = lxml.html.document_fromstring(clean, parser=_PARSER)
        comments, marked = _marked(tree)
        # trafilatura reads a string it parses itself: handing it our parsed tree loses text
        article_html = lxml.html.tostring(tree, encoding="unicode") if marked else clean
        data = _extract(article_html, url, favor_precision=True)
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
    title = _line(data.get("title") or page_title or "") or None
    if title and lines and lines[0] == title:
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    if comments:
        said = {_line(p) for c in comments for p in c.text.split("\n")}
        lines = [ln for ln in lines if ln not in said]
    if not any(_WORD.search(ln) for ln in [*lines, title or ""]) and not comments:
        raise PresslensError("E003", source=source)
    title = title or (lines.pop(0) if lines else None)
    text = "\n\n".join([title or "", *lines]).strip()
    return RawDocument(
        text=text + "\n",
        source=source,
        source_format="html",
        title=title,
        url=data.get("url") or url,
        published=published,
        author=data.get("author") or None,
        site=data.get("sitename") or data.get("hostname") or None,
        # a page is never searched for comments by guessing: those not marked are not there
        comments=tuple(comments),
        warnings=tuple(warnings),
    )
