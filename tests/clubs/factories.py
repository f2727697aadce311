"""Factories for the clubs app (fictional people only)."""

import datetime

import factory
from django.contrib.auth import get_user_model

from clubs.models import Club, ClubRole, Meeting, Member, Membership, Ward


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user-{n}")
    password = factory.django.Password("safeward-demo")

    class Meta:
        model = get_user_model()


class WardFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    kind = Ward.Kind.WARD

    class Meta:
        model = Ward


class ClubFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"CLB thử nghiệm {n}")
    ward = factory.SubFactory(WardFactory)
    founded_on = datetime.date(2022, 5, 5)

    class Meta:
        model = Club


class ClubRoleFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    club = factory.SubFactory(ClubFactory)
    role = ClubRole.Role.LEADER

    class Meta:
        model = ClubRole


class MemberFactory(factory.django.DjangoModelFactory):
    club = factory.SubFactory(ClubFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Thử {n}")
    category = Member.Category.VOLUNTEER
    phone = factory.Sequence(lambda n: f"09{n:08d}")
    membership = factory.RelatedFactory(
        "tests.clubs.factories.MembershipFactory", factory_related_name="member"
    )

    class Meta:
        model = Member
        skip_postgeneration_save = True


class MembershipFactory(factory.django.DjangoModelFactory):
    member = factory.SubFactory(MemberFactory, membership=None)
    board_role = Membership.BoardRole.MEMBER
    joined_on = datetime.date(2022, 5, 5)

    class Meta:
        model = Membership


class MeetingFactory(factory.django.DjangoModelFactory):
    club = factory.SubFactory(ClubFactory)
    held_on = factory.Sequence(lambda n: datetime.date(2023, 1, 1) + datetime.timedelta(days=n))
    kind = Meeting.Kind.MONTHLY
    topics = "Nhận diện thủ đoạn tuyển dụng giả"

    class Meta:
        model = Meeting
