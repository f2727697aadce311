"""Keep at-risk people out of Wagtail's audit log: labels by code, no changed data."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry

CASE_MODELS = {"case", "consent", "followup", "referral", "referralstep"}


@receiver(pre_save, sender=ModelLogEntry)
def _label_case_records_by_code(sender, instance, **kwargs):
    content_type = instance.content_type
    if content_type.app_label == "cases" and content_type.model in CASE_MODELS:
        model = content_type.model_class()
        obj = model._default_manager.filter(pk=instance.object_id).first() if model else None
        instance.label = f"{model._meta.verbose_name} {obj}" if obj else f"#{instance.object_id}"
        instance.data = {}
