"""From a URL or site name to the registered domain a reliability list would rate.

``www.``, mobile and language subdomains fall away (``en.m.example.co.uk`` →
``example.co.uk``) by the Public Suffix List bundled with ``tldextract`` — read from the
package, never fetched. URL shorteners are left as they are: the outlet behind a bit.ly link
is unknown until the link is followed, and presslens does not follow links.

A blog on a blogging platform or under a private public suffix (``x.wordpress.com``,
``x.blogspot.com``, ``x.substack.com``, ``medium.com/@x``, ``x.github.io``) is its own
outlet, rated only where a list rates that blog, never by its host. A web-archive copy
(``web.archive.org/web/<time>/<url>``, ``archive.today/<time>/<url>``) is the archived page's
outlet; ``unarchive`` says which archive it came from.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import unquote, urlsplit

import tldextract

__all__ = [
    "ARCHIVES",
    "BLOG_PLATFORMS",
    "SHORTENERS",
    "candidate_keys",
    "host_of",
    "registered_domain",
    "unarchive",
]

SHORTENERS = frozenset(
    "bit.ly t.co goo.gl tinyurl.com ow.ly buff.ly is.gd dlvr.it ift.tt fb.me youtu.be"
    " lnkd.in trib.al rebrand.ly shorturl.at cutt.ly t.me tiny.cc s.id rb.gy".split()
)

# Hosts whose sub-domains (or, on medium.com, first path segments) are separate blogs; the
# bundled Public Suffix List marks some such hosts private, these are missing from it.
BLOG_PLATFORMS = frozenset(
    "wordpress.com blogspot.com blogger.com substack.com medium.com tumblr.com livejournal.com"
    " typepad.com wixsite.com weebly.com ghost.io over-blog.com hashnode.dev home.blog"
    " squarespace.com webnode.com jimdo.com".split()
)
_NOT_A_BLOG = frozenset("www m mobile api public-api en de fr es amp cdn static".split())
_MEDIUM_PAGES = frozenset("p m tag tags topic topics search me membership plans".split())
ARCHIVES = frozenset(
    "web.archive.org wayback.archive.org archive.org archive.today archive.ph archive.is"
    " archive.li archive.vn archive.md archive.fo".split()
)
# the archived address follows a time stamp (Wayback: 20200101000000 with an optional
# id_/if_ flag; archive.today: 2020.01.01-000000, or "newest"/"oldest")
_ARCHIVED = re.compile(
    r"^/(?:web/)?(?:\d{4,14}[a-z_]*|\d{4}\.\d{2}\.\d{2}-\d{6}|newest|oldest|\*)/(?P<url>.+)$"
)


@functools.cache
def _extractor(private: bool = False) -> tldextract.TLDExtract:
    # suffix_list_urls=() keeps it offline: the snapshot shipped inside the package is used
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=private
    )


def unarchive(url: str) -> tuple[str, str | None]:
    """``(archived URL, archive host)`` for a web-archive copy, else ``(url, None)``."""
    host = (host_of(url) or "").removeprefix("www.")
    if host not in ARCHIVES:
        return url, None
    value = url.strip()
    parts = urlsplit(value if "//" in value else "//" + value)
    match = _ARCHIVED.match(unquote(parts.path) + (f"?{parts.query}" if parts.query else ""))
    if not match:
        return url, host  # a short archive.today id: the original address is not in it
    # a slash of "https://" is often lost when the address passes through a URL cleaner
    inner = re.sub(r"^(https?):/+", r"\1://", match.group("url"), flags=re.IGNORECASE)
    if not inner.startswith(("http://", "https://")):
        inner = "http://" + inner.removeprefix("//")
    return inner, host


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
    domain = f"{parts.domain}.{parts.suffix}"
    blog = _blog(host, domain, url_or_site)
    if blog:
        return blog
    private = _extractor(True)(host)
    if private.is_private and private.domain and private.domain not in _NOT_A_BLOG:
        return f"{private.domain}.{private.suffix}"
    return domain


def _blog(host: str, domain: str, url: str) -> str | None:
    """The blog a platform address points at: the label under the platform, or on medium.com
    the first path segment (``/@name`` or a publication)."""
    platform = domain if domain in BLOG_PLATFORMS else None
    if platform is None and domain.startswith("blogspot."):
        platform = domain  # blogspot's country domains: x.blogspot.co.uk
    if platform is None:
        return None
    labels = host.removesuffix(platform).rstrip(".").split(".")
    if labels and labels[-1] and labels[-1] not in _NOT_A_BLOG:
        return f"{labels[-1]}.{platform}"
    if platform == "medium.com" and "/" in url.split("//", 1)[-1]:
        segment = urlsplit(url if "//" in url else "//" + url).path.split("/")[1:2]
        if segment and segment[0] and segment[0] not in _MEDIUM_PAGES:
            return f"medium.com/{segment[0]}"
    return None


def candidate_keys(url_or_site: str) -> list[str]:
    """Keys to look a URL up by, most specific first: the host without ``www.``, then each
    parent down to the registered domain (lists rate ``abcnews.go.com`` apart from
    ``go.com``)."""
    host = host_of(url_or_site)
    domain = registered_domain(url_or_site)
    if host is None or domain is None:
        return []
    if "/" in domain:
        return [domain]  # a blog on a path (medium.com/@name) is rated as itself only
    host = host.removeprefix("www.")
    keys = [host]
    while host != domain and "." in host:
        host = host.split(".", 1)[1]
        keys.append(host)
    return keys
