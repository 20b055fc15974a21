"""What the offline storyteller says, one bank of lines per beat and voice: data only.

Every bank is dealt in a shuffled cycle fixed for the whole story, and a line the story
has told is passed over, so no sentence comes back. Placeholders: {hero}, {hero_intro},
{they}/{them}/{their} (the hero's pronouns), {party} (everyone, by name), {companions},
{companion} (one of them), {place}, {where} ("under the sea"), {detail}, {want} (the goal
as an infinitive: "open a bakery"), {goal} (its heart: "the bakery"), {spot}, {time},
{virtue}, {choice}, {speaker}, {payoff}, {thing}, {hiding_place}.
"""

GENTLE = {
    "opening": (
        "{where}, where {detail}, there lived {hero_intro}.",
        "Not so very long ago, {where}, lived {hero_intro}. It was the kind of place where {detail}.",
        "Everybody {where} knew {hero_intro}. It was a happy sort of place, where {detail}.",
        "Once, {where}, where {detail}, {hero_intro} woke up with a tingly feeling that today would be special.",
    ),
    "wish.wish": (
        "More than anything in the world, {hero} wanted to {want}.",
        "{hero} had one big dream: to {want}. Today, {they} decided, was the day to start.",
        "Ever since {they} could remember, {hero} had longed to {want}.",
    ),
    "wish.journey": (
        "More than anything, {hero} longed to {want}.",
        "{hero} had a wish as big as a mountain: to {want}. And today was the day.",
        'Every night {hero} dreamed about it, and every morning {they} said it again: "One day I will {want}."',
    ),
    "wish.courage": (
        "There was just one trouble: {hero} was afraid of {goal}, and wanted to {want} more than anything.",
        "{hero} was brave about nearly everything, except {goal}. Today {they} meant to {want}.",
    ),
    "wish.find": (
        "{hero} was looking for {goal}, and had been for a very long time.",
        "Somewhere {where} was {goal}, and {hero} meant to find it.",
    ),
    "wish.quest": (
        (
            "Then, {time}, {hero} found {thing} {hiding_place}. It did not belong there at all, so {they} resolved to "
            "{want}."
        ),
        (
            "It all began {time}, when {hero} spotted {thing} {hiding_place}. Someone must be missing it, so {hero} "
            "decided to {want}."
        ),
    ),
    "joins": (
        "Before long, {companion_intro} popped up to say hello, and wanted to come too.",
        "A moment later, {companion_intro} appeared, as if this had all been planned.",
        "{companion_intro} happened to be passing, and a helper was exactly what was needed.",
        "Along came {companion_intro}, who said yes before anyone had even asked.",
    ),
    "together": (
        "{companions} said at once that they were coming too.",
        "Of course {companions} came along, because that is what friends do.",
        "{companions} packed a snack and a spare pair of socks, just in case.",
    ),
    "plan": (
        "The very first stop was {spot}.",
        "Their path led straight to {spot}.",
        "Before long, they came to {spot}.",
    ),
    "plan.journey": (
        "They set off at once, and before long they were {where}, at {spot}.",
        "It was a long way, but at last they were {where}! The very first thing they saw was {spot}.",
    ),
    "arrival": (
        "{time}, {party} reached {spot} {where}.",
        "Soon they came to {spot} {where}, {time}.",
        "The next stop was {spot} {where}, which looked even more wonderful {time}.",
        "{time}, {party} arrived at {spot} {where} and stopped to take it all in.",
        "Before long, the way wound on to {spot} {where}, {time}.",
        "By the time they found {spot} {where}, it was {time_noun}.",
    ),
    "threshold": (
        "The end of the road was so close now! Only {spot} {where} stood in the way, {time}.",
        "{time}, with the end of the journey almost in sight, they reached {spot} {where}.",
    ),
    "progress": (
        "{hero} thought about {goal_short} and smiled. It felt closer with every step.",
        "Little by little, {hero} was getting nearer to {goal_short}.",
        '"Are we nearly there?" asked {companion}. "Nearly," said {hero}, thinking of {goal_short}.',
        "Not once did {hero} forget about {goal_short}, not even for a moment.",
        "{hero} could almost picture it: {goal_short}, just as {they} had always imagined.",
        "Whenever {goal_short} came to mind, {hero}'s heart did a little skip.",
    ),
    "with": (
        "{companion} stayed close by, humming a cheerful tune.",
        "{companion} kept everyone's spirits up with a very silly joke.",
        "{companion} pointed out every interesting pebble along the way.",
        "{companion} was bouncing with excitement.",
        "{companion} gave {hero} a little nudge of encouragement.",
        "{companion} looked around with wide, wondering eyes.",
        "{companion} whistled as they walked, a little out of tune.",
        "{companion} had a feeling something good was coming.",
    ),
    "choose": (
        "Which way now? {hero} looked at {companions} and thought hard.",
        "There was more than one way forward, and everybody had a favourite.",
        "What should they do next? It was {hero}'s turn to decide.",
        '"What do you think?" asked {hero}. Everyone had an idea.',
        "Now came the tricky part: choosing what to do next.",
        "{hero} counted the possibilities on {their} fingers.",
        "So many ideas! Which one would work best?",
        "Everybody stopped to think. Which way would be best?",
    ),
    "aside": (
        "{where}, everything seemed to be cheering them on.",
        "{companion} told a joke so silly that everyone laughed until their tummies ached.",
        "A friendly breeze carried the smell of something delicious.",
        "What an adventure this was turning out to be!",
    ),
    "decision": (
        '"Let\'s {choice}," said {speaker}.',
        "{party} decided to {choice}.",
        '"We should {choice}," said {speaker}, eyes shining.',
        "There was no doubt about it: it was time to {choice}.",
        '"I know!" cried {speaker}. "We can {choice}!"',
        "So off they went to {choice}.",
        "After a quick think, {party} chose to {choice}.",
        '"How about we {choice}?" {speaker} asked, and nobody could think of anything better.',
    ),
    "decision_quoted": ('"{choice}," said {speaker}, and everyone agreed.',),
    "consequence.explore": (
        "The way twisted and turned, and every step felt like turning the page of a brand-new book.",
        "It was a little dark at first, but they kept going, and soon the path opened out into somewhere wonderful.",
        (
            "They found all sorts of treasures along the way: a shiny pebble, a curly feather and a stick shaped "
            "exactly like an S."
        ),
        "Curiosity paid off. Around the very next bend, something new was waiting for them.",
        "Exploring was slow work, but it showed them a shortcut nobody else knew.",
    ),
    "consequence.help": (
        "It took patience and a gentle voice, but it worked, and a grateful smile made the detour worthwhile.",
        "Being kind, it turned out, was also a very good way to make new friends.",
        ("By the time they had finished helping, everyone was laughing, and {companion} looked proud enough to burst."),
        '"Thank you, thank you," came a small, happy voice, and it was the nicest thing {hero} had heard all day.',
        "Helping took a while, and nobody minded one bit.",
    ),
    "consequence.brave": (
        "{hero}'s knees wobbled, just a little, but {they} took a deep breath and did it anyway.",
        "It was much trickier than it looked, but one careful step at a time, they made it.",
        "{companion} squeaked, {hero} giggled nervously, and then, all at once, the tricky part was behind them.",
        "Being brave, {hero} discovered, doesn't mean never feeling nervous. It means going on anyway, together.",
        "Holding hands made the scary bit shrink to half its size.",
    ),
    "consequence.clever": (
        "{hero} thought hard, tapped {their} chin, and then grinned. The answer had been hiding in plain sight.",
        "Puzzles were one of {hero}'s favourite things. Click, click, click, and this one was solved.",
        "They noticed the tiny detail everyone else had missed, and that made all the difference.",
        "A clever idea, a little patience and one quick test, and it worked exactly as hoped.",
        "Counting on fingers and toes, {hero} worked it out at last.",
    ),
    "consequence.friend": (
        "{companion} thought for a moment, then whispered an idea so good that {hero} clapped.",
        "Sitting together for a moment made everything feel easier, and {companion} knew just where to go next.",
        "Good friends listen to each other, and listening turned out to be the smartest move of all.",
        "{companion}'s plan was a little bit silly and a lot brilliant, and it worked perfectly.",
        "Talking it over, they found they had both been thinking the very same thing.",
    ),
    "finale.wish": (
        "And then, {time}, it happened: {hero} {done}, right there {where}, while {companions} cheered.",
        "The big moment came {time}, at {spot} {where}. With {companions} cheering, {hero} {done} at last.",
    ),
    "finale.journey": (
        (
            "And then, {time}, there it was, {where}. {hero} had made it, at long last, with {companions} close beside "
            "{them}."
        ),
        "{time}, {party} stood at {spot} {where} and looked all around. They had really, truly made it.",
    ),
    "finale.courage": (
        "{time}, at {spot} {where}, {hero} faced {goal} and found it was not so frightening after all.",
        "And {time}, holding {companion}'s hand, {hero} looked {goal} in the eye and smiled. It felt wonderful.",
    ),
    "finale.find": (
        "{time}, right there at {spot} {where}, {hero} found it at last: {goal}!",
        "And then, {time}, {companion} gave a shout. There, at {spot} {where}, {goal} sat waiting to be found.",
    ),
    "finale.quest": (
        (
            "At last, {time}, they reached {spot} {where}. {hero} set {goal} gently in its place, and right away, "
            "{payoff}."
        ),
        "And then, {time}, there it was: {spot} {where}! The moment {goal} was home, {payoff}.",
    ),
    "celebration": (
        "Everyone who lived {where} came to see, and the cheering went on and on.",
        "There was a party that night, with music and dancing and far too much cake.",
        "Nobody who saw it ever forgot it.",
    ),
    "farewell": (
        (
            "{companion} gave everyone the biggest hug. It was {virtue} that had carried them all this way, and {hero} "
            "knew {they} would never forget it."
        ),
        (
            'On the way home, they laughed about every twist and turn. "We did it with {virtue}," said {speaker}, and '
            "{companion} agreed that was the very best way."
        ),
        (
            "It had been the most wonderful adventure, all thanks to a little bit of {virtue}. That night, {hero} fell "
            "asleep smiling."
        ),
    ),
}

GROWN = {
    "opening": (
        "{where}, where {detail}, {hero_intro} had learned that nothing beautiful comes without a price.",
        (
            "People said that {where} {detail}, and that those who went looking for more came back changed. "
            "{hero_intro} had never been good at heeding warnings."
        ),
        "Long before the day everything changed, {hero_intro} knew the place by heart: how, {where}, {detail}.",
    ),
    "wish.wish": (
        "What {hero} wanted was simple to say and hard to do: to {want}.",
        "For years {hero} had carried one ambition, quietly, like a stone in a pocket: to {want}.",
    ),
    "wish.journey": (
        "{hero} meant to {want}, whatever it cost, and had stopped pretending otherwise.",
        "The plan, such as it was, fitted in one line: {want}.",
    ),
    "wish.courage": (
        "{hero} had spent a lifetime avoiding {goal}. It was time to {want}.",
        "Fear of {goal} had shaped every choice {hero} had made. Now {they} meant to {want}.",
    ),
    "wish.find": (
        "{goal} was out there, somewhere {where}, and {hero} was going to find it.",
        "Others had looked for {goal} and given up. {hero} did not intend to be one of them.",
    ),
    "wish.quest": (
        (
            "It began {time}, with {thing} {hiding_place}, where no such thing had any business being. There would "
            "be no peace until {hero} could {want}."
        ),
        "{time}, {hero} found {thing} {hiding_place}. It should not have been there, and {hero} resolved to {want}.",
    ),
    "joins": (
        "{companion_intro} had been watching from the shadows, and now stepped forward.",
        "Someone else had noticed too: {companion_intro}, unhurried and curious.",
        "Within the hour, {companion_intro} had joined the expedition, uninvited and entirely unbothered.",
    ),
    "together": (
        "{companions} would not hear of being left behind.",
        "Nobody asked {companions} to come. Nobody needed to.",
    ),
    "plan.journey": (
        "The road was long. When at last they stood {where}, the first thing they saw was {spot}.",
        "They left before anyone could talk them out of it, and came, in time, to {spot}, {where}.",
    ),
    "plan": (
        "Their road began, as such roads do, somewhere that looked harmless: {spot}.",
        "The first test came sooner than expected, at {spot}.",
        "It did not take long to reach {spot}, or to understand that nothing here would be simple.",
    ),
    "arrival": (
        "{time}, the road brought {party} to {spot} {where}.",
        "{spot} {where} was waiting for them {time}, stranger and quieter than it had any right to be.",
        "By the time they reached {spot} {where}, it was {time_noun}, and nobody was talking much.",
        "They came upon {spot} {where} {time}, and something about it set every nerve on edge.",
        (
            "There was no warning before {spot} {where}. One moment there was only the path; the next it was all "
            "around them."
        ),
    ),
    "threshold": (
        (
            "The end was close now, close enough to taste. Only {spot} {where} stood between them and the last "
            "stretch of the road."
        ),
        "{time}, with the end so near, {spot} {where} had never seemed so hard to cross.",
    ),
    "progress": (
        "{hero} kept {goal_short} in mind the way a sailor keeps a star.",
        "Every mile made {goal_short} more real, and more frightening.",
        "Nobody spoke of {goal_short}, but everybody thought of it.",
        "{hero} turned the problem of {goal_short} over and over, looking for the edge of it.",
        "The closer they came to {goal_short}, the quieter {hero} became.",
    ),
    "with": (
        "{companion} kept glancing back the way they had come.",
        "{companion} said little, but missed nothing.",
        "{companion} walked a half-step behind, watchful.",
        "{companion} had gone very still, listening to something the others could not hear.",
        "{companion} caught {hero}'s eye and held it a moment too long.",
        "{companion} had opinions about what to do next, and for once seemed ready to share them.",
    ),
    "choose": (
        "There were several ways forward, and none of them was safe.",
        "{hero} weighed the options, and did not like any of them.",
        "The choice, when it came, would have to be made quickly.",
        "Every path from here had a price. The question was which one to pay.",
        "Nobody wanted to be the one to decide. {hero} decided anyway.",
        "It was a moment for a cool head, and {hero} tried to find one.",
        "Somewhere in all this was the right move, if they could only see it.",
        "They could wait no longer; something had to be chosen.",
    ),
    "aside": (
        "Somewhere behind them, something shifted in the dark. Nobody turned to look.",
        "No one said it aloud, but everyone felt it: the journey was changing them.",
        "Sleep, when it came at all, came in thin snatches.",
    ),
    "decision": (
        "{party} chose to {choice}.",
        '"We {choice}," {speaker} said quietly, and no one argued.',
        "In the end the decision was simple: {choice}.",
        "It was {speaker} who said it first: it was time to {choice}.",
        "There was only one sensible course, so naturally they decided to {choice}.",
        '"We {choice}. Now," said {speaker}.',
        "After a long silence, {party} agreed to {choice}.",
    ),
    "decision_quoted": ('"{choice}," {speaker} said at last, and that settled it.',),
    "consequence.explore": (
        (
            "The way narrowed and darkened, and for a long while there was only the sound of their own footsteps. "
            "Then, at last, it opened."
        ),
        (
            "Curiosity has a price, and it was collected in aching legs and frayed nerves, but what lay beyond was worth "
            "every step."
        ),
        (
            "Nothing on the way was quite what it seemed: a shadow that moved a heartbeat too late, a whisper that might "
            "have been the wind."
        ),
        "It was the kind of detour sensible people avoid, which is exactly why it led somewhere new.",
    ),
    "consequence.help": (
        "Kindness cost them an hour they could not spare, and repaid them with a warning they would soon be glad of.",
        "The gratitude that followed was quiet and unguarded, the rare kind that reminds you why you set out at all.",
        "It would have been easy to walk on. They didn't, and the debt that followed them was a warm one.",
        (
            "{hero} had not expected to be moved by something so small, but relief on a stranger's face has a way of "
            "lodging in the heart."
        ),
    ),
    "consequence.brave": (
        (
            "{hero}'s heart hammered hard enough to hear. {they} went anyway, because turning back had stopped being "
            "an option."
        ),
        (
            "For one long, breathless moment everything hung in the balance. Then the moment passed, and they were "
            "through."
        ),
        "Fear, {hero} decided, was only information. {they} noted it, and moved on.",
        "Afterwards, no one could quite say how they had done it, only that their hands would not stop shaking.",
    ),
    "consequence.clever": (
        "The answer was there for anyone patient enough to see it. {hero} was patient, and sharp, and a little lucky.",
        "It took a cold, careful mind and more time than they liked, but the pieces finally fell into place.",
        "{hero} saw it at last: the small wrongness in the pattern, the detail left out on purpose.",
        "Cleverness is mostly refusing the first answer. {hero} refused twice, and the third answer was right.",
    ),
    "consequence.friend": (
        "{companion} had seen more of the world than anyone, and for once was willing to share it.",
        "What passed between them was less a plan than an understanding, and it served them better than any map.",
        "{companion}'s advice was brief, and unsettling, and exactly right.",
        "Trust is a strange currency out here. {hero} spent some, and it bought them safe passage.",
    ),
    "finale.wish": (
        (
            "{time}, at {spot} {where}, it was finally done: {hero} {done}. It had cost more than expected, and it was "
            "worth it."
        ),
        (
            "When the moment came, {time}, it was quieter than {hero} had imagined. {hero} {done}, and the world did "
            "not end; it began."
        ),
    ),
    "finale.journey": (
        "{time}, they stood at {spot} {where}, exhausted and changed. {hero} had come all this way, and it was real.",
        "They arrived {where} {time}, and for a long moment nobody spoke. The promise had been kept.",
    ),
    "finale.courage": (
        "{time}, at {spot} {where}, {hero} faced {goal} at last, and found it smaller than the fear of it.",
        (
            "{time}, {where}, {hero} found the nerve to face {goal}. The fear did not vanish, but it no longer gave the "
            "orders."
        ),
    ),
    "finale.find": (
        "{goal} was there, at {spot} {where}, {time}, exactly where no one had thought to look.",
        "{time}, at {spot} {where}, the search ended. {goal} had been waiting all along.",
    ),
    "finale.quest": (
        "{spot} {where} received them {time}, silent and waiting. When {goal} was finally returned, {payoff}.",
        "They reached {spot} {where} {time}. {goal} was returned at last, and then, slowly, {payoff}.",
    ),
    "celebration": (
        "There was no parade. There did not need to be.",
        "Word of it travelled, as such things do, and grew in the telling.",
    ),
    "farewell": (
        (
            "Later, with the road quiet behind them, {hero} understood that it had been {virtue}, more than luck, that "
            "had carried them through."
        ),
        (
            "{companion} lingered a moment longer, then was gone. What remained was {virtue}, and the certainty that it "
            "had been enough."
        ),
        (
            "It would be a long time before {hero} spoke of it to anyone. But one thing stayed: it was {virtue} that "
            "had brought them home."
        ),
    ),
}
VOICES = {"gentle": GENTLE, "grown": GROWN}

# Time-of-day lines by the kind of sky a place has: no sun in space, no sky under the sea.
TIMES = {
    "gentle": {
        "outdoor": {
            "dawn": ("in the pink glow of dawn", "just as the sun peeked over the hills"),
            "day": ("under a bright blue sky", "in the warm middle of the day"),
            "dusk": ("as the sky turned orange and gold", "just as the first stars blinked awake"),
            "night": ("under a sky full of friendly stars", "by the silver light of the moon"),
        },
        "indoor": {
            "dawn": ("early in the morning, before anyone else was up", "as the first light crept in"),
            "day": ("in the busy middle of the day", "just after lunch"),
            "dusk": ("as the lamps were being lit", "as the windows turned gold"),
            "night": ("by the glow of a little lamp", "long after bedtime"),
        },
        "space": {
            "dawn": ("as the ship's morning lights blinked on", "at the start of the ship's day"),
            "day": ("among the drifting stars", "with the planets turning slowly by"),
            "dusk": ("as the ship's lights dimmed for evening", "as a far-off star slipped behind a planet"),
            "night": ("in the deep velvet dark", "while the ship's clock said bedtime"),
        },
        "underwater": {
            "dawn": ("as the first light rippled down through the water", "early, when the reef woke up"),
            "day": ("in the bright blue-green light", "while the water sparkled overhead"),
            "dusk": ("as the water turned a deep, soft blue", "as the fish began to yawn"),
            "night": ("by the glow of lantern fish", "when the sea was dark and still"),
        },
    },
    "grown": {
        "outdoor": {
            "dawn": ("in the grey hush before dawn", "as a thin, cold dawn crept in"),
            "day": ("under a hard, bright sky", "in the flat glare of midday"),
            "dusk": ("as dusk gathered in the hollows", "as the last light drained from the sky"),
            "night": ("under a cold scatter of stars", "deep in the blue-black night"),
        },
        "indoor": {
            "dawn": ("in the grey hour before the house woke", "as pale light found the windows"),
            "day": ("in the dull middle of the day", "while the clocks ticked on"),
            "dusk": ("as the gas lamps guttered on", "as the shadows lengthened down the halls"),
            "night": ("by the light of a single candle", "long after midnight"),
        },
        "space": {
            "dawn": ("as the ship's cycle turned to morning", "when the hull creaked awake"),
            "day": ("in the endless, airless dark", "against a field of unblinking stars"),
            "dusk": ("as the ship dimmed its lights", "as a distant star slid out of sight"),
            "night": ("in the long silence between stars", "in the dead of the ship's night"),
        },
        "underwater": {
            "dawn": ("as thin light filtered down", "as the water paled"),
            "day": ("in the green half-light", "beneath the glittering surface"),
            "dusk": ("as the water darkened to ink", "as the light above faded"),
            "night": ("in the black, pressing dark", "by the cold glow of deep-sea lights"),
        },
    },
}
TIME_NOUNS = {"dawn": "dawn", "day": "the middle of the day", "dusk": "evening", "night": "night"}

# Titles, by kind of goal. {Name}, {Kind}, {Want}, {Goal}, {Place}, {Where}, {Thing} come title-cased.
TITLES = {
    "wish": (
        "{Name} Wants to {Want}",
        "The {Kind} Who Wanted to {Want}",
        "{Name}'s Big Dream",
        "{Goal} {Where}",
        "How {Name} Learned to {Want}",
        "{Name}'s Wish",
        "One Day I Will {Want}",
        "A Wish Called {Name}",
        "{Name}, {Goal} and a Lot of Luck",
    ),
    "journey": (
        "{Name} Goes to {Place}",
        "All the Way to {Place}",
        "The {Kind} Who Wanted to {Want}",
        "{Name}'s Long Way to {Place}",
        "Are We There Yet, {Name}?",
    ),
    "courage": (
        "{Name} Is Brave",
        "{Name} and {Goal}",
        "The {Kind} Who Was Afraid of {Goal}",
        "Not So Scary After All",
    ),
    "find": ("{Name} Looks for {Goal}", "In Search of {Goal}", "Where Is {Goal}?", "{Name} Finds a Way"),
    "quest": (
        "{Name} and the {Thing}",
        "The {Thing} {Where}",
        "A Home for the {Thing}",
        "{Name}'s Lucky Find",
        "Finders Keepers, {Name}",
        "Who Lost the {Thing}?",
        "The Way Back {Where}",
        "Something Found {Where}",
    ),
}
# Invented names, for heroes a prompt does not name: (name, pronoun).
NAMES = (
    ("Olive", "she"),
    ("Otto", "he"),
    ("Pip", "they"),
    ("Penny", "she"),
    ("Dot", "she"),
    ("Dexter", "he"),
    ("Rosie", "she"),
    ("Rufus", "he"),
    ("Juniper", "she"),
    ("Milo", "he"),
    ("Wren", "she"),
    ("Theo", "he"),
    ("Nora", "she"),
    ("Felix", "he"),
    ("Luna", "she"),
    ("Oscar", "he"),
    ("Kit", "they"),
    ("Robin", "they"),
    ("Bea", "she"),
    ("Bruno", "he"),
    ("Fern", "she"),
    ("Finn", "he"),
    ("Poppy", "she"),
    ("Tilly", "she"),
    ("Toby", "he"),
    ("Hazel", "she"),
    ("Hugo", "he"),
    ("Mabel", "she"),
    ("Max", "he"),
    ("Coco", "she"),
    ("Cosmo", "he"),
    ("Lola", "she"),
    ("Leo", "he"),
    ("Ellie", "she"),
    ("Eddie", "he"),
    ("Gus", "he"),
)
HERO_ADJECTIVES = {
    "gentle": ("curious", "brave", "kind-hearted", "clever", "cheerful", "little"),
    "grown": ("restless", "sharp-eyed", "stubborn", "quietly fearless"),
}
HERO_KINDS = {
    "gentle": {"she": "girl", "he": "boy", "they": "kid"},
    "grown": {"she": "young woman", "he": "young man", "they": "wanderer"},
}
# Ways to mention how a remembered person looks, by what the description is about.
LOOKS = {
    "hair": (
        "{name} tucked back a strand of {their} {feature}.",
        "{name}'s {feature} bounced as {they} hurried along.",
        "The wind played with {name}'s {feature}.",
    ),
    "glasses": (
        "{name} peered through {their} {feature}.",
        "{name} pushed {their} {feature} up {their} nose.",
        "{name}'s {feature} flashed as {they} turned.",
    ),
    "clothes": (
        "{name} smoothed down {their} {feature}.",
        "{name}'s {feature} was easy to spot from far away.",
        "{name} dusted off {their} {feature}.",
    ),
    "other": (
        "Anyone would have known {name} by {their} {feature}.",
        "{name} grinned, {feature} and all.",
        "{name}'s {feature} was as easy to spot as ever.",
    ),
}
