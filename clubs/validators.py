"""Vietnamese phone numbers: what members' contact numbers may look like."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Mobiles: 10 digits, 03/05/07/08/09. Landlines: 0 + 2-digit-area "2x" + 8 digits (0203 ...).
MOBILE = re.compile(r"^0[35789]\d{8}$")
LANDLINE = re.compile(r"^02\d{9}$")
_SEPARATORS = re.compile(r"[\s.\-()]")


def normalize_phone(value: str) -> str:
    """Digits only, national form: "+84 912 345 678" -> "0912345678".

    A number that lost its leading zero in a spreadsheet (912345678) gets it back.
    """
    digits = _SEPARATORS.sub("", str(value or "").strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif digits.isdigit() and len(digits) in (9, 10) and not digits.startswith("0"):
        digits = "0" + digits
    return digits


def validate_vietnamese_phone(value: str) -> None:
    number = normalize_phone(value)
    if number and not (MOBILE.match(number) or LANDLINE.match(number)):
        raise ValidationError(
            _(
                "Enter a Vietnamese phone number: a 10-digit mobile starting 03, 05, 07, 08 "
                "or 09, or a landline such as 0203 3xx xxxx."
            ),
            code="invalid_phone",
        )
