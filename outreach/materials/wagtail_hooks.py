"""Register the materials admin: the "Materials and panels" menu."""

from wagtail import hooks

from clubs.scoped_admin import register_permission_policies
from outreach.materials.viewsets import MaterialsViewSetGroup

register_permission_policies(MaterialsViewSetGroup.items)


@hooks.register("register_admin_viewset")
def register_materials_viewsets():
    return MaterialsViewSetGroup()
