"""Narration: a scene read aloud, by the OpenAI and Gemini voices (against the fake servers)
and the offline eSpeak NG narrator; its routes and its place on the scene page."""

import pytest
from django.urls import reverse

from stories.models import AudioAsset, Scene, VoiceModel
from stories.prompts import NARRATION_STYLE, narration_text
from tests.fakes import FakeGemini, FakeOpenAI, audio_peak, audio_seconds
from tests.helpers import POLLING, jobs_sent, make_story, narrate, play, serving, write

pytestmark = pytest.mark.django_db

openai_fake = serving(FakeOpenAI, "OPENAI", "sk-test-openai-key")
gemini_fake = serving(FakeGemini, "GEMINI", "gemini-test-key")


def url(scene, name, tier="kids"):
    return reverse(name, kwargs={"tier": tier, "scene_id": scene.id})


def use_voice(settings, key):
    settings.STORYTELLER_TIERS = {
        slug: {**config, "default_voice": key} for slug, config in settings.STORYTELLER_TIERS.items()
    }


def narrated(scene):
    """A written scene, read aloud by the tier's voice."""
    scene = write(scene)
    AudioAsset.queue_for(scene)
    return narrate(Scene.objects.get(pk=scene.pk))


def stored(media_root, audio):
    return (media_root / audio.file.name).read_bytes()


def plausible_length(seconds, text):
    """A reading takes between one and five words a second."""
    words = len(text.split())
    return words / 5 <= seconds <= words


def test_openai_reads_the_scene_with_its_model_voice_and_a_storyteller_instruction(openai_fake, settings, media_root):
    use_voice(settings, "openai-storyteller")
    _, scene = make_story(tier="nsfw")
    scene = narrated(scene)
    audio = scene.audio
    assert audio.status == "complete", audio.error
    request = openai_fake.last(FakeOpenAI.SPEECH)
    assert request.json == {
        "model": "gpt-4o-mini-tts",
        "voice": "coral",
        "input": narration_text(scene),
        "instructions": NARRATION_STYLE,
        "response_format": "mp3",
    }
    assert scene.text in request.json["input"]
    assert audio.file.name == f"nsfw/audio/{audio.pk}.mp3"
    assert plausible_length(audio_seconds(stored(media_root, audio)), narration_text(scene))
    assert audio.voice.key == "openai-storyteller"


def test_openai_speech_is_retried_after_a_server_error(openai_fake, settings, waits):
    use_voice(settings, "openai-storyteller")
    openai_fake.server_error_next(FakeOpenAI.SPEECH, 503)
    _, scene = make_story()
    assert narrated(scene).audio.status == "complete"
    assert len(openai_fake.requests_to(FakeOpenAI.SPEECH)) == 2
    assert len(waits) == 1


def test_a_refused_openai_key_fails_the_reading_readably(openai_fake, settings, client):
    use_voice(settings, "openai-storyteller")
    openai_fake.fail_next(FakeOpenAI.SPEECH, 401, code="invalid_api_key")
    _, scene = make_story()
    audio = narrated(scene).audio
    assert audio.status == "failed"
    assert audio.error == "The OpenAI key was refused — check OPENAI_API_KEY."
    page = client.get(url(scene, "stories:scene")).content.decode()
    assert "We couldn't read this scene aloud." in page and "check OPENAI_API_KEY" in page
    assert url(scene, "stories:audio_retry") in page


@pytest.mark.parametrize("speech_format", ["pcm", "wav"])
def test_gemini_reads_the_scene_with_its_voice_and_its_pcm_becomes_an_mp3(
    gemini_fake, settings, media_root, speech_format
):
    gemini_fake.speech_format = speech_format
    use_voice(settings, "gemini-storyteller")
    _, scene = make_story()
    scene = narrated(scene)
    audio = scene.audio
    assert audio.status == "complete", audio.error
    request = gemini_fake.last()
    assert request.path.endswith("/models/gemini-3.8-flash-tts:generateContent")
    config = request.json["generationConfig"]
    assert config["responseModalities"] == ["AUDIO"]
    assert config["speechConfig"] == {"voice_config": {"prebuilt_voice_config": {"voice_name": "Sulafat"}}}
    part = request.json["contents"][0]["parts"][0]
    assert part == {"text": narration_text(scene), "speechMetadata": {"style": NARRATION_STYLE}}
    data = stored(media_root, audio)
    assert audio.file.name.endswith(".mp3") and data[:3] == b"ID3" or data[0] == 0xFF
    assert plausible_length(audio_seconds(data), narration_text(scene))


def test_gemini_speech_waits_out_a_rate_limit_then_reads(gemini_fake, settings, waits):
    use_voice(settings, "gemini-storyteller")
    gemini_fake.rate_limit_next(retry_delay="1s")
    _, scene = make_story()
    assert narrated(scene).audio.status == "complete"
    assert waits and waits[0] >= 1


def test_gemini_answering_without_speech_fails_for_good(gemini_fake, settings):
    use_voice(settings, "gemini-storyteller")
    gemini_fake.block_prompt_next("PROHIBITED_CONTENT")
    _, scene = make_story()
    audio = narrated(scene).audio
    assert audio.status == "failed"
    assert audio.error.startswith("Blocked by Gemini's safety system (PROHIBITED_CONTENT)")
    assert len(gemini_fake.requests) == 1


def test_the_offline_narrator_reads_a_scene_as_speech_length_sound(media_root):
    _, scene = make_story()
    scene = narrated(scene)
    audio = scene.audio
    assert audio.status == "complete", audio.error
    assert audio.voice.key == "offline-narrator" and audio.voice.display_name == "Offline narrator"
    data = stored(media_root, audio)
    assert plausible_length(audio_seconds(data), narration_text(scene))
    assert audio_peak(data) > 0.1  # a voice, not silence


def test_a_voice_without_a_key_is_not_available_and_the_tier_falls_back_to_one_that_is(settings):
    settings.OPENAI_API_KEY = ""
    use_voice(settings, "openai-storyteller")
    from storyteller.tiers import get_tier

    assert "openai-storyteller" not in [voice.key for voice in VoiceModel.objects.available()]
    assert VoiceModel.default_for(get_tier("kids")).key == "gemini-storyteller" if settings.GEMINI_API_KEY else True
    settings.GEMINI_API_KEY = ""
    assert VoiceModel.default_for(get_tier("kids")).key == "offline-narrator"


def test_read_to_me_asks_for_the_reading_once_and_the_part_polls_until_it_is_ready(
    client, django_capture_on_commit_callbacks
):
    _, scene = make_story()
    scene = play(scene)
    page = client.get(url(scene, "stories:scene")).content.decode()
    assert "Read to me" in page
    assert client.get(url(scene, "stories:audio")).json() == {"status": "none"}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asked = client.post(url(scene, "stories:audio"), HTTP_HX_REQUEST="true").content.decode()
        client.post(url(scene, "stories:audio"), HTTP_HX_REQUEST="true")  # a second tap
    assert len(jobs_sent(callbacks)) == 1 and AudioAsset.objects.count() == 1
    assert 'id="scene-audio"' in asked and POLLING in asked
    assert client.get(url(scene, "stories:audio")).json() == {"status": "pending", "voice": "Offline narrator"}
    scene = narrate(scene)
    done = client.get(url(scene, "stories:audio"), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done
    # Its length shows before a press; the page plays it as it arrives (tests/test_browser_narration.py).
    assert f'<audio src="/kids/media/audio/{scene.audio.pk}" controls preload="metadata">' in done
    assert client.get(url(scene, "stories:audio")).json() == {
        "status": "complete",
        "url": f"/kids/media/audio/{scene.audio.pk}",
        "voice": "Offline narrator",
    }
    scene_json = client.get(url(scene, "stories:scene"), HTTP_ACCEPT="application/json").json()
    assert scene_json["audio"]["status"] == "complete"


def test_read_to_me_works_without_javascript(client):
    _, scene = make_story()
    scene = write(scene)
    response = client.post(url(scene, "stories:audio"))
    assert response.status_code == 302 and response.url == scene.get_absolute_url()
    assert AudioAsset.objects.get().scene_id == scene.pk


def test_narration_served_through_the_tier_media_route_with_ranges(client, media_root):
    _, scene = make_story()
    scene = narrated(scene)
    media = f"/kids/media/audio/{scene.audio.pk}"
    response = client.get(media, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206 and response["Content-Type"] == "audio/mpeg"
    assert len(b"".join(response.streaming_content)) == 100
    assert client.get(f"/nsfw/media/audio/{scene.audio.pk}").status_code in (302, 404)


def test_a_scene_nobody_chose_is_never_read(client):
    _, scene = make_story()
    scene = write(scene)
    ahead = scene.branches.get(choice_id="1")  # written ahead: nobody has chosen it
    Scene.objects.filter(pk=ahead.pk).update(status="complete", text="Ahead.")
    ahead.refresh_from_db()
    assert not ahead.is_chosen
    assert AudioAsset.queue_for(ahead) is None
    client.post(url(ahead, "stories:audio"), HTTP_ACCEPT="application/json")
    assert not AudioAsset.objects.exists()
    assert "Read to me" not in client.get(url(ahead, "stories:scene")).content.decode()


def test_a_scene_still_being_written_cannot_be_read_yet(client):
    _, scene = make_story()
    assert client.post(url(scene, "stories:audio"), HTTP_ACCEPT="application/json").json() == {"status": "none"}
    assert not AudioAsset.objects.exists()


def test_with_narration_on_every_chosen_scene_is_read_once_written(client, django_capture_on_commit_callbacks):
    story, scene = make_story(narration=True)
    assert client.get(url(scene, "stories:scene")).content.decode().count("The reading starts once") == 1
    scene = write(scene)
    assert scene.audio.status == "pending"
    next_scene = write(scene.choose("1"))
    assert next_scene.audio.status == "pending"


def test_the_start_form_turns_narration_on(client):
    page = client.get("/kids/").content.decode()
    assert 'name="narration"' in page and "Offline narrator reads each scene" in page
    client.post(
        "/kids/story/start", {"prompt": "A fox", "text_model": "offline", "image_model": "offline", "narration": "on"}
    )
    from stories.models import Story

    assert Story.objects.get().narration is True


def test_a_failed_reading_is_retried(client, django_capture_on_commit_callbacks):
    _, scene = make_story()
    scene = narrated(scene)
    AudioAsset.objects.filter(pk=scene.audio.pk).update(status="failed", error="The voice was busy.")
    assert client.get(url(scene, "stories:audio")).json()["error"] == "The voice was busy."
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url(scene, "stories:audio_retry"), HTTP_ACCEPT="application/json")
    assert response.json()["status"] == "pending" and len(jobs_sent(callbacks)) == 1
    assert narrate(scene).audio.status == "complete"


def test_the_reading_goes_with_its_scene(media_root, django_capture_on_commit_callbacks):
    story, scene = make_story()
    scene = narrated(scene)
    path = media_root / scene.audio.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert not path.exists()


def test_another_tiers_scene_has_no_reading_here(client):
    _, scene = make_story(tier="nsfw")
    scene = write(scene)
    assert client.get(url(scene, "stories:audio", tier="kids")).status_code == 404
    assert client.post(url(scene, "stories:audio", tier="kids")).status_code == 404


def test_the_admin_lists_voices_without_their_keys_and_plays_readings(client, settings):
    from django.contrib.auth.models import User

    settings.OPENAI_API_KEY = "sk-secret-voice-key"
    _, scene = make_story()
    scene = narrated(scene)
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    voices = client.get("/admin/stories/voicemodel/").content.decode()
    assert "Offline narrator" in voices and "gpt-4o-mini-tts" in voices
    assert "sk-secret-voice-key" not in voices
    readings = client.get("/admin/stories/audioasset/").content.decode()
    assert f'<audio src="/kids/media/audio/{scene.audio.pk}" controls preload="none">' in readings
    assert client.get(f"/admin/stories/audioasset/{scene.audio.pk}/change/").status_code == 200
