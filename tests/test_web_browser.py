"""The dashboard in a real browser: uvicorn serves the app from a thread over a small store,
headless Chromium (Playwright) loads the pages, searches, toggles layers, draws the map, and
proves hostile text stays inert. Screenshots go to $PRESSLENS_ARTIFACTS (default
artifacts/screenshots under the repository)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import ROOT
from tests.test_api import HOSTILE, TOKEN, fill_store, hashes, pipeline

CHROMIUM = Path("/usr/bin/chromium")
try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - CI installs it with the dev extra
    sync_playwright = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(sync_playwright is None, reason="the playwright package is not installed"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]
ARTIFACTS = Path(os.environ.get("PRESSLENS_ARTIFACTS") or ROOT / "artifacts" / "screenshots")
NO_COLOUR = "rgba(0, 0, 0, 0)"


NESTED_TEXT = (
    "Harbour chief speaks out\n\nThe harbour chief said on Tuesday: \u201cThese reckless "
    "Kremlin lies about the harbour must stop now,\u201d and left the room.\n"
)


def nested_document() -> Any:
    """A quotation holding a technique span holding an entity and a date: the nesting the
    dashboard must keep legible (hand-made layers on the real segmenter)."""
    from presslens import analyze
    from presslens.model import Attribution, Entity, Mention, Span, TechniqueSpan, TimeExpression

    a = analyze(NESTED_TEXT, structure_only=True, published="2024-05-06")

    def span(words: str) -> Span:
        start = a.text.index(words)
        return Span(start=start, end=start + len(words))

    quote = "These reckless Kremlin lies about the harbour must stop now,"
    return a.model_copy(update={
        "attributions": [Attribution(
            id="q1", kind="direct", content=[span(quote)], content_text=quote,
            source=span("The harbour chief"), source_text="The harbour chief",
            source_class="role")],
        "techniques": [TechniqueSpan(id="t1", technique="Loaded_Language",
                                     span=span("reckless Kremlin lies"),
                                     text="reckless Kremlin lies", score=0.8)],
        "entities": [Entity(id="ent:kremlin", name="Kremlin", type="ORG",
                            mentions=[Mention(span=span("Kremlin"), text="Kremlin")],
                            article_mentions=1, comment_mentions=0)],
        "times": [TimeExpression(span=span("Tuesday"), text="Tuesday", kind="date",
                                 value="2024-05-07", granularity="day", resolved=True,
                                 relative=True)],
    })  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from presslens.api.app import create_app
    from presslens.api.schemas import ApiSettings

    db = fill_store(tmp_path_factory.mktemp("web") / "news.db")
    from presslens.store import open_store

    with open_store(db) as store:
        store.add(nested_document())
    app = create_app(ApiSettings(db_url=db, token=TOKEN, nlp=pipeline()))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert sync_playwright is not None
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"


class Watched:
    """A page with every dialog, console error and failed request recorded."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.base, "data:")):
            self.outside.append(request.url)

    def go(self, path: str) -> Page:
        response = self.page.goto(self.base + path, wait_until="networkidle")
        assert response is not None and response.status == 200, path
        return self.page

    def shot(self, name: str) -> None:
        # from the top: a sticky bar scrolled with the page would cover the middle of a
        # full-page shot
        self.page.evaluate("window.scrollTo(0, 0)")
        self.page.screenshot(path=str(_artifact(name)), full_page=True)


@pytest.fixture
def web(browser: Browser, base_url: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page(), base_url)
    yield watched
    context.close()
    assert watched.outside == [], "the dashboard fetched from another server"
    assert watched.errors == [], watched.errors  # CSP violations are console errors too


def test_web_browser_search_with_facets(web: Watched) -> None:
    page = web.go("/")
    assert page.inner_text("#total") == "4"
    page.fill("input[name=q]", "grain")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#total") == "2"
    assert page.locator(".snippet mark").count() >= 2
    web.shot("search")
    page.click("section.facet[data-facet=outlet] a:text('example.net')")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#total") == "1"
    assert page.inner_text(".hit-title") == "Talks in Berlin end without a deal"
    assert "outlet: example.net" in page.inner_text("p.active")


def test_web_browser_search_by_alias_shows_the_canonical_name(web: Watched) -> None:
    # "Trukhanov" alone is how the comment names "Gennadiy Trukhanov"
    page = web.go("/?entity=Trukhanov")
    assert page.inner_text("#total") == "1"
    labels = page.locator("section.facet[data-facet=entity] li").all_inner_texts()
    assert any("Gennadiy Trukhanov (as “Trukhanov”)" in t for t in labels), labels
    web.shot("search-alias")


def _paint(page: Page, selector: str) -> dict[str, str]:
    return dict(
        page.eval_on_selector(
            selector,
            """el => { const s = getComputedStyle(el); return {
                background: s.backgroundColor, decoration: s.textDecorationLine,
                decorationColour: s.textDecorationColor, decorationStyle: s.textDecorationStyle,
                border: s.borderBottomStyle + ' ' + s.borderBottomColor,
                outline: s.outlineStyle, tag: getComputedStyle(el, '::after').content }; }""",
        )
    )


def test_web_browser_article_layers_toggle(web: Watched) -> None:
    page = web.go("/?q=Trukhanov")
    page.click(".hit-title")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#doc-title") == "Fire at the harbour in Odesa"
    assert page.locator(".card h2").first.inner_text() == "Signals"
    assert page.locator("#thread .comment").count() == 2
    assert page.locator("#thread .cflag-insult").count() == 1
    ent = "#text mark.layer-entities"
    tech = "#text mark.layer-techniques"
    assert page.locator(ent).count() >= 4 and page.locator(tech).count() == 1
    background = _paint(page, ent)["background"]
    assert background != NO_COLOUR
    assert _paint(page, tech)["decoration"] == "underline"
    assert _paint(page, tech)["tag"] == '"loaded"'
    web.shot("article")

    page.uncheck("#layer-entities")
    assert _paint(page, ent)["background"] == NO_COLOUR  # hidden ...
    assert _paint(page, tech)["decoration"] == "underline"  # ... and only that layer
    page.uncheck("#layer-techniques")
    assert _paint(page, tech)["decoration"] == "none" and _paint(page, tech)["tag"] == "none"
    web.shot("article-layers-off")
    page.check("#layer-entities")
    assert _paint(page, ent)["background"] == background  # shown again
    # the text itself never goes away with its highlight
    assert "Gennadiy Trukhanov" in page.inner_text("#text")


def test_web_browser_nested_highlights_keep_their_shapes(web: Watched) -> None:
    from presslens.analysis import analyze

    digest = analyze(NESTED_TEXT, structure_only=True).document.content_hash
    page = web.go(f"/documents/{digest}")
    quote = _paint(page, "#text mark.layer-quotes")
    tech = _paint(page, "#text mark.layer-quotes mark.layer-techniques")
    ent = _paint(page, "#text mark.layer-quotes mark.layer-techniques mark.layer-entities")
    date = _paint(page, "#text mark.layer-dates")
    assert quote["border"].startswith("solid")  # dashed only for vague or anonymous sources
    assert tech["decoration"] == "underline" and tech["decorationStyle"] == "wavy"
    assert ent["background"] != NO_COLOUR
    assert date["decoration"] == "overline"
    # the legend shows each layer's own sample and says its shape in words
    legend = page.inner_text("#layers")
    for words in ("tinted background", "wavy underline", "line below", "line above"):
        assert words in legend
    page.locator("#text mark.layer-quotes").scroll_into_view_if_needed()
    page.locator("#text").screenshot(path=str(_artifact("article-nested")))
    web.shot("article-nested-page")


def test_web_browser_standalone_report_keeps_nested_highlights(browser: Browser) -> None:
    from presslens.render.html import render_html

    context = browser.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    page.set_content(render_html(nested_document()))
    tech = _paint(page, "mark.quote mark.tech")
    assert tech["decoration"] == "underline" and tech["decorationStyle"] == "wavy"
    assert _paint(page, "mark.quote mark.tech mark.ent")["background"] != NO_COLOUR
    assert _paint(page, "mark.quote")["border"].startswith("solid")
    page.screenshot(path=str(_artifact("report")), full_page=True)
    context.close()


def test_web_browser_article_tables_link_to_highlights(web: Watched) -> None:
    page = web.go(f"/documents/{hashes()['odesa']}")
    for table in ("quotes", "places", "entities", "claims", "events", "comments"):
        assert page.locator(f"#tab-{table} tbody tr").count() >= 1, table
    links = page.locator("section.findings td a[data-target]")
    targets = set(links.evaluate_all("els => els.map(e => e.dataset.target)"))
    missing = page.evaluate(
        "ids => ids.filter(id => !document.getElementById(id))", sorted(targets)
    )
    assert missing == []  # every row's link lands on an element
    # the first quote row with a link (an attribution in the headline has no highlight)
    first = page.locator("#tab-quotes tbody tr td a[data-target]").first
    target = first.get_attribute("data-target")
    first.click()
    assert target is not None and target.startswith("q")
    assert page.evaluate("location.hash") == f"#{target}"
    assert page.eval_on_selector(":target", "el => el.tagName") == "MARK"
    assert page.eval_on_selector(":target", "el => getComputedStyle(el).outlineStyle") == "solid"
    web.shot("article-tables")
    # check-worthy claims: shaded sentence ranges, toggled like every layer
    shaded = page.evaluate("() => [...CSS.highlights.get('claims')].map(r => r.toString())")
    stored = page.evaluate(
        "h => fetch('/api/v1/documents/' + h).then(r => r.json())", hashes()["odesa"]
    )
    flagged = [c["text"] for c in stored["claims"] if c["checkworthy"]]
    # the shaded ranges are the flagged sentences, whatever the model flags
    assert flagged and sorted(shaded) == sorted(flagged)
    page.uncheck("#layer-claims")
    assert page.evaluate("CSS.highlights.has('claims')") is False
    page.check("#layer-claims")
    assert page.evaluate("CSS.highlights.has('claims')") is True


def test_web_browser_keyboard_navigation(web: Watched) -> None:
    page = web.go(f"/documents/{hashes()['odesa']}")
    page.keyboard.press("1")
    assert not page.is_checked("#layer-entities")
    assert _paint(page, "#text mark.layer-entities")["background"] == NO_COLOUR
    page.keyboard.press("1")
    assert page.is_checked("#layer-entities")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator("mark.focus").count() == 1
    assert page.inner_text("#focus-info").startswith("2 of ")
    page.keyboard.press("k")
    assert page.inner_text("#focus-info").startswith("1 of ")
    web.shot("article-keyboard")
    with page.expect_navigation():
        page.keyboard.press("/")  # no search box here: the search page
    page.wait_for_load_state("networkidle")
    assert page.evaluate("location.pathname") == "/"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"


def _map_places(page: Page) -> int:
    """Places drawn: single circles plus the members of every cluster."""
    singles = page.locator("svg#map circle.place").count()
    counts = page.locator("svg#map g.cluster").evaluate_all(
        "els => els.map(e => Number(e.dataset.count))"
    )
    return singles + sum(counts)


def test_web_browser_map_draws_countries_and_places(web: Watched) -> None:
    page = web.go("/map")
    page.wait_for_selector("svg#map[data-ready='1']", timeout=15_000)
    countries = page.locator("svg#map path.country").count()
    assert countries > 150  # Natural Earth 1:110m has 177
    rows = page.locator("table.places tbody tr").count()
    assert rows >= 4 and _map_places(page) == rows
    # Odesa and Ukraine's centre are 2 degrees apart: one cluster at world scale
    assert page.locator("svg#map g.cluster").count() >= 1
    # events: one diamond per merged event the API returns (the Berlin meeting at least)
    merged = page.evaluate("fetch('/api/v1/events?dedupe=true&format=geojson').then(r => r.json())")
    diamonds = page.locator("svg#map g.events path.event")
    assert diamonds.count() == len(merged["features"]) >= 1
    assert "CONSULT" in {f["properties"]["category"] for f in merged["features"]}
    assert "event(s) on a map" in page.inner_text("#map-status")
    web.shot("map")
    # the place list beside the map zooms to its place; the cluster splits
    page.click("table.places tr[data-geonameid='698740'] button.show")
    assert float(page.get_attribute("svg#map", "data-zoom") or 0) >= 8
    odesa = page.locator("svg#map circle.place[data-geonameid='698740']")
    assert odesa.count() == 1
    cx, cy = float(odesa.get_attribute("cx") or 0), float(odesa.get_attribute("cy") or 0)
    assert abs(cx - 480) < 1 and abs(cy - 240) < 1  # centred
    web.shot("map-zoomed")
    # keyboard: 0 resets, + zooms, arrows pan
    page.focus("svg#map")
    page.keyboard.press("0")
    assert page.get_attribute("svg#map", "data-zoom") == "1.00"
    page.keyboard.press("+")
    assert page.get_attribute("svg#map", "data-zoom") == "1.50"
    before = page.get_attribute("svg#map g.world", "transform")
    page.keyboard.press("ArrowLeft")
    assert page.get_attribute("svg#map g.world", "transform") != before
    # wheel zoom and drag pan
    box = page.locator("svg#map").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.58, box["y"] + box["height"] * 0.25)
    page.mouse.wheel(0, -300)
    page.wait_for_function("Number(document.getElementById('map').dataset.zoom) > 1.5")
    before = page.get_attribute("svg#map g.world", "transform")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.4, steps=4)
    page.mouse.up()
    assert page.get_attribute("svg#map g.world", "transform") != before
    page = web.go("/map?outlet=example.net")
    page.wait_for_selector("svg#map[data-ready='1']", timeout=15_000)
    assert _map_places(page) == 2


def test_web_browser_timeline_and_outlet_pages(web: Watched) -> None:
    page = web.go("/timeline")
    assert page.locator("#tl-documents rect.bar").count() == 3
    assert page.locator("#tl-mentions rect.bar").count() >= 2
    labels = page.locator("#tl-documents text.tick").all_text_contents()
    assert len(labels) >= 3 and labels[0].endswith("2024")  # a real axis with dates
    web.shot("timeline")
    # brushing: drag across the first two days' bars, the page filters to those dates
    bars = page.locator("#tl-documents rect.bar")
    first, second = bars.nth(0).bounding_box(), bars.nth(1).bounding_box()
    assert first is not None and second is not None
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(second["x"] + second["width"] / 2, y, steps=5)
    with page.expect_navigation():
        page.mouse.up()
    page.wait_for_load_state("networkidle")
    assert "date_from=2024-05-06" in page.url and "date_to=2024-05-07" in page.url
    assert page.locator("#tl-documents rect.bar").count() == 2
    web.shot("timeline-brushed")
    page = web.go("/timeline?bin=week")
    assert page.locator("#tl-documents rect.bar").count() == 1
    page = web.go("/outlets")
    web.shot("outlets")
    page.click("table.outlets a:text('example.org')")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#outlet-name") == "example.org"
    body = page.inner_text("main")
    for heading in ("Volume", "Reliability ratings", "Propaganda techniques", "Sourcing"):
        assert heading in body
    assert "1 of 2 assessed comments carry a flag" in body
    assert page.locator("#outlet-signals tr").count() >= 3
    assert page.locator("#volume rect.bar").count() == 1
    web.shot("outlet")


def _no_injection(page: Page) -> None:
    found = page.evaluate(
        """() => ({
        scripts: [...document.scripts].filter(s => !s.src.includes('/static/')).length,
        imgs: document.images.length,
        handlers: [...document.querySelectorAll('*')].filter(
            e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        jsLinks: [...document.querySelectorAll('[href]')].filter(
            e => e.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
        })"""
    )
    assert found == {"scripts": 0, "imgs": 0, "handlers": 0, "jsLinks": 0}


def test_web_browser_hostile_text_is_inert(web: Watched) -> None:
    page = web.go(f"/documents/{hashes()['evil']}")
    assert page.inner_text("#doc-title").startswith(HOSTILE["script"])
    assert HOSTILE["img"] in page.inner_text("#text")
    author = page.locator("#thread .comment .author").first
    assert author.inner_text() == HOSTILE["event"]
    author.hover()  # an injected onmouseover would fire now
    assert page.locator("dl.meta .url").inner_text() == "javascript:alert('pwn-url')"
    _no_injection(page)
    web.shot("hostile-article")
    for path in ("/?q=harbour", "/outlets", "/map", "/timeline"):
        page = web.go(path)
        _no_injection(page)
    hostile_outlet = [
        o for o in web.go("/outlets").locator("table.outlets a").all_inner_texts() if "pwn" in o
    ]
    assert hostile_outlet
    page = web.go(f"/outlets/{quote(hostile_outlet[0], safe='')}")
    assert "pwn-img" in page.inner_text("#outlet-name")
    _no_injection(page)
    time.sleep(0.3)  # give any injected timer or handler a moment to fire
    assert web.dialogs == []
