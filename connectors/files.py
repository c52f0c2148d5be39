"""Turning an uploaded file into the source files connectors read: size limit and zip safety.

The size is checked before a file is read (`read_upload` stats it; the app's upload widget gets the
same limit from `max_file_mb`). Zips are opened only one level deep and only after their central
directory proved small; members are inflated in chunks with a running count against the size limit
and a compression-ratio limit, so a member that lies about its size never inflates further than
the limit allows. Nested zips, absolute or `..` member names, encrypted members and methods other
than Deflate reject the whole upload. XLSX workbooks are zips too: `open_zip` and `inflate` guard
them the same way when `connectors.workbook` reads them.
"""

from __future__ import annotations

import io
import math
import os
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from analytics.i18n import Message
from connectors.base import ImportRejected, SourceFile

MAX_FILE_MB = float(os.environ.get("BUERGERNAH_MAX_FILE_MB", "512"))
MAX_ZIP_MEMBERS = 200
MAX_COMPRESSION_RATIO = 200  # a zip member may unpack to at most 200× its compressed size
MAX_DIRECTORY_BYTES = 1 << 20  # a zip's table of contents; 200 members need a few KB
CHUNK = 1 << 20
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BOMB = Message("connector.files.zip_bomb")
BROKEN = Message("connector.files.zip_broken")
IN_ZIP = Message("connector.files.in_zip")


def max_bytes() -> int:
    return int(float(os.environ.get("BUERGERNAH_MAX_FILE_MB", MAX_FILE_MB)) * 1024 * 1024)


def max_file_mb() -> int:
    """The size limit in whole MB, for Streamlit's upload widget (`max_upload_size`)."""
    return max(1, math.ceil(max_bytes() / 1048576))


def mb(size: float) -> Message:
    """A size for a sentence: `2.048 MB`, `1,5 MB`, `12 KB` (`2,048 MB`, `1.5 MB` in English)."""
    if size >= 10 * 1048576:
        return Message("connector.files.mb", n=round(size / 1048576))
    if size >= 102400:
        return Message("connector.files.mb", n=round(size / 1048576, 1))
    return Message("connector.files.kb", n=math.ceil(size / 1024))


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ImportRejected("connector.files.too_large", size=mb(size), limit=mb(limit))


def read_upload(path: Path) -> bytes:
    """A file named on the command line: refused by its size before it is read, and never read
    beyond the limit (should it grow in between)."""
    try:
        check_size(path.stat().st_size)
        with path.open("rb") as handle:
            data = handle.read(max_bytes() + 1)
    except OSError:
        raise ImportRejected("connector.files.unreadable") from None
    check_size(len(data))
    return data


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")  # a zip, or an empty one


def is_workbook(data: bytes) -> bool:
    """XLSX (a zip with [Content_Types].xml) or XLS (an OLE2 compound file)."""
    if data[:8] == OLE2_MAGIC:
        return True
    if not is_zip(data):
        return False
    try:
        with open_zip(data, MAX_ZIP_MEMBERS * 10, bomb=None) as archive:
            return "[Content_Types].xml" in archive.NameToInfo
    except ImportRejected:
        return False


def _directory_size(data: bytes) -> int:
    """The size of a zip's central directory, read from its end record (ZIP64 too) before
    `zipfile` builds one object per entry: millions of entries would take gigabytes."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or len(data) < end + 22:
        raise ImportRejected(BROKEN)
    entries, size = struct.unpack_from("<HI", data, end + 10)
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and data[end - 20:end - 16] == b"PK\x06\x07":
        (record,) = struct.unpack_from("<Q", data, end - 12)
        if data[record:record + 4] == b"PK\x06\x06":
            (size,) = struct.unpack_from("<Q", data, record + 40)
    return size


def open_zip(data: bytes, max_members: int = MAX_ZIP_MEMBERS, bomb: Message | None = BOMB) -> zipfile.ZipFile:
    """A zip whose table of contents was checked: not too large, not too many members, no
    encrypted members, only stored or Deflate members, and (unless `bomb` is None) a declared
    total within the size limit, else the sentence `bomb`."""
    if _directory_size(data) > MAX_DIRECTORY_BYTES:
        raise ImportRejected("connector.files.zip_too_many", limit=str(max_members))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # zipfile raises BadZipFile, but also struct, value and OS errors on forged archives
        raise ImportRejected(BROKEN) from None
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > max_members:
        raise ImportRejected("connector.files.zip_members", n=str(len(infos)), limit=str(max_members))
    if bomb and sum(i.file_size for i in infos) > max_bytes():
        raise ImportRejected(bomb)
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportRejected("connector.files.zip_encrypted", name=info.filename)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportRejected("connector.files.zip_method", name=info.filename)
    return archive


class Budget:
    """Bytes inflated from one upload so far, against the size limit; counted, never declared."""

    def __init__(self, bomb: Message = BOMB, where: Message = IN_ZIP) -> None:
        self.limit = max_bytes()
        self.used = 0
        self.bomb = bomb  # the sentence for a member that unpacks too far
        self.where = where  # where a member is, for the sentence on a damaged one


def inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> Iterator[bytes]:
    """A member's content in chunks; stops with a sentence as soon as the member unpacks beyond
    the compression-ratio limit or the upload beyond the size limit, whatever the zip declares."""
    allowed = max(info.compress_size, 1) * MAX_COMPRESSION_RATIO + 65536
    read = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                read += len(chunk)
                budget.used += len(chunk)
                if read > allowed or budget.used > budget.limit:
                    raise ImportRejected(budget.bomb)
                yield chunk
    except ImportRejected:
        raise
    except zipfile.BadZipFile as exc:
        why = Message("connector.files.crc" if "CRC" in str(exc) else "connector.files.damaged")
        raise ImportRejected("connector.files.member_unreadable", name=info.filename, where=budget.where,
                             why=why) from None
    except Exception:  # zlib.error, EOFError, OSError … on damaged data
        raise ImportRejected("connector.files.member_unreadable", name=info.filename, where=budget.where,
                             why=Message("connector.files.damaged")) from None


def expand(source: SourceFile) -> list[SourceFile]:
    """The files inside an upload: itself, or the members of a zip."""
    check_size(len(source.data))
    if not is_zip(source.data) or is_workbook(source.data):
        return [source]
    members = []
    budget = Budget()
    with open_zip(source.data) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            path = PurePosixPath(info.filename.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or info.filename.startswith("/"):
                raise ImportRejected("connector.files.zip_path", name=info.filename)
            if path.parts[0] == "__MACOSX" or path.name.startswith("._") or path.name == ".DS_Store":
                continue
            data = b"".join(inflate(archive, info, budget))
            if is_zip(data) and not is_workbook(data):
                raise ImportRejected("connector.files.zip_nested", name=info.filename)
            members.append(SourceFile(path.name, data, source.export_date, container=source.name))
    if not members:
        raise ImportRejected("connector.files.zip_empty")
    return members
