"""Hostile requests and failing writes (issue 18): 4xx with the envelope, never 500; no
request holds the database past its timeout; one bad document is one error row, on both
stores. Documents and requests are built here, by code."""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from presslens.analysis import analyze
from presslens.api.app import CSP, ApiSettings, create_app
from presslens.api.store_routes import MAX_FILTER_VALUES
from presslens.batch.ingest import ingest
from presslens.errors import PresslensError
from presslens.ingest import RawDocument
from presslens.model import Analysis
from presslens.store import Store, open_store
from presslens.store.rows import DOCUMENT_COLUMNS, DocumentRows

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

TOKEN = "hardening-token-0123456789"
ARTICLE = "Harbour Reopens\n\nThe harbour in Lisbon reopened on Monday after repairs.\n"


def _doc(title: str, site: str | None = None) -> Analysis:
    raw = RawDocument(
        text=f"{title}\n\nThe harbour in Lisbon reopened on Monday.\n",
        source=f"{title}.txt",
        source_format="text",
        site=site,
    )
    return analyze(raw, structure_only=True)


@pytest.fixture
def filled(store_url: str) -> str:
    with open_store(store_url) as store:
        store.add(_doc("Quay One", site="Harbour News / Lisbon"))
        store.add(_doc("Quay Two", site="example.org"))
    return store_url


_OPEN: list[TestClient] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _OPEN:  # the app's shutdown closes its store connections
        _OPEN.pop().__exit__(None, None, None)


def _client(url: str | None, **settings: Any) -> TestClient:
    settings.setdefault("dashboard", False)
    app = create_app(ApiSettings(db_url=url, token=TOKEN, **settings))
    client = TestClient(app, raise_server_exceptions=False)
    client.__enter__()
    _OPEN.append(client)
    return client


def _envelope(r: Any, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"


# -- 7. parameters out of type or range are 4xx, never 500 ---------------------------
@pytest.mark.parametrize(
    "query",
    [
        "place=%C2%B2",  # "²": a digit to str.isdigit, not to int()
        "place=" + "9" * 20,
        "offset=" + str(2**63),
        "limit=" + str(2**63),
    ],
)
def test_hardening_api_odd_numbers_are_answered(filled: str, query: str) -> None:
    r = _client(filled).get(f"/api/v1/search?{query}")
    assert r.status_code < 500, r.text
    assert r.headers["x-frame-options"] == "DENY"


def test_hardening_api_graph_weight_out_of_range(filled: str) -> None:
    r = _client(filled).get(f"/api/v1/graph?min_weight={2**63}")
    _envelope(r, 422, "E023")


@pytest.mark.parametrize("n", [MAX_FILTER_VALUES + 1, 100, 495])
def test_hardening_api_caps_repeated_filters(filled: str, n: int) -> None:
    query = "&".join(f"entity=e{i}" for i in range(n))
    _envelope(_client(filled).get(f"/api/v1/search?{query}"), 400, "E084")


@pytest.mark.parametrize(
    "path", ["/api/v1/search?q=a%00b", "/api/v1/search?entity=%00", "/api/v1/documents/ab%00cd"]
)
def test_hardening_api_refuses_nul_in_requests(filled: str, path: str) -> None:
    _envelope(_client(filled).get(path), 400, "E088")


def test_hardening_api_outlet_names_with_a_slash_are_reachable(filled: str) -> None:
    client = _client(filled)
    names = [p["outlet"] for p in client.get("/api/v1/outlets").json()]
    slashed = next(n for n in names if "/" in n)
    r = client.get(f"/api/v1/outlets/{slashed}")
    assert r.status_code == 200, r.text
    assert r.json()["profile"]["outlet"] == slashed
    # the dashboard links to it with the slash escaped, as its templates write it
    page = _client(filled, dashboard=True).get(f"/outlets/{quote(slashed, safe='')}")
    assert page.status_code == 200 and "harbour news" in page.text.lower()


def test_hardening_api_500s_carry_the_security_headers() -> None:
    app = create_app(ApiSettings(dashboard=False))

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    r = TestClient(app, raise_server_exceptions=False).get("/api/v1/boom")
    _envelope(r, 500, "E050")


def test_hardening_api_openapi_declares_the_token() -> None:
    spec = _client(None).get("/openapi.json").json()
    post = spec["paths"]["/api/v1/documents"]["post"]
    assert post["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


# -- 6. POST /analyze is bounded and never waits for ever on another client ----------
def test_hardening_api_analyze_is_bounded() -> None:
    client = _client(None, analyze_max_chars=200, analyze_wait=0.1)
    r = client.post("/api/v1/analyze", json={"text": "Title\n\n" + "word " * 100})
    _envelope(r, 413, "E083")
    r = client.post("/api/v1/analyze", json={"text": ARTICLE, "url": "http://[::1/x"})
    _envelope(r, 422, "E015")


def test_hardening_api_analyze_busy_is_503_not_a_queue() -> None:
    entered, release = threading.Event(), threading.Event()
    app = create_app(ApiSettings(dashboard=False, analyze_wait=0.2))
    lock = app.state.analyse_lock

    def hold() -> None:
        with lock:
            entered.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    entered.wait(5)
    try:
        r = TestClient(app).post("/api/v1/analyze", json={"text": ARTICLE})
        _envelope(r, 503, "E086")
        assert r.headers["retry-after"]
    finally:
        release.set()
        holder.join()


def test_hardening_api_analyze_can_require_the_token() -> None:
    client = _client(None, analyze_requires_token=True)
    _envelope(client.post("/api/v1/analyze", json={"text": ARTICLE}), 401, "E020")
    spec = client.get("/openapi.json").json()
    assert spec["paths"]["/api/v1/analyze"]["post"]["security"] == [{"bearerAuth": []}]


# -- 5. no request holds the database past the timeout -----------------------------
def test_hardening_store_request_timeout_cancels_the_statement(store_url: str) -> None:
    with open_store(store_url) as store:
        store.request_timeout = 0.3
        store.begin_request()
        slow = (
            "SELECT pg_sleep(3)"
            if store.backend == "postgresql"
            else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
            "WHERE i < 100000000) SELECT COUNT(*) FROM n"
        )
        with pytest.raises(PresslensError) as info:
            store.query(slow)
        assert info.value.code == "E085"
        store.request_timeout = None
        store.begin_request()
        assert store.query("SELECT 1") == [(1,)]  # the connection is still usable


def test_hardening_api_many_filters_within_the_cap_stay_bounded(filled: str) -> None:
    query = "&".join(f"entity=e{i}&place=p{i}" for i in range(MAX_FILTER_VALUES // 2))
    r = _client(filled, request_timeout=5.0).get(f"/api/v1/search?{query}")
    assert r.status_code in (200, 503), r.text


# -- 2./3. one bad record is one error row; the batch goes on -------------------------
def test_hardening_ingest_stores_records_with_nul_and_surrogates(
    store_url: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "c.jsonl"
    records = [
        {"text": f"Title {i}\n\nBody {i} of the harbour story.", "author": f"A{i}"}
        for i in range(6)
    ]
    records[1]["text"] += " A NUL \u0000 here."
    records[2]["author"] = "Sam\ud800"
    records[3]["text"] += " A surrogate \udfff there."
    records[4]["url"] = "http://[::1/x"  # E015: an error row, not a crash
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for _ in range(2):  # a re-run finds the same: nothing aborts
        report = ingest([corpus], store_url, structure_only=True)
        assert report.errors == 1 and report.error_codes == {"E015": 1}
    with open_store(store_url) as store:
        assert store.count() == 5
        assert [e.code for e in store.errors()] == ["E015"]


def test_hardening_ingest_a_document_the_store_refuses_is_an_error_row(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "c.jsonl"
    rows = [{"text": f"Title {i}\n\nBody {i} of the story."} for i in range(5)]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    real = Store._insert

    def refuse(self: Store, rows: DocumentRows, now: str) -> bool:
        if "Body 2 " in rows.document[DOCUMENT_COLUMNS.index("text")]:
            # what PostgreSQL does with a NUL that got past the reader
            self.execute("SELECT CAST(? AS INTEGER)", ("not a number",))
            raise ValueError("the store refused this document")
        return real(self, rows, now)

    monkeypatch.setattr(Store, "_insert", refuse)
    report = ingest([corpus], store_url, structure_only=True, commit_every=10)
    assert report.added == 4 and report.error_codes == {"E089": 1}
    with open_store(store_url) as store:
        assert store.count() == 4
        [err] = store.errors()
        assert err.code == "E089" and err.line == 3
