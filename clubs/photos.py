"""Meeting photos: only real images get in, and they come out small and without metadata.

Each upload is opened and verified by Pillow, turned upright by its EXIF orientation,
scaled down to at most MAX_SIDE pixels and written again as a fresh JPEG. Writing a new
file drops EXIF (GPS position, phone model, time), XMP and comments.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 12 * 1024 * 1024
MAX_SIDE = 1600
# A decompression bomb is refused before it is decoded.
MAX_PIXELS = 50_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}
JPEG_QUALITY = 82


@dataclass
class ProcessedPhoto:
    content: ContentFile
    width: int
    height: int


def process_photo(upload) -> ProcessedPhoto:
    """Check *upload* is a JPEG, PNG or WebP photo and return it cleaned and resized."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s MB.")
            % {"name": upload.name, "limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="too_large",
        )
    not_an_image = ValidationError(
        _("%(name)s is not a photo (JPEG, PNG or WebP).") % {"name": upload.name},
        code="not_an_image",
    )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise not_an_image
            if probe.width * probe.height > MAX_PIXELS:
                raise not_an_image
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ProcessedPhoto(
        content=ContentFile(buffer.getvalue(), name="photo.jpg"),
        width=image.width,
        height=image.height,
    )
