"""Comments a page marks one by one: schema.org microdata and JSON-LD, comment-classed blocks
(WordPress, Disqus and many themes), widgets of repeated blocks under a comment container.

Each comment keeps its text alone: the author's name, the time, "Reply", "Like", vote counts
and share buttons go to fields or are dropped; a reply nested in another comment's block
names that comment as its parent. Where nothing is marked, nothing is returned: comments are
never guessed from the page's prose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from presslens.ingest.document import RawComment
from presslens.ingest.markup import WORD, Element, classes, has_class, one_line, value_of
from presslens.ingest.markup import visible_text as text_of
from presslens.segment.patterns import TIMESTAMP

__all__ = ["Found", "find_comments", "tidy"]

Found = tuple[list[RawComment], list[Element]]

_SAYS = re.compile(r"\s+says:?$", re.IGNORECASE)
# Class tokens (exact) and token parts (substrings) of a comment block's non-text parts.
_NOISE_TOKENS = frozenset(
    "comment-author comment-meta comment-metadata commentmetadata vcard says author username "
    "user-name author-name comment-author-name date time timestamp comment-date meta fn "
    "avatar author-img rating votes vote likes like actions comment-actions comment-footer "
    "comment-header byline".split()
)
_NOISE_PARTS = ("reply", "avatar", "share", "vote", "rating", "report", "like-", "-like")
# Whole lines inside a comment's text that are buttons or counters, never what was said.
_CHROME_LINE = re.compile(
    r"^(?:reply|like|liked|unlike|share|report|flag|edit|delete|permalink|quote|loading\W*"
    r"|(?:like)?liked by \d+ (?:people|person|others?)|\d+ (?:likes?|replies|votes?|points?)"
    r"|rating: ?-?\d+ votes?|upvote|downvote|show more|read more|hide repl(?:y|ies)"
    r"|view \d+ (?:more )?repl(?:y|ies)|report (?:abuse|comment)|in reply to .{1,60}"
    r"|(?:\d+ )?comments?|submit|post comment|cancel reply)$",
    re.IGNORECASE,
)
_GENERIC_NOISE = (
    "author user name date time meta reply action avatar vote like share report".split()
)
_PROP = ".//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' {} ')]"
_HAS = ".//*" + has_class("{}")


def _xps(template: str, words: str) -> tuple[str, ...]:
    return tuple(template.format(w) for w in words.split())


_TEXT = (
    *_xps(_PROP, "commentText text"),
    *_xps(_HAS, "comment-content comment-text comment-body post-message content text message"),
    ".",
)
_AUTHOR = (
    *_xps(_PROP + "//*[@itemprop='name']", "author creator"),
    *_xps(_PROP, "author creator"),
    f"{_HAS.format('comment-author')}//*{has_class('fn')}",
    f".//cite{has_class('fn')}",
    *_xps(_HAS, "fn comment-author author username user-name author-name comment-author-name"),
)
_TIME = (
    f"{_HAS.format('comment-metadata')}//time",
    ".//time[@datetime]",
    *_xps(_PROP, "dateCreated commentTime datePublished"),
    ".//time",
    *_xps(_HAS, "date comment-date time timestamp"),
    f"{_HAS.format('comment-meta')}//a",
    f"{_HAS.format('commentmetadata')}//a",
)


def _noise(klass: str) -> bool:
    tokens = set(klass.split())
    return bool(_NOISE_TOKENS & tokens) or any(p in t for t in tokens for p in _NOISE_PARTS)


def tidy(text: str, author: str | None, stamp: str | None) -> str:
    """A comment's text without lines that repeat its author or time, or are buttons."""
    drop = {one_line(v).casefold() for v in (author, stamp) if v}
    kept = []
    for para in text.split("\n\n"):
        lines = [
            ln
            for ln in para.split("\n")
            if ln.strip()
            and ln.strip().casefold() not in drop
            and not _CHROME_LINE.match(ln.strip())
            and not TIMESTAMP.match(ln.strip())
            and not (author and _SAYS.sub("", ln.strip()) == author)
        ]
        if lines:
            kept.append("\n".join(lines))
    return "\n\n".join(kept)


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
        values = (value_of(e) for e in self.own(block, xpaths))
        return next((v for v in values if v and len(v) <= limit), None)

    def body(self, block: Element, xpaths: tuple[str, ...], noise: Callable[[str], bool]) -> str:
        def skip(node: Element) -> bool:
            return id(node) in self.ids or noise(classes(node))

        own = (e for e in self.own(block, xpaths) if e is block or not skip(e))
        texts = (text_of(e, skip) for e in own)
        return next((t for t in texts if WORD.search(t)), "")

    def comments(
        self,
        text: tuple[str, ...] = _TEXT,
        author: tuple[str, ...] = _AUTHOR,
        time: tuple[str, ...] = _TIME,
        noise: Callable[[str], bool] = _noise,
        need: Callable[[Element, str | None, str | None], bool] = lambda b, a, t: True,
    ) -> Found:
        found: Found = ([], [])
        index: dict[int, int] = {}  # id of an accepted block → its comment's position
        for block in self.blocks:
            name = self.first(block, author)
            name = _SAYS.sub("", name).strip() or None if name else None
            stamp = self.first(block, time, 80)
            body = tidy(self.body(block, text, noise), name, stamp)
            if not body or not need(block, name, stamp):
                continue
            parent = self.owner(block)
            index[id(block)] = len(found[0])
            found[0].append(RawComment(body, name, stamp, index.get(parent or 0)))
            found[1].append(block)
        return found


def _in_comment_section(block: Element) -> bool:
    # <body class="comments-open"> (WordPress) says nothing about where the comments are
    return any(
        "comment" in classes(a) for a in block.iterancestors() if a.tag not in ("body", "html")
    )


def _classed(tree: Element) -> Found:
    """Blocks classed ``comment`` (WordPress and most themes) or Disqus posts."""
    blocks = tree.xpath(
        f"//*[self::li or self::article or self::div]{has_class('comment')}"
        f" | //*[@id='disqus_thread']//li{has_class('post')}"
    )
    # an editorial "Comment" box in the article has neither an author, a time, nor a section
    return _Blocks(blocks).comments(need=lambda b, a, t: bool(a or t) or _in_comment_section(b))


def _microdata(tree: Element) -> Found:
    items = tree.xpath("//*[@itemtype]")
    types = (str(e.get("itemtype")).split() for e in items)
    kinds = ("schema.org/Comment", "schema.org/UserComments")
    ok = [
        e
        for e, t in zip(items, types, strict=True)
        if any(u.rstrip("/").endswith(kinds) for u in t)
    ]
    return _Blocks(ok).comments(_xps(_PROP, "text commentText"), _AUTHOR, _TIME, lambda c: False)


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
                if isinstance(text, str) and WORD.search(text):
                    paras = (one_line(p) for p in re.split(r"\n\s*\n", text.strip()))
                    name = one_line(name) if isinstance(name, str) else None
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
            groups.setdefault((child.tag, one_line(child.get("class") or "")), []).append(child)
        for (tag, klass), members in groups.items():
            if not klass or len(members) < 2:  # a lone block may be a whole list: too unsure
                continue
            same = [e for e in container.iter(tag) if one_line(e.get("class") or "") == klass]
            found = _Blocks(same).comments(
                _xps(".//*[contains(@class, '{}')]", "text body content message"),
                _xps(".//*[contains(@class, '{}')]", "author user name"),
                (".//time", ".//*[contains(@class, 'date') or contains(@class, 'time')]"),
                lambda c: any(w in c for w in _GENERIC_NOISE),
            )
            if found[0] and all(c.author for c in found[0]):
                return found
    return [], []


def find_comments(tree: Element) -> Found:
    """The page's marked comments and their elements (to remove before the article is read)."""
    for finder in (_microdata, _classed, _jsonld, _generic):
        found = finder(tree)
        if found[0]:
            return found
    return [], []
