from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Page and media permissions of the staff who write content (config.roles).
PAGE_EDITING = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA_EDITING = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]
CONTENT_RECORDS = [
    "content.change_hotlinesettings",
    # Quiz statistics (anonymous counts, no personal data).
    "content.view_quizattempt",
]


class ContentConfig(AppConfig):
    """Wagtail pages for residents: home, articles, quizzes, polls, FAQ, search; hotlines.

    Imports only ``config``; plugs into its registries (staff roles, precache, demo data).
    """

    name = "content"
    label = "content"
    verbose_name = _("Awareness content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from config import demo, precache
        from config.roles import COMMUNICATOR, COORDINATOR, grant
        from content import demo as content_demo
        from content import signals  # noqa: F401

        grant(
            COORDINATOR,
            permissions=CONTENT_RECORDS,
            page=[*PAGE_EDITING, "bulk_delete_page"],
            collection=[*MEDIA_EDITING, "delete_image", "delete_document"],
        )
        grant(
            COMMUNICATOR, permissions=CONTENT_RECORDS, page=PAGE_EDITING, collection=MEDIA_EDITING
        )
        precache.register(
            static=["css/site.css", "js/app.js", "js/quiz.js", "img/icon-192.png", "img/logo.svg"]
        )
        demo.register_loader(content_demo.load, order=10)
