from django.apps import AppConfig


class MediaGenConfig(AppConfig):
    name = "media_gen"
    verbose_name = "Generation"

    def ready(self):
        from media_gen import checks  # noqa: F401  (registers the system checks)
