"""Word tables for reading a prompt (idea.py) and casting its characters: data only."""

import re

from media_gen.providers.offline.themes import THEMES

# kind: (pronoun, figure, age, outfit). Figures and outfits come from vocabulary.FIGURES / OUTFITS.
KINDS = {
    "girl": ("she", "person", "child", ""), "boy": ("he", "person", "child", ""),
    "kid": ("they", "person", "child", ""), "child": ("they", "person", "child", ""),
    "sister": ("she", "person", "child", ""), "brother": ("he", "person", "child", ""),
    "friend": ("they", "person", "child", ""), "baby": ("they", "person", "child", ""),
    "woman": ("she", "person", "adult", ""), "lady": ("she", "person", "adult", ""),
    "man": ("he", "person", "adult", ""), "mom": ("she", "person", "adult", ""), "mum": ("she", "person", "adult", ""),
    "mother": ("she", "person", "adult", ""), "mama": ("she", "person", "adult", ""),
    "dad": ("he", "person", "adult", ""), "daddy": ("he", "person", "adult", ""),
    "father": ("he", "person", "adult", ""), "papa": ("he", "person", "adult", ""),
    "aunt": ("she", "person", "adult", ""), "auntie": ("she", "person", "adult", ""),
    "uncle": ("he", "person", "adult", ""), "teacher": ("they", "person", "adult", ""),
    "grandma": ("she", "person", "elder", ""), "granny": ("she", "person", "elder", ""),
    "nana": ("she", "person", "elder", ""), "grandmother": ("she", "person", "elder", ""),
    "grandpa": ("he", "person", "elder", ""), "grandad": ("he", "person", "elder", ""),
    "grandfather": ("he", "person", "elder", ""),
    "princess": ("she", "person", "child", "crown"), "prince": ("he", "person", "child", "crown"),
    "king": ("he", "person", "adult", "crown"), "queen": ("she", "person", "adult", "crown"),
    "knight": ("they", "person", "adult", ""), "pirate": ("they", "person", "adult", "pirate"),
    "captain": ("they", "person", "adult", "pirate"), "astronaut": ("they", "person", "adult", "helmet"),
    "detective": ("they", "person", "adult", "detective"), "wizard": ("he", "person", "elder", "wizard"),
    "witch": ("she", "person", "adult", "wizard"), "fairy": ("she", "fairy", "child", ""),
    "mermaid": ("she", "person", "child", ""), "explorer": ("they", "person", "adult", ""),
    "scientist": ("they", "person", "adult", ""), "inventor": ("they", "person", "adult", ""),
    "chef": ("they", "person", "adult", "chef"), "baker": ("they", "person", "adult", "chef"),
    "ballerina": ("she", "person", "child", "tutu"), "dancer": ("they", "person", "child", "tutu"),
    "farmer": ("they", "person", "adult", ""), "sailor": ("they", "person", "adult", "pirate"),
    "octopus": ("they", "octopus", "child", ""), "squid": ("they", "octopus", "child", ""),
    "penguin": ("they", "penguin", "child", ""), "dinosaur": ("they", "dinosaur", "child", ""),
    "dino": ("they", "dinosaur", "child", ""), "triceratops": ("they", "dinosaur", "child", ""),
    "dragon": ("they", "dragon", "child", ""), "robot": ("they", "robot", "child", ""),
    "fox": ("they", "fox", "child", ""), "cat": ("they", "cat", "child", ""), "kitten": ("they", "cat", "child", ""),
    "lion": ("they", "cat", "child", ""), "tiger": ("they", "cat", "child", ""),
    "dog": ("they", "dog", "child", ""), "puppy": ("they", "dog", "child", ""), "wolf": ("they", "dog", "child", ""),
    "bear": ("they", "bear", "child", ""), "bunny": ("they", "bunny", "child", ""),
    "rabbit": ("they", "bunny", "child", ""), "mouse": ("they", "mouse", "child", ""),
    "hamster": ("they", "mouse", "child", ""), "hedgehog": ("they", "mouse", "child", ""),
    "squirrel": ("they", "fox", "child", ""), "owl": ("they", "owl", "child", ""),
    "bird": ("they", "bird", "child", ""), "parrot": ("they", "bird", "child", ""),
    "duck": ("they", "bird", "child", ""), "chicken": ("they", "bird", "child", ""),
    "unicorn": ("they", "unicorn", "child", ""), "pony": ("they", "unicorn", "child", ""),
    "horse": ("they", "unicorn", "child", ""), "monkey": ("they", "monkey", "child", ""),
    "elephant": ("they", "elephant", "child", ""), "fish": ("they", "fish", "child", ""),
    "whale": ("they", "fish", "child", ""), "dolphin": ("they", "fish", "child", ""),
    "shark": ("they", "fish", "child", ""), "seahorse": ("they", "fish", "child", ""),
    "turtle": ("they", "dinosaur", "child", ""), "frog": ("they", "bunny", "child", ""),
    "alien": ("they", "alien", "child", ""), "monster": ("they", "bear", "child", ""),
    "ghost": ("they", "fairy", "child", ""), "zombie": ("they", "person", "child", ""),
    "vampire": ("they", "person", "adult", ""), "troll": ("they", "bear", "adult", ""),
    "giant": ("they", "person", "adult", ""), "crab": ("they", "octopus", "child", ""),
    "crow": ("they", "bird", "child", ""), "goat": ("they", "dog", "child", ""), "bat": ("they", "bird", "child", ""),
    "pterodactyl": ("they", "bird", "child", ""), "stegosaurus": ("they", "dinosaur", "child", ""),
    "drone": ("they", "robot", "child", ""), "magpie": ("they", "bird", "child", ""),
    "hound": ("they", "dog", "child", ""), "pigeon": ("they", "bird", "child", ""),
    "raccoon": ("they", "fox", "child", ""), "sheepdog": ("they", "dog", "child", ""),
    "goose": ("they", "bird", "child", ""), "otter": ("they", "fox", "child", ""),
    "pufferfish": ("they", "fish", "child", ""), "lizard": ("they", "dinosaur", "child", ""),
    "backpack": ("they", "robot", "child", ""), "co-pilot": ("they", "robot", "child", ""),
    "camel": ("they", "elephant", "child", ""),
}
# Kinds a story calls by their kind when they have no name: "Grandpa", "Grandma Rosa".
FAMILY_KINDS = {"grandma", "granny", "nana", "grandpa", "grandad", "mom", "mum", "mama", "dad", "daddy", "papa",
                "aunt", "auntie", "uncle"}
# Animal and creature heroes pick up the colour their kind is known for.
KIND_COLOURS = {
    "octopus": "purple", "squid": "pink", "penguin": "black", "dinosaur": "green", "dino": "green", "dragon": "red",
    "robot": "silver", "fox": "orange", "lion": "gold", "tiger": "orange", "bear": "brown", "monkey": "brown",
    "elephant": "grey", "fish": "orange", "whale": "blue", "dolphin": "grey", "shark": "grey", "frog": "green",
    "alien": "green", "unicorn": "white", "monster": "purple", "ghost": "white", "crab": "red", "turtle": "green",
    "wolf": "grey", "mouse": "grey", "owl": "brown", "parrot": "green", "duck": "yellow", "seahorse": "yellow",
}
# Pronouns for common given names, so a named hero is not always "they".
GIVEN_NAMES = {
    **dict.fromkeys(("Mia", "Ava", "Emma", "Lily", "Zara", "Priya", "Sofia", "Olivia", "Amelia", "Isla", "Grace",
                     "Chloe", "Ella", "Anna", "Maya", "Lucy", "Ruby", "Alice", "Emily", "Sara", "Sarah", "Hannah",
                     "Zoe", "Layla", "Aisha", "Freya", "Rosa", "Lena", "Clara", "Nina", "Eva", "Ivy", "Daisy"), "she"),
    **dict.fromkeys(("Sam", "Tom", "Noah", "Ben", "Max", "Leo", "Jack", "Oliver", "Harry", "George", "Liam",
                     "Lucas", "Ethan", "Jacob", "James", "Arthur", "Omar", "Ali", "Raj", "Luca", "Adam", "Daniel",
                     "David", "Henry", "Oscar", "Charlie", "Alfie", "Archie", "Joe", "Paul", "Peter", "Tim"), "he"),
}
# Where a hero of this kind lives, when the prompt says nowhere (a theme's setting).
HOMES = {
    "octopus": "underwater", "squid": "underwater", "fish": "underwater", "whale": "underwater",
    "dolphin": "underwater", "shark": "underwater", "seahorse": "underwater", "crab": "underwater",
    "mermaid": "underwater", "penguin": "arctic", "dinosaur": "prehistoric valley", "dino": "prehistoric valley",
    "triceratops": "prehistoric valley", "dragon": "mountains", "robot": "workshop", "inventor": "workshop",
    "scientist": "workshop", "astronaut": "space", "alien": "space", "pirate": "ocean", "sailor": "ocean",
    "captain": "ocean", "princess": "castle", "prince": "castle", "king": "castle", "queen": "castle",
    "knight": "castle", "wizard": "castle", "witch": "forest", "fairy": "forest", "fox": "forest", "owl": "forest",
    "bear": "forest", "squirrel": "forest", "monkey": "jungle", "tiger": "jungle", "lion": "jungle",
    "elephant": "jungle", "parrot": "jungle", "detective": "mansion", "ghost": "mansion", "frog": "lake",
    "duck": "lake", "turtle": "lake", "farmer": "countryside", "pony": "countryside", "horse": "countryside",
    "teacher": "school", "camel": "desert",
}
# Places a prompt may name, and the theme each calls for (first match wins).
PLACE_SETTINGS = (
    (r"under (?:the )?(?:sea|ocean|water|waves)|underwater|sea ?floor|seabed|coral|reef", "underwater"),
    (r"\b(?:space|mars|moon|planet|stars|galaxy|jupiter|saturn|venus|comet|orbit)\b", "space"),
    (r"\b(?:desert|sahara|dunes?|oasis|pyramids?)\b", "desert"),
    (r"\b(?:arctic|antarctica|north pole|south pole|ice|snow|igloo|glacier|iceberg)\b", "arctic"),
    (r"\b(?:jungle|rainforest|safari)\b", "jungle"),
    (r"\b(?:lake|river|pond|stream|creek|fishing)\b", "lake"),
    (r"\b(?:sea|ocean|beach|island|harbou?r|seaside|coast)\b", "ocean"),
    (r"\b(?:forest|woods?|woodland|grove)\b", "forest"),
    (r"\b(?:castle|palace|kingdom|throne)\b", "castle"),
    (r"\b(?:mansion|manor|haunted house|london|victorian)\b", "mansion"),
    (r"\b(?:school|classroom|playground)\b", "school"),
    (r"\b(?:city|town|street|museum|zoo|paris|new york|park)\b", "city"),
    (r"\b(?:mountains?|volcano|peak|cliffs?)\b", "mountains"),
    (r"\b(?:valley|prehistoric|jurassic)\b", "prehistoric valley"),
    (r"\b(?:workshop|factory|lab|laboratory)\b", "workshop"),
    (r"\b(?:farm|meadow|garden|village|countryside|field)\b", "countryside"),
)
PLACE_NOUNS = (r"desert|sea|ocean|forest|woods|wood|jungle|rainforest|castle|palace|kingdom|school|city|town|village|"
               r"moon|mars|space|mountains?|island|beach|lake|river|pond|farm|arctic|north pole|south pole|cave|"
               r"meadow|garden|park|museum|zoo|library|valley|volcano|planet|stars|sky|clouds|reef|mansion|"
               r"countryside|seaside|sahara|antarctica|jupiter|saturn|galaxy|london|paris")
NAMED_PLACES = r"Mars|the moon|outer space|space|Antarctica|the Arctic|the North Pole|the Sahara|Paris|London"
UNCOUNTED_PLACES = {"space", "school", "town", "outer space"}
# How a story says it is in a place, by the place's last word: "on Mars", "at school", "under the sea".
PLACE_PREPOSITIONS = {"moon": "on", "mars": "on", "planet": "on", "island": "on", "beach": "on", "farm": "on",
                      "jupiter": "on", "saturn": "on", "school": "at", "lake": "at", "seaside": "at", "zoo": "at",
                      "museum": "at", "ice": "on"}

DETERMINERS = {"a", "an", "the", "some", "his", "her", "their", "its", "my", "our", "your", "this", "that", "these",
               "those", "two", "three", "four", "many", "every"}
FOREIGN_ARTICLES = {"ein", "eine", "einen", "einem", "der", "die", "das", "den", "dem", "le", "la", "les", "un",
                    "une", "el", "los", "las", "una", "il", "lo", "het", "de", "een"}
ADJECTIVES = {"brave", "little", "tiny", "young", "old", "curious", "shy", "clever", "kind", "funny", "silly",
              "happy", "sad", "lonely", "grumpy", "sleepy", "friendly", "big", "small", "smart", "wise", "gentle",
              "bold", "cheeky", "adventurous", "clumsy", "lazy", "busy", "proud", "hungry", "baby", "magic",
              "magical", "lost", "fearless", "quiet", "noisy", "playful", "elderly", "retired"}
# Capitalised words that are never anyone's name.
NOT_NAMES = {
    "a", "an", "the", "i", "once", "upon", "time", "write", "tell", "make", "create", "please", "story", "tale",
    "adventure", "in", "on", "at", "my", "our", "his", "her", "their", "when", "where", "what", "how", "there", "this",
    "that", "it", "some", "and", "about", "with", "for", "today", "tonight", "she", "he", "they", "we", "you",
    "let", "lets", "let's", "earth", "sun", "moon", "mars", "jupiter", "saturn", "venus", "mercury", "neptune",
    "pluto", "christmas", "halloween", "easter", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "paris", "london", "new", "york", "africa", "america", "europe", "asia", "egypt",
    "antarctica", "atlantic", "pacific", "arctic", "sahara", "lego", "minecraft", "god", "santa", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "first", "second", "third",
    "last", "next", "every", "all", "no", "yes", "not", "why", "who", "which", "after", "before", "if", "then",
    "but", "or", "so", "because", "while", "until", "into", "from", "to", "of", "by", "as", "is", "are", "was",
    "be", "do", "does", "did", "can", "will", "would", "should", "could", "must", "up", "down", "out", "over",
    "under", "one's", "here", "now", "dear", "mr", "mrs", "ms", "dr", "sir", "lady", "lord", "captain", "professor",
    "und", "mit", "ist", "im", "am", "auf", "zum", "zur", "von", "namens", "es", "war", "einmal", "geschichte",
    "bitte", "über", "eines", "tages", "y", "et", "con", "por", "para",
} | set(ADJECTIVES) | FOREIGN_ARTICLES

# Verb forms that start a prompt's predicate, and their plain forms.
VERB_BASES = {
    "opens": "open", "builds": "build", "bakes": "bake", "solves": "solve", "saves": "save", "visits": "visit",
    "explores": "explore", "climbs": "climb", "learns": "learn", "plants": "plant", "paints": "paint",
    "makes": "make", "goes": "go", "flies": "fly", "sails": "sail", "travels": "travel", "rides": "ride",
    "plays": "play", "sings": "sing", "dances": "dance", "rescues": "rescue", "helps": "help", "invents": "invent",
    "writes": "write", "races": "race", "swims": "swim", "catches": "catch", "grows": "grow", "fixes": "fix",
    "starts": "start", "joins": "join", "becomes": "become", "wins": "win", "delivers": "deliver", "has": "have",
    "wants": "want", "needs": "need", "tries": "try", "hopes": "hope", "dreams": "dream", "finds": "find",
    "discovers": "discover", "meets": "meet", "loves": "love", "likes": "like", "looks": "look", "searches": "search",
    "hunts": "hunt", "befriends": "befriend", "adopts": "adopt", "hatches": "hatch", "gets": "get", "sees": "see",
    "throws": "throw", "runs": "run", "decides": "decide", "digs": "dig", "cooks": "cook", "camps": "camp",
    "teaches": "teach", "shows": "show", "takes": "take", "brings": "bring", "invites": "invite",
    "went": "go", "flew": "fly", "found": "find", "made": "make", "built": "build", "opened": "open",
    "saved": "save", "visited": "visit", "learned": "learn", "sailed": "sail", "got": "get",
}
VERBS = set(VERB_BASES) | set(VERB_BASES.values()) | {
    "is", "are", "was", "were", "looking", "searching", "hunting", "going", "flying", "trying", "learning",
    "finding", "discovering", "meeting", "opening", "building", "baking", "visiting", "exploring", "sailing",
    "must", "can", "will", "wishes", "wish", "feels", "feel",
} - {"dance", "play", "race", "run", "swim", "fish", "dig", "camp", "cook", "paint", "plant", "love", "like",
     "help", "hope", "dream", "look", "fly", "sail", "ride", "sing"}
WISH_VERBS = (r"wants?|wanted|wanting|would like|wish(?:es)?|hopes?|dreams? of|dreaming of|tries|trying|try|"
              r"learns?|learning|needs?|has to|have to|must|decides?|sets? out|is going|are going|can't wait")
FIND_VERBS = r"finds?|found|finding|discovers?|discovered|discovering|hatch(?:es|ed|ing)?|receives?|gets?"
MEET_VERBS = (r"meets?|met|meeting|befriends?|befriended|befriending|adopts?|adopted|teach(?:es)?|shows?|takes?|"
              r"brings?|invites?|visits?")
GO_VERBS = r"goes|go|going|went|travels?|travelling|traveling|flies|fly|flying|sails?|sailing|journeys?|rides?"
DOING_VERBS = ("opens?|builds?|bakes?|solves?|saves?|visits?|explores?|climbs?|plants?|paints?|makes?|goes|go|"
               "flies|fly|sails?|travels?|rides?|plays?|sings?|dances?|rescues?|helps?|invents?|writes?|races?|"
               "swims?|catch(?:es)?|grows?|fix(?:es)?|starts?|joins?|becomes?|wins?|delivers?|has|have|sees?|"
               "throws?|runs?|digs?|cooks?|camps?")
WEATHER_WORDS = ((r"\bfog|\bmist", "fog"), (r"\brain|\bstorm", "rain"), (r"\bsnow", "snow"), (r"\bcloud", "cloudy"))
# Past forms the story needs to say a goal was reached: "open a bakery" -> "opened a bakery".
IRREGULAR_PAST = {"go": "went", "see": "saw", "fly": "flew", "build": "built", "find": "found", "win": "won",
                  "become": "became", "make": "made", "take": "took", "have": "had", "do": "did", "get": "got",
                  "swim": "swam", "sing": "sang", "ride": "rode", "run": "ran", "catch": "caught", "teach": "taught",
                  "bring": "brought", "grow": "grew", "throw": "threw", "write": "wrote", "dig": "dug", "meet": "met",
                  "sell": "sold", "tell": "told", "hold": "held", "eat": "ate", "draw": "drew", "stop": "stopped",
                  "plan": "planned", "be": "was", "learn": "learned", "give": "gave", "keep": "kept"}
# "loves ballet": what the hero then wants, and what the story calls it.
PASSIONS = {
    "ballet": ("dance ballet on a real stage", "ballet"), "danc": ("dance in the big show", "dancing"),
    "sing": ("sing in the big concert", "singing"), "music": ("play music for everyone", "music"),
    "paint": ("paint the most beautiful picture", "painting"), "draw": ("draw a picture for everyone", "drawing"),
    "football": ("play in the big match", "football"), "soccer": ("play in the big match", "soccer"),
    "bak": ("bake the best cake ever", "baking"), "cake": ("bake the best cake ever", "cake"),
    "book": ("find the best book in the world", "books"), "read": ("find the best book in the world", "reading"),
    "star": ("see the stars up close", "the stars"), "swim": ("swim all the way across", "swimming"),
    "fly": ("fly high above everything", "flying"), "flower": ("grow the biggest flower", "flowers"),
}
# Words of a goal or prompt, and the object (vocabulary.OBJECTS) a picture shows for them.
OBJECT_WORDS = (
    (r"bak|cake|cookie|bread|muffin|cupcake|pie|party", "cake"), (r"ballet|tutu|danc", "ballet shoes"),
    (r"fishing|fish\b", "fishing rod"), (r"treasure|chest|gold|coin", "chest"), (r"\bmaps?\b", "map"),
    (r"\begg", "egg"), (r"myster|detective|clue|missing|stolen", "magnifier"),
    (r"music|sing|song|guitar|piano|concert|band", "music"), (r"telescope|stars", "telescope"),
    (r"rocket|space|mars|moon|planet", "rocket"), (r"boat|sail|ship|canoe", "boat"), (r"\bkeys?\b", "key"),
    (r"book|read|library|diary|spell", "book"), (r"crown|king|queen|throne", "crown"), (r"\bkite", "kite"),
    (r"balloon", "balloon"), (r"flower|garden|rose|seed", "flower"), (r"gift|present|birthday", "gift"),
    (r"\bball\b|football|soccer|match", "ball"), (r"lantern|lamp|dark|light", "lantern"),
    (r"wand|magic|wish", "wand"), (r"shell|pearl|beach", "shell"), (r"heart|love|friend", "heart"),
    (r"compass|way home|lost", "compass"), (r"apple|fruit|berr", "apple"), (r"gem|crystal|jewel|diamond", "gem"),
    (r"\bstar\b", "star"),
)

# What a gentle story leaves out of an idea, what it keeps instead, and how it tells the family.
_FIERCE = r"(?:(?:scary|terrifying|evil|mean|angry|vicious|bloodthirsty|creepy|horrible|hungry|killer)\s+)*"
SOFTENINGS = tuple(
    (rf"\b{_FIERCE}{creature}(s?)\b", rf"shy, friendly {creature}\1",
     f"the {creature} in your idea became a shy, friendly one")
    for creature in ("monster", "zombie", "vampire", "ghost", "troll", "beast", "werewolf", "demon")
) + (
    (r"\b(?:evil|wicked|mean|scary)\s+(witch|wizard|king|queen|giant|dragon|pirate)(s?)\b", r"grumpy \1\2",
     "the villain in your idea is only grumpy, and can be cheered up"),
    (r"\bmurder of crows\b", "flock of crows", "the crows came as a friendly flock"),
    (r"\bmurder(?:s|ed|ing)? (?:mystery|case)\b|\b(?:a|the) murder\b", "a mystery",
     "the crime became a puzzle where nobody gets hurt"),
    ((r"\b(?:kills?|killed|killing|murders?|murdered|slays?|slaying|slew|attacks?|attacked|fights?|fought|"
      r"destroys?|destroyed|hurts?|eats?|ate)\b"), "befriends", "the fight became a new friendship"),
    (r"\b(?:knife|knives|guns?|swords?|weapons?|bombs?|axes?|daggers?)\b", "magic wand",
     "the weapons turned into magic wands"),
    (r"\b(?:bloody|blood|gory|gore)\s*", "", "nobody gets hurt"),
    (r"\b(?:dead|dying|death|corpses?)\b", "sleepy", "nobody gets hurt"),
    (r"\b(?:war|battle)\b", "friendly contest", "the battle became a friendly contest"),
    (r"\b(?:horror|terror|nightmare|terrifying|scary)\b", "mysterious", "the scary part became a gentle mystery"),
)


# One pattern a theme, matching any of its keywords (and their plurals).
THEME_PATTERNS = tuple(re.compile(rf"\b(?:{'|'.join(map(re.escape, theme.keywords))})(?:s|es)?\b") for theme in THEMES)


def singular(word):
    if word in KINDS:
        return word
    for ending, replacement in (("ies", "y"), ("ves", "f"), ("es", ""), ("s", "")):
        if word.endswith(ending) and word[: -len(ending)] + replacement in KINDS:
            return word[: -len(ending)] + replacement
    return word


def setting_for(text):
    """The theme setting a text calls for: a named place first, then a theme's own words."""
    lowered = text.lower()
    if not lowered.strip():
        return ""
    for pattern, setting in PLACE_SETTINGS:
        if re.search(pattern, lowered):
            return setting
    scores = [(len(pattern.findall(lowered)), -index) for index, pattern in enumerate(THEME_PATTERNS)]
    best = max(scores)
    return THEMES[-best[1]].setting if best[0] else ""


def object_for(text, default=""):
    lowered = text.lower()
    for pattern, thing in OBJECT_WORDS:
        if re.search(pattern, lowered):
            return thing
    return default


def past(verb):
    verb = verb.lower()
    if verb in IRREGULAR_PAST:
        return IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    return verb + "ed"
