"""The arrows between the apps run one way: media_gen → stories ← gallery, and providers
are plain Python. Read from the source, so a new import anywhere is caught."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Only these may import the worker: the ASGI entry point that starts it.
MAY_IMPORT_MEDIA_GEN = {"storyteller/asgi.py"}


def imports(path):
    """Every module a file imports, absolute names, including imports inside functions."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def sources(*folders):
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def offending(paths, forbidden):
    """{file: the forbidden modules it imports}; a module is forbidden with its submodules."""
    found = {}
    for path in paths:
        bad = sorted(name for name in imports(path) if any(name == f or name.startswith(f + ".") for f in forbidden))
        if bad:
            found[path.name if not path.is_relative_to(ROOT) else str(path.relative_to(ROOT))] = bad
    return found


def test_stories_gallery_and_the_project_never_import_the_worker():
    paths = [
        path
        for path in sources("stories", "gallery", "storyteller")
        if str(path.relative_to(ROOT)) not in MAY_IMPORT_MEDIA_GEN
    ]
    assert offending(paths, {"media_gen"}) == {}


def test_gallery_depends_on_stories_only():
    assert offending(sources("gallery"), {"media_gen"}) == {}


def test_providers_import_no_app_and_no_orm():
    forbidden = {"stories", "gallery", "storyteller", "django.db", "django.apps", "django.contrib", "channels"}
    assert offending(sources("media_gen/providers"), forbidden) == {}


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("from stories.models import Scene\n", {"stories"}),
        ("def f():\n    from django.db import models\n", {"django.db"}),
        ("import media_gen.jobs\n", {"media_gen"}),
    ],
)
def test_the_walk_finds_every_kind_of_import(tmp_path, source, forbidden):
    path = tmp_path / "module.py"
    path.write_text(source)
    assert offending([path], forbidden) != {}
