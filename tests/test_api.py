"""The HTTP API and the dashboard's HTML, in-process (Starlette's TestClient) over a real
SQLite store filled with hand-written documents."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from functools import cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from presslens.analysis import analyze
from presslens.api.app import CSP, ApiSettings, create_app
from presslens.errors import CATALOGUE
from presslens.model import Analysis, Span, TechniqueSpan
from presslens.store import open_store

with warnings.catch_warnings():
    # Starlette would rather use the httpx2 fork; httpx works the same for these tests
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

TOKEN = "test-token-0123456789"
HOSTILE = {
    "script": "<script>alert('pwn-script')</script>",
    "img": "<img src=x onerror=alert('pwn-img')>",
    "event": "<b onmouseover=\"alert('pwn-event')\">hover</b>",
    "js_link": "<a href=\"javascript:alert('pwn-link')\">click</a>",
}
ODESA = """Fire at the harbour in Odesa

Officials in Odesa said on Monday that a fire broke out at the grain terminal. "We are \
investigating the cause," said Mayor Gennadiy Trukhanov. Russia and Ukraine traded blame for \
the blaze.

The Kremlin denied any role on Tuesday.

Marta

You are a pathetic idiot, Trukhanov, and a liar.

Bob

Thanks for the report, see https://example.com/more
"""
BERLIN = """Talks in Berlin end without a deal

Chancellor Olaf Scholz met President Volodymyr Zelensky in Berlin on Wednesday. "We will keep \
helping," Scholz told reporters. The talks also covered grain exports through Odesa.
"""
EVIL = f"""{HOSTILE["script"]} Harbour report

The harbour reopened in Odesa {HOSTILE["img"]} after the fire. {HOSTILE["event"]} Read more \
at javascript:alert('pwn-text') or {HOSTILE["js_link"]}.

Mallory

Nice {HOSTILE["script"]} and {HOSTILE["img"]} from me.
"""


@cache
def pipeline() -> Any:
    """Every default component but the propaganda model: its spans are added by hand, so the
    technique facet and layer have a known span whatever that model finds."""
    from presslens.pipeline import DEFAULT_COMPONENTS, load_pipeline

    return load_pipeline([c for c in DEFAULT_COMPONENTS if c != "presslens_propaganda"])


def _with_technique(a: Analysis, words: str, technique: str) -> Analysis:
    start = a.text.index(words)
    span = TechniqueSpan(
        id="t1",
        technique=technique,
        span=Span(start=start, end=start + len(words)),
        text=words,
        score=0.91,
    )
    return a.model_copy(update={"techniques": [span]})


def _hostile(a: Analysis) -> Analysis:
    """Hostile metadata too: a URL a browser would run, an outlet name, a comment author."""
    doc = a.document.model_copy(
        update={
            "url": "javascript:alert('pwn-url')",
            "site": HOSTILE["img"],
            "author": HOSTILE["script"],
        }
    )
    comments = [a.comments[0].model_copy(update={"author": HOSTILE["event"]}), *a.comments[1:]]
    return a.model_copy(update={"document": doc, "comments": comments, "outlet": None})


@cache
def corpus() -> tuple[Analysis, Analysis, Analysis]:
    nlp = pipeline()
    odesa = analyze(ODESA, published="2024-05-06", url="https://www.example.org/news/fire", nlp=nlp)
    berlin = analyze(
        BERLIN, published="2024-05-08", url="https://news.example.net/politics/talks", nlp=nlp
    )
    evil = analyze(EVIL, published="2024-05-07", nlp=nlp)
    return (
        _with_technique(odesa, "traded blame", "Loaded_Language"),
        berlin,
        _hostile(_with_technique(evil, "reopened", "Doubt")),
    )


def fill_store(path: Path) -> str:
    """A SQLite store holding the three documents; returns its path."""
    with open_store(path) as store:
        store.write(list(corpus()))
    return str(path)


def client(app: FastAPI) -> TestClient:
    # unhandled errors must come back as the E050 envelope, not be re-raised into the test
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fill_store(tmp_path_factory.mktemp("api") / "news.db")


@pytest.fixture(scope="module")
def api(db: str) -> Iterator[TestClient]:
    with client(create_app(ApiSettings(db_url=db, token=TOKEN, nlp=pipeline()))) as c:
        yield c


@pytest.fixture(scope="module")
def readonly(db: str) -> Iterator[TestClient]:
    with client(create_app(ApiSettings(db_url=db, nlp=pipeline()))) as c:
        yield c


def hashes() -> dict[str, str]:
    odesa, berlin, evil = corpus()
    return {
        "odesa": odesa.document.content_hash,
        "berlin": berlin.document.content_hash,
        "evil": evil.document.content_hash,
    }


def assert_envelope(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"code", "status", "what", "why", "fix", "message"}
    assert err["code"] == code and err["code"] in CATALOGUE
    assert err["status"] == status
    assert err["message"].startswith(f"[{code}] ")
    return dict(err)


# -- meta and analysis ---------------------------------------------------------------------


def test_api_health_says_whether_writes_are_allowed(api: TestClient, readonly: TestClient) -> None:
    assert api.get("/api/v1/health").json()["read_only"] is False
    body = readonly.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["store"] is True and body["read_only"] is True


def test_api_analyze_returns_the_analysis_without_storing(api: TestClient) -> None:
    text = "Storm in Lisbon\n\nA storm hit Lisbon on Friday, officials said.\n"
    r = api.post("/api/v1/analyze", json={"text": text, "published": "2024-03-01"})
    assert r.status_code == 200, r.text
    a = Analysis.model_validate(r.json())
    assert a.article.title == "Storm in Lisbon"
    assert any(p.name == "Lisbon" for p in a.places)
    found = api.get(f"/api/v1/documents/{a.document.content_hash}")
    assert_envelope(found, 404, "E022")


def test_api_openapi_describes_every_endpoint(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/v1/analyze",
        "/api/v1/documents",
        "/api/v1/documents/{content_hash}",
        "/api/v1/search",
        "/api/v1/outlets",
        "/api/v1/outlets/{outlet}",
        "/api/v1/graph",
        "/api/v1/timeline",
        "/api/v1/places",
        "/api/v1/events",
    ):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "outlet", "entity", "place", "technique", "speaker", "flag"} <= params
    assert {"date_from", "date_to", "limit", "offset"} <= params
    assert not any(p.startswith("/documents") for p in paths)  # dashboard pages are not API


# -- ingest --------------------------------------------------------------------------------


def test_api_ingest_needs_the_token_and_is_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "ingest.db")
    doc = {"text": BERLIN, "published": "2024-05-08", "url": "https://news.example.net/a"}
    with client(create_app(ApiSettings(db_url=db, nlp=pipeline()))) as ro:
        assert_envelope(ro.post("/api/v1/documents", json=doc), 403, "E021")
    with client(create_app(ApiSettings(db_url=db, token=TOKEN, nlp=pipeline()))) as rw:
        missing = rw.post("/api/v1/documents", json=doc)
        assert_envelope(missing, 401, "E020")
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = rw.post("/api/v1/documents", json=doc, headers={"Authorization": "Bearer nope"})
        assert_envelope(wrong, 401, "E020")
        auth = {"Authorization": f"Bearer {TOKEN}"}
        first = rw.post("/api/v1/documents", json=doc, headers=auth)
        assert first.status_code == 201, first.text
        assert first.json()["added"] is True
        again = rw.post("/api/v1/documents", json=doc, headers=auth)
        assert again.status_code == 200 and again.json()["added"] is False
        h = first.json()["content_hash"]
        assert first.json()["href"] == f"/api/v1/documents/{h}"
        stored = rw.get(first.json()["href"]).json()
        assert stored["document"]["published"] == "2024-05-08"
        assert rw.get("/api/v1/search", params={"q": "Zelensky"}).json()["total"] == 1
    with open_store(db) as store:
        assert store.count() == 1


# -- search and reading --------------------------------------------------------------------


def test_api_search_text_filters_and_facets(api: TestClient) -> None:
    h = hashes()
    r = api.get("/api/v1/search", params={"q": "grain", "facets": "all"}).json()
    assert r["total"] == 2 and {x["content_hash"] for x in r["hits"]} == {h["odesa"], h["berlin"]}
    assert any("«" in x["snippet"] for x in r["hits"])
    outlets = {f["value"]: f["count"] for f in r["facets"]["outlet"]}
    assert outlets == {"example.org": 1, "example.net": 1}
    one = api.get("/api/v1/search", params={"q": "grain", "outlet": "example.net"}).json()
    assert [x["content_hash"] for x in one["hits"]] == [h["berlin"]]
    # several values of one filter must all hold, except outlets (a document has one)
    both = api.get("/api/v1/search", params=[("place", "Odesa"), ("place", "Berlin")]).json()
    assert [x["content_hash"] for x in both["hits"]] == [h["berlin"]]
    either = api.get(
        "/api/v1/search", params=[("outlet", "example.org"), ("outlet", "example.net")]
    ).json()
    assert either["total"] == 2
    tech = api.get("/api/v1/search", params={"technique": "Loaded_Language"}).json()
    assert [x["content_hash"] for x in tech["hits"]] == [h["odesa"]]
    flagged = api.get("/api/v1/search", params={"flag": "insult"}).json()
    assert [x["content_hash"] for x in flagged["hits"]] == [h["odesa"]]
    spoke = api.get("/api/v1/search", params={"speaker": "Gennadiy Trukhanov"}).json()
    assert [x["content_hash"] for x in spoke["hits"]] == [h["odesa"]]
    entity = api.get("/api/v1/search", params={"entity": "ent:person:volodymyr-zelensky"}).json()
    assert [x["content_hash"] for x in entity["hits"]] == [h["berlin"]]
    dated = api.get(
        "/api/v1/search", params={"date_from": "2024-05-07", "date_to": "2024-05-08"}
    ).json()
    assert {x["content_hash"] for x in dated["hits"]} == {h["berlin"], h["evil"]}
    newest = api.get("/api/v1/search", params={"order": "newest", "facets": "false"}).json()
    assert [x["published"] for x in newest["hits"]] == ["2024-05-08", "2024-05-07", "2024-05-06"]
    assert newest["facets"] == {}
    assert set(r["facets"]) == {"outlet", "entity", "place", "technique", "speaker", "flag"}
    page = api.get("/api/v1/search", params={"order": "oldest", "limit": 1, "offset": 1}).json()
    assert page["total"] == 3 and [x["content_hash"] for x in page["hits"]] == [h["evil"]]


def test_api_search_facets_only_when_asked(api: TestClient) -> None:
    plain = api.get("/api/v1/search", params={"q": "grain"}).json()
    assert plain["total"] == 2 and plain["facets"] == {}
    two = api.get("/api/v1/search", params={"q": "grain", "facets": "outlet, place"}).json()
    assert set(two["facets"]) == {"outlet", "place"}
    every = api.get("/api/v1/search", params={"facets": "true"}).json()
    assert set(every["facets"]) == {"outlet", "entity", "place", "technique", "speaker", "flag"}
    assert api.get("/api/v1/search", params={"facets": "false"}).json()["facets"] == {}
    err = assert_envelope(
        api.get("/api/v1/search", params={"facets": "outlet,colour"}), 422, "E023"
    )
    assert "colour" in err["message"]


def test_api_search_page_size_is_bounded(db: str) -> None:
    with client(create_app(ApiSettings(db_url=db, max_page_size=2))) as c:
        assert c.get("/api/v1/search", params={"limit": 2}).status_code == 200
        err = assert_envelope(c.get("/api/v1/search", params={"limit": 3}), 400, "E024")
        assert "limit=2" in err["fix"]
        assert_envelope(c.get("/api/v1/search", params={"limit": 0}), 422, "E023")
        assert_envelope(c.get("/api/v1/search", params={"offset": -1}), 422, "E023")


def test_api_document_get_returns_the_stored_analysis(api: TestClient) -> None:
    h = hashes()["odesa"]
    r = api.get(f"/api/v1/documents/{h}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    a = Analysis.model_validate(r.json())
    assert a.document.content_hash == h and a.techniques[0].technique == "Loaded_Language"
    err = assert_envelope(api.get("/api/v1/documents/0000"), 404, "E022")
    assert "document" in err["what"]


# -- aggregations --------------------------------------------------------------------------


def test_api_aggregations_outlets_graph_timeline_places(api: TestClient) -> None:
    outlets = {p["outlet"]: p for p in api.get("/api/v1/outlets").json()}
    assert {"example.org", "example.net"} <= set(outlets)
    org = outlets["example.org"]
    assert org["documents"] == 1 and org["techniques"] == {"Loaded_Language": 1}
    assert org["comments"] == 2 and org["flagged_comments"] == 1
    detail = api.get("/api/v1/outlets/example.org").json()
    assert detail["profile"]["outlet"] == "example.org"
    assert detail["reliability"]["domain"] == "example.org"
    assert [p["day"] for p in detail["timeline"] if p["documents"]] == ["2024-05-06"]
    signals = {sg["id"]: sg for sg in detail["signals"]}
    assert detail["signals_over"] == 1 and signals["comment_section"]["documents"] == 1
    card = corpus()[0].signals
    assert card is not None
    odesa_card = {sg.id: sg for sg in card.signals}
    assert signals["comment_section"]["latest"] == odesa_card["comment_section"].value
    assert signals["comment_section"]["attention"] == int(odesa_card["comment_section"].attention)
    assert_envelope(api.get("/api/v1/outlets/nowhere.invalid"), 404, "E022")

    graph = api.get("/api/v1/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert {"geonames:698740", "ent:person:gennadiy-trukhanov"} <= ids
    odesa_edges = [e for e in graph["edges"] if "geonames:698740" in (e["source"], e["target"])]
    assert odesa_edges and all(e["weight"] >= 1 for e in odesa_edges)

    days = {p["day"]: p for p in api.get("/api/v1/timeline").json()}
    assert days["2024-05-06"]["documents"] == 1 and days["2024-05-06"]["mentions"] >= 1
    only = api.get("/api/v1/timeline", params={"outlet": "example.net"}).json()
    assert [p["day"] for p in only if p["documents"]] == ["2024-05-08"]

    places = {p["name"]: p for p in api.get("/api/v1/places").json()}
    assert places["Odesa"]["documents"] == 3 and places["Berlin"]["documents"] == 1
    assert 46 < places["Odesa"]["lat"] < 47 and 30 < places["Odesa"]["lon"] < 31
    filtered = api.get("/api/v1/places", params={"outlet": "example.net"}).json()
    assert {p["name"] for p in filtered} == {"Berlin", "Odesa"}


# -- the error envelope, for every status the API answers ----------------------------------


def _boom_app(db: str) -> FastAPI:
    app = create_app(ApiSettings(db_url=db, token=TOKEN))

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret-internal-detail")

    return app


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("GET", "/api/v1/search?limit=101", {}, 400, "E024"),
        ("POST", "/api/v1/documents", {"json": {"text": "x"}}, 401, "E020"),
        ("GET", "/api/v1/nothing-here", {}, 404, "E054"),
        ("GET", "/api/v1/documents/abc", {}, 404, "E022"),
        ("DELETE", "/api/v1/search", {}, 405, "E051"),
        ("PUT", "/api/v1/analyze", {"json": {}}, 405, "E051"),
        ("POST", "/api/v1/analyze", {"content": "x" * 3000}, 413, "E019"),
        ("POST", "/api/v1/analyze", {"json": {"text": ""}}, 422, "E023"),
        ("POST", "/api/v1/analyze", {"json": {"text": "a", "extra": 1}}, 422, "E023"),
        ("POST", "/api/v1/analyze", {"content": b"{not json"}, 422, "E023"),
        ("POST", "/api/v1/analyze", {"json": {"text": "a", "url": "ftp://x"}}, 422, "E015"),
        ("GET", "/api/v1/search?date_from=yesterday", {}, 422, "E023"),
        ("GET", "/api/v1/search?flag=rude", {}, 422, "E023"),
        ("GET", "/api/v1/boom", {}, 500, "E050"),
    ],
)
def test_api_error_shape_is_one_envelope(
    db: str, method: str, path: str, kwargs: dict[str, Any], status: int, code: str
) -> None:
    app = create_app_small(db) if status == 413 else _boom_app(db)
    with client(app) as c:
        if "json" in kwargs or "content" in kwargs:
            kwargs = {**kwargs, "headers": {"content-type": "application/json"}}
        r = c.request(method, path, **kwargs)
        err = assert_envelope(r, status, code)
    if status == 405:
        assert r.headers["allow"] and r.headers["allow"] in err["why"]
    if status == 500:
        assert (
            "RuntimeError" in err["why"] and "secret-internal-detail" not in r.text
        )  # no internals leak


def create_app_small(db: str) -> FastAPI:
    """A 2 kB request body limit."""
    return create_app(ApiSettings(db_url=db, max_request_bytes=2000))


def test_api_error_shape_forbidden_and_no_store(readonly: TestClient) -> None:
    assert_envelope(readonly.post("/api/v1/documents", json={"text": "x"}), 403, "E021")
    with client(create_app(ApiSettings())) as bare:
        assert_envelope(bare.get("/api/v1/search"), 503, "E052")
        assert_envelope(bare.get("/api/v1/documents/abc"), 503, "E052")
        assert bare.get("/api/v1/health").json()["store"] is False
        page = bare.get("/", headers={"accept": "text/html"})
        assert page.status_code == 503 and 'data-code="E052"' in page.text
        assert "presslens serve --db" in page.text


def test_api_body_limit_applies_to_chunked_bodies_too(db: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 500

    with client(create_app_small(db)) as c:
        r = c.post("/api/v1/analyze", content=chunks(), headers={"content-type": "text/plain"})
        err = assert_envelope(r, 413, "E019")
        assert "2000" in err["why"]
        small = c.post("/api/v1/analyze", content=iter([b'{"text": ""}']))
        assert_envelope(small, 422, "E023")  # under the limit: reaches validation


# -- the dashboard's HTML ------------------------------------------------------------------

PAGES = ("/", "/?q=harbour", "/map", "/timeline", "/outlets", "/outlets/example.org")


@pytest.mark.parametrize("path", PAGES)
def test_api_dashboard_pages_render_with_csp(api: TestClient, path: str) -> None:
    r = api.get(path, headers={"accept": "text/html"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-eval" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/static/' in r.text or "<script" not in r.text


def test_api_dashboard_article_page_has_layers_thread_and_signals(api: TestClient) -> None:
    page = api.get(f"/documents/{hashes()['odesa']}").text
    for layer in ("entities", "dates", "quotes", "techniques", "events", "comments", "links"):
        assert f'id="layer-{layer}"' in page
    assert 'class="ent ent-PERSON layer-entities"' in page
    assert "layer-techniques" in page and "layer-dates" in page and "layer-quotes" in page
    assert 'class="card"' in page and "<h2>Signals</h2>" in page
    assert 'class="author">Marta</span>' in page and "cflag-insult" in page
    assert '<script src="/static/article.js" defer></script>' in page


def test_api_dashboard_article_page_marks_events_and_lists_them(api: TestClient) -> None:
    page = api.get(f"/documents/{hashes()['berlin']}").text
    assert '<mark class="event layer-events" id="e1" title="e1 CONSULT' in page
    events = page[page.index('<section class="findings" id="tab-events">') :]
    assert '<a href="#e1" data-target="e1">e1</a>' in events and "Berlin" in events


def test_api_dashboard_outlet_page_has_signals_and_ratings(api: TestClient) -> None:
    page = api.get("/outlets/example.org").text
    assert 'id="outlet-signals"' in page and "Comment section" in page
    for heading in ("Volume", "Reliability ratings", "Propaganda techniques", "Sourcing"):
        assert f"<h2>{heading}</h2>" in page
    assert "Status: <b>unrated</b>" in page


def test_api_dashboard_html_error_page_for_browsers(api: TestClient) -> None:
    r = api.get("/documents/0000", headers={"accept": "text/html,*/*"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert 'data-code="E022"' in r.text
    assert_envelope(api.get("/documents/0000"), 404, "E022")  # non-browser clients: JSON
    assert_envelope(api.get("/static/nothing.js", headers={"accept": "text/html"}), 404, "E054")


class _Tags(HTMLParser):
    """Every element the browser would build, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def injected(page: str) -> list[str]:
    """Elements or attributes on the page that no template of ours writes."""
    parser = _Tags()
    parser.feed(page)
    bad = []
    for tag, attrs in parser.tags:
        if tag in ("img", "iframe", "object", "embed", "base"):
            bad.append(tag)
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            bad.append("inline script")
        bad.extend(f"{tag}[{k}]" for k in attrs if k.startswith("on"))
        for k in ("href", "src", "action"):
            if (attrs.get(k) or "").strip().lower().startswith(("javascript:", "data:")):
                bad.append(f"{tag}[{k}={attrs[k]}]")
    return bad


def test_api_dashboard_injection_check_catches_raw_markup() -> None:
    for raw in HOSTILE.values():
        assert injected(raw), raw
    assert injected(f"<p>{escape(HOSTILE['img'])}</p>") == []


@pytest.mark.parametrize(
    "path",
    ["/documents/{evil}", "/", "/?q=harbour", "/outlets", "/map", "/?place=698740"],
)
def test_api_dashboard_hostile_text_is_escaped(api: TestClient, path: str) -> None:
    page = api.get(path.format(**hashes()), headers={"accept": "text/html"}).text
    assert "pwn" in page or path == "/map"  # the hostile document is on the page
    assert injected(page) == []
    if path.startswith("/documents"):
        assert "&lt;script&gt;alert(&#39;pwn-script&#39;)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(&#39;pwn-img&#39;)&gt;" in page
        assert "&lt;b onmouseover=" in page  # the hostile comment author
        assert "javascript:alert(&#39;pwn-url&#39;)" in page  # shown, never linked


def test_api_dashboard_hostile_outlet_page_is_escaped(api: TestClient) -> None:
    outlets = api.get("/api/v1/outlets").json()
    hostile = [p["outlet"] for p in outlets if "pwn" in p["outlet"]]
    assert hostile, outlets
    from urllib.parse import quote

    page = api.get(f"/outlets/{quote(hostile[0], safe='')}", headers={"accept": "text/html"})
    assert page.status_code == 200 and "pwn-img" in page.text
    assert injected(page.text) == []


# -- presslens serve -----------------------------------------------------------------------


def test_api_serve_refuses_an_empty_token_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from presslens.cli import app

    monkeypatch.delenv("PRESSLENS_TEST_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--token-env", "PRESSLENS_TEST_TOKEN"])
    assert result.exit_code == 2
    assert "[E053]" in result.output and "PRESSLENS_TEST_TOKEN" in result.output


def test_api_serve_fails_fast_on_an_unusable_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from presslens.cli import app

    missing = tmp_path / "no" / "such" / "dir" / "news.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(missing)])
    assert result.exit_code == 3 and "presslens: error: [E110]" in result.output
    result = CliRunner().invoke(app, ["serve", "--db", str(missing), "--create"])
    assert result.exit_code == 3 and "presslens: error: [E041]" in result.output
    assert not missing.parent.exists()


# -- the other backend ---------------------------------------------------------------------


def test_api_postgres_store_answers_like_sqlite(api: TestClient) -> None:
    from tests.conftest import postgres_url

    gen = postgres_url()
    url = next(gen)
    try:
        with open_store(url) as store:
            store.write(list(corpus()))
        with client(create_app(ApiSettings(db_url=url))) as pg:
            for path in (
                "/api/v1/search?q=grain&order=newest",
                "/api/v1/search?place=Odesa&flag=insult",
                f"/api/v1/documents/{hashes()['odesa']}",
                "/api/v1/places",
                "/api/v1/outlets/example.org",
                "/api/v1/timeline",
            ):
                a, b = api.get(path), pg.get(path)
                assert a.status_code == b.status_code == 200, (path, b.text)
                ja, jb = a.json(), b.json()
                if "search" in path:  # snippets are each backend's own; the rest must agree
                    for hit in (*ja["hits"], *jb["hits"]):
                        hit.pop("snippet")
                assert ja == jb, path
            page = pg.get(f"/documents/{hashes()['evil']}", headers={"accept": "text/html"})
            assert page.status_code == 200 and injected(page.text) == []
    finally:
        gen.close()
