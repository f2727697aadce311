"""Keep members' names out of Wagtail's audit log labels.

Wagtail labels a log entry with ``str(instance)``, and its site history report shows entries
of a model to anyone holding any permission on that model, so a leader of one club would
read the names of another club's members there. Entries about the club records below are
labelled by kind and ID instead; who did what, and when, stays in the log.
"""

from django.db.models.signals import pre_save
from django.dispatch import Signal, receiver
from django.utils.text import capfirst
from wagtail.models import ModelLogEntry

PERSONAL_MODELS = {"member", "membership", "meeting", "attendance", "meetingphoto", "clubrole"}


@receiver(pre_save, sender=ModelLogEntry)
def _label_club_records_without_names(sender, instance, **kwargs):
    content_type = instance.content_type
    if content_type.app_label == "clubs" and content_type.model in PERSONAL_MODELS:
        model = content_type.model_class()
        instance.label = f"{capfirst(model._meta.verbose_name)} #{instance.object_id}"


# Sent after writes that bypass model signals (bulk attendance rows, imports), naming the
# clubs touched (``club_ids=None``: any club). Reports (``outreach.rollups``) listen.
records_changed = Signal()
