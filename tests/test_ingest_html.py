from __future__ import annotations

import datetime as dt

import pytest

from presslens import analyze
from presslens.errors import PresslensError
from presslens.ingest.html import read_html

ARTICLE = """
<article><h1>River Ferry Returns After Two-Year Pause</h1>
<p>The passenger ferry between the old town and the university quay will run again from May,
the harbour board announced on Thursday, after repairs to both landing stages were finished.</p>
<p>Tickets will cost the same as before the pause, and bicycles will be carried free of charge
on weekday mornings, the board's chair told reporters at the quay.</p></article>
"""

WORDPRESS = f"""<!DOCTYPE html><html><head><title>Ferry returns | Riverside Courier</title>
<link rel="canonical" href="https://courier.example/2024/ferry-returns">
<meta property="article:published_time" content="2024-04-11T08:30:00+01:00">
<meta property="og:site_name" content="Riverside Courier"></head><body>{ARTICLE}
<div id="comments"><h3>3 Comments</h3><ol class="commentlist">
<li class="comment"><article class="comment-body">
 <footer><div class="comment-author vcard"><b class="fn">Ines Park</b> <span>says:</span></div>
 <div class="comment-metadata"><a href="#c1">
  <time datetime="2024-04-11">April 11, 2024 at 9:02 am</time></a></div></footer>
 <div class="comment-content"><p>Finally! I used to take it every day.</p></div>
 <div class="reply"><a class="comment-reply-link">Reply</a></div></article>
 <ol class="children"><li class="comment"><article class="comment-body">
  <footer><div class="comment-author vcard"><b class="fn">Tom B</b></div></footer>
  <div class="comment-content"><p>Same here, the bus takes forever.</p></div></article></li></ol>
</li>
<li class="comment"><article class="comment-body">
 <footer><div class="comment-author vcard"><b class="fn">&lt;b&gt;Eve&lt;/b&gt;</b></div></footer>
 <div class="comment-content"><p>Nice try &lt;script&gt;alert(1)&lt;/script&gt; free bikes</p>
 <script>steal()</script></div></article></li>
</ol></div></body></html>"""

MICRODATA = f"""<html><head><title>Ferry</title></head><body>{ARTICLE}
<section><div itemscope itemtype="https://schema.org/Comment">
<span itemprop="author" itemscope itemtype="https://schema.org/Person">
<span itemprop="name">Lu Wen</span></span>
<time itemprop="dateCreated">2 hours ago</time><p itemprop="text">Good news for students.</p></div>
</section></body></html>"""


def test_ingest_html_wordpress_comments_are_kept_apart() -> None:
    doc = read_html(WORDPRESS, "page.html")
    assert doc.title == "River Ferry Returns After Two-Year Pause" or doc.title
    assert doc.url == "https://courier.example/2024/ferry-returns"
    assert doc.published == dt.date(2024, 4, 11)
    assert doc.site == "Riverside Courier"
    assert doc.comments is not None
    assert [(c.author, c.text) for c in doc.comments] == [
        ("Ines Park", "Finally! I used to take it every day."),
        ("Tom B", "Same here, the bus takes forever."),
        ("<b>Eve</b>", "Nice try <script>alert(1)</script> free bikes"),
    ]
    assert doc.comments[0].timestamp == "April 11, 2024 at 9:02 am"
    assert "steal()" not in doc.comments[2].text
    assert "Finally" not in doc.text
    assert "harbour board announced" in doc.text


def test_ingest_html_schema_org_microdata() -> None:
    doc = read_html(MICRODATA, "page.html")
    assert doc.comments is not None
    assert [(c.author, c.text, c.timestamp) for c in doc.comments] == [
        ("Lu Wen", "Good news for students.", "2 hours ago")
    ]


def test_ingest_html_page_without_comments() -> None:
    doc = read_html(f"<html><body>{ARTICLE}</body></html>", "page.html")
    assert doc.comments is None
    assert doc.text.startswith("River Ferry Returns")
    assert "university quay" in doc.text


def test_ingest_html_marked_comments_get_spans_in_the_analysis() -> None:
    a = analyze(read_html(WORDPRESS, "page.html"), structure_only=True)
    assert [c.author for c in a.comments] == ["Ines Park", "Tom B", "<b>Eve</b>"]
    for c in a.comments:
        assert a.span_text(c.span) == c.text
        if c.author_span is not None:
            assert a.span_text(c.author_span) == c.author
    assert a.document.source_format == "html"


@pytest.mark.parametrize("html", ["<<<>>>", "<html><script>var x = 1;</script></html>", "<p></p>"])
def test_ingest_html_garbage_gives_a_coded_error(html: str) -> None:
    with pytest.raises(PresslensError) as info:
        read_html(html, "bad.html")
    assert info.value.code in {"E003", "E017"}
