"""A product photo as uploaded → what is stored: checked, cleaned, resized, re-encoded.

The real type is read from the bytes with Pillow (JPEG, PNG or WebP; the file name is not
believed); uploads over 10 MB and images over Pillow's `MAX_IMAGE_PIXELS` (a decompression
bomb: a small file that unpacks to gigabytes) are refused before anything is decoded. EXIF
orientation is applied, then every piece of metadata (EXIF with its GPS position, XMP,
comments) is dropped by re-encoding only the pixels. Opaque images are stored as JPEG, images
with transparency as WebP; at most 1,600 px on the long side, and a 400 px thumbnail.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from keruen.core.errors import DomainError
from keruen.core.i18n_markers import N_

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1600
THUMB_SIDE = 400
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True)
class Encoded:
    key: str
    data: bytes
    content_type: str
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedPhoto:
    photo: Encoded
    thumbnail: Encoded
    source_format: str


def _limit() -> int:
    return int(Image.MAX_IMAGE_PIXELS or 89_478_485)


def _too_many_pixels(filename: str, pixels: int | None) -> DomainError:
    return DomainError(
        N_(
            "photo %(file)s has %(megapixels)s megapixels; the largest accepted is "
            "%(limit)s megapixels"
        ),
        file=filename,
        megapixels=round(pixels / 1_000_000) if pixels else "?",
        limit=_limit() // 1_000_000,
    )


def _pixels_in(error: Exception) -> int | None:
    """The pixel count Pillow's refusal names ("Image size (900000000 pixels) exceeds ...")."""
    found = re.search(r"\((\d+) pixels\)", str(error))
    return int(found.group(1)) if found else None


def _open(data: bytes, filename: str) -> Image.Image:
    if len(data) > MAX_UPLOAD_BYTES:
        raise DomainError(
            N_("photo %(file)s is %(size)s MB; the largest accepted is %(limit)s MB"),
            file=filename,
            size=f"{len(data) / 1024 / 1024:.1f}",
            limit=MAX_UPLOAD_BYTES // 1024 // 1024,
        )
    if not data:
        raise DomainError(N_("photo %(file)s is empty"), file=filename)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise _too_many_pixels(filename, _pixels_in(error)) from None
    except (UnidentifiedImageError, OSError):
        raise DomainError(
            N_("photo %(file)s is not a JPEG, PNG or WebP image"), file=filename
        ) from None
    width, height = image.size
    if width * height > _limit():
        raise _too_many_pixels(filename, width * height)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise _too_many_pixels(filename, _pixels_in(error)) from None
    except (OSError, SyntaxError, ValueError):
        raise DomainError(N_("photo %(file)s is damaged or incomplete"), file=filename) from None
    return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _encode(image: Image.Image, prefix: str) -> Encoded:
    out = io.BytesIO()
    if image.mode == "RGBA":
        image.save(out, "WEBP", quality=85, method=4)
        extension, content_type = "webp", "image/webp"
    else:
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
        extension, content_type = "jpg", "image/jpeg"
    data = out.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    return Encoded(
        key=f"{prefix}/{digest[:2]}/{digest}.{extension}",
        data=data,
        content_type=content_type,
        width=image.width,
        height=image.height,
    )


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding the pixels and nothing else (no EXIF, XMP, ICC, comments)."""
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def process_photo(data: bytes, filename: str, *, prefix: str = "products") -> ProcessedPhoto:
    """Check and convert an uploaded photo; raises `DomainError` naming the file."""
    image = _open(data, filename)
    source_format = str(image.format)
    image = ImageOps.exif_transpose(image)  # a phone's portrait photo stays upright
    image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    image = _pixels_only(image)
    full = image.copy()
    full.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    thumb = image.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return ProcessedPhoto(
        photo=_encode(full, prefix),
        thumbnail=_encode(thumb, prefix),
        source_format=source_format,
    )
