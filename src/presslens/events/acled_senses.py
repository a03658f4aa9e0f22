"""Whether a trigger word is used in the sense ACLED codes, read from its sentence.

The PLOVER lexicon takes "beat", "threw", "rallied" and "gathered" as violence or protest
wherever they stand; on the 88 real pages of ``html-articles`` they put "Russia beat
Croatia", "threw for three touchdowns", "the Nifty has been rallying" and "legislators
gather for meetings" on the map as attacks and protests. Each word here names what its
sentence must also say for the conflict sense (a beating's harm or weapon, a thrown
object, a protest's crowd or demands); without it the act keeps its PLOVER category but
gets no ACLED type. The words were written from the ACLED codebook's definitions and
checked on the ACLED dev notes (no note lost its type) and the real pages (2026-12-07).
``unrealised`` says the same of an act told as threatened or planned (2026-12-08).
"""

from __future__ import annotations

import re

from presslens.events.lexicon import verb_forms, word_pattern

__all__ = ["conflict_sense", "unrealised"]


# "Russia beat Croatia 2-1", "production beat forecasts", "threw for three touchdowns",
# "kilns that burn solid fuels": the other senses, told by what stands beside the word
_CONTEST = word_pattern(
    r"\d+-\d+ scores? points? goals? games? matches? match series wins? won victor\w*"
    r" defeat\w* champion\w* tournaments? league cup teams? forecasts? expectations?"
    r" estimates? records? odds deadlines? traffic rush competitors? rivals? incumbent"
    r" elections? polls? opponents? graphics benchmarks? first\s+place seconds?"
)
_HARMED = word_pattern(
    r"injur\w* wound\w* hospital\w* death dead died sticks? batons? rods? tortur\w*"
)
_THROWN_ELSE = word_pattern(
    r"touchdowns? passes pass interceptions? yards? pitch\w* innings? balls? party parties"
    r" support weight gauntlet towel money light shade tantrums? punches"
)
_FUEL = word_pattern(
    r"fuels? calories fat coal gas oil wood diesel cash money crops? stubble straw kilns?"
    r" incense candles? bridges? energy"
)
# a protest word's conflict sense: intransitive, then where or why ("demonstrated outside
# the clinic", "gathered in the city centre", "held a rally outside the press club"); not
# "demonstrates that", "demonstrated by his departure", "gather key insights", "gather for
# meetings", "rallied to beat", "rallying at a time when"
_PROTEST_NEXT = re.compile(
    r"\s+(?:in|at|outside|over|against|near|on|before|and|for|peacefully|in\s+front|to"
    r"|by\s+\w+ing)\b(?!\s+a\s+time\b)(?!\s+(?:beat|win|defeat|level|finish)\b)|\s*[,.;]"
)
_CROWD_DEMANDS = word_pattern(
    r"protest\w* demonstrators? demonstrations? slogans? placards? banners? chant\w* demand\w*"
    r" sit-?ins? vigils? petition\w* marchers"
)
# "we wound up with", "the talks wound down": the past of wind, not a wound
_WOUND_PHRASAL = re.compile(r"\bwound\s+(?:up|down|back|round|around|its\s+way|their\s+way)\b")
_BURNED = word_pattern(
    r"tires tyres debris houses? homes? cars? vehicles? shops? buildings? villages? bod(?:y|ies)"
    r" property properties demand\w* protest\w*"
)
_NOT_KILLERS = word_pattern(
    r"pandemic epidemic disease virus flu influenza cancer plague outbreak overdose heatwave"
    r" drought famine storm hurricane cyclone typhoon flood\w* earthquake landslide"
    r" wildfire avalanche lightning infection illness malaria cholera ebola covid\w*"
    r" coronavirus tuberculosis hiv smog pollution"
)
_ATTACK_WORDS = word_pattern(
    r"attack\w* shot shoot\w* gunm[ae]n stabb\w* bomb\w* fired raid\w* murder\w*"
)


_BEAT = frozenset(verb_forms("beat"))
_THROW = frozenset(verb_forms("throw") | verb_forms("hurl") | verb_forms("lob"))
_BURN = frozenset(verb_forms("burn")) | {"burnt"}
_KILL = frozenset(verb_forms("kill"))
_PROTEST_WORDS = frozenset(verb_forms("demonstrate") | verb_forms("gather") | verb_forms("rally"))


def _killed_by_nature(said: str, words: str) -> bool:
    """Whether a disease or a disaster is what killed: "the pandemic that killed …",
    "… were killed by the flood" (not a note that names a virus elsewhere)."""
    for m in re.finditer(rf"\b{re.escape(said)}\b", words):
        before = " ".join(words[: m.start()].split()[-4:])
        after = words[m.end() : m.end() + 40]
        by_nature = re.match(r"\s+by\s+", after) is not None and _NOT_KILLERS.search(after)
        if _NOT_KILLERS.search(before) or by_nature:
            return True
    return False


def conflict_sense(trigger: str | None, words: str) -> bool:
    """Whether ``trigger`` (the event's trigger text) is used in its conflict sense in the
    sentence ``words`` (case-folded, single-spaced)."""
    if not trigger:
        return True
    said = trigger.casefold().strip()
    if said == "wound":
        return not _WOUND_PHRASAL.search(words)
    if said in _KILL and _killed_by_nature(said, words):
        # "the pandemic that killed 25 million people": a disease, not an attack
        return bool(_ATTACK_WORDS.search(words))
    if said in _BEAT:
        return not _CONTEST.search(words) or bool(_HARMED.search(words))
    if said in _THROW:
        return not _THROWN_ELSE.search(words)
    if said in _BURN:
        return not _FUEL.search(words) or bool(_BURNED.search(words))
    if said in _PROTEST_WORDS:
        if _CROWD_DEMANDS.search(words.replace(said, " ", 1)):
            return True
        return any(
            _PROTEST_NEXT.match(words, m.end())
            for m in re.finditer(rf"\b{re.escape(said)}\b", words)
        )
    return True


# The ACLED types of acts done to someone; a strategic development may be announced
# ("the movement said it would split into two factions" is ACLED's change to a group)
_ACTS = frozenset(
    {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Riots",
        "Protests",
    }
)
# A threat, a plan, a forecast or a condition right before the act's word ("threatening to
# kill Omar", "there will be riots", "vowed to attack"). A purpose ("gathered to protest
# the results") and an attempt ("tried to storm") are told with "to" as well, but there
# the act took place, and ACLED codes it.
_COORDINATED = r"(?:\w+\s+(?:and|or)\s+)?"  # "threatening to assault and murder"
# words that say the act is only intended, whatever the parse made of the clause
_INTENT_BEFORE = re.compile(
    r"\b(?:threat\w*|vow\w*|plan(?:s|ned|ning)?|intend\w*|plot\w*|conspir\w*)\s+to\s+"
    + _COORDINATED
    + r"$",
    re.I,
)
_MODAL_BEFORE = re.compile(
    r"\b(?:want\w*|expect\w*|seek\w*|sought|poised|ready|about|going|prepar\w*|will|would"
    r"|could|might|may|shall|'ll|’ll)\s+(?:to\s+)?(?:(?:be|have|not|n't|also|soon|then"
    r"|again)\s+){0,2}" + _COORDINATED + r"$",
    re.I,
)


def unrealised(acled_type: str, status: str, before: str) -> bool:
    """Whether an act of ``acled_type`` is told as planned, threatened or conditional, not
    as done ("threatening to kill Omar", "there will be riots"), from the clause's
    ``status`` and the words ``before`` its trigger: it then keeps its PLOVER category and
    mode, without an ACLED type, since ACLED codes violence and demonstrations that took
    place."""
    if acled_type not in _ACTS:
        return False
    if _INTENT_BEFORE.search(before):
        return True
    return status in ("plan", "hypothetical") and bool(_MODAL_BEFORE.search(before))
