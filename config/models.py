"""Models of the project app: the receipts of the one sync protocol (see config.sync)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncReceipt(models.Model):
    """One accepted submission: its UUID may never be applied again.

    Holds no content, only an HMAC of it, so a replay can be told apart from a reuse of the
    UUID for something else.
    """

    uuid = models.UUIDField(_("UUID"), unique=True)
    kind = models.CharField(_("kind"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    content_hmac = models.CharField(_("content HMAC"), max_length=64)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sync receipt")
        verbose_name_plural = _("sync receipts")

    def __str__(self):
        return f"{self.kind} {self.uuid}"

    def attach(self, obj) -> None:
        """Record which object this submission created or changed."""
        self.content_type = ContentType.objects.get_for_model(obj)
        self.object_id = str(obj.pk)
        self.save(update_fields=["content_type", "object_id"])

    def target(self):
        """The object this submission created or changed, if it still exists."""
        if self.content_type is None:
            return None
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
