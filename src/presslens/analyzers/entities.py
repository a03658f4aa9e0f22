"""``presslens_entities``: canonical entities and geocoded places.

Runs after the model's NER. Mentions come from the model (corrected with the gazetteer and
the document), the alias table and the demonym table; place mentions are resolved against
GeoNames; all mentions are then clustered into canonical entities.
"""

# No "from __future__ import annotations" here: spaCy 3.7 validates factory signatures
# with pydantic v1, which needs real annotations, not strings.

import itertools
import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from presslens.analyzers.clusters import Cluster, ResolvedRef, cluster_mentions
from presslens.analyzers.context import (
    DocContext,
    custom_model,
    get_context,
    register_attributes,
)
from presslens.analyzers.lexicons import demonyms
from presslens.analyzers.mentions import PLACE_LABELS, RawMention, find_mentions
from presslens.geo.discourse import followed_by_its_region
from presslens.geo.gate import (
    GateInput,
    locative_before,
    place_gate,
    speaks,
    surfaces_by_label,
)
from presslens.geo.gazetteer import Gazetteer, load_gazetteer, normalise
from presslens.geo.resolver import MentionIn, Ranker, Resolution, load_ranker, resolve
from presslens.model import Entity, Mention, Place, PlaceCandidate, Span

__all__ = ["ASSIGNS", "NAME", "EntitiesComponent", "make_entities"]

NAME = "presslens.entities.v1"
ASSIGNS = ["doc._.presslens_entities", "doc._.presslens_places"]
register_attributes(ASSIGNS)
# A name the model labelled as a person or group is relabelled as a place only when the
# place is big enough that the reading is likely (Aleppo, Palmyra, Hamadan, not a hamlet
# that happens to share a surname).
_RELABEL_MIN_POPULATION = 20_000
_FUZZY_MIN_POPULATION = 100_000


class EntitiesComponent:
    analyzer = NAME

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        name: str = "presslens_entities",
        model: str | None = None,
        relabel_min_population: int = _RELABEL_MIN_POPULATION,
        fuzzy_min_population: int = _FUZZY_MIN_POPULATION,
    ) -> None:
        self._gaz = gazetteer
        self.name = name
        self.model = model  # a folder holding ranker.json (``presslens train places -o``)
        self.relabel_min_population = relabel_min_population
        self.fuzzy_min_population = fuzzy_min_population
        self._ranker: Ranker | None = custom_model("entities", model, load_ranker)

    @property
    def ranker(self) -> Ranker:
        if self._ranker is None:
            self._ranker = load_ranker()
        return self._ranker

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    def _is_place(self, name: str, fuzzy: bool) -> bool:
        if fuzzy:
            hits = self.gaz.fuzzy(name, limit=1, min_score=85.0)
            return bool(hits) and hits[0][0].population >= self.fuzzy_min_population
        return any(
            p.feature_code.startswith("PCL") or p.population >= self.relabel_min_population
            for p in self.gaz.candidates(name)[:5]
        )

    def __call__(self, doc: Doc) -> Doc:
        ctx = get_context(doc)
        text = ctx.original_text or doc.text
        mentions = self._gate(text, find_mentions(doc, text, self._is_place))
        mentions = self._extend_names(text, mentions)
        mentions = sorted(mentions + self._places_in_names(mentions), key=lambda m: m.start)
        place_idx = [i for i, m in enumerate(mentions) if m.label in PLACE_LABELS]
        resolutions = resolve(
            self.gaz,
            text,
            [
                MentionIn(mentions[i].start, mentions[i].end, mentions[i].text, mentions[i].label)
                for i in place_idx
            ],
            demonyms=demonyms(),
            outlet_country=ctx.outlet_country,
            ranker=self.ranker,
        )
        refs: dict[int, ResolvedRef] = {}
        for i, res in zip(place_idx, resolutions, strict=True):
            if res is not None:
                refs[i] = _ref(res, mentions[i])
        clusters = cluster_mentions(text, mentions, refs, self._country_ref)
        keys = _cluster_keys(clusters)
        doc._.presslens_entities = [_entity(c, ctx) for c in clusters]
        doc._.presslens_places = [
            _place(mentions[i], res, ctx, keys.get(id(mentions[i])))
            for i, res in zip(place_idx, resolutions, strict=True)
        ]
        return doc

    def _gate(self, text: str, mentions: list[RawMention]) -> list[RawMention]:
        """The not-a-place gate (``presslens.geo.gate``): a failed place mention takes its
        other reading (a person, an organisation) or is dropped (function words)."""
        # a personal name's words; "Cornwall Fire and" (the model's cut of "Cornwall Fire and
        # Rescue Service") is no personal name
        persons = [m for m in mentions if m.label == "PERSON" and _PERSONAL.match(m.text)]
        person_tokens = frozenset(tok for m in persons for tok in m.text.split()[1:]) | frozenset(
            m.text.split()[0] for m in persons if len(m.text.split()) > 1
        )
        others = surfaces_by_label([(m.text, m.label) for m in mentions])
        for m in mentions:
            if m.label in PLACE_LABELS and speaks(self.gaz, text, m.start, m.end, m.text):
                others.setdefault(m.text, "PERSON")  # "York said" makes every "York" a person
        mentions = [piece for m in mentions for piece in self._split_town_region(text, m)]
        mentions = [
            replace(m, label="GPE", source="ner+comma-region")
            if (m.label in ("PERSON", "ORG", "PRODUCT") or "gazetteer" in m.source)
            and followed_by_its_region(self.gaz, text, m.end, m.text)
            else replace(m, label="GPE", source="ner+gazetteer")
            # "in Calcutta" read as a product
            if m.label == "PRODUCT"
            and locative_before(text, m.start)
            and self._is_place(m.text, False)
            else m
            for m in mentions
        ]
        out: list[RawMention] = []
        anchored = frozenset(
            m.text
            for m in mentions
            if m.label in PLACE_LABELS
            and m.source in ("ner", "dateline", "ner+propagated", "ner+comma-region")
            # a name of the gazetteer's own, not one matched by spelling ("Burisma")
            and bool(self.gaz.candidates(m.text))
            and place_gate(
                self.gaz, text, GateInput(m.start, m.end, m.text, False), person_tokens, others
            )[0]
            is None
        )
        # (a name only the gazetteer made a place is no anchor even after "from": "from
        # Google" would make every "Google" of the page Topeka, whose byname it is)
        anchored |= _coordinated(text, mentions, anchored)
        for m in mentions:
            if (
                m.label in ("PERSON", "ORG", "PRODUCT")
                and m.text in anchored
                and m.text not in person_tokens
            ):
                # "CTV Winnipeg" read as a product, "a Churchill doctor" as a person, where
                # the text also has "in Winnipeg", "Churchill, Man."
                m = replace(m, label="GPE", source="ner+anchored")
            if m.label not in PLACE_LABELS or m.source in ("facility", "dateline"):
                out.append(m)
                continue
            why, reading = place_gate(
                self.gaz,
                text,
                GateInput(m.start, m.end, m.text, "gazetteer" in m.source),
                person_tokens,
                others,
                anchored,
            )
            if why is None:
                out.append(m)
            elif reading is not None:
                out.append(replace(m, label=reading, source=f"{m.source}+not-a-place"))
        return out

    def _extend_names(self, text: str, mentions: list[RawMention]) -> list[RawMention]:
        """A place read short of its full name ("Guinea" of "Guinea-Bissau", "Democratic
        Republic" of "Democratic Republic of the Congo", "French" of "French Guiana",
        "Mashonaland" of "Mashonaland West") takes the words after it that make a place's
        own name in the gazetteer; the mentions inside the longer name go."""
        out: list[RawMention] = []
        taken_until = -1
        for m in sorted(mentions, key=lambda x: x.start):
            if m.start < taken_until:
                continue  # inside a name extended just before
            if m.label in PLACE_LABELS or m.form == "adjective":
                tail = _NAME_TAIL.match(text, m.end)
                if tail:
                    best = None
                    for i in range(len(tail.group()), 0, -1):
                        if i < len(tail.group()) and _NAME_CHAR.match(tail.group(), i):
                            continue  # only at a word's end
                        name = text[m.start : m.end + i]
                        key = normalise(name)
                        if any(normalise(p.name) == key for p in self.gaz.candidates(name)[:20]):
                            best = name
                            break
                    if best is not None:
                        m = replace(
                            m,
                            end=m.start + len(best),
                            text=best,
                            label="GPE",
                            source=m.source + "+extended",
                            form="name",
                            country=None,
                        )
                        taken_until = m.end
            out.append(m)
        return out

    def _places_in_names(self, mentions: list[RawMention]) -> list[RawMention]:
        """The country or first-level region an organisation's name opens with ("U.S. Food
        and Drug Administration", "Kentucky State Police"): a place mention of its own,
        beside the organisation's. A region only before a word of public bodies ("Indiana
        State Police", not "Trinity Academy"), and no place in a newspaper's or a
        company's name ("New York Times", "USA Today")."""
        out: list[RawMention] = []
        for m in mentions:
            if m.label != "ORG" or " " not in m.text:
                continue
            words = m.text.split(" ")
            if words[-1] in _MEDIA_OR_COMPANY:
                continue
            for n in (3, 2, 1):
                if n >= len(words) or not words[0][:1].isupper():
                    continue
                prefix = " ".join(words[:n])
                cands = self.gaz.candidates(prefix)[:10]
                country = any(p.feature_code.startswith("PCL") for p in cands)
                # a region by its own name ("Indiana"), not an alternate one ("White")
                region = any(p.feature_code == "ADM1" and p.name == prefix for p in cands)
                if country or (region and words[n] in _PUBLIC_BODY):
                    end = m.start + len(prefix)
                    out.append(replace(m, end=end, text=prefix, label="GPE", source="ner+in-name"))
                    break
        return out

    def _split_town_region(self, text: str, m: RawMention) -> list[RawMention]:
        """ "Wainwright, Alta" read as one name: the town and its region, two places."""
        parts = _TOWN_REGION.match(m.text)
        if parts is None or m.label not in ("PERSON", "ORG", "PRODUCT", "GPE", "LOC"):
            return [m]
        town = parts.group("town")
        if not followed_by_its_region(self.gaz, text, m.start + len(town), town):
            return [m]
        start = m.start + parts.start("region")
        end = m.end + (text[m.end : m.end + 1] == "." and len(parts.group("region")) <= 5)
        return [
            replace(m, end=m.start + len(town), text=town, label="GPE", source="ner+comma-region"),
            replace(m, start=start, end=end, text=text[start:end], label="GPE", source="ner+split"),
        ]

    def _country_ref(self, code: str) -> ResolvedRef | None:
        place = self.gaz.country(code)
        if place is None:
            return None
        return ResolvedRef(f"geonames:{place.geonameid}", place.name, place.geonameid)


# A personal name: capitalised words, with the particles of names ("Ezra Klein", "Bashar
# al-Assad", "Ursula von der Leyen"); not "Cornwall Fire and"
_PERSONAL = re.compile(
    r"^(?:(?:[A-Z][\w'’.-]*|al-\w+|el-\w+|bin|ibn|van|von|der|den|de|del|della|da|di|du|"
    r"la|le|dos|das)(?: |$))+$"
)
# What may continue a place's name: "-Bissau", " of the Congo", " do Sul", " West"
_NAME_TAIL = re.compile(
    r"(?:(?:-|[ ](?:(?:of the|of|do|da|de|del|dos|das|du) )?)[A-Z][\w'’]*(?:\.(?= [A-Z]))?){1,4}"
)
_NAME_CHAR = re.compile(r"[\w'’]")
# The word after a region's name in the name of one of its public bodies ("Kentucky State
# Police", "Indiana House", "Alberta Liquor Store Association").
_PUBLIC_BODY = frozenset(
    """State Statehouse Department Dept. Police Government Ministry University College Court
    Supreme Council House Senate Assembly Legislature Health Highway Patrol Board Association
    Teachers Public National Provincial Attorney Office Hospital Institute Electoral
    Transportation Transport Environmental Emergency Fire Sheriff's County Fish Liquor
    Human Medical Election Elections Parks Agriculture Education Labor Labour Secretary
    Governor Governor's Treasury Revenue Commission Correctional Corrections""".split()
)
# Last words of newspapers' and companies' names: "New York Times" names no place.
_MEDIA_OR_COMPANY = frozenset(
    """Times Post Tribune Journal Herald News Today Magazine Gazette Inc Inc. Corp Corp.
    Corporation Co. Company LLC Ltd Ltd. Airlines Airways Bank Group Holdings Motors
    Instruments Records Exchange Stock Telegraph Review Press Sun Star Daily Weekly""".split()
)
_TOWN_REGION = re.compile(r"^(?P<town>[A-Z][\w'’ .-]*?), (?P<region>[A-Z][\w.]*(?: [A-Z][\w.]*)?)$")


_JOINED = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def _coordinated(text: str, mentions: list[RawMention], anchored: frozenset[str]) -> frozenset[str]:
    """Names listed with a place that stands on its own evidence ("flights into Darfur and
    Malakal"): one list, one kind of thing."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out: set[str] = set()
    for a, b in itertools.pairwise(ordered):
        if not _JOINED.match(text[a.end : b.start]) or text[b.end : b.end + 2] in ("'s", "’s"):
            continue  # not "Liu He, China's negotiator": an apposition, no list
        for one, other in ((a, b), (b, a)):
            if (
                "gazetteer" in one.source
                and one.label in PLACE_LABELS
                and other.label in PLACE_LABELS
                and other.text in anchored
            ):
                out.add(one.text)
    return frozenset(out)


def _ref(res: Resolution, m: RawMention) -> ResolvedRef:
    p = res.place
    if res.feature == "FAC":
        name = m.text
        return ResolvedRef(f"ent:fac:{p.geonameid}:{name.casefold()}", name, None)
    if res.feature == "region":
        return ResolvedRef(f"ent:region:{m.text.casefold()}", m.text, None)
    sure = res.confidence >= 0.9 and not res.uncertain
    return ResolvedRef(f"geonames:{p.geonameid}", p.name, p.geonameid, sure, res.uncertain)


def _cluster_keys(clusters: list[Cluster]) -> dict[int, str]:
    """id(mention) → the key of the first cluster holding it: one pass over the clusters,
    not one per place mention (quadratic in a long document)."""
    keys: dict[int, str] = {}
    for c in clusters:
        for x, _ in c.mentions:
            keys.setdefault(id(x), c.key)
    return keys


def _mention(m: RawMention, form: str, ctx: DocContext) -> Mention:
    cid = ctx.comment_at(m.start)
    return Mention(
        span=Span(start=m.start, end=m.end),
        text=m.text,
        in_comment=cid is not None,
        comment_id=cid,
        form=form,  # type: ignore[arg-type,unused-ignore]
    )


def _entity(c: Cluster, ctx: DocContext) -> Entity:
    mentions = sorted(
        (_mention(m, form, ctx) for m, form in c.mentions), key=lambda x: x.span.start
    )
    in_comments = sum(m.in_comment for m in mentions)
    return Entity(
        id=c.key,
        name=c.name,
        type=c.type,  # type: ignore[arg-type,unused-ignore]
        mentions=mentions,
        article_mentions=len(mentions) - in_comments,
        comment_mentions=in_comments,
        place_id=c.geonameid,
        roles=c.roles,
        sources=sorted(c.sources),
    )


def _place(m: RawMention, res: Resolution | None, ctx: DocContext, key: str | None) -> Place:
    in_comment = ctx.comment_at(m.start) is not None
    span = Span(start=m.start, end=m.end)
    if res is None:
        return Place(
            span=span,
            text=m.text,
            in_comment=in_comment,
            geonameid=None,
            name=None,
            confidence=0.0,
            reasons=["no gazetteer candidate"],
            entity_id=key,
        )
    p = res.place
    derived = res.feature is not None
    return Place(
        span=span,
        text=m.text,
        in_comment=in_comment,
        geonameid=None if derived else p.geonameid,
        name=m.text if derived else p.name,
        feature_class="S" if res.feature == "FAC" else ("L" if derived else p.feature_class),
        feature_code="FAC" if res.feature == "FAC" else ("RGN" if derived else p.feature_code),
        country_code=p.country_code,
        country=p.country,
        admin1=None if derived else p.admin1,
        lat=p.lat,
        lon=p.lon,
        population=None if derived else p.population,
        confidence=res.confidence,
        reasons=list(res.reasons),
        entity_id=key,
        uncertain=res.uncertain,
        candidates=[
            PlaceCandidate(
                geonameid=alt.geonameid,
                name=alt.name,
                country_code=alt.country_code or None,
                feature_code=alt.feature_code,
                lat=alt.lat,
                lon=alt.lon,
                probability=prob,
            )
            for alt, prob in res.alternatives
        ]
        if res.uncertain
        else [],
    )


@Language.factory(
    "presslens_entities",
    assigns=ASSIGNS,
    requires=["doc.ents", "token.tag"],
    default_config={
        "model": None,
        "relabel_min_population": _RELABEL_MIN_POPULATION,
        "fuzzy_min_population": _FUZZY_MIN_POPULATION,
    },
)
def make_entities(
    nlp: Language,
    name: str,
    model: str | None,
    relabel_min_population: int,
    fuzzy_min_population: int,
) -> EntitiesComponent:
    """``model``: a folder with the place ranker (``ranker.json``), else the shipped one."""
    return EntitiesComponent(
        name=name,
        model=model,
        relabel_min_population=relabel_min_population,
        fuzzy_min_population=fuzzy_min_population,
    )
