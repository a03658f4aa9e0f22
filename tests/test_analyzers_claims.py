from __future__ import annotations

from pathlib import Path

import pytest

from presslens import analyze
from presslens.errors import PresslensError
from presslens.eval.claims import evaluate_claims, parse_rows, read_ct24
from presslens.model import Claim, Span
from tests.conftest import flattened


def test_claims_reader_splits_a_glued_record(tmp_path: Path) -> None:
    path = tmp_path / "ct.tsv"
    path.write_text(
        "Sentence_id\tText\tclass_label\n"
        "1\tThe bridge cost 40 million euros.\tYes\n"
        "2\tWe have to keep going.\tNo3\tUnemployment fell to 4 percent in May.\tYes\n"
        '4\t"She said ""hello"" twice."\tNo\n'
        "5\tA row without a label\t\n",
        encoding="utf-8",
    )
    assert read_ct24(path) == [
        ("1", "The bridge cost 40 million euros.", "Yes"),
        ("2", "We have to keep going.", "No"),
        ("3", "Unemployment fell to 4 percent in May.", "Yes"),
        ("4", 'She said "hello" twice.', "No"),
    ]


def test_claims_reader_rejects_a_foreign_header(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("id\tsentence\tlabel\n1\tx\tYes\n", encoding="utf-8")
    with pytest.raises(PresslensError) as info:
        read_ct24(path)
    assert info.value.code == "E014"


def test_claims_eval_scores_a_hand_written_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "Sentence_id\tText\tclass_label\n"
        "1\tThe government spent 3 billion dollars on the new highway last year.\tYes\n"
        "2\tUnemployment rose to 12 percent in 2015, the highest rate in two decades.\tYes\n"
        "3\tThank you all so much, it is wonderful to be here tonight.\tNo\n"
        "4\tI love this great country and its wonderful people.\tNo\n",
        encoding="utf-8",
    )
    result = evaluate_claims(path)
    assert result["n"] == 4 and result["positives"] == 2
    assert result["f1"] == 1.0 and result["baselines"]["all_yes_f1"] == pytest.approx(2 / 3, 1e-3)
    assert result["trained_on_this_file"] is False


ARTICLE = flattened(
    "Harbour levy raised",
    [
        "The port of Lindqvist raised its harbour levy by 18 percent on Monday, "
        "the port authority said.",
        "Officials hope that visitors will enjoy the quieter season.",
        "According to the finance office, the levy brought in 2.4 million euros last year.",
    ],
    [
        ("Dock Rat", "Another tax, what a surprise. They always find a way to squeeze us."),
        ("Marina Fan", "@Dock Rat the levy pays for the new pier, read the article."),
    ],
)


@pytest.mark.slow
def test_claims_sentences_are_scored_and_joined_to_their_source() -> None:
    a = analyze(ARTICLE, source="levy.txt")
    by_text = {c.text: c for c in a.claims}
    levy = next(c for t, c in by_text.items() if t.startswith("The port of Lindqvist"))
    hope = next(c for t, c in by_text.items() if t.startswith("Officials hope"))
    income = next(c for t, c in by_text.items() if t.startswith("According to"))
    assert levy.checkworthy and levy.score > hope.score
    assert levy.source_text == "the port authority"
    assert income.checkworthy and income.source_text == "the finance office"
    assert all(a.text[c.span.start : c.span.end] == c.text for c in a.claims)
    assert all(not c.text.startswith("Another tax") for c in a.claims)  # comments are not claims


@pytest.mark.slow
def test_claims_seed_airstrike_is_among_the_top(seed_text: str) -> None:
    from presslens.render.claims import top_claims

    a = analyze(seed_text, source="seed.txt")
    top = [c.text for c in top_claims(a, 8)]
    assert any("Air Force" in t and "killed twenty civilians" in t for t in top)


def test_claims_eval_runs_without_scipy_or_sklearn(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "mine.tsv"
    path.write_text(
        "Sentence_id\tText\tclass_label\n1\tTaxes rose by 9 percent in 2019.\tYes\n",
        encoding="utf-8",
    )
    # a None entry in sys.modules makes the import fail, as in an install without them
    code = (
        "import sys; sys.modules['scipy'] = None; sys.modules['sklearn'] = None\n"
        "from pathlib import Path\n"
        "from presslens.eval.claims import evaluate_claims\n"
        f"print(evaluate_claims(Path({str(path)!r}))['n'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"


def test_claims_cues_mark_pledges_numbers_and_opinions() -> None:
    from presslens.textcat.cues import claim_cues
    from presslens.textcat.features import tokenize

    def names(text: str) -> set[str]:
        return {name for name, _, _ in claim_cues(tokenize(text))}

    assert {"x:pledge", "x:future"} <= names("We will cut the fees for every family.")
    assert {"x:number", "x:event"} <= names("The storm killed twelve people in 2020.")
    assert "x:opinion" in names("I think it is a terrible idea.")
    assert "x:question" in names("Why did the fees go up?")
    assert "x:pledge" not in names("The fees went up in March.")


def test_claims_batched_predict_matches_one_by_one() -> None:
    from presslens.eval.claims import claim_model

    model = claim_model()
    texts = [
        "The council spent 4 million euros on the bridge in 2021.",
        "",
        "I believe we can do better together.",
    ]
    parses = parse_rows(texts)
    batched = model.predict_many(texts, 3, parses)
    for text, parsed, got in zip(texts, parses, batched, strict=True):
        alone = model.predict(text, 3, parsed)["checkworthy"]
        assert got["checkworthy"].probabilities == alone.probabilities
        assert got["checkworthy"].evidence == alone.evidence
    assert (
        batched[0]["checkworthy"].probabilities["Yes"]
        > batched[2]["checkworthy"].probabilities["Yes"]
    )


def test_claims_source_blocks_keep_the_dev_file_apart() -> None:
    from presslens.train.claims import source_groups

    rows = [
        ("10", "a", "No", "CT24_checkworthy_english_train.tsv"),
        ("3600", "b", "Yes", "CT24_checkworthy_english_train.tsv"),
        ("12", "c", "No", "CT24_checkworthy_english_dev.tsv"),
    ]
    groups = source_groups(rows).tolist()
    assert groups[0] != groups[1] and groups[2] not in groups[:2]


def test_claims_model_refuses_to_score_without_the_parse() -> None:
    from presslens.eval.claims import claim_model

    model = claim_model()
    assert model.needs_parse
    with pytest.raises(PresslensError) as info:
        model.predict_many(["The council spent 4 million euros on the bridge."])
    assert info.value.code == "E090"


# "We will cut 20 taxes in Ohio." as a parser would give it: (start, end, tag, dep, head
# offset, entity type, IOB); written by hand so the test needs no spaCy model
_PLEDGE = [
    (0, 2, "PRP", "nsubj", 2, "", "O"),
    (3, 7, "MD", "aux", 1, "", "O"),
    (8, 11, "VB", "ROOT", 0, "", "O"),
    (12, 14, "CD", "nummod", 1, "CARDINAL", "B"),
    (15, 20, "NNS", "dobj", -2, "", "O"),
    (21, 23, "IN", "prep", -3, "", "O"),
    (24, 28, "NNP", "pobj", -1, "GPE", "B"),
    (28, 29, ".", "punct", -5, "", "O"),
]


def test_claims_syntax_cues_read_the_main_verb_subject_and_counts() -> None:
    from presslens.textcat.features import tokenize
    from presslens.textcat.syntax import syntax_cues

    text = "We will cut 20 taxes in Ohio."
    tokens = tokenize(text)  # the feature tokens drop the full stop
    found = {name: (first, last) for name, first, last in syntax_cues(tokens, _PLEDGE, text)}
    assert found["r:MD"] == (2, 2)  # the main verb "cut", under "will"
    assert found["rs:MD_we"] == (2, 2)
    assert found["q:NNS"] == (3, 3)  # "20" counts "taxes"
    assert found["ent:GPE"] == (6, 6) and found["ent:CARDINAL"] == (3, 3)
    assert "r:VBD" not in found and "r:neg" not in found
    assert all(0 <= a <= b < len(tokens) for a, b in found.values())


def test_claims_block_weights_normalise_each_block_apart() -> None:
    from presslens.textcat.features import block_of, weigh

    counts = {"w:cut": 1, "b:we will": 1, "c:cut": 2, "x:number": 1, "r:MD": 1, "ent:GPE": 1}
    idf = {name: (i, 1.0 + i) for i, name in enumerate(counts)}
    norms: dict[str, float] = {}
    for _, value, name in weigh(counts, idf, blocks=True):
        norms[block_of(name)] = norms.get(block_of(name), 0.0) + value * value
    assert norms == pytest.approx({"w": 1.0, "c": 1.0, "x": 1.0, "s": 1.0})
    assert sum(v * v for _, v, _ in weigh(counts, idf)) == pytest.approx(1.0)


def test_claims_syntax_cues_from_the_real_parser_separate_a_pledge_from_a_report() -> None:
    from presslens.textcat.features import tokenize
    from presslens.textcat.syntax import syntax_cues

    texts = ["We will lower the port fees.", "The council raised the port fees by 8 percent."]
    pledge, report = (
        {name for name, _, _ in syntax_cues(tokenize(t), p, t)}
        for t, p in zip(texts, parse_rows(texts), strict=True)
    )
    assert {"r:MD", "rs:MD_we"} <= pledge and "r:VBD" not in pledge
    assert "r:VBD" in report and "r:MD" not in report


# "Officials said the town would not close." as a parser would give it
_REPORTED = [
    (0, 9, "NNS", "nsubj", 1, "", "O"),
    (10, 14, "VBD", "ROOT", 0, "", "O"),
    (15, 18, "DT", "det", 1, "", "O"),
    (19, 23, "NN", "nsubj", 3, "", "O"),
    (24, 29, "MD", "aux", 2, "", "O"),
    (30, 33, "RB", "neg", 1, "", "O"),
    (34, 39, "VB", "ccomp", -5, "", "O"),
    (39, 40, ".", "punct", -6, "", "O"),
]


def test_claims_syntax_cues_read_the_clause_a_report_carries() -> None:
    from presslens.textcat.features import tokenize
    from presslens.textcat.syntax import syntax_cues

    text = "Officials said the town would not close."
    found = {name for name, _, _ in syntax_cues(tokenize(text), _REPORTED, text)}
    # the report is past tense; what it reports is a negated forecast about a noun
    assert {"r:VBD", "rs:VBD_NNS", "rc:MD", "rcs:MD_NN", "rc:neg"} <= found
    assert not any(n.startswith("rc") for n in syntax_cues_names(_PLEDGE))


def syntax_cues_names(parsed: list[tuple[int, int, str, str, int, str, str]]) -> set[str]:
    from presslens.textcat.features import tokenize
    from presslens.textcat.syntax import syntax_cues

    text = "We will cut 20 taxes in Ohio."
    return {name for name, _, _ in syntax_cues(tokenize(text), parsed, text)}


def _claim(i: int, text: str, start: int, source: str | None = None) -> Claim:
    return Claim(
        id=f"k{i}",
        span=Span(start=start, end=start + len(text)),
        text=text,
        score=0.9,
        checkworthy=True,
        evidence=[],
        source_text=source,
    )


def test_claims_a_restated_claim_is_flagged_once_where_it_names_its_source() -> None:
    from presslens.analyzers.claims import _merge_restatements

    claims = [
        _claim(1, "Harbour Levy Raised Sharply in Lindqvist Port", 0),
        _claim(2, "The Lindqvist port sharply raised its harbour levy on Monday.", 50),
        _claim(
            3,
            "The port sharply raised the harbour levy in Lindqvist, officials said.",
            120,
            "officials",
        ),
        _claim(4, "The levy brought in 2.4 million euros in Lindqvist port last year.", 200),
        _claim(5, "Harbour levy raised by 18 percent in Lindqvist port.", 280),
    ]
    merged = {c.id: c for c in _merge_restatements(claims)}
    assert merged["k3"].checkworthy and merged["k3"].restates is None  # attributed: kept
    assert merged["k1"].restates == "k3" and not merged["k1"].checkworthy
    assert merged["k2"].restates == "k3" and merged["k2"].score == 0.9
    # other figures, or a figure of its own, make another claim
    assert merged["k4"].checkworthy and merged["k5"].checkworthy


def test_claims_model_refuses_another_word_table(tmp_path: Path) -> None:
    import json
    import shutil

    import numpy as np

    from presslens.resources.claims import claim_model

    shipped = Path(__file__).parent.parent / "src" / "presslens" / "resources" / "claims"
    meta = json.loads((shipped / "claims.json").read_text(encoding="utf-8"))
    spec = meta["meta"]["vectors"]
    folder = tmp_path / "claims"
    folder.mkdir()
    for name in ("claims.json", "claims.npz"):
        shutil.copy(shipped / name, folder / name)
    table = (folder / spec["file"]).resolve()
    table.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        table,
        words=np.array(["levy"]),
        vectors=np.ones((1, int(spec["dims"])), dtype=np.float16),
    )
    with pytest.raises(PresslensError) as info:
        claim_model(folder)
    assert info.value.code == "E150"
