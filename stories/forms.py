from django import forms

from media_gen.models import ImageModel, TextModel
from media_gen.providers import video_provider_available

PROMPT_MAX_LENGTH = 1000

# FR-005: the tier's default, else GPT Image 1, else the first available model.
FALLBACK_IMAGE_MODEL = "gpt-image-1"


def default_model(models, *preferred_keys):
    by_key = {model.key: model for model in models}
    for key in preferred_keys:
        if key in by_key:
            return by_key[key]
    return models[0] if models else None


class StartStoryForm(forms.Form):
    prompt = forms.CharField(
        max_length=PROMPT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "A brave girl named Ava finds a dragon egg…"}),
        error_messages={"required": "Tell us what the story should be about."},
    )
    text_model = forms.ModelChoiceField(queryset=TextModel.objects.none(), to_field_name="key", empty_label=None)
    image_model = forms.ModelChoiceField(queryset=ImageModel.objects.none(), to_field_name="key", empty_label=None)
    memory_mode = forms.BooleanField(required=False)
    video_mode = forms.BooleanField(required=False)

    def __init__(self, *args, tier, **kwargs):
        super().__init__(*args, **kwargs)
        self.tier = tier
        self.text_models = tier.text_models()
        self.image_models = tier.image_models()
        self.video_available = video_provider_available()
        unavailable = "That model isn't available right now. Pick another one."
        self.fields["text_model"].queryset = TextModel.objects.filter(pk__in=[m.pk for m in self.text_models])
        self.fields["text_model"].error_messages["invalid_choice"] = unavailable
        self.fields["image_model"].queryset = ImageModel.objects.filter(pk__in=[m.pk for m in self.image_models])
        self.fields["image_model"].error_messages["invalid_choice"] = unavailable
        text_default = default_model(self.text_models, tier.default_text_model)
        image_default = default_model(self.image_models, tier.default_image_model, FALLBACK_IMAGE_MODEL)
        self.fields["text_model"].initial = text_default and text_default.key
        self.fields["image_model"].initial = image_default and image_default.key

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
        return cleaned

