"""Which words name which event: verb and noun forms → PLOVER category and mode.

The pipeline leaves spaCy's lemmatizer out, so verb forms are generated from base forms
(plus a table of irregular forms). CAMEO root codes are mapped to PLOVER for the
evaluation on CAMEO-coded data, and PLOVER back to a CAMEO root for ``Event.cameo``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "AIR_WORDS",
    "ARMED_WORDS",
    "CAMEO_TO_PLOVER",
    "CIVILIAN_WORDS",
    "HEAVY_WEAPONS",
    "LIGHT_VERBS",
    "LIGHT_WEAPONS",
    "MILITARY_MODIFIERS",
    "NOUNS",
    "PLOVER",
    "PLOVER_TO_CAMEO",
    "STATEMENT_CATEGORIES",
    "VERBS",
    "Entry",
    "acled_type",
    "cameo_to_plover",
    "verb_forms",
    "word_pattern",
]

PLOVER = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "DEMAND",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "FIGHT",
    "MOVE",
)
# Statements count as events only when they are one of these acts (a comment is not).
STATEMENT_CATEGORIES = frozenset({"DEMAND", "THREATEN", "ACCUSE", "REJECT", "SUPPORT"})

CAMEO_TO_PLOVER: dict[str, str] = {
    "02": "DEMAND",  # appeal
    "03": "COOPERATE",  # express intent to cooperate
    "04": "CONSULT",
    "05": "COOPERATE",  # diplomatic cooperation
    "06": "COOPERATE",  # material cooperation
    "07": "AID",
    "08": "CONCEDE",  # yield
    "09": "ACCUSE",  # investigate
    "10": "DEMAND",
    "11": "ACCUSE",  # disapprove
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",  # exhibit force posture
    "16": "SANCTION",  # reduce relations
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "FIGHT",
    "20": "ASSAULT",  # unconventional mass violence
}
PLOVER_TO_CAMEO: dict[str, str] = {
    "DEMAND": "10",
    "COOPERATE": "06",
    "CONSULT": "04",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
    "FIGHT": "19",
    "AGREE": "03",
    "SUPPORT": "05",
}


def cameo_to_plover(code: str) -> str | None:
    """The PLOVER category of a CAMEO code ('0231' → DEMAND); None outside roots 02–20."""
    return CAMEO_TO_PLOVER.get(code.strip()[:2])


@dataclass(frozen=True, slots=True)
class Entry:
    category: str
    mode: str | None = None
    weight: float = 0.8  # how reliably the word names that event on its own
    needs: str | None = None  # a required particle/preposition child: "on", "to", "fire"


_IRREGULAR: dict[str, tuple[str, ...]] = {
    "flee": ("fled", "flees", "fleeing"),
    "leave": ("left",),
    "fight": ("fought",),
    "shoot": ("shot",),
    "strike": ("struck", "stricken", "striking", "strikes"),
    "hit": ("hit", "hitting"),
    "seize": ("seized", "seizing"),
    "come": ("came", "coming"),
    "go": ("went", "gone", "goes"),
    "take": ("took", "taken", "taking"),
    "meet": ("met",),
    "withdraw": ("withdrew", "withdrawn"),
    "overrun": ("overran",),
    "overtake": ("overtook", "overtaken"),
    "throw": ("threw", "thrown"),
    "hurl": ("hurled",),
    "beat": ("beaten",),
    "hold": ("held",),
    "send": ("sent",),
    "begin": ("began", "begun", "beginning"),
    "run": ("ran", "running"),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "give": ("gave", "given"),
}


def word_pattern(spec: str) -> re.Pattern[str]:
    """One pattern for the whole words of a space-separated list of regex alternatives
    ("clash\\w* battl\\w* fire\\s*fights?")."""
    return re.compile(r"\b(?:" + "|".join(spec.split()) + r")\b")


def verb_forms(base: str) -> set[str]:
    out = {base, base + "s", base + "ed", base + "ing"}
    if base.endswith("e"):
        out |= {base + "d", base[:-1] + "ing"}
    if base.endswith(("sh", "ch", "x", "ss", "o")):
        out.add(base + "es")
    if len(base) > 2 and base[-1] in "bgpt" and base[-2] in "aeiou" and base[-3] not in "aeiou":
        out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    out.update(_IRREGULAR.get(base, ()))
    return out


def _table(spec: dict[str, Entry]) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for bases, entry in spec.items():
        for base in bases.split():
            for form in verb_forms(base):
                out.setdefault(form, entry)
    return out


VERBS: dict[str, Entry] = _table(
    {
        "kill murder slay massacre slaughter": Entry("ASSAULT", None, 0.85),
        "wound injure": Entry("ASSAULT", None, 0.6),
        "assassinate": Entry("ASSAULT", "assassination", 0.9),
        "execute behead": Entry("ASSAULT", "execution", 0.75),
        "torture": Entry("ASSAULT", "torture", 0.85),
        "beat lynch stab hack whip flog": Entry("ASSAULT", "beating", 0.8),
        "abduct kidnap": Entry("ASSAULT", "abduction", 0.9),
        "rape": Entry("ASSAULT", "sexual", 0.9),
        "bomb explode detonate": Entry("ASSAULT", "bombing", 0.8),
        "shoot gun": Entry("ASSAULT", "shooting", 0.7),
        "loot vandalize vandalise torch burn": Entry("ASSAULT", "property", 0.55),
        # property destroyed or taken: ACLED's looting/property destruction
        "demolish raze uproot destroy steal rustle ransack": Entry("ASSAULT", "property", 0.5),
        "fight clash battle ambush repel": Entry("FIGHT", None, 0.8),
        "fire exchange": Entry("FIGHT", None, 0.55, needs="at on fire"),
        "open": Entry("FIGHT", "shooting", 0.6, needs="fire"),
        "attack assault raid storm": Entry("FIGHT", None, 0.75),
        "shell bombard": Entry("FIGHT", "artillery", 0.85),
        "besiege encircle": Entry("FIGHT", "siege", 0.6),
        "target": Entry("FIGHT", None, 0.5),
        "capture recapture overrun overtake": Entry("FIGHT", "seize", 0.6),
        "take gain regain retake": Entry("FIGHT", "seize", 0.6, needs="control"),
        # strategic developments ACLED codes: weapons seized or defused, bases set up
        "seize confiscate defuse dismantle": Entry("COERCE", "seizure", 0.55),
        "recover uncover unearth": Entry(
            "COERCE", "seizure", 0.5, needs="arms weapons ammunition explosives cache ieds bombs"
        ),
        "establish": Entry("MOBILIZE", "base", 0.45),
        "throw hurl lob": Entry("ASSAULT", None, 0.45),
        "strike": Entry("FIGHT", None, 0.5),
        "flee escape evacuate": Entry("MOVE", "flee", 0.85),
        "leave": Entry("MOVE", None, 0.55),
        "relocate move head": Entry("MOVE", None, 0.5),
        "come go return cross": Entry("MOVE", None, 0.4, needs="to"),
        "arrive": Entry("MOVE", None, 0.4, needs="to at in"),
        "withdraw retreat pull": Entry("RETREAT", None, 0.7),
        "mobilize mobilise deploy reinforce mass": Entry("MOBILIZE", None, 0.7),
        "threaten": Entry("THREATEN", None, 0.9),
        "warn": Entry("THREATEN", "warning", 0.75),
        "vow": Entry("THREATEN", None, 0.5),
        "accuse blame": Entry("ACCUSE", None, 0.9),
        "condemn denounce deplore criticize criticise": Entry("ACCUSE", "disapprove", 0.85),
        "allege": Entry("ACCUSE", None, 0.6),
        "oppose": Entry("ACCUSE", "disapprove", 0.6),
        "investigate probe": Entry("ACCUSE", "investigate", 0.6),
        "demand": Entry("DEMAND", None, 0.9),
        "urge press": Entry("DEMAND", "appeal", 0.8),
        "appeal": Entry("DEMAND", "appeal", 0.85),
        "call": Entry("DEMAND", "appeal", 0.8, needs="on for upon"),
        "request ask": Entry("DEMAND", None, 0.55),
        "meet negotiate discuss consult host": Entry("CONSULT", None, 0.75),
        "visit": Entry("CONSULT", "visit", 0.7),
        "aid donate contribute": Entry("AID", None, 0.75),
        "sanction expel boycott embargo sever suspend": Entry("SANCTION", None, 0.75),
        "protest demonstrate rally march picket": Entry("PROTEST", "demonstrate", 0.85),
        "gather": Entry("PROTEST", "demonstrate", 0.45),
        "block blockade barricade": Entry("PROTEST", "blockade", 0.45),
        "riot": Entry("PROTEST", "riot", 0.9),
        "arrest detain imprison jail": Entry("COERCE", "arrest", 0.85),
        "deport": Entry("COERCE", "deport", 0.85),
        "ban censor": Entry("COERCE", None, 0.6),
        "agree sign": Entry("AGREE", None, 0.6),
        "reject refuse deny veto": Entry("REJECT", None, 0.6),
        "cooperate ally": Entry("COOPERATE", None, 0.7),
        "restore resume renew": Entry("COOPERATE", None, 0.4),
        "promise pledge offer": Entry("COOPERATE", "intent", 0.45),
        "praise support welcome endorse": Entry("SUPPORT", None, 0.6),
        "concede yield surrender release free": Entry("CONCEDE", None, 0.55),
    }
)
# A clause verb that only reports the event its noun names ("clashes erupted",
# "carried out an airstrike", "the operation has been started").
LIGHT_VERBS = frozenset(
    verb_forms("launch")
    | verb_forms("begin")
    | verb_forms("start")
    | verb_forms("carry")
    | verb_forms("conduct")
    | verb_forms("stage")
    | verb_forms("hold")
    | verb_forms("erupt")
    | verb_forms("occur")
    | verb_forms("continue")
    | verb_forms("resume")
    | verb_forms("impose")
    | verb_forms("break")
    | verb_forms("take")
    | verb_forms("kill")
    | verb_forms("hit")
    | verb_forms("target")
    | verb_forms("destroy")
    | verb_forms("injure")
    | verb_forms("wound")
    | verb_forms("leave")
    | verb_forms("claim")
    | verb_forms("observe")
    | verb_forms("report")
    | verb_forms("thwart")
    | verb_forms("repulse")
    | verb_forms("foil")
    | verb_forms("record")
    | verb_forms("participate")
    | verb_forms("perform")
    | verb_forms("join")
    | verb_forms("organize")
    | verb_forms("organise")
    | verb_forms("engage")
    | verb_forms("bring")
    | verb_forms("send")
    | verb_forms("reach")
    | verb_forms("thwart")
    | verb_forms("land")
    | verb_forms("declare")
    | verb_forms("enforce")
    | verb_forms("announce")
    | {"beginning", "start", "launch", "outbreak"}
)

NOUNS: dict[str, Entry] = {
    "airstrike": Entry("ASSAULT", "airstrike", 0.85),
    "airstrikes": Entry("ASSAULT", "airstrike", 0.85),
    "strike": Entry("ASSAULT", "airstrike", 0.5),
    "strikes": Entry("ASSAULT", "airstrike", 0.5),
    "raid": Entry("FIGHT", None, 0.6),
    "raids": Entry("FIGHT", None, 0.6),
    "bombing": Entry("ASSAULT", "bombing", 0.8),
    "bombings": Entry("ASSAULT", "bombing", 0.8),
    "bombardment": Entry("FIGHT", "artillery", 0.8),
    "bombardments": Entry("FIGHT", "artillery", 0.8),
    "shelling": Entry("FIGHT", "artillery", 0.85),
    "explosion": Entry("ASSAULT", "bombing", 0.6),
    "blast": Entry("ASSAULT", "bombing", 0.6),
    "ied": Entry("ASSAULT", "bombing", 0.7),
    "attack": Entry("FIGHT", None, 0.7),
    "attacks": Entry("FIGHT", None, 0.7),
    "assault": Entry("FIGHT", None, 0.7),
    "ambush": Entry("FIGHT", None, 0.7),
    "clash": Entry("FIGHT", None, 0.85),
    "shoot-out": Entry("FIGHT", None, 0.85),
    "shootout": Entry("FIGHT", None, 0.85),
    "firefight": Entry("FIGHT", None, 0.85),
    "gunfight": Entry("FIGHT", None, 0.85),
    "explosions": Entry("FIGHT", "artillery", 0.55),
    "projectiles": Entry("FIGHT", "artillery", 0.55),
    "dharna": Entry("PROTEST", "demonstrate", 0.85),
    "clashes": Entry("FIGHT", None, 0.85),
    "fight": Entry("FIGHT", None, 0.6),
    "brawl": Entry("FIGHT", None, 0.6),
    "skirmish": Entry("FIGHT", None, 0.75),
    "skirmishes": Entry("FIGHT", None, 0.75),
    "gunbattle": Entry("FIGHT", None, 0.85),
    "incursion": Entry("FIGHT", None, 0.7),
    "bomb": Entry("ASSAULT", "bombing", 0.6),
    "bombs": Entry("ASSAULT", "bombing", 0.6),
    "reinforcements": Entry("MOBILIZE", None, 0.55),
    "incursions": Entry("FIGHT", None, 0.7),
    "shots": Entry("FIGHT", None, 0.45),
    "gunfire": Entry("FIGHT", None, 0.7),
    "gunshots": Entry("FIGHT", None, 0.5),
    "shells": Entry("FIGHT", "artillery", 0.5),
    "patrol": Entry("MOBILIZE", "patrol", 0.45),
    "patrols": Entry("MOBILIZE", "patrol", 0.45),
    "grenade": Entry("ASSAULT", "bombing", 0.6),
    "rocket": Entry("FIGHT", "artillery", 0.5),
    "rockets": Entry("FIGHT", "artillery", 0.55),
    "mortar": Entry("FIGHT", "artillery", 0.6),
    "mortars": Entry("FIGHT", "artillery", 0.6),
    "missile": Entry("FIGHT", "artillery", 0.5),
    "missiles": Entry("FIGHT", "artillery", 0.55),
    "fighting": Entry("FIGHT", None, 0.8),
    "battle": Entry("FIGHT", None, 0.7),
    "offensive": Entry("FIGHT", None, 0.75),
    "operation": Entry("FIGHT", None, 0.45),
    "massacre": Entry("ASSAULT", None, 0.85),
    "shooting": Entry("ASSAULT", "shooting", 0.7),
    "protest": Entry("PROTEST", "demonstrate", 0.85),
    "protests": Entry("PROTEST", "demonstrate", 0.85),
    "demonstration": Entry("PROTEST", "demonstrate", 0.85),
    "demonstrations": Entry("PROTEST", "demonstrate", 0.85),
    "rally": Entry("PROTEST", "demonstrate", 0.7),
    "march": Entry("PROTEST", "demonstrate", 0.5),
    "sit-in": Entry("PROTEST", "demonstrate", 0.85),
    "riot": Entry("PROTEST", "riot", 0.85),
    "riots": Entry("PROTEST", "riot", 0.85),
    "sanctions": Entry("SANCTION", None, 0.8),
    "embargo": Entry("SANCTION", None, 0.7),
    "talks": Entry("CONSULT", None, 0.7),
    "meeting": Entry("CONSULT", None, 0.6),
    "visit": Entry("CONSULT", "visit", 0.6),
    "ceasefire": Entry("AGREE", "ceasefire", 0.7),
    "agreement": Entry("AGREE", None, 0.5),
    "arrests": Entry("COERCE", "arrest", 0.7),
    # security measures ACLED codes as a change to a group's activity
    "curfew": Entry("COERCE", "curfew", 0.5),
    "curfews": Entry("COERCE", "curfew", 0.5),
    "lockdown": Entry("COERCE", "curfew", 0.45),
}
# Words that make a MILITARY reading of "operation" or "strike" sure.
MILITARY_MODIFIERS = frozenset(
    "military ground air aerial drone missile rocket counter-terrorist counterterrorism"
    " anti-terrorist army naval artillery".split()
)
AIR_WORDS = frozenset("air aerial drone airstrike warplane warplanes jets aircraft".split())
CIVILIAN_WORDS = frozenset(
    "civilian civilians residents villagers people children women worker workers farmer"
    " farmers protesters demonstrators students journalist journalists family families"
    " passengers worshippers refugees village villages house houses homes man woman".split()
)
HEAVY_WEAPONS = frozenset(
    "mortar mortars shell shells artillery missile missiles rocket rockets grenade howitzer"
    " howitzers launchers mlrs".split()
)
LIGHT_WEAPONS = frozenset("arms rifles machine machineguns machine-guns pistols".split())
# Violence whose victims are combatants is fighting, not an assault on civilians.
ARMED_WORDS = frozenset(
    "militants militant soldiers soldier troops fighters fighter rebels rebel insurgents"
    " insurgent police policemen policeman officers officer gunmen militiamen forces army"
    " jihadists terrorists guards".split()
)

_ACLED_REMOTE = frozenset({"airstrike", "bombing", "artillery", "shelling"})


def acled_type(category: str, mode: str | None) -> str:
    """ACLED's event type for a PLOVER category and mode (for evaluation on ACLED)."""
    if category == "PROTEST":
        return "Riots" if mode == "riot" else "Protests"
    if mode in _ACLED_REMOTE:
        return "Explosions/Remote violence"
    if category == "FIGHT":
        return "Battles"
    if category == "ASSAULT" or (category == "COERCE" and mode == "abduction"):
        return "Violence against civilians"
    return "Strategic developments"
