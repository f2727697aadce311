"""Staff groups and what each may do in the Wagtail admin: a registry the apps fill.

The groups are real (production has them too), so they are kept in step with the registry
after every ``migrate`` (``sync_staff_roles``, connected by ``config.apps``). Each app grants
the permissions on its own models from its ``AppConfig.ready()``::

    from config.roles import COORDINATOR, grant
    grant(COORDINATOR, permissions=["cases.view_case", ...])

Club roles (leader, secretary, member) are not groups: they are per-club rows owned by the
clubs app, which derives the board's admin permissions from them
(``clubs.backends.ClubBoardBackend``, filled through ``clubs.backends.register_board_permissions``).
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction

COORDINATOR = "coordinator"
COMMUNICATOR = "communicator"
CAMPAIGNS = "campaigns"
GROUPS = (COORDINATOR, COMMUNICATOR, CAMPAIGNS)

# group -> model permissions ("app_label.codename"), page permissions on the whole tree,
# and image/document permissions on the root collection.
_GRANTS: dict[str, dict[str, list[str]]] = {
    name: {"permissions": [], "page": [], "collection": []} for name in GROUPS
}


def _add(target: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


def grant(
    group: str,
    *,
    permissions: Iterable[str] = (),
    page: Iterable[str] = (),
    collection: Iterable[str] = (),
) -> None:
    """Give staff *group* model permissions (``app_label.codename``), page permissions on the
    whole page tree (``add_page``...) and collection permissions (``add_image``...)."""
    grants = _GRANTS[group]
    _add(grants["permissions"], permissions)
    _add(grants["page"], page)
    _add(grants["collection"], collection)


def staff_roles() -> dict[str, dict[str, list[str]]]:
    """What every staff group holds, as registered so far."""
    return {
        name: {key: list(values) for key, values in grants.items()}
        for name, grants in _GRANTS.items()
    }


# What config itself gives: the admin for every staff group; users for coordinators.
for _group in GROUPS:
    grant(_group, permissions=["wagtailadmin.access_admin"])
grant(COORDINATOR, permissions=["auth.add_user", "auth.change_user", "auth.delete_user"])


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def sync_staff_roles(**kwargs) -> None:
    """Create the staff groups and grant exactly the permissions registered for them."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # Wagtail's sample groups are replaced by ours, unless someone is already in them.
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name, grants in staff_roles().items():
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
