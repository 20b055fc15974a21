"""Provider keys: which environment variables a model row may read its key from, and
keeping every configured key out of what is stored and logged.

An OpenAI-compatible model row names its key variable and its server in the admin. Were
any variable allowed, an admin could have the server send OPENAI_API_KEY (or the
database password) to a URL of their choosing; so a row may only name a variable the
operator set aside for it: one whose name starts with KEY_VARIABLE_PREFIX, or one listed
in settings.CUSTOM_KEY_VARIABLES. The hosted providers' own keys are never allowed.

Imported by the logging configuration, so it imports no models.
"""

import logging
import os
import re

from django.conf import settings

KEY_VARIABLE_PREFIX = "STORYTELLER_KEY_"
# Each hosted provider's key setting: sent only to that provider's base URL.
PROVIDER_KEY_SETTINGS = {"openai": "OPENAI_API_KEY", "xai": "XAI_API_KEY", "gemini": "GEMINI_API_KEY"}
HIDDEN = "[key hidden]"
# How providers echo a key they refuse: its last few characters after asterisks, perhaps
# with its first few before ("sk-proj-****abcd"). Hidden when four or more of them end a
# configured key: a tail that short is not the key, but it still names which key it was.
MASKED_KEY = re.compile(r"[\w-]*\*{3,}(?P<tail>[\w-]{4,})")


def key_variable_refusal(name):
    """Why a model row may not read its key from the variable `name`, or "" when it may."""
    if name in PROVIDER_KEY_SETTINGS.values():
        return (
            f"{name} is only ever sent to its own provider. To give this server the same key, "
            f"set it in a variable whose name starts with {KEY_VARIABLE_PREFIX}."
        )
    if not name.startswith(KEY_VARIABLE_PREFIX) and name not in settings.CUSTOM_KEY_VARIABLES:
        return (
            f"Model rows may not read {name}: name a variable that starts with {KEY_VARIABLE_PREFIX}, "
            "or one the operator listed in CUSTOM_KEY_VARIABLES."
        )
    return ""


def read_key_variable(name):
    """The key in the environment variable `name`, or "" when it is unset or not allowed."""
    if not name or key_variable_refusal(name):
        return ""
    return os.environ.get(name, "")


def configured_keys():
    """Every key the server holds: the providers' and those in the allowed key variables."""
    keys = {getattr(settings, setting, "") for setting in PROVIDER_KEY_SETTINGS.values()}
    keys.update(value for name, value in os.environ.items() if not key_variable_refusal(name))
    keys.discard("")
    return keys


def redact(text):
    """`text` with every configured key replaced, whatever wrote it (a provider echoing the
    key in an error, a traceback), and every masked echo of one ("sk-****abcd")."""
    text = str(text)
    keys = configured_keys()
    # Longest first: a key that contains another is hidden whole.
    for key in sorted(keys, key=len, reverse=True):
        text = text.replace(key, HIDDEN)

    def masked(match):
        ends_a_key = any(key.endswith(match["tail"]) for key in keys)
        return HIDDEN if ends_a_key else match[0]

    return MASKED_KEY.sub(masked, text)


class RedactKeys(logging.Filter):
    """A logging filter that hides every configured key in a record: message, arguments,
    exception and stack text.

    The record is changed in place, so every handler after this one (pytest's caplog
    included) sees it hidden as well; settings.LOGGING puts it on every handler.
    """

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: logging reports it itself
            return True
        record.msg, record.args = redact(message), ()
        if record.exc_info:
            # Formatters print exc_text instead of formatting exc_info again. The exception
            # object goes: a handler reading it directly would see the key.
            record.exc_text = redact(record.exc_text or logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
