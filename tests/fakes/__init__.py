"""Protocol-faithful fake AI-provider HTTP servers for tests (real HTTP on 127.0.0.1).

from tests.fakes import FakeOpenAI, FakeXAI, FakeGemini

with FakeOpenAI() as fake:
    client = openai.AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0)
"""

from .fake_gemini import FakeGemini
from .fake_openai import FakeOpenAI
from .fake_xai import FakeXAI, VideoJob
from .media import audio_peak, audio_seconds, colour_for, make_image, sample_mp4
from .server import Headers, Mode, Part, Recorded, Response
from .textgen import DEFAULT_SCENE

__all__ = [
    "FakeOpenAI",
    "FakeXAI",
    "FakeGemini",
    "Recorded",
    "Response",
    "Mode",
    "Part",
    "Headers",
    "VideoJob",
    "DEFAULT_SCENE",
    "audio_peak",
    "audio_seconds",
    "colour_for",
    "make_image",
    "sample_mp4",
]
