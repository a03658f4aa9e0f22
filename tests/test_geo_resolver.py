from __future__ import annotations

import re

import numpy as np

from presslens.analyzers.lexicons import demonyms
from presslens.geo.gazetteer import Gazetteer
from presslens.geo.resolver import (
    FEATURES,
    UNCERTAIN_BELOW,
    WIDE_KM,
    MentionIn,
    load_ranker,
    resolve,
    rule_ranker,
)
from presslens.train.places import fit_ranker
from tests.conftest import resolve_surfaces


def test_geo_resolver_state_after_comma_picks_the_local_town(gaz: Gazetteer) -> None:
    (res,) = resolve_surfaces(gaz, "The fair opened in Paris, Tennessee on Friday.", "Paris")
    assert res is not None
    assert (res.place.country_code, res.place.admin1_code) == ("US", "TN")


def test_geo_resolver_counties_are_in_the_gazetteer(gaz: Gazetteer) -> None:
    (res,) = resolve_surfaces(
        gaz, "Voters in Metcalfe County, Kentucky went to the polls.", "Metcalfe County"
    )
    assert res is not None
    assert res.place.feature_code == "ADM2"
    assert res.place.country_code == "US"


def test_geo_resolver_facility_near_a_town_is_uncertain(gaz: Gazetteer) -> None:
    text = "Jets flew from the Q-9 airbase near Palmyra at dawn."
    (res,) = resolve_surfaces(gaz, text, "Q-9 airbase")
    assert res is not None
    assert res.feature == "FAC"
    assert res.uncertain and res.confidence < UNCERTAIN_BELOW
    assert any("not in the gazetteer" in r for r in res.reasons)


def test_geo_resolver_byname_is_never_confident(gaz: Gazetteer) -> None:
    # "Google" is a GeoNames alternate name of Topeka, Kansas
    (res,) = resolve_surfaces(gaz, "Shares of Google rose.", "Google")
    if res is not None:
        assert res.confidence <= 0.8


def test_geo_resolver_wide_regions_are_never_confident(gaz: Gazetteer) -> None:
    (res,) = resolve_surfaces(gaz, "Wildfires spread across Alberta this week.", "Alberta")
    assert res is not None
    assert res.place.feature_code == "ADM1"
    assert gaz.extent_km(res.place.geonameid) > WIDE_KM
    assert res.confidence < 0.9
    assert gaz.extent_km(res.place.geonameid) > 0 and gaz.extent_km(5128581) == 0.0


def test_geo_resolver_region_is_its_main_city(gaz: Gazetteer) -> None:
    (res,) = resolve_surfaces(gaz, "Shelling in Aleppo continued.", "Aleppo")
    assert res is not None
    assert res.place.feature_class == "P"


def test_geo_resolver_uncertain_keeps_runners_up(gaz: Gazetteer) -> None:
    (res,) = resolve_surfaces(gaz, "A storm passed over Springfield.", "Springfield")
    assert res is not None
    if res.uncertain:
        assert res.alternatives
        assert all(0.0 <= p <= 1.0 for _, p in res.alternatives)


def test_geo_resolver_shipped_ranker_matches_the_features() -> None:
    ranker = load_ranker()
    assert ranker.weights.shape == (len(FEATURES),)
    assert ranker.name != "rules"  # the shipped model is found and applied


def test_geo_resolver_fit_ranker_learns_the_telling_feature() -> None:
    # two candidates per mention: the right one always has the "comma_region" feature, the
    # population says nothing
    col, pop = FEATURES.index("comma_region"), FEATURES.index("log_population")
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(200):
        x = np.zeros((2, len(FEATURES)))
        x[:, pop] = rng.normal(4.0, 1.0, size=2)
        x[:, col] = [1.0, 0.0]
        groups.append((x, np.array([True, False]), ["populated", "populated"]))
    learned = fit_ranker(groups, "test")
    rules = rule_ranker()
    assert learned.weights[col] > 0
    assert learned.scores(groups[0][0])[0] > learned.scores(groups[0][0])[1]
    assert rules.name == "rules"


def test_geo_resolver_capital_is_the_seat_of_government_abroad(gaz: Gazetteer) -> None:
    text = "Washington sent more advisers to Syria, officials in Damascus said."
    res = resolve_surfaces(gaz, text, "Washington", "Syria", "Damascus")[0]
    assert res is not None
    assert res.place.feature_code == "PPLC" and res.place.country_code == "US"
    assert res.confidence < 0.9
    assert any("seat of government" in r for r in res.reasons)


def test_geo_resolver_capital_rule_leaves_local_news_alone(gaz: Gazetteer) -> None:
    text = "Apple growers in Washington met in Yakima and Wenatchee this week."
    res = resolve_surfaces(gaz, text, "Washington", "Yakima", "Wenatchee")[0]
    assert res is not None
    assert res.place.feature_code != "PPLC"


def test_geo_resolver_part_of_a_place_stays_in_its_country(gaz: Gazetteer) -> None:
    text = "The Western District of New York filed the case."
    (res,) = resolve_surfaces(gaz, text, "Western District")
    assert res is None or res.place.country_code == "US"


def test_geo_resolver_state_after_a_full_stop_still_counts(gaz: Gazetteer) -> None:
    # the sentence goes on after the region: "Texas. Rodney" names nothing, "Texas" does
    text = "All of Paris, Texas. Rodney Cox and his wife live there."
    (res,) = resolve_surfaces(gaz, text, "Paris")
    assert res is not None
    assert (res.place.country_code, res.place.admin1_code) == ("US", "TX")


def test_geo_resolver_one_sense_for_a_name_given_with_its_region(gaz: Gazetteer) -> None:
    text = "Smith, 70, of Paris died on Sunday at home in Paris, Tennessee."
    i = text.index("Paris")
    j = text.index("Paris", i + 1)
    first, second = resolve(
        gaz,
        text,
        [MentionIn(i, i + 5, "Paris"), MentionIn(j, j + 5, "Paris")],
        demonyms=demonyms(),
    )
    assert first is not None and second is not None
    assert first.place.geonameid == second.place.geonameid
    assert first.place.admin1_code == "TN"


def test_geo_resolver_one_capital_per_country(gaz: Gazetteer) -> None:
    capitals = [p for p in gaz.candidates("Washington") if p.feature_code == "PPLC"]
    assert [p.admin1_code for p in capitals] == ["DC"]


def test_geo_resolver_capital_over_its_namesake_state(gaz: Gazetteer) -> None:
    text = "Lobbyists in Washington met senators from Texas and Ohio."
    res = resolve_surfaces(gaz, text, "Washington", "Texas", "Ohio")[0]
    assert res is not None and res.place.feature_code == "PPLC"


def test_geo_resolver_state_in_a_list_of_states(gaz: Gazetteer) -> None:
    text = "Officials investigate cases in Washington, Pennsylvania and California."
    res = resolve_surfaces(gaz, text, "Washington", "Pennsylvania", "California")[0]
    assert res is not None
    assert (res.place.feature_code, res.place.admin1_code) == ("ADM1", "WA")


def test_geo_resolver_region_of_the_place_before(gaz: Gazetteer) -> None:
    text = "The flight from Atlanta, Georgia landed in Wichita."
    res = resolve_surfaces(gaz, text, "Atlanta", "Georgia", "Wichita")[1]
    assert res is not None
    assert (res.place.country_code, res.place.feature_code) == ("US", "ADM1")


def test_geo_resolver_division_named_with_its_kind(gaz: Gazetteer) -> None:
    (fars,) = resolve_surfaces(gaz, "Protests spread in Fars Province on Monday.", "Fars Province")
    assert fars is not None and (fars.place.country_code, fars.place.feature_code) == ("IR", "ADM1")
    (county,) = resolve_surfaces(gaz, "A crash in PLYMOUTH CO. closed the road.", "PLYMOUTH CO.")
    assert county is not None and county.place.feature_code == "ADM2"


def test_geo_gazetteer_groupings_and_english_country_names(gaz: Gazetteer) -> None:
    assert [p.feature_code for p in gaz.candidates("Latin America")][:1] == ["RGN"]
    assert [p.country_code for p in gaz.candidates("Cape Verde")][:1] == ["CV"]


def test_geo_resolver_nations_of_the_uk_are_their_regions(gaz: Gazetteer) -> None:
    (res,) = resolve_surfaces(gaz, "She studied at a university in Wales for two years.", "Wales")
    assert res is not None and res.place.feature_code == "ADM1"


def test_geo_resolver_district_hands_its_share_to_the_city(gaz: Gazetteer) -> None:
    text = "Passengers arrived from Toronto on June 3."
    (res,) = resolve_surfaces(gaz, text, "Toronto")
    assert res is not None and (res.place.feature_class, res.place.country_code) == ("P", "CA")


def test_geo_resolver_a_place_in_a_country_the_text_does_not_name(gaz: Gazetteer) -> None:
    text = (
        "Kenya reported new cholera cases. Kenya's health ministry asked for help, and "
        "Kenya sent doctors to camps in Nyanza province."
    )
    mentions = [MentionIn(m.start(), m.end(), "Kenya") for m in re.finditer("Kenya", text)]
    at = text.index("Nyanza")
    res = resolve(gaz, text, [*mentions, MentionIn(at, at + 6, "Nyanza")], demonyms=demonyms())[-1]
    assert res is None or res.place.country_code == "KE" or res.confidence < 0.9


def test_geo_resolver_a_town_missing_from_its_named_region_is_uncertain(gaz: Gazetteer) -> None:
    text = "Fighters attacked a post in Pangram area of Sarkh, Logar, officials said."
    (res,) = resolve_surfaces(gaz, text, "Sarkh")
    assert res is not None and res.uncertain
    assert res.place.country_code == "AF"
    assert any("shown at its region" in r for r in res.reasons)


def test_geo_resolver_leading_name_and_seats_of_government(gaz: Gazetteer) -> None:
    text = "The treatment was developed by doctors in Newcastle, at a British hospital."
    (res,) = resolve_surfaces(gaz, text, "Newcastle")
    assert res is not None and res.place.country_code == "GB"
    (seat,) = resolve_surfaces(
        gaz, "A turkey is pardoned at the White House each year.", "White House"
    )
    assert seat is not None and seat.feature == "FAC"
    assert (seat.place.country_code, seat.place.feature_code) == ("US", "PPLC")


def test_geo_resolver_a_district_hands_its_share_to_its_own_city(gaz: Gazetteer) -> None:
    text = "The US Embassy in New Delhi maintains its own air quality monitors."
    res = resolve_surfaces(gaz, text, "US", "New Delhi")[1]
    assert res is not None and res.place.feature_code == "PPLC" and res.confidence >= 0.9


def test_geo_resolver_airport_named_without_saying_airport_is_not_confident(
    gaz: Gazetteer,
) -> None:
    # "Browns" is the name of a Nebraska airport with its "Airport" dropped, and of a team
    text = "The Browns lost in Cleveland on Sunday."
    (res,) = resolve_surfaces(gaz, text, "Browns")
    assert res is not None and res.place.feature_code == "AIRP"
    assert res.confidence <= 0.7
    assert any("does not say" in r for r in res.reasons)
    # said in full, the same airport may be confident
    (full,) = resolve_surfaces(gaz, "Flights left Browns Airport in Nebraska.", "Browns Airport")
    assert full is not None and full.place.feature_code == "AIRP"
    assert not any("does not say" in r for r in full.reasons)


def test_geo_resolver_division_named_without_its_kind_word(gaz: Gazetteer) -> None:
    text = (
        "Health workers in Zimbabwe counted new cholera cases in Harare and in the "
        "provinces of Mashonaland West and Midlands this week."
    )
    west, midlands = resolve_surfaces(gaz, text, "Mashonaland West", "Midlands")
    assert west is not None and midlands is not None
    assert (midlands.place.name, midlands.place.country_code) == ("Midlands Province", "ZW")
    # the city keeps its name where a town of the country has it
    (kisumu,) = resolve_surfaces(gaz, "Traders in Kisumu, Kenya closed their shops.", "Kisumu")
    assert kisumu is not None and kisumu.place.feature_class == "P"
