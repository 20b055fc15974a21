"""The book to keep: the story as an EPUB 3 and as a printable PDF, streamed from the reader."""

import io
import os
import tracemalloc
import weakref
import zipfile
from pathlib import Path

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from ebooklib import ITEM_AUDIO, ITEM_DOCUMENT, ITEM_IMAGE, ITEM_VIDEO, epub
from PIL import Image
from pypdf import PdfReader

from gallery import books
from stories.models import AudioAsset, ImageAsset, ImageModel, Scene, VideoAsset, VoiceModel
from tests.fakes import make_image, sample_mp4
from tests.helpers import make_story

pytestmark = pytest.mark.django_db


def noisy_pictures(number):
    """A different picture for each scene, that doesn't compress (noise)."""
    out = io.BytesIO()
    Image.frombytes("RGB", (512, 512), os.urandom(512 * 512 * 3)).save(out, "PNG", compress_level=1)
    return out.getvalue()


def written_story(count, *, tier="kids", picture=None, clips=False, readings=False):
    """A story of `count` written, chosen scenes, each with a picture (and a clip and a reading).

    `picture(number)` makes each scene's picture; by default one small PNG for all.
    """
    story, first = make_story(tier=tier)
    picture = picture or (lambda number: make_image(64, 64, "a fox"))
    model = ImageModel.objects.get(key="offline")
    voice = VoiceModel.objects.get(key="offline-narrator")
    previous = None
    for number in range(1, count + 1):
        scene = (
            first
            if number == 1
            else Scene(story=story, number=number, previous=previous, choice_id="1", chosen_at=timezone.now())
        )
        scene.status, scene.title, scene.text = "complete", f"Scene title {number}", f"The fox walks on, step {number}."
        scene.choices = [{"id": "1", "text": f"Go on to {number + 1}"}] if number < count else []
        scene.is_ending = number == count
        scene.save()
        assets = [(ImageAsset, {"model": model}, "p.png", picture(number))]
        if clips:
            assets.append((VideoAsset, {"provider": "offline"}, "c.mp4", sample_mp4()))
        if readings:
            from tests.fakes.media import speech_file

            assets.append((AudioAsset, {"voice": voice}, "r.mp3", speech_file("The fox walks on.")))
        for model_class, fields, name, data in assets:
            asset = model_class(scene=scene, tier=story.tier, status="complete", **fields)
            asset.file.save(name, ContentFile(data), save=False)
            asset.save()
        previous = scene
    return story


def download(client, story, extension, **params):
    response = client.get(f"/{story.tier}/gallery/{story.id}/export.{extension}", params)
    assert response.status_code == 200, response.status_code
    assert response.streaming
    return response


def body(response):
    return b"".join(response.streaming_content)


def read_epub(data, tmp_path):
    path = tmp_path / "book.epub"
    path.write_bytes(data)
    return epub.read_epub(str(path))


def test_the_epub_holds_a_cover_and_every_scene_with_its_picture_clip_and_reading(client, tmp_path):
    story = written_story(3, clips=True, readings=True)
    response = download(client, story, "epub")
    assert response["Content-Type"] == "application/epub+zip"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    data = body(response)
    assert int(response["Content-Length"]) == len(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # EPUB OCF: mimetype first, stored
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/epub+zip"
    book = read_epub(data, tmp_path)
    assert book.get_metadata("DC", "title")[0][0] == str(story)
    assert book.get_metadata("DC", "identifier")[0][0] == f"urn:uuid:{story.id}"
    assert book.get_item_with_id("cover-img") is not None
    chapters = [item for item in book.get_items_of_type(ITEM_DOCUMENT) if item.file_name.startswith("scene-")]
    assert len(chapters) == 3
    for number, chapter in enumerate(sorted(chapters, key=lambda item: item.file_name), start=1):
        html = chapter.get_content().decode()
        assert f"The fox walks on, step {number}." in html
        assert f'src="images/scene-{number}.png"' in html
        assert f'<video src="videos/scene-{number}.mp4"' in html
        assert f'<audio src="audio/scene-{number}.mp3"' in html
        if number < 3:
            assert f"You chose: Go on to {number + 1}" in html
    images = {item.file_name for item in book.get_items_of_type(ITEM_IMAGE)}
    assert {"images/scene-1.png", "images/scene-2.png", "images/scene-3.png"} <= images
    assert {item.file_name for item in book.get_items_of_type(ITEM_VIDEO)} == {
        f"videos/scene-{n}.mp4" for n in (1, 2, 3)
    }
    assert {item.file_name for item in book.get_items_of_type(ITEM_AUDIO)} == {
        f"audio/scene-{n}.mp3" for n in (1, 2, 3)
    }
    assert book.get_item_with_href("videos/scene-1.mp4").get_content() == sample_mp4()


def test_the_epub_of_one_path_ends_at_its_scene(client, tmp_path):
    story = written_story(3)
    second = story.scenes.get(number=2)
    book = read_epub(body(download(client, story, "epub", scene=second.pk)), tmp_path)
    chapters = [item for item in book.get_items_of_type(ITEM_DOCUMENT) if item.file_name.startswith("scene-")]
    assert sorted(item.file_name for item in chapters) == ["scene-1.xhtml", "scene-2.xhtml"]


def test_the_pdf_is_a_title_page_then_a_page_a_scene_with_its_picture_and_text(client):
    story = written_story(4)
    response = download(client, story, "pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(body(response)))
    assert len(pdf.pages) == 5
    assert str(story) in " ".join(pdf.pages[0].extract_text().split())
    for number, page in enumerate(pdf.pages[1:], start=1):
        assert f"The fox walks on, step {number}." in page.extract_text()
        assert len(page.images) == 1
        width, height = (float(value) for value in page.mediabox.upper_right)
        assert (round(width), round(height)) == (595, 842)  # A4, its content inside Letter's too
    assert "The End" in pdf.pages[4].extract_text()


def test_a_scene_without_a_picture_is_still_a_page(client):
    story = written_story(2)
    ImageAsset.objects.filter(scene__number=2).update(status="failed")
    pdf = PdfReader(io.BytesIO(body(download(client, story, "pdf"))))
    assert len(pdf.pages) == 3 and len(pdf.pages[2].images) == 0


def test_the_pdf_holds_each_picture_at_print_size_not_the_file_from_disk(client):
    story = written_story(1, picture=lambda number: make_image(2400, 2400, "a fox"))
    pdf = PdfReader(io.BytesIO(body(download(client, story, "pdf"))))
    assert max(pdf.pages[1].images[0].image.size) == books.PRINT_PICTURE_PX


def peak_while_downloading(client, story, extension):
    """The most memory Python held while the book was made and sent, and the book's size."""
    tracemalloc.start()
    try:
        response = download(client, story, extension)
        length = sum(len(chunk) for chunk in response.streaming_content)
        return tracemalloc.get_traced_memory()[1], length
    finally:
        tracemalloc.stop()


PICTURE_BYTES = 512 * 512 * 3  # a noisy picture doesn't compress: about this on disk


def test_an_epub_of_fifty_scenes_takes_no_more_memory_than_one_of_five(client):
    five = written_story(5, picture=noisy_pictures)
    fifty = written_story(50, picture=noisy_pictures)
    peak_five, _ = peak_while_downloading(client, five, "epub")
    peak_fifty, length = peak_while_downloading(client, fifty, "epub")
    assert length > 50 * PICTURE_BYTES  # every picture is in the book
    assert peak_fifty < peak_five + PICTURE_BYTES, (peak_five, peak_fifty)


def test_a_pdf_is_laid_out_in_parts_each_gone_before_the_next_begins(client, monkeypatch):
    """fpdf2 keeps a document's pages (their pictures) until it is written: a long book is
    laid out in parts of a few pages, each written and freed before the next is begun."""
    documents, alive_at_each_start = [], []

    class WatchedBook(books.PictureBook):
        def __init__(self):
            alive_at_each_start.append(sum(document() is not None for document, _ in documents))
            super().__init__()
            documents.append((weakref.ref(self), self.pages))

    monkeypatch.setattr(books, "PictureBook", WatchedBook)
    story = written_story(12)
    pdf = PdfReader(io.BytesIO(body(download(client, story, "pdf"))))
    assert len(pdf.pages) == 13 and pdf.metadata.title == str(story)
    assert [len(pages) for _, pages in documents] == [5, 5, 3]  # PAGES_PER_PART, the title page first
    assert alive_at_each_start == [0, 0, 0]
    for number, page in enumerate(pdf.pages[1:], start=1):
        assert f"The fox walks on, step {number}." in page.extract_text()


def test_the_pdfs_parts_are_joined_reading_each_picture_from_its_file_as_it_is_written(client, monkeypatch):
    """qpdf's job copies a picture from its part's file only when it writes the book, so
    the joined pictures are never all in memory. A scribble on a part after the pages are
    gathered, as if by another process, shows in the book."""
    scribble = b"written-later"

    class ScribblingJob(pikepdf.Job):
        def __init__(self, args):
            super().__init__(args)
            self.second_part = Path(args[4])  # qpdf FIRST --pages . SECOND THIRD -- BOOK

        def run(self):
            gathered = self.create_pdf()
            data = self.second_part.read_bytes()
            jpeg_end = data.index(b"\xff\xd9\nendstream")  # the first picture's last bytes
            self.second_part.write_bytes(data[: jpeg_end - len(scribble)] + scribble + data[jpeg_end:])
            self.write_pdf(gathered)

    monkeypatch.setattr(pikepdf, "Job", ScribblingJob)
    story = written_story(12, picture=lambda number: make_image(64, 64, f"fox {number}"))
    book = pikepdf.open(io.BytesIO(body(download(client, story, "pdf"))))
    pictures = [image.read_raw_bytes() for page in book.pages[1:] for image in page.get_images().values()]
    assert len(pictures) == 12
    # The second part holds scenes 5 to 9 (the first, the title page and scenes 1 to 4).
    assert [scribble in picture for picture in pictures] == [number == 5 for number in range(1, 13)]


def test_the_books_are_only_for_the_tiers_own_stories(client):
    story = written_story(1, tier="nsfw")
    assert client.get(f"/kids/gallery/{story.id}/export.epub").status_code == 404
    assert client.get(f"/kids/gallery/{story.id}/export.pdf").status_code == 404
    signed_out = client.get(f"/nsfw/gallery/{story.id}/export.epub")
    assert signed_out.status_code == 302 and "/accounts/login/" in signed_out.url


def test_a_signed_in_grown_up_downloads_the_protected_tiers_book(client, grown_up):
    story = written_story(1, tier="nsfw")
    assert download(client, story, "pdf").status_code == 200


def test_a_path_that_is_not_this_storys_is_404(client):
    story = written_story(1)
    other = written_story(1)
    first_of_other = other.scenes.get()
    assert client.get(f"/kids/gallery/{story.id}/export.epub", {"scene": first_of_other.pk}).status_code == 404
    assert client.get(f"/kids/gallery/{story.id}/export.epub", {"scene": "not-a-uuid"}).status_code == 404


def test_the_reader_links_both_downloads(client):
    story = written_story(2)
    page = client.get(story.get_absolute_url()).content.decode()
    assert f"/kids/gallery/{story.id}/export.epub" in page and "Download as e-book" in page
    assert f"/kids/gallery/{story.id}/export.pdf" in page and "Download for printing" in page
