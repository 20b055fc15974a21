from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StoriesConfig(AppConfig):
    name = "stories"

    def ready(self):
        from stories import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(create_tier_permissions, sender=self)


def create_tier_permissions(app_config, using="default", **kwargs):
    """One permission per configured tier ("Can enter the Kids tier"), for the admin to grant."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from storyteller.tiers import all_tiers

    content_type = ContentType.objects.db_manager(using).get_for_model(app_config.get_model("Story"))
    for tier in all_tiers().values():
        Permission.objects.db_manager(using).get_or_create(
            codename=tier.permission_codename,
            content_type=content_type,
            defaults={"name": f"Can enter the {tier.title} tier"},
        )
