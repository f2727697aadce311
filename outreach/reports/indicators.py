"""The indicators SafeWard reports, each defined once: its names, definition and source.

An indicator is one entry of ``INDICATORS``. Its figures come from one of:

- ``Source`` (``outreach.reports.sources``): records counted or summed per month (and per
  ward, club, campaign, organiser, breakdown); ``outreach.reports.rollups`` stores these
  sums in ``ReportRollup`` rows when records are written (``manage.py refresh_rollups``
  rebuilds them all);
- ``Ratio``: one indicator divided by another over the same period;
- ``Live``: a figure about today's state (overdue follow-ups, stock left, panels due),
  read with one indexed query when the dashboard is shown.

Adding an indicator is one entry (and its model in ``WARD_PATHS``), as "tips received"
shows below.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import get_language

from outreach.reports.sources import Balance, Custom, Live, Ratio, Source

# --- the indicators --------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    key: str
    name_vi: str
    name_en: str
    definition_vi: str
    definition_en: str
    section: str
    source: object
    # which filters make sense: "club" (club records), "campaign" (campaign records), both
    scope: frozenset = field(default_factory=lambda: frozenset({"club"}))
    # about at-risk people: only their clubs' board and coordinators; "< 5" in public
    about_people_at_risk: bool = False
    # the records behind it: (admin URL name, model permission), field app URL name
    admin_records: tuple | None = None
    field_records: str | None = None
    percent: bool = False
    chart: bool = False

    @property
    def name(self) -> str:
        return self.name_vi if (get_language() or "vi").startswith("vi") else self.name_en

    @property
    def definition(self) -> str:
        return (
            self.definition_vi if (get_language() or "vi").startswith("vi") else self.definition_en
        )

    @property
    def stored(self) -> bool:
        return isinstance(self.source, Source | Custom)


# Sections: one sheet each in the Excel report, one block on the dashboard.
SECTIONS = {
    "clubs": ("Sinh hoạt câu lạc bộ", "Club meetings"),
    "members": ("Thành viên", "Members"),
    "cases": ("Người có nguy cơ", "People at risk"),
    "materials": ("Tài liệu, pano", "Materials and panels"),
    "campaigns": ("Chiến dịch truyền thông", "Campaigns"),
    "public": ("Tương tác của người dân", "Residents"),
}


def section_name(key: str) -> str:
    vi, en = SECTIONS[key]
    return vi if (get_language() or "vi").startswith("vi") else en


def _followup_rows(*, ward_ids=None):
    """Follow-ups done on time (by the date the previous contact set) or late, per month."""
    from outreach.cases.models import FollowUp

    queryset = FollowUp.objects.order_by("case_id", "done_on", "pk")
    if ward_ids is not None:
        wanted = [pk for pk in ward_ids if pk is not None]
        if not wanted:
            return []
        queryset = queryset.filter(case__club__ward_id__in=wanted)
    counts: dict = {}
    previous_case, previous_due = None, None
    for case_id, done_on, next_due, ward_id, club_id in queryset.values_list(
        "case_id", "done_on", "next_due_on", "case__club__ward_id", "case__club_id"
    ):
        if case_id != previous_case:
            previous_due = None
        late = previous_due is not None and done_on > previous_due
        key = (done_on.replace(day=1), ward_id, club_id, None, "", "late" if late else "on_time")
        counts[key] = counts.get(key, 0) + 1
        previous_case, previous_due = case_id, next_due
    return [(*key, value) for key, value in counts.items()]


def _members_left_rows(*, ward_ids=None):
    """Memberships ended, counted in the month of the first day they no longer held."""
    from clubs.models import Membership

    queryset = Membership.objects.filter(left_on__isnull=False)
    if ward_ids is not None:
        wanted = [pk for pk in ward_ids if pk is not None]
        if not wanted:
            return []
        queryset = queryset.filter(member__club__ward_id__in=wanted)
    counts: dict = {}
    for left_on, ward_id, club_id, category in queryset.values_list(
        "left_on", "member__club__ward_id", "member__club_id", "member__category"
    ):
        month = (left_on + datetime.timedelta(days=1)).replace(day=1)
        key = (month, ward_id, club_id, None, "", category)
        counts[key] = counts.get(key, 0) + 1
    return [(*key, value) for key, value in counts.items()]


_MEETING = {"ward": "club__ward_id", "club": "club_id"}
_ATTENDANCE = {"ward": "meeting__club__ward_id", "club": "meeting__club_id"}
_CASE = {"ward": "club__ward_id", "club": "club_id"}
_CASE_RECORD = {"ward": "case__club__ward_id", "club": "case__club_id"}
_ACTIVITY = {
    "ward": "ward_id",
    "campaign": "campaign_id",
    "organiser": "campaign__organiser",
}
CLUB = frozenset({"club"})
CAMPAIGN = frozenset({"campaign"})
BOTH = frozenset({"club", "campaign"})

INDICATORS: list[Indicator] = [
    Indicator(
        "meetings_held",
        "Buổi sinh hoạt đã tổ chức",
        "Meetings held",
        "Số buổi sinh hoạt câu lạc bộ (mọi loại) có ngày họp trong kỳ.",
        "Club meetings of every kind held in the period.",
        "clubs",
        Source("clubs.Meeting", "held_on", breakdown="kind", **_MEETING),
        admin_records=("clubs_meetings:index", "clubs.view_meeting"),
        field_records="field:club",
        chart=True,
    ),
    Indicator(
        "monthly_meetings_held",
        "Tháng có sinh hoạt định kỳ",
        "Months with the monthly meeting",
        "Số tháng (của mỗi câu lạc bộ) có ít nhất một buổi sinh hoạt định kỳ.",
        "Club-months with at least one monthly meeting.",
        "clubs",
        Source(
            "clubs.Meeting",
            "held_on",
            filters=(("kind", "monthly"),),
            distinct="club_id",
            **_MEETING,
        ),
        admin_records=("clubs_meetings:index", "clubs.view_meeting"),
        field_records="field:club",
    ),
    Indicator(
        "meetings_expected",
        "Buổi sinh hoạt định kỳ phải tổ chức",
        "Monthly meetings expected",
        "Một buổi mỗi tháng cho mỗi câu lạc bộ đang hoạt động, từ tháng thành lập.",
        "One a month for each active club, from the month it was founded.",
        "clubs",
        Live("meetings_expected"),
    ),
    Indicator(
        "meetings_held_rate",
        "Tỷ lệ sinh hoạt định kỳ đúng kế hoạch",
        "Monthly meetings held vs expected",
        "Tháng có sinh hoạt định kỳ chia cho số buổi phải tổ chức.",
        "Months with the monthly meeting divided by the meetings expected.",
        "clubs",
        Ratio("monthly_meetings_held", "meetings_expected"),
        percent=True,
    ),
    Indicator(
        "attendance_present",
        "Lượt thành viên dự họp",
        "Member attendances",
        "Số lượt thành viên có mặt tại các buổi sinh hoạt.",
        "Members marked present at meetings (one per member per meeting).",
        "clubs",
        Source("clubs.Attendance", "meeting__held_on", filters=(("present", True),), **_ATTENDANCE),
        admin_records=("clubs_meetings:index", "clubs.view_meeting"),
        field_records="field:club",
        chart=True,
    ),
    Indicator(
        "attendance_recorded",
        "Lượt điểm danh",
        "Attendance records",
        "Số lượt điểm danh (có mặt và vắng mặt) tại các buổi sinh hoạt.",
        "Members on the roll at meetings, present or absent.",
        "clubs",
        Source("clubs.Attendance", "meeting__held_on", **_ATTENDANCE),
    ),
    Indicator(
        "attendance_rate",
        "Tỷ lệ dự họp",
        "Attendance rate",
        "Lượt có mặt chia cho lượt điểm danh.",
        "Attendances divided by attendance records.",
        "clubs",
        Ratio("attendance_present", "attendance_recorded"),
        percent=True,
    ),
    Indicator(
        "meeting_guests",
        "Lượt khách mời dự họp",
        "Guest attendances",
        "Số khách (không phải thành viên) dự các buổi sinh hoạt.",
        "Guests (not members) at club meetings.",
        "clubs",
        Source("clubs.Meeting", "held_on", total="guests_count", **_MEETING),
    ),
    Indicator(
        "members_joined",
        "Thành viên mới",
        "New members",
        "Số lượt vào câu lạc bộ có ngày tham gia trong kỳ, theo phân loại.",
        "Memberships that started in the period, by category.",
        "members",
        Source(
            "clubs.Membership",
            "joined_on",
            ward="member__club__ward_id",
            club="member__club_id",
            breakdown="member__category",
        ),
        admin_records=("clubs_members:index", "clubs.view_member"),
        field_records="field:club",
    ),
    Indicator(
        "members_left",
        "Thành viên rời câu lạc bộ",
        "Members who left",
        "Số lượt rời câu lạc bộ trong kỳ, theo phân loại.",
        "Memberships that ended in the period, by category.",
        "members",
        Custom(_members_left_rows),
    ),
    Indicator(
        "members_active",
        "Thành viên đang sinh hoạt",
        "Active members",
        "Thành viên còn trong câu lạc bộ vào ngày cuối kỳ, theo phân loại.",
        "Members holding a membership on the last day of the period, by category.",
        "members",
        Balance("members_joined", "members_left"),
        admin_records=("clubs_members:index", "clubs.view_member"),
        field_records="field:club",
    ),
    Indicator(
        "cases_flagged",
        "Người có nguy cơ được phát hiện",
        "People flagged at risk",
        "Số người có nguy cơ được câu lạc bộ ghi nhận trong kỳ, theo nhóm đối tượng.",
        "People at risk recorded by the clubs in the period, by target group.",
        "cases",
        Source("cases.Case", "created_at", breakdown="target_group", **_CASE),
        about_people_at_risk=True,
        admin_records=("outreach_cases:index", "cases.view_case"),
        field_records="field:case_list",
    ),
    Indicator(
        "followups_done",
        "Lượt theo dõi, giúp đỡ",
        "Follow-ups done",
        "Lượt theo dõi trong kỳ: đúng hạn (không muộn hơn hẹn lần trước) hoặc muộn.",
        "Follow-ups in the period: on time (by the date the last one set) or late.",
        "cases",
        Custom(_followup_rows),
        about_people_at_risk=True,
        admin_records=("outreach_follow_ups:index", "cases.view_followup"),
        field_records="field:case_list",
    ),
    Indicator(
        "followups_overdue",
        "Người quá hạn theo dõi (hôm nay)",
        "People overdue for follow-up (today)",
        "Người chưa đóng hồ sơ có ngày theo dõi tiếp theo đã qua.",
        "Open cases whose next follow-up date has passed.",
        "cases",
        Live("followups_overdue"),
        about_people_at_risk=True,
        admin_records=("outreach_cases:index", "cases.view_case"),
        field_records="field:overdue",
    ),
    Indicator(
        "referrals_by_stage",
        "Chuyển tuyến theo giai đoạn",
        "Referrals by stage",
        "Số lượt chuyển tuyến nhận trong kỳ, theo giai đoạn hiện tại.",
        "Referrals made in the period, by the stage they have reached.",
        "cases",
        Source("cases.Referral", "received_on", breakdown="stage", **_CASE_RECORD),
        about_people_at_risk=True,
        admin_records=("outreach_referrals:index", "cases.view_referral"),
        field_records="field:case_list",
    ),
    Indicator(
        "referrals_by_service",
        "Chuyển tuyến theo nơi tiếp nhận",
        "Referrals by service",
        "Số lượt chuyển tuyến nhận trong kỳ, theo loại cơ quan tiếp nhận.",
        "Referrals made in the period, by the kind of receiving agency.",
        "cases",
        Source("cases.Referral", "received_on", breakdown="agency__kind", **_CASE_RECORD),
        about_people_at_risk=True,
        admin_records=("outreach_referrals:index", "cases.view_referral"),
    ),
    Indicator(
        "referral_rate",
        "Tỷ lệ chuyển tuyến",
        "Referral rate",
        "Lượt chuyển tuyến trong kỳ chia cho số người có nguy cơ được phát hiện trong kỳ.",
        "Referrals made in the period divided by people flagged in the period.",
        "cases",
        Ratio("referrals_by_stage", "cases_flagged"),
        about_people_at_risk=True,
        percent=True,
    ),
    Indicator(
        "materials_distributed",
        "Tài liệu đã phát",
        "Materials handed out",
        "Số bản tài liệu đã phát trong kỳ, theo loại.",
        "Copies of materials handed out in the period, by kind.",
        "materials",
        Source(
            "materials.Distribution",
            "distributed_on",
            ward="ward_id",
            club="club_id",
            campaign="activity__campaign_id",
            organiser="activity__campaign__organiser",
            breakdown="material__kind",
            total="quantity",
        ),
        scope=BOTH,
        admin_records=("outreach_distributions:index", "materials.view_distribution"),
        chart=True,
    ),
    Indicator(
        "materials_stock",
        "Tài liệu còn trong kho (hôm nay)",
        "Materials in stock (today)",
        "Số bản còn trong kho của tỉnh: đã nhập trừ đã phát, theo loại.",
        "Copies left in the province's stock: received minus handed out, by kind.",
        "materials",
        Live("materials_stock"),
        scope=BOTH,
        admin_records=("outreach_materials:index", "materials.view_material"),
    ),
    Indicator(
        "panels_on_time",
        "Pano được kiểm tra đúng hạn (hôm nay)",
        "Panels inspected on time (today)",
        "Pano chưa tháo dỡ đã được kiểm tra trong vòng 180 ngày, trên tổng số pano.",
        "Panels in place inspected within the last 180 days, out of all panels in place.",
        "materials",
        Live("panels_on_time"),
        admin_records=("outreach_panels:index", "materials.view_panel"),
    ),
    Indicator(
        "campaign_sessions",
        "Buổi truyền thông",
        "Campaign sessions",
        "Số buổi của các hoạt động chiến dịch trong kỳ.",
        "Sessions of campaign activities held in the period.",
        "campaigns",
        Source("campaigns.Activity", "held_on", total="sessions", **_ACTIVITY),
        scope=CAMPAIGN,
        admin_records=("outreach_activities:index", "campaigns.view_activity"),
        field_records="field:campaigns",
        chart=True,
    ),
    Indicator(
        "campaign_attendances",
        "Lượt người tham dự",
        "Attendances (lượt)",
        "Mỗi lần một người tham dự được tính một lượt.",
        "Every time someone attended counts once.",
        "campaigns",
        Source("campaigns.Activity", "held_on", total="attendances", **_ACTIVITY),
        scope=CAMPAIGN,
        admin_records=("outreach_activities:index", "campaigns.view_activity"),
        field_records="field:campaigns",
        chart=True,
    ),
    Indicator(
        "campaign_participants",
        "Người tham dự (không trùng lặp)",
        "Unique participants",
        "Mỗi người chỉ tính một lần; chỉ các hoạt động có ghi số này; không cộng với lượt.",
        "Each person counted once, where known; never added to attendances.",
        "campaigns",
        Source("campaigns.Activity", "held_on", total="unique_participants", **_ACTIVITY),
        scope=CAMPAIGN,
        admin_records=("outreach_activities:index", "campaigns.view_activity"),
    ),
    Indicator(
        "online_reach_zalo",
        "Lượt tiếp cận trên Zalo",
        "Online reach on Zalo",
        "Lượt tiếp cận của các bài đăng, tin nhắn chiến dịch trên Zalo.",
        "People reached by campaign posts and messages on Zalo.",
        "campaigns",
        Source("campaigns.Activity", "held_on", total="reach_zalo", **_ACTIVITY),
        scope=CAMPAIGN,
        admin_records=("outreach_activities:index", "campaigns.view_activity"),
    ),
    Indicator(
        "online_reach_facebook",
        "Lượt tiếp cận trên Facebook",
        "Online reach on Facebook",
        "Lượt tiếp cận của các bài đăng chiến dịch trên Facebook.",
        "People reached by campaign posts on Facebook.",
        "campaigns",
        Source("campaigns.Activity", "held_on", total="reach_facebook", **_ACTIVITY),
        scope=CAMPAIGN,
        admin_records=("outreach_activities:index", "campaigns.view_activity"),
    ),
    Indicator(
        "quiz_attempts",
        "Lượt làm câu đố",
        "Quizzes taken",
        "Số lượt người dân làm câu đố trên trang (ẩn danh).",
        "Quizzes taken by residents on the site (anonymous).",
        "public",
        Source("content.QuizAttempt", "taken_on"),
        scope=frozenset(),
    ),
    Indicator(
        "tips_received",
        "Tin báo, yêu cầu giúp đỡ",
        "Tips and help requests",
        "Số tin báo và yêu cầu giúp đỡ ẩn danh người dân gửi qua trang, theo phường được chọn "
        "(chỉ đếm, không kèm nội dung).",
        "Anonymous tips and help requests sent by residents through the site, by the ward "
        "they chose (a count only, never their content).",
        "public",
        Source("cases.Tip", "received_on", ward="ward_id"),
        scope=frozenset(),
        about_people_at_risk=True,
        admin_records=("outreach_tips:index", "cases.view_tip"),
    ),
]

BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
STORED = [indicator for indicator in INDICATORS if indicator.stored]
# Flows that a Balance needs summed from the beginning, not only over the period.
RUNNING = {
    name
    for indicator in INDICATORS
    if isinstance(indicator.source, Balance)
    for name in (indicator.source.plus, indicator.source.minus)
}

# Models whose writes change stored figures, with the path to their ward (None: no ward).
# ``outreach.reports.rollups`` connects its signals to these.
WARD_PATHS = {
    "clubs.Club": "ward_id",
    "clubs.Meeting": "club__ward_id",
    "clubs.Attendance": "meeting__club__ward_id",
    "clubs.Member": "club__ward_id",
    "clubs.Membership": "member__club__ward_id",
    "cases.Case": "club__ward_id",
    "cases.FollowUp": "case__club__ward_id",
    "cases.Referral": "case__club__ward_id",
    "materials.Distribution": "ward_id",
    "campaigns.Activity": "ward_id",
    "campaigns.Campaign": None,  # its activities' wards (organiser changes)
    "content.QuizAttempt": None,
    "cases.Tip": "ward_id",
}


def people_at_risk_keys() -> set[str]:
    return {indicator.key for indicator in INDICATORS if indicator.about_people_at_risk}
