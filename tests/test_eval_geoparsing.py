from __future__ import annotations

from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.eval.geoparsing import evaluate_geoparsing, load_corpus, reliability

# Small hand-made documents in the layouts the eval reads (none taken from a corpus).
_LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text>Floods hit Springfield, Illinois on Monday.</text>
<toponyms>
<toponym><start>11</start><end>22</end><phrase>Springfield</phrase>
<gaztag geonameid="4250542"><name>Springfield</name><fclass>P</fclass><fcode>PPLA</fcode>
<lat>39.80172</lat><lon>-89.64371</lon></gaztag></toponym>
<toponym><start>24</start><end>32</end><phrase>Illinois</phrase>
<gaztag geonameid="4896861"><lat>40.00032</lat><lon>-89.25037</lon></gaztag></toponym>
</toponyms></article></articles>
"""
_GEOVIRUS = """<articles><article><source>x</source>
<text>Cases rose in Lagos and Abuja.</text>
<locations>
<location><name>Lagos</name><start>14</start><end>19</end><lat>6.45</lat><lon>3.39</lon></location>
<location><name>Abuja</name><start>24</start><end>29</end><lat>9.07</lat><lon>7.49</lon></location>
</locations></article></articles>
"""
# GeoWebNews-style: offsets, coordinates and ids as attributes, the phrase as element text.
_ATTRIBUTES = """<articles><article id="a1"><text>Rain fell on Lyon overnight.</text>
<toponyms><toponym start="13" end="17" lat="45.75" lon="4.85" geonameid="2996944">Lyon</toponym>
</toponyms></article></articles>
"""
# ids as GeoNames links, coordinates as latitude / longitude children
_LINKS = """<articles><article><text>Snow in Oslo.</text><toponyms><toponym>
<start>8</start><end>12</end><phrase>Oslo</phrase><latitude>59.91</latitude>
<longitude>10.75</longitude><link>https://www.geonames.org/3143244/oslo.html</link>
</toponym></toponyms></article></articles>
"""
_NO_GOLD = """<articles><article><text>A text with toponyms in no layout read.</text>
<entities><entity begin="2" finish="6">text</entity></entities></article></articles>
"""


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "phrases"),
    [
        (_LGL, ["Springfield", "Illinois"]),
        (_GEOVIRUS, ["Lagos", "Abuja"]),
        (_ATTRIBUTES, ["Lyon"]),
    ],
)
def test_eval_geoparsing_reads_each_layout(tmp_path: Path, body: str, phrases: list[str]) -> None:
    docs = load_corpus(_write(tmp_path, "c.xml", body))
    gold = [g for _, d, _ in docs for g in d]
    assert [g.text for g in gold] == phrases
    assert all(g.lat is not None and g.lon is not None for g in gold)


def test_eval_geoparsing_reads_ids_and_fixes_offsets(tmp_path: Path) -> None:
    shifted = _LGL.replace("<start>11</start><end>22</end>", "<start>12</start><end>23</end>")
    docs = load_corpus(_write(tmp_path, "c.xml", shifted))
    first = docs[0][1][0]
    assert (first.start, first.end, first.geonameid) == (11, 22, 4250542)


def test_eval_geoparsing_reads_geonames_links(tmp_path: Path) -> None:
    (doc,) = load_corpus(_write(tmp_path, "c.xml", _LINKS))
    (oslo,) = doc[1]
    assert (oslo.text, oslo.geonameid, oslo.lat) == ("Oslo", 3143244, 59.91)


def test_eval_geoparsing_no_gold_is_an_error_not_a_zero(tmp_path: Path) -> None:
    with pytest.raises(PresslensError) as err:
        load_corpus(_write(tmp_path, "c.xml", _NO_GOLD))
    assert err.value.code == "E060"
    assert err.value.exit_code != 0


def test_eval_geoparsing_scores_a_small_corpus(tmp_path: Path) -> None:
    _write(tmp_path, "small.xml", _LGL)
    out = evaluate_geoparsing(tmp_path, end_to_end=False)
    given = out["corpora"]["small"]["given_gold"]
    assert given["toponyms"] == 2
    assert given["acc_161km"] == 1.0
    assert given["reliability"]["bins"]
    assert "most_populous_given_gold" in out["corpora"]["small"]["baselines"]


def test_eval_geoparsing_reliability_bins() -> None:
    table = reliability([(0.95, True), (0.92, False), (0.6, True), (0.3, False)])
    by_bin = {b["bin"]: b for b in table["bins"]}
    assert by_bin["0.9-1.0"]["n"] == 2
    assert by_bin["0.9-1.0"]["acc_161km"] == 0.5
    assert by_bin["0.0-0.5"]["acc_161km"] == 0.0
    assert table["confident_0_9"]["share"] == 0.5


def test_eval_geoparsing_names_only_leaves_out_adjectives() -> None:
    from presslens.analyzers.lexicons import demonyms
    from presslens.eval.geoparsing import _adjective
    from presslens.geo.gazetteer import load_gazetteer

    table, gaz = demonyms(), load_gazetteer()
    assert _adjective("Turkish", table, gaz)
    assert not _adjective("Turkey", table, gaz)
    assert not _adjective("New Zealand", table, gaz)  # the adjective is the country's name


def test_eval_geoparsing_people_nouns_are_no_toponyms() -> None:
    from presslens.analyzers.lexicons import demonyms
    from presslens.eval.geoparsing import _people_noun

    table = demonyms()
    assert _people_noun("Cubans", table) and _people_noun("Britons", table)
    assert not _people_noun("Cuban", table) and not _people_noun("Swiss", table)
