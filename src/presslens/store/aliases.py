"""Other names of entities, places and speakers, so that a filter finds a canonical name by
any of the names the store has seen it under (``place=Raqqa`` finds "Ar Raqqah").

Aliases are built from what the stored analyses themselves hold, not from the gazetteer's
internals: the surface forms of an entity's name and alias mentions, the words a place
mention used, the words naming a quoted speaker, and a place's alternate names when the
analysis carries them. Each stored document adds its own rows (``aliases`` table, schema
step 4); a lookup is global, so an alias seen in one document finds every document with the
same canonical id. Pronouns, roles and adjectives ("the minister", "Russian") are never
aliases: they name too many things.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

from presslens.model import Analysis

__all__ = ["ALIAS_COLUMNS", "AliasKind", "alias_rows", "alias_subquery", "backfill_aliases"]

AliasKind = Literal["entity", "place", "speaker"]
# (kind, canonical, geonameid, name, alias, alias_key); canonical is the value the facet and
# the filter use: an entity id, a GeoNames id as text, a speaker's name key
ALIAS_COLUMNS = ("kind", "canonical", "geonameid", "name", "alias", "alias_key")
Row = tuple[Any, ...]
_NAME_FORMS = ("name", "alias")


def _key(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(text.casefold().split()) or None


def alias_rows(a: Analysis) -> list[Row]:
    """The alias rows one analysis adds: only names that differ from the canonical one."""
    rows: dict[tuple[str, str, str], Row] = {}

    def add(kind: AliasKind, canonical: str, gid: int | None, name: str, alias: str) -> None:
        alias = " ".join(alias.split())
        akey = _key(alias)
        if akey is None or akey == _key(name) or len(akey) < 2:
            return
        rows.setdefault((kind, canonical, akey), (kind, canonical, gid, name, alias, akey))

    by_id = {e.id: e for e in a.entities}
    for e in a.entities:
        forms = [m.text for m in e.mentions if m.form in _NAME_FORMS]
        for text in forms:
            add("entity", e.id, None, e.name, text)
        if e.place_id is not None:
            for text in forms:
                add("place", str(e.place_id), e.place_id, e.name, text)
    for p in a.places:
        if p.geonameid is None or not p.name:
            continue
        add("place", str(p.geonameid), p.geonameid, p.name, p.text)
        # the gazetteer's alternate names, when a version of the place layer carries them
        for alt in getattr(p, "alternate_names", None) or ():
            if isinstance(alt, str):
                add("place", str(p.geonameid), p.geonameid, p.name, alt)
    for q in a.attributions:
        skey = _key(q.speaker)
        if q.speaker is None or skey is None:
            continue
        if q.source_text and q.speaker_via == "name":
            add("speaker", skey, None, q.speaker, q.source_text)
        entity = by_id.get(q.speaker_id) if q.speaker_id else None
        if entity is not None:
            for m in entity.mentions:
                if m.form in _NAME_FORMS:
                    add("speaker", skey, None, q.speaker, m.text)
    return list(rows.values())


def alias_subquery(kind: AliasKind) -> str:
    """SQL for the canonical values an alias key (one ``?``) names; places as integers."""
    column = "a.geonameid" if kind == "place" else "a.canonical"
    return f"SELECT {column} FROM aliases a WHERE a.kind = '{kind}' AND a.alias_key = ?"


class _Target(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


def backfill_aliases(db: _Target, batch: int = 200) -> int:
    """Alias rows for the documents stored before schema step 4; returns rows added."""
    added = 0
    last = 0
    marks = ", ".join("?" * (len(ALIAS_COLUMNS) + 1))
    sql = f"INSERT INTO aliases (doc_id, {', '.join(ALIAS_COLUMNS)}) VALUES ({marks})"
    while True:
        rows = db.query(
            "SELECT doc_id, analysis FROM analyses WHERE doc_id > ? ORDER BY doc_id LIMIT ?",
            (last, batch),
        )
        if not rows:
            return added
        for doc_id, text in rows:
            last = int(doc_id)
            for row in _rows_of(text):
                db.execute(sql, (last, *row))
                added += 1


def _rows_of(text: str) -> Iterable[Row]:
    try:
        analysis = Analysis.model_validate_json(text)
    except ValueError:  # an analysis written by another schema version: no aliases for it
        return []
    return alias_rows(analysis)
