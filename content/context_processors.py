"""Values every public template needs."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from content.selectors import hotlines


def public_layout(request):
    """`hotlines`: the numbers shown in the header and footer (cached)."""

    def _hotlines():
        site = Site.find_for_request(request)
        return hotlines(site=site) if site else {}

    return {"hotlines": SimpleLazyObject(_hotlines)}
