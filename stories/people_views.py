"""Memory mode's people: each tier's family members and their reference photos."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stories.forms import NewPersonForm, NewPhotoForm, PersonForm, PhotoForm
from stories.models import Person, ReferencePhoto


def get_person_for_tier(tier, person_id):
    """The person with this id in this tier; 404 for any other tier's person."""
    return get_object_or_404(Person.objects.for_tier(tier), pk=person_id)


def get_photo_for_tier(tier, person_id, photo_id):
    """One of this person's photos, in this tier; 404 for anything else."""
    photos = ReferencePhoto.objects.select_related("person").filter(tier=tier.slug, person_id=person_id)
    return get_object_or_404(photos, pk=photo_id)


def person_page(request, tier, person, failed_upload=None):
    """The person with their photos; after a refused upload, its messages and a 400."""
    errors = [error for field_errors in failed_upload.errors.values() for error in field_errors] if failed_upload else []
    context = {"tier": tier, "person": person, "photos": person.photos.all(), "upload_errors": errors}
    return render(request, "stories/person.html", context, status=400 if errors else 200)


@require_GET
def people(request, tier):
    people = Person.objects.for_tier(tier).prefetch_related("photos")
    return render(request, "stories/people.html", {"tier": tier, "people": people})


@require_http_methods(["GET", "POST"])
def person_add(request, tier):
    form = NewPersonForm(request.POST or None, request.FILES or None, instance=Person(tier=tier.slug))
    if form.is_valid():
        person = form.save()
        if photo := form.cleaned_data["photo"]:
            person.add_photo(photo)
        messages.success(request, f"{person.name} is one of the family now.")
        return redirect(person)
    return render(request, "stories/person_form.html", {"tier": tier, "form": form}, status=400 if form.errors else 200)


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
    person.add_photo(form.cleaned_data["photo"])
    messages.success(request, f"Added a photo of {person.name}.")
    return redirect(person)


@require_POST
def photo_replace(request, tier, person_id, photo_id):
    photo = get_photo_for_tier(tier, person_id, photo_id)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return person_page(request, tier, photo.person, failed_upload=form)
    photo.store(form.cleaned_data["photo"])
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
