"""Search by any name: aliases of entities, places and speakers, on both backends and end to
end through the HTTP API. The documents are written for these tests and given hand-made
layers (``structure_only`` segmentation, no model), so each alias has a known source."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from presslens import analyze
from presslens.api.app import ApiSettings, create_app
from presslens.model import Analysis, Attribution, Entity, Mention, Place, Span
from presslens.store import Filters, Store, open_store, search
from presslens.store.aliases import alias_rows
from tests.conftest import flattened

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

RAQQA, TARTUS = 163345, 170017
IS_ID, LAVROV_ID = "ent:islamic-state", "ent:sergei-lavrov"


def _span(a: Analysis, words: str) -> Span:
    start = a.text.index(words)
    return Span(start=start, end=start + len(words))


def _mention(a: Analysis, words: str, form: Any = "name") -> Mention:
    return Mention(span=_span(a, words), text=words, form=form)


def _doc(title: str, body: str, published: str) -> Analysis:
    return analyze(flattened(title, [body], []), structure_only=True, published=published)


def build() -> list[Analysis]:
    a = _doc(
        "Convoy turns back outside Raqqa",
        "A convoy turned back outside Raqqa after ISIS fighters blocked the road. Lavrov "
        "said the group had to be stopped, and the minister repeated it.",
        "2017-03-02",
    )
    a = a.model_copy(update={
        "entities": [
            Entity(id=IS_ID, name="Islamic State", type="ORG",
                   mentions=[_mention(a, "ISIS", "alias"), _mention(a, "the group", "role")],
                   article_mentions=2, comment_mentions=0),
            Entity(id=LAVROV_ID, name="Sergei Lavrov", type="PERSON",
                   mentions=[_mention(a, "Lavrov"), _mention(a, "the minister", "role")],
                   article_mentions=2, comment_mentions=0),
        ],
        "places": [Place(span=_span(a, "Raqqa"), text="Raqqa", geonameid=RAQQA,
                         name="Ar Raqqah", country_code="SY", lat=35.95, lon=39.01,
                         confidence=0.9)],
        "attributions": [Attribution(
            id="q1", kind="indirect", content=[_span(a, "the group had to be stopped")],
            content_text="the group had to be stopped", source=_span(a, "Lavrov"),
            source_text="Lavrov", source_class="named_person", speaker="Sergei Lavrov",
            speaker_id=LAVROV_ID, speaker_via="name")],
    })  # fmt: skip
    b = _doc(
        "Talks on Ar Raqqah stall",
        "Sergei Lavrov told envoys that the Islamic State still held Ar Raqqah.",
        "2017-03-05",
    )
    b = b.model_copy(update={
        "entities": [Entity(id=IS_ID, name="Islamic State", type="ORG",
                            mentions=[_mention(b, "Islamic State")], article_mentions=1,
                            comment_mentions=0)],
        "places": [Place(span=_span(b, "Ar Raqqah"), text="Ar Raqqah", geonameid=RAQQA,
                         name="Ar Raqqah", confidence=0.9)],
        "attributions": [Attribution(
            id="q1", kind="indirect", content=[_span(b, "the Islamic State still held")],
            content_text="the Islamic State still held", source_text="Sergei Lavrov",
            source_class="named_person", speaker="Sergei Lavrov", speaker_via="name")],
    })  # fmt: skip
    c = _doc("Ferry resumes at Tartus", "The ferry to Tartus runs again.", "2017-03-06")
    c = c.model_copy(update={
        "places": [Place(span=_span(c, "Tartus"), text="Tartus", geonameid=TARTUS,
                         name="Tartus", confidence=0.9)],
    })  # fmt: skip
    return [a, b, c]


DOCS = build()
A, B, C = (d.document.content_hash for d in DOCS)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        s.write(DOCS)
        yield s


def _found(store: Store, **filters: Any) -> set[str]:
    result = search(store, Filters(**filters), limit=100, facets=False)
    return {h.content_hash for h in result.hits}


def test_store_aliases_skip_roles_pronouns_and_the_canonical_name() -> None:
    rows = {(r[0], r[4]) for r in alias_rows(DOCS[0])}
    assert rows == {
        ("entity", "ISIS"),
        ("entity", "Lavrov"),
        ("place", "Raqqa"),
        ("speaker", "Lavrov"),
    }
    assert alias_rows(DOCS[2]) == []  # every name there is canonical already


def test_store_search_by_a_negative_place_id(store_url: str) -> None:
    # features GeoNames lacks (airports, compound regions) carry negative ids in the gazetteer
    d = _doc("Flights resume at Hamadan", "Flights resume at the Hamadan air base.", "2017-03-07")
    d = d.model_copy(update={
        "places": [Place(span=_span(d, "Hamadan"), text="Hamadan", geonameid=-987654,
                         name="Hamadan Air Base", confidence=0.9)],
    })  # fmt: skip
    with open_store(store_url) as s:
        s.write([d])
        assert _found(s, place=["-987654"]) == {d.document.content_hash}
        assert _found(s, place=["987654"]) == set()


def test_store_search_finds_canonical_names_by_alias(store: Store) -> None:
    assert _found(store, place=["Raqqa"]) == {A, B}  # B never says "Raqqa"
    assert _found(store, place=["ar raqqah"]) == {A, B}
    assert _found(store, entity=["ISIS"]) == {A, B}
    assert _found(store, entity=["isis"]) == {A, B}
    assert _found(store, speaker=["Lavrov"]) == {A, B}
    assert _found(store, speaker=["Sergei Lavrov"]) == {A, B}
    assert _found(store, place=["Tartus"]) == {C}


def test_store_search_roles_and_unknown_names_find_nothing(store: Store) -> None:
    assert _found(store, speaker=["the minister"]) == set()
    assert _found(store, entity=["the group"]) == set()
    assert _found(store, place=["Raqq"]) == set()
    # an alias and a name of something else must both hold
    assert _found(store, place=["Raqqa"], entity=["ISIS"]) == {A, B}
    assert _found(store, place=["Tartus"], entity=["ISIS"]) == set()


def test_store_facets_show_the_canonical_name_and_the_matched_alias(store: Store) -> None:
    result = search(store, Filters(place=["Raqqa"], speaker=["Lavrov"]), limit=10)
    (place,) = result.facets["place"]
    assert (place.value, place.label, place.count, place.matched) == (
        str(RAQQA),
        "Ar Raqqah",
        2,
        "Raqqa",
    )
    (speaker,) = result.facets["speaker"]
    assert (speaker.label, speaker.matched) == ("Sergei Lavrov", "Lavrov")
    plain = search(store, Filters(place=["Ar Raqqah"]), limit=10)
    assert [v.matched for v in plain.facets["place"]] == [None]


def test_store_aliases_are_backfilled_for_documents_stored_before_the_table(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import presslens.store.base as base

    real = base.derive

    def without_aliases(analysis: Analysis) -> Any:
        rows = real(analysis)
        rows.tables.pop("aliases")  # what a version-3 presslens wrote
        return rows

    with open_store(store_url, migrate=False) as s:
        s.migrate(target=3)
        monkeypatch.setattr(base, "derive", without_aliases)
        s.write(DOCS)
        monkeypatch.setattr(base, "derive", real)
    with open_store(store_url) as s:
        assert s.count("aliases") == len(alias_rows(DOCS[0])) + len(alias_rows(DOCS[1]))
        assert _found(s, place=["Raqqa"]) == {A, B}


def test_store_alias_search_end_to_end_through_the_api(store: Store, store_url: str) -> None:
    app = create_app(ApiSettings(db_url=store_url))
    with TestClient(app, raise_server_exceptions=False) as api:
        r = api.get(
            "/api/v1/search", params={"place": "Raqqa", "order": "oldest", "facets": "place"}
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert [h["content_hash"] for h in body["hits"]] == [A, B]
        assert body["facets"]["place"][0] | {"count": 0} == {
            "value": str(RAQQA),
            "label": "Ar Raqqah",
            "count": 0,
            "matched": "Raqqa",
        }
        r = api.get("/api/v1/search", params=[("entity", "ISIS"), ("speaker", "Lavrov")])
        assert {h["content_hash"] for h in r.json()["hits"]} == {A, B}
        page = api.get("/", params={"place": "Raqqa"}, headers={"accept": "text/html"})
        assert page.status_code == 200
        assert "Ar Raqqah (as “Raqqa”)" in page.text


def test_store_alias_search_through_the_cli(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from presslens.cli import app

    db = tmp_path / "news.db"
    with open_store(db) as s:
        s.write(DOCS)
    r = CliRunner().invoke(app, ["search", "--db", str(db), "--place", "Raqqa", "--facets"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("2 documents match")
    assert "place: Ar Raqqah [as Raqqa] (2)" in r.stdout
    r = CliRunner().invoke(app, ["search", "--db", str(db), "--speaker", "Lavrov", "--json"])
    assert {h["content_hash"] for h in json.loads(r.stdout)["hits"]} == {A, B}
