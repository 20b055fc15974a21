import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """SQLite's test database in a file, as an installation's (WAL): a thread reads what
    another commits, as a live push is rendered beside a worker's writes. The default
    shared-cache memory database answers "table is locked" there instead of waiting."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its files into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def quick_retries(settings):
    settings.PROVIDER_RETRY_BASE_DELAY = 0.01
    settings.PROVIDER_RETRY_MAX_DELAY = 2.0


@pytest.fixture(autouse=True)
def empty_channel_layer(request):
    """No test sees messages another test left on the in-memory layer."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    if request.node.get_closest_marker("browser"):
        return  # the app runs in its own process; Playwright owns this thread's loop
    async_to_sync(get_channel_layer().flush)()


def require(available, reason):
    """Skip when an outside service is missing, unless CI says it must be there."""
    import os

    if available:
        return
    if os.environ.get("STORYTELLER_REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (STORYTELLER_REQUIRE_SERVICES is set)")
    pytest.skip(reason)


@pytest.fixture
def waits(monkeypatch):
    """The waits the retry policy makes, recorded instead of slept."""
    from types import SimpleNamespace

    from media_gen.providers import base

    recorded = []

    async def sleep(seconds):
        recorded.append(seconds)

    monkeypatch.setattr(base, "asyncio", SimpleNamespace(sleep=sleep))
    return recorded


@pytest.fixture
def grown_up(client):
    """A signed-in user who may enter the protected nsfw tier."""
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("parent", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_nsfw"))
    client.force_login(user)
    return user


@pytest.fixture
def no_write_ahead(settings):
    """Every tier with writing ahead turned off."""
    settings.STORYTELLER_TIERS = {
        slug: {**config, "write_ahead": False} for slug, config in settings.STORYTELLER_TIERS.items()
    }
