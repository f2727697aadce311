"""The monthly or annual report as an Excel workbook (Vietnamese headings, dd/mm/yyyy).

One sheet per section of the dashboard, then one with the figures month by month. Built
from the same ``outreach.reports.selectors.Report`` the dashboard shows, so both always agree.
"""

import datetime
import io

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from outreach.reports.indicators import INDICATORS

DATE_FORMAT = "dd/mm/yyyy"
TITLE = "Báo cáo công tác phòng, chống mua bán người"
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)


def _sheet_title(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    return name[:31]


def _title(sheet, report, heading: str) -> int:
    """Title rows: what, the period and the ward; returns the next free row."""
    filters = report.filters
    place = report.place or "Toàn tỉnh"
    sheet["A1"] = (
        f"{TITLE} – {heading} – {filters.start:%d/%m/%Y} đến {filters.last_day:%d/%m/%Y} – {place}"
    )
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = "Kỳ báo cáo:"
    sheet["B2"] = filters.start
    sheet["C2"] = filters.last_day
    for cell in (sheet["B2"], sheet["C2"]):
        cell.number_format = DATE_FORMAT
    sheet["A3"] = "Địa bàn:"
    sheet["B3"] = place
    sheet["A4"] = "Ngày lập:"
    sheet["B4"] = timezone.localdate()
    sheet["B4"].number_format = DATE_FORMAT
    return 6


def _header(sheet, row: int, headings: list[str]) -> None:
    for column, text in enumerate(headings, start=1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def build_workbook(report) -> bytes:
    """The XLSX file of *report* (always in Vietnamese, whatever the user's language)."""
    with translation.override("vi"):
        workbook = Workbook()
        workbook.remove(workbook.active)
        for name, figures in report.sections:
            sheet = workbook.create_sheet(_sheet_title(name))
            row = _title(sheet, report, name)
            _header(sheet, row, ["Chỉ số", "Chi tiết", "Giá trị", "Đơn vị", "Định nghĩa"])
            for figure in figures:
                indicator = figure.indicator
                row += 1
                sheet.cell(row=row, column=1, value=indicator.name_vi).font = BOLD
                sheet.cell(row=row, column=2, value="Tổng")
                value = figure.value
                if indicator.percent and value is not None:
                    value = round(value / 100, 4)
                cell = sheet.cell(row=row, column=3, value=value)
                if indicator.percent:
                    cell.number_format = "0.0%"
                else:
                    cell.number_format = "#,##0"
                unit = "%" if indicator.percent else ""
                if figure.of is not None:
                    unit = f"trên {figure.of}"
                sheet.cell(row=row, column=4, value=unit)
                sheet.cell(row=row, column=5, value=indicator.definition_vi)
                for label, part in figure.parts:
                    row += 1
                    sheet.cell(row=row, column=1, value=indicator.name_vi)
                    sheet.cell(row=row, column=2, value=label)
                    sheet.cell(row=row, column=3, value=part).number_format = "#,##0"
            _widths(sheet, [38, 30, 14, 10, 70])

        sheet = workbook.create_sheet("Theo tháng")
        row = _title(sheet, report, "Theo tháng")
        keys = [
            i.key
            for i in INDICATORS
            if i.key in report.figures and i.key in report.monthly and not i.percent
        ]
        _header(sheet, row, ["Tháng"] + [INDICATORS_BY_KEY[k].name_vi for k in keys])
        for index, month in enumerate(report.months):
            row += 1
            cell = sheet.cell(row=row, column=1, value=month)
            cell.number_format = DATE_FORMAT
            for column, key in enumerate(keys, start=2):
                sheet.cell(row=row, column=column, value=report.monthly[key][index])
        row += 1
        sheet.cell(row=row, column=1, value="Cộng").font = BOLD
        for column, key in enumerate(keys, start=2):
            sheet.cell(row=row, column=column, value=sum(report.monthly[key])).font = BOLD
        _widths(sheet, [14] + [16] * len(keys))
        workbook.properties.title = f"{TITLE} {report.filters.describe()}"
        workbook.properties.created = datetime.datetime.now()
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


INDICATORS_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


def filename(report) -> str:
    filters = report.filters
    return f"bao-cao-{filters.start:%Y-%m}-{filters.end:%Y-%m}.xlsx"
