"""The store: one schema on SQLite and PostgreSQL, each test run against both.

The corpus is five short articles written for these tests, read by the real segmenter
(``structure_only``) and given hand-made analysis layers, so every derived row and every
aggregate has a known value without loading a model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from presslens import analyze
from presslens.analysis import SEGMENTER
from presslens.errors import PresslensError
from presslens.model import (
    Analysis,
    AnalyzerInfo,
    Attribution,
    Claim,
    CommentAssessment,
    CommentScores,
    Entity,
    Mention,
    Outlet,
    Place,
    Span,
    TechniqueSpan,
    TimeExpression,
)
from presslens.store import (
    LATEST_VERSION,
    MAX_PAGE_SIZE,
    ErrorRecord,
    Filters,
    Store,
    cooccurrence,
    open_store,
    outlet_profiles,
    parse_store_url,
    search,
    timeline,
)
from presslens.store.base import QUERY_TABLES
from tests.conftest import flattened, postgres_url

SYRIA, LAVROV, UN = "geonames:163843", "ent:sergei-lavrov", "ent:united-nations"
TARTUS, DAMASCUS = 170017, 170654
SPAN = Span(start=0, end=4)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


def _entity(eid: str, name: str, kind: Any, article: int = 1, comment: int = 0) -> Entity:
    mentions = [
        Mention(span=SPAN, text=name, in_comment=i >= article) for i in range(article + comment)
    ]
    return Entity(
        id=eid, name=name, type=kind, mentions=mentions, article_mentions=article,
        comment_mentions=comment,
    )  # fmt: skip


def _place(gid: int, name: str, lat: float, lon: float) -> Place:
    return Place(
        span=SPAN, text=name, geonameid=gid, name=name, country_code="SY", lat=lat, lon=lon,
        confidence=0.9,
    )  # fmt: skip


def _quote(qid: str, source_class: Any, speaker: str | None = None) -> Attribution:
    return Attribution(
        id=qid, kind="indirect", content=[SPAN], content_text="the port was hit",
        source_class=source_class, speaker=speaker,
    )  # fmt: skip


def _assessed(cid: str, *flags: Any) -> CommentAssessment:
    scores = CommentScores(
        offensive=0.9 if flags else 0.1, targeted=0.5, target={}, abuse={"hate": 0.2},
        violence=0.0, conspiracy=0.0,
    )  # fmt: skip
    return CommentAssessment(
        comment_id=cid, flags=list(flags), scores=scores, target_type=None, targets=[],
        narratives=[], link_hosts=[], evidence=[],
    )  # fmt: skip


def _day(text: str, value: str) -> TimeExpression:
    return TimeExpression(
        span=SPAN, text=text, kind="date", value=value, granularity="day", resolved=True,
        relative=True,
    )  # fmt: skip


def _technique(tid: str, name: str) -> TechniqueSpan:
    return TechniqueSpan(id=tid, technique=name, span=SPAN, text="text", score=0.7)


def _doc(
    title: str, paragraphs: list[str], comments: list[tuple[str | None, str]], **kw: Any
) -> Analysis:
    text = flattened(title, paragraphs, comments)
    return analyze(text, structure_only=True, url=kw.get("url"), published=kw.get("published"))


FULL = [SEGMENTER, AnalyzerInfo(name="presslens.comments.v1", version="test")]


def build_corpus() -> list[Analysis]:
    d1 = _doc(
        "Shelling resumes near Tartus port",
        ["Shelling resumed near the port of Tartus on Monday, and Foreign Minister Sergei "
         "Lavrov said the United Nations had been warned.",
         "Residents said the harbour road was closed for most of the day."],
        [("dockhand77", "Anyone who believes this is an idiot."),
         ("MariaK", "My cousin lives near the harbour and says it was quiet by evening.")],
        url="https://www.harbour-watch.org/2016/10/shelling", published="2016-10-17",
    )  # fmt: skip
    d2 = _doc(
        "Port shelled again, say witnesses",
        ["The port was shelled again overnight, witnesses told reporters, a day after the "
         "first attack on the harbour.",
         "The United Nations called for calm in Syria."],
        [("ironfist77", "Somebody should burn their offices down."),
         ("lena_b", "Stay safe, everyone near the harbour.")],
        url="https://harbour-watch.org/2016/10/again", published="2016-10-18",
    )  # fmt: skip
    d3 = _doc(
        "Ceasefire talks open in Geneva",
        ["Ceasefire talks on Syria opened in Geneva, where Sergei Lavrov met envoys from "
         "Damascus.", "A source close to the talks said no agreement was expected soon."],
        [],
        url="https://riverside-courier.net/talks", published="2016-10-18",
    )  # fmt: skip
    d4 = _doc(
        "Ferry timetable changes for winter",
        ["The island ferry will run four times a day from November, the operator said.",
         "Tickets bought before the change stay valid."],
        [], url="https://riverside-courier.net/ferry", published="2016-10-20",
    )  # fmt: skip
    d5 = _doc(
        "Aid convoy reaches the valley",
        ["An aid convoy organised by the United Nations reached the valley after a week of "
         "negotiations."],
        [("anon_reader", "Good news at last, if it lasts."),
         ("pietro77", "Took them long enough to agree on a route."),
         ("MariaK", "Finally.")],
    )  # fmt: skip
    outlet = Outlet(
        host="www.harbour-watch.org", domain="harbour-watch.org", status="rated", ratings=[],
        verdicts={"mixed": 1, "reliable": 2}, disagreement=False,
    )  # fmt: skip
    d1 = d1.model_copy(update={
        "analyzers": FULL, "outlet": outlet,
        "entities": [_entity(SYRIA, "Syria", "GPE"), _entity(LAVROV, "Sergei Lavrov", "PERSON"),
                     _entity(UN, "United Nations", "ORG", article=1, comment=1)],
        "places": [_place(TARTUS, "Tartus", 34.89, 35.89)],
        "attributions": [_quote("q1", "named_person", "Sergei Lavrov"), _quote("q2", "vague")],
        "comment_analysis": [_assessed("c1", "insult", "offensive"), _assessed("c2")],
        "claims": [Claim(id="k1", span=SPAN, text="Shelling resumed", score=0.8,
                         checkworthy=True, evidence=[])],
        "techniques": [_technique("t1", "Loaded_Language")],
        "times": [_day("Monday", "2016-10-17")],
    })  # fmt: skip
    d2 = d2.model_copy(update={
        "analyzers": FULL,
        "entities": [_entity(SYRIA, "Syria", "GPE"), _entity(UN, "United Nations", "ORG")],
        "places": [_place(TARTUS, "Tartus", 34.89, 35.89)],
        "attributions": [_quote("q1", "vague"), _quote("q2", "named_person", "Sergei Lavrov")],
        "comment_analysis": [_assessed("c1", "threat", "offensive")],
        "techniques": [_technique("t1", "Flag-Waving"), _technique("t2", "Loaded_Language")],
        "times": [_day("a day after", "2016-10-17"), _day("overnight", "2016-10-18")],
    })  # fmt: skip
    d3 = d3.model_copy(update={
        "analyzers": FULL,
        "entities": [_entity(SYRIA, "Syria", "GPE"), _entity(LAVROV, "Sergei Lavrov", "PERSON")],
        "places": [_place(DAMASCUS, "Damascus", 33.51, 36.29)],
        "attributions": [_quote("q1", "anonymous")],
    })  # fmt: skip
    d5 = d5.model_copy(update={"entities": [_entity(UN, "United Nations", "ORG")]})
    return [d1, d2, d3, d4, d5]


CORPUS = build_corpus()
H = [a.document.content_hash for a in CORPUS]


def hashes(store: Store, filters: Filters | str | None = None, **kw: Any) -> list[str]:
    return [h.content_hash for h in search(store, filters, limit=100, facets=False, **kw).hits]


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row, documents named by content hash, ids and timestamps left out."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for table in QUERY_TABLES:
        rows = store.query(f"SELECT * FROM {table}")
        names = _columns(store, table)
        keep = [i for i, n in enumerate(names) if n not in ("id", "ingested_at", "recorded_at")]
        ids = dict(store.query("SELECT id, content_hash FROM documents"))
        fixed = []
        for row in rows:
            values = [ids[v] if names[i] == "doc_id" else v for i, v in enumerate(row)]
            fixed.append(tuple(_plain(values[i]) for i in keep if names[i] != "tsv"))
        out[table] = sorted(fixed, key=repr)
    return out


def _columns(store: Store, table: str) -> list[str]:
    if store.backend == "sqlite":
        return [r[1] for r in store.query(f"PRAGMA table_info({table})")]
    return [
        r[0]
        for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            (table,),
        )
    ]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def test_store_url_forms_choose_the_backend() -> None:
    assert parse_store_url("news.db").backend == "sqlite"
    assert parse_store_url("sqlite:///data/news.db").target == "data/news.db"
    assert parse_store_url("sqlite:////tmp/news.db").target == "/tmp/news.db"
    url = parse_store_url("postgres://me:secret@db.example:5432/news")
    assert url.backend == "postgresql" and url.target.startswith("postgresql://")
    assert "secret" not in url.display
    with pytest.raises(PresslensError) as err:
        parse_store_url("mysql://db/news")
    assert err.value.code == "E040" and "postgresql://" in str(err.value)


def test_store_migrations_apply_in_order_and_upgrade_old_stores(store_url: str) -> None:
    with open_store(store_url, migrate=False) as s:
        assert s.migrate(target=1) == [1]
        assert s.schema_version() == 1
        s.add(CORPUS[0])  # stored before full-text search existed
    with open_store(store_url) as s:
        assert s.schema_version() == LATEST_VERSION
        versions = [r[0] for r in s.query("SELECT version FROM schema_version ORDER BY version")]
        assert versions == list(range(1, LATEST_VERSION + 1))
        assert hashes(s, "harbour") == [H[0]]  # indexed by the upgrade
        assert s.migrate() == []


def test_store_refuses_a_schema_newer_than_it_knows(store_url: str) -> None:
    with open_store(store_url) as s:
        s.execute("INSERT INTO schema_version VALUES (99, 'from the future', 'x')")
    with pytest.raises(PresslensError, match="upgrade presslens"):
        open_store(store_url)


def test_store_add_is_idempotent(store: Store) -> None:
    assert store.write(CORPUS) == [True] * 5
    before = {t: store.count(t) for t in QUERY_TABLES}
    assert store.write(CORPUS) == [False] * 5
    assert store.add(CORPUS[0]) is False
    assert {t: store.count(t) for t in QUERY_TABLES} == before
    assert store.query("SELECT documents FROM outlets WHERE outlet = 'harbour-watch.org'") == [(2,)]
    assert store.existing([H[0], "0" * 64]) == {H[0]}


def test_store_round_trips_the_analysis_contract(store: Store) -> None:
    store.write(CORPUS)
    assert store.get(H[0]) == CORPUS[0]
    (stored,) = store.query("SELECT analysis FROM analyses a JOIN documents d ON d.id = a.doc_id "
                            "WHERE d.content_hash = ?", (H[1],))  # fmt: skip
    assert stored[0] == CORPUS[1].model_dump_json()
    assert [a.document.content_hash for a in store.iter_analyses(batch=2)] == H
    assert store.get("0" * 64) is None


def test_store_query_tables_hold_the_derived_rows(store: Store) -> None:
    store.write(CORPUS)
    rows = dump(store)
    doc = next(r for r in rows["documents"] if r[0] == H[0])
    assert doc[4:7] == ("www.harbour-watch.org", "harbour-watch.org", "2016-10-17")
    assert (H[0], UN, "United Nations", "united nations", "ORG", 2, 1, 1, None) in rows["entities"]
    assert (H[1], "c1", "threat") in rows["comment_flags"]
    assert len(rows["comments"]) == 7 and len(rows["techniques"]) == 3
    assert {r[-1] for r in rows["times"]} == {"2016-10-17", "2016-10-18"}
    assert [r[0] for r in rows["outlets"]] == ["harbour-watch.org", "riverside-courier.net"]
    (watch,) = [r for r in rows["outlets"] if r[0] == "harbour-watch.org"]
    assert watch[1:] == (2, 4, "2016-10-17", "2016-10-18", "rated", "mixed=1 reliable=2")
    structure = dict(store.query("SELECT d.content_hash, a.structure_only FROM analyses a "
                                 "JOIN documents d ON d.id = a.doc_id"))  # fmt: skip
    assert structure[H[0]] == 0 and structure[H[3]] == 1


def test_store_errors_are_recorded_once_and_cleared_by_success(store: Store) -> None:
    err = ErrorRecord(CORPUS[0].document.source, 0, "E003", "[E003] Input is empty")
    store.record_error(err)
    store.record_error(err)
    store.record_error(ErrorRecord("corpus.jsonl", 3, "E010", "[E010] Malformed record"))
    assert store.count("errors") == 2
    store.add(CORPUS[0])  # the same source, now readable
    assert store.errors() == [ErrorRecord("corpus.jsonl", 3, "E010", "[E010] Malformed record")]


def test_store_search_full_text(store: Store) -> None:
    store.write(CORPUS)
    assert sorted(hashes(store, "shelling")) == sorted(H[:2])  # stemmed: shelled, shelling
    assert hashes(store, '"harbour road"') == [H[0]]
    assert sorted(hashes(store, "ferry OR ceasefire")) == sorted(H[2:4])
    assert sorted(hashes(store, "united -convoy")) == sorted(H[:2])
    assert len(hashes(store, "-ferry")) == 4
    assert hashes(store, "shelling OR convoy", order="oldest") == [H[0], H[1], H[4]]
    result = search(store, "shelling", limit=1)
    assert result.total == 2 and len(result.hits) == 1
    assert "«" in result.hits[0].snippet
    assert hashes(store, "!!!") == []


def test_store_search_filters(store: Store) -> None:
    store.write(CORPUS)
    f = Filters
    assert hashes(store, f(outlet="www.Harbour-Watch.org"), order="newest") == [H[1], H[0]]
    assert hashes(store, f(entity=[LAVROV, "syria"]), order="newest") == [H[2], H[0]]
    assert hashes(store, f(place=str(DAMASCUS))) == [H[2]]
    assert hashes(store, f(place="tartus"), order="oldest") == [H[0], H[1]]
    assert hashes(store, f(technique="Flag-Waving")) == [H[1]]
    assert hashes(store, f(speaker="sergei lavrov"), order="oldest") == H[:2]
    assert hashes(store, f(flag="insult")) == [H[0]]
    assert hashes(store, f(flag=["offensive"]), order="oldest") == H[:2]
    window = f(date_from=dt.date(2016, 10, 18), date_to="2016-10-19")
    assert sorted(hashes(store, window)) == sorted(H[1:3])
    assert hashes(store, f(q="port", outlet="harbour-watch.org", flag="threat")) == [H[1]]


def test_store_search_pages_and_facets(store: Store) -> None:
    store.write(CORPUS)
    newest = hashes(store, order="newest")
    assert newest == [H[3], *sorted(H[1:3]), H[0], H[4]]
    page = search(store, limit=2, offset=2, order="newest")
    assert page.total == 5 and [h.content_hash for h in page.hits] == newest[2:4]
    assert page.hits[0].published is not None
    with pytest.raises(PresslensError):
        search(store, limit=MAX_PAGE_SIZE + 1)
    facets = search(store, Filters(q="syria")).facets
    assert [(v.value, v.count) for v in facets["outlet"]] == [
        ("harbour-watch.org", 1), ("riverside-courier.net", 1)
    ]  # fmt: skip
    assert [(v.value, v.label, v.count) for v in search(store).facets["entity"]] == [
        (UN, "United Nations", 3), (SYRIA, "Syria", 3), (LAVROV, "Sergei Lavrov", 2)
    ]  # fmt: skip
    all_facets = search(store).facets
    assert [(v.value, v.count) for v in all_facets["place"]] == [
        (str(TARTUS), 2),
        (str(DAMASCUS), 1),
    ]
    assert [(v.value, v.count) for v in all_facets["flag"]] == [
        ("offensive", 2), ("insult", 1), ("threat", 1)
    ]  # fmt: skip
    assert [v.label for v in all_facets["speaker"]] == ["Sergei Lavrov"]


def test_store_outlet_profiles(store: Store) -> None:
    store.write(CORPUS)
    watch, courier = outlet_profiles(store)
    assert (watch.outlet, watch.documents, watch.analysed) == ("harbour-watch.org", 2, 2)
    assert watch.techniques == {"Loaded_Language": 2, "Flag-Waving": 1}
    assert watch.documents_with_techniques == 2
    assert watch.sourcing == {"named_person": 0.5, "vague": 0.5}
    assert (watch.comments, watch.flagged_comments) == (4, 2)
    assert watch.comment_flags == {"insult": 0.25, "offensive": 0.5, "threat": 0.25}
    assert watch.verdicts == {"mixed": 1, "reliable": 2} and watch.status == "rated"
    assert (courier.documents, courier.analysed, courier.comments) == (2, 1, 0)
    assert courier.last_published == dt.date(2016, 10, 20)
    (only,) = outlet_profiles(store, Filters(q="ceasefire"))
    assert (only.outlet, only.documents, only.sourcing) == (courier.outlet, 1, {"anonymous": 1.0})


def test_store_cooccurrence_graph(store: Store) -> None:
    store.write(CORPUS)
    graph = cooccurrence(store)
    assert [(n.id, n.documents) for n in graph.nodes] == [(UN, 3), (SYRIA, 3), (LAVROV, 2)]
    assert [(e.source, e.target, e.weight) for e in graph.edges] == [
        (LAVROV, SYRIA, 2), (UN, SYRIA, 2), (LAVROV, UN, 1)
    ]  # fmt: skip
    people = cooccurrence(store, types=["PERSON", "GPE"], min_weight=2, top=5)
    assert [e.weight for e in people.edges] == [2] and len(people.nodes) == 2
    assert cooccurrence(store, Filters(q="ferry")).nodes == []


def test_store_timeline(store: Store) -> None:
    store.write(CORPUS)
    points = [(p.day.isoformat(), p.documents, p.mentions) for p in timeline(store)]
    assert points == [("2016-10-17", 1, 2), ("2016-10-18", 2, 1), ("2016-10-20", 1, 0)]
    narrow = timeline(store, Filters(outlet="harbour-watch.org", date_from="2016-10-18"))
    assert [(p.day.isoformat(), p.documents, p.mentions) for p in narrow] == [("2016-10-18", 1, 1)]


def test_store_backends_agree(tmp_path: Any) -> None:
    """The same analyses in SQLite and PostgreSQL: the same rows and the same answers."""
    gen = postgres_url()
    pg_url = next(gen)
    try:
        with open_store(tmp_path / "a.db") as lite, open_store(pg_url) as post:
            for s in (lite, post):
                s.write(CORPUS)
            assert dump(lite) == dump(post)
            queries: list[Filters | str | None] = [
                None, "port", "united OR ferry", Filters(entity="syria", q="-shelling"),
                Filters(flag="offensive"), Filters(date_to="2016-10-18"),
            ]  # fmt: skip
            for q in queries:
                a, b = search(lite, q, order="newest"), search(post, q, order="newest")
                assert [h.content_hash for h in a.hits] == [h.content_hash for h in b.hits]
                assert (a.total, a.facets) == (b.total, b.facets)
                relevance = search(lite, q, facets=False), search(post, q, facets=False)
                assert {h.content_hash for h in relevance[0].hits} == {
                    h.content_hash for h in relevance[1].hits
                }
            assert outlet_profiles(lite) == outlet_profiles(post)
            assert cooccurrence(lite, article_only=False) == cooccurrence(post, article_only=False)
            assert timeline(lite) == timeline(post)
    finally:
        gen.close()
