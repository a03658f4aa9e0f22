"""The highlight scheme: WCAG AA contrast, layers apart for colour-blind readers, and no rule
that hides a highlight nested in another (the old ``mark.quote mark{box-shadow:none}``)."""

from __future__ import annotations

import itertools

from presslens.propaganda.techniques import TECHNIQUE_INFO
from presslens.render.palette import (
    ENTITY_TINTS,
    INK,
    LAYER_STYLES,
    PAPER,
    TECHNIQUE_TAGS,
    contrast,
    highlight_css,
)

LINES = [k for k in LAYER_STYLES if k != "entities"]
# Viénot, Brettel & Mollon (1999) dichromat simulation in linear RGB
SIMULATE = {
    "protanopia": ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0), (0.00401, -0.00401, 1.0)),
    "deuteranopia": ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0)),
    "tritanopia": ((1.0, 0.14461, -0.14461), (0.0, 0.85924, 0.14076), (0.0, 0.85924, 0.14076)),
}


def _linear(hex_colour: str) -> list[float]:
    cs = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in cs]


def _seen(hex_colour: str, matrix: tuple[tuple[float, ...], ...]) -> list[float]:
    rgb = _linear(hex_colour)
    return [max(0.0, min(1.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix]


def test_render_palette_contrast_passes_wcag_aa() -> None:
    assert contrast("#000000", "#ffffff") == 21.0
    for key in LINES:  # lines and boxes: non-text contrast, 3:1 (WCAG 1.4.11)
        assert contrast(LAYER_STYLES[key].colour, PAPER) >= 3.0, key
    for key in ("techniques", "links"):  # the technique tag and link text: 4.5:1 (1.4.3)
        assert contrast(LAYER_STYLES[key].colour, PAPER) >= 4.5, key
    for kind, tint in ENTITY_TINTS.items():  # body text on a tint stays well above AAA
        assert contrast(INK, tint) >= 7.0, kind


def test_render_palette_layers_stay_apart_for_colour_blind_readers() -> None:
    for vision, matrix in SIMULATE.items():
        for a, b in itertools.combinations(LINES, 2):
            ca, cb = _seen(LAYER_STYLES[a].colour, matrix), _seen(LAYER_STYLES[b].colour, matrix)
            distance = sum((x - y) ** 2 for x, y in zip(ca, cb, strict=True)) ** 0.5
            # and each layer has its own shape besides (the legend says which)
            assert distance > 0.02 or LAYER_STYLES[a].shape != LAYER_STYLES[b].shape
            assert LAYER_STYLES[a].shape != LAYER_STYLES[b].shape, (vision, a, b)


def test_render_palette_every_technique_has_a_tag_and_nesting_is_kept() -> None:
    assert set(TECHNIQUE_TAGS) == set(TECHNIQUE_INFO)
    assert len(set(TECHNIQUE_TAGS.values())) == len(TECHNIQUE_TAGS)
    css = highlight_css()
    assert "mark.quote mark" not in css and "box-shadow:none" not in css
    for key in LAYER_STYLES:
        assert LAYER_STYLES[key].colour in css or key == "entities"
