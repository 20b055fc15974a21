"""Memory mode's people: each tier's family members and their reference photos."""

import logging

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stories.forms import NewPersonForm, NewPhotoForm, PersonForm, PhotoForm
from stories.models import Person, ReferencePhoto

log = logging.getLogger(__name__)

PHOTO_NOT_SAVED = (
    "We couldn't save that photo just now, so nothing was changed. Please try again later, "
    "and if it keeps happening, tell whoever looks after Storyteller."
)
# The form again with that reason: the server could not store what was sent (RFC 4918 §11.5).
INSUFFICIENT_STORAGE = 507


def get_person_for_tier(tier, person_id):
    """The person with this id in this tier; 404 for any other tier's person."""
    return get_object_or_404(Person.objects.for_tier(tier), pk=person_id)


def get_photo_for_tier(tier, person_id, photo_id):
    """One of this person's photos, in this tier; 404 for anything else."""
    photos = ReferencePhoto.objects.select_related("person").filter(tier=tier.slug, person_id=person_id)
    return get_object_or_404(photos, pk=photo_id)


def person_page(request, tier, person, failed_upload=None, status=400):
    """The person with their photos; after a refused upload, its messages and a 400 (or the status given)."""
    errors = (
        [error for field_errors in failed_upload.errors.values() for error in field_errors] if failed_upload else []
    )
    context = {"tier": tier, "person": person, "photos": person.photos.all(), "upload_errors": errors}
    return render(request, "stories/person.html", context, status=status if errors else 200)


def stored(form, store):
    """Run store(), which writes a photo to disk; if the disk refuses (full, say), the form
    gets a kind reason, the log gets the cause, and False is returned."""
    try:
        store()
    except OSError:
        log.exception("Could not store a reference photo")
        form.add_error("photo", PHOTO_NOT_SAVED)
        return False
    return True


@transaction.atomic
def add_person(form):
    """The person and their first photo, or neither: a photo that cannot be stored adds nobody."""
    person = form.save()
    if photo := form.cleaned_data["photo"]:
        person.add_photo(photo)  # a small local write, inside so that it can undo the person


@require_GET
def people(request, tier):
    people = Person.objects.for_tier(tier).prefetch_related("photos")
    return render(request, "stories/people.html", {"tier": tier, "people": people})


@require_http_methods(["GET", "POST"])
def person_add(request, tier):
    form = NewPersonForm(request.POST or None, request.FILES or None, instance=Person(tier=tier.slug))
    if form.is_valid():
        if stored(form, lambda: add_person(form)):
            messages.success(request, f"{form.instance.name} is one of the family now.")
            return redirect(form.instance)
        status = INSUFFICIENT_STORAGE
    else:
        status = 400 if form.errors else 200
    return render(request, "stories/person_form.html", {"tier": tier, "form": form}, status=status)


@require_GET
def person_detail(request, tier, person_id):
    return person_page(request, tier, get_person_for_tier(tier, person_id))


@require_http_methods(["GET", "POST"])
def person_edit(request, tier, person_id):
    person = get_person_for_tier(tier, person_id)
    form = PersonForm(request.POST or None, instance=person)
    if form.is_valid():
        form.save()
        messages.success(request, f"{person.name} was saved.")
        return redirect(person)
    context = {"tier": tier, "form": form, "person": person}
    return render(request, "stories/person_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def person_delete(request, tier, person_id):
    person = get_person_for_tier(tier, person_id)
    if request.method == "POST":
        person.delete()  # their photos' files go with the rows
        messages.success(request, f"{person.name} and their photos were deleted.")
        return redirect("stories:people", tier=tier)
    return render(request, "stories/person_delete.html", {"tier": tier, "person": person})


@require_POST
def photo_add(request, tier, person_id):
    person = get_person_for_tier(tier, person_id)
    form = NewPhotoForm(request.POST, request.FILES, person=person)
    if not form.is_valid():
        return person_page(request, tier, person, failed_upload=form)
    if not stored(form, lambda: person.add_photo(form.cleaned_data["photo"])):
        return person_page(request, tier, person, failed_upload=form, status=INSUFFICIENT_STORAGE)
    messages.success(request, f"Added a photo of {person.name}.")
    return redirect(person)


@require_POST
def photo_replace(request, tier, person_id, photo_id):
    photo = get_photo_for_tier(tier, person_id, photo_id)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return person_page(request, tier, photo.person, failed_upload=form)
    if not stored(form, lambda: photo.store(form.cleaned_data["photo"])):
        return person_page(request, tier, photo.person, failed_upload=form, status=INSUFFICIENT_STORAGE)
    messages.success(request, f"Replaced a photo of {photo.person.name}.")
    return redirect(photo.person)


@require_http_methods(["GET", "POST"])
def photo_remove(request, tier, person_id, photo_id):
    photo = get_photo_for_tier(tier, person_id, photo_id)
    if request.method == "POST":
        photo.delete()
        messages.success(request, f"Removed a photo of {photo.person.name}.")
        return redirect(photo.person)
    return render(request, "stories/person_delete.html", {"tier": tier, "person": photo.person, "photo": photo})
