"""Photos as a producer uploads them: the real type decides, bombs and oversized files are
refused with a message naming the file, metadata is gone, sizes are bounded."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from keruen.core.errors import DomainError
from keruen.exhibition.photos import MAX_SIDE, MAX_UPLOAD_BYTES, THUMB_SIDE, process_photo
from keruen.exhibition.storage import DiskStorage

pytestmark = pytest.mark.unit


def _image(fmt: str, size: tuple[int, int] = (800, 600), mode: str = "RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 40, 30) if mode == "RGB" else (200, 40, 30, 128)).save(
        out, fmt, **save
    )
    return out.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that says it is `width` × `height` (a few bytes that would unpack to gigabytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def test_a_png_named_jpg_is_read_as_the_png_it_is():
    result = process_photo(_image("PNG"), "melons.jpg")
    assert result.source_format == "PNG"
    assert Image.open(io.BytesIO(result.photo.data)).format == "JPEG"
    assert result.photo.content_type == "image/jpeg"


def test_a_text_file_named_jpg_is_refused_naming_the_file():
    with pytest.raises(DomainError) as refused:
        process_photo(b"this is not a photo, just text\n" * 20, "price-list.jpg")
    assert str(refused.value) == "photo price-list.jpg is not a JPEG, PNG or WebP image"


def test_a_gif_is_refused_although_pillow_reads_it():
    with pytest.raises(DomainError, match=r"^photo anim.gif is not a JPEG, PNG or WebP image$"):
        process_photo(_image("GIF"), "anim.gif")


def test_an_image_of_huge_dimensions_is_refused_with_a_clear_message():
    limit = Image.MAX_IMAGE_PIXELS // 1_000_000
    with pytest.raises(DomainError) as refused:
        process_photo(_png_header_only(30_000, 30_000), "bomb.png")
    assert str(refused.value) == (
        f"photo bomb.png has 900 megapixels; the largest accepted is {limit} megapixels"
    )
    with pytest.raises(DomainError) as refused:
        process_photo(_png_header_only(12_000, 9_000), "big.png")  # above the limit, under 2x
    assert str(refused.value).startswith("photo big.png has 108 megapixels;")


def test_an_upload_over_10_mb_is_refused_before_it_is_read():
    with pytest.raises(
        DomainError, match=r"^photo huge.jpg is 10.0 MB; the largest accepted is 10 MB$"
    ):
        process_photo(b"\xff" * (MAX_UPLOAD_BYTES + 1), "huge.jpg")


def test_exif_is_applied_then_stripped():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was held upright, rotate 90°
    exif[0x010F] = "PhoneMaker"  # make
    exif[0x0131] = "secret-editor"  # software
    raw = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 200)).save(raw, "JPEG", exif=exif.tobytes())
    assert Image.open(io.BytesIO(raw.getvalue())).getexif()[0x010F] == "PhoneMaker"

    result = process_photo(raw.getvalue(), "IMG_0001.JPG")

    stored = Image.open(io.BytesIO(result.photo.data))
    assert stored.size == (200, 300)  # upright
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info
    assert b"PhoneMaker" not in result.photo.data
    assert b"PhoneMaker" not in result.thumbnail.data


def test_sizes_of_the_photo_and_the_thumbnail():
    result = process_photo(_image("WEBP", (4000, 3000)), "pears.webp")
    assert (result.photo.width, result.photo.height) == (MAX_SIDE, 1200)
    assert (result.thumbnail.width, result.thumbnail.height) == (THUMB_SIDE, 300)
    assert Image.open(io.BytesIO(result.thumbnail.data)).size == (400, 300)
    small = process_photo(_image("JPEG", (320, 480)), "small.jpg")
    assert (small.photo.width, small.photo.height) == (320, 480)  # never enlarged
    assert (small.thumbnail.width, small.thumbnail.height) == (267, 400)


def test_transparency_is_kept_as_webp_and_keys_are_content_addressed():
    result = process_photo(_image("PNG", (500, 500), mode="RGBA"), "logo.png")
    assert result.photo.content_type == "image/webp"
    assert result.photo.key.startswith("products/") and result.photo.key.endswith(".webp")
    again = process_photo(_image("PNG", (500, 500), mode="RGBA"), "copy.png")
    assert again.photo.key == result.photo.key


def test_disk_storage_refuses_keys_that_leave_its_folder(tmp_path):
    storage = DiskStorage(tmp_path / "media")
    storage.put("products/ab/abc.jpg", b"x")
    assert storage.get("products/ab/abc.jpg") == b"x"
    assert list(storage.list_keys()) == ["products/ab/abc.jpg"]
    for key in ("../secret", "products/../../etc/passwd", "/etc/passwd", "products/.hidden", ""):
        with pytest.raises(DomainError, match="not a media key"):
            storage.get(key)
    storage.delete("products/ab/abc.jpg")
    assert list(storage.list_keys()) == []
