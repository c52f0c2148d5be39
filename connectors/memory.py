"""Keeping an import's memory close to what it really holds.

Parsing a large export allocates and frees many column buffers of a few hundred KB to a few MB.
glibc's malloc raises its mmap threshold after the first such buffer is freed and then keeps freed
ones in its heap, and Arrow's default allocator (mimalloc) keeps per-thread pages: at a million rows
either adds 150–250 MB of memory that is free but still counted. Fixed thresholds and jemalloc with
immediate decay hand freed buffers back to the system, so the peak follows the live data
(measured in `bench/imports.py`). DuckDB's own share is capped by `memory_limit` (analytics.store).
"""

from __future__ import annotations

import ctypes
import ctypes.util

import pyarrow as pa

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3

_done = False


def bound() -> None:
    """Set once per process (the CLI and the app call it at start); a no-op where unsupported."""
    global _done
    if _done:
        return
    _done = True
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 256 << 10)  # buffers from 256 KB up are mapped and unmapped
        libc.mallopt(M_TRIM_THRESHOLD, 1 << 20)
    except (OSError, AttributeError):  # not glibc
        pass
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)
    except (NotImplementedError, pa.ArrowNotImplementedError):  # a build without jemalloc
        pass
