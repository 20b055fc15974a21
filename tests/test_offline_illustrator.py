"""The offline image model draws a storybook picture of each scene from its hints, with no network."""

import itertools
from functools import cache
from io import BytesIO

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from media_gen.providers.base import ImageBrief, PathStep, Person, Photo, SceneBrief
from media_gen.providers.offline import vocabulary
from media_gen.providers.offline.illustrator import SIZE, caption, draw_scene, reading
from media_gen.providers.offline.storyteller import write_scene

MAGENTA = (255, 0, 255)
ABOVE_CAPTION = (0, 0, SIZE, 900)
MIA = {
    "name": "Mia",
    "kind": "girl",
    "figure": "person",
    "colour": "red",
    "pose": "wave",
    "role": "hero",
    "age": "child",
    "outfit": "",
}


def hints(**fields):
    return vocabulary.hints(**{"place": "forest", "time": "day", "characters": [MIA], "object": "lantern", **fields})


def brief(scene_hints=None, prompt="A walk in the forest", **fields):
    return ImageBrief(
        tier_slug="kids",
        prompt=prompt,
        scene_title=fields.pop("scene_title", "The Walk"),
        seed=fields.pop("seed", 7),
        hints=hints() if scene_hints is None else scene_hints,
        **fields,
    )


def picture(png: bytes) -> Image.Image:
    image = Image.open(BytesIO(png))
    image.load()
    return image


def png_of(colour, size=(300, 400)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def near_colour(image: Image.Image, colour, tolerance=40) -> int:
    """How many pixels are within `tolerance` of `colour` on every channel."""
    bands = [
        band.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
        for band, c in zip(image.convert("RGB").split(), colour, strict=True)
    ]
    mask = ImageChops.darker(ImageChops.darker(bands[0], bands[1]), bands[2])
    return mask.histogram()[255]


def magenta_area(image: Image.Image) -> Image.Image:
    """A mask of the pixels that are (nearly) pure magenta."""
    red, green, blue = image.convert("RGB").split()
    return ImageChops.darker(
        ImageChops.darker(red.point(lambda v: 255 if v > 230 else 0), green.point(lambda v: 255 if v < 25 else 0)),
        blue.point(lambda v: 255 if v > 230 else 0),
    )


def perceptual_hash(png: bytes, size=16) -> int:
    """A difference hash of the picture above its caption: one bit per neighbouring pair of cells,
    set where the left one is brighter. Pictures that look alike differ in few bits."""
    cells = picture(png).crop(ABOVE_CAPTION).convert("L").resize((size + 1, size), Image.Resampling.BOX)
    values = cells.tobytes()
    bits = [
        values[row * (size + 1) + col] > values[row * (size + 1) + col + 1]
        for row in range(size)
        for col in range(size)
    ]
    return sum(1 << index for index, bit in enumerate(bits) if bit)


def distance(a: bytes, b: bytes) -> int:
    return (perceptual_hash(a) ^ perceptual_hash(b)).bit_count()


def story_pictures(prompt, count, seed=1, tier="kids"):
    """The first `count` pictures of a story the offline storyteller tells."""
    path, pictures = [], []
    for number in range(1, count + 1):
        draft = write_scene(SceneBrief(tier, "", prompt, number, 6, tuple(path), (), seed))
        pictures.append(
            draw_scene(ImageBrief(tier, draft.image_prompt, draft.title, draft.text, (), seed, draft.hints))
        )
        path.append(PathStep(draft.text, draft.choices[0] if draft.choices else ""))
    return pictures


def test_it_draws_a_1024_png():
    png = draw_scene(brief())
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = picture(png)
    assert image.format == "PNG"
    assert image.size == (SIZE, SIZE) == (1024, 1024)
    assert image.mode == "RGB"
    assert len(image.getcolors(maxcolors=1_000_000)) > 200  # a picture, not a flat fill


def test_the_png_says_where_its_caption_starts():
    assert picture(draw_scene(brief())).text["caption_top"] == "910"
    assert picture(draw_scene(brief(scene_title=""))).text["caption_top"] == str(SIZE)


def test_night_is_darker_than_day():
    def brightness(time):
        return ImageStat.Stat(picture(draw_scene(brief(hints(time=time)))).convert("L")).mean[0]

    day, dusk, night = brightness("day"), brightness("dusk"), brightness("night")
    assert night < day - 50
    assert night < dusk < day


def test_every_place_has_its_own_look():
    images = {
        place: picture(draw_scene(brief(hints(place=place, characters=[], object="")))).resize(
            (64, 64), Image.Resampling.BOX
        )
        for place in vocabulary.PLACES
    }
    for (a, image_a), (b, image_b) in itertools.combinations(images.items(), 2):
        difference = sum(ImageStat.Stat(ImageChops.difference(image_a, image_b)).mean) / 3
        assert difference > 12, f"{a} and {b} look almost the same ({difference:.1f})"


def test_fog_and_rain_change_the_picture():
    clear = picture(draw_scene(brief(hints(weather="clear"))))
    for weather in ("fog", "rain", "snow", "cloudy"):
        other = picture(draw_scene(brief(hints(weather=weather))))
        assert sum(ImageStat.Stat(ImageChops.difference(clear, other)).mean) / 3 > 6, weather
    foggy = picture(draw_scene(brief(hints(weather="fog"))))
    assert ImageStat.Stat(foggy.convert("L")).stddev[0] < ImageStat.Stat(clear.convert("L")).stddev[0]


def test_it_is_deterministic():
    assert draw_scene(brief()) == draw_scene(brief())
    assert draw_scene(brief()) != draw_scene(brief(seed=8))


@cache
def empty_forest():
    return picture(draw_scene(brief(hints(characters=[], object=""))))


@cache
def forest_with_mia():
    return picture(draw_scene(brief(hints(object=""))))


@pytest.mark.parametrize("figure", vocabulary.FIGURES)
def test_every_figure_is_drawn(figure):
    nobody = empty_forest()
    somebody = picture(draw_scene(brief(hints(characters=[{**MIA, "figure": figure, "colour": "purple"}], object=""))))
    changed = ImageChops.difference(nobody, somebody).convert("L").point(lambda v: 255 if v > 40 else 0)
    assert changed.histogram()[255] > 8_000, figure
    left, _, right, bottom = changed.getbbox()
    assert 200 < (left + right) / 2 < 824 and bottom > 600  # standing in the scene, not in a corner


def test_a_characters_colour_is_their_colour():
    purple = vocabulary.COLOURS["purple"]
    octopus = {**MIA, "name": "Olive", "kind": "octopus", "figure": "octopus", "colour": "purple"}
    with_octopus = picture(draw_scene(brief(hints(place="underwater", characters=[octopus], object=""))))
    without = picture(draw_scene(brief(hints(place="underwater", characters=[], object=""))))
    assert near_colour(with_octopus, purple) > near_colour(without, purple) + 5_000


def test_everyone_in_the_hints_is_drawn():
    one = picture(draw_scene(brief(hints(characters=[MIA], object=""))))
    three = picture(
        draw_scene(
            brief(
                hints(
                    characters=[
                        MIA,
                        {**MIA, "name": "Rusty", "figure": "fox"},
                        {**MIA, "name": "Bolt", "figure": "robot"},
                    ],
                    object="",
                )
            )
        )
    )
    changed = ImageChops.difference(one, three).convert("L").point(lambda v: 255 if v > 40 else 0)
    assert changed.histogram()[255] > 20_000


@pytest.mark.parametrize("thing", vocabulary.OBJECTS)
def test_every_key_object_is_drawn(thing):
    without = forest_with_mia()
    with_it = picture(draw_scene(brief(hints(object=thing))))
    changed = ImageChops.difference(without, with_it).convert("L").point(lambda v: 255 if v > 40 else 0)
    assert changed.histogram()[255] > 2_000, thing


def test_the_framing_moves_the_camera():
    base = draw_scene(brief(hints(shot="wide", stage="centre", flip=False)))
    for change in ({"shot": "near"}, {"shot": "far"}, {"flip": True}, {"stage": "left"}):
        assert distance(base, draw_scene(brief(hints(**{"shot": "wide", "stage": "centre", **change})))) > 12, change


STORIES = (
    "a rocket trip to the moon",
    "an octopus opens a bakery under the sea",
    "Sam and his grandpa go fishing",
    "a walk in the enchanted forest",
)


@pytest.mark.parametrize("prompt", STORIES)
def test_consecutive_scenes_of_a_story_look_different(prompt):
    pictures = story_pictures(prompt, 4)
    for number, (before, after) in enumerate(itertools.pairwise(pictures), start=1):
        assert distance(before, after) > 48, (prompt, number, distance(before, after))


def test_the_perceptual_hash_sees_a_picture_again():
    png = draw_scene(brief())
    darker = BytesIO()
    picture(png).point(lambda v: int(v * 0.9)).save(darker, "PNG")
    assert distance(png, darker.getvalue()) < 12
    assert distance(png, draw_scene(brief(hints(place="desert")))) > 40


def test_different_stories_begin_with_different_pictures():
    prompts = STORIES + (
        "a penguin wants to see the desert",
        "a dinosaur who loves ballet",
        "a detective solves a mystery",
        "a knight and a princess",
    )
    firsts = {prompt: story_pictures(prompt, 1)[0] for prompt in prompts}
    for (a, first_a), (b, first_b) in itertools.combinations(firsts.items(), 2):
        assert distance(first_a, first_b) > 48, (a, b, distance(first_a, first_b))


def test_a_storys_pictures_are_one_world():
    def palette(png):
        return picture(png).crop(ABOVE_CAPTION).resize((8, 8), Image.Resampling.BOX)

    def apart(a, b):
        return sum(ImageStat.Stat(ImageChops.difference(palette(a), palette(b))).mean)

    sea = story_pictures("an octopus opens a bakery under the sea", 3)
    moon = story_pictures("a rocket trip to the moon", 3)
    within = max(apart(a, b) for group in (sea, moon) for a, b in itertools.combinations(group, 2))
    between = min(apart(a, b) for a in sea for b in moon)
    assert within < between


def test_without_hints_the_prompt_sets_the_scene():
    castle = ImageBrief(
        tier_slug="kids", prompt="The castle glowed under the moon as the night grew quiet", scene_title="Night", seed=7
    )
    read = reading.hints_from_text(castle)
    assert (read["place"], read["time"]) == ("castle", "night")
    sunny = ImageBrief(tier_slug="kids", prompt="The castle shone in the morning", scene_title="Night", seed=7)
    night_light = ImageStat.Stat(picture(draw_scene(castle)).convert("L")).mean[0]
    assert night_light < ImageStat.Stat(picture(draw_scene(sunny)).convert("L")).mean[0] - 40


def test_without_hints_the_familys_people_are_drawn():
    nana = Person(name="Nana", relation="my grandma")
    alone = picture(draw_scene(ImageBrief(tier_slug="kids", prompt="A picnic in a meadow", scene_title="Picnic")))
    with_nana = picture(
        draw_scene(ImageBrief(tier_slug="kids", prompt="A picnic in a meadow", scene_title="Picnic", people=(nana,)))
    )
    changed = ImageChops.difference(alone, with_nana).convert("L").point(lambda v: 255 if v > 40 else 0)
    assert changed.histogram()[255] > 8_000


def test_hints_it_does_not_know_are_read_loosely():
    odd = {
        "place": "Narnia",
        "time": "teatime",
        "characters": [{"name": "Zog", "figure": "griffin"}, "nobody"],
        "object": "spaceship",
        "shot": "drone",
    }
    image = picture(draw_scene(brief(odd)))
    assert image.size == (SIZE, SIZE)
    read = vocabulary.read(odd)
    assert (read["place"], read["time"], read["object"], read["shot"]) == ("meadow", "day", "", "wide")
    assert [character["figure"] for character in read["characters"]] == ["person"]


def test_a_person_photo_appears_in_the_picture():
    nana = Person(name="Nana", relation="my grandma", photos=(Photo("nana.png", png_of(MAGENTA), "image/png"),))
    with_photo = picture(draw_scene(brief(people=(nana,))))
    without_photo = picture(draw_scene(brief(people=(Person(name="Nana"),))))

    area = magenta_area(with_photo)
    assert area.histogram()[255] > 20_000  # a locket about 200 pixels across
    _, _, right, bottom = area.getbbox()
    assert right < SIZE / 3 and bottom < SIZE / 3  # hung in the top-left corner
    assert magenta_area(without_photo).histogram()[255] == 0


def test_a_photo_is_turned_upright_using_its_exif_orientation():
    sideways = Image.new("RGB", (400, 200), MAGENTA)
    ImageDraw.Draw(sideways).rectangle((0, 0, 199, 199), fill=(0, 255, 0))  # green on the left half
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    out = BytesIO()
    sideways.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    person = Person(name="Leo", photos=(Photo("leo.jpg", out.getvalue(), "image/jpeg"),))

    image = picture(draw_scene(brief(hints(characters=[]), people=(person,))))

    # Upright, the green half is on top: the locket's top is green and its bottom magenta.
    top_pixel, bottom_pixel = image.getpixel((136, 80)), image.getpixel((136, 200))
    assert top_pixel[1] > 180 and top_pixel[0] < 80
    assert bottom_pixel[0] > 180 and bottom_pixel[1] < 80


def test_a_broken_photo_is_skipped():
    broken = Person(name="Biscuit", photos=(Photo("biscuit.jpg", b"\xff\xd8 this is not really a jpeg", "image/jpeg"),))
    nana = Person(name="Nana", photos=(Photo("nana.png", png_of(MAGENTA), "image/png"),))

    assert draw_scene(brief(people=(broken,))) == draw_scene(brief(people=(Person(name="Biscuit"),)))
    right = magenta_area(picture(draw_scene(brief(people=(broken, nana))))).getbbox()[2]
    assert right < SIZE / 3  # Nana's locket takes the first spot the broken photo left free


def test_it_draws_without_the_dejavu_font(monkeypatch):
    monkeypatch.setattr(caption, "FONT_PATH", "/nowhere/NoSuchFont.ttf")
    caption.typeface.cache_clear()
    try:
        long_title = "A very long title about a dragon, a robot and a grandmother who went looking for the moon " * 2
        image = picture(draw_scene(brief(scene_title=long_title)))
    finally:
        caption.typeface.cache_clear()
    assert image.size == (SIZE, SIZE)
