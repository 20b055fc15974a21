import uuid
from functools import cached_property

from django import forms

from stories.models import ImageModel, Person, TextModel, VoiceModel, video_provider_name
from stories.photos import clean_photo

PROMPT_MAX_LENGTH = 1000


def default_model(models, *preferred_keys):
    by_key = {model.key: model for model in models}
    for key in preferred_keys:
        if key in by_key:
            return by_key[key]
    return models[0] if models else None


class StartStoryForm(forms.Form):
    prompt = forms.CharField(
        max_length=PROMPT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tell us what the story should be about."},
    )
    text_model = forms.ModelChoiceField(queryset=TextModel.objects.none(), to_field_name="key", empty_label=None)
    image_model = forms.ModelChoiceField(queryset=ImageModel.objects.none(), to_field_name="key", empty_label=None)
    memory_mode = forms.BooleanField(required=False)
    video_mode = forms.BooleanField(required=False)
    narration = forms.BooleanField(required=False)
    # One per rendered form, so the same form sent twice starts one story.
    token = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, tier, **kwargs):
        super().__init__(*args, **kwargs)
        self.tier = tier
        self.text_models = tier.text_models()
        self.image_models = tier.image_models()
        self.video_available = video_provider_name() is not None
        self.voice = VoiceModel.default_for(tier)  # who reads aloud, when narration is on
        self.fields["prompt"].widget.attrs["placeholder"] = tier.idea_placeholder
        unavailable = "That model isn't available right now. Pick another one."
        self.fields["text_model"].queryset = TextModel.objects.filter(pk__in=[m.pk for m in self.text_models])
        self.fields["text_model"].error_messages["invalid_choice"] = unavailable
        self.fields["image_model"].queryset = ImageModel.objects.filter(pk__in=[m.pk for m in self.image_models])
        self.fields["image_model"].error_messages["invalid_choice"] = unavailable
        text_default = default_model(self.text_models, tier.default_text_model)
        image_default = default_model(self.image_models, tier.default_image_model)
        self.fields["text_model"].initial = text_default and text_default.key
        self.fields["image_model"].initial = image_default and image_default.key
        self.fields["text_model"].error_messages["required"] = self.cannot_start or "Pick a storyteller."
        self.fields["image_model"].error_messages["required"] = self.cannot_start or "Pick an illustrator."

    @cached_property
    def cannot_start(self):
        """Why no story can begin in this tier right now (no model to pick), or "".

        The page says it by a disabled button before anyone types an idea.
        """
        missing = [
            name
            for name, models in [("storyteller", self.text_models), ("illustrator", self.image_models)]
            if not models
        ]
        if not missing:
            return ""
        return (
            f"There is no {' and no '.join(missing)} to pick right now, so a story can't begin yet. "
            "Whoever looks after Storyteller can switch one on in the admin."
        )

    @cached_property
    def people_count(self):
        """How many people memory mode would bring into a story of this tier."""
        return Person.objects.for_tier(self.tier).count()

    def models_without_photos(self):
        """Image models on offer that take no reference photos: memory mode sends them names only."""
        return [model for model in self.image_models if not model.supports_references]

    def image_model_groups(self):
        """Available image models grouped by provider, for the picker."""
        groups = {}
        for model in self.image_models:
            groups.setdefault(model.get_provider_display(), []).append(model)
        return groups.items()

    def clean_prompt(self):
        prompt = self.cleaned_data["prompt"].strip()
        if not prompt:
            raise forms.ValidationError("Tell us what the story should be about.")
        return prompt

    def clean(self):
        cleaned = super().clean()
        # Without a video provider the story runs image-only; the view says so.
        self.video_dropped = cleaned.get("video_mode") and not self.video_available
        if self.video_dropped:
            cleaned["video_mode"] = False
        # No voice available: nothing to narrate with, and the toggle was not shown.
        cleaned["narration"] = bool(cleaned.get("narration") and self.voice)
        return cleaned


class PhotoField(forms.FileField):
    """A reference photo upload; cleans to a re-encoded stories.photos.CleanPhoto."""

    widget = forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
    default_error_messages = {
        "required": "Choose a photo to upload.",
        "empty": "That file is empty.",
        "invalid": "That upload didn't arrive. Please try again.",
    }

    def to_python(self, data):
        upload = super().to_python(data)
        return upload and clean_photo(upload)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "relation", "description"]
        widgets = {
            "name": forms.TextInput(attrs={"placeholder": "Ava", "autocomplete": "off"}),
            "relation": forms.TextInput(attrs={"placeholder": "my little sister"}),
            "description": forms.Textarea(
                attrs={"rows": 2, "placeholder": "7 years old, curly red hair, green glasses"}
            ),
        }
        labels = {"relation": "Who they are to the reader", "description": "What they look like"}
        help_texts = {"relation": "", "description": ""}  # the labels say it on these pages
        error_messages = {"name": {"required": "Every person needs a name."}}


class NewPersonForm(PersonForm):
    """Adding someone, with a first photo if the family has one to hand."""

    photo = PhotoField(required=False, help_text="A JPEG, PNG or WebP of their face.")


class PhotoForm(forms.Form):
    photo = PhotoField()


class NewPhotoForm(PhotoForm):
    """One more photo for a person, up to Person.MAX_PHOTOS."""

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean(self):
        if not self.person.has_room_for_photos:
            raise forms.ValidationError(
                f"Each person can have up to {Person.MAX_PHOTOS} photos. Replace or remove one first."
            )
        return super().clean()
