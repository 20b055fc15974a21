"""The offline image model draws a storybook picture from a brief, with no network."""

import itertools
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageStat

from media_gen.providers.base import ImageBrief, Person, Photo
from media_gen.providers.offline import illustrator
from media_gen.providers.offline.illustrator import SETTINGS, SIZE, draw_scene

MAGENTA = (255, 0, 255)


def brief(prompt="A walk in the forest", **fields):
    return ImageBrief(
        tier_slug="little-ones", prompt=prompt, scene_title=fields.pop("scene_title", "The Walk"), seed=7, **fields
    )


def look(setting="forest", time_of_day="day", characters=("Mia", "Grandpa Joe"), objects=("lantern",)):
    return {"setting": setting, "time_of_day": time_of_day, "characters": list(characters), "objects": list(objects)}


def picture(png: bytes) -> Image.Image:
    image = Image.open(BytesIO(png))
    image.load()
    return image


def png_of(colour, size=(300, 400)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def magenta_area(image: Image.Image) -> Image.Image:
    """A mask of the pixels that are (nearly) pure magenta."""
    red, green, blue = image.convert("RGB").split()
    return ImageChops.darker(
        ImageChops.darker(red.point(lambda v: 255 if v > 230 else 0), green.point(lambda v: 255 if v < 25 else 0)),
        blue.point(lambda v: 255 if v > 230 else 0),
    )


def test_it_draws_a_1024_png():
    png = draw_scene(brief(), look())

    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = picture(png)
    assert image.format == "PNG"
    assert image.size == (SIZE, SIZE) == (1024, 1024)
    assert image.mode == "RGB"
    assert len(image.getcolors(maxcolors=1_000_000)) > 200  # a picture, not a flat fill


def test_night_is_darker_than_day():
    def brightness(time_of_day):
        return ImageStat.Stat(picture(draw_scene(brief(), look(time_of_day=time_of_day))).convert("L")).mean[0]

    day, dusk, night = brightness("day"), brightness("dusk"), brightness("night")
    assert night < day - 50
    assert night < dusk < day


def test_settings_look_different():
    images = {
        setting: picture(draw_scene(brief(), look(setting=setting))).resize((64, 64), Image.Resampling.BOX)
        for setting in SETTINGS + ("somewhere unknown",)
    }

    for (a, image_a), (b, image_b) in itertools.combinations(images.items(), 2):
        difference = sum(ImageStat.Stat(ImageChops.difference(image_a, image_b)).mean) / 3
        assert difference > 12, f"{a} and {b} look almost the same ({difference:.1f})"


def test_without_a_look_the_prompt_sets_the_scene():
    inferred = draw_scene(brief("The castle glowed under the moon as the night grew quiet"))
    told = draw_scene(
        brief("The castle glowed under the moon as the night grew quiet"),
        look(setting="castle", time_of_day="night", characters=(), objects=()),
    )
    daytime_forest = draw_scene(
        brief("The castle glowed under the moon as the night grew quiet"),
        look(setting="forest", time_of_day="day", characters=(), objects=()),
    )

    assert inferred == told
    assert inferred != daytime_forest


def test_it_is_deterministic():
    first = draw_scene(brief(), look())
    again = draw_scene(brief(), look())
    other_seed = draw_scene(
        ImageBrief(tier_slug="little-ones", prompt="A walk in the forest", scene_title="The Walk", seed=8), look()
    )

    assert first == again
    assert first != other_seed


def test_characters_and_objects_are_drawn():
    empty = picture(draw_scene(brief(), look(characters=(), objects=())))
    crowded = picture(
        draw_scene(brief(), look(characters=("Mia", "Sparky the dragon", "Bolt the robot"), objects=("key", "map")))
    )

    ground = (0, 600, SIZE, 900)
    changed = (
        ImageChops.difference(empty.crop(ground), crowded.crop(ground))
        .convert("L")
        .point(lambda v: 255 if v > 40 else 0)
    )
    assert changed.histogram()[255] > 40_000


def test_a_person_photo_appears_in_the_picture():
    nana = Person(name="Nana", relation="my grandma", photos=(Photo("nana.png", png_of(MAGENTA), "image/png"),))

    with_photo = picture(draw_scene(brief(people=(nana,)), look(characters=("Nana",))))
    without_photo = picture(draw_scene(brief(people=(Person(name="Nana"),)), look(characters=("Nana",))))

    area = magenta_area(with_photo)
    assert area.histogram()[255] > 20_000  # a locket about 200 pixels across
    left, top, right, bottom = area.getbbox()
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

    image = picture(draw_scene(brief(people=(person,)), look(characters=())))

    # Upright, the green half is on top: the locket's top is green and its bottom magenta.
    top_pixel, bottom_pixel = image.getpixel((136, 80)), image.getpixel((136, 200))
    assert top_pixel[1] > 180 and top_pixel[0] < 80
    assert bottom_pixel[0] > 180 and bottom_pixel[1] < 80


def test_a_broken_photo_is_skipped():
    broken = Person(name="Biscuit", photos=(Photo("biscuit.jpg", b"\xff\xd8 this is not really a jpeg", "image/jpeg"),))
    nana = Person(name="Nana", photos=(Photo("nana.png", png_of(MAGENTA), "image/png"),))

    only_broken = draw_scene(brief(people=(broken,)), look())
    assert only_broken == draw_scene(brief(people=(Person(name="Biscuit"),)), look())

    mixed = picture(draw_scene(brief(people=(broken, nana)), look()))
    left, top, right, bottom = magenta_area(mixed).getbbox()
    assert right < SIZE / 3  # Nana's locket takes the first spot the broken photo left free


def test_it_draws_without_the_dejavu_font(monkeypatch):
    monkeypatch.setattr(illustrator, "FONT_PATH", "/nowhere/NoSuchFont.ttf")
    illustrator._font.cache_clear()
    try:
        long_title = (
            "A very long title about a dragon, a robot and a grandmother who all went looking for the moon " * 2
        )
        image = picture(draw_scene(brief(scene_title=long_title), look()))
    finally:
        illustrator._font.cache_clear()

    assert image.size == (SIZE, SIZE)


def test_hints_are_understood_loosely():
    woods = draw_scene(brief(), look(setting="Enchanted Woods", time_of_day="evening"))
    forest = draw_scene(brief(), look(setting="forest", time_of_day="dusk"))

    assert woods == forest


def test_every_setting_of_the_offline_storyteller_has_its_own_drawing():
    from media_gen.providers.offline import storyteller

    for setting in storyteller.SETTINGS:
        prompt = f"{setting.capitalize()} setting by day: somewhere quiet."
        assert illustrator._known(setting, illustrator.SETTINGS, illustrator.SETTING_WORDS), setting
        assert illustrator._first_match(illustrator.SETTING_WORDS, prompt.lower()), setting
