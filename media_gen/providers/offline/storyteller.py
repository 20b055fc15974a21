"""The offline storyteller: a procedural choose-your-own-adventure writer.

Families without an API key still get a real story. The storyteller picks a setting
from the words of the family's prompt, casts their people (or the prompt's hero) as
the heroes, and tells one journey: a wonder is found, a companion joins, and together
they carry the wonder home to where it belongs. Each scene opens with what the reader
chose last, and the ending remembers how the reader played.

Everything is drawn from stable hashes of the brief, so the same brief always gives
the same scene, and every scene of a story agrees on its hero, companion and goal.
A scene is the ending exactly when its number reaches the brief's target_scenes.

Voice: a brief gets the *gentle* voice (simple words, friendly peril, nothing violent)
when its tier slug is "kids", or when its guidelines speak of children, kids,
gentleness or families without also saying the tier is for adults. Every other tier
gets the *grown* voice: more tension, darker atmosphere, richer vocabulary.
"""

import hashlib
import random
import re
from collections import Counter
from dataclasses import dataclass

from media_gen.providers.base import Person, SceneBrief, SceneDraft

# Every place an illustrator may be asked to draw.
SETTINGS = (
    "mountains", "prehistoric valley", "workshop", "space", "ocean", "mansion", "castle",
    "school", "jungle", "arctic", "desert", "forest", "city", "countryside",
)
TIMES_OF_DAY = ("dawn", "day", "dusk", "night")
# The kinds of choice a scene offers; each leads to its own kind of consequence.
CATEGORIES = ("explore", "help", "brave", "clever", "friend")
VIRTUES = {"explore": "curiosity", "help": "kindness", "brave": "courage", "clever": "cleverness",
           "friend": "friendship"}


@dataclass(frozen=True)
class Theme:
    setting: str
    keywords: tuple[str, ...]
    regions: tuple[tuple[str, str], ...]  # (name, what the place is like: "where ..." clause)
    wonders: tuple[str, ...]  # the thing the heroes find and must take home
    hiding_places: tuple[str, ...]
    destinations: tuple[tuple[str, str], ...]  # (heading, phrase)
    payoffs: tuple[str, ...]  # what happens when the wonder is home, one per destination
    companions: tuple[tuple[str, str], ...]  # (kind, name)
    waypoints: tuple[tuple[str, str], ...]  # (heading, phrase)
    trails: tuple[tuple[str, str], ...]  # explore choices: (verb, thing)
    in_need: tuple[tuple[str, str], ...]  # help choices: (who, what they cannot do alone)
    obstacles: tuple[tuple[str, str], ...]  # brave choices: (verb, thing)
    puzzles: tuple[tuple[str, str], ...]  # clever choices: (verb, thing)


# In order of precedence: when two themes match a prompt equally, the earlier wins.
THEMES = (
    Theme(
        setting="mountains",
        keywords=("dragon", "wyvern", "volcano", "lava"),
        regions=(("the Ember Mountains", "the rocks stayed warm even on the coldest nights"),
                 ("the Smoky Peaks", "the wind smelled of cinnamon and woodsmoke")),
        wonders=("a speckled dragon egg", "a dragon's golden scale"),
        hiding_places=("wedged between two warm rocks", "tucked in a nest of straw and pebbles"),
        destinations=(("The Dragon Roost", "the Dragon Roost on top of Ember Peak"),
                      ("The Nest Above the Clouds", "the great dragons' nest above the clouds")),
        payoffs=("a great golden dragon lowered her head and rumbled a "
                 "thank-you so deep it shook the snow from the peaks",
                 "the dragons lit the mountainside with flickering flame, "
                 "one after another, until the whole range glowed"),
        companions=(("baby mountain goat", "Bramble"), ("sleepy bat", "Smudge"), ("tiny red dragon", "Cinder")),
        waypoints=(("The Steaming Springs", "a ring of steaming hot springs"),
                   ("The Humming Cave", "a cave full of humming crystals"),
                   ("The Old Lookout", "an old stone lookout tower"),
                   ("Fire-Flower Meadow", "a meadow of bright orange fire-flowers"),
                   ("The Windy Pass", "a narrow pass between two tall cliffs")),
        trails=(("Follow", "a trail of warm, glowing footprints"), ("Explore", "a tunnel that glitters with gold"),
                ("Peek into", "a crack in the mountainside")),
        in_need=(("a baby dragon", "get down from a high ledge"), ("an old shepherd", "find his runaway goats"),
                 ("a little fire-sprite", "relight its flame")),
        obstacles=(("Cross", "a bridge of cooling lava stones"), ("Climb", "a steep and windy cliff"),
                   ("Tiptoe past", "a snoring stone troll")),
        puzzles=(("Solve", "the riddle carved into a dragon-shaped door"), ("Read", "a rock covered in ancient runes"),
                 ("Study", "a map scratched onto an old shield")),
    ),
    Theme(
        setting="prehistoric valley",
        keywords=("dinosaur", "dino", "t-rex", "triceratops", "stegosaurus", "fossil", "prehistoric", "jurassic"),
        regions=(("the Valley of Giants", "ferns grew taller than houses"),
                 ("Thunderfoot Valley", "the ground trembled gently whenever something big walked by")),
        wonders=("a cracked dinosaur egg", "a glowing amber stone"),
        hiding_places=("half-buried in warm sand", "nestled under a giant fern leaf"),
        destinations=(("The Great Nesting Ground", "the great nesting ground by the lake"),
                      ("Smoke Mountain", "the top of gentle old Smoke Mountain")),
        payoffs=("a mother triceratops nuzzled it gently, "
                 "and the whole herd trumpeted a song so loud the birds joined in",
                 "the dinosaurs gathered round, and even the biggest T-rex gave a shy, toothy smile"),
        companions=(("baby triceratops", "Pip"), ("chatty pterodactyl", "Skye"), ("little stegosaurus", "Clover")),
        waypoints=(("The Bubbling Mud Pools", "a field of bubbling mud pools"),
                   ("The Fern Forest", "a forest of giant ferns"),
                   ("The Footprint River", "a dry riverbed covered in enormous footprints"),
                   ("The Misty Waterfall", "a misty waterfall"),
                   ("The Chalk Cliffs", "the foot of the tall chalk cliffs")),
        trails=(("Follow", "a trail of giant footprints"), ("Explore", "a cave behind the hanging vines"),
                ("Take", "the path through the tall ferns")),
        in_need=(("a baby stegosaurus", "find its mother"), ("an old tortoise", "climb out of a muddy ditch"),
                 ("a family of tiny lizards", "cross the stream")),
        obstacles=(("Cross", "a river on the backs of sleepy turtles"), ("Tiptoe past", "a napping T-rex"),
                   ("Slide down", "a steep, muddy hill")),
        puzzles=(("Read", "a wall of old cave paintings"), ("Study", "the herd's tracks in the mud"),
                 ("Decode", "a map drawn in the sand")),
    ),
    Theme(
        setting="workshop",
        keywords=("robot", "android", "machine", "invention", "inventor", "gadget", "cyborg"),
        regions=(("Gearwick Town", "every chimney puffed out little clouds of steam"),
                 ("the Clockwork Quarter", "the streets ticked and whirred like a giant watch")),
        wonders=("a humming little robot", "a glowing blue battery", "a golden clockwork heart"),
        hiding_places=("in a box of old springs and bolts", "behind a stack of broken clocks"),
        destinations=(("The Great Clock Tower", "the Great Clock Tower in the middle of town"),
                      ("The Inventors' Hall", "the Inventors' Hall on the hill")),
        payoffs=("the great clock began to tick again, and its bells rang out over every rooftop",
                 "every machine in town woke at once, whirring and beeping and blinking a thousand thank-yous"),
        companions=(("rusty robot dog", "Bolt"), ("clockwork owl", "Tock"), ("little flying drone", "Zip")),
        waypoints=(("The Junkyard", "a junkyard full of treasures"),
                   ("The Conveyor Belts", "a factory of clattering conveyor belts"),
                   ("The Spare-Parts Market", "a busy spare-parts market"),
                   ("The Rooftops", "a tangle of steamy rooftops"),
                   ("The Gear Bridge", "a bridge made of turning gears")),
        trails=(("Follow", "a line of blinking lights"), ("Explore", "a tunnel full of humming pipes"),
                ("Search", "a mountain of old gadgets")),
        in_need=(("a little cleaning robot", "find its lost wheel"), ("an old inventor", "carry her heavy toolbox"),
                 ("a confused traffic light", "remember its colours")),
        obstacles=(("Cross", "a floor of spinning gears"), ("Ride", "a rattling old elevator"),
                   ("Jump across", "a fast-moving conveyor belt")),
        puzzles=(("Decode", "a panel of blinking buttons"), ("Fix", "a music box that only plays backwards"),
                 ("Unlock", "the puzzle lock on a metal door")),
    ),
    Theme(
        setting="space",
        keywords=("space", "rocket", "planet", "star", "astronaut", "moon", "galaxy", "alien", "spaceship", "comet",
                  "mars", "orbit"),
        regions=(("the Sparkle Nebula", "comets zipped past like silver fish"),
                 ("the Moonbeam Galaxy", "the planets were every colour of the rainbow")),
        wonders=("a tiny fallen star", "a glow-in-the-dark star map", "a blinking alien crystal"),
        hiding_places=("floating in a bubble outside the window", "stuck to the side of the rocket"),
        destinations=(("The Star Nursery", "the Star Nursery at the edge of the galaxy"),
                      ("Planet Lumo", "the glowing rings of Planet Lumo")),
        payoffs=("a thousand tiny stars blinked on at once, spelling a glittering THANK YOU across the sky",
                 "the planet's rings lit up like a birthday cake, and its people came out to wave"),
        companions=(("friendly little alien", "Zorp"), ("robot co-pilot", "Beep"), ("space cat", "Comet")),
        waypoints=(("The Asteroid Belt", "a field of tumbling asteroids"), ("The Moon Base", "a quiet moon base"),
                   ("The Crystal Planet", "a small planet made of crystal"),
                   ("The Space Station", "a busy space station"),
                   ("The Comet's Tail", "the sparkling tail of a comet")),
        trails=(("Follow", "a trail of twinkling stardust"), ("Explore", "a crater full of shimmering rocks"),
                ("Peek into", "a mysterious blinking spaceship")),
        in_need=(("a lost satellite", "get back into orbit"), ("a stranded star-miner", "repair her tiny ship"),
                 ("a sleepy comet", "wake up in time to fly")),
        obstacles=(("Fly through", "a cloud of bouncing space rocks"), ("Float across", "a gap with no gravity at all"),
                   ("Steer past", "a giant swirling space storm")),
        puzzles=(("Decode", "a message in blinking starlight"), ("Read", "the rocket's tangled star chart"),
                 ("Fix", "the rocket's wobbly steering")),
    ),
    Theme(
        setting="ocean",
        keywords=("ocean", "sea", "pirate", "mermaid", "ship", "island", "treasure", "beach", "underwater", "whale",
                  "shark", "submarine", "sail", "boat"),
        regions=(("the Sapphire Sea", "the waves sparkled like blue glass"),
                 ("the Coral Isles", "the water was so clear you could count the fish")),
        wonders=("an old treasure map", "a moon-bright pearl", "a message in a bottle"),
        hiding_places=("washed up on the sand", "tangled in a net of seaweed"),
        destinations=(("Whale Song Bay", "Whale Song Bay, where the whales gather"),
                      ("The Hidden Lagoon", "the hidden lagoon behind the waterfall")),
        payoffs=("the whales rose up together and sang a song so beautiful that the waves stood still to listen",
                 "an old sunken chest opened with a click, and the water all around shimmered with gold and laughter"),
        companions=(("chatty parrot", "Captain Feathers"), ("friendly dolphin", "Splash"), ("little crab", "Pinch")),
        waypoints=(("The Shipwreck", "an old shipwreck covered in barnacles"),
                   ("The Coral Reef", "a rainbow coral reef"),
                   ("Turtle Island", "a tiny island shaped like a turtle"), ("The Sea Cave", "an echoing sea cave"),
                   ("The Lighthouse", "a crooked old lighthouse")),
        trails=(("Follow", "a line of glowing jellyfish"), ("Explore", "the sunken ship's cabin"),
                ("Dive toward", "a glint of gold on the sea floor")),
        in_need=(("a baby seal", "get back to its family"), ("a grumpy old pirate", "find his lost spyglass"),
                 ("a sea turtle", "wriggle free of a fishing net")),
        obstacles=(("Sail through", "a foggy patch of sea"), ("Swim past", "a grumpy giant octopus"),
                   ("Climb", "the tall mast in the wind")),
        puzzles=(("Read", "a treasure map full of clues"), ("Solve", "a riddle scratched on a sea chest"),
                 ("Study", "a compass that points the wrong way")),
    ),
    Theme(
        setting="mansion",
        keywords=("detective", "mystery", "mysteries", "clue", "spy", "secret", "missing", "haunted", "ghost",
                  "mansion", "stolen"),
        regions=(("Foggy Hollow", "every house had a secret and every cat knew it"),
                 ("Whistlewick Manor", "the portraits in the halls seemed to wink")),
        wonders=("a mysterious silver key", "a locked golden diary", "an invisible-ink letter"),
        hiding_places=("slipped under the front door", "hidden inside a hollow book"),
        destinations=(("The Locked Tower", "the locked room at the top of the tower"),
                      ("The Old Attic", "the dusty attic where the mystery began")),
        payoffs=("the last door swung open on the missing treasure, "
                 "and on a very sheepish cat who had been guarding it all along",
                 "every clue clicked into place, and the whole house seemed to sigh with relief"),
        companions=(("clever magpie", "Inky"), ("basset hound", "Sherlock"), ("friendly little ghost", "Wisp")),
        waypoints=(("The Library", "a library with a sliding bookcase"),
                   ("The Portrait Hall", "a long hall of old portraits"),
                   ("The Greenhouse", "a greenhouse full of whispering plants"),
                   ("The Cellar Stairs", "the top of the creaky cellar stairs"),
                   ("The Clock Room", "a room full of ticking clocks")),
        trails=(("Follow", "a trail of muddy paw prints"), ("Search", "a dusty old desk"),
                ("Peek behind", "a velvet curtain")),
        in_need=(("a worried butler", "find the missing teapot"), ("a nervous little mouse", "get back to its hole"),
                 ("a forgetful old lady", "find her glasses")),
        obstacles=(("Tiptoe down", "the creakiest corridor in the house"), ("Climb through", "a narrow secret passage"),
                   ("Open", "a door that groans and rattles")),
        puzzles=(("Decode", "a message in secret code"), ("Compare", "a teacup covered in fingerprints"),
                 ("Study", "a map with a missing corner")),
    ),
    Theme(
        setting="castle",
        keywords=("castle", "knight", "princess", "prince", "king", "queen", "kingdom", "royal", "palace", "throne",
                  "crown", "wizard", "witch", "magic"),
        regions=(("the Kingdom of Brightwater", "the flags on the towers waved hello to everyone"),
                 ("Hollyhock Castle", "the moat was full of friendly frogs")),
        wonders=("a tarnished royal crown", "a sparkling magic wand", "a gold-sealed royal letter"),
        hiding_places=("at the bottom of a dusty chest", "on a velvet cushion in an empty hall"),
        destinations=(("The Throne Room", "the great throne room"),
                      ("The Tallest Tower", "the top of the castle's tallest tower")),
        payoffs=("the bells rang out across the kingdom, and the king and queen declared a feast in everyone's honour",
                 "a shower of golden sparkles filled the air, and the whole castle gleamed like a new morning"),
        companions=(("talking frog", "Sir Ribbit"), ("loyal pony", "Buttercup"), ("wise old owl", "Professor Hoot")),
        waypoints=(("The Drawbridge", "the old wooden drawbridge"), ("The Royal Kitchen", "the busy royal kitchen"),
                   ("The Hedge Maze", "the castle's hedge maze"), ("The Wizard's Study", "a wizard's cluttered study"),
                   ("The Rose Garden", "a walled rose garden")),
        trails=(("Follow", "a trail of rose petals"), ("Explore", "a spiral staircase"),
                ("Peek into", "a hidden passage behind a tapestry")),
        in_need=(("a young squire", "polish the king's boots in time"), ("the royal cook", "find the missing cake"),
                 ("a shy unicorn", "untangle its mane from the brambles")),
        obstacles=(("Cross", "a row of slippery stepping stones"), ("Climb", "the ivy up the castle wall"),
                   ("Tiptoe past", "a grumpy sleeping giant")),
        puzzles=(("Solve", "the riddle of the talking portrait"), ("Read", "a spell book full of jumbled words"),
                 ("Unlock", "a door with three silver locks")),
    ),
    Theme(
        setting="school",
        keywords=("school", "class", "classroom", "teacher", "homework", "lesson", "playground", "recess"),
        regions=(("Maple Hill School", "the hallways smelled of crayons and fresh paper"),
                 ("Sunnyside Academy", "the school bell played a different song every day")),
        wonders=("a magic drawing pencil", "a tiny self-spinning globe", "a glowing library book"),
        hiding_places=("at the back of a messy cubby", "under a desk in the empty classroom"),
        destinations=(("The Big Assembly", "the big hall, just as the whole school gathered"),
                      ("The Science Fair", "the science fair in the gym")),
        payoffs=("the whole school cheered, and the head teacher declared it the best day in the school's history",
                 "the magic spread to every classroom, and chalk drawings danced across the boards"),
        companions=(("class hamster", "Nibbles"), ("talking backpack", "Zippy"), ("school cat", "Chalk")),
        waypoints=(("The Library", "the hushed school library"), ("The Art Room", "the art room splattered with paint"),
                   ("The Playground", "the playground at recess"), ("The Science Lab", "the bubbling science lab"),
                   ("The Music Room", "the music room full of instruments")),
        trails=(("Follow", "a trail of glitter down the hallway"), ("Explore", "the dusty storeroom behind the stage"),
                ("Peek into", "the teachers' lounge")),
        in_need=(("a new student", "find the right classroom"), ("the school caretaker", "catch a runaway mop"),
                 ("a little first-grader", "find a lost lunchbox")),
        obstacles=(("Cross", "a wobbly set of monkey bars"), ("Sing", "a solo in front of the whole class"),
                   ("Climb", "the tallest climbing frame")),
        puzzles=(("Solve", "the puzzle on the blackboard"), ("Decode", "a note in secret class code"),
                 ("Fix", "the science experiment that keeps fizzing over")),
    ),
    Theme(
        setting="jungle",
        keywords=("jungle", "rainforest", "monkey", "tiger", "parrot", "safari", "lion", "elephant", "gorilla", "vine",
                  "temple"),
        regions=(("the Emerald Jungle", "the trees were loud with parrots and chattering monkeys"),
                 ("the Whispering Rainforest", "warm rain pattered on leaves as big as umbrellas")),
        wonders=("a golden monkey statue", "a sun-bright seed", "a feathered temple mask"),
        hiding_places=("tangled in the roots of an enormous tree", "hanging from a curtain of vines"),
        destinations=(("The Lost Temple", "the lost temple at the heart of the jungle"),
                      ("The Great Tree", "the Great Tree, older than anything in the jungle")),
        payoffs=("the old stones glowed warm and golden, and the animals gathered round to cheer",
                 "every flower in the jungle opened at once, and the parrots sang a song of welcome"),
        companions=(("cheeky little monkey", "Mango"), ("bright green parrot", "Kiwi"), ("baby elephant", "Peanut")),
        waypoints=(("The River Crossing", "a wide, lazy river"), ("The Roaring Falls", "a roaring waterfall"),
                   ("The Vine Bridge", "a bridge made of vines"), ("The Old Ruins", "a ring of mossy old ruins"),
                   ("The Butterfly Glade", "a glade full of blue butterflies")),
        trails=(("Follow", "a trail of bright orange flowers"), ("Explore", "a cave behind the waterfall"),
                ("Take", "the path the monkeys use")),
        in_need=(("a baby sloth", "climb back up its tree"), ("a jaguar cub", "find its way home"),
                 ("a lost baby toucan", "find its nest")),
        obstacles=(("Swing across", "the river on a long vine"), ("Cross", "the wobbly vine bridge"),
                   ("Tiptoe past", "a snoozing crocodile")),
        puzzles=(("Solve", "the puzzle on the temple gate"), ("Read", "a stone carved with pictures"),
                 ("Study", "a row of stepping stones with strange marks")),
    ),
    Theme(
        setting="arctic",
        keywords=("snow", "ice", "arctic", "polar", "penguin", "frozen", "winter", "igloo", "north pole", "glacier",
                  "reindeer", "santa", "sled"),
        regions=(("the Frosty North", "the snow squeaked underfoot and the sky danced with green lights"),
                 ("the Icicle Isles", "penguins slid down every hill just for fun")),
        wonders=("a never-melting snowflake", "a glowing blue ice crystal", "a runaway sleigh bell"),
        hiding_places=("frozen inside a block of clear ice", "peeking out of a snowdrift"),
        destinations=(("The Ice Palace", "the shimmering Ice Palace"),
                      ("The Northern Lights", "the hilltop where the northern lights begin")),
        payoffs=("the Ice Palace sparkled like a million diamonds, and the Snow Queen smiled a warm thank-you",
                 "the sky burst into ribbons of green and purple light, and everyone danced on the snow"),
        companions=(("chatty penguin", "Waddles"), ("polar bear cub", "Snowball"), ("arctic fox", "Frost")),
        waypoints=(("The Frozen Lake", "a frozen lake as smooth as glass"),
                   ("The Igloo Village", "a cosy igloo village"),
                   ("The Ice Caves", "a maze of glittering blue ice caves"),
                   ("The Snowy Pines", "a forest of snow-covered pines"),
                   ("The Glacier", "the edge of a great glacier")),
        trails=(("Follow", "a trail of tiny paw prints in the snow"), ("Explore", "a tunnel in the snow"),
                ("Take", "the sled trail over the hills")),
        in_need=(("a little penguin", "find its family in the crowd"), ("a reindeer", "find its lost jingle bell"),
                 ("a snowman", "get his carrot nose back")),
        obstacles=(("Cross", "the thin ice on the lake"), ("Climb", "a slippery wall of ice"),
                   ("Sled down", "a very steep, very fast hill")),
        puzzles=(("Read", "the pattern in the northern lights"), ("Solve", "a riddle written in frost"),
                 ("Study", "a row of icicles that chime like a xylophone")),
    ),
    Theme(
        setting="desert",
        keywords=("desert", "sand", "dune", "camel", "pyramid", "oasis", "egypt", "cactus", "sahara"),
        regions=(("the Golden Dunes", "the sand sang softly whenever the wind blew"),
                 ("the Sunstone Desert", "the stars at night were bright enough to read by")),
        wonders=("a little brass lamp", "a sun-shaped amulet", "a pyramid-shaped music box"),
        hiding_places=("half-buried in a sand dune", "in the shade of a lonely cactus"),
        destinations=(("The Hidden Oasis", "the hidden oasis beyond the dunes"),
                      ("The Pyramid of the Sun", "the Pyramid of the Sun")),
        payoffs=("cool, clear water bubbled up, and flowers bloomed across the sand as far as anyone could see",
                 "the great doors rumbled open, and sunlight poured in, painting everything gold"),
        companions=(("wise old camel", "Humphrey"), ("desert fox", "Sandy"), ("chatty lizard", "Zigzag")),
        waypoints=(("The Singing Dunes", "a valley of singing dunes"), ("The Red Canyon", "a canyon of red rock"),
                   ("The Market Tent", "a busy market tent"), ("The Old Well", "an old stone well"),
                   ("The Stone Arch", "a great stone arch")),
        trails=(("Follow", "a line of caravan footprints"), ("Explore", "a cool cave in the canyon wall"),
                ("Take", "the path between the tall rocks")),
        in_need=(("a thirsty baby camel", "find water"), ("a lost merchant", "find the way to market"),
                 ("a little beetle", "roll its ball up the dune")),
        obstacles=(("Cross", "a sea of shifting dunes"), ("Walk through", "a swirling sandstorm"),
                   ("Climb", "the tallest dune")),
        puzzles=(("Read", "the symbols on an old stone"), ("Solve", "the riddle of the sphinx statue"),
                 ("Study", "an old chart of the desert stars")),
    ),
    Theme(
        setting="forest",
        keywords=("forest", "wood", "woods", "tree", "fox", "bear", "owl", "fairy", "fairies", "elf", "gnome",
                  "mushroom", "woodland", "enchanted"),
        regions=(("the Whispering Woods", "the old oaks hummed lullabies in the breeze"),
                 ("the Moonlit Forest", "fireflies lit the paths like tiny lanterns")),
        wonders=("a glowing acorn", "a fairy's lost lantern", "a humming silver feather"),
        hiding_places=("under a pile of crunchy leaves", "in a ring of spotted mushrooms"),
        destinations=(("The Heart Tree", "the Heart Tree in the middle of the forest"),
                      ("The Fairy Glen", "the hidden fairy glen")),
        payoffs=("the Heart Tree glowed from root to leaf, and every creature in the forest came out to dance",
                 "a thousand fairy lights flickered on, and the whole forest sighed a happy, leafy sigh"),
        companions=(("silver fox", "Juniper"), ("chatty squirrel", "Hazel"), ("wise old owl", "Willow")),
        waypoints=(("The Hollow Oak", "a hollow oak as wide as a cottage"),
                   ("The Mushroom Ring", "a ring of giant spotted mushrooms"),
                   ("The Babbling Brook", "a babbling brook"), ("The Bramble Tunnel", "a tunnel through the brambles"),
                   ("Bluebell Clearing", "a sunny clearing full of bluebells")),
        trails=(("Follow", "a trail of glowing mushrooms"), ("Explore", "a hollow log"),
                ("Take", "the narrow path by the stream")),
        in_need=(("a lost hedgehog", "find its way home"), ("a family of rabbits", "fix their flooded burrow"),
                 ("a little gnome", "find his missing hat")),
        obstacles=(("Cross", "a wobbly log over the stream"), ("Climb", "the tallest tree"),
                   ("Tiptoe past", "a grumpy snoring bear")),
        puzzles=(("Solve", "the riddle of the talking tree"), ("Read", "a map drawn in moss"),
                 ("Decode", "the birds' morning song")),
    ),
    Theme(
        setting="city",
        keywords=("city", "town", "street", "subway", "skyscraper", "bus", "train", "park", "museum", "zoo"),
        regions=(("the City of Lights", "the streetlamps hummed and the buses sang as they went by"),
                 ("Bramblebury Town", "every rooftop had a garden and every corner had a bakery")),
        wonders=("a golden train ticket", "a tiny secret letter", "an old museum key"),
        hiding_places=("tucked inside a library book", "on a bench in the park"),
        destinations=(("The Old Museum", "the old museum on the hill"),
                      ("The Tallest Tower", "the top of the tallest tower in town")),
        payoffs=("the museum's lights flickered on, and every statue and painting seemed to smile",
                 "the whole city's lights blinked on at once, and people cheered from every window"),
        companions=(("clever pigeon", "Pidge"), ("scruffy city dog", "Biscuit"), ("friendly raccoon", "Bandit")),
        waypoints=(("The Park", "a leafy city park"), ("The Underground Station", "a busy underground station"),
                   ("The Market Square", "a bustling market square"), ("The Rooftop Garden", "a rooftop garden"),
                   ("The Old Bridge", "the old stone bridge over the river")),
        trails=(("Follow", "a trail of chalk arrows on the pavement"), ("Explore", "a narrow alley full of murals"),
                ("Take", "the little red tram")),
        in_need=(("a lost tourist", "find the right bus"), ("a baker", "deliver a towering birthday cake"),
                 ("a little pigeon", "find its flock")),
        obstacles=(("Ride", "the rickety old cable car"), ("Climb", "the fire escape to the rooftops"),
                   ("Walk across", "the tall swaying footbridge")),
        puzzles=(("Read", "the tangled subway map"), ("Solve", "the riddle on the museum door"),
                 ("Decode", "the pattern of blinking traffic lights")),
    ),
    Theme(  # the fallback: a gentle countryside fits any prompt
        setting="countryside",
        keywords=("farm", "village", "meadow", "garden", "countryside", "cow", "horse", "pony", "sheep"),
        regions=(("Puddleby-on-the-Hill", "the hills rolled like green waves"),
                 ("the Valley of Clover", "every garden grew something surprising")),
        wonders=("a mysterious glowing seed", "a golden key", "a tiny pocket-sized door"),
        hiding_places=("under the old apple tree", "in a basket on the doorstep"),
        destinations=(("The Hilltop Windmill", "the old windmill at the top of the hill"),
                      ("The Secret Garden", "a secret garden behind a wall of roses")),
        payoffs=("the windmill began to turn, and the whole valley filled with music and the smell of fresh bread",
                 "the garden burst into bloom, and everyone from the village came running to see"),
        companions=(("friendly sheepdog", "Patch"), ("talkative goose", "Gertrude"), ("little pony", "Pepper")),
        waypoints=(("The Duck Pond", "the village duck pond"), ("The Orchard", "an apple orchard"),
                   ("The Old Barn", "a creaky old barn"),
                   ("The Sunflower Field", "a field of giant sunflowers"),
                   ("The Stone Bridge", "a little stone bridge")),
        trails=(("Follow", "a trail of scattered apples"), ("Explore", "the hayloft in the barn"),
                ("Take", "the winding lane over the hill")),
        in_need=(("a runaway piglet", "get back to the farm"), ("an old farmer", "find her lost spectacles"),
                 ("a duckling", "catch up with its mother")),
        obstacles=(("Cross", "a row of stepping stones over the stream"), ("Climb", "the tall haystack"),
                   ("Tiptoe past", "a grumpy goose")),
        puzzles=(("Read", "the faded signpost"), ("Solve", "the scarecrow's riddle"),
                 ("Study", "a line of strange tracks in the mud")),
    ),
)
FALLBACK_THEME = THEMES[-1]

# Choices that lean on the companion; the friend category has no setting of its own.
FRIEND_CHOICES = ("Ask {companion} for advice", "Ask {companion} which way to go", "Listen to {companion}'s plan",
                  "Trust {companion}'s hunch")

# The first word of a choice says what kind it is, so even choices written elsewhere get a fitting consequence.
CHOICE_VERBS = {
    "explore": {"follow", "explore", "peek", "take", "search", "look", "go", "wander", "investigate", "dive", "visit",
                "enter", "head", "find", "check"},
    "help": {"help", "rescue", "save", "comfort", "free", "feed", "carry", "give", "protect", "cheer"},
    "brave": {"cross", "climb", "jump", "tiptoe", "sneak", "swim", "face", "fly", "float", "steer", "sail", "swing",
              "slide", "sled", "ride", "walk", "sing", "open", "leap", "run", "charge", "dare", "stand", "fight"},
    "clever": {"solve", "read", "decode", "study", "figure", "use", "count", "fix", "unlock", "compare", "think",
               "examine", "inspect", "plan", "trick", "build", "make", "try"},
    "friend": {"ask", "listen", "trust", "share", "call", "hug", "talk", "whisper", "tell", "wait", "rest"},
}
KNOWN_VERBS = set().union(*CHOICE_VERBS.values()) | {"keep", "hide", "stay", "turn", "knock", "play", "dig", "return",
                                                      "grab", "pick", "hurry", "bring", "get", "stop"}

# Phrase banks, one set per voice. Each bank is dealt in a story-wide shuffled cycle, so a
# line only comes back once its whole bank has been used.
GENTLE = {
    "opening": (
        "In {region}, where {detail}, there lived {heroes_intro}.",
        "Not so very long ago, {heroes_subject} woke up in {region} with a tingly feeling that today would be special. "
        "It was the kind of place where {detail}, so the feeling was probably right.",
        "{heroes_subject} had always loved {region}, where {detail}.",
        "Everybody in {region} knew {heroes_intro}. It was a happy sort of place, where {detail}.",
    ),
    "finding": (
        "Then, {time_phrase}, {party} found {wonder} {hiding_place}.",
        "It all began {time_phrase}, when {party} spotted {wonder} {hiding_place}.",
        "One fine day, {time_phrase}, something caught {lead}'s eye: {wonder}, {hiding_place}.",
    ),
    "companion": (
        "Before {they} could even gasp, {companion_intro} popped up to say hello.",
        "Just then, {companion_intro} peeked out, blinking with curiosity.",
        "A moment later, {companion_intro} appeared beside {them}, as if this had all been planned.",
    ),
    "goal": (
        "\"That belongs at {destination},\" said {companion}. "
        "\"Will you help take it home?\" Of course {party} said yes.",
        "{companion} knew exactly what it was, and where it belonged. So {party} promised to {goal}.",
        "There was only one thing to do: {goal}. {companion} agreed at once, and the adventure began.",
    ),
    "first_stop": ("The very first stop was {place}.", "Their path led straight to {place}.",
                   "Before long, they came to {place}."),
    "arrival": (
        "{time_phrase}, they reached {place}.",
        "Soon they came to {place}, {time_phrase}.",
        "The next stop was {place}, which looked even more wonderful {time_phrase}.",
        "{time_phrase}, {party} arrived at {place} and stopped to take it all in.",
        "Before long, the path wound its way to {place}, {time_phrase}.",
    ),
    "threshold": (
        "At last {destination_name} came into view, {time_phrase}. But first, they had to get through {place}.",
        "{destination_name} was so close now! Only {place} stood in the way, {time_phrase}.",
    ),
    "feature.explore": (
        "{thing} caught {lead}'s eye, just begging to be explored.", "Off to one side, they spotted {thing}.",
        "{thing} led away toward somewhere new.", "Not far off was {thing}, which looked very interesting indeed.",
    ),
    "feature.help": (
        "Nearby, {who} was trying very hard to {need}.", "{who} needed to {need}, and was having no luck at all.",
        "A small sigh came from {who}, who needed to {need}.",
        "Sitting all alone was {who}, hoping for a little help to {need}.",
    ),
    "feature.brave": (
        "Ahead lay {thing}, which looked like a job for someone brave.",
        "Just looking at {thing} made {lead}'s tummy flutter.",
        "The quickest way on went right past {thing}.", "And then there was {thing}, which made everyone gulp.",
    ),
    "feature.clever": (
        "There was also {thing}, just waiting for a clever mind.", "{lead} spotted {thing} and began to wonder.",
        "Right in the middle of it all was {thing}, which looked like a puzzle worth solving.",
        "{thing} seemed to be hiding a secret.",
    ),
    "feature.friend": (
        "{companion} looked up with a twinkle that meant an idea was on its way.",
        "{companion} tugged at {lead}'s sleeve, bursting with a plan.",
        "{companion} gave a little wiggle, full of ideas.",
        "{companion} was quietly thinking, the way good friends do.",
        "{companion} was bouncing with excitement, clearly bursting to say something.",
        "{companion} looked from one path to the other, then back at {lead}, with a hopeful grin.",
    ),
    "aside": (
        "{lead} checked on {the_wonder}. Still safe, and still very special.",
        "{companion} hummed a cheerful tune to keep everyone's spirits up. "
        "{destination_name} felt a little closer already.",
        "Every step brought them nearer to {destination_name}, and {lead} could hardly wait.",
        "{lead} held {the_wonder} close and smiled. What an adventure this was turning out to be!",
        "{companion} told a joke so silly that everyone laughed until their tummies ached.",
        "All of {region} seemed to be cheering them on, and {the_wonder} was still safe and sound.",
    ),
    "decision": (
        "\"Let's {choice},\" said {speaker}.", "{party} decided to {choice}.",
        "\"We should {choice},\" said {speaker}, eyes shining.",
        "There was no doubt about it: it was time to {choice}.",
    ),
    "decision_quoted": ("\"{choice},\" said {speaker}, and everyone agreed.",),
    "consequence.explore": (
        "The way twisted and turned, full of surprises, and every step felt like turning the page of a brand-new book.",
        "It was a little dark at first, but they kept going, and soon the path opened out into somewhere wonderful.",
        "They found all sorts of treasures along the way: a shiny pebble, "
        "a curly feather and a stick shaped exactly like an S.",
        "Curiosity paid off. Around the very next bend, something new was waiting for them.",
    ),
    "consequence.help": (
        "It took patience and a gentle voice, but it worked, and a grateful smile made the whole detour worthwhile.",
        "Being kind, it turned out, was also a very good way to make new friends, "
        "and {lead} made a wonderful one that day.",
        "By the time they had finished helping, everyone was laughing, and {companion} looked proud enough to burst.",
        "\"Thank you, thank you,\" came a small, happy voice, and it was the nicest thing {lead} had heard all day.",
    ),
    "consequence.brave": (
        "{lead}'s knees wobbled, just a little, but {lead_they} took a deep breath and did it anyway.",
        "It was much trickier than it looked, but one careful step at a time, they made it.",
        "{companion} squeaked, {lead} giggled nervously, and then, all at once, the tricky part was behind them.",
        "Being brave, {lead} discovered, doesn't mean never feeling nervous. It means going on anyway, together.",
    ),
    "consequence.clever": (
        "{lead} thought hard, tapped {lead_their} chin, and then grinned. The answer had been hiding in plain sight.",
        "Puzzles were one of {lead}'s favourite things. Click, click, click, and this one was solved.",
        "They noticed the tiny detail everyone else had missed, and that made all the difference.",
        "A clever idea, a little patience and one quick test, and it worked exactly as {lead} had hoped.",
    ),
    "consequence.friend": (
        "{companion} thought for a moment, then whispered an idea so good that {lead} clapped.",
        "Sitting together for a moment made everything feel easier, and {companion} knew just where to go next.",
        "Good friends listen to each other, and listening turned out to be the smartest move of all.",
        "{companion}'s plan was a little bit silly and a lot brilliant, and it worked perfectly.",
    ),
    "ending": (
        "At last, {time_phrase}, they reached {destination}. "
        "{lead} set {the_wonder} gently in its place. Right away, {payoff}.",
        "And then, {time_phrase}, there it was: {destination}! The moment {the_wonder} was home, {payoff}.",
        "{time_phrase}, {party} and {companion} finally arrived at {destination}. "
        "They brought {the_wonder} home, and just like that, {payoff}.",
    ),
    "farewell": (
        "{companion} gave everyone the biggest hug. It was {virtue} that had carried them "
        "all this way, and {lead} knew {lead_they} would never forget it. That night, "
        "{party} fell asleep smiling, already dreaming of the next adventure. The end.",
        "On the way home, they laughed about every twist and turn. "
        "\"We did it with {virtue},\" said {speaker}, and {companion} agreed that was the very best way. The end.",
        "Everyone agreed it had been the most wonderful adventure, all thanks to a little bit of {virtue}. "
        "And if you listen very carefully, you might still hear {region} humming happily. The end.",
    ),
    "time.dawn": ("in the pink glow of dawn", "just as the sun peeked over the hills"),
    "time.day": ("under a bright blue sky", "in the warm middle of the day"),
    "time.dusk": ("as the sky turned orange and gold", "just as the first stars blinked awake"),
    "time.night": ("under a sky full of friendly stars", "by the silver light of the moon"),
}

GROWN = {
    "opening": (
        "{region} kept secrets the way old houses keep their draughts: quietly, and everywhere. "
        "{heroes_subject} had spent years pretending not to listen for them.",
        "In {region}, where {detail}, {heroes_subject} had learned that nothing beautiful comes without a price.",
        "People said that in {region} {detail}, and that those who went looking for more came back changed. "
        "{heroes_subject} had never been good at heeding warnings.",
        "Long before the day everything changed, {heroes_subject} knew {region} by heart: "
        "the way {detail}, and the silence that settled afterwards.",
    ),
    "finding": (
        "It began {time_phrase}, with {wonder} {hiding_place}, where no such thing had any business being.",
        "Then, {time_phrase}, {party} found {wonder} {hiding_place}, and the ordinary shape of things quietly broke.",
        "{time_phrase}, {lead} found {wonder} {hiding_place}. "
        "It should not have been there. It should not have been anywhere.",
    ),
    "companion": (
        "{companion_intro} was watching from the shadows, and had clearly been watching for some time.",
        "Someone else had noticed too. {companion_intro} emerged from the half-light, unhurried and curious.",
        "Within the hour, {companion_intro} had joined the expedition, uninvited and entirely unbothered.",
    ),
    "goal": (
        "\"It doesn't belong here,\" {companion} said at last. "
        "\"Someone will come looking for it.\" Before long, {party} had resolved to {goal}.",
        "There would be no peace until {the_wonder} was back where it belonged, at {destination}. "
        "Nobody needed to say it aloud.",
        "Somewhere far off, something was already missing {the_wonder}. "
        "There was nothing for it but to carry it home to {destination}, and the road there was not a kind one.",
    ),
    "first_stop": (
        "Their road began, as such roads do, somewhere that looked harmless: {place}.",
        "The first test came sooner than expected, at {place}.",
        "It did not take long to reach {place}, or to understand that nothing here would be simple.",
    ),
    "arrival": (
        "{time_phrase}, the road brought them to {place}.",
        "{place} was waiting for them {time_phrase}, stranger and quieter than it had any right to be.",
        "By the time they reached {place}, {time_phrase}, nobody was talking much.",
        "They came upon {place} {time_phrase}, and something about it set every nerve on edge.",
        "There was no warning before {place}. "
        "One moment there was only the path; the next it was all around them, {time_phrase}.",
    ),
    "threshold": (
        "{destination_name} was close now, close enough to see {time_phrase}. "
        "Only {place} stood between them and the end of the road.",
        "Somewhere beyond {place} lay {destination_name}. "
        "{time_phrase}, it had never seemed so near, or so hard to reach.",
    ),
    "feature.explore": (
        "{thing} drew the eye, and the mind, whether one wanted it to or not.",
        "Off to one side lay {thing}, half-hidden, as if it preferred not to be found.",
        "{thing} led away into the unknown.", "There was {thing}, too, and the question of what lay beyond it.",
    ),
    "feature.help": (
        "{who} was there too, struggling to {need} and too proud to ask.",
        "Nearby, {who} needed to {need}, and no one else was coming.",
        "{lead} noticed {who} before anyone else did: trying, and failing, to {need}.",
        "In the middle of it all was {who}, who could not {need} alone.",
    ),
    "feature.brave": (
        "Beyond it all waited {thing}, and it did not look forgiving.", "The only way forward lay past {thing}.",
        "{thing} barred the way, and {lead}'s pulse quickened at the sight of it.",
        "No one wanted to look too long at {thing}.",
    ),
    "feature.clever": (
        "{thing} sat in plain view, which only made it more suspicious.",
        "There was also {thing}, a riddle for anyone with the patience to read it.",
        "{lead}'s attention kept returning to {thing}; something about it did not add up.",
        "Half in shadow was {thing}, keeping its secrets.",
    ),
    "feature.friend": (
        "{companion} was watching {lead} closely, a plan half-formed behind those bright eyes.",
        "{companion} said nothing, but the look that passed between them was full of meaning.",
        "{companion} had gone very still, listening to something the others could not hear.",
        "{companion} had opinions about what to do next, and for once seemed ready to share them.",
        "{companion} had been unusually quiet for a while now, and {lead} was beginning to wonder why.",
        "{companion} caught {lead}'s eye and held it a moment too long, as if weighing how much to say.",
    ),
    "aside": (
        "{lead} kept {the_wonder} close and tried not to think about what waited at {destination_name}.",
        "No one said it aloud, but everyone felt it: the journey was changing them.",
        "{companion} kept glancing back the way they had come, as if something might be following.",
        "The weight of {the_wonder} seemed to grow with every mile, though nothing about it had changed.",
        "Somewhere behind them, something shifted in the dark. Nobody turned to look.",
        "Sleep, when it came at all, came in thin snatches, and every dream was of {destination_name}.",
    ),
    "decision": (
        "{party} chose to {choice}.", "\"We {choice},\" {speaker} said quietly, and no one argued.",
        "In the end the decision was simple: {choice}.", "It was {speaker} who said it first: it was time to {choice}.",
    ),
    "decision_quoted": ("\"{choice},\" {speaker} said at last, and that settled it.",),
    "consequence.explore": (
        "The way narrowed and darkened, and for a long while there was only the sound of their own footsteps. "
        "Then, at last, it opened.",
        "Curiosity has a price, and {region} collected it in aching legs and frayed nerves, "
        "but what lay beyond was worth every step.",
        "Nothing on the way was quite what it seemed: "
        "a shadow that moved a heartbeat too late, a whisper that might have been the wind.",
        "It was the kind of detour sensible people avoid, "
        "which is exactly why it led somewhere no one had set foot in years.",
    ),
    "consequence.help": (
        "Kindness cost them an hour they could not spare, "
        "and repaid them with a warning they would soon be glad to have heard.",
        "The gratitude that followed was quiet and unguarded, the rare kind that reminds you why you set out at all.",
        "It would have been easy to walk on. "
        "They didn't, and the debt that followed them from that place was a warm one.",
        "{lead} had not expected to be moved by something so small, "
        "but relief on a stranger's face has a way of lodging in the heart.",
    ),
    "consequence.brave": (
        "{lead}'s heart hammered hard enough to hear. "
        "{lead_they} went anyway, because turning back had stopped being an option.",
        "For one long, breathless moment everything hung in the balance. "
        "Then the moment passed, and they were through.",
        "Fear, {lead} decided, was only information. {lead_they} noted it, and moved on.",
        "Afterwards, no one could quite say how they had done it, "
        "only that they had, and that their hands would not stop shaking for a while.",
    ),
    "consequence.clever": (
        "The answer was there for anyone patient enough to see it. {lead} was patient, and sharp, and a little lucky.",
        "It took a cold, careful mind and more time than they liked, "
        "but the pieces finally fell into place with an almost audible click.",
        "{lead} saw it at last: the small wrongness in the pattern, the detail left out on purpose. "
        "After that, the rest was easy.",
        "Cleverness is mostly refusing the first answer. {lead} refused twice, and the third answer was the right one.",
    ),
    "consequence.friend": (
        "{companion} had seen more of {region} than anyone, and for once was willing to share it.",
        "What passed between them was less a plan than an understanding, and it served them better than any map.",
        "{companion}'s advice was brief, and unsettling, and exactly right.",
        "Trust is a strange currency out here. {lead} spent some, and it bought them safe passage.",
    ),
    "ending": (
        "{destination} received them {time_phrase}, silent and waiting. "
        "When {the_wonder} was finally returned, {payoff}.",
        "They reached {destination} {time_phrase}, exhausted and changed. "
        "{the_wonder} was returned at last, and then, slowly, {payoff}.",
    ),
    "farewell": (
        "Later, with {region} quiet behind them, {lead} understood that it had been {virtue}, more than luck, "
        "that had carried them through. Some journeys change the traveller more than the road. The end.",
        "{companion} lingered a moment longer, then was gone, as quietly as the first time. "
        "What remained was {virtue}, and the certainty that it had been enough. The end.",
        "It would be a long time before {lead} spoke of it to anyone. "
        "But one thing stayed, long after the rest had faded: it was {virtue} that had brought them home. The end.",
    ),
    "time.dawn": ("in the grey hush before dawn", "as a thin, cold dawn crept in"),
    "time.day": ("under a hard, bright sky", "in the flat glare of midday"),
    "time.dusk": ("as dusk gathered in the hollows", "as the last light drained from the sky"),
    "time.night": ("under a cold scatter of stars", "deep in the blue-black night"),
}
VOICES = {"gentle": GENTLE, "grown": GROWN}
MOODS = {
    "gentle": {"opening": "bright and curious", "middle": "cheerful and adventurous", "ending": "warm and joyful"},
    "grown": {"opening": "quiet and mysterious", "middle": "tense and atmospheric", "ending": "hushed and bittersweet"},
}

# Invented heroes, for prompts that name nobody: (name, pronoun).
HERO_NAMES = (("Juniper", "she"), ("Milo", "he"), ("Wren", "she"), ("Theo", "he"), ("Nora", "she"), ("Felix", "he"),
              ("Luna", "she"), ("Oscar", "he"), ("Kit", "they"), ("Robin", "they"))
HERO_ADJECTIVES = {"gentle": ("curious", "brave", "kind-hearted", "clever"),
                   "grown": ("restless", "sharp-eyed", "stubborn", "quietly fearless")}
HERO_NOUNS = {"gentle": {"she": "girl", "he": "boy", "they": "kid"},
              "grown": {"she": "young woman", "he": "young man", "they": "wanderer"}}

PRONOUNS = {"she": ("she", "her", "her"), "he": ("he", "him", "his"), "they": ("they", "them", "their")}
SHE_WORDS = {"sister", "mom", "mum", "mother", "mama", "mummy", "grandma", "granny", "nana", "grandmother", "aunt",
             "auntie", "daughter", "niece", "girl", "wife", "princess", "queen", "witch", "mermaid", "fairy", "woman"}
HE_WORDS = {"brother", "dad", "daddy", "father", "papa", "grandpa", "grandad", "grandfather", "uncle", "son", "nephew",
            "boy", "husband", "prince", "king", "man"}

# Reading the prompt. Hero nouns mark the hero's description ("a brave girl named Ava").
HERO_NOUN = (r"girl|boy|kid|child|princess|prince|knight|pirate|astronaut|detective|explorer|scientist|inventor|"
             r"wizard|witch|king|queen|captain|fairy|mermaid|ranger|sailor")
FIND_VERBS = (r"finds?|found|finding|discovers?|discovered|discovering|hatch(?:es|ed|ing)?|receives?|received|"
              r"(?:looks?|looking|search(?:es)?|searching|hunts?|hunting) for|carr(?:y|ies|ying)")
MEET_VERBS = r"meets?|met|meeting|befriends?|befriended|befriending|adopts?|adopted"
GO_VERBS = r"(?:goes|go|going|went|travels?|travell?ing|flies|fly|flying|sails?|sailing|journeys?) to"
PHRASE_STOP_WORDS = {"and", "or", "but", "who", "which", "that", "with", "in", "on", "at", "to", "from", "for", "into",
                     "under", "inside", "near", "while", "because", "then", "so", "named", "called", "by", "when",
                     "where", "after", "before", "through", "over", "is", "was", "are"}
DETERMINERS = {"a", "an", "the", "some", "his", "her", "their", "its", "my", "our", "your"}
NOT_A_THING = {"out", "what", "how", "where", "why", "he", "she", "it", "they", "him", "himself", "herself",
               "themselves", "way", "something", "someone", "somebody", "anything", "everything", "nothing", "help"}
# Capitalised words that are not anyone's name.
NOT_NAMES = {
    "a", "an", "the", "i", "once", "upon", "time", "write", "tell", "make", "create", "please", "story", "tale",
    "adventure", "in", "on", "at", "my", "our", "his", "her", "their", "when", "where", "what", "how", "there", "this",
    "that", "it", "one", "some", "and", "about", "with", "for", "today", "tonight", "she", "he", "they", "we", "you",
    "let", "lets", "let's", "earth", "sun", "jupiter", "saturn", "venus", "mercury", "neptune", "pluto", "christmas",
    "halloween", "easter", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "english",
    "paris", "london", "new", "york", "africa", "america", "europe", "asia", "egypt", "antarctica", "atlantic",
    "pacific", "lego", "minecraft", "brave", "little", "young", "big", "tiny", "magical", "funny", "silly", "spooky",
    "happy", "lost", "super", "cute", "great", "epic", "bedtime", "mom", "dad", "mum", "grandma", "grandpa",
}
# Words the gentle voice never repeats from a prompt.
UNGENTLE = re.compile(r"\b(kill\w*|blood\w*|dead\w*|die[sd]?|dying|death\w*|murder\w*|guns?|knife|knives|swords?|"
                      r"weapons?|corpses?|graves?|bombs?|shoot\w*|stab\w*|war|torture\w*|poison\w*)\b", re.I)
GENTLE_HINTS = re.compile(r"\b(child|children|kids?|gentle|young readers|family[- ]friendly)\b", re.I)
ADULT_HINTS = re.compile(r"\b(adults? only|for adults|adult readers|mature|18\+|nsfw)", re.I)
SENTENCE_START = re.compile(r"(^|[.!?]\"?\s+)(\"?)([a-z])")


@dataclass(frozen=True)
class Hero:
    name: str
    intro: str  # the first mention: "Mia, your sister, with her red curly hair"
    look: str  # what the illustrator should draw: "red curly hair"
    pronoun: str  # "she", "he" or "they"


@dataclass(frozen=True)
class World:
    """What every scene of one story agrees on."""

    key: str
    voice: str
    theme: Theme
    heroes: tuple[Hero, ...]
    companion: str  # how the text names the companion: "Juniper", "the talking cat"
    companion_intro: str
    companion_look: str
    wonder: str
    destination: tuple[str, str]
    region: str
    detail: str
    hiding_place: str
    payoff: str
    first_light: int  # index into TIMES_OF_DAY of the opening scene
    title: str


@dataclass
class Scene:
    title: str
    paragraphs: list[str]
    choices: list[str]
    is_ending: bool
    look: dict


def write_scene(brief: SceneBrief) -> SceneDraft:
    world, scene = _tell(brief)
    text = "\n\n".join(scene.paragraphs)
    return SceneDraft(title=scene.title, text=text, choices=scene.choices, is_ending=scene.is_ending,
                      image_prompt=_image_prompt(world, scene.look), usage={"words": len(text.split())}, request_id="")


def scene_look(brief: SceneBrief) -> dict:
    """What the scene's illustration shows: setting (one of SETTINGS), time_of_day (one of
    TIMES_OF_DAY), location, region, characters, objects and mood."""
    return _tell(brief)[1].look


def _tell(brief):
    """Tell the story from its first scene up to the brief's, so that lines dealt in earlier
    scenes are not dealt again, and return the world and the brief's scene."""
    world = _imagine(brief)
    decks = Decks(world.key)
    taken = [step.choice for step in brief.path]
    for number in range(1, max(brief.scene_number, 1) + 1):
        scene = _compose(world, decks, brief, number, taken[: number - 1])
    return world, scene


class Decks:
    """Deals from each phrase bank in a shuffled cycle that is fixed for the whole story,
    and remembers the lines told so far."""

    def __init__(self, story_key):
        self.told = set()
        self._story_key = story_key
        self._dealt = Counter()
        self._orders = {}

    def deal(self, name, bank):
        if name not in self._orders:
            self._orders[name] = list(range(len(bank)))
            random.Random(_stable_int(self._story_key, name)).shuffle(self._orders[name])
        order = self._orders[name]
        position = self._dealt[name]
        self._dealt[name] += 1
        return bank[order[position % len(bank)]]


def _compose(world, decks, brief, number, taken):
    rng = random.Random(_stable_int(world.key, number, *taken))
    bank = VOICES[world.voice]
    ending = number >= brief.target_scenes
    time_of_day = _time_of_day(world, number, brief.target_scenes)
    lead = world.heroes[(number - 1) % len(world.heroes)]
    heading, place = world.destination if ending else decks.deal("waypoint", world.theme.waypoints)
    context = _context(world, lead, speaker=rng.choice(world.heroes), place=place, taken=taken,
                       time_phrase=decks.deal(f"{world.voice}.time.{time_of_day}", bank[f"time.{time_of_day}"]))

    def say(name, **extra):
        """The next line of a bank, filled in; one the story already told is passed over."""
        for _ in bank[name]:
            line = decks.deal(f"{world.voice}.{name}", bank[name]).format_map({**context, **extra})
            if line not in decks.told:
                break
        decks.told.add(line)
        return line

    paragraphs, choices = [], []
    characters = [hero.name for hero in world.heroes] + [world.companion_look]
    objects = [world.wonder]
    if number == 1:
        paragraphs.append(say("opening"))
        paragraphs.append(" ".join((say("finding"), say("companion"), say("goal"))))
    elif taken:
        paragraphs.append(_consequence(taken[-1], say))

    if ending:
        paragraphs += [say("ending"), say("farewell")]
        beat = "ending"
    else:
        beat = "opening" if number == 1 else "middle"
        if number == 1:
            arrival = say("first_stop")
        elif number == brief.target_scenes - 1:
            arrival = say("threshold")
        else:
            arrival = say("arrival")
        sentences = [arrival]
        # The opening has the most to say, so it offers the fewest choices.
        for category in rng.sample(CATEGORIES, 3 if number == 1 else rng.choice((3, 4))):
            choice, sentence, sight = _offer(world, decks, category, say, taken)
            choices.append(choice)
            sentences.append(sentence)
            if category == "help":
                characters.append(sight)
            elif sight and len(objects) < 3:
                objects.append(sight)
        paragraphs.append(" ".join(sentences))
        words_so_far = sum(len(paragraph.split()) for paragraph in paragraphs)
        if number > 1 and (len(paragraphs) < 2 or words_so_far < 100 or rng.random() < 0.4):
            paragraphs.append(say("aside"))

    look = {"setting": world.theme.setting, "time_of_day": time_of_day, "location": place, "region": world.region,
            "characters": characters, "objects": objects, "mood": MOODS[world.voice][beat]}
    return Scene(title=world.title if number == 1 else heading,
                 paragraphs=[_capitalize(paragraph) for paragraph in paragraphs],
                 choices=choices, is_ending=ending, look=look)


def _offer(world, decks, category, say, taken):
    """One choice of the given kind, the sentence that shows it in the scene, and what the
    illustrator should see of it. What the reader already chose is not offered again."""
    already = {choice.lower() for choice in taken}
    bank = {"explore": world.theme.trails, "help": world.theme.in_need, "brave": world.theme.obstacles,
            "clever": world.theme.puzzles, "friend": FRIEND_CHOICES}[category]
    for _ in bank:
        item = decks.deal(category, bank)
        if category == "friend":
            choice, details, sight = item.format(companion=world.companion), {}, ""
        elif category == "help":
            who, need = item
            choice, details, sight = f"Help {_the(who)} {need}", {"who": who, "need": need}, who
        else:
            verb, thing = item
            choice, details, sight = f"{verb} {_the(thing)}", {"thing": thing}, thing
        if choice.lower() not in already:
            break
    return choice, say(f"feature.{category}", **details), sight


def _consequence(choice, say):
    """Narrate the reader's last choice, then what came of it."""
    choice = choice.strip().rstrip(".!?")
    if not choice:
        return say("consequence.explore")
    if choice.split()[0].lower() in KNOWN_VERBS:
        decision = say("decision", choice=choice[0].lower() + choice[1:])
    else:
        decision = say("decision_quoted", choice=choice)
    return f"{decision} {say(f'consequence.{_kind_of_choice(choice)}')}"


def _kind_of_choice(choice):
    words = re.findall(r"[a-z]+", choice.lower())
    for word in words[:1] + words:
        for category, verbs in CHOICE_VERBS.items():
            if word in verbs:
                return category
    return "explore"


def _context(world, lead, speaker, place, taken, time_phrase):
    party_pronoun = world.heroes[0].pronoun if len(world.heroes) == 1 else "they"
    they, them, _ = PRONOUNS[party_pronoun]
    lead_they, _, lead_their = PRONOUNS[lead.pronoun]
    kinds = Counter(_kind_of_choice(choice) for choice in taken)
    virtue = VIRTUES[kinds.most_common(1)[0][0]] if kinds else "courage"
    the_wonder = _the(world.wonder)
    intros = [hero.intro for hero in world.heroes]
    heroes_intro = _join(intros, final=", and " if any("," in intro for intro in intros) else " and ")
    return {
        "party": _join([hero.name for hero in world.heroes]), "they": they, "them": them,
        "lead": lead.name, "lead_they": lead_they, "lead_their": lead_their, "speaker": speaker.name,
        "heroes_intro": heroes_intro,
        # As a subject, an introduction with an aside needs a closing comma: "Mia, your sister, loved..."
        "heroes_subject": heroes_intro + ("," if "," in world.heroes[-1].intro else ""),
        "companion": world.companion, "companion_intro": world.companion_intro,
        "wonder": world.wonder, "the_wonder": the_wonder, "hiding_place": world.hiding_place,
        "destination": world.destination[1], "destination_name": re.sub(r"^The ", "the ", world.destination[0]),
        "goal": f"bring {the_wonder} home to {world.destination[1]}",
        "payoff": world.payoff, "region": world.region, "detail": world.detail,
        "place": place, "time_phrase": time_phrase, "virtue": virtue,
    }


def _time_of_day(world, number, target):
    """Time moves forward through the story, from its first light to night at the end."""
    progress = min((number - 1) / max(target - 1, 1), 1.0)
    return TIMES_OF_DAY[world.first_light + round(progress * (len(TIMES_OF_DAY) - 1 - world.first_light))]


def _image_prompt(world, look):
    cast = [f"{hero.name} ({hero.look})" if hero.look else hero.name for hero in world.heroes]
    cast += look["characters"][len(world.heroes):]
    when = {"dawn": "at dawn", "day": "by day", "dusk": "at dusk", "night": "at night"}[look["time_of_day"]]
    return (f"{look['setting'].capitalize()} setting {when}: {look['location']} in {look['region']}, "
            f"{look['mood']}. In the picture: {_join(cast)}, with {_join(look['objects'])}.")


def _imagine(brief):
    """Derive the story's world from its seed and prompt alone, so every scene agrees."""
    voice = _voice(brief)
    prompt = " ".join(brief.story_prompt.split())
    key = f"{brief.seed}\x1f{prompt}"
    rng = random.Random(_stable_int("world", key))
    theme = _pick_theme(prompt)
    clues = _read_prompt(prompt, gentle=voice == "gentle")

    kind, name = rng.choice(theme.companions)
    if clues["companion"]:
        determiner, words, given_name, _ = clues["companion"]
        if determiner or not words[0].isupper():
            kind, name = words, given_name
        else:  # "meets Rusty": a name, so only the kind comes from the theme
            name = words
    companion_look = f"{_a(kind)} {kind}"
    companion_intro = f"{companion_look} named {name}" if name else companion_look
    companion = name or _the(kind)

    heroes = _heroes(brief.people, clues, voice, rng, avoid=companion)
    wonder = _indefinite(*clues["wonder"][:2]) if clues["wonder"] else rng.choice(theme.wonders)
    arrival = rng.randrange(len(theme.destinations))
    destination = theme.destinations[arrival]
    if clues["destination"]:
        phrase = _indefinite(*clues["destination"][:2])
        destination = (_capitalized(_title_case(phrase, keep_article=True)), phrase)
    region, detail = rng.choice(theme.regions)
    if len(heroes) > 1:  # "Mia, Leo and the Dragon Egg": a second "and" would read badly
        title = f"{', '.join(hero.name for hero in heroes)} and the {_title_case(wonder)}"
    else:
        title = rng.choice((f"{heroes[0].name} and the {_title_case(wonder)}",
                            f"{heroes[0].name} and the Secret of {region}"))
    return World(key=key, voice=voice, theme=theme, heroes=heroes, companion=companion, companion_intro=companion_intro,
                 companion_look=companion_look, wonder=wonder, destination=destination, region=region, detail=detail,
                 hiding_place=rng.choice(theme.hiding_places), payoff=theme.payoffs[arrival],
                 first_light=rng.choice((0, 1)), title=title)


def _voice(brief):
    if brief.tier_slug == "kids":
        return "gentle"
    if ADULT_HINTS.search(brief.guidelines):
        return "grown"
    return "gentle" if GENTLE_HINTS.search(brief.guidelines) else "grown"


def _pick_theme(prompt):
    text = prompt.lower()
    scores = [sum(len(re.findall(rf"\b{re.escape(word)}(?:s|es)?\b", text)) for word in theme.keywords)
              for theme in THEMES]
    best = max(range(len(THEMES)), key=lambda index: (scores[index], -index))
    return THEMES[best] if scores[best] else FALLBACK_THEME


def _read_prompt(prompt, gentle):
    """Pick out of the prompt the hero's names and description, the wonder found, the
    companion met and the place travelled to."""
    clues = {"wonder": _phrase_after(FIND_VERBS, prompt), "companion": _phrase_after(MEET_VERBS, prompt),
             "destination": _phrase_after(GO_VERBS, prompt)}
    topic = _phrase_after("about", prompt)  # "a story about a lost kitten": the kitten is what gets taken home
    if not clues["wonder"] and topic and topic[0] in ("a", "an") and not re.search(rf"\b({HERO_NOUN})\b", topic[1]):
        clues["wonder"] = topic
    destination = clues["destination"]
    if destination and not (destination[0] == "the" or destination[1][0].isupper()):
        clues["destination"] = None  # "goes to school" is an errand, not a destination
    if gentle:
        clues = {role: None if found and UNGENTLE.search(found[1]) else found for role, found in clues.items()}
    taken_spans = [found[3] for found in clues.values() if found]
    companion_name = clues["companion"][2] if clues["companion"] else None

    def free(match):
        return not any(start <= match.start() < end for start, end in taken_spans)

    names = [_capitalized(m.group(1)) for m in re.finditer(r"\b(?:named|called)\s+([A-Za-z][\w'-]*)", prompt, re.I)
             if free(m) and _capitalized(m.group(1)) != companion_name]
    for match in re.finditer(r"\b[A-Z][a-z'-]+\b", prompt):
        word = match.group()
        if free(match) and word.lower() not in NOT_NAMES and not _is_theme_word(word) and word not in names:
            names.append(word)
    descriptions = [m for m in re.finditer(rf"\b(?:a|an)\s+((?:[a-z-]+\s+){{0,2}}?(?:{HERO_NOUN}))\b", prompt, re.I)
                    if free(m)]
    # A prompt that opens on someone ("a robot who wants to dance") is about them.
    opening = re.match(r"(?:an?)\s+((?:[a-z-]+\s+){0,2}?[a-z-]+)\s+(?:who|named|called)\b", prompt, re.I)
    clues["names"] = names[:3]
    hero = opening or next(iter(descriptions), None)
    clues["description"] = hero.group(1).lower() if hero else ""
    return clues


def _phrase_after(verbs, prompt):
    """The noun phrase after one of the verbs, as (determiner, words, name, span), e.g.
    "meets a fox named Rusty" gives ("a", "fox", "Rusty", span)."""
    match = re.search(rf"\b(?:{verbs})\s+([^.,;:!?]+)", prompt, re.I)
    if not match:
        return None
    tokens = list(re.finditer(r"\S+", match.group(1)))
    words = [token.group() for token in tokens]
    used = 1 if words and words[0].lower() in DETERMINERS else 0
    determiner = words[0].lower() if used else ""
    phrase = []
    while used < len(words) and words[used].lower() not in PHRASE_STOP_WORDS and len(phrase) < 4:
        phrase.append(words[used])
        used += 1
    if not phrase or phrase[0].lower() in NOT_A_THING:
        return None
    name = None
    if used + 1 < len(words) and words[used].lower() in ("named", "called"):
        name = _capitalized(words[used + 1].strip("'\""))
        used += 2
    return determiner, " ".join(phrase), name, (match.start(), match.start(1) + tokens[used - 1].end())


def _heroes(people, clues, voice, rng, avoid):
    chosen = tuple(_person_hero(person) for person in people if person.name.strip())
    if chosen:
        return chosen
    description = clues["description"]
    pronoun = _pronoun_for(description)
    names = clues["names"] or [_invent_name(rng, pronoun, avoid)]
    if not clues["names"] and pronoun == "they":  # an invented name brings its own pronoun
        pronoun = dict(HERO_NAMES)[names[0]]
    if not description:
        description = f"{rng.choice(HERO_ADJECTIVES[voice])} {HERO_NOUNS[voice][pronoun]}"
    look = f"{_a(description)} {description}"
    first = Hero(names[0], f"{look} named {names[0]}", look, pronoun)
    friends = tuple(Hero(name, f"{name}, {names[0]}'s best friend", "", "they") for name in names[1:])
    return (first,) + friends


def _invent_name(rng, pronoun, avoid):
    candidates = [name for name, own in HERO_NAMES if name != avoid and (pronoun == "they" or own == pronoun)]
    return rng.choice(candidates)


def _person_hero(person: Person):
    name = person.name.strip()
    pronoun = _pronoun_for(f"{person.relation} {person.description}")
    description = person.description.strip().rstrip(".")
    parts = [name]
    if person.relation.strip():
        parts.append(_as_yours(person.relation.strip()))
    if description:
        parts.append(_describe(description, PRONOUNS[pronoun][2]))
    return Hero(name, ", ".join(parts), description, pronoun)


def _as_yours(relation):
    """The family writes relations from their side ("my sister"); the story talks to the reader."""
    first, _, rest = relation.partition(" ")
    if first.lower() in ("my", "our"):
        return f"your {rest}"
    if first.lower() in ("your", "his", "her", "their", "the", "a", "an"):
        return relation
    return f"your {relation}"


def _describe(description, possessive):
    first_word, _, rest = description.partition(" ")
    if first_word.lower() in ("with", "who", "a", "an", "the"):
        return description
    if first_word.lower() in ("is", "has"):  # the story is told in the past tense
        return f"who {'was' if first_word.lower() == 'is' else 'had'} {rest}"
    if first_word.lower() in ("loves", "likes", "wears", "always", "never", "can", "plays", "enjoys"):
        return f"who {description}"
    if re.search(r"\b(hair|eyes|glasses|freckles|smile|beard|ears|tail|fur|hat|dress|shirt|jacket|boots|spots|curls)\b",
                 description, re.I) and " with " not in f" {description} ":
        return f"with {possessive} {description}"
    return f"who was {description}"


def _pronoun_for(text):
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & SHE_WORDS:
        return "she"
    if words & HE_WORDS:
        return "he"
    return "they"


def _is_theme_word(word):
    lowered = word.lower()
    return any(re.fullmatch(rf"{re.escape(keyword)}(?:s|es)?", lowered)
               for theme in THEMES for keyword in theme.keywords)


def _stable_int(*parts):
    """A number that depends only on the parts: unlike hash(), the same in every process."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _indefinite(determiner, words):
    if determiner == "the" or determiner == "some":
        return f"{determiner} {words}"
    if determiner or not words.endswith("s"):
        return f"{_a(words)} {words}" if words[0].islower() else words
    return words  # a plural: "finds seashells"


def _a(words):
    return "an" if re.match(r"[aeio]|u(?!ni|se|si)", words, re.I) else "a"


def _the(phrase):
    first, _, rest = phrase.partition(" ")
    if first.lower() in ("a", "an", "some"):
        return f"the {rest}"
    if first.lower() in ("the", "his", "her", "their", "its") or phrase[:1].isupper():
        return phrase
    return f"the {phrase}"


def _title_case(phrase, keep_article=False):
    small = {"a", "an", "the", "of", "and", "in", "on", "to", "that", "for", "with", "by"}

    def title(word, first):
        return word if word in small and not first else word[:1].upper() + word[1:]

    words = (phrase if keep_article else re.sub(r"^(a|an|the|some)\s+", "", phrase, flags=re.I)).split()
    return " ".join("-".join(title(part, index == 0 and place == 0) for place, part in enumerate(word.split("-")))
                    for index, word in enumerate(words))


def _capitalized(word):
    return word[:1].upper() + word[1:]


def _capitalize(paragraph):
    """Start every sentence with a capital, as the templates often open with a placeholder."""
    return SENTENCE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), paragraph)


def _join(items, final=" and "):
    items = list(items)
    return ", ".join(items[:-1]) + final + items[-1] if len(items) > 1 else "".join(items)
