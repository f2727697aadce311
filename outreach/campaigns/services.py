"""Writes of campaigns and their activities: the one write path, whoever asks (field app,
sync endpoint, admin, imports, demo data). Keyword-only, typed, one transaction each.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clubs.models import Ward
from outreach.campaigns.models import Activity, ActivityPhoto, Campaign

CAMPAIGN_FIELDS = (
    "name",
    "organiser",
    "theme",
    "starts_on",
    "ends_on",
    "target_groups",
    "description",
    "target_sessions",
    "target_attendances",
    "target_participants",
    "target_online_reach",
    "target_materials",
)

# --- campaigns -----------------------------------------------------------------------------


def campaign_national_day_preset(*, year: int) -> dict:
    """Initial values of a 30/7 campaign: the month of July up to the day itself and the
    month after it, the national day's theme, everyone as the target group."""
    return {
        "name": _("Month of action against human trafficking, 30/7/%(year)s") % {"year": year},
        "theme": Campaign.Theme.NATIONAL_DAY,
        "organiser": Campaign.Organiser.WOMEN_UNION,
        "starts_on": datetime.date(year, 7, 1),
        "ends_on": datetime.date(year, 8, 31),
        "target_groups": ["everyone", "youth", "women", "workers"],
        "description": _(
            "World Day and National Day against Trafficking in Persons (30 July): "
            "talks, door-to-door visits, broadcasts and online posts in every ward."
        ),
    }


def _check_period(campaign: Campaign) -> None:
    if campaign.ends_on and campaign.starts_on and campaign.ends_on < campaign.starts_on:
        raise ValidationError({"ends_on": _("The last day is before the first day.")})


@transaction.atomic
def campaign_create(**fields) -> Campaign:
    """Plan a campaign: name, organiser, theme, period, target groups and targets."""
    campaign = Campaign()
    return campaign_update(campaign=campaign, **fields)


@transaction.atomic
def campaign_update(*, campaign: Campaign, **fields) -> Campaign:
    """Change a campaign's plan (its activities stay as they were recorded)."""
    for name, value in fields.items():
        if name not in CAMPAIGN_FIELDS:
            raise TypeError(name)
        setattr(campaign, name, list(value) if name == "target_groups" else value)
    _check_period(campaign)
    campaign.save()
    return campaign


@transaction.atomic
def campaign_delete(*, campaign: Campaign) -> None:
    """Remove a campaign with its activities (copies handed out at them stay, unlinked)."""
    campaign.delete()


# --- activities ----------------------------------------------------------------------------


def _check_figures(*, attendances, unique_participants) -> None:
    error = Activity.participants_error(
        attendances=attendances, unique_participants=unique_participants
    )
    if error:
        raise ValidationError({"unique_participants": error})


@transaction.atomic
def activity_create(
    *,
    campaign: Campaign,
    created_by,
    title: str,
    held_on: datetime.date,
    ward: Ward,
    kind: str,
    sessions: int = 1,
    attendances: int = 0,
    unique_participants: int | None = None,
    reach_zalo: int = 0,
    reach_facebook: int = 0,
    communicators: Iterable = (),
    photos=(),
    client_uuid: uuid.UUID | None = None,
) -> Activity:
    """Record what a campaign activity did (unique participants never above attendances)."""
    _check_figures(attendances=attendances, unique_participants=unique_participants)
    activity = Activity.objects.create(
        campaign=campaign,
        title=title,
        held_on=held_on,
        ward=ward,
        kind=kind,
        sessions=sessions,
        attendances=attendances,
        unique_participants=unique_participants,
        reach_zalo=reach_zalo,
        reach_facebook=reach_facebook,
        created_by=created_by,
        client_uuid=client_uuid,
    )
    activity.communicators.set(list(communicators))
    _set_photos(activity, photos)
    return activity


ACTIVITY_FIELDS = ("campaign", "title", "held_on", "ward", "kind", *Activity.FIGURES)


@transaction.atomic
def activity_update(
    *, activity: Activity, communicators: Iterable | None = None, photos=None, **fields
) -> Activity:
    """Correct an activity's details and figures; *communicators* (users) and *photos*
    (images, in order) replace the ones it had when given."""
    for name, value in fields.items():
        if name not in ACTIVITY_FIELDS:
            raise TypeError(name)
        setattr(activity, name, value)
    _check_figures(
        attendances=activity.attendances, unique_participants=activity.unique_participants
    )
    activity.save()
    if communicators is not None:
        activity.communicators.set(list(communicators))
    if photos is not None:
        _set_photos(activity, photos)
    return activity


def _set_photos(activity: Activity, images) -> None:
    activity.photos.all().delete()
    ActivityPhoto.objects.bulk_create(
        ActivityPhoto(activity=activity, image=image, sort_order=order)
        for order, image in enumerate(images)
    )


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    """Remove an activity recorded by mistake (copies handed out at it stay, unlinked)."""
    activity.delete()
