"""Keep the cached site chrome and the cached public pages in step with what they show."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from config.page_cache import purge_public_pages
from content.models import HotlineSettings
from content.selectors import clear_chrome_cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
@receiver(post_save, sender=HotlineSettings)
def _clear_chrome(**kwargs):
    clear_chrome_cache()
    purge_public_pages()


@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
def _clear_pages_showing_image(**kwargs):
    """A replaced or deleted image changes the renditions the cached pages point to."""
    purge_public_pages()
