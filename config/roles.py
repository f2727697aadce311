"""Staff groups and what each may do in the Wagtail admin.

The groups are real (production has them too), so they are kept in step with this table
after every ``migrate``. Club roles (leader, secretary, member) are not groups: they are
per-club rows owned by the clubs app, which derives the board's admin permissions from them
(``clubs.backends.ClubBoardBackend``).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

COORDINATOR = "coordinator"
COMMUNICATOR = "communicator"
CAMPAIGNS = "campaigns"

PAGE_EDITING = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA_EDITING = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]

# Coordinators keep every club's records. Club leaders and secretaries are not a group: their
# (narrower) admin permissions come from their ClubRole rows, see clubs.backends.
CLUB_RECORDS = [
    f"clubs.{action}_{model}"
    for model in ("ward", "club", "clubrole", "member", "meeting")
    for action in ("add", "change", "delete", "view")
]

# At-risk people: coordinators see and keep every club's (never delete: erasure and purge are
# services); the audit trail is read-only for everyone.
CASE_RECORDS = [
    f"outreach.{action}_{model}"
    for model in ("case", "followup", "referral")
    for action in ("add", "change", "view")
] + ["outreach.view_auditentry", "outreach.view_tip", "outreach.change_tip"]
# Materials, panels and campaigns hold no personal data.
OUTREACH_RECORDS = [
    f"outreach.{action}_{model}"
    for model in (
        "agency",
        "material",
        "stockreceipt",
        "distribution",
        "panel",
        "campaign",
        "activity",
    )
    for action in ("add", "change", "delete", "view")
]
CAMPAIGN_RECORDS = [
    f"outreach.{action}_{model}"
    for model in ("campaign", "activity")
    for action in ("add", "change", "delete", "view")
] + ["outreach.view_material", "outreach.add_distribution", "outreach.view_distribution"]

# group -> model permissions ("app_label.codename"), page permissions on the whole tree,
# and image/document permissions on the root collection.
STAFF_ROLES: dict[str, dict[str, list[str]]] = {
    COORDINATOR: {
        "permissions": [
            "wagtailadmin.access_admin",
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "content.change_hotlinesettings",
            *CLUB_RECORDS,
            *CASE_RECORDS,
            *OUTREACH_RECORDS,
            "content.view_quizattempt",
        ],
        "page": [*PAGE_EDITING, "bulk_delete_page"],
        "collection": [*MEDIA_EDITING, "delete_image", "delete_document"],
    },
    COMMUNICATOR: {
        "permissions": [
            "wagtailadmin.access_admin",
            "content.change_hotlinesettings",
            # Quiz statistics (anonymous counts, no personal data).
            "content.view_quizattempt",
        ],
        "page": PAGE_EDITING,
        "collection": MEDIA_EDITING,
    },
    CAMPAIGNS: {
        "permissions": ["wagtailadmin.access_admin", *CAMPAIGN_RECORDS],
        "page": [],
        "collection": ["choose_image", "add_image"],
    },
}


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def sync_staff_roles(**kwargs) -> None:
    """Create the staff groups and grant exactly the permissions listed in STAFF_ROLES."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # Wagtail's sample groups are replaced by ours, unless someone is already in them.
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name, grants in STAFF_ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(label) for label in grants["permissions"]])
        if root_page is not None:
            GroupPagePermission.objects.filter(group=group).exclude(
                page=root_page, permission__codename__in=grants["page"]
            ).delete()
            for codename in grants["page"]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
        if root_collection is not None:
            GroupCollectionPermission.objects.filter(group=group).exclude(
                collection=root_collection, permission__codename__in=grants["collection"]
            ).delete()
            for codename in grants["collection"]:
                app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )
