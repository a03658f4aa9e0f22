"""Shared helpers for reading HTML: the parser, visible text, class look-ups."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import lxml.html
from lxml import etree

__all__ = ["PARSER", "WORD", "XML_DECL", "Element", "classes", "has_class", "one_line",
           "value_of", "visible_text"]  # fmt: skip

Element = Any  # lxml.html.HtmlElement (lxml ships no type information)

PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
WORD = re.compile(r"\w")
_BLOCK = frozenset(
    "p div li ul ol dl dt dd blockquote pre h1 h2 h3 h4 h5 h6 section article header footer "
    "aside table tr figure figcaption hr address details summary".split()
)
_SKIP = frozenset(
    "script style noscript template form button textarea select input svg iframe object head "
    "title meta link".split()
)


def has_class(token: str) -> str:
    """An XPath predicate: the element's class list holds ``token``."""
    return f"[contains(concat(' ', normalize-space(@class), ' '), ' {token} ')]"


def classes(el: Element) -> str:
    """Class and id of an element, lower-cased, for substring and token tests."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def one_line(value: str) -> str:
    return " ".join(value.split())


def visible_text(el: Element, skip: Callable[[Element], bool] | None = None) -> str:
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
    lines = "\n".join(one_line(ln) for ln in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", lines).strip()


def value_of(el: Element) -> str:
    """The value of a microdata property or a time element: visible text, else its attribute."""
    text = one_line(visible_text(el)) if el.tag not in ("meta", "link") else ""
    return text or one_line(el.get("content") or el.get("datetime") or "")
