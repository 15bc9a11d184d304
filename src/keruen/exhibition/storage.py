"""Where product photos live: a `Storage` keeps bytes under a key.

`DiskStorage` writes files under `settings.data_dir / "media"`; it is the default and the only
implementation shipped. Object storage (S3, MinIO, OSS) is the seam left open: a class with the
same four methods (`put`, `get`, `delete`, `list_keys`) plugged in by `storage_for`, with keys used
as object names unchanged. Keys are content-addressed (`products/ab/<sha256>.jpg`), so a file
never changes once written and can be cached for ever.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from keruen.config import Settings
from keruen.core.errors import DomainError, NotFound
from keruen.core.i18n_markers import N_

# Lower-case segments of letters, digits, dot, dash and underscore, none starting with a dot:
# no "..", no absolute path, no backslash, nothing a file system reads as a way out.
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9._-]*){0,4}$")
CONTENT_TYPES = {".jpg": "image/jpeg", ".webp": "image/webp", ".png": "image/png"}


def check_key(key: str) -> str:
    """The key when it is one of ours; a refusal that names it otherwise."""
    if len(key) > 120 or not _KEY.fullmatch(key) or ".." in key:
        raise DomainError(N_("not a media key: %(key)s"), key=key[:120])
    return key


def content_type_of(key: str) -> str:
    return CONTENT_TYPES.get(Path(key).suffix, "application/octet-stream")


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def list_keys(self) -> Iterator[str]: ...


class DiskStorage:
    """Files under `root`; a write goes to a temporary file first, then is renamed into place,
    so a reader never sees half a photo."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise DomainError(N_("not a media key: %(key)s"), key=key[:120])
        return path

    def put(self, key: str, data: bytes) -> None:
        path = self.path(key)
        if path.exists():  # content-addressed: the same key holds the same bytes
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        path = self.path(key)
        try:
            return path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise NotFound(N_("no media %(key)s"), key=key) from None

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def list_keys(self) -> Iterator[str]:
        if not self.root.exists():
            return
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                yield path.relative_to(self.root).as_posix()


def storage_for(settings: Settings) -> Storage:
    """The storage of this installation: files in the data folder."""
    return DiskStorage(settings.data_dir / "media")
