"""The offline storyteller: a procedural choose-your-own-adventure writer.

It reads the family's prompt (idea.py) for the hero, the companions, the place and the
goal, and tells one journey around them: the hero sets out with the companions, passes
through spots of the place, and the ending resolves the goal. In memory mode the family's
people are the heroes. Each scene opens with what the reader chose last, and the ending
remembers how the reader played.

Everything comes from stable hashes of the prompt, seed and path, so the same brief
always gives the same scene and every scene of a story agrees on its world. A scene is
the ending exactly when its number reaches the brief's target_scenes.

Voice: a brief gets the *gentle* voice when its tier slug is "kids", or when its
guidelines speak of children or gentleness without saying the tier is for adults; on
the kids tier the prompt is softened first and the opening scene's notice says how.
Every other tier gets the *grown* voice.

Each scene also hands the illustrator hints in the shared vocabulary (vocabulary.py).
"""

import hashlib
import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass, replace

from media_gen.providers.base import Person, SceneBrief, SceneDraft
from media_gen.providers.offline import idea as ideas
from media_gen.providers.offline import phrases, vocabulary, words
from media_gen.providers.offline.themes import CHOICE_VERBS, FALLBACK_THEME, FRIEND_CHOICES, KNOWN_VERBS, THEMES

TIMES_OF_DAY = vocabulary.TIMES
CATEGORIES = ("explore", "help", "brave", "clever", "friend")
VIRTUES = {
    "explore": "curiosity",
    "help": "kindness",
    "brave": "courage",
    "clever": "cleverness",
    "friend": "friendship",
}
MOODS = {
    "gentle": {"opening": "curious", "middle": "cheerful", "threshold": "tense", "ending": "joyful"},
    "grown": {"opening": "mysterious", "middle": "tense", "threshold": "tense", "ending": "calm"},
}
POSES = ("wave", "point", "jump", "stand", "sit")
GENTLE_HINTS = re.compile(r"\b(child|children|kids?|gentle|young readers|family[- ]friendly)\b", re.IGNORECASE)
ADULT_HINTS = re.compile(r"\b(adults? only|for adults|adult readers|mature|18\+|nsfw)", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?]\")\s+")
SENTENCE_START = re.compile(r"(^|[.!?]\s+|\.\"\s+)(\"?)([a-z])")
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "in", "on", "to", "that", "for", "with", "by", "at", "under"}
NOTICE = "Stories here stay gentle, so {changes}."


@dataclass(frozen=True)
class Character:
    name: str  # how the text calls them: "Olive", "Grandpa", "Rusty"
    intro: str  # the first mention: "a curious octopus named Olive"
    kind: str  # "octopus", "girl", "" when unknown
    pronoun: str  # "she", "he" or "they"
    role: str  # vocabulary.ROLES
    figure: str = "person"
    colour: str = ""
    age: str = "child"
    outfit: str = ""
    look: str = ""  # a remembered person's description, for the illustrator
    features: tuple[tuple[str, str], ...] = ()  # (what it is about, phrase): ("hair", "silver curly hair")

    def hint(self, pose):
        return {
            "name": self.name,
            "kind": self.kind or "child",
            "figure": self.figure,
            "colour": self.colour,
            "pose": pose,
            "role": self.role,
            "age": self.age,
            "outfit": self.outfit,
            "look": self.look,
        }


@dataclass(frozen=True)
class World:
    """What every scene of one story agrees on."""

    key: str
    voice: str
    theme: object
    place: str
    where: str
    detail: str
    hero: Character
    companions: tuple[Character, ...]
    goal: ideas.Goal
    thing: str
    hiding_place: str
    home: tuple[str, str, str]  # where the first scene happens: (where, detail, vocabulary place)
    destination: tuple[str, str]
    payoff: str
    object: str
    weather: str
    first_light: int
    title: str
    notice: str


def write_scene(brief: SceneBrief) -> SceneDraft:
    world = _imagine(brief)
    decks = Decks(world.key)
    taken = [step.choice for step in brief.path]
    choices = []
    for number in range(1, max(brief.scene_number, 1) + 1):
        decks.branch = _branch(choices, taken[number - 2]) if number > 1 and len(taken) >= number - 1 else 0
        scene = _compose(world, decks, brief.target_scenes, number, taken[: number - 1])
        title, paragraphs, choices, ending, hints = scene
    text = "\n\n".join(paragraphs)
    return SceneDraft(
        title=title,
        text=text,
        choices=choices,
        is_ending=ending,
        image_prompt=_image_prompt(hints),
        usage={"words": len(text.split())},
        request_id="",
        hints=hints,
        notice=world.notice if brief.scene_number <= 1 else "",
    )


class Decks:
    """Deals from each bank in a shuffled cycle fixed for the whole story, and remembers
    the lines told and the choices offered so far.

    A scene deals the `branch`-th card still in each cycle, its branch being which of the
    last scene's choices led to it: scenes reached by different choices (siblings) get
    different places and lines, while no card comes back before its cycle is through."""

    def __init__(self, story_key):
        self.told = set()
        self.offered = set()  # the choices offered along the path, lowercased
        self.branch = 0
        self._story_key = story_key
        self._left = {}

    def deal(self, name, bank):
        if not self._left.get(name):
            order = list(range(len(bank)))
            random.Random(_stable_int(self._story_key, name)).shuffle(order)
            self._left[name] = order
        return bank[self._left[name].pop(self.branch % len(self._left[name]))]


def _branch(offered, choice):
    """Which of the offered choices was taken; a choice written elsewhere gets a number of its own."""
    if choice in offered:
        return offered.index(choice)
    return _stable_int("branch", choice) % 4


# --- One scene --------------------------------------------------------------------------


def _compose(world, decks, target, number, taken):
    rng = random.Random(_stable_int(world.key, number, *taken))
    bank = phrases.VOICES[world.voice]
    ending = number >= target
    time = _time_of_day(world, number, target)
    beat = "ending" if ending else "opening" if number == 1 else "threshold" if number == target - 1 else "middle"
    heading, spot = world.destination if ending else decks.deal("spot", world.theme.waypoints)
    cast = (world.hero, *world.companions)
    companion = world.companions[(number - 1) % len(world.companions)]
    times = phrases.TIMES[world.voice][world.theme.sky][time]
    speaker = rng.choice([c for c in cast if c != companion])
    context = _context(
        world,
        companion,
        speaker=speaker,
        spot=spot,
        taken=taken,
        time=decks.deal(f"time.{world.theme.sky}.{time}", times),
        time_noun=phrases.TIME_NOUNS[time],
    )

    openings = set()

    def say(name, **extra):
        """The next line of a bank, filled in; one the story already told, or one that opens a
        sentence the way this scene already did ("Before long, ... Before long, ..."), is passed over."""
        for _ in bank[name]:
            line = decks.deal(name, bank[name]).format_map({**context, **extra})
            if line not in decks.told and not _openings(line, cast) & openings:
                break
        decks.told.add(line)
        openings.update(_openings(line, cast))
        return line

    paragraphs, choices = [], []
    if number == 1:
        home_where, home_detail, _ = world.home
        paragraphs.append(f"{say('opening', where=home_where, detail=home_detail)} {say('wish.' + world.goal.kind)}")
        met = [
            say("joins", companion=c.name, companion_intro=c.intro) for c in world.companions if c.role == "companion"
        ]
        together = [say("together")] if len(met) > 1 else []
        setting_out = say("plan.journey" if home_where != world.where else "plan")
        paragraphs.append(" ".join([*met, *together, setting_out]))
    elif taken:
        named = any(c.name.lower() in taken[-1].lower() for c in world.companions)
        paragraphs.append(
            _consequence(taken[-1], say, **({"speaker": world.hero.name, "party": world.hero.name} if named else {}))
        )

    if ending:
        finale = [say("finale." + world.goal.kind)]
        if world.goal.kind != "quest":
            finale.append(say("celebration"))
        finale += _mentions(world, " ".join(paragraphs + finale), say)
        paragraphs += [" ".join(finale), say("farewell")]
    else:
        middle = [] if number == 1 else [say("threshold" if beat == "threshold" else "arrival"), say("progress")]
        middle += _looks(world, number)
        middle += _mentions(world, " ".join(paragraphs + middle), say)
        middle.append(say("choose"))
        paragraphs.append(" ".join(middle))
        wanted = 3 if number == 1 else rng.choice((3, 4))
        kinds = rng.sample(CATEGORIES, len(CATEGORIES))
        # One of each kind first; later rounds draw again from the kinds this path has not spent.
        for category in itertools.islice(itertools.cycle(kinds), 3 * len(kinds)):
            if len(choices) == wanted:
                break
            choice = _offer(world, decks, category, taken, companion)
            if choice:
                choices.append(choice)
                decks.offered.add(choice.lower())
        if number > 1 and sum(len(p.split()) for p in paragraphs) < 90:
            paragraphs.append(say("aside"))

    hints = vocabulary.hints(
        place=world.home[2] if number == 1 else world.theme.place,
        time=time,
        weather=world.weather,
        mood=MOODS[world.voice][beat],
        # The branch moves the camera and the poses too, so siblings look different; at most one
        # of shot and stage can then match the scene before, so consecutive scenes still differ.
        shot=vocabulary.SHOTS[(number + world.first_light + decks.branch) % len(vocabulary.SHOTS)],
        stage=vocabulary.STAGES[(number * 2 + world.first_light + decks.branch) % len(vocabulary.STAGES)],
        flip=number % 2 == 0,
        region=world.place,
        spot=spot,
        object=world.object,
        characters=[
            character.hint(POSES[(number + index + decks.branch) % len(POSES)]) for index, character in enumerate(cast)
        ],
    )
    return (world.title if number == 1 else heading, [_capitalize(p) for p in paragraphs], choices, ending, hints)


def _openings(line, cast):
    """How each sentence of a line opens, its first two words, leaving aside sentences that open
    with someone's name: "Pip thought ...", "Pip could ..." are told apart by what follows."""
    found = set()
    for sentence in SENTENCE_END.split(line):
        opening = re.findall(r"[\w'-]+", sentence)[:2]
        if opening and not any(opening[0] == character.name.split()[0] for character in cast):
            found.add(" ".join(opening).lower())
    return found


def _mentions(world, told, say):
    """A line for each character the scene has not named yet: everyone is in every scene."""
    missing = [c.name for c in (world.hero, *world.companions) if not re.search(rf"\b{re.escape(c.name)}\b", told)]
    return [
        say("with", companion=name, hero=world.hero.name if name != world.hero.name else "everyone") for name in missing
    ]


def _looks(world, number):
    """A natural mention of how one remembered person looks, a different one each scene."""
    features = [(character, feature) for character in (world.hero, *world.companions) for feature in character.features]
    if not features:
        return []
    character, (about, phrase) = features[(number - 1) % len(features)]
    lines = phrases.LOOKS[about]
    their = _pronouns(character.pronoun)[2]
    line = lines[(number - 1) // len(features) % len(lines)]
    return [line.format(name=character.name, feature=phrase, they=character.pronoun, their=their)]


def _offer(world, decks, category, taken, companion):
    """One choice of the given kind that this path has not offered or taken yet, or None."""
    already = {choice.lower() for choice in taken} | decks.offered
    bank = {
        "explore": world.theme.trails,
        "help": world.theme.in_need,
        "brave": world.theme.obstacles,
        "clever": world.theme.puzzles,
        "friend": FRIEND_CHOICES,
    }[category]
    for _ in bank:
        item = decks.deal(category, bank)
        if category == "friend":
            choice = item.format(companion=companion.name)
        elif category == "help":
            choice = f"Help {_the(item[0])} {item[1]}"
        else:
            choice = f"{item[0]} {_the(item[1])}"
        if choice.lower() not in already:
            return choice
    return None


def _consequence(choice, say, **who):
    """Narrate the reader's last choice, then what came of it."""
    choice = choice.strip().rstrip(".!?")
    if not choice:
        return say("consequence.explore")
    if choice.split()[0].lower() in KNOWN_VERBS:
        decision = say("decision", choice=choice[0].lower() + choice[1:], **who)
    else:
        decision = say("decision_quoted", choice=choice, **who)
    return f"{decision} {say(f'consequence.{_kind_of_choice(choice)}')}"


def _kind_of_choice(choice):
    found = re.findall(r"[a-z]+", choice.lower())
    for word in found[:1] + found:
        for category, verbs in CHOICE_VERBS.items():
            if word in verbs:
                return category
    return "explore"


def _context(world, companion, speaker, spot, taken, time, time_noun):
    they, them, their = _pronouns(world.hero.pronoun)
    kinds = Counter(_kind_of_choice(choice) for choice in taken)
    names = [character.name for character in world.companions]
    return {
        "hero": world.hero.name,
        "hero_intro": _join(
            [world.hero.intro] + [c.intro for c in world.companions if c.role == "friend"],
            final=", and " if "," in world.hero.intro else " and ",
        ),
        "they": they,
        "them": them,
        "their": their,
        "party": _join([world.hero.name, *names]),
        "companions": _join(names),
        "companion": companion.name,
        "speaker": speaker.name,
        "place": world.place,
        "where": world.where,
        "detail": world.detail,
        "want": world.goal.want,
        "done": world.goal.done,
        "goal": world.goal.noun,
        "goal_short": _short(world.goal.noun),
        "thing": world.thing,
        "hiding_place": world.hiding_place,
        "spot": spot,
        "time": time,
        "time_noun": time_noun,
        "payoff": world.payoff,
        "virtue": VIRTUES[kinds.most_common(1)[0][0]] if kinds else "courage",
    }


def _time_of_day(world, number, target):
    """Time moves forward through the story, from its first light to its last."""
    progress = min((number - 1) / max(target - 1, 1), 1.0)
    last = 3 if world.voice == "grown" else 2 + world.first_light % 2
    return TIMES_OF_DAY[min(last, world.first_light % 2 + round(progress * (last - world.first_light % 2)))]


def _image_prompt(hints):
    when = {"dawn": "at dawn", "day": "by day", "dusk": "at dusk", "night": "at night"}[hints["time"]]
    cast = [f"{c['name']} (a {c['colour'] + ' ' if c['colour'] else ''}{c['kind']})" for c in hints["characters"]]
    weather = "" if hints["weather"] == "clear" else f", {hints['weather']}"
    holding = f", with a {hints['object']}" if hints["object"] else ""
    return (
        f"{hints['place'].capitalize()} setting {when}{weather}: {hints['spot']}, {hints['mood']}. "
        f"In the picture: {_join(cast)}{holding}."
    )


# --- The story's world --------------------------------------------------------------------


def _imagine(brief):
    """Derive the story's world from its seed, prompt and people alone, so every scene agrees."""
    voice = _voice(brief)
    prompt = " ".join(brief.story_prompt.split())
    key = f"{brief.seed}\x1f{prompt}"
    rng = random.Random(_stable_int("world", key))
    idea = ideas.read(prompt, gentle=voice == "gentle")
    theme = next((theme for theme in THEMES if theme.setting == idea.setting), FALLBACK_THEME)

    region, detail = rng.choice(theme.regions)
    place = idea.place or region
    if idea.place:
        where = f"{_preposition(idea.place, theme)} {place}"
    else:
        where = f"{'on' if theme.where == 'on' else 'in'} {region}"
    arrival = rng.randrange(len(theme.destinations))
    destination = theme.destinations[arrival]
    goal, thing = idea.goal, ""
    if goal and goal.kind == "quest":
        has_article = goal.thing.split()[0].lower() in ("a", "an", "the", "some")
        thing = goal.thing if has_article else f"{_a(goal.thing)} {goal.thing}"
    if goal is None:  # a prompt with no goal of its own: a wonder of the place to take home
        thing = rng.choice(theme.wonders)
        goal = ideas.Goal(want=f"take {_the(thing)} back where it belongs", noun=_the(thing), kind="quest", thing=thing)
    if goal.kind == "journey" and idea.place:
        destination = (_title_case(f"the heart of {place}", keep_article=True), "the highest point")

    hero, companions = _cast(brief.people, idea, theme, voice, rng)
    home = (where, detail, theme.place)
    home_theme = next((t for t in THEMES if t.setting == words.HOMES.get(hero.kind)), None)
    if goal.kind == "journey" and idea.place and home_theme and home_theme is not theme:
        home_region, home_detail = rng.choice(home_theme.regions)
        home = (f"{'on' if home_theme.where == 'on' else 'in'} {home_region}", home_detail, home_theme.place)
    weather = next(
        (weather for pattern, weather in words.WEATHER_WORDS if re.search(pattern, prompt, re.IGNORECASE)),
        rng.choice(theme.weathers),
    )
    thing_object = (
        words.object_for(f"{goal.want} {thing} {idea.topic}")
        or words.object_for(prompt)
        or ("map" if goal.kind == "journey" else words.object_for(theme.wonders[0], "star"))
    )
    title = rng.choice(_titles(hero, goal, place, where, thing, idea))
    notice = NOTICE.format(changes=_join(list(idea.softened))) if idea.softened else ""
    return World(
        key=key,
        voice=voice,
        theme=theme,
        place=place,
        where=where,
        detail=detail,
        hero=hero,
        companions=companions,
        goal=goal,
        thing=thing,
        hiding_place=rng.choice(theme.hiding_places),
        home=home,
        destination=destination,
        payoff=theme.payoffs[arrival],
        object=thing_object or "",
        weather=weather,
        first_light=rng.randrange(4),
        title=title,
        notice=notice,
    )


def _voice(brief):
    if brief.tier_slug == "kids":
        return "gentle"
    if ADULT_HINTS.search(brief.guidelines):
        return "grown"
    return "gentle" if GENTLE_HINTS.search(brief.guidelines) else "grown"


def _preposition(place, theme):
    last = place.split()[-1].lower()
    if theme.setting == "underwater" and last in ("sea", "ocean", "water", "waves"):
        return "under"
    return words.PLACE_PREPOSITIONS.get(last, "in")


def _cast(people, idea, theme, voice, rng):
    """The hero and companions: the family's people in memory mode, else the prompt's."""
    family = [_remembered(person, index) for index, person in enumerate(p for p in people if p.name.strip())]
    from_prompt = list(idea.heroes) + list(idea.meets)
    taken = {person.name for person in family}
    creatures = [someone for someone in from_prompt if words.KINDS.get(someone.kind, ("", "person"))[1] != "person"]
    if family and idea.heroes and idea.heroes[0] in creatures:
        # "a dinosaur who loves ballet": the dinosaur stays the hero, and the family comes along.
        hero = _character(idea.heroes[0], "hero", voice, rng, taken)
        cast = [hero] + [replace(person, role="friend") for person in family]
        cast += [
            _character(someone, "companion", voice, rng, taken | {hero.name}, hero=hero) for someone in creatures[1:]
        ]
    elif family:
        # The prompt's creatures still come along; its named people step aside for the family.
        cast = family + [_character(someone, "companion", voice, rng, taken, hero=family[0]) for someone in creatures]
    else:
        lead = idea.heroes[0] if idea.heroes else ideas.Someone()
        hero = _character(lead, "hero", voice, rng, taken, pronoun=idea.pronoun)
        cast = [hero] + [
            _character(someone, "friend", voice, rng, taken | {hero.name}, hero=hero) for someone in idea.heroes[1:]
        ]
        cast += [_character(someone, "companion", voice, rng, taken | {hero.name}, hero=hero) for someone in idea.meets]
    if len(cast) == 1:
        kind, name = rng.choice(theme.companions)
        figure_kind = next((word for word in reversed(kind.split()) if word in words.KINDS), "")
        cast.append(
            Character(
                name=name,
                intro=f"{_a(kind)} {kind} named {name}",
                kind=figure_kind or kind,
                pronoun="they",
                role="companion",
                figure=_figure(figure_kind),
                colour=words.KIND_COLOURS.get(figure_kind, "") or rng.choice(_COLOUR_NAMES),
            )
        )
    return cast[0], tuple(cast[1:4])


_COLOUR_NAMES = tuple(vocabulary.COLOURS)


def _figure(kind):
    return words.KINDS[kind][1] if kind in words.KINDS else "person"


def _character(someone, role, voice, rng, taken, hero=None, pronoun=""):
    kind = someone.kind
    own_pronoun, figure, age, outfit = words.KINDS.get(kind, ("they", "person", "child", ""))
    pronoun = pronoun or own_pronoun
    name = someone.name
    if kind in words.FAMILY_KINDS:
        relation = kind.capitalize()
        name = f"{relation} {name}" if name else relation
        owner = _pronouns(hero.pronoun)[2] if hero and hero.pronoun != "they" else f"{hero.name}'s" if hero else ""
        intro = f"{owner} {kind}" if hero and not someone.name else name
    elif name and kind:
        adjective = f"{someone.adjective} " if someone.adjective else ""
        intro = f"{_a(adjective + kind)} {adjective}{kind} named {name}"
    elif name:
        intro = name
    else:
        name, own = _invent_name(rng, pronoun, kind, taken)
        pronoun = own if pronoun == "they" else pronoun
        if not kind:
            kind = phrases.HERO_KINDS[voice][own]
        adjective = someone.adjective or rng.choice(phrases.HERO_ADJECTIVES[voice])
        intro = f"{_a(adjective)} {adjective} {kind} named {name}"
    if pronoun == "they" and name:
        pronoun = dict(phrases.NAMES).get(name) or words.GIVEN_NAMES.get(name, "they")
    colour = words.KIND_COLOURS.get(kind) or rng.choice(_COLOUR_NAMES)
    return Character(
        name=name,
        intro=intro,
        kind=kind,
        pronoun=pronoun,
        role=role,
        figure=figure,
        colour=colour,
        age=age,
        outfit=outfit,
    )


def _invent_name(rng, pronoun, kind, taken):
    candidates = [
        (name, own)
        for name, own in phrases.NAMES
        if name not in taken and (pronoun == "they" or own in (pronoun, "they"))
    ]
    alike = [candidate for candidate in candidates if kind and candidate[0][0].lower() == kind[0]]
    return rng.choice(alike or candidates)


def _remembered(person: Person, index):
    """A person of the family as a character: their relation in the intro, their looks kept
    apart as features the story mentions one at a time."""
    name = person.name.strip()
    relation = person.relation.strip()
    description = person.description.strip().rstrip(".")
    kind = next(
        (
            words.singular(word)
            for word in re.findall(r"[a-z]+", f"{relation} {description}".lower())
            if words.singular(word) in words.KINDS
        ),
        "",
    )
    pronoun, figure, age, outfit = words.KINDS.get(kind, ("they", "person", "child", ""))
    if pronoun == "they":
        pronoun = words.GIVEN_NAMES.get(name.split()[-1], "they")
    intro = f"{name}, {_as_yours(relation)}" if relation else name
    features = []
    if re.match(r"(?:a|an)\s", description, re.IGNORECASE):
        intro = f"{intro}, {description}" if relation else f"{name}, {description}"
    else:
        features = _features(description)
    colour = words.KIND_COLOURS.get(kind) or _COLOUR_NAMES[_stable_int(name) % len(_COLOUR_NAMES)]
    return Character(
        name=name,
        intro=intro,
        kind=kind,
        pronoun=pronoun,
        role="hero" if index == 0 else "friend",
        figure=figure,
        colour=colour,
        age=age,
        outfit=outfit,
        look=description,
        features=tuple(features),
    )


def _features(description):
    """ "silver curly hair, round red glasses, always wears a yellow apron" as
    [("hair", "silver curly hair"), ("glasses", "round red glasses"), ("clothes", "yellow apron")]."""
    found = []
    for part in re.split(r",|;|\band\b", description):
        part = re.sub(
            r"^\s*(?:with|has|had|wears|wearing|always wears|always|usually|is|a|an)\s+",
            "",
            part.strip(),
            flags=re.IGNORECASE,
        )
        part = re.sub(r"^(?:wears|a|an|the|his|her|their)\s+", "", part, flags=re.IGNORECASE).strip()
        if not part or len(part.split()) > 5:
            continue
        lowered = part.lower()
        if re.search(r"hair|curls|braids?|plaits?|beard|moustache|ponytail", lowered):
            found.append(("hair", part))
        elif re.search(r"glasses|spectacles", lowered):
            found.append(("glasses", part))
        elif re.search(r"apron|hat|cap|dress|shirt|jacket|scarf|boots|coat|sweater|jumper|cardigan|shoes", lowered):
            found.append(("clothes", part))
        elif re.search(r"eyes|freckles|smile|laugh|dimples|ears|tail|fur|spots", lowered):
            found.append(("other", part))
    return found


def _as_yours(relation):
    """The family writes relations from their side ("my sister"); the story talks to the reader."""
    first, _, rest = relation.partition(" ")
    if first.lower() in ("my", "our"):
        return f"your {rest}"
    if first.lower() in ("your", "his", "her", "their", "the", "a", "an"):
        return relation
    return f"your {relation}"


def _titles(hero, goal, place, where, thing, idea):
    """Every title that fits the story; one is chosen."""
    patterns = list(phrases.TITLES[goal.kind])
    if not hero.kind or hero.look or hero.kind in words.FAMILY_KINDS | {"kid", "child", "friend", "wanderer"}:
        patterns = [pattern for pattern in patterns if "{Kind}" not in pattern]
    if goal.want.split()[0].lower() == "learn":  # not "How Pip Learned to Learn to Swim"
        patterns = [pattern for pattern in patterns if "Learned to {Want}" not in pattern]
    if goal.kind == "quest" and idea.topic and not idea.goal:
        patterns.append(_title_case(idea.topic, keep_article=True))

    def inner(phrase):  # title case that keeps a leading small word small: "All the Way to the Desert"
        cased = _title_case(phrase, keep_article=True)
        first, _, rest = cased.partition(" ")
        return f"{first.lower()} {rest}" if rest and first.lower() in TITLE_SMALL_WORDS else cased

    fields = {
        "Name": hero.name,
        "Kind": _title_case(hero.kind),
        "Want": _title_case(goal.want),
        "Goal": inner(goal.noun),
        "Place": inner(place),
        "Where": inner(where),
        "Thing": _title_case(thing),
    }
    return [_capitalized(pattern.format(**fields)) for pattern in patterns]


# --- Small helpers --------------------------------------------------------------------------


def _short(noun):
    """A long goal said again briefly: "the message in a bottle" -> "the message", while
    "learning to swim" stays whole."""
    head = re.split(r"\s+(?:of|in|on|at|(?<!ing\s)to|for|with|from)\s+", noun)[0].split()
    if len(head) <= 3:
        return " ".join(head)
    return f"the {head[-1]}" if head[0].lower() in ("the", "a", "an") else head[-1]


def _pronouns(pronoun):
    return {"she": ("she", "her", "her"), "he": ("he", "him", "his"), "they": ("they", "them", "their")}[pronoun]


def _stable_int(*parts):
    """A number that depends only on the parts: unlike hash(), the same in every process."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _a(words_):
    return "an" if re.match(r"[aeio]|u(?!ni|se|si)", words_, re.IGNORECASE) else "a"


def _the(phrase):
    first, _, rest = phrase.partition(" ")
    if first.lower() in ("a", "an", "some") and rest:
        return f"the {rest}"
    if first.lower() in ("the", "his", "her", "their", "its") or phrase[:1].isupper():
        return phrase
    return f"the {phrase}"


def _title_case(phrase, keep_article=False):
    def title(word, first):
        return word if word in TITLE_SMALL_WORDS and not first else word[:1].upper() + word[1:]

    found = (phrase if keep_article else re.sub(r"^(a|an|the|some)\s+", "", phrase, flags=re.IGNORECASE)).split()
    return " ".join(
        "-".join(title(part, index == 0 and place == 0) for place, part in enumerate(word.split("-")))
        for index, word in enumerate(found)
    )


def _capitalized(text):
    return text[:1].upper() + text[1:]


def _capitalize(paragraph):
    """Start every sentence with a capital, as the templates often open with a placeholder."""
    return SENTENCE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), paragraph)


def _join(items, final=" and "):
    items = list(items)
    return ", ".join(items[:-1]) + final + items[-1] if len(items) > 1 else "".join(items)
