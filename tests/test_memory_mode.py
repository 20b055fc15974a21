"""Memory mode: the tier's people in the text, and their photos with every picture request."""

import pytest

from media_gen import briefs, jobs
from media_gen.providers.base import ImageResult, ModelSpec
from media_gen.providers.offline import OfflineProvider
from stories.models import ImageModel
from tests.helpers import draw, make_story, play, write
from tests.photos import MAGENTA, magenta_pixels, make_person, photo_bytes

pytestmark = pytest.mark.django_db


class RecordingIllustrator:
    """Stands in for any image provider and keeps every brief it is sent (text is written offline)."""

    def __init__(self):
        self.briefs = []
        self.writer = OfflineProvider(ModelSpec("offline"))

    async def write_scene(self, brief, on_draft=None):
        return await self.writer.write_scene(brief, on_draft)

    async def draw(self, brief):
        self.briefs.append(brief)
        return ImageResult(data=photo_bytes(), mime="image/png")


@pytest.fixture
def illustrator(monkeypatch):
    """Every image model's calls go to a recorder; text is still written offline."""
    recorder = RecordingIllustrator()
    monkeypatch.setattr(jobs, "get_provider", lambda spec: recorder)
    return recorder


@pytest.fixture
def zephyrine():
    return make_person(
        "kids", "Zephyrine", relation="my sister", description="curly red hair", photos=[photo_bytes(color=MAGENTA)]
    )


def sent_photos(brief):
    return [photo for person in brief.people for photo in person.photos]


def test_cast_is_empty_without_memory_mode(zephyrine):
    story, _ = make_story("kids", memory_mode=False)
    assert briefs.cast(story) == ()
    assert briefs.cast(story, with_photos=True) == ()


def test_cast_gives_the_tiers_people_in_order_with_photos_only_on_request(zephyrine):
    make_person("kids", "Grandpa Joe")
    story, _ = make_story("kids", memory_mode=True)

    names = briefs.cast(story)
    assert [(p.name, p.relation, p.description, p.photos) for p in names] == [
        ("Zephyrine", "my sister", "curly red hair", ()),
        ("Grandpa Joe", "", "", ()),
    ]
    with_photos = briefs.cast(story, with_photos=True)
    (photo,) = with_photos[0].photos
    stored = zephyrine.photos.get()
    with stored.file.open("rb") as handle:
        assert photo.data == handle.read()
    assert photo.mime == "image/jpeg"
    assert photo.filename == f"{stored.id}.jpg"
    assert with_photos[1].photos == ()


def test_cast_skips_a_photo_gone_from_disk(zephyrine, media_root):
    make_person("kids", "Zephyrine", photos=[photo_bytes()]).photos.get().file.delete(save=False)
    story, _ = make_story("kids", memory_mode=True)
    first, second = briefs.cast(story, with_photos=True)
    assert len(first.photos) == 1
    assert second.photos == ()


def test_a_memory_mode_story_is_written_around_the_tiers_people(zephyrine):
    _, scene = make_story("kids", prompt="A trip to the seaside", memory_mode=True)
    assert "Zephyrine" in write(scene).text


def test_every_picture_of_a_memory_mode_story_is_sent_the_photos(zephyrine, illustrator):
    _, scene = make_story("kids", memory_mode=True)
    scene = play(scene)
    play(scene.choose("1"))
    assert len(illustrator.briefs) == 2
    stored = zephyrine.photos.get()
    with stored.file.open("rb") as handle:
        data = handle.read()
    for brief in illustrator.briefs:
        assert [person.name for person in brief.people] == ["Zephyrine"]
        assert [photo.data for photo in sent_photos(brief)] == [data]


def test_the_offline_illustrator_works_the_photo_into_the_picture(zephyrine):
    _, scene = make_story("kids", prompt="A picnic in a sunny meadow", memory_mode=True)
    with play(scene).image.file.open("rb") as handle:
        assert magenta_pixels(handle.read()) > 5000  # a framed portrait of the magenta photo

    _, scene = make_story("kids", prompt="A picnic in a sunny meadow", memory_mode=False)
    with play(scene).image.file.open("rb") as handle:
        assert magenta_pixels(handle.read()) < 500


# Every seeded image model, hosted or not, with or without reference support.
SEEDED_IMAGE_MODELS = ["gpt-image-1-mini", "gpt-image-1", "gpt-image-1.5", "grok-imagine", "gemini", "offline", "dalle"]


@pytest.mark.parametrize("model_key", SEEDED_IMAGE_MODELS)
def test_no_person_or_photo_is_sent_with_memory_mode_off_whatever_the_model(zephyrine, illustrator, model_key):
    _, scene = make_story("kids", image_model=model_key, memory_mode=False)
    draw(write(scene))
    (brief,) = illustrator.briefs
    assert brief.people == ()
    assert "Zephyrine" not in brief.prompt


def test_another_tiers_people_are_never_sent(illustrator):
    make_person("nsfw", "Vladislav", photos=[photo_bytes()])
    make_person("kids", "Zephyrine")
    _, scene = make_story("kids", memory_mode=True)
    scene = draw(write(scene))
    assert "Vladislav" not in scene.text
    (brief,) = illustrator.briefs
    assert [person.name for person in brief.people] == ["Zephyrine"]
    assert sent_photos(brief) == []


def test_a_model_without_reference_support_gets_names_but_no_photos(zephyrine, illustrator):
    ImageModel.objects.create(
        key="sketchbook", display_name="Sketchbook", provider="offline", supports_references=False
    )
    _, scene = make_story("kids", image_model="sketchbook", memory_mode=True)
    scene = draw(write(scene))
    assert "Zephyrine" in scene.text
    (brief,) = illustrator.briefs
    assert [person.name for person in brief.people] == ["Zephyrine"]
    assert sent_photos(brief) == []


def test_the_home_page_says_which_models_get_no_photos(client):
    assert "Photos are not sent" not in client.get("/kids/").content.decode()  # the offline illustrator takes them
    ImageModel.objects.create(
        key="sketchbook", display_name="Sketchbook", provider="offline", supports_references=False
    )
    assert "Photos are not sent to Sketchbook; names still are." in client.get("/kids/").content.decode()


def test_the_home_page_counts_the_tiers_people(client, zephyrine):
    make_person("nsfw", "Vladislav")
    body = client.get("/kids/").content.decode()
    assert "1 person from" in body and 'href="/kids/people/"' in body
    make_person("kids", "Grandpa Joe")
    assert "2 people from" in client.get("/kids/").content.decode()


def test_the_home_page_nudges_when_the_tier_has_no_people(client):
    make_person("nsfw", "Vladislav")
    body = client.get("/kids/").content.decode()
    assert "No one to bring in yet" in body and "add the family" in body
