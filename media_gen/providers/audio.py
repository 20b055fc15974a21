"""Speech as files browsers play: raw 16-bit PCM from a voice, encoded to MP3 with PyAV."""

import io
import wave

import av

MP3_BIT_RATE = 64_000  # plenty for one voice, and a tenth of the size of the PCM


def pcm_to_mp3(pcm: bytes, rate: int) -> bytes:
    """Mono signed 16-bit little-endian samples at `rate` Hz, as an MP3 file."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=rate, layout="mono")
        stream.bit_rate = MP3_BIT_RATE
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(pcm) // 2)
        frame.planes[0].update(pcm[: len(pcm) // 2 * 2])
        frame.sample_rate = rate
        # The encoder takes frames of its own size and sample format: the resampler cuts them.
        cutter = av.AudioResampler(
            format=stream.codec_context.format, layout="mono", rate=rate, frame_size=stream.codec_context.frame_size
        )
        for piece in [*cutter.resample(frame), *cutter.resample(None), None]:
            for packet in stream.encode(piece):
                container.mux(packet)
    return out.getvalue()


def wav_to_pcm(data: bytes) -> tuple[bytes, int]:
    """The samples and rate of a mono 16-bit WAV file (wave.Error when it is not one)."""
    with wave.open(io.BytesIO(data)) as wav:
        if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
            raise wave.Error("not mono 16-bit")
        return wav.readframes(wav.getnframes()), wav.getframerate()


def audio_mime(data: bytes) -> str | None:
    """The type of an audio file from its first bytes (MP3 or WAV), or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    return None
