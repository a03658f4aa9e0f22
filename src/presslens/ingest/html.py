"""HTML pages: article text and metadata through trafilatura, comments from their markup.

When the page marks its comments (WordPress comment lists, schema.org ``Comment`` items,
widgets whose blocks carry comment/author/content classes), each comment is kept apart with
its author and time; otherwise any comment text trafilatura finds is appended after the
article for the flattened-text segmenter to split.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from presslens.errors import PresslensError
from presslens.ingest.document import RawComment, RawDocument

__all__ = ["read_html"]

_WS = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")


def _has_class(token: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {token} ')"


# Comment containers, most specific first. Each yields (author xpath, text xpath, time xpath).
_COMMENT_SHAPES: tuple[tuple[str, str, str, str], ...] = (
    (
        f"//*[{_has_class('comment')} and (self::li or self::article or self::div)]",
        f".//*[{_has_class('fn')}] | .//*[{_has_class('comment-author')}]",
        f".//*[{_has_class('comment-content')}] || .//*[{_has_class('comment-text')}]"
        f" || .//*[{_has_class('comment-body')}]",
        f".//time | .//*[{_has_class('comment-metadata')}]//a | .//*[{_has_class('comment-meta')}]",
    ),
    (
        "//*[@itemtype and contains(@itemtype, 'schema.org/Comment')]",
        ".//*[@itemprop='author']//*[@itemprop='name'] | .//*[@itemprop='author']",
        ".//*[@itemprop='text'] || .//*[@itemprop='commentText']",
        ".//*[@itemprop='dateCreated'] | .//time",
    ),
)


def _text(el: Any) -> str:
    parts: list[str] = []
    for node in el.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style"):
            continue
        if tag in ("p", "div", "br", "li", "blockquote") and parts:
            parts.append("\n\n")
        if node.text and tag not in ("script", "style"):
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    joined = _WS.sub(" ", "".join(parts))
    return _BLANKS.sub("\n\n", "\n".join(line.strip() for line in joined.split("\n"))).strip()


def _own(el: Any, container: str) -> bool:
    """Is ``el`` inside the current comment rather than a nested reply?"""
    parent = el.getparent()
    while parent is not None:
        if parent.get("data-presslens-comment") is not None:
            return bool(parent.get("data-presslens-comment") == container)
        parent = parent.getparent()
    return False


def _marked_comments(tree: Any) -> tuple[RawComment, ...] | None:
    for container_xp, author_xp, text_xp, time_xp in _COMMENT_SHAPES:
        nodes = tree.xpath(container_xp)
        for i, node in enumerate(nodes):
            node.set("data-presslens-comment", str(i))
        comments: list[RawComment] = []
        for i, node in enumerate(nodes):
            cid = str(i)
            # "||" separates alternatives tried in order: the most specific content block wins.
            texts = []
            for alternative in text_xp.split(" || "):
                texts = [t for t in node.xpath(alternative) if _own(t, cid)]
                if texts:
                    break
            if not texts:
                continue
            body = _text(texts[0])
            if not body:
                continue
            authors = [a for a in node.xpath(author_xp) if _own(a, cid)]
            times = [t for t in node.xpath(time_xp) if _own(t, cid)]
            author = _WS.sub(" ", authors[0].text_content()).strip() if authors else None
            if author:
                author = re.sub(r"\s+says:?$", "", author).strip() or None
            stamp = _WS.sub(" ", times[0].text_content()).strip() if times else None
            comments.append(RawComment(text=body, author=author, timestamp=stamp or None))
        for node in nodes:
            node.attrib.pop("data-presslens-comment", None)
        if comments:
            return tuple(comments)
    return None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_html(html: str, source: str, *, url: str | None = None) -> RawDocument:
    """Read one HTML page (never fetching anything it links to)."""
    try:
        tree = lxml.html.fromstring(html)
        comments = _marked_comments(tree)
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=comments is None,
            include_tables=True,
            favor_recall=True,
        )
    except (etree.ParserError, ValueError, TypeError) as exc:
        reason = f"the HTML could not be parsed: {exc}"
        raise PresslensError("E017", source=source, reason=reason) from exc
    data: dict[str, Any] = {}
    if isinstance(extracted, dict):
        data = extracted
    elif extracted is not None:
        data = extracted.as_dict()
    title = (data.get("title") or "").strip() or None
    body = (data.get("text") or "").strip()
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    if not lines and not title and not comments:
        raise PresslensError("E003", source=source)
    text = "\n\n".join([title or "(untitled)", *lines])
    if comments is None and (data.get("comments") or "").strip():
        text += "\n\n\n" + _BLANKS.sub("\n\n", data["comments"].strip())
    return RawDocument(
        text=text + "\n",
        source=source,
        source_format="html",
        title=title,
        url=data.get("url") or url,
        published=_date(data.get("date")),
        author=data.get("author") or None,
        site=data.get("sitename") or data.get("hostname") or None,
        comments=comments,
    )
