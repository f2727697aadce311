from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Coordinators see and keep every club's cases (never delete: erasure and purge are
# services); the audit trail is read-only for everyone; tips are handled by coordinators.
CASE_RECORDS = [
    f"cases.{action}_{model}"
    for model in ("case", "followup", "referral")
    for action in ("add", "change", "view")
] + ["cases.view_auditentry", "cases.view_tip", "cases.change_tip"]
AGENCY_RECORDS = [f"cases.{action}_agency" for action in ("add", "change", "delete", "view")]
# What club leaders and secretaries may do in the admin (scoped to their club).
BOARD_RECORDS = [
    f"cases.{action}_{model}"
    for model in ("case", "followup", "referral")
    for action in ("view", "add", "change")
] + [
    "cases.view_agency",
    # Anonymous tips about the club's ward: read only (coordinators handle them).
    "cases.view_tip",
]


class CasesConfig(AppConfig):
    """At-risk people, consents, follow-ups, referrals, agencies, tips, the audit trail."""

    name = "outreach.cases"
    label = "cases"
    verbose_name = _("At-risk people")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from clubs import field
        from clubs.access import is_board_or_coordinator
        from clubs.backends import register_board_permissions
        from config import demo, precache
        from config.roles import COORDINATOR, grant
        from outreach.cases import demo as cases_demo
        from outreach.cases import retention, signals  # noqa: F401 - registers purgers, receivers

        field.register_urls("outreach.cases.urls")
        field.register_club_link(
            label=_("Flag a person at risk"),
            url_name="field:case_create",
            club=True,
            online=False,
            offline=True,
            order=10,
        )
        field.register_club_link(
            label=_("At-risk people"), url_name="field:case_list", club=True, order=11
        )
        field.register_club_link(label=_("Overdue follow-ups"), url_name="field:overdue", order=20)
        field.register_home_link(
            label=_("Overdue follow-ups"),
            url_name="field:overdue",
            order=20,
            shown=lambda *, user, club: is_board_or_coordinator(user=user),
        )
        register_board_permissions(BOARD_RECORDS)
        grant(COORDINATOR, permissions=[*CASE_RECORDS, *AGENCY_RECORDS])
        # The empty tip form opens offline even before anyone visited it.
        precache.register(static=["js/tip.js"], pages=["tips:form"])
        demo.register_loader(cases_demo.load, order=50)
