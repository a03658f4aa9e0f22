"""ACLED-compatible typing beside PLOVER: event type and sub-event type, or no event.

ACLED (the Armed Conflict Location & Event Data project) codes political violence and
protest in six types and 25 sub-event types (ACLED Codebook, 2019/2023 editions: the type
and sub-type names are facts cited from it). A PLOVER category says what kind of act a
clause reports; ACLED asks how it was done, so the typing reads the words of the event's
own sentence too: the weapon (a rocket, a grenade, an IED, shelling, a chemical agent)
makes it remote violence even when a "killed" clause carries it; stones, arson or
vandalism make a demonstration a riot; seizing weapons, opening a base, arresting people
or destroying property are strategic developments. Acts ACLED does not code (talks,
appeals, statements) get no ACLED type: the explicit "no event" outcome.

The lexicons are written for presslens from the codebook's definitions, not learned from
ACLED data (whose terms forbid redistribution).
"""

from __future__ import annotations

import re

from presslens.events.acled_senses import conflict_sense
from presslens.events.lexicon import word_pattern

__all__ = ["ACLED_SUB_TYPES", "ACLED_TYPES", "NO_EVENT", "acled_typing", "sub_type_parent"]

NO_EVENT = "No event"
ACLED_SUB_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
ACLED_TYPES = tuple(ACLED_SUB_TYPES)
_PARENT = {sub.casefold(): t for t, subs in ACLED_SUB_TYPES.items() for sub in subs}


def sub_type_parent(sub_type: str) -> str | None:
    """The ACLED event type a sub-event type belongs to ('Grenade' → Explosions/…)."""
    return _PARENT.get(sub_type.strip().casefold())


# Weapons and means of remote violence, by sub-type (checked in this order).
_CHEMICAL = word_pattern(r"chemical chlorine sarin mustard\s+gas nerve\s+agent toxic\s+gas")
_SUICIDE = word_pattern(r"suicide\s+(?:bomb\w*|attack\w*|vest\w*|car) self-?immolat\w* svbied")
_IED = word_pattern(
    r"ieds? vbieds? improvised\s+explosive\w* (?:land)?mines? roadside\s+bomb\w* car\s+bomb\w*"
    r" explosive\s+devices? booby-?trap\w* bomb\s+(?:blast|explo\w+) (?:bomb|device|ied)\s+"
    r"(?:went\s+off|exploded|detonated) exploded detonated explosion blast\w* bombings?"
    r" sticky\s+bomb\w* magnetic\s+bomb\w* remote\s+explosive\w*"
)
_GRENADE = word_pattern(r"grenades?(?!\s+launch) rpgs?")
_HEAVY_MG = re.compile(r"\bheavy\s+machine\s*-?guns?\b")
# Crew-served weapons fired at positions are what ACLED counts as shelling/artillery.
_HEAVY_FIRE = word_pattern(
    r"grenade\s+launchers? anti-tank heavy\s+machine\s*-?guns? heavy\s+weapons? recoilless"
    r" atgms? bmps? tanks? anti-aircraft"
)
_AIR = word_pattern(
    r"air\s*strikes? airstrikes? air\s+raids? drones? warplanes? jets? aircraft"
    r" (?:helicopter\s+)?gunships? attack\s+helicopters? helicopters?\s+(?:fired|struck|strafed)"
    r" bombers? aerial air\s+force uavs? bombed sorties"
)
_ACCIDENT = word_pattern(r"crash\w* accident\w* collisions? collided derail\w* stampede")
_ATTACKED = word_pattern(
    r"attack\w* shot shoot\w* gunm[ae]n bomb\w* strikes? fired fire raid\w* ambush\w* rammed"
)
# An aircraft that crashed (or was downed) is not an air strike.
_CRASH = word_pattern(r"crash\w* downed shot\s+down")
_SHELLING = word_pattern(
    r"shell\w* artillery mortars? rockets? missiles? howitzers? mlrs grads? katyushas?"
    r" projectiles? bombard\w* barrage tank\s+fire launchers? (?:fired|launched)\s+\w*\s*at"
    r" explosions"
)
# A demonstration turns riot: violence or damage by the crowd itself.
_RIOT = word_pattern(
    r"stones? stone-pelting pelt\w* threw throwing hurled molotov petrol\s+bombs? torch\w*"
    r" vandali[sz]\w* set\s+(?:on\s+)?fire set\s+ablaze arson rampag\w* smash\w* riot\w*"
    r" clash\w*\s+with\s+(?:the\s+)?police attacked\s+(?:the\s+)?police looted damaged"
    r" (?:burning|burned|burnt)\s+(?:tires|tyres|objects|barricades) setting\s+fire violent"
)
# The same told in the next sentences of the paragraph: only unmistakable crowd damage.
_CROWD_DAMAGE = word_pattern(
    r"rioters? rioted rioting (?:burn\w*|lit|set\s+fire\s+to)\s+(?:\w+\s+)?(?:tires|tyres)"
    r" pelted\s+stones threw\s+stones stone-pelting vandali[sz]ed torched"
)
# Violence that makes a point in public (blocked roads, burning tyres): a violent
# demonstration even when the crowd is only called "residents".
_DEMONSTRATIVE = re.compile(
    r"\b(?:burn\w*|lit|set\s+fire\s+to|set|torch\w*)\s+(?:\w+\s+){0,2}?(?:tires|tyres)\b"
    r"|\b(?:tires|tyres)\s+(?:were\s+)?(?:burn\w*|set\s+(?:on\s+)?fire|ablaze)"
    r"|\bwith\s+burn\w*\s+(?:\w+\s+)?(?:tires|tyres)\b"
)
# A crowd that is not demonstrating attacks someone: mob violence. The named mob is a
# pattern of its own: it stays a mob when gunfire is named (``_mob``).
_MOB_NAMED = word_pattern(r"mobs? lynch\w* vigilantes? angry\s+crowd")
_MOB = re.compile(
    _MOB_NAMED.pattern + r"|\b(?:group\s+of\s+(?:\w+\s+){0,4}?"
    r"(?:people|men|residents|youths|villagers|locals)|community\s+members|residents|villagers"
    r"|locals)\b[^.;]{0,60}?\b(?:beat\w*|ston\w+|pelt\w*|attack\w*|lynch\w*|set\s+alight"
    r"|torch\w*|threw|hurl\w*|burn\w*)\b"
    # "a thief was beaten up by locals"
    r"|\b(?:beaten|lynched|killed|attacked|assaulted|stoned)\s+(?:\w+\s+){0,3}?by\s+(?:an?\s+)?"
    r"(?:group\s+of\s+(?:\w+\s+){0,2}?)?(?:locals|villagers|residents|mobs?|crowds?|men)\b"
)
_INTERVENTION = word_pattern(
    r"dispers\w* tear\s*gas teargas water\s+cannons? rubber\s+bullets? baton\w* lathi\w*"
    r" broke\s+up arrested detained"
)
# What the police did, told elsewhere in the paragraph.
_INTERVENED = word_pattern(
    r"dispers\w* intervened lathi\w* baton\w* tear\s*gas teargas water\s+cannons?"
    r" were\s+(?:\w+\s+)?(?:arrested|detained) arrests\s+were\s+made"
    r" (?:arrested|detained)\s+(?:\w+\s+){0,3}?(?:protesters|demonstrators|participants)"
    r" under\s+control"
)
_FIREARMS = word_pattern(
    r"guns? gunm[ae]n gunfire gunshots? shot shooting firearms? rifles? bullets? ak-?\d+"
    r" exchang\w*\s+(?:of\s+)?fire rockets? mortars? grenades?"
)
_CRUDE = word_pattern(
    r"stones? sticks? machetes? rocks? knives knife sharp\s+weapons? clubs? rods? axes?"
    r" bricks? canes? bamboo iron\s+bars?"
)
_COMMUNAL = word_pattern(
    r"communit\w* two\s+groups groups\s+of supporters villagers residents locals clans?"
    r" famil\w* tribes? neighbou?rs youths"
)
_POLICE_ACTION = re.compile(
    r"\b(?:police|policemen|security\s+forces|officers|troops|soldiers|authorities|gendarmes)"
    r"\b[^.;]{0,40}?\b(?:dispersed|dispersing|intervened|fired|used\s+tear|broke\s+up|"
    r"arrested|detained|beat|baton-charged|lathi-charged)\b"
)
_EXCESSIVE = word_pattern(
    r"(?:police|forces|troops|soldiers)\s+(?:opened\s+fire|shot|killed|fired\s+live)"
)
_TERRITORY_GOV = word_pattern(r"recaptur\w* regain\w* retook retaken liberat\w* took\s+back")
_STATE_FORCES = word_pattern(
    r"army military government\s+(?:forces|troops) troops soldiers armed\s+forces"
    r" security\s+forces regime\s+forces national\s+guard gendarmes? police"
)
_NON_STATE = word_pattern(
    r"militants? rebels? insurgents? militias? militiamen jihadists? tribesmen fighters"
    r" al\s+shabaab boko\s+haram taliban islamic\s+state jnim"
)
_TERRITORY_NSA = word_pattern(r"(?:seized|took|taken|captured)\s+control overran overrun")
_WEAPONS_SEIZED = word_pattern(
    r"(?:seized|seizing|recovered|found|discovered|confiscated|defused|dismantled|destroyed"
    r"|uncovered|unearthed|cache)"
    r"\W+(?:\w+\W+){0,6}?(?:weapons?|arms|ammunition|explosives?|ieds?|mines?|rifles?|bombs?"
    r"|grenades?|rockets?|devices?|cache) defused dismantled\s+(?:an?\s+)?(?:ied|bomb|device)"
    r" bomb\s+disposal"
)
# A drone or missile shot down, a bomb defused: the weapon's use was disrupted.
_INTERCEPTED = re.compile(
    r"\b(?:shot|shoot\w*|brought)\s+down\s+(?:\w+\s+){0,4}?(?:drones?|uavs?|missiles?|rockets?)"
    r"|\bintercept\w*\s+(?:\w+\s+){0,4}?(?:drones?|uavs?|missiles?|rockets?)\b"
    r"|\bcontrolled\s+(?:detonation|explosion)"
)
_GUNFIRE = word_pattern(r"firearms? rifles? gunfire opened\s+fire opening\s+fire gunshots?")
_BASE = word_pattern(
    r"(?:established|set\s+up|opened|built|establish\w*)\W+(?:\w+\W+){0,4}?"
    r"(?:base|bases|camp|camps|headquarters|outpost|checkpoint|office)"
)
_PROPERTY = word_pattern(
    r"loot\w* torch\w* burn\w*\s+(?:down\s+)?(?:\w+\s+)?(?:houses?|homes?|shops?|vehicles?"
    r"|cars?|property|crops|buildings?) demolish\w* destroy\w*\s+(?:\w+\s+)?(?:houses?|homes?"
    r"|property|crops|shops?) vandali[sz]\w* set\s+(?:on\s+)?fire arson"
)
_SEXUAL = word_pattern(r"rap\w+ sexual\w* molest\w*")
_ABDUCT = word_pattern(r"abduct\w* kidnap\w* disappear\w* hostages?")
# ACLED's agreements are between parties to a conflict: a truce, a peace deal, an
# exchange of prisoners; a trade protocol or "agree that …" is no event.
_CONFLICT_DEAL = word_pattern(
    r"ceasefire cease-fire truce peace armistice prisoners? hostages? disarm\w* demobili[sz]\w*"
    r" surrender\w* non-aggression"
)
_GROUND = word_pattern(
    r"troops forces soldiers army militants? rebels? fighters militias? positions? towns?"
    r" cit(?:y|ies) villages? territory areas? bases? districts? regions? border garrisons?"
)
# Where (or by whom) a blockade is a protest: a road, a gate, a crowd of workers.
_ROADS = word_pattern(
    r"roads? streets? highways? routes? bridges? entrances? traffic access gates? railways?"
    r" tracks? junctions? motorways? roundabouts? port rails? rn\s*\d+ n\d+ offices? premises"
    r" workers students residents members traders farmers drivers villagers people locals"
    r" citizens employees teachers"
)
_REINFORCEMENTS = word_pattern(r"reinforcements? troops convoys? patrols?")
_VOICED = frozenset({"DEMAND", "ACCUSE", "REJECT"})
# A demonstration named in so many words: what makes a voiced demand a protest event (a
# statement deploring what a protester did is not one).
_DEMONSTRATING = word_pattern(
    r"protest(?!ers?\b|ors?\b)\w* march\w* rall(?:y|ies|ied) demonstrat(?!ors?\b)\w* sit-ins?"
    r" motorcades? took\s+to\s+the\s+streets chant\w* picket\w*"
)
_SMALL_ARMS = word_pattern(r"small\s+arms shots gunfire bursts fire\s*fights? firefights?")
_ARMED_TARGET = word_pattern(
    r"positions? forces? troops? soldiers? militants? fighters? rebels? army military police"
    r" policemen officers? militia\w* insurgents? gunmen base bases checkpoints? posts?"
    r" convoys? patrols? separatists? jihadists? terrorists? guards? units? gendarmes?"
    r" gendarmerie servicem[ae]n personnel commanders? combatants?"
)
_CIVILIAN_TARGET = word_pattern(
    r"civilians? residents? villagers? farmers? merchants? traders? shopkeepers? families"
    r" family man men woman women child children boys? girls? people persons? students?"
    r" teachers? doctors? nurses? journalists? workers? drivers? passengers? worshippers?"
    r" settlements? houses? homes? villages? refugees? migrants? victims? motorists? owners?"
    r" palestinians? protesters? demonstrators? suspects? members? supporters? leaders?"
    r" officials? staff managers? chiefs? activists? prisoners? inmates? trucks? vehicles?"
    r" cars? bus buses minibus(?:es)? offices? hospitals? churche?s? mosques? schools?"
    r" camps? markets? farms? shops? traders? herders? councill?ors? candidates?"
    # kin: "fighting off the child's mother" is an assault on a civilian, not a battle
    r" mothers? fathers? wife wives husbands? sons? daughters? brothers? sisters? parents?"
    r" bab(?:y|ies) infants? toddlers? teenagers? neighbou?rs? relatives? girlfriends?"
    r" boyfriends?"
    r" group\s+of\s+\w+\s+men"
)
# "fired live bullets at two farmers": whom the fire was aimed at
_AIMED_AT = re.compile(r"\b(?:fired|shot|opened\s+fire)\b[^.;]*?\b(?:at|on)\s+((?:\w+\s+){0,3}\w+)")
# Who was harmed, read over the whole sentence ("attacked the village and killed two
# residents"; "a farmer was shot"): the victims decide between a battle and an attack.
_HARMED_AFTER = re.compile(
    r"\b(?:kill\w*|injur\w*|wound\w*|shot|shooting|stabb\w*|hack\w*|abduct\w*|kidnap\w*"
    r"|assassinat\w*|beat\w*|assault\w*|attack\w*|target\w*|fire\s+(?:on|at)|fired\s+"
    r"(?:\w+\s+){0,3}?(?:on|at))\s+((?:[\w'-]+\s+){0,7}[\w'-]+)"
)
# the passive is found first and its subject read from the five words before it (a pattern
# that matched those words itself backtracked at every position: 40x slower)
_HARMED_BEFORE = re.compile(
    r"\b(?:was|were|got|had\s+been|have\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|injured|wounded|shot|stabbed|hacked|abducted|kidnapped|beaten|attacked|murdered)"
)
_SUSPECT = word_pattern(r"suspects? criminals? gang\w* robbers? bandits? thieves|thief")
_OFF_DUTY_MEN = word_pattern(r"off-?\s?duty")
_DRIVE_BY = word_pattern(r"drive-?\s?by")
_OFF_DUTY = word_pattern(r"off-duty off\s+duty retired former")
_BATTLE_WORDS = word_pattern(
    r"clash\w* battl\w* fighting exchang\w* fire\s*fights? firefights?"
    r" shoot-?outs? gunfights? returned\s+fire repelled brawl\w* skirmish\w* gunbattles?"
    r" (?:responded|reacted|retaliated)\s+(?:\w+\s+){0,2}?with\s+(?:gun)?fire"
)
_CROWD = word_pattern(r"protesters? demonstrators? rioters? mobs? crowds?")
_PROTEST_WORDS = word_pattern(
    r"protest\w* march\w* rall(?:y|ies) demonstrat\w* sit-ins? barricad\w* block\w* pickets?"
    r" strikes? strikers dharnas?"
)
# A protest named beside an arrest: not "block" ("arrested a block away") nor "march",
# which the case-folded sentence cannot tell from the month ("a March 21 phone call")
_AT_A_PROTEST = word_pattern(
    r"protest\w* rall(?:y|ies) demonstrations? demonstrators? sit-ins? marchers marched"
    r" marching pickets? picketing strikers dharnas? barricad\w*"
)
_HARM = word_pattern(r"kill\w* injur\w* wound\w* dead died")
_VIOLENT_WORDS = word_pattern(r"kill\w* injur\w* wound\w* dead attack\w* shot beat\w* clash\w*")

_REMOTE_MODES = {"airstrike": "Air/drone strike", "artillery": "Shelling/artillery/missile attack"}


def _remote(words: str) -> str | None:
    if _CHEMICAL.search(words):
        return "Chemical weapon"
    if _SUICIDE.search(words):
        return "Suicide bomb"
    if _GRENADE.search(words):
        return "Grenade"
    if _AIR.search(words) and not _CRASH.search(words):
        return "Air/drone strike"
    if _SHELLING.search(words) or _HEAVY_FIRE.search(words):
        return "Shelling/artillery/missile attack"
    if _IED.search(words):
        return "Remote explosive/landmine/IED"
    return None


def _victims(words: str) -> tuple[bool, bool]:
    """Whether civilians, and whether armed men, are named as harmed in the sentence."""
    phrases = [m.group(1) for m in _HARMED_AFTER.finditer(words)]
    phrases += [" ".join(words[: m.start()].split()[-5:]) for m in _HARMED_BEFORE.finditer(words)]
    civilian = armed = False
    if _OFF_DUTY_MEN.search(words):
        return True, False  # an off-duty soldier or policeman shot: ACLED's attack
    for ph in phrases:
        if _ARMED_TARGET.search(ph) and not _OFF_DUTY.search(ph):
            armed = True
        elif _CIVILIAN_TARGET.search(ph) and not _SUSPECT.search(ph):
            civilian = True  # a suspect shot in a raid is ACLED's battle as often as not
    if _DRIVE_BY.search(words) and not armed:
        civilian = True  # drive-by shootings at people or houses
    return civilian, armed


def _protest(words: str, mode: str | None, context: str = "") -> tuple[str, str]:
    around = f"{words} {context}"
    if _DEMONSTRATIVE.search(words):
        return "Riots", "Violent demonstration"  # burning tyres on a road: a demonstration
    if _MOB.search(words):
        return "Riots", "Mob violence"
    if mode == "riot" or _RIOT.search(words) or _CROWD_DAMAGE.search(context):
        if not _PROTEST_WORDS.search(around):
            if _FIREARMS.search(words) or re.search(r"\barmed\b|\bmilit\w*", words):
                return "Battles", "Armed clash"  # armed men, not a crowd
            return "Riots", "Mob violence"  # a crowd's violence with no demonstration
        return "Riots", "Violent demonstration"
    if _EXCESSIVE.search(words):
        return "Protests", "Excessive force against protesters"
    if _INTERVENTION.search(words) or _POLICE_ACTION.search(context) or _INTERVENED.search(context):
        # "… marched to the ministry. Police dispersed them.": the outcome told next
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _territory(words: str) -> str:
    """Who took the ground: the state (the first named side is the army, the military,
    government troops) or a non-state group."""
    if _TERRITORY_GOV.search(words):
        return "Government regains territory"
    state, rebel = _STATE_FORCES.search(words), _NON_STATE.search(words)
    if state is not None and (rebel is None or state.start() < rebel.start()):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


_STRIKE_WORD = re.compile(r"(?i)strik(?:e|es|ing)|struck")


def _armed_conflict(words: str) -> bool:
    """Whether a fight's sentence names an armed side, a weapon, harm done or a crowd: what
    makes it political violence rather than a figure of speech or a scuffle."""
    return any(
        p.search(words)
        for p in (
            _ARMED_TARGET,
            _STATE_FORCES,
            _NON_STATE,
            _FIREARMS,
            _HARM,
            _CRUDE,
            _COMMUNAL,
            _CROWD,
            _SHELLING,
            _AIR,
            _IED,
            _GRENADE,
            _HEAVY_FIRE,
            _FOUGHT,
        )
    )


# What a fight in a conflict says beside "fight": exchanges, armed men, shots, fronts, harm.
_FOUGHT = word_pattern(
    r"clash\w* battl\w* exchang\w* fire\s*fights? firefights? shoot-?outs? gunfights? brawl\w*"
    r" skirmish\w* gunbattles? repelled armed shots? attack\w* assail\w* assault\w* fronts?"
    r" fatalit\w* casualt\w* weapons? hostages? arson stabb\w* beat\w* captured fight\s+broke"
    r" gangs? cartels? clans? factions? tribes? groups? members? cadres? incursions? broke\s+out"
    r" each\s+other one\s+another"
)


def _mob(words: str) -> bool:
    """A mob, or villagers or residents turning on someone; not when gunmen or gunfire are
    named ("gunmen killed three villagers in an attack": the villagers are the victims)."""
    if not _MOB.search(words):
        return False
    return bool(_MOB_NAMED.search(words)) or not _FIREARMS.search(words)


def _communal(words: str) -> bool:
    """Groups of people (not armed organisations) fighting each other with sticks and
    stones: ACLED's mob violence, not an armed clash."""
    if _FIREARMS.search(words) or re.search(r"\barmed\b|\bmilit\w*", words):
        return False
    return bool(_CRUDE.search(words)) or bool(
        _COMMUNAL.search(words) and _BATTLE_WORDS.search(words)
    )


def acled_typing(
    category: str,
    mode: str | None,
    sentence: str,
    target: str | None = None,
    context: str | None = None,
    trigger: str | None = None,
) -> tuple[str, str]:
    """(ACLED event type, sub-event type) of an event of PLOVER ``category`` and ``mode``
    told by ``sentence`` (``target``: the words of its target, if any; ``context``: its
    paragraph, read for what the police did to a protest; ``trigger``: the word that told
    the act, read for its sense, ``acled_senses``);
    ``("No event", "No event")`` for acts ACLED does not code."""
    words = " ".join(sentence.casefold().split())
    if not conflict_sense(trigger, words):
        return NO_EVENT, NO_EVENT  # "Russia beat Croatia", "legislators gather"
    if category == "PROTEST":
        if mode == "blockade" and not (
            _CROWD.search(words) or _DEMONSTRATING.search(words) or _ROADS.search(words)
        ):
            return NO_EVENT, NO_EVENT  # "blocked herself off", "enemies can block"
        return _protest(words, mode, " ".join((context or "").casefold().split()))
    if (category == "DEMAND" and (_CROWD.search(words) or _DEMONSTRATING.search(words))) or (
        category in _VOICED and _DEMONSTRATING.search(words)
    ):
        return _protest(
            words, None, " ".join((context or "").casefold().split())
        )  # demands voiced at a sit-in: the protest is the event
    if category in ("ASSAULT", "FIGHT"):
        if _ACCIDENT.search(words) and not _ATTACKED.search(words):
            return NO_EVENT, NO_EVENT  # "killed in a helicopter crash": an accident
        if (category == "FIGHT" or _STRIKE_WORD.fullmatch(trigger or "")) and not _armed_conflict(
            words
        ):
            # "fighting dirty air", "fighting regular enemies" (a game), "fighting off the
            # child's mother": a fight with no armed side, weapon or harm is not ACLED's
            return NO_EVENT, NO_EVENT
        if (_WEAPONS_SEIZED.search(words) and not _HARM.search(words)) or _INTERCEPTED.search(
            words
        ):
            return "Strategic developments", "Disrupted weapons use"
        if _CROWD.search(words) or _DEMONSTRATING.search(words):
            if _EXCESSIVE.search(words):
                return "Protests", "Excessive force against protesters"
            if _MOB.search(words):
                return "Riots", "Mob violence"
            if (
                _RIOT.search(words)
                or mode == "property"
                or _BATTLE_WORDS.search(words)
                or _CRUDE.search(words)
            ):
                return "Riots", "Violent demonstration"  # "a clash between protesters and police"
            if _INTERVENTION.search(words):
                return "Protests", "Protest with intervention"  # police fired teargas at them
        if _DEMONSTRATIVE.search(words):
            return "Riots", "Violent demonstration"
        if _mob(words) or _communal(words):
            return "Riots", "Mob violence"
        if mode == "seize" or (category == "FIGHT" and _TERRITORY_GOV.search(words)):
            return "Battles", _territory(words)
        if mode == "property" or (
            mode is None and _PROPERTY.search(words) and not _VIOLENT_WORDS.search(words)
        ):
            return "Strategic developments", "Looting/property destruction"
        remote = _remote(words) or _REMOTE_MODES.get(mode or "")
        if mode == "bombing" and remote is None:
            remote = "Remote explosive/landmine/IED"
        if remote == "Shelling/artillery/missile attack" and _SMALL_ARMS.search(
            _HEAVY_MG.sub(" ", words)
        ):
            remote = None  # heavy weapons beside small arms and gunfire: an exchange, a battle
        if remote == "Grenade" and _GUNFIRE.search(words):
            remote = None  # grenades and gunfire: an exchange, not a grenade attack
        if remote not in (None, "Air/drone strike", "Chemical weapon", "Suicide bomb") and (
            _BATTLE_WORDS.search(words)
        ):
            remote = None  # "clashes erupted after X fired RPGs": the clash is the event
        if remote is not None and mode not in ("beating", "abduction", "sexual", "torture"):
            return "Explosions/Remote violence", remote
        victims = target.casefold() if target else ""
        if not victims:
            aimed = _AIMED_AT.search(words)
            victims = aimed.group(1) if aimed else ""
        civilian, armed = _victims(words)
        if (
            category == "FIGHT"
            and (
                (victims and _CIVILIAN_TARGET.search(victims) and not _ARMED_TARGET.search(victims))
                or (civilian and not armed)
            )
            and not _BATTLE_WORDS.search(words)
        ):
            category = "ASSAULT"  # armed men attacked a merchant: violence against civilians
        if category == "FIGHT":
            if _TERRITORY_GOV.search(words):
                return "Battles", "Government regains territory"
            if mode == "seize" or _TERRITORY_NSA.search(words):
                return "Battles", "Non-state actor overtakes territory"
            return "Battles", "Armed clash"
        if mode == "sexual" or _SEXUAL.search(words):
            return "Violence against civilians", "Sexual violence"
        if mode == "abduction" or _ABDUCT.search(words):
            return "Violence against civilians", "Abduction/forced disappearance"
        return "Violence against civilians", "Attack"
    return _strategic(category, mode, words, target)


def _strategic(category: str, mode: str | None, words: str, target: str | None) -> tuple[str, str]:
    if _WEAPONS_SEIZED.search(words):
        return "Strategic developments", "Disrupted weapons use"
    if category == "COERCE" and mode == "seizure":
        # drugs, goods, a lab dismantled: ACLED counts seized property as looting
        return "Strategic developments", "Looting/property destruction"
    if category == "COERCE" and mode == "arrest":
        if _CROWD.search(words) or _AT_A_PROTEST.search(words):
            return "Protests", "Protest with intervention"  # arrests at a protest
        return "Strategic developments", "Arrests"
    if _BASE.search(words):
        return "Strategic developments", "Headquarters or base established"
    if category == "AGREE" and (mode == "ceasefire" or _CONFLICT_DEAL.search(words)):
        return "Strategic developments", "Agreement"
    if category == "RETREAT" and _GROUND.search((target or words).casefold()):
        # forces leaving ground to another side; a bill withdrawn is no event
        return "Strategic developments", "Non-violent transfer of territory"
    if category in ("MOBILIZE", "COERCE") or (category == "MOVE" and _REINFORCEMENTS.search(words)):
        return "Strategic developments", "Change to group/activity"
    return NO_EVENT, NO_EVENT
