"""The one list of connectors. A new export format is a module here plus one line below."""

from __future__ import annotations

from types import ModuleType

from connectors import (
    facebook_legacy,
    genesis,
    linkedin,
    meta_audience,
    meta_daily,
    meta_posts,
    tiktok,
    workbook,
    x,
    youtube_demographics,
    youtube_studio,
)
from connectors.base import ImportRejected, SourceFile
from connectors.files import is_workbook
from connectors.io import decode_head

HEAD_ROWS = 12  # the rows of each sheet a workbook's connector needs to recognise it

CONNECTORS: list[ModuleType] = [
    meta_posts,
    meta_daily,
    youtube_demographics,
    meta_audience,
    facebook_legacy,
    youtube_studio,
    x,  # before tiktok: TikTok's overview (Date + Video views) would also claim X's account overview
    tiktok,
    linkedin,
    genesis,
]


def detect(source: SourceFile) -> ModuleType:
    """The connector that recognises this file's content; the file name is not consulted."""
    # empty, binary, undecodable, damaged or hostile files get their own message
    if is_workbook(source.data):
        workbook.read(source.data, max_rows=HEAD_ROWS)
    else:
        decode_head(source.data)
    for connector in CONNECTORS:
        if connector.detect(source):
            return connector
    raise ImportRejected("connector.registry.unknown_format")
