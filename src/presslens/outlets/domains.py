"""From a URL or site name to the registered domain a reliability list would rate.

``www.``, mobile and language subdomains fall away (``en.m.example.co.uk`` →
``example.co.uk``) by the Public Suffix List bundled with ``tldextract`` — read from the
package, never fetched. URL shorteners are left as they are: the outlet behind a bit.ly link
is unknown until the link is followed, and presslens does not follow links.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import tldextract

__all__ = ["SHORTENERS", "candidate_keys", "host_of", "registered_domain"]

SHORTENERS = frozenset(
    "bit.ly t.co goo.gl tinyurl.com ow.ly buff.ly is.gd dlvr.it ift.tt fb.me youtu.be"
    " lnkd.in trib.al rebrand.ly shorturl.at cutt.ly t.me tiny.cc s.id rb.gy".split()
)


@functools.cache
def _extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() keeps it offline: the snapshot shipped inside the package is used
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def host_of(url_or_site: str) -> str | None:
    """The lower-cased host name of a URL, or of a bare site name ("www.Example.org")."""
    value = url_or_site.strip()
    if not value:
        return None
    if "//" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def registered_domain(url_or_site: str) -> str | None:
    """``https://www.bbc.co.uk/news`` → ``bbc.co.uk``; None when there is no public suffix
    (an IP address, "localhost")."""
    host = host_of(url_or_site)
    if host is None:
        return None
    parts = _extractor()(host)
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}"


def candidate_keys(url_or_site: str) -> list[str]:
    """Keys to look a URL up by, most specific first: the host without ``www.``, then each
    parent down to the registered domain (lists rate ``abcnews.go.com`` apart from
    ``go.com``)."""
    host = host_of(url_or_site)
    domain = registered_domain(url_or_site)
    if host is None or domain is None:
        return []
    host = host.removeprefix("www.")
    keys = [host]
    while host != domain and "." in host:
        host = host.split(".", 1)[1]
        keys.append(host)
    return keys
