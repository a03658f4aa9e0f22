from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presslens import Analysis, analyze
from presslens.analyzers.attribution import quote_spans
from presslens.eval.quotes import GoldDoc, Rel, load_polnear, score_relations
from tests.conftest import flattened

# -- quotation marks (no model needed) ------------------------------------------------------


def test_attribution_quote_spans_pairs_curly_straight_and_guillemets() -> None:
    text = 'He said “one two three,” then "four five" and «six seven».'
    assert [text[s:e] for s, e in quote_spans(text)] == [
        "“one two three,”",
        '"four five"',
        "«six seven»",
    ]


def test_attribution_quote_spans_continue_over_paragraphs() -> None:
    text = "“First paragraph of the quote.\n\n“Second and last paragraph.”\n\nAfter."
    (span,) = quote_spans(text)
    assert text[span[0] : span[1]].endswith("last paragraph.”")


def test_attribution_quote_spans_unbalanced_gives_nothing() -> None:
    assert quote_spans("“An opening mark never closed.\n\nA new paragraph.") == []
    assert quote_spans('A stray " straight mark.\nAnother " line.') == []


@given(st.text(alphabet=st.sampled_from(list('ab “”"«»\n.'))))
def test_attribution_quote_spans_stay_inside_text(text: str) -> None:
    last = 0
    for s, e in quote_spans(text):
        assert last <= s < e <= len(text)
        last = e


# -- the evaluation's reader and scorer (no model needed) ------------------------------------


def _brat(tmp_path: Path, text: str, ann: str) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "doc_ab12.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_eval_quotes_reads_discontinuous_brat_relations(tmp_path: Path) -> None:
    text = "“We will go,” she said. “Soon.”"
    ann = (
        "T1\tSource 14 17\tshe\n"
        "T2\tCue 18 22\tsaid\n"
        "T3\tContent 0 12;24 31\t“We will go,” “Soon.”\n"
        "T4\tAttribution 18 22\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    )
    (doc,) = load_polnear(_brat(tmp_path, text, ann))
    (rel,) = doc.relations
    assert rel.content == ((0, 12), (24, 31))
    assert text[rel.source[0][0] : rel.source[0][1]] == "she"


def test_eval_quotes_scores_exact_and_overlap() -> None:
    gold = [Rel(content=((0, 10),), cue=((12, 16),), source=((17, 20),))]
    near = [Rel(content=((0, 9),), cue=((12, 16),), source=((17, 20),))]
    scores = score_relations([(gold, near)])
    assert scores["exact"]["content"]["f1"] == 0.0
    assert scores["overlap"]["content"]["f1"] == 1.0
    assert scores["exact"]["source"]["f1"] == 1.0
    assert scores["exact"]["relations"]["f1"] == 0.0
    assert scores["overlap"]["relations"]["f1"] == 1.0
    assert score_relations([(gold, [])])["exact"]["all"]["recall"] == 0.0


# -- the component on hand-written documents ------------------------------------------------


@pytest.fixture(scope="module")
def harbour() -> Analysis:
    text = flattened(
        "Harbour board delays the ferry contract",
        [
            "The harbour board has postponed its vote on the new ferry contract.",
            "Board chair Maria Lopez said that the tender documents contained errors.",
            "“We will not sign a contract we have not read properly,” she told reporters.",
            "Sources said the delay could last until the spring. It is believed that two"
            " bidders have withdrawn.",
            "According to some estimates, the contract is worth 40 million euros.",
            "A spokesman for the ferry operator said the company was disappointed.",
            "“The timetable was agreed a year ago,” the Northern Wire news agency quoted him"
            " as saying.",
        ],
        [
            (
                "Dock Worker 77",
                "“We will not sign a contract we have not read properly,” she told reporters.",
            ),
        ],
    )
    return analyze(text, published="2024-03-04")


def test_quotes_reported_speech_with_named_speaker(harbour: Analysis) -> None:
    q = next(q for q in harbour.attributions if q.source_text == "Board chair Maria Lopez")
    assert q.kind == "indirect"
    assert q.speaker == "Maria Lopez" and q.source_class == "named_person"
    assert q.content_text.startswith("that the tender documents")


def test_quotes_pronoun_resolves_to_the_person_named_before(harbour: Analysis) -> None:
    q = next(q for q in harbour.attributions if q.cue_text == "told" and not q.in_comment)
    assert q.kind == "direct"
    assert q.speaker == "Maria Lopez" and q.speaker_via == "pronoun"
    assert harbour.span_text(q.content[0]).startswith("“We will not sign")


def test_quotes_sourcing_classes(harbour: Analysis) -> None:
    cls = {q.source_text or q.cue_text: q.source_class for q in harbour.attributions}
    assert cls["Sources"] == "anonymous"
    assert cls["believed"] == "vague"  # "it is believed that …": no source
    assert cls["some estimates"] == "vague"
    assert cls["A spokesman for the ferry operator"] == "role"


def test_quotes_relayed_words_name_the_channel(harbour: Analysis) -> None:
    q = next(q for q in harbour.attributions if q.cue_text == "quoted")
    assert q.channel is not None and "Northern Wire" in q.channel
    assert q.source_class == "role"  # "him" is the spokesman, known only by his role


def test_quotes_comment_repeating_an_article_quote_is_linked(harbour: Analysis) -> None:
    (c,) = [q for q in harbour.attributions if q.in_comment]
    assert c.comment_id == "c1"
    article = next(q for q in harbour.attributions if q.id == c.repeats)
    assert not article.in_comment and article.cue_text == "told"


def test_quotes_sourcing_profile_counts_article_only(harbour: Analysis) -> None:
    s = harbour.sourcing
    assert s is not None
    article = [q for q in harbour.attributions if not q.in_comment]
    assert s.attributions == len(article)
    assert sum(s.counts.values()) == s.attributions
    assert abs(sum(s.shares.values()) - 1.0) < 0.01
    assert set(s.vague) == {q.id for q in article if q.source_class == "vague"}


def test_quotes_spans_point_at_their_text(harbour: Analysis) -> None:
    for q in harbour.attributions:
        if q.cue is not None:
            assert harbour.span_text(q.cue) == q.cue_text
        if q.source is not None:
            assert harbour.span_text(q.source) == q.source_text
        assert q.content_text == " … ".join(harbour.span_text(s) for s in q.content)


def test_quotes_a_document_without_attribution_has_none() -> None:
    a = analyze(flattened("Tide tables", ["High water is at six.", "Low water at noon."], []))
    assert a.attributions == []
    assert a.sourcing is not None and a.sourcing.attributions == 0


# -- the seed --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_text_module: str) -> Analysis:
    return analyze(seed_text_module, published="2016-10-19")


@pytest.fixture(scope="module")
def seed_text_module() -> str:
    from tests.conftest import SHARED

    seeds = sorted((SHARED / "seed").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seed is absent")
    return seeds[0].read_bytes().decode("utf-8")


def test_quotes_seed_lavrov_direct_quotes_and_interfax(seed: Analysis) -> None:
    direct = [q for q in seed.attributions if q.kind == "direct" and not q.in_comment]
    assert len(direct) == 3
    assert all(q.speaker == "Sergei Lavrov" for q in direct)
    assert direct[0].channel is not None and "Interfax" in direct[0].channel
    assert direct[0].content_text.startswith("“Of course")


def test_quotes_seed_ministry_and_sourcing_classes(seed: Analysis) -> None:
    by_source = {q.source_text: q for q in seed.attributions if q.source_text}
    warned = by_source["The Russian Foreign Ministry"]
    assert warned.cue_text == "has warned" and warned.source_class == "named_organisation"
    assert by_source["a representative of Shia militias"].source_class == "role"
    assert by_source["some data"].source_class == "vague"
    kulyabi = next(q for q in seed.attributions if q.source_text and "Kulyabi" in q.source_text)
    assert kulyabi.source_class == "named_person" and kulyabi.speaker == "Yusuf al-Kulyabi"
    mayadeen = next(q for q in seed.attributions if q.source_text and "Mayadeen" in q.source_text)
    assert mayadeen.source_class == "role"


def test_quotes_seed_role_and_pronoun_speakers(seed: Analysis) -> None:
    lavrov = [q for q in seed.attributions if q.speaker == "Sergei Lavrov" and not q.in_comment]
    vias = {q.source_text: q.speaker_via for q in lavrov}
    assert vias.get("The Russian Minister") == "role"
    assert vias.get("He") == "pronoun"


def test_quotes_seed_comment_repeats_article_quote(seed: Analysis) -> None:
    (c,) = [q for q in seed.attributions if q.in_comment and q.repeats]
    article = next(q for q in seed.attributions if q.id == c.repeats)
    assert "5,000" in article.content_text and "few" in article.content_text
    assert c.speaker == "Sergei Lavrov"


def test_quotes_seed_reports_are_vague_and_comments_quote_only_others(seed: Analysis) -> None:
    reports = next(q for q in seed.attributions if q.cue_text == "Reports about")
    assert reports.source_class == "vague" and reports.id in seed.sourcing.vague
    assert all(q.repeats or q.kind == "direct" for q in seed.attributions if q.in_comment)


@pytest.fixture(scope="module")
def stances() -> Analysis:
    text = flattened(
        "Bridge plans move ahead",
        [
            "Councillor Amir Haddad supported the bridge plan in the council on Monday.",
            "Reports about cracks in the old bridge have circulated for weeks.",
            "Officials are worried that the repairs will cost more than planned.",
            "Many residents voted for the new bridge.",
        ],
        [],
    )
    return analyze(text, published="2024-03-04")


def test_quotes_stance_and_intention_words_take_their_content(stances: Analysis) -> None:
    by_cue = {q.cue_text: q for q in stances.attributions if not q.in_comment}
    supported = by_cue["supported"]
    assert supported.content_text.startswith("the bridge plan")
    assert supported.source_text == "Councillor Amir Haddad"
    vote = next(q for c, q in by_cue.items() if c and c.endswith("voted for"))
    assert vote.content_text == "the new bridge"
    worried = next(q for c, q in by_cue.items() if c and c.endswith("worried"))
    assert worried.content_text.startswith("that the repairs")
    assert worried.source_text == "Officials"
    assert by_cue["Reports about"].source_class == "vague"


def test_quotes_colon_headline_names_its_speaker() -> None:
    text = flattened("Mayor Ruiz: the bridge will open in May", ["The council met."], [])
    a = analyze(text, published="2024-03-04")
    (head,) = [q for q in a.attributions if q.cue_text == ":"]
    assert head.source_text == "Mayor Ruiz" and head.content_text == "the bridge will open in May"


def test_quotes_frames_learned_from_annotated_slots() -> None:
    import spacy
    from spacy.tokens import Doc

    from presslens.analyzers.cues import frame_slots
    from presslens.train.cues import learn_frames

    words = ["Ann", "backed", "the", "plan", ".", "Bob", "backed", "the", "car", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 3, 1, 1, 6, 6, 8, 6, 6],
        deps=["nsubj", "ROOT", "det", "dobj", "punct"] * 2,
        tags=["NNP", "VBD", "DT", "NN", "."] * 2,
    )
    text = doc.text
    plan = text.index("the plan")
    gold = GoldDoc(
        "d",
        text,
        [Rel(content=((plan, plan + 8),), cue=((4, 10),), source=((0, 3),))],
    )
    frames = learn_frames([(doc, gold)], min_seen=2)
    assert frames["backed"]["dobj"] == [0.5, 2]  # one of the two objects was content
    assert "~back" in frames
    assert frame_slots({"~back": {"dobj": 0.5}}, "backing") == {"dobj": 0.5}


def test_attribution_quote_spans_doubled_apostrophes() -> None:
    text = "He said ''we will wait, 'for now.''' Then ''yes,'' she said. It's ``fine''."
    assert [text[s:e] for s, e in quote_spans(text)] == [
        "''we will wait, 'for now.'''",
        "''yes,''",
        "``fine''",
    ]


def test_train_cues_words_inside_a_content_are_not_candidates() -> None:
    from presslens.train.cues import learn_words

    text = "Ann said “I think we think so.” Bob will think about it."
    content = (text.index("“"), text.index("”") + 1)
    cue = text.index("said")
    think = text.rindex("think")
    gold = GoldDoc(
        "d",
        text,
        [
            Rel(content=(content,), cue=((cue, cue + 4),), source=((0, 3),)),
            Rel(content=((think + 6, len(text) - 1),), cue=((think, think + 5),)),
        ],
    )
    # "think" is seen once outside the quotation and is a cue there: rate 1, not 1/3
    assert learn_words([gold], min_count=1, min_rate=0.1)["think"] == 1.0


def test_eval_quotes_on_the_train_folder_scores_only_its_tuning_fifth(tmp_path: Path) -> None:
    from presslens.datasets.polnear import is_tuning
    from presslens.eval.quotes import evaluate_quotes

    train = tmp_path / "train"
    (train / "text").mkdir(parents=True)
    (train / "attributions").mkdir()
    names = [f"article{i}" for i in range(12)]
    for name in names:
        (train / "text" / f"{name}.txt").write_text("Ann said it rained.", encoding="utf-8")
        (train / "attributions" / f"{name}_ab12.ann").write_text("", encoding="utf-8")
    result = evaluate_quotes(train, predict=lambda text: [])
    assert result["part"] == "train tuning fifth"
    assert result["documents"] == sum(is_tuning(n) for n in names) < len(names)


@pytest.fixture(scope="module")
def shapes() -> Analysis:
    text = flattened(
        "Roe to farmers: the tariffs will end soon",
        [
            "“We have heard the growers,” Senator Jane Roe said, “and we will act.”",
            "In a new survey released Monday, 52 percent of farmers backed the tariffs.",
            "The new Galaxy S24 says a lot about where phones are going.",
        ],
        [],
    )
    return analyze(text, published="2024-03-04")


def test_quotes_quotation_around_its_cue_is_one_relation(shapes: Analysis) -> None:
    (roe,) = [q for q in shapes.attributions if q.cue_text == "said"]
    assert [shapes.text[s.start : s.end] for s in roe.content] == [
        "“We have heard the growers,”",
        "“and we will act.”",
    ]
    assert roe.source_text == "Senator Jane Roe"


def test_quotes_colon_headline_with_an_addressee(shapes: Analysis) -> None:
    (head,) = [q for q in shapes.attributions if q.cue_text == ":"]
    assert head.source_text == "Roe" and head.content_text == "the tariffs will end soon"


def test_quotes_poll_finding_has_the_poll_as_source(shapes: Analysis) -> None:
    (poll,) = [q for q in shapes.attributions if q.cue_text == "In"]
    assert poll.source_text == "a new survey released Monday"
    assert poll.content_text.startswith("52 percent of farmers backed")


def test_quotes_products_are_not_speakers(shapes: Analysis) -> None:
    assert not [q for q in shapes.attributions if q.source_text and "Galaxy" in q.source_text]


def test_quotes_headline_is_not_what_the_first_sentence_said() -> None:
    text = flattened("Harbour fees rise again", ["The board said nothing new on Monday."], [])
    a = analyze(text, published="2024-03-04")
    assert not [q for q in a.attributions if "Harbour" in q.content_text]


def test_quotes_headline_speaker_after_a_comma_says_the_line() -> None:
    title = "Bridge Closure Blamed on Flood Damage, City Engineers Say"
    text = flattened(title, ["The bridge stays shut for a month."], [])
    a = analyze(text, published="2024-03-04")
    (head,) = [q for q in a.attributions if q.cue_text == "Say"]
    assert head.source_text == "City Engineers"
    assert head.content_text == "Bridge Closure Blamed on Flood Damage"
    # the passive "blamed on" names no one who blamed: no relation of its own
    assert not [q for q in a.attributions if q.cue_text.lower().startswith("blamed")]


def test_quotes_speaker_description_is_not_a_relation(harbour: Analysis) -> None:
    # "a senior official …, who asked not to be named, …": the request describes the source
    assert not [q for q in harbour.attributions if q.source_text == "who"]


def test_quotes_a_stance_reading_with_no_speaker_is_no_relation() -> None:
    body = (
        "The new tram line opens in May. That promises shorter trips for commuters. "
        "Reports about delays spread on Monday."
    )
    a = analyze(flattened("Tram line opens", [body], []), published="2024-03-04")
    assert not [q for q in a.attributions if q.source_text == "That"]
    # a report noun with no source is a vague attribution, and stays
    assert [q for q in a.attributions if q.cue_text.startswith("Reports")]


# -- issue 20, third round: boundaries and speakers chosen on the tuning fifth ---------------


def test_attribution_quote_spans_straight_mark_closes_a_curly_one() -> None:
    # feeds that mix styles: else the quotation runs on and swallows the next sentence's cue
    text = 'He was a “good citizen," she said. And the mayor said it would be hard.'
    (span,) = quote_spans(text)
    assert text[span[0] : span[1]] == '“good citizen,"'


def test_attribution_quote_spans_lost_close_at_paragraph_end() -> None:
    text = "“We won,” said Baron. “It was a long night and we are tired.\n\nHe left."
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["“We won,”", "“It was a long night and we are tired."]


@pytest.fixture(scope="module")
def speakers() -> Analysis:
    text = flattened(
        "Council votes on the bridge",
        [
            "“The vote was fair,” added another council member.",
            "“Absolutely,” he said.",
            "The mayor issued a statement saying that the bridge will open in May.",
            "Councillor Amir Haddad accused the engineers of hiding the cracks.",
            "The mayor said in Tel Aviv.",
        ],
        [],
    )
    return analyze(text, published="2024-03-04")


def test_quotes_inverted_speaker_read_as_an_object(speakers: Analysis) -> None:
    (added,) = [q for q in speakers.attributions if q.cue_text == "added"]
    assert added.source_text == "another council member"


def test_quotes_one_word_quotation_before_a_verb_of_saying(speakers: Analysis) -> None:
    assert [q for q in speakers.attributions if q.content_text == "“Absolutely,”"]


def test_quotes_statement_saying_has_its_issuer_as_source(speakers: Analysis) -> None:
    (saying,) = [q for q in speakers.attributions if q.cue_text == "saying"]
    assert saying.source_text == "The mayor"
    assert saying.content_text.startswith("that the bridge will open")


def test_quotes_frame_content_keeps_the_object_its_slot_is_said_of(speakers: Analysis) -> None:
    (accused,) = [q for q in speakers.attributions if q.cue_text.endswith("accused")]
    assert accused.content_text.startswith("the engineers of hiding")


def test_quotes_where_a_speaker_said_it_is_not_what(speakers: Analysis) -> None:
    assert not [q for q in speakers.attributions if "Tel Aviv" in q.content_text]


def test_quotes_rows_carry_a_confidence_and_low_rows_are_not_shown() -> None:
    from presslens.analyzers.attribution import shown
    from presslens.analyzers.attribution_confidence import ConfidenceModel
    from presslens.analyzers.attribution_spans import RawAttribution

    text = flattened(
        "Council backs the bridge",
        ['"We will open the bridge in May," Mayor Ruiz said on Monday.'],
        [],
    )
    a = analyze(text, published="2024-03-04")
    (q,) = [q for q in a.attributions if q.cue_text == "said"]
    assert q.confidence is not None and 0.5 < q.confidence <= 1.0
    model = ConfidenceModel({}, 0.0, 0.3)
    low = RawAttribution(kind="indirect", content=[(0, 4)], confidence=0.1)
    high = RawAttribution(kind="indirect", content=[(5, 9)], confidence=0.8)
    unscored = RawAttribution(kind="indirect", content=[(10, 14)])
    assert shown([low, high, unscored], model) == [high, unscored]


def test_quotes_a_quoted_title_is_not_speech() -> None:
    from presslens.analyzers.attribution_quotes import title_quote

    text = "the “Melvin and Howard” star and “War & Peace” and “We will win,” he said"
    marks = [(m, text.index("”", m) + 1) for m in (text.index("“M"), text.index("“W"))]
    assert all(title_quote(text, q) for q in marks)
    said = (text.index("“We"), text.index("”", text.index("“We")) + 1)
    assert not title_quote(text, said)
    page = flattened(
        "Mary Steenburgen Wrote the Best Original Movie Song of the Year",
        [
            "The odyssey of how the actress came to write the song began 10 years ago,"
            " when the “Melvin and Howard” star had surgery."
        ],
        [],
    )
    a = analyze(page, published="2024-03-04")
    assert not [q for q in a.attributions if q.cue_text in ("Wrote", "began")]


def test_quotes_a_colon_label_with_a_list_is_no_relation() -> None:
    text = flattened(
        "Meal plan",
        ["Portion Fix Containers: 1 Green, 1 Red, 1 Yellow", "Mayor Ruiz: the bridge will open"],
        [],
    )
    a = analyze(text, published="2024-03-04")
    colon = [q.source_text for q in a.attributions if q.cue_text == ":"]
    assert "Portion Fix Containers" not in colon and "Mayor Ruiz" in colon


def test_quotes_reliability_bins_rows_by_confidence() -> None:
    from presslens.eval.quotes import reliability

    gold = [Rel(content=((0, 5),), cue=((6, 10),), source=((11, 15),))]
    pred = [
        Rel(content=((0, 5),), cue=((6, 10),), source=((11, 15),), confidence=0.85),
        Rel(content=((20, 25),), cue=((26, 30),), confidence=0.1),
    ]
    rows = {r["bin"]: r for r in reliability([(gold, pred)])}
    assert rows["0.8-0.9"]["precision_exact"] == 1.0
    assert rows["0.0-0.2"]["precision_exact"] == 0.0 and rows["0.0-0.2"]["rows"] == 1


# -- seventh round: passive cues, second cue verbs, quotations and participles closing a content


@pytest.fixture(scope="module")
def seventh() -> list[tuple[str | None, str | None, list[str]]]:
    from presslens.analyzers.attribution import find_attributions
    from presslens.analyzers.cues import cue_frames, cue_lexicon
    from presslens.pipeline import model_parser

    parsed = model_parser()
    text = (
        "Asked about the cracks in the bridge, Mayor Ruiz said the engineers would report in"
        " May. Councillor Haddad said he earns $40,000 a year and questioned how the new tax"
        " would help him. Haddad said the new plan “is fair to the workers, but it leaves the"
        " farmers behind.” The mayor said the bridge would open in May, pointing to the"
        " engineers' report on the cracks."
    )
    rows = find_attributions(parsed(text), cue_lexicon(), text, cue_frames())
    return [
        (
            text[r.source[0] : r.source[1]] if r.source else None,
            text[r.cue[0] : r.cue[1]] if r.cue else None,
            [text[s:e] for s, e in r.content],
        )
        for r in rows
    ]


def test_quotes_a_passive_cue_has_no_source(
    seventh: list[tuple[str | None, str | None, list[str]]],
) -> None:
    # who was asked is not who asked: the row has no source
    assert all(src is None for src, cue, _ in seventh if cue == "Asked about")
    assert ("Mayor Ruiz", "said", ["the engineers would report in May"]) in seventh


def test_quotes_a_second_cue_verb_takes_the_first_ones_subject(
    seventh: list[tuple[str | None, str | None, list[str]]],
) -> None:
    (questioned,) = [r for r in seventh if r[1] == "questioned"]
    assert questioned[0] == "Councillor Haddad"


def test_quotes_a_content_stopped_inside_a_quotation_runs_to_its_close(
    seventh: list[tuple[str | None, str | None, list[str]]],
) -> None:
    assert any(c[-1].endswith("farmers behind.”") for src, _, c in seventh if src == "Haddad")


def test_quotes_a_closing_participle_of_saying_is_a_report_of_its_own(
    seventh: list[tuple[str | None, str | None, list[str]]],
) -> None:
    assert ("The mayor", "said", ["the bridge would open in May"]) in seventh
    assert [r for r in seventh if r[1] == "pointing to"]


def _colon_speakers(title: str, lines: list[str]) -> list[str | None]:
    """The sources of the colon-line rows of an article of ``lines``, with a real speaker's
    line ("Mayor Ruiz: …") at the end."""
    text = flattened(title, [*lines, "Mayor Ruiz: the bridge will open"], [])
    a = analyze(text, published="2024-03-04")
    return [q.source_text for q in a.attributions if q.cue_text == ":"]


def test_quotes_an_interview_turn_is_no_speaker() -> None:
    colon = _colon_speakers(
        "Ten questions for a harbour pilot",
        [
            "Q: What was the hardest night you have worked at sea?",
            "A: The storm of last winter kept us out for nine hours.",
        ],
    )
    assert "Q" not in colon and "A" not in colon and "Mayor Ruiz" in colon


def test_quotes_a_rubric_dateline_or_colon_title_is_no_speaker() -> None:
    colon = _colon_speakers(
        "Fact Check: Is a bakery in Lyon selling bread for one cent?",
        [
            "MARSEILLE: Their plan to sell cheap bread made the bakers famous in the region.",
            "Disclaimer: The views expressed by the bakers are their own and not ours.",
            "Harbour Quest: Lost Tides is a game that many players have waited for.",
            "Harbour Quest: Lost Tides was released last week, and it sold well.",
        ],
    )
    assert colon == ["Mayor Ruiz"]
