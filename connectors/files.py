"""Turning an uploaded file into the source files connectors read: size limit and zip safety.

Zips are opened only one level deep; nested zips, absolute or `..` member names, and members
that would unpack beyond the size limit (zip bombs) reject the whole upload. XLSX workbooks are
zips too and pass through untouched.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import PurePosixPath

from connectors.base import ImportRejected, SourceFile

MAX_FILE_MB = float(os.environ.get("BUERGERNAH_MAX_FILE_MB", "512"))
MAX_ZIP_MEMBERS = 200
MAX_COMPRESSION_RATIO = 200  # a zip member may unpack to at most 200× its compressed size


def max_bytes() -> int:
    return int(float(os.environ.get("BUERGERNAH_MAX_FILE_MB", MAX_FILE_MB)) * 1024 * 1024)


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")  # a zip, or an empty one


def is_workbook(data: bytes) -> bool:
    """XLSX (a zip with [Content_Types].xml) or XLS (an OLE2 compound file)."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return True
    if not is_zip(data):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def expand(source: SourceFile) -> list[SourceFile]:
    """The files inside an upload: itself, or the members of a zip."""
    limit = max_bytes()
    if len(source.data) > limit:
        raise ImportRejected(
            f"Die Datei ist {len(source.data) / 1048576:.0f} MB groß; erlaubt sind "
            f"{limit / 1048576:.0f} MB (Einstellung BUERGERNAH_MAX_FILE_MB)."
        )
    if not is_zip(source.data) or is_workbook(source.data):
        return [source]
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
    except zipfile.BadZipFile:
        raise ImportRejected("Das ZIP-Archiv ist beschädigt oder unvollständig.") from None
    members = []
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_MEMBERS:
            raise ImportRejected(f"Das ZIP-Archiv enthält {len(infos)} Dateien; erlaubt sind {MAX_ZIP_MEMBERS}.")
        total = 0
        for info in infos:
            path = PurePosixPath(info.filename.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or info.filename.startswith("/"):
                raise ImportRejected(f"Unzulässiger Pfad im ZIP-Archiv: „{info.filename}“.")
            if path.parts[0] == "__MACOSX" or path.name.startswith("._") or path.name == ".DS_Store":
                continue
            total += info.file_size
            if total > limit or info.file_size > max(info.compress_size, 1) * MAX_COMPRESSION_RATIO + 65536:
                raise ImportRejected("Das ZIP-Archiv entpackt sich auf ein Vielfaches seiner Größe (ZIP-Bombe?); abgelehnt.")
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, ValueError) as exc:
                raise ImportRejected(f"„{info.filename}“ im ZIP-Archiv ist nicht lesbar ({exc}).") from None
            if is_zip(data) and not is_workbook(data):
                raise ImportRejected(f"Verschachteltes ZIP-Archiv „{info.filename}“: bitte zuerst entpacken.")
            members.append(SourceFile(path.name, data, source.export_date, container=source.name))
    if not members:
        raise ImportRejected("Das ZIP-Archiv ist leer.")
    return members
