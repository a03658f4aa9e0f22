"""The presslens components as spaCy components: what they declare, what they write on the
Doc, that a processed Doc serialises, and where their settings and models come from."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from typer.testing import CliRunner

from presslens import analyze
from presslens.analysis import doc_layers
from presslens.analyzers.context import DocContext
from presslens.cli import app
from presslens.errors import PresslensError
from presslens.pipeline import (
    COMPONENTS,
    check_order,
    load_pipeline,
    model_options,
    read_config,
)
from tests.conftest import flattened

ARTICLE = flattened(
    "Ferry strike ends in Portsmouth",
    [
        "The ferry operator and the crews' union agreed a new contract on Tuesday, the "
        "union said, ending a strike that had stranded travellers in Portsmouth for a week.",
        "According to the operator, sailings to Cherbourg resume on 14 March 2026.",
    ],
    [
        ("Harbour Watcher", "About time. The crews deserved a raise, said my neighbour."),
        ("Sea Dog", "Portsmouth was chaos all week, what a mess."),
    ],
)
SHORT = [
    "The mayor of Leeds said on Monday that the bridge would reopen in May.",
    "Police in Lyon arrested two men on 3 January, the prosecutor said.",
    "Nothing happened here at all.",
    "Residents of Cork protested against the new road last weekend.",
]


def _context(text: str) -> DocContext:
    first = text.index("Harbour Watcher") if "Harbour Watcher" in text else len(text)
    comments = [(first + len("Harbour Watcher\n\n"), text.index("\n\nSea Dog"), "c1")]
    return DocContext(
        published=dt.date(2026, 3, 10),
        url="https://example.org/ferry",
        original_text=text,
        body_end=first,
        paragraphs=[(0, text.index("\n"))],
        comments=comments,
        author_spans=[(first, first + len("Harbour Watcher"))],
        comment_authors={"c1": "Harbour Watcher"},
        comment_links={"c1": []},
    )


def _layers(nlp: Language, doc: Doc) -> dict[str, Any]:
    layers, ran = doc_layers(nlp, doc)
    return {
        "ran": [a.name for a in ran],
        **{
            k: [x.model_dump(mode="json") for x in v]
            if isinstance(v, list)
            else v.model_dump(mode="json")
            for k, v in layers.items()
        },
    }


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def test_pipeline_order_error_names_the_missing_layer() -> None:
    with pytest.raises(PresslensError) as info:
        check_order(["tok2vec", "tagger", "parser", "ner"], ["presslens_dates", "presslens_events"])
    assert info.value.code == "E016"
    message = str(info.value)
    assert "presslens_events" in message
    assert "doc._.presslens_entities (from presslens_entities)" in message
    assert "doc._.presslens_attributions (from presslens_quotes)" in message
    check_order(
        ["tok2vec", "tagger", "parser", "ner"],
        ["presslens_entities", "presslens_dates", "presslens_quotes", "presslens_events"],
    )


def test_pipeline_every_factory_declares_its_attributes() -> None:
    load_pipeline(("presslens_dates",))  # registers the factories
    for factory in COMPONENTS:
        meta = Language.get_factory_meta(factory)
        assert meta.assigns, factory
        assert all(a.startswith("doc._.presslens_") for a in meta.assigns), factory
        assert "doc._.presslens" not in meta.assigns  # the context is input, not output


def test_pipeline_renamed_pipe_keeps_its_layer_and_name() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("presslens_dates", name="my_dates")
    assert blank.get_pipe("my_dates").name == "my_dates"
    a = analyze("Council meets again\n\nThe council meets on 4 May 2026.", nlp=blank)
    assert "presslens.dates.v1" in {x.name for x in a.analyzers}
    assert [t.text for t in a.times] == ["4 May 2026"]


def test_pipeline_settings_come_from_add_pipe_config(tmp_path: Path) -> None:
    text = "Budget passes\n\nThe council approved a budget of 40 million euros for new schools."
    flagged = {}
    for flag_at in (0.0, 1.01):
        blank = spacy.blank("en")
        blank.add_pipe("presslens_claims", config={"flag_at": flag_at})
        flagged[flag_at] = [c.checkworthy for c in analyze(text, nlp=blank).claims]
    assert flagged[0.0] and all(flagged[0.0])
    assert flagged[1.01] and not any(flagged[1.01])
    # a model path is read: a copy of the shipped model whose display threshold is 0
    model = tmp_path / "claims"
    shutil.copytree(Path(str(resources.files("presslens.resources.claims"))), model)
    card = json.loads((model / "claims.json").read_text(encoding="utf-8"))
    card.setdefault("meta", {})["display_threshold"] = 0.0
    (model / "claims.json").write_text(json.dumps(card), encoding="utf-8")
    blank = spacy.blank("en")
    blank.add_pipe("presslens_claims", config={"model": str(model)})
    assert blank.config["components"]["presslens_claims"]["model"] == str(model)
    assert all(c.checkworthy for c in analyze(text, nlp=blank).claims)
    # a folder that holds no model fails when the pipeline is built, with a coded error
    for factory in ("presslens_claims", "presslens_comments", "presslens_entities"):
        with pytest.raises(PresslensError) as info:
            spacy.blank("en").add_pipe(factory, config={"model": str(tmp_path)})
        assert info.value.code == "E121", factory


def test_pipeline_decoding_settings_replace_the_model_s_own() -> None:
    from presslens.propaganda.model import propaganda_model

    shipped = propaganda_model().decoding
    blank = spacy.blank("en")
    pipe = blank.add_pipe("presslens_propaganda", config={"decoding": {"threshold": 0.05}})
    assert pipe.model.decoding.threshold == 0.05
    assert pipe.model.decoding.gap == shipped.gap
    assert propaganda_model().decoding == shipped  # the shared model is left as shipped


def test_pipeline_config_file_and_model_options_are_checked(tmp_path: Path) -> None:
    (tmp_path / "models" / "claims").mkdir(parents=True)
    good = tmp_path / "presslens.toml"
    good.write_text('[claims]\nflag_at = 0.7\nmodel = "models/claims"\n', encoding="utf-8")
    assert read_config(good) == {
        "claims": {"flag_at": 0.7, "model": str(tmp_path / "models" / "claims")}
    }
    cases = {
        "E120": "[claimz]\nflag_at = 0.7\n",
        "E121": '[claims]\nmodel = "absent"\n',
        "E122": "[claims]\nthreshold = 0.7\n",
        "E123": "[claims\n",
    }
    for code, body in cases.items():
        bad = tmp_path / f"{code}.toml"
        bad.write_text(body, encoding="utf-8")
        with pytest.raises(PresslensError) as info:
            read_config(bad)
        assert info.value.code == code
    assert model_options([f"claims={tmp_path / 'models' / 'claims'}"]) == {
        "claims": {"model": str(tmp_path / "models" / "claims")}
    }
    with pytest.raises(PresslensError) as unknown:
        model_options(["dates=x"])  # the dates layer has no model
    assert unknown.value.code == "E120"
    assert "entities, quotes, comments, claims, propaganda" in str(unknown.value)
    assert "the dates layer loads no model" in str(unknown.value)
    for value in ("claims", "claims=", f"claims={tmp_path / 'absent'}"):
        with pytest.raises(PresslensError) as missing:
            model_options([value])
        assert missing.value.code == "E121"


def test_pipeline_cli_model_option_fails_before_the_analysis(tmp_path: Path) -> None:
    runner = CliRunner()
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(article), "--model", "nosuch=x"])
    assert result.exit_code == 2
    assert "E120" in result.output and "claims" in result.output
    result = runner.invoke(app, ["analyze", str(article), "--model", f"claims={tmp_path / 'x'}"])
    assert result.exit_code == 2
    assert "E121" in result.output


def test_pipeline_ingest_and_serve_take_the_same_settings_options(tmp_path: Path) -> None:
    # a bad --model or --config stops ingest before a store exists and serve before it
    # listens, with the same coded errors analyze gives
    runner = CliRunner()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.db"
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("[claims]\nthreshold = 0.7\n", encoding="utf-8")
    for command in (["ingest", str(corpus), "--db", str(db)], ["serve", "--db", str(db)]):
        if command[0] == "serve":
            command.append("--create")
        result = runner.invoke(app, [*command, "--model", "nosuch=x"])
        assert result.exit_code == 2, result.output
        assert "E120" in result.output and "claims" in result.output
        result = runner.invoke(app, [*command, "--config", str(bad_config)])
        assert result.exit_code == 2, result.output
        assert "E122" in result.output and "flag_at" in result.output
    assert not db.exists()  # checked before the store was opened (or created)


@pytest.mark.slow
def test_pipeline_analyze_pipes_shows_the_layer_dependencies(nlp: Language) -> None:
    summary = nlp.analyze_pipes()
    assert not any(summary["problems"].values())
    events = summary["summary"]["presslens_events"]
    assert "doc._.presslens_attributions" in events["requires"]
    assert "doc._.presslens_times" in events["requires"]
    assert summary["summary"]["presslens_quotes"]["assigns"] == [
        "doc._.presslens_attributions",
        "doc._.presslens_sourcing",
    ]


@pytest.mark.slow
def test_pipeline_doc_round_trips_through_docbin(nlp: Language) -> None:
    doc = nlp.make_doc(ARTICLE)
    doc._.presslens = _context(ARTICLE)
    doc = nlp(doc)
    before = _layers(nlp, doc)
    assert before["entities"] and before["attributions"] and before["comment_analysis"]
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _layers(nlp, again) == before
    assert again._.presslens == doc._.presslens
    assert isinstance(again._.presslens_sourcing, type(doc._.presslens_sourcing))
    docbin = DocBin(store_user_data=True, docs=[doc])
    (loaded,) = DocBin().from_bytes(docbin.to_bytes()).get_docs(nlp.vocab)
    assert _layers(nlp, loaded) == before
    assert loaded._.presslens.published == dt.date(2026, 3, 10)


@pytest.mark.slow
def test_pipeline_pipe_runs_in_two_processes(nlp: Language) -> None:
    def docs() -> list[Doc]:  # with a context: it crosses to the workers and back
        out = []
        for text in SHORT:
            doc = nlp.make_doc(text)
            doc._.presslens = DocContext(published=dt.date(2026, 3, 10), body_end=len(text))
            out.append(doc)
        return out

    one = [_layers(nlp, d) for d in nlp.pipe(docs(), batch_size=2)]
    two = list(nlp.pipe(docs(), n_process=2, batch_size=2))
    assert [_layers(nlp, d) for d in two] == one
    assert all(d._.presslens.published == dt.date(2026, 3, 10) for d in two)
    assert any(layers["places"] for layers in one)
    assert any(t["resolved"] for layers in one for t in layers["times"])


def test_pipeline_settings_survive_to_disk_and_load(tmp_path: Path) -> None:
    blank = spacy.blank("en")
    blank.add_pipe("presslens_claims", name="checkworthy", config={"flag_at": 0.5})
    blank.add_pipe("presslens_dates")
    blank.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")  # the factories are entry points
    assert loaded.pipe_names == ["checkworthy", "presslens_dates"]
    assert loaded.get_pipe("checkworthy").flag_at == 0.5
    with pytest.raises(PresslensError) as info:
        load_pipeline(("presslens_dates",), config={"datez": {}})
    assert info.value.code == "E120"
