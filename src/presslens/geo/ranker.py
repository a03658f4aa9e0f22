"""The context ranker's features and weights: a conditional logit over one mention's
candidates (``presslens train places`` writes ``ranker.json``; without it the hand-set
rule weights of presslens ≤ 0.1 are used)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from presslens.geo.gazetteer import Place

Array = npt.NDArray[np.float64]

__all__ = ["FEATURES", "RULE_WEIGHTS", "Ranker", "kind_of", "load_ranker", "rule_ranker"]

FEATURES = (
    "log_population",
    "country",
    "capital",
    "admin1",
    "admin2",
    "continent",
    "populated_place",
    "exact_name",
    "apposition",
    "focus",
    "near_other_place",
    "log_km_to_other_places",
    "comma_region",
    "county_pattern",
    "admin1_named",
    "outlet_country",
    "region_named_after_city",
    "most_populous",
    "population_share",
    "fuzzy",
    "alternate_name",
)
# The rules of presslens ≤ 0.1, as weights over the same features (the fallback ranker).
RULE_WEIGHTS = {
    "log_population": 1.0,
    "country": 4.0,
    "capital": 2.0,
    "admin1": 1.0,
    "exact_name": 0.5,
    "apposition": 6.0,
    "focus": 1.0,
    "near_other_place": 1.5,
    "comma_region": 5.0,
    "admin1_named": 2.5,
    "outlet_country": 0.75,
    "region_named_after_city": -2.0,
}


@dataclass(frozen=True, slots=True)
class Ranker:
    """A linear scorer over ``FEATURES``; probabilities are a softmax over the candidates."""

    weights: Array
    mean: Array
    scale: Array
    name: str
    # Per kind of place (``kind_of``), the ratio of the training hit rate within 161 km to
    # the mean probability: a country can be the right country and still lie 300 km from
    # the point a gold standard uses, which the softmax over candidates cannot know.
    kind_scale: dict[str, float] = field(default_factory=dict)

    def scores(self, x: Array) -> Array:
        return np.asarray(((x - self.mean) / self.scale) @ self.weights, dtype=float)

    def calibrate(self, p: float, place: Place) -> float:
        return min(1.0, p * self.kind_scale.get(kind_of(place), 1.0))


def kind_of(place: Place) -> str:
    if place.feature_code.startswith("PCL"):
        return "country"
    if place.feature_code == "ADM1":
        return "admin1"
    if place.feature_code == "CONT":
        return "continent"
    return "populated" if place.feature_class == "P" else "other"


def rule_ranker() -> Ranker:
    w = np.array([RULE_WEIGHTS.get(f, 0.0) for f in FEATURES])
    n = len(FEATURES)
    return Ranker(w, np.zeros(n), np.ones(n), "rules")


@functools.cache
def load_ranker(folder: Path | None = None) -> Ranker:
    """The learned ranker in ``folder`` (what ``presslens train places -o FOLDER`` wrote),
    by default the shipped one; the rule weights when the shipped file is absent."""
    if folder is not None:
        raw = (folder / "ranker.json").read_text("utf-8")  # a missing model is an error
    else:
        try:
            raw = (
                resources.files("presslens.resources.geonames")
                .joinpath("ranker.json")
                .read_text("utf-8")
            )
        except (FileNotFoundError, OSError):
            return rule_ranker()
    data = json.loads(raw)
    if tuple(data["features"]) != FEATURES:
        return rule_ranker()  # a model trained on other features is not applied blindly
    return Ranker(
        np.array(data["weights"], dtype=float),
        np.array(data["mean"], dtype=float),
        np.array(data["scale"], dtype=float),
        str(data.get("name", "learned")),
        {str(k): float(v) for k, v in data.get("kind_scale", {}).items()},
    )
