"""Sign-in throttling: wrong passwords pause signing in for that user there, and for that address."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import F
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME, ELSEWHERE = "203.0.113.7", "198.51.100.20"
PAUSED = "Signing in is paused"


@pytest.fixture(autouse=True)
def quick_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def parent():
    return User.objects.create_user("parent", password="the-right-one")


def sign_in(client, username="parent", password="the-right-one", address=HOME):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times=settings.LOGIN_FAILURE_LIMIT, username="parent", address=HOME):
    for _ in range(times):
        response = sign_in(client, username, "a-wrong-one", address)
        assert response.status_code in (200, 429)  # the form again, then the pause


def signed_in(response):
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def test_a_wrong_password_or_four_still_lets_the_right_one_in(client, parent):
    fail(client, times=settings.LOGIN_FAILURE_LIMIT - 1)
    assert signed_in(sign_in(client))


def test_too_many_wrong_passwords_pause_signing_in_even_with_the_right_one(client, parent):
    fail(client)
    response = sign_in(client)
    assert response.status_code == 429
    body = response.content.decode()
    assert PAUSED in body and f"Try again in {settings.LOGIN_LOCKOUT_MINUTES} minutes" in body
    assert not response.wsgi_request.user.is_authenticated
    assert client.get("/nsfw/")["Location"].startswith("/accounts/login/")


def test_the_pause_ends_after_the_cool_off(client, parent):
    fail(client)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES - 1))
    assert sign_in(client).status_code == 429  # not yet (and this try starts the pause again)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES))
    assert signed_in(sign_in(client))


def test_an_admin_unlocks_by_deleting_the_access_attempt(client, admin_client, parent):
    fail(client)
    attempt = AccessAttempt.objects.get(username="parent")
    assert attempt.failures_since_start == settings.LOGIN_FAILURE_LIMIT
    assert "parent" in admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    response = admin_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert signed_in(sign_in(client))


def test_the_same_user_elsewhere_and_other_users_are_unaffected(client, parent):
    User.objects.create_user("grandma", password="knitting-2026")
    fail(client, address=HOME)
    assert signed_in(sign_in(client, "grandma", "knitting-2026", address=ELSEWHERE))
    assert signed_in(sign_in(client, address=ELSEWHERE))


def test_wrong_passwords_for_many_names_from_one_address_pause_that_address(client, parent):
    for name in ("admin", "root", "mum", "dad", "ava"):
        fail(client, times=1, username=name)
    assert sign_in(client).status_code == 429
    assert signed_in(sign_in(client, address=ELSEWHERE))


def test_the_admin_sign_in_is_paused_too(client, parent):
    fail(client)
    response = client.post("/admin/login/", {"username": "parent", "password": "the-right-one"}, REMOTE_ADDR=HOME)
    assert response.status_code == 429 and PAUSED in response.content.decode()


def test_the_pause_shows_under_asgi_too(async_client, parent):
    # Under daphne the middleware runs async, where axes calls the lockout page differently.
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 1):
        response = async_to_sync(async_client.post)(
            "/accounts/login/", {"username": "parent", "password": "a-wrong-one"}, REMOTE_ADDR=HOME
        )
    assert response.status_code == 429 and PAUSED in response.content.decode()


def test_code_that_checks_a_password_without_a_request_still_works(client, parent):
    assert client.login(username="parent", password="the-right-one")


def test_the_sign_in_page_leads_back_to_the_tiers_that_need_no_sign_in(client):
    body = client.get("/accounts/login/?next=/nsfw/").content.decode()
    assert '<a href="/kids/">Back to Kids</a>' in body
    assert 'href="/nsfw/"' not in body


def test_with_every_tier_protected_the_sign_in_page_leads_back_to_the_start(client, settings):
    settings.STORYTELLER_TIERS = {
        slug: {**config, "protected": True} for slug, config in settings.STORYTELLER_TIERS.items()
    }
    body = client.get("/accounts/login/").content.decode()
    assert '<a href="/">Back to the start</a>' in body
    assert 'href="/kids/"' not in body
