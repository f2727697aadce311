"""Keep the cached site chrome in step with the pages and settings it shows."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import HotlineSettings
from content.selectors import clear_chrome_cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
@receiver(post_save, sender=HotlineSettings)
def _clear_chrome(**kwargs):
    clear_chrome_cache()
