"""The offline narrator: eSpeak NG, a real speech synthesiser, from the espeakng-loader wheel
(which bundles the library and its voice data), driven through ctypes."""

import ctypes
import threading
from functools import cache

import espeakng_loader

SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS: samples come to the callback, nothing plays
CHARS_UTF8 = 1
POSITION_CHARACTER = 1
RATE = 1  # espeakRATE, in words per minute
WORDS_PER_MINUTE = 150  # unhurried, for a child listening (eSpeak's own default is 175)

# (samples, count, events) → 0 to go on
SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)

# eSpeak keeps one global state (voice, callback): one reading at a time in a process.
_lock = threading.Lock()


class NarratorError(Exception):
    pass


@cache
def _engine():
    """The loaded library and its sample rate (Hz), initialised once per process."""
    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_SetSynthCallback.argtypes = [SYNTH_CALLBACK]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_Synth.argtypes = [
        ctypes.c_void_p,
        ctypes.c_size_t,
        ctypes.c_uint,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_uint,
        ctypes.c_void_p,
        ctypes.c_void_p,
    ]
    rate = lib.espeak_Initialize(SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0)
    if rate <= 0:
        raise NarratorError("eSpeak NG could not start.")
    return lib, rate


def speak(text: str, voice: str = "en-us") -> tuple[bytes, int]:
    """`text` read aloud by eSpeak NG: mono signed 16-bit samples, and their rate in Hz."""
    lib, rate = _engine()
    pieces = []

    def collect(samples, count, events):
        if count > 0:
            pieces.append(ctypes.string_at(samples, count * 2))
        return 0

    callback = SYNTH_CALLBACK(collect)  # kept referenced while eSpeak may call it
    encoded = text.encode()
    buffer = ctypes.create_string_buffer(encoded)
    with _lock:
        lib.espeak_SetSynthCallback(callback)
        if lib.espeak_SetVoiceByName((voice or "en-us").encode()) != 0:
            raise NarratorError(f"eSpeak NG has no voice called “{voice}”.")
        lib.espeak_SetParameter(RATE, WORDS_PER_MINUTE, 0)
        if lib.espeak_Synth(buffer, len(encoded) + 1, 0, POSITION_CHARACTER, 0, CHARS_UTF8, None, None) != 0:
            raise NarratorError("eSpeak NG could not read this text.")
        lib.espeak_Synchronize()
    return b"".join(pieces), rate
