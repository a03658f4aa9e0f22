"""The highlight scheme shared by the dashboard and the standalone HTML report.

Each layer has a *shape* of its own, so layers stay apart without colour (for colour-blind
readers and in greyscale print) and nested highlights stay legible (a quotation holding a
technique span holding an entity shows all three):

==============  ==========================================  =======================
layer           shape                                       colour (on white)
==============  ==========================================  =======================
entities        background tint (by type)                   text stays #1d1d1f
dates           overline                                    purple #6a3d9a
quotations      solid bottom border, under the text         vermillion #a84300
                (dashed when the source is vague/anonymous)
techniques      wavy underline + a short name tag           blue #005a9e
events          outline box, bold                           green #00704f
comment flags   solid underline (double: violence,          magenta #9c1f6e
                dotted: conspiracy)
links           thin underline, blue text                   #0645ad
claims          shaded sentence (dashboard only)            grey #595959 at 15%
==============  ==========================================  =======================

Every line colour has at least 3:1 contrast with the white page (WCAG 2.1 AA, 1.4.11
non-text contrast) and the tag and link text at least 4.5:1 (1.4.3); tints keep the body
text above 7:1. The colours come from the Okabe-Ito palette, darkened for contrast, so they
stay apart under protanopia, deuteranopia and tritanopia as well. tests/test_render_palette.py
checks these numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from presslens.propaganda.techniques import TECHNIQUE_INFO

__all__ = [
    "ENTITY_TINTS",
    "INK",
    "LAYER_STYLES",
    "PAPER",
    "TECHNIQUE_TAGS",
    "LayerStyle",
    "contrast",
    "highlight_css",
    "legend_html",
]

INK = "#1d1d1f"
PAPER = "#ffffff"


@dataclass(frozen=True, slots=True)
class LayerStyle:
    key: str
    shape: str  # said in the legend, so the scheme is readable without colour
    colour: str


LAYER_STYLES: dict[str, LayerStyle] = {
    s.key: s
    for s in (
        LayerStyle("entities", "tinted background", "#fbeeb0"),
        LayerStyle("dates", "line above", "#6a3d9a"),
        LayerStyle("quotes", "line below (dashed: vague source)", "#a84300"),
        LayerStyle("techniques", "wavy underline + tag", "#005a9e"),
        LayerStyle("events", "box, bold", "#00704f"),
        LayerStyle("comments", "underline (double: violence)", "#9c1f6e"),
        LayerStyle("links", "blue text, thin underline", "#0645ad"),
        # drawn over the text by the browser (CSS Custom Highlight API), at 15% opacity so
        # the tints beneath stay visible: dashboard only
        LayerStyle("claims", "shaded sentence", "#595959"),
    )
}
ENTITY_TINTS = {
    "default": "#fbeeb0",
    "PERSON": "#fde0c8",
    "GPE": "#d8eed3",
    "LOC": "#d8eed3",
    "FAC": "#d8eed3",
    "ORG": "#e4def5",
    "GROUP": "#e4def5",
}
# a short tag per technique, shown after the span: 14 techniques cannot be told apart by
# colour, but they can by name
TECHNIQUE_TAGS = {
    "Loaded_Language": "loaded",
    "Name_Calling,Labeling": "label",
    "Repetition": "repeat",
    "Doubt": "doubt",
    "Exaggeration,Minimisation": "exagg.",
    "Appeal_to_fear-prejudice": "fear",
    "Flag-Waving": "flag",
    "Causal_Oversimplification": "causal",
    "Appeal_to_Authority": "authority",
    "Slogans": "slogan",
    "Whataboutism,Straw_Men,Red_Herring": "whatabout",
    "Black-and-White_Fallacy": "black/white",
    "Thought-terminating_Cliches": "cliché",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon",
}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def highlight_css() -> str:
    """The CSS of every highlight; nested marks keep their own shapes."""
    c = {k: s.colour for k, s in LAYER_STYLES.items()}
    tints = "".join(
        f"mark.ent-{kind}{{background:{tint}}}"
        for kind, tint in ENTITY_TINTS.items()
        if kind != "default"
    )
    tags = "".join(
        f'mark.tech-{_slug(name)}::after{{content:"{tag}"}}'
        f'.tag-{_slug(name)}::before{{content:"{tag}"}}'
        for name, tag in TECHNIQUE_TAGS.items()
        if name in TECHNIQUE_INFO
    )
    css = (
        f"mark{{color:inherit;background:none}}"
        f"mark.ent{{background:{ENTITY_TINTS['default']};border-radius:2px}}{tints}"
        f"mark.time{{text-decoration:overline 2px {c['dates']}}}"
        f"mark.quote{{padding-bottom:3px;border-bottom:2px solid {c['quotes']}}}"
        f"mark.quote.src-vague,mark.quote.src-anonymous{{border-bottom-style:dashed}}"
        f"mark.tech{{text-decoration:underline wavy {c['techniques']};"
        f"text-decoration-thickness:1.5px;text-underline-offset:3px}}"
        f"mark.tech::after{{font-size:.62em;font-weight:600;vertical-align:super;"
        f"color:{c['techniques']};margin-left:1px;text-decoration:none;display:inline-block}}"
        f"mark.event{{font-weight:700;outline:1.5px solid {c['events']};outline-offset:0;"
        f"border-radius:2px}}"
        f"mark.cev{{text-decoration:underline solid 2.5px {c['comments']};"
        f"text-underline-offset:4px}}"
        f"mark.cev-threat,mark.cev-incitement,mark.cev-violent_wish"
        f"{{text-decoration-style:double}}mark.cev-conspiracy{{text-decoration-style:dotted}}"
        f"mark.link{{color:{c['links']};text-decoration:underline 1px {c['links']}}}"
        f"mark:target,mark.focus{{outline:3px solid {INK};outline-offset:2px}}"
        f"::highlight(claims){{background-color:{c['claims']}26}}"
        f".claim-sample{{background-color:{c['claims']}26}}"
        f"{tags}"
    )
    # legend samples are <span class="lg …">, styled like the marks but never taken for one
    return css.replace("mark.", ":is(mark,span.lg).")


_SAMPLES = {
    "entities": ("ent", "entity"),
    "dates": ("time", "date"),
    "quotes": ("quote", "quotation"),
    "techniques": ("tech", "propaganda technique"),
    "events": ("event", "event"),
    "comments": ("cev", "comment flag"),
    "links": ("link", "link"),
}


def legend_html() -> str:
    """A legend of the highlights: each layer's sample, name and shape in words."""
    items = "".join(
        f'<li><span class="lg {css}">Abc</span> {name} ({LAYER_STYLES[key].shape})</li>'
        for key, (css, name) in _SAMPLES.items()
    )
    return f'<ul class="legend" id="legend">{items}</ul>'
