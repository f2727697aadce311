"""Report pages: the admin dashboard (coordinators: every ward; club boards: their club),
the same in the field app, the Excel report, and the public statistics page.

Views stay thin: filters through ``outreach.reports.forms.ReportFilterForm``, figures through
``outreach.reports.selectors.build_report`` (scoped by ``clubs.access.visible_clubs``).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clubs.access import is_board_or_coordinator
from clubs.field import field_login_required
from config.middleware import SW_CACHE_HEADER
from outreach.reports import selectors, xlsx
from outreach.reports.forms import ReportFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_see_reports(user) -> bool:
    """Coordinators (every ward) and club leaders and secretaries (their own club)."""
    return is_board_or_coordinator(user=user)


def _report(request, where):
    """The filter form as sent (errors shown) and the report: this year if it is invalid."""
    data = request.GET or {"period": "year", "year": timezone.localdate().year}
    form = ReportFilterForm(data, user=request.user)
    if form.is_valid():
        filters = form.filters()
    else:
        fallback = ReportFilterForm({"period": "year"}, user=request.user)
        fallback.is_valid()
        filters = fallback.filters()
    return form, selectors.build_report(user=request.user, filters=filters, where=where)


def _xlsx(request, where):
    form = ReportFilterForm(request.GET or {"period": "year"}, user=request.user)
    if not form.is_valid():
        return HttpResponse(
            _("The filters are not valid: %(errors)s")
            % {"errors": "; ".join(str(e) for e in form.errors.values())},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    report = selectors.build_report(user=request.user, filters=form.filters(), where=where)
    response = HttpResponse(xlsx.build_workbook(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{xlsx.filename(report)}"'
    return response


@require_GET
def admin_dashboard(request):
    if not may_see_reports(request.user):
        raise PermissionDenied
    form, report = _report(request, "admin")
    return render(
        request,
        "reports/admin_dashboard.html",
        {
            "page_title": _("Reports"),
            "header_icon": "table",
            "form": form,
            "report": report,
            "xlsx_url": reverse("outreach_reports:xlsx") + "?" + request.GET.urlencode(),
        },
    )


@require_GET
def admin_xlsx(request):
    if not may_see_reports(request.user):
        raise PermissionDenied
    return _xlsx(request, "admin")


@field_login_required
@require_GET
def field_dashboard(request):
    if not may_see_reports(request.user):
        raise Http404
    form, report = _report(request, "field")
    return render(
        request,
        "reports/field_dashboard.html",
        {
            "form": form,
            "report": report,
            "xlsx_url": reverse("field:report_xlsx") + "?" + request.GET.urlencode(),
        },
    )


@field_login_required
@require_GET
def field_xlsx(request):
    if not may_see_reports(request.user):
        raise Http404
    return _xlsx(request, "field")


@require_GET
def public_statistics(request):
    """Province totals for residents: no login, no personal data, "< 5" for small counts
    about people at risk. The same for everyone, so the public cache may keep it."""
    years = selectors.public_years()
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        year = years[0]
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    figures = selectors.public_figures(selectors.public_totals(year=year))
    response = render(
        request,
        "reports/public_statistics.html",
        {
            "figures": figures,
            "charts": selectors.public_charts(year=year),
            "year": year,
            "years": years,
        },
    )
    response[SW_CACHE_HEADER] = "public"
    return response
