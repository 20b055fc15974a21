"""What the web process checks before it serves: the system checks `manage.py` would run."""

import logging

from django.core import checks
from django.core.management.base import SystemCheckError

log = logging.getLogger(__name__)


def run_system_checks():
    """Log every warning; refuse to start on an error, saying what to fix."""
    found = checks.run_checks(include_deployment_checks=False)
    for message in found:
        if message.level < checks.ERROR and not message.is_silenced():
            log.warning("%s", message)
    errors = [message for message in found if message.is_serious() and not message.is_silenced()]
    if errors:
        raise SystemCheckError("Storyteller cannot start:\n" + "\n".join(str(error) for error in errors))
