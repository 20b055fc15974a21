"""Reference photo uploads: only real photos get in, re-encoded and stripped of metadata."""

import errno
import random
from io import BytesIO

import pytest
from django.db import DatabaseError
from django.urls import reverse
from PIL import ExifTags, Image

from stories.models import Person, ReferencePhoto
from stories.photos import clean_photo
from stories.storage import AtomicFileSystemStorage
from tests.photos import MAGENTA, blank_png, make_person, photo_bytes, upload

pytestmark = pytest.mark.django_db

UNREADABLE = "That file isn&#x27;t a photo we can read — use a JPEG, PNG or WebP."


@pytest.fixture
def person():
    return make_person("kids", "Ava")


def add_photo(client, person, data, name="photo.png"):
    url = reverse("stories:photo_add", kwargs={"tier": person.tier, "person_id": person.id})
    return client.post(url, {"photo": upload(data, name)})


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def stored_image(photo):
    with photo.file.open("rb") as handle:
        data = handle.read()
    return data, Image.open(BytesIO(data))


def assert_refused(response, person, media_root, message):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not person.photos.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_jpeg_png_or_webp_photo_is_stored_under_the_tiers_photo_folder(client, person, media_root, fmt):
    response = add_photo(client, person, photo_bytes(fmt), name="whatever.bin")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    photo = person.photos.get()
    assert photo.tier == "kids"
    assert photo.file.name == f"kids/photos/{photo.id}.jpg"
    assert stored_files(media_root) == [media_root / "kids" / "photos" / f"{photo.id}.jpg"]
    _, image = stored_image(photo)
    assert image.format == "JPEG" and image.size == (64, 48) == (photo.width, photo.height)


def test_a_photo_with_transparency_stays_a_png(client, person):
    add_photo(client, person, photo_bytes("PNG", mode="RGBA", color=(255, 0, 255, 128)))
    photo = person.photos.get()
    assert photo.file.name.endswith(".png")
    assert photo.mime == "image/png"
    _, image = stored_image(photo)
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 128


def test_a_text_file_named_png_is_refused(client, person, media_root):
    response = add_photo(client, person, b"Dear diary, today I renamed a text file.\n" * 20, name="ava.png")
    assert_refused(response, person, media_root, UNREADABLE)


def test_a_gif_is_refused(client, person, media_root):
    response = add_photo(client, person, photo_bytes("GIF", mode="P", color=1), name="ava.gif")
    assert_refused(response, person, media_root, UNREADABLE)


def test_a_truncated_jpeg_is_refused(client, person, media_root):
    whole = photo_bytes("JPEG", size=(400, 300))
    response = add_photo(client, person, whole[: len(whole) // 2], name="ava.jpg")
    assert_refused(response, person, media_root, "That photo seems to be damaged or cut short")


def test_a_decompression_bomb_is_refused(client, person, media_root):
    bomb = blank_png(20000, 20000)  # 400 megapixels in under 50 KB
    assert len(bomb) < 100_000
    response = add_photo(client, person, bomb, name="bomb.png")
    assert_refused(response, person, media_root, "That photo has too many pixels (max 40 megapixels).")


def test_a_photo_just_over_the_pixel_limit_is_refused(client, person, media_root):
    response = add_photo(client, person, blank_png(8000, 5001), name="wide.png")
    assert_refused(response, person, media_root, "That photo has too many pixels (max 40 megapixels).")


def test_an_oversized_file_is_refused(client, person, media_root):
    response = add_photo(client, person, b"\xff" * (10 * 1024 * 1024 + 1), name="huge.jpg")
    assert_refused(response, person, media_root, "That photo is too large (max 10 MB).")


def test_the_size_limit_is_a_setting(client, person, media_root, settings):
    settings.PHOTO_MAX_BYTES = 512 * 1024
    noisy = Image.frombytes("RGB", (600, 600), random.Random(1).randbytes(600 * 600 * 3))  # noise: PNG can't shrink it
    out = BytesIO()
    noisy.save(out, "PNG")
    assert len(out.getvalue()) > settings.PHOTO_MAX_BYTES
    response = add_photo(client, person, out.getvalue())
    assert_refused(response, person, media_root, "That photo is too large (max 0.5 MB).")


def test_an_empty_file_is_refused(client, person, media_root):
    response = add_photo(client, person, b"", name="empty.jpg")
    assert_refused(response, person, media_root, "That file is empty.")


def test_no_file_at_all_is_refused(client, person, media_root):
    response = client.post(reverse("stories:photo_add", kwargs={"tier": "kids", "person_id": person.id}))
    assert_refused(response, person, media_root, "Choose a photo to upload.")


def test_gps_and_other_exif_metadata_are_stripped(client, person):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    original = photo_bytes("JPEG", exif=exif)
    assert Image.open(BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the upload has a location

    add_photo(client, person, original, name="holiday.jpg")
    data, image = stored_image(person.photos.get())
    assert "exif" not in image.info
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"Exif" not in data and b"PhoneCo" not in data


def test_the_exif_orientation_is_applied_before_it_is_stripped(client, person):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the phone was held sideways: rotate 90° to view
    add_photo(client, person, photo_bytes("JPEG", size=(64, 48), exif=exif), name="sideways.jpg")
    _, image = stored_image(person.photos.get())
    assert image.size == (48, 64)


def test_a_big_photo_is_scaled_down(client, person):
    add_photo(client, person, photo_bytes("JPEG", size=(4000, 1000)))
    photo = person.photos.get()
    assert (photo.width, photo.height) == (2048, 512)


def test_a_bad_photo_when_adding_a_person_adds_nobody(client, media_root):
    response = client.post(
        reverse("stories:person_add", kwargs={"tier": "kids"}),
        {"name": "Ava", "photo": upload(b"not a photo", "ava.jpg")},
    )
    assert response.status_code == 400
    assert UNREADABLE in response.content.decode()
    assert 'value="Ava"' in response.content.decode()  # the rest of the form is kept
    assert not Person.objects.exists()
    assert stored_files(media_root) == []


def test_replacing_a_photo_swaps_the_file_and_deletes_the_old_one(
    client, person, media_root, django_capture_on_commit_callbacks
):
    add_photo(client, person, photo_bytes("PNG", color=(0, 128, 0)))
    photo = person.photos.get()
    old_path = media_root / photo.file.name
    url = reverse("stories:photo_replace", kwargs={"tier": "kids", "person_id": person.id, "photo_id": photo.id})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"photo": upload(photo_bytes("PNG", color=MAGENTA, size=(32, 32)))})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.file.name.startswith(f"kids/photos/{photo.id}")
    assert not old_path.exists()
    assert stored_files(media_root) == [media_root / photo.file.name]
    _, image = stored_image(photo)
    assert image.size == (32, 32) and image.getpixel((16, 16))[1] < 20  # magenta, not green


def test_a_bad_replacement_keeps_the_old_photo(client, person, media_root):
    add_photo(client, person, photo_bytes("PNG"))
    photo = person.photos.get()
    before = stored_files(media_root)
    url = reverse("stories:photo_replace", kwargs={"tier": "kids", "person_id": person.id, "photo_id": photo.id})
    response = client.post(url, {"photo": upload(b"GIF89a nope", "new.png")})
    assert response.status_code == 400
    assert UNREADABLE in response.content.decode()
    assert ReferencePhoto.objects.get().file.name == photo.file.name
    assert stored_files(media_root) == before


# A full disk: the reason on the form, the cause in the log, and every row with its file.

NOT_SAVED = "We couldn&#x27;t save that photo just now, so nothing was changed."


def fill_up_the_disk(monkeypatch):
    """From now on the disk fills up part way through writing any file."""
    write = AtomicFileSystemStorage._save

    def _save(self, name, content):
        def chunks():
            yield content.read(100)  # a first part reaches the disk
            raise OSError(errno.ENOSPC, "No space left on device")

        content.chunks = chunks
        return write(self, name, content)

    monkeypatch.setattr(AtomicFileSystemStorage, "_save", _save)


def assert_every_row_has_its_file_and_every_file_its_row(media_root):
    assert stored_files(media_root) == sorted(media_root / photo.file.name for photo in ReferencePhoto.objects.all())


def assert_not_saved_kindly(response, caplog):
    assert response.status_code == 507
    assert NOT_SAVED in response.content.decode()
    assert "No space left" not in response.content.decode()
    # The log keeps the exception as text (with any key hidden: storyteller.keys.RedactKeys).
    assert any("No space left" in (record.exc_text or "") for record in caplog.records)


def test_a_full_disk_when_adding_a_person_with_a_photo_adds_nobody(client, media_root, caplog, monkeypatch):
    fill_up_the_disk(monkeypatch)
    response = client.post(
        reverse("stories:person_add", kwargs={"tier": "kids"}), {"name": "Ava", "photo": upload(photo_bytes())}
    )
    assert_not_saved_kindly(response, caplog)
    assert 'value="Ava"' in response.content.decode()  # the form again, as it was filled in
    assert not Person.objects.exists()
    assert stored_files(media_root) == []


def test_a_full_disk_when_adding_a_photo_keeps_the_photos_there_were(client, media_root, caplog, monkeypatch):
    person = make_person("kids", "Ava", photos=[photo_bytes()])
    fill_up_the_disk(monkeypatch)
    response = add_photo(client, person, photo_bytes("JPEG"))
    assert_not_saved_kindly(response, caplog)
    assert person.photos.count() == 1
    assert_every_row_has_its_file_and_every_file_its_row(media_root)


def test_a_full_disk_when_replacing_a_photo_keeps_the_old_one(client, media_root, caplog, monkeypatch):
    person = make_person("kids", "Ava", photos=[photo_bytes()])
    photo = person.photos.get()
    fill_up_the_disk(monkeypatch)
    url = reverse("stories:photo_replace", kwargs={"tier": "kids", "person_id": person.id, "photo_id": photo.id})
    response = client.post(url, {"photo": upload(photo_bytes("JPEG"))})
    assert_not_saved_kindly(response, caplog)
    assert ReferencePhoto.objects.get().file.name == photo.file.name
    assert_every_row_has_its_file_and_every_file_its_row(media_root)


def test_a_photo_whose_row_cannot_be_saved_takes_its_new_file_with_it(person, media_root, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(ReferencePhoto, "save", fail)
    with pytest.raises(DatabaseError):
        person.add_photo(clean_photo(upload(photo_bytes())))
    assert stored_files(media_root) == []
