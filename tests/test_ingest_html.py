from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presslens import analyze
from presslens.errors import PresslensError
from presslens.ingest.html import read_html

# Invented news text, written for these tests.
HEAD = """<head><title>Night Buses Return to Lakeside | The Lakeside Herald</title>
<link rel="canonical" href="https://herald.example/2023/09/night-buses-return">
<meta property="og:site_name" content="The Lakeside Herald">
<meta property="article:published_time" content="2023-09-14T21:05:00+02:00"></head>"""

ARTICLE = """<article><h1>Night Buses Return to Lakeside</h1>
<p>Night buses will run between the station and the lakeside estates again from October,
the transport committee decided on Wednesday after a six-month trial in the north of town.</p>
<p>The committee said the last departure would leave the station at half past one, and that
fares would stay at the daytime price for the first year of the service.</p></article>"""

WORDPRESS = f"""<!DOCTYPE html><html>{HEAD}<body>{ARTICLE}
<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts</h2>
<ol class="comment-list">
<li id="comment-11" class="comment even thread-even depth-1 parent">
 <article id="div-comment-11" class="comment-body">
  <footer class="comment-meta">
   <div class="comment-author vcard"><img class="avatar" src="a.png" alt="">
    <b class="fn">Marta Olsen</b> <span class="says">says:</span></div>
   <div class="comment-metadata"><a href="#comment-11">
    <time datetime="2023-09-14T22:10:00+02:00">14 September 2023 at 22:10</time></a></div>
  </footer>
  <div class="comment-content"><p>About   time.  My daughter works late
   shifts at the hospital.</p><p>She will be glad.</p></div>
  <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
 </article>
 <ol class="children">
  <li id="comment-12" class="comment odd alt depth-2">
   <article id="div-comment-12" class="comment-body">
    <footer class="comment-meta"><div class="comment-author vcard">
     <b class="fn"><a href="https://blog.example/">Sam K.</a></b></div>
     <div class="comment-metadata"><a href="#comment-12"><time>1 hour ago</time></a></div>
    </footer>
    <div class="comment-content"><p>Same for my brother, he walks home now.</p></div>
   </article>
  </li>
 </ol>
</li>
<li id="comment-13" class="comment even thread-odd depth-1">
 <article id="div-comment-13" class="comment-body">
  <footer class="comment-meta"><div class="comment-author vcard">
   <b class="fn">&lt;i&gt;troll&lt;/i&gt;</b></div></footer>
  <div class="comment-content"><p>Free buses &lt;script&gt;alert(1)&lt;/script&gt; now!</p>
   <script>document.write("injected")</script><img src="x" onerror="alert(2)"></div>
 </article>
</li>
</ol>
<div id="respond"><h3>Leave a Reply</h3><form><textarea name="comment"></textarea></form></div>
</div></body></html>"""

CLASSIC_WORDPRESS = f"""<html>{HEAD}<body>{ARTICLE}<ol class="commentlist">
<li class="comment byuser"><div id="comment-5">
<div class="comment-author vcard"><cite class="fn">Ola</cite> <span class="says">says:</span></div>
<div class="comment-meta commentmetadata"><a href="#comment-5">Sept 15, 2023 at 8:00 am</a></div>
<p>First paragraph of a classic comment.</p><p>Second line<br>after a break.</p>
<div class="reply"><a class="comment-reply-link">Reply</a></div></div></li></ol></body></html>"""

MICRODATA = f"""<html>{HEAD}<body>{ARTICLE}<section id="talk">
<div itemscope itemtype="https://schema.org/Comment">
 <span itemprop="author" itemscope itemtype="https://schema.org/Person">
  <span itemprop="name">Jonas Berg</span></span>
 <time itemprop="dateCreated" datetime="2023-09-15">yesterday</time>
 <p itemprop="text">Will the buses take bicycles at night?</p></div>
<div itemscope itemtype="http://schema.org/Comment">
 <meta itemprop="author" content="Ada">
 <div itemprop="text">Only folding ones, says the timetable.</div></div>
</section></body></html>"""

JSON_LD = f"""<html><head><title>Night Buses Return to Lakeside</title>
<script type="application/ld+json">{{"@context": "https://schema.org",
 "@type": "NewsArticle", "headline": "Night Buses Return to Lakeside",
 "comment": [{{"@type": "Comment", "text": "Good decision by the committee.",
   "author": {{"@type": "Person", "name": "Lea"}}, "dateCreated": "2023-09-15T07:00"}},
  {{"@type": "Comment", "text": "Too late for me.\\n\\nI moved away.", "author": "Per"}}]}}
</script></head><body>{ARTICLE}</body></html>"""

GENERIC = f"""<html>{HEAD}<body>{ARTICLE}<section class="reader-comments"><h3>Readers</h3>
<div class="entry"><span class="user-name">lakeview_77</span><span class="post-date">2h</span>
 <div class="entry-text">The trial in the north was a success.</div><a class="reply-btn">Reply</a>
 <div class="entry"><span class="user-name">nina</span>
  <div class="entry-text">Agreed, my street was quieter too.</div></div></div>
<div class="entry"><span class="user-name">K. Dahl</span><span class="post-date">1h</span>
 <div class="entry-text">What about Sundays?</div></div></section></body></html>"""

UNMARKED = f"""<html>{HEAD}<body>{ARTICLE}<div id="comments"><h3>Comments</h3>
<p>A reader wrote that the lakeside stop needs better lighting.</p>
<p>Another reader asked for a stop near the ferry pier.</p></div></body></html>"""

NO_AUTHORS = f"""<html>{HEAD}<body>{ARTICLE}<div class="comment-box">
<div class="item"><p>First loose remark about the buses.</p></div>
<div class="item"><p>Second loose remark about the buses.</p></div></div></body></html>"""


def test_ingest_html_wordpress_comments_are_kept_apart_in_order() -> None:
    doc = read_html(WORDPRESS, "page.html")
    assert doc.comments is not None
    assert [(c.author, c.timestamp) for c in doc.comments] == [
        ("Marta Olsen", "14 September 2023 at 22:10"),
        ("Sam K.", "1 hour ago"),
        ("<i>troll</i>", None),
    ]
    assert doc.comments[0].text == (
        "About time. My daughter works late shifts at the hospital.\n\nShe will be glad."
    )
    assert doc.comments[1].text == "Same for my brother, he walks home now."
    for comment in doc.comments:
        for paragraph in comment.text.split("\n\n"):
            assert paragraph not in doc.text
    assert "transport committee decided" in doc.text and "Reply" not in doc.text


def test_ingest_html_nested_reply_is_not_part_of_its_parent() -> None:
    doc = read_html(WORDPRESS, "page.html")
    assert doc.comments is not None
    assert "brother" not in doc.comments[0].text
    assert "Reply" not in doc.comments[0].text and "Marta" not in doc.comments[0].text


def test_ingest_html_hostile_comment_gives_visible_text_only() -> None:
    doc = read_html(WORDPRESS, "page.html")
    assert doc.comments is not None
    hostile = doc.comments[2]
    assert hostile.text == "Free buses <script>alert(1)</script> now!"  # shown text, as text
    everything = doc.text + "".join(c.text + (c.author or "") for c in doc.comments)
    assert "injected" not in everything and "document.write" not in everything
    assert "onerror" not in everything and "alert(2)" not in everything


def test_ingest_html_classic_wordpress_markup() -> None:
    doc = read_html(CLASSIC_WORDPRESS, "page.html")
    assert doc.comments is not None
    [comment] = doc.comments
    assert comment.author == "Ola"
    assert comment.timestamp == "Sept 15, 2023 at 8:00 am"
    assert comment.text == "First paragraph of a classic comment.\n\nSecond line\nafter a break."


def test_ingest_html_schema_org_microdata() -> None:
    doc = read_html(MICRODATA, "page.html")
    assert doc.comments is not None
    assert [(c.author, c.text, c.timestamp) for c in doc.comments] == [
        ("Jonas Berg", "Will the buses take bicycles at night?", "yesterday"),
        ("Ada", "Only folding ones, says the timetable.", None),
    ]
    assert "bicycles at night" not in doc.text
    assert doc.author != "Jonas Berg"  # a commenter is not the article's author


def test_ingest_html_json_ld_comments() -> None:
    doc = read_html(JSON_LD, "page.html")
    assert doc.comments is not None
    assert [(c.author, c.text, c.timestamp) for c in doc.comments] == [
        ("Lea", "Good decision by the committee.", "2023-09-15T07:00"),
        ("Per", "Too late for me.\n\nI moved away.", None),
    ]


def test_ingest_html_generic_comment_widget() -> None:
    doc = read_html(GENERIC, "page.html")
    assert doc.comments is not None
    assert [(c.author, c.text, c.timestamp) for c in doc.comments] == [
        ("lakeview_77", "The trial in the north was a success.", "2h"),
        ("nina", "Agreed, my street was quieter too.", None),
        ("K. Dahl", "What about Sundays?", "1h"),
    ]
    assert "Sundays" not in doc.text


def test_ingest_html_generic_needs_author_markup() -> None:
    doc = read_html(NO_AUTHORS, "page.html")
    assert doc.comments == ()


def test_ingest_html_page_without_comments() -> None:
    doc = read_html(f"<html>{HEAD}<body>{ARTICLE}</body></html>", "page.html")
    assert doc.comments == ()  # read, and none found: the segmenter does not guess a thread
    assert doc.source_format == "html" and doc.source == "page.html"
    assert doc.text.startswith("Night Buses Return to Lakeside\n\nNight buses will run")
    assert "half past one" in doc.text


def test_ingest_html_unmarked_comments_are_not_guessed() -> None:
    doc = read_html(UNMARKED, "page.html")
    assert doc.comments == ()
    assert "better lighting" not in doc.text and "half past one" in doc.text


def test_ingest_html_metadata() -> None:
    doc = read_html(WORDPRESS, "page.html", url="https://elsewhere.example/x")
    assert doc.title == "Night Buses Return to Lakeside"
    assert doc.url == "https://herald.example/2023/09/night-buses-return"
    assert doc.published == dt.date(2023, 9, 14)
    assert doc.site == "The Lakeside Herald"


def test_ingest_html_url_argument_and_missing_date() -> None:
    html = f"<html><head><title>Buses</title></head><body>{ARTICLE}</body></html>"
    doc = read_html(html, "page.html", url="https://herald.example/buses")
    assert doc.url == "https://herald.example/buses"
    assert doc.published is None


def test_ingest_html_unparseable_date_is_none() -> None:
    html = HEAD.replace("2023-09-14T21:05:00+02:00", "2023-02-30") + f"<body>{ARTICLE}</body>"
    assert read_html(f"<html>{html}</html>", "page.html").published is None


@pytest.mark.parametrize(
    "html",
    [
        "<p>A fragment about night buses, without any page around it.</p>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>Declared as XML.</p></body></html>",
    ],
)
def test_ingest_html_fragments_and_xml_declarations_are_read(html: str) -> None:
    doc = read_html(html, "page.html")
    assert doc.text.strip() and doc.title is not None and doc.text.startswith(doc.title)


@pytest.mark.parametrize(
    "html",
    ["<<<>>>", "<script>alert(1)</script>", "<html><script>var x = 1;</script></html>", "", " \n"],
)
def test_ingest_html_garbage_gives_a_coded_error(html: str) -> None:
    with pytest.raises(PresslensError) as info:
        read_html(html, "bad.html")
    assert info.value.code in {"E003", "E017"}


_TAGS = st.sampled_from(["<p>", "</p>", "<div class='comment'>", "</div>", "<br>", "<script>", "<"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_TAGS, st.text(max_size=12)), max_size=12))
def test_ingest_html_never_raises_uncoded_errors(parts: list[str]) -> None:
    code = None
    try:
        doc = read_html("".join(parts), "fuzz.html")
    except PresslensError as exc:
        code = exc.code
    else:
        assert doc.text.endswith("\n")
    assert code in {None, "E003", "E017"}


def test_ingest_html_marked_comments_get_spans_in_the_analysis() -> None:
    a = analyze(read_html(WORDPRESS, "page.html"), structure_only=True)
    assert [c.author for c in a.comments] == ["Marta Olsen", "Sam K.", "<i>troll</i>"]
    for c in a.comments:
        assert a.span_text(c.span) == c.text
        if c.author_span is not None:
            assert a.span_text(c.author_span) == c.author
    assert a.document.source_format == "html"


THEMED = f"""<html>{HEAD}<body>{ARTICLE}<div id="comments"><h3>2 Comments</h3>
<div class="comment depth-1" itemscope itemtype="https://schema.org/UserComments">
 <div class="comment-text"><span class="author" itemprop="creator"><span itemprop="name">Rosa
 </span></span><span class="date" itemprop="commentTime">June 20th at 2:41 am</span>
 <div class="comment-content" itemprop="commentText"><p>Will the first bus wait for the last
 train from the city?</p><p>LikeLiked by 17 people</p></div>
 <span class="reply"><a class="comment-reply-link">Reply</a></span></div>
 <div class="comment depth-2" itemscope itemtype="https://schema.org/UserComments">
  <div class="comment-text"><span class="author" itemprop="creator"><span itemprop="name">
  Herald desk</span></span><span class="date" itemprop="commentTime">June 20th at 9:02 am</span>
  <div class="comment-content" itemprop="commentText"><p>It will, for up to ten minutes.</p>
  <p>Like</p></div></div></div></div></div></body></html>"""

FORUM = f"""<html>{HEAD}<body>{ARTICLE}<div class="comments-list">
<div class="comment first"><div class="avatar"><img alt="Avatar" src="a.png"></div>
 <div class="comment_content"><div class="username"><a href="#">lakeview_77</a></div>
 <div class="date">2 days ago at 07:52 am</div>
 <div class="content">Good news for shift workers.</div>
 <div class="rating"><strong>Rating:</strong> 36 Votes</div></div></div>
<div class="comment"><div class="comment_content"><div class="username">nina</div>
 <div class="date">2 days ago at 07:47 am</div><div class="content">And for pubs.</div>
</div></div></div></body></html>"""

EDITORIAL_BOX = f"""<html>{HEAD}<body><article><h1>Night Buses Return to Lakeside</h1>
<p>Night buses will run between the station and the lakeside estates again from October,
the transport committee decided on Wednesday after a six-month trial in the north of town.</p>
<div class="comment"><h2>Our view</h2><p>The committee was right to listen to the nurses and
the bar staff who asked for the service back, and it should keep the fares low.</p></div>
<p>The committee said the last departure would leave the station at half past one.</p>
</article></body></html>"""


def test_ingest_html_comment_fields_come_out_of_the_text_and_replies_are_threaded() -> None:
    doc = read_html(THEMED, "page.html")
    assert [(c.author, c.timestamp, c.parent) for c in doc.comments or ()] == [
        ("Rosa", "June 20th at 2:41 am", None),
        ("Herald desk", "June 20th at 9:02 am", 0),
    ]
    assert doc.comments is not None
    assert doc.comments[0].text == "Will the first bus wait for the last train from the city?"
    assert doc.comments[1].text == "It will, for up to ten minutes."
    a = analyze(doc, structure_only=True)
    assert [c.parent for c in a.comments] == [None, "c1"]


def test_ingest_html_forum_blocks_give_author_time_and_text_apart() -> None:
    doc = read_html(FORUM, "page.html")
    assert [(c.author, c.timestamp, c.text) for c in doc.comments or ()] == [
        ("lakeview_77", "2 days ago at 07:52 am", "Good news for shift workers."),
        ("nina", "2 days ago at 07:47 am", "And for pubs."),
    ]


def test_ingest_html_editorial_comment_box_is_not_a_reader_comment() -> None:
    doc = read_html(EDITORIAL_BOX.replace("<body>", '<body class="single comments-open">'), "p")
    assert doc.comments == ()  # no author, no time, no comment section around it
    assert "half past one" in doc.text


def test_ingest_html_empty_extraction_falls_back_to_the_page_text() -> None:
    html = (
        "<html><body><nav><a href='/'>Home</a></nav><div>Buses return tonight.</div></body></html>"
    )
    doc = read_html(html, "short.html")
    assert "Buses return tonight." in doc.text


def test_ingest_html_each_fallback_is_tried_before_rejecting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import presslens.ingest.html as html_module

    calls: list[str] = []

    def nothing(*args: object, **kwargs: object) -> None:
        calls.append("extract")

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", nothing)
    monkeypatch.setattr(html_module.trafilatura, "extract", nothing)
    doc = read_html(f"<html>{HEAD}<body>{ARTICLE}</body></html>", "page.html")
    assert calls == ["extract", "extract"]  # precise, then recall-oriented, then plain text
    assert "half past one" in doc.text and "transport committee" in doc.text
    assert doc.warnings and "whole text" in doc.warnings[0]
    with pytest.raises(PresslensError) as info:
        read_html("<html><body><div> </div><script>var a;</script></body></html>", "e.html")
    assert info.value.code == "E003"


DISQUS = f"""<html>{HEAD}<body>{ARTICLE}<div id="disqus_thread"><ul id="post-list">
<li class="post"><div class="post-content"><div class="post-byline">
 <span class="author"><a href="#">harbourmaster</a></span>
 <a class="time-ago" title="Friday, 15 September 2023">a day ago</a></div>
 <div class="post-body"><div class="post-message"><p>Half past one is too early for the
 last bus, the pubs close at two.</p></div>
 <footer><a class="vote-up">12</a> <a class="reply">Reply</a> <a class="share">Share ›</a>
 </footer></div></div>
 <ul class="children"><li class="post"><div class="post-content"><div class="post-byline">
  <span class="author">Dana P.</span></div><div class="post-body"><div class="post-message">
  <p>Comments</p><p>Then take a taxi for the last half hour.</p></div></div></div></li></ul>
</li></ul></div></body></html>"""


def test_ingest_html_rendered_disqus_thread() -> None:
    doc = read_html(DISQUS, "page.html")
    assert [(c.author, c.text, c.parent) for c in doc.comments or ()] == [
        (
            "harbourmaster",
            "Half past one is too early for the last bus, the pubs close at two.",
            None,
        ),
        ("Dana P.", "Then take a taxi for the last half hour.", 0),
    ]


HOVER_CARD = f"""<html>{HEAD}<body><article><h1>Night Buses Return to Lakeside</h1>
<p>Night buses will run between the station and the lakeside estates again from October,
said Councillor <span class="rollover-people"><a class="rollover-people-link"
href="/people/ada-brook">Ada Brook</a><span class="rollover-people-block"><img src="a.jpg">
<a class="name" href="/people/ada-brook">Ada Beatrice Brook</a><a href="/other">Ferry
fares rise again</a></span></span>, after a six-month trial in the north of town.</p>
<p>The committee said the last departure would leave the station at half past one, and that
fares would stay at the daytime price for the first year of the service.</p></article>
</body></html>"""


def test_ingest_html_a_hover_card_is_not_article_text() -> None:
    doc = read_html(HOVER_CARD, "page.html")
    assert "said Councillor Ada Brook, after a six-month trial" in " ".join(doc.text.split())
    assert "Ada Beatrice Brook" not in doc.text and "Ferry fares" not in doc.text
