"""A story as a book to keep: an EPUB 3 (ebooklib) with its pictures, clips and narration,
or a printable PDF picture book (fpdf2, its parts joined by qpdf through pikepdf).

Both are written into a temporary file the view streams out, and neither holds more
than a few scenes' media however long the story. The EPUB reads each media file only
when the writer reaches it. fpdf2 keeps every page of a document (each picture
re-encoded at print size, about 100 KB) until it writes it, so the PDF is laid out in
parts of a few pages, each written to a file of its own and freed before the next; qpdf's
job then joins the parts, copying each picture from its part's file as it writes the
book (not through pikepdf.open, which would copy each picture into memory as its page is
added). Each part embeds its own subset of the font, about 8 KB.
"""

import gc
import io
import mimetypes
import shutil
import tempfile
from pathlib import Path

import pikepdf
from django.utils.html import escape, linebreaks
from ebooklib import epub
from fpdf import FPDF
from PIL import Image

from stories.models import DisplayState

# DejaVu covers every Latin, Greek and Cyrillic letter; PDF's own Helvetica only Latin-1.
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# A4 is 210 × 297 mm, Letter 215.9 × 279.4 mm: pages are A4 with everything inside the
# 180 × 250 mm both share, so either paper prints the whole page.
MARGIN_MM = 15
CONTENT_HEIGHT_MM = 250
PRINT_PICTURE_PX = 1200  # about 170 dpi across the page's width
# fpdf2 holds a part's pictures (print-sized JPEGs, up to a few hundred KB each for a
# photograph) until the part is written. Each part costs about 80 ms (the font is read and
# subset again), 8 KB of font in the book and 50 KB of qpdf's while it joins them.
PAGES_PER_PART = 5
EPUB_STYLE = b"""
body { font-family: serif; line-height: 1.5; }
img, video { display: block; max-width: 100%; height: auto; margin: 1em auto; }
audio { display: block; width: 100%; margin: 1em 0; }
.choice { font-style: italic; }
.the-end { text-align: center; font-weight: bold; }
"""


class StoredItem(epub.EpubItem):
    """A picture, clip or narration from media storage, read when the book is written."""

    def __init__(self, asset, file_name, media_type):
        super().__init__(uid=f"{asset.media_kind}-{asset.pk}", file_name=file_name, media_type=media_type)
        self.field_file = asset.file

    def get_content(self, default=None):
        with self.field_file.storage.open(self.field_file.name, "rb") as handle:
            return handle.read()


def media_type(asset):
    return mimetypes.guess_type(asset.file.name)[0] or "application/octet-stream"


def ready(scene, part):
    """The scene's picture, clip or narration when its file is there, else None."""
    return getattr(scene, part) if getattr(scene, f"{part}_state") == DisplayState.READY else None


def write_epub(story, scenes, dest):
    """An EPUB 3 of `scenes` into the binary file `dest`: a cover, then a chapter a scene."""
    book = epub.EpubBook()
    book.set_identifier(f"urn:uuid:{story.id}")
    title = str(story)
    book.set_title(title)
    book.set_language("en")
    book.add_author("Storyteller")
    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=EPUB_STYLE)
    book.add_item(style)
    chapters = []
    for scene in scenes:
        picture, clip, narration = ready(scene, "image"), ready(scene, "video"), ready(scene, "audio")
        if picture and not chapters and not book.get_item_with_id("cover-img"):
            with picture.file.open("rb") as handle:
                book.set_cover(f"cover{Path(picture.file.name).suffix}", handle.read())
        body = [f"<h1>{escape(scene.title or f'Scene {scene.number}')}</h1>"]
        for asset, tag in ((picture, "img"), (clip, "video"), (narration, "audio")):
            if asset is None:
                continue
            name = f"{asset.media_kind}/scene-{scene.number}{Path(asset.file.name).suffix}"
            book.add_item(StoredItem(asset, name, media_type(asset)))
            if tag == "img":
                body.append(f'<img src="{name}" alt="{escape(scene.title)}"/>')
            else:
                body.append(f'<{tag} src="{name}" controls="controls"></{tag}>')
        body.append(linebreaks(scene.text))
        if scene.taken:
            body.append(f'<p class="choice">You chose: {escape(scene.taken["text"])}</p>')
        if scene.is_ending:
            body.append('<p class="the-end">The End</p>')
        chapter = epub.EpubHtml(title=scene.title or f"Scene {scene.number}", file_name=f"scene-{scene.number}.xhtml")
        chapter.content = "\n".join(body)
        chapter.add_item(style)
        book.add_item(chapter)
        chapters.append(chapter)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = (["cover"] if book.get_item_with_id("cover") else []) + ["nav", *chapters]
    epub.write_epub(dest, book, {"epub3_pages": False, "raise_exceptions": True})


class PictureBook(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        self.set_margins(MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=297 - MARGIN_MM - CONTENT_HEIGHT_MM)
        if FONT_PATH.exists():
            self.add_font("Body", fname=FONT_PATH)
            self.body_font = "Body"
        else:
            self.body_font = "Helvetica"

    def say(self, text):
        """Text the font can set (Helvetica takes Latin-1 only)."""
        if self.body_font == "Body":
            return text
        for fancy, plain in {"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "…": "..."}.items():
            text = text.replace(fancy, plain)
        return text.encode("latin-1", "replace").decode("latin-1")


def print_picture(asset):
    """The picture as a JPEG of print size: a page holds it, not the file on disk."""
    with asset.file.open("rb") as handle, Image.open(handle) as picture:
        picture = picture.convert("RGB")
        picture.thumbnail((PRINT_PICTURE_PX, PRINT_PICTURE_PX))
        jpeg = io.BytesIO()
        picture.save(jpeg, "JPEG", quality=85)
    jpeg.seek(0)
    return jpeg


def write_pdf(story, scenes, dest):
    """A printable picture book of `scenes` into the binary file `dest`: a title page, then
    a page a scene with its picture large and its text under it, laid out in parts of
    PAGES_PER_PART pages (see the module's docstring)."""
    with tempfile.TemporaryDirectory(prefix="book-") as folder:
        folder = Path(folder)
        pages = [None, *scenes]  # None: the title page
        parts = []
        for start in range(0, len(pages), PAGES_PER_PART):
            pdf = PictureBook()
            pdf.set_title(str(story))
            pdf.set_creator("Storyteller")
            for scene in pages[start : start + PAGES_PER_PART]:
                if scene is None:
                    title_page(pdf, story)
                else:
                    scene_page(pdf, scene)
            parts.append(folder / f"part-{len(parts)}.pdf")
            pdf.output(parts[-1])
            # A document holds reference cycles: collected now, not at the collector's pace,
            # so its pictures are gone before the next part is laid out.
            del pdf
            gc.collect()
        book = folder / "book.pdf"
        join_pdfs(parts, book)
        with book.open("rb") as joined:
            shutil.copyfileobj(joined, dest)


def join_pdfs(parts, dest):
    """The pages of the PDF files `parts`, in order, as one PDF at the path `dest`; the
    first part's document information (the title) is the book's.

    qpdf's job reads each stream from its file only as it writes it; pikepdf.open sets
    qpdf's "immediate copy" on every PDF it opens, which would hold every picture.
    """
    first, *others = (str(part) for part in parts)
    pikepdf.Job(["qpdf", first, "--pages", ".", *others, "--", str(dest)]).run()


def title_page(pdf, story):
    width = pdf.epw
    pdf.add_page()
    pdf.set_font(pdf.body_font, size=30)
    pdf.set_y(100)
    pdf.multi_cell(width, 14, pdf.say(str(story)), align="C")
    pdf.set_font(pdf.body_font, size=12)
    pdf.multi_cell(
        width,
        8,
        pdf.say(f"Written by {story.text_model.display_name}, drawn by {story.image_model.display_name}"),
        align="C",
    )


def scene_page(pdf, scene):
    width = pdf.epw
    pdf.add_page()
    picture = ready(scene, "image")
    if picture is not None:
        try:
            pdf.image(print_picture(picture), x=MARGIN_MM + 20, w=width - 40, h=width - 40)
        except (OSError, ValueError):
            pass  # a picture that can't be read is left out, like on the screen
        pdf.ln(4)
    if scene.title:
        pdf.set_font(pdf.body_font, size=16)
        pdf.multi_cell(width, 8, pdf.say(scene.title))
    pdf.set_font(pdf.body_font, size=11)
    pdf.multi_cell(width, 5.5, pdf.say(scene.text))
    if scene.is_ending:
        pdf.ln(3)
        pdf.set_font(pdf.body_font, size=14)
        pdf.multi_cell(width, 8, "The End", align="C")
