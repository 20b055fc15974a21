"""`manage.py check --deploy` against the production configuration, in a fresh process."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "stories.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://stories.example.com",
    "SECURE_SSL_REDIRECT": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "true",
}


def check_deploy(environment):
    # Only PATH from this process: settings must come from `environment` alone.
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_configuration_passes_check_deploy():
    result = check_deploy(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_development_defaults_fail_check_deploy():
    result = check_deploy({})
    assert result.returncode != 0
    for warning in ("W004", "W008", "W009", "W012", "W016"):  # HSTS, https, secret key, cookies
        assert f"security.{warning}" in result.stderr


def test_debug_fails_check_deploy():
    result = check_deploy({**PRODUCTION, "DEBUG": "true"})
    assert result.returncode != 0 and "security.W018" in result.stderr
