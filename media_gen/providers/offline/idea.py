"""Reading a family's prompt: who the story is about, where it happens and what they want.

"an octopus opens a bakery under the sea" gives a hero (an octopus, no name yet), no
companions, the place "the sea" (underwater) and the goal "open a bakery". Names are
only taken where they are names: after "named", or a capitalised word in a subject or
object position that is not a common word, a number, a nationality or a noun behind an
article. For the kids tier, `soften` first turns what goes against the tier's rules into
a gentle version of the same idea and says what it changed.
"""

import re
from dataclasses import dataclass, field

from media_gen.providers.offline import words

# A place called by a name of more than one word: "the Isle of Skye", "the Tower of London".
PLACE_NAME = r"the\s+[A-Z][\w'-]*\s+of\s+[A-Z][\w'-]*"
GOAL_STOP_WORDS = {"of", "in", "on", "at", "to", "for", "with", "under", "from", "where"}


@dataclass(frozen=True)
class Someone:
    kind: str = ""  # "girl", "octopus", "grandpa": a key of words.KINDS, or "" when only a name is known
    name: str = ""
    adjective: str = ""  # "brave", "little"
    owner: str = ""  # "his" in "his grandpa": says who the hero is, too


@dataclass(frozen=True)
class Goal:
    want: str  # an infinitive phrase: "open a bakery", "see the desert", "go fishing"

    @property
    def done(self):
        """The goal reached, short: "opened a bakery", "solved the mystery", "learned to swim"."""
        verb, *rest = self.want.split()
        return " ".join([words.past(verb), *_head(rest)])

    noun: str  # what the goal is about, short: "the bakery", "the desert", "ballet"
    kind: str  # "quest" (a found thing to take home), "find", "journey", "wish" or "courage"
    thing: str = ""  # the found or sought thing, for quests: "a dragon egg"


@dataclass(frozen=True)
class Idea:
    heroes: tuple[Someone, ...]  # the first is the hero, the rest travel with them
    place: str = ""  # as the prompt says it: "the desert", "Mars", "the enchanted forest"
    setting: str = ""  # themes.Theme.setting the place (or the hero, or the goal) calls for
    goal: Goal | None = None
    meets: tuple[Someone, ...] = ()  # companions met on the way: "meets a fox named Rusty"
    pronoun: str = ""  # the hero's, when the prompt says it: "she" for "Pip ... with her friend Otto"
    topic: str = ""  # a noun-only prompt: "a snow day", "a jungle safari"
    softened: tuple[str, ...] = field(default_factory=tuple)  # what `soften` changed, said for the family


def soften(prompt: str) -> tuple[str, tuple[str, ...]]:
    """The prompt with what a gentle story leaves out turned into a friendly version, and
    a short phrase for each change ("the monster became a shy, friendly one")."""
    changes = []
    for pattern, replacement, said in words.SOFTENINGS:
        prompt, count = re.subn(pattern, replacement, prompt, flags=re.IGNORECASE)
        if count and said not in changes:
            changes.append(said)
    return " ".join(prompt.split()), tuple(changes)


def read(prompt: str, *, gentle: bool) -> Idea:
    changes = ()
    if gentle:
        prompt, changes = soften(prompt)
    prompt = " ".join(prompt.replace("’", "'").split()).strip(" .!?")
    tokens = re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]*|[,;:]", prompt)
    verb_at = _main_verb(tokens)
    subject, predicate = (tokens[:verb_at], tokens[verb_at:]) if verb_at is not None else (tokens, [])
    if subject and subject[-1].lower() in ("who", "that"):
        subject = subject[:-1]
    heroes = _people(subject) if predicate else _people(_leading_people(subject))
    goal, along, meets, place = _predicate(predicate, heroes)
    names = {someone.name for someone in heroes if someone.name}
    heroes += [someone for someone in along if not someone.name or someone.name not in names]
    place = place or _place_in(prompt)
    topic = "" if predicate else " ".join(subject)
    setting = _setting(prompt, place, heroes, goal)
    if not heroes or not any(hero.kind or hero.name for hero in heroes):
        heroes = ()
    return Idea(
        heroes=tuple(heroes),
        place=place,
        setting=setting,
        goal=goal,
        meets=tuple(meets),
        pronoun=_pronoun(prompt, heroes, meets),
        topic=topic,
        softened=changes,
    )


def _along(text):
    """The people a predicate brings along ("..., with her friend Otto the otter", "with his
    grandpa", "with a cat"; not "make friends with ...", nor "with a map": nobody in it), and the
    predicate without them."""
    found = []

    def take(match):
        people = _people(match.group(1).split())
        found.extend(people)
        return "" if people else match.group(0)

    rest = re.sub(r"(?<!friends)\s+with\s+(.+?)(?=\s+(?:then|who|to|in|on|at)\s|\s*[,;]|$)", take, text)
    return found, rest


def _pronoun(prompt, heroes, meets):
    """The hero's pronoun as the prompt gives it: "Sam and his grandpa" says Sam is "he", and
    with nobody else in the prompt any "her" or "his" is the hero's own."""
    owners = {someone.owner for someone in heroes[1:]}
    if not owners - {""} and len(heroes) == 1 and not meets:
        owners = set(re.findall(r"\b(his|her)\b", prompt.lower()))
    if owners == {"his"}:
        return "he"
    return "she" if owners == {"her"} else ""


def _main_verb(tokens):
    """Where the predicate starts: the first known verb after the subject, or None."""
    for index, token in enumerate(tokens):
        lowered = token.lower()
        if index and lowered in words.VERBS and not _is_name_token(tokens, index):
            return index
        if lowered in ("who", "that") and index:
            return index + 1 if index + 1 < len(tokens) else None
    return None


def _leading_people(tokens):
    """In a prompt with no verb, the people it opens with: "a knight and a princess"."""
    lowered = [token.lower() for token in tokens]
    if any(token in words.KINDS or token.rstrip("s") in words.KINDS for token in lowered):
        return tokens
    return [token for token in tokens if _looks_like_name(tokens, tokens.index(token))][:2]


def _people(tokens):
    """The people and creatures of a subject: "Sam and his grandpa", "a brave girl named Ava"."""
    groups, current = [], []
    for token in tokens:
        if token.lower() in ("and", ",", "with", "&"):
            if current:
                groups.append(current)
            current = []
        else:
            current.append(token)
    if current:
        groups.append(current)
    people = []
    for group in groups:
        someone = _someone(group)
        if someone and (someone.kind or someone.name):
            people.append(someone)
    if any(someone.name for someone in people):  # "Two friends, Mia and Leo": the names are the friends
        people = [someone for someone in people if someone.name or someone.kind in words.FAMILY_KINDS]
    return people


def _someone(group):
    lowered = [token.lower() for token in group]
    name = ""
    if "named" in lowered or "called" in lowered:
        at = lowered.index("named") if "named" in lowered else lowered.index("called")
        if at + 1 < len(group) and group[at + 1][:1].isupper():
            name = group[at + 1]
        group, lowered = group[:at], lowered[:at]
    kind, adjective = "", ""
    for index, token in enumerate(lowered):
        singular = words.singular(token)
        if singular in words.KINDS:
            kind = singular
            before = [word for word in lowered[:index] if word not in words.DETERMINERS and word.isalpha()]
            adjective = before[-1] if before and before[-1] in words.ADJECTIVES else ""
    if not name:
        for index, token in enumerate(group):
            if _looks_like_name(group, index):
                name = token
                break
    if not kind and not name:
        return None
    owner = lowered[0] if lowered and lowered[0] in ("his", "her", "their") else ""
    return Someone(kind=kind, name=name, adjective=adjective, owner=owner)


def _is_name_token(tokens, index):
    return tokens[index][:1].isupper() and _looks_like_name(tokens, index)


def _looks_like_name(tokens, index):
    token = tokens[index]
    lowered = token.lower()
    if not re.fullmatch(r"[A-ZÀ-Þ][a-zß-ÿ'-]+", token):
        return False
    if lowered in words.NOT_NAMES or lowered in words.KINDS or words.singular(lowered) in words.KINDS:
        return False
    if lowered in words.VERBS or re.search(r"(ian|ish|ese|ean)$", lowered) and len(lowered) > 5:
        return False  # "Victorian", "English", "Japanese": describing words
    previous = tokens[index - 1].lower() if index else ""
    if previous in words.DETERMINERS or previous in words.FOREIGN_ARTICLES:
        return False  # "a Schatz", "the Dragon": a noun, not a name
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return not (following[:1].islower() and following.lower() in words.KINDS)  # "Victorian detective"


def _predicate(tokens, heroes):
    """The goal, the people along, the companions met and the place gone to, from what follows
    the subject."""
    along, text = _along(" ".join(tokens))
    lowered = text.lower()
    meets, place = [], ""
    for match in re.finditer(
        rf"\b(?:{words.MEET_VERBS})\s+(.+?)(?=\s+(?:and|then|who|to|in|on|at)\s|\s*[,;]|$)", text, re.IGNORECASE
    ):
        met = None if re.match(PLACE_NAME, match.group(1)) else _someone(match.group(1).split())
        if met:
            meets.append(met)
    going = re.search(
        rf"\b(?:{words.GO_VERBS})\s+to\s+((?:the\s+)?[\w' -]+?)(?=\s+(?:and|to|for|with)\s|\s*[,;]|$)",
        text,
        re.IGNORECASE,
    )
    if going:
        place = going.group(1)
    goal = None
    for pattern, kind, build in GOAL_PATTERNS:
        match = re.search(pattern, lowered)
        if match:
            goal = build(match, text, kind)
            if goal:
                break
    if goal and not place:
        place = _place_in(goal.want)
    return goal, along, meets, _tidy_place(place)


def _words_at(text, match, group=1):
    """The words of a match group as the prompt wrote them (keeping capitals)."""
    return text[match.start(group) : match.end(group)].strip()


def _cut(phrase):
    """A goal phrase cut at the first "and ..." clause, place and companions kept elsewhere."""
    phrase = re.split(r"\s+(?:and then|and|but|so|because|while|when|with (?:his|her|their))\s+", phrase)[0]
    return " ".join(phrase.split()[:7]).strip(" ,;")


def _wish(match, text, kind):
    want = _cut(_words_at(text, match))
    first, _, rest = want.partition(" ")
    base = words.VERB_BASES.get(first.lower()) or (_unGerund(first.lower()) if first.endswith("ing") else "")
    if base:
        want = f"{base} {rest}".strip()
    return _goal(want)


def _unGerund(word):
    stem = word[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        return stem[:-1]  # swimming
    return stem + "e" if stem.endswith(("com", "danc", "mak", "bak", "ris", "liv", "driv", "rid", "writ")) else stem


def _goal(want):
    """A goal from its infinitive; a place it happens in ("under the sea") is told apart."""
    want = re.sub(r"\s+(?:under|in|on|at|inside|near)\s+(?:the\s+)?[\w' -]+$", "", want) or want
    if not want:
        return None
    want = _plain(want)
    first = want.split()[0].lower()
    journeys = ("go", "fly", "sail", "travel", "see", "visit", "reach", "explore", "get")
    kind = "journey" if first in journeys and len(want.split()) > 1 and _place_in(want) else "wish"
    return Goal(want=want, noun=_goal_noun(want), kind=kind)


def _plain(want):
    """The goal itself, said plainly: "try to win the race" -> "win the race", "learn how to
    swim" -> "learn to swim", "be a pilot" -> "become a pilot"."""
    tokens = want.split()
    while len(tokens) > 2 and tokens[0].lower() in words.GOAL_LEADS and tokens[1].lower() == "to":
        tokens = tokens[2:]
    if [token.lower() for token in tokens[1:3]] == ["how", "to"]:
        del tokens[1]
    if tokens[0].lower() == "be" and tokens[1:2] and tokens[1].lower() in ("a", "an"):
        tokens[0] = "become"
    return " ".join(tokens)


def _love(match, text, kind):
    thing = _cut(_words_at(text, match))
    for word, (want, noun) in words.PASSIONS.items():
        if re.search(rf"\b{word}", thing.lower()):
            return Goal(want=want, noun=noun, kind="wish")
    return Goal(want=f"share {thing} with everyone", noun=thing, kind="wish")


def _afraid(match, text, kind):
    thing = _cut(_words_at(text, match))
    return Goal(want=f"stop being afraid of {thing}", noun=thing, kind="courage")


def _found(match, text, kind):
    thing = _cut(_words_at(text, match))
    if not thing or thing.split()[0].lower() in ("out", "that", "how", "what", "a way", "way"):
        return None
    noun = _the(thing)
    if kind == "find":
        sought = thing if thing.split()[0].lower() in ("a", "an") else noun
        return Goal(want=f"find {sought}", noun=sought, kind="find", thing=thing)
    return Goal(want=f"take {noun} back where it belongs", noun=noun, kind="quest", thing=thing)


def _does(match, text, kind):
    verb = words.VERB_BASES.get(match.group(1), match.group(1))
    return _goal(f"{verb} {_cut(_words_at(text, match, 2))}".strip())


def _befriend(match, text, kind):
    thing = _cut(_words_at(text, match))
    if not thing:
        return None
    someone = _someone(thing.split())
    friend = someone.name if someone and someone.name else _the(thing)  # "Rusty the fox" -> "Rusty"
    return Goal(want=f"befriend {friend}", noun=f"making friends with {friend}", kind="wish")


def _quest(match, text, kind):
    """A quest with nothing named to find: the quest itself is the goal ("goes on a quest with a map")."""
    return Goal(want=f"complete the {match.group(1)}", noun=f"the {match.group(1)}", kind="wish")


def _lost(match, text, kind):
    return Goal(want="find the way home", noun="the way home", kind="find")


GOAL_PATTERNS = (
    (r"\b(?:is|are|was|gets?|got)\s+lost\b", "find", _lost),
    (rf"\b(?:{words.BEFRIEND_VERBS})\s+(.+)", "wish", _befriend),
    (rf"\b(?:{words.WISH_VERBS})\s+(?:to\s+)?(.+)", "wish", _wish),
    (r"\b(?:loves?|loved|loving|likes?|liked|adores?)\s+(.+)", "wish", _love),
    (r"\b(?:is|are|was|feels?)\s+(?:afraid|scared|frightened)\s+of\s+(.+)", "courage", _afraid),
    (r"\b(?:looks?|looking|search(?:es|ing)?|hunts?|hunting)\s+for\s+(.+)", "find", _found),
    (rf"\b(?:{words.FIND_VERBS})\s+(.+)", "quest", _found),
    (
        rf"\b(?:{words.GO_VERBS}|sets? off|sets? out)\s+on\s+(?:a|an|the|his|her|their)\s+(?:\w+\s+)?(quest|mission)\b",
        "wish",
        _quest,
    ),
    (rf"\b({words.DOING_VERBS})\b\s*(.*)", "wish", _does),
)


def _goal_noun(want):
    """The heart of a goal, short and never empty: "open a bakery" -> "the bakery", "go fishing"
    -> "fishing", "learn to swim" -> "learning to swim", "become a chef" -> "becoming a chef"."""
    verb, *rest = want.split()
    wanted = [word for word in rest if word.lower() not in words.DETERMINERS]
    if not wanted:
        return _gerund(verb)
    if verb.lower() == "go" and wanted[0].endswith("ing"):
        return wanted[0]
    if _infinitive(rest) or verb.lower() in ("become", "be"):  # what the hero would be doing
        return " ".join([_gerund(verb), *_head(rest)])
    place = _place_in(want)
    if place:
        return place
    if rest[0].lower() in GOAL_STOP_WORDS:  # "help with the harvest": no thing of its own
        return " ".join([_gerund(verb), *_head(rest)])
    tail = " ".join(_head(wanted))
    if rest[0].lower() in words.DETERMINERS:
        return f"the {tail}"
    return tail


def _head(rest):
    """The words after a goal's verb up to its first small word, at most three: "a cake for Mum"
    -> "a cake"; when a small word comes first, the first four: "to ride a bike", "with the harvest"."""
    ends = [index for index, word in enumerate(rest) if word.lower() in GOAL_STOP_WORDS and not _in_a_name(rest, index)]
    head = rest[: ends[0] if ends else len(rest)]
    named = len(head) > 3 and any(_in_a_name(head, index) for index in range(len(head)))
    head = head[: 4 if named else 3] or rest[:4]
    while head and head[-1].lower() in GOAL_STOP_WORDS:
        head = head[:-1]
    return head


def _in_a_name(words_, index):
    """Whether the word at index joins a name of more than one word: "of" in "the Isle of Skye"."""
    return (
        0 < index < len(words_) - 1
        and words_[index].lower() == "of"
        and words_[index - 1][:1].isupper()
        and words_[index + 1][:1].isupper()
    )


def _infinitive(rest):
    """Whether the words after a verb start with "to" and a verb: "to swim", not "to the moon"."""
    if len(rest) < 2 or rest[0].lower() != "to":
        return False
    following = rest[1].lower()
    return not (following in words.DETERMINERS or re.fullmatch(words.PLACE_NOUNS, following))


def _gerund(verb):
    verb = verb.lower()
    if verb == "be":
        return "being"
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _place_in(text):
    """A place the text names: "the desert", "the sea", "Mars", "the enchanted forest"."""
    match = re.search(
        rf"\b(?:under|in|into|on|at|to|across|through|inside|near|around|see|visit|explore)\s+"
        rf"((?:the|a|an)\s+)?((?:[\w-]+\s+){{0,2}}?(?:{words.PLACE_NOUNS}))\b",
        text,
        re.IGNORECASE,
    )
    if not match:
        match = re.search(rf"\b()((?:{words.NAMED_PLACES}))\b", text, re.IGNORECASE)
    if not match:
        match = re.search(rf"\b(?:to|visit|visits|see|sees|explore|explores)\s+()({PLACE_NAME})", text)
        if not match:
            return ""
    article = (match.group(1) or "").strip().lower()
    noun = match.group(2)
    if article in ("a", "an"):
        article = "the"
    return _tidy_place(f"{article} {noun}".strip())


def _tidy_place(place):
    place = " ".join(place.split()).strip(" ,.")
    if not place:
        return ""
    words_ = place.split()
    if words_[-1][:1].isupper():  # "foggy London", "the rings of Saturn": the name is the place
        first = next((index for index, word in enumerate(words_) if word[:1].isupper() and word.lower() != "the"), 0)
        words_ = words_[first - 1 :] if first and words_[first - 1].lower() == "the" else words_[first:]
    if words_[0].lower() in ("a", "an", "some", "his", "her", "their", "my", "our"):
        words_[0] = "the"
    if words_[0] == "The":
        words_[0] = "the"
    proper = words_[0][:1].isupper()
    if not proper and words_[0] != "the" and words.singular(words_[-1].lower()) not in words.UNCOUNTED_PLACES:
        words_.insert(0, "the")
    return " ".join(word if word[:1].isupper() or word == "the" else word.lower() for word in words_)


def _setting(prompt, place, heroes, goal):
    """Which theme: the prompt's place first, then the goal's words, then the hero's."""
    if re.search(words.PLACE_SETTINGS[0][0], prompt, re.IGNORECASE):
        return words.PLACE_SETTINGS[0][1]
    for text in (place, goal.want if goal else "", prompt):
        found = words.setting_for(text)
        if found:
            return found
    for hero in heroes:
        if hero.kind in words.HOMES:
            return words.HOMES[hero.kind]
    return ""


def _the(phrase):
    first, _, rest = phrase.partition(" ")
    if first.lower() in ("a", "an", "some", "his", "her", "their", "my", "our", "its") and rest:
        return f"the {rest}"
    if first.lower() == "the" or phrase[:1].isupper():
        return phrase
    return f"the {phrase}"
