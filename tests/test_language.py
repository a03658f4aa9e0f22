"""Language detection and the English-only layers (texts written for these tests)."""

from __future__ import annotations

from presslens import analyze
from presslens.ingest import RawComment, RawDocument
from presslens.language import detect

GERMAN = """Neue Nachtbusse für die Seestadt

Der Verkehrsausschuss hat am Mittwoch beschlossen, dass die Nachtbusse zwischen dem Bahnhof
und den Siedlungen am See ab Oktober wieder fahren. Die letzte Abfahrt ist um halb zwei.

Die Fahrpreise bleiben im ersten Jahr so hoch wie am Tag, sagte die Vorsitzende.
"""

ENGLISH = """Night buses return to the lakeside

The transport committee decided on Wednesday that night buses will run between the station
and the lakeside estates again from October, after a six-month trial in the north of town.
"""


def test_language_detects_german_and_english_with_confidence() -> None:
    de, en = detect(GERMAN), detect(ENGLISH)
    assert de is not None and de[0] == "de" and de[1] >= 0.9
    assert en is not None and en[0] == "en"


def test_language_abstains_on_short_text() -> None:
    assert detect("+1 lol") is None
    assert detect("https://example.org/a/very/long/link/with/many/letters/in/it") is None


def test_language_non_english_document_skips_english_layers() -> None:
    a = analyze(GERMAN, source="de.txt")
    assert a.document.language == "de"
    assert a.document.language_confidence is not None
    assert "presslens.quotes.v1: language de" in a.not_run
    assert any(w.startswith("not run: language de (") for w in a.warnings)  # in the report
    assert not a.entities and not a.places and not a.attributions and not a.claims


def test_language_foreign_comment_is_decided_on_its_own() -> None:
    raw = RawDocument(
        text=ENGLISH,
        source="page.html",
        source_format="html",
        comments=(
            RawComment("Endlich! Meine Tochter arbeitet im Krankenhaus, sie kommt spät.", "Ute"),
            RawComment("About time, my daughter works late shifts at the hospital.", "Ann"),
            RawComment("+1", "Bo"),
        ),
    )
    a = analyze(raw)
    assert a.document.language == "en"
    assert [c.language for c in a.comments] == ["de", "en", "en"]
    assert a.comments[2].language_confidence is None  # too short: the document's language
    assessed = {c.comment_id for c in a.comment_analysis}
    assert "c1" not in assessed and "c2" in assessed
    assert any(n.endswith("comments c1: language de") for n in a.not_run)
