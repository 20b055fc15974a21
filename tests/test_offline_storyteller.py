"""The offline storyteller writes a whole branching story with no AI and no network."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from media_gen.providers.base import PathStep, Person, SceneBrief
from media_gen.providers.offline import storyteller
from media_gen.providers.offline.storyteller import SETTINGS, scene_look, write_scene

PROMPTS = (
    "a brave girl named Ava finds a dragon egg",
    "a rocket trip to the moon",
    "pirates looking for treasure",
    "a walk in the enchanted forest",
    "a knight and a princess",
    "a robot who wants to dance",
    "dinosaurs!",
    "a detective solves a mystery",
    "the first day at school",
    "a jungle safari",
    "a snow day",
    "something nice",
)
# Words a story for children must never contain.
BANNED_FOR_KIDS = ("kill", "killed", "blood", "bloody", "dead", "die", "died", "dying", "death", "murder", "gun",
                   "knife", "sword", "weapon", "corpse", "grave", "scream", "terror", "horror", "stab", "shoot")
SISTER = Person(name="Mia", relation="my sister", description="red curly hair")
DOG = Person(name="Leo", relation="our dog", description="a scruffy golden retriever")


def brief(prompt="a brave girl named Ava finds a dragon egg", *, number=1, target=5, path=(), people=(), seed=7,
          tier="kids", guidelines=""):
    return SceneBrief(tier_slug=tier, guidelines=guidelines, story_prompt=prompt,
                      scene_number=number, target_scenes=target, path=tuple(path), people=tuple(people), seed=seed)


def play(prompt="a brave girl named Ava finds a dragon egg", *, pick=0, target=5, **options):
    """Read a whole story, taking the pick-th choice each time: a list of (brief, draft)."""
    path, scenes = [], []
    for number in range(1, 50):
        scene_brief = brief(prompt, number=number, target=target, path=path, **options)
        draft = write_scene(scene_brief)
        scenes.append((scene_brief, draft))
        if draft.is_ending:
            return scenes
        path.append(PathStep(text=draft.text, choice=draft.choices[pick % len(draft.choices)]))
    raise AssertionError("the story never ended")


def sentences(text):
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", text.replace("\n\n", " ")) if sentence]


def test_it_is_deterministic():
    story = [draft for _, draft in play(seed=11, pick=1)]
    again = [draft for _, draft in play(seed=11, pick=1)]
    assert story == again
    assert [draft.text for _, draft in play(seed=12, pick=1)] != [draft.text for draft in story]


def test_it_is_the_same_in_every_process():
    """No salted hash() anywhere: another interpreter with another hash seed tells the same scene."""
    script = ("from media_gen.providers.base import SceneBrief;"
              "from media_gen.providers.offline.storyteller import write_scene;"
              "print(write_scene(SceneBrief('kids', '', 'a robot in the city', 2, 5,"
              " seed=3, path=())).text)")
    texts = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent, env={"PYTHONHASHSEED": str(salt)}).stdout
             for salt in (1, 2)}
    assert len(texts) == 1
    assert texts.pop().strip() == write_scene(brief("a robot in the city", number=2, seed=3)).text


@pytest.mark.parametrize("target", [3, 4, 5, 8])
@pytest.mark.parametrize("pick", [0, -1])
def test_it_ends_at_the_target_length(target, pick):
    scenes = play(target=target, pick=pick, seed=target)
    assert len(scenes) == target
    *middle, (_, ending) = scenes
    assert all(not draft.is_ending and draft.choices for _, draft in middle)
    assert ending.is_ending and ending.choices == []
    assert ending.text.endswith("The end.")
    assert all(draft.title.strip() for _, draft in scenes)


def test_short_stories_end_when_asked():
    only = write_scene(brief(target=1))
    assert only.is_ending and only.choices == [] and "Ava" in only.title
    assert [draft.is_ending for _, draft in play(target=2)] == [False, True]


def test_it_follows_the_choice_taken():
    opening = write_scene(brief(seed=5))
    next_scenes = []
    for choice in opening.choices:
        draft = write_scene(brief(number=2, seed=5, path=[PathStep(opening.text, choice)]))
        first_paragraph = draft.text.split("\n\n")[0]
        assert choice[0].lower() + choice[1:] in first_paragraph
        next_scenes.append(draft.text)
    assert len(set(next_scenes)) == len(opening.choices)


def test_it_follows_a_choice_written_elsewhere():
    """A path may come from another provider, with choices this module never offered."""
    path = [PathStep("Some other scene.", "The left door, obviously!")]
    draft = write_scene(brief(number=2, path=path))
    assert '"The left door, obviously,"' in draft.text.split("\n\n")[0]


@pytest.mark.parametrize("choice, virtue", [("Help the owl find her nest", "kindness"),
                                            ("Climb the icy cliff", "courage"),
                                            ("Solve the riddle on the gate", "cleverness")])
def test_the_ending_remembers_how_the_reader_played(choice, virtue):
    path = [PathStep("A scene.", choice) for _ in range(3)]
    ending = write_scene(brief(number=4, target=4, path=path))
    assert ending.is_ending
    assert virtue in ending.text


def test_kids_tier_avoids_scary_words():
    banned = re.compile(rf"\b({'|'.join(BANNED_FOR_KIDS)})\b", re.I)
    prompts = PROMPTS + ("a girl finds a dead bird and a bloody knife", "a boy meets a murder of crows")
    for prompt in prompts:
        for seed in range(4):
            for _, draft in play(prompt, seed=seed, pick=seed, target=5, people=[SISTER] if seed % 2 else []):
                told = " ".join([draft.title, draft.text, draft.image_prompt, *draft.choices])
                assert not banned.search(told), (prompt, seed, banned.search(told).group())


def test_guidelines_about_children_get_the_gentle_voice():
    kids = write_scene(brief(tier="kids"))
    family = write_scene(brief(tier="family", guidelines="Gentle stories for young children."))
    adults = write_scene(brief(tier="nsfw", guidelines="For adults only. Never involve children."))
    grown = write_scene(brief(tier="nsfw"))
    assert family.text == kids.text
    assert adults.text == grown.text
    assert grown.text != kids.text


def test_grown_tiers_get_a_darker_voice():
    kids_story = " ".join(draft.text for _, draft in play(tier="kids", seed=4))
    grown_story = " ".join(draft.text for _, draft in play(tier="nsfw", seed=4))
    assert not set(sentences(kids_story)) & set(sentences(grown_story)) - {"The end."}
    middle = brief(tier="nsfw", number=2, path=[PathStep("A scene.", "Follow the trail")])
    assert scene_look(middle)["mood"] == "tense and atmospheric"
    assert scene_look(brief(tier="kids", number=2, path=middle.path))["mood"] == "cheerful and adventurous"


def test_people_are_the_heroes():
    scenes = play(people=[SISTER, DOG], seed=2)
    _, opening = scenes[0]
    assert "Mia, your sister, with her red curly hair" in opening.text
    assert "Leo, your dog, a scruffy golden retriever" in opening.text
    assert opening.title.startswith("Mia, Leo and the ")
    assert "red curly hair" in opening.image_prompt
    for scene_brief, draft in scenes:
        assert "Ava" not in draft.text  # the prompt's hero steps aside for the family
        assert scene_look(scene_brief)["characters"][:2] == ["Mia", "Leo"]
        assert "Mia" in draft.text or "Leo" in draft.text


def test_the_prompt_gives_the_hero_and_the_wonder():
    scenes = play("a brave girl named Ava finds a dragon egg", seed=1)
    _, opening = scenes[0]
    assert "a brave girl named Ava" in opening.text
    assert "Ava" in opening.title
    assert all("dragon egg" in draft.text for _, draft in (scenes[0], scenes[-1]))
    assert all(scene_look(scene_brief)["objects"][0] == "a dragon egg" for scene_brief, _ in scenes)


def test_the_prompt_gives_the_companion_and_the_destination():
    scenes = play("Tom meets a fox named Rusty and they fly to Mars", seed=3)
    story = " ".join(draft.text for _, draft in scenes)
    assert "a fox named Rusty" in scenes[0][1].text
    assert "Rusty" in scenes[-1][1].text
    assert "Mars" in scenes[-1][1].text and scenes[-1][1].title == "Mars"
    assert "Tom" in story


def test_a_prompt_with_no_hero_gets_an_invented_one():
    names = {scene_look(brief("a snow day", seed=seed))["characters"][0] for seed in range(12)}
    assert len(names) > 1
    assert all(name[0].isupper() for name in names)


def test_every_scene_of_a_story_agrees():
    scenes = play("a walk in the enchanted forest", seed=9, target=6, pick=2)
    looks = [scene_look(scene_brief) for scene_brief, _ in scenes]
    assert len({look["setting"] for look in looks}) == 1
    assert len({look["region"] for look in looks}) == 1
    assert len({tuple(look["characters"][:2]) for look in looks}) == 1  # hero and companion
    assert len({look["objects"][0] for look in looks}) == 1  # the wonder
    companion = looks[0]["characters"][1]  # "a silver fox": the text calls it by name
    assert all(companion in scene_look(scene_brief)["characters"] for scene_brief, _ in scenes)


def test_choices_are_three_or_four_and_distinct():
    for prompt in PROMPTS:
        for seed in range(3):
            for _, draft in play(prompt, seed=seed, pick=seed, tier="nsfw" if seed == 2 else "kids")[:-1]:
                assert 3 <= len(draft.choices) <= 4
                assert len({choice.lower() for choice in draft.choices}) == len(draft.choices)
                for choice in draft.choices:
                    assert choice[0].isupper() and choice[-1].isalpha(), choice
                    assert 2 <= len(choice.split()) <= 10, choice


@pytest.mark.parametrize("prompt, setting", [
    ("Ava finds a dragon egg", "mountains"),
    ("a rocket trip to a faraway planet", "space"),
    ("pirates on the open sea", "ocean"),
    ("a walk in the forest", "forest"),
    ("a brave knight rescues a princess", "castle"),
    ("a robot who wants to dance", "workshop"),
    ("a baby dinosaur hatches", "prehistoric valley"),
    ("a detective and a missing necklace", "mansion"),
    ("the first day at a new school", "school"),
    ("monkeys in the jungle", "jungle"),
    ("penguins on the ice", "arctic"),
    ("a camel crosses the desert", "desert"),
    ("a bus ride across the city", "city"),
    ("a lovely afternoon", "countryside"),
])
def test_it_picks_the_setting_from_the_prompt(prompt, setting):
    look = scene_look(brief(prompt))
    assert look["setting"] == setting
    assert write_scene(brief(prompt)).image_prompt.lower().startswith(setting)


def test_every_setting_can_be_reached():
    assert {theme.setting for theme in storyteller.THEMES} == set(SETTINGS)


def test_scene_look_is_what_the_image_prompt_shows():
    for scene_brief, draft in play("pirates looking for treasure", people=[SISTER], seed=6, target=6):
        look = scene_look(scene_brief)
        assert look["setting"] in SETTINGS
        assert look["time_of_day"] in ("dawn", "day", "dusk", "night")
        for shown in [look["location"], look["region"], look["time_of_day"], *look["characters"], *look["objects"]]:
            assert shown in draft.image_prompt


def test_time_moves_forward_to_night():
    order = ("dawn", "day", "dusk", "night")
    times = [order.index(scene_look(scene_brief)["time_of_day"]) for scene_brief, _ in play(target=6, seed=8)]
    assert times == sorted(times)
    assert times[0] <= 1 and times[-1] == 3


def test_scenes_do_not_repeat_sentences():
    for prompt in PROMPTS[:6]:
        for tier in ("kids", "nsfw"):
            told = [sentence for _, draft in play(prompt, tier=tier, seed=3, target=5) for sentence in
                    sentences(draft.text)]
            assert len(told) == len(set(told)), [sentence for sentence in told if told.count(sentence) > 1]
    long_story = [set(sentences(draft.text)) for _, draft in play(seed=1, target=10, pick=1)]
    assert all(not (before & after) for before, after in zip(long_story, long_story[1:]))


def test_scenes_are_a_few_short_paragraphs():
    for prompt in PROMPTS[::3]:
        for tier in ("kids", "nsfw"):
            for _, draft in play(prompt, tier=tier, seed=2, people=[SISTER, DOG] if tier == "nsfw" else []):
                paragraphs = draft.text.split("\n\n")
                assert 2 <= len(paragraphs) <= 4
                assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)
                assert 70 <= len(draft.text.split()) <= 220
                assert draft.usage == {"words": len(draft.text.split())}
                assert draft.request_id == ""
                assert not re.search(r"[{}]|\s[,.]|(^|[.!?] )[a-z]", draft.text), draft.text


def test_later_scenes_are_headed_by_where_they_happen():
    scenes = play(target=5, seed=4)
    titles = [draft.title for _, draft in scenes]
    assert "Ava" in titles[0]
    assert all(title.strip() and "Ava" not in title for title in titles[1:])
    assert len(set(titles)) == len(titles)
