"""GET /api/v1/events: each document's reports, merged reports, GeoJSON, filters."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from presslens.api.app import ApiSettings, create_app
from presslens.store import open_store
from tests.test_store_events import _corpus

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette would rather use the httpx2 fork
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = str(Path(tmp_path_factory.mktemp("events")) / "events.db")
    with open_store(db) as store:
        store.write(_corpus())
    with TestClient(create_app(ApiSettings(db_url=db)), raise_server_exceptions=False) as c:
        yield c


def test_api_events_lists_each_report(api: TestClient) -> None:
    body = api.get("/api/v1/events").json()
    assert [r["event"]["category"] for r in body] == ["MOVE", "ASSAULT", "ASSAULT"]
    assert len({r["document"] for r in body}) == 2
    only = api.get("/api/v1/events", params={"category": "assault", "outlet": "example.org"})
    assert [r["event"]["id"] for r in only.json()] == ["e1"]


def test_api_events_dedupe_merges_sources(api: TestClient) -> None:
    body = api.get("/api/v1/events", params={"dedupe": "true"}).json()
    assert [(c["category"], len(c["sources"])) for c in body] == [("ASSAULT", 2), ("MOVE", 1)]


def test_api_events_geojson_points(api: TestClient) -> None:
    merged = api.get("/api/v1/events", params={"dedupe": "true", "format": "geojson"}).json()
    assert merged["type"] == "FeatureCollection"
    points = [f["geometry"]["coordinates"] for f in merged["features"]]
    assert [39.01, 35.95] in points and len(points) == 2
    each = api.get("/api/v1/events", params={"format": "geojson"}).json()
    assert len(each["features"]) == 3


def test_api_events_rejects_a_bad_format_in_the_envelope(api: TestClient) -> None:
    r = api.get("/api/v1/events", params={"format": "kml"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "E023"
