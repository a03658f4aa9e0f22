"""Gzip-compressed inputs: ``page.html.gz``, ``corpus.jsonl.gz``, ``corpus.csv.gz``.

Crawls and archives keep pages gzipped; an analyst should not have to unpack a directory
of them first. A compressed file is read by the extension under ``.gz``, and the size
limit applies to what it decompresses to, so a small file that inflates to gigabytes (a
"zip bomb") is refused like any other oversized input.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from presslens.errors import PresslensError

__all__ = [
    "COMPRESSED_SUFFIX",
    "DAMAGED",
    "damaged",
    "format_suffix",
    "is_compressed",
    "open_binary",
    "open_text",
    "read_compressed",
]

COMPRESSED_SUFFIX = ".gz"
# what the gzip module raises on a file that is not gzip, is cut short or fails its CRC
DAMAGED: tuple[type[Exception], ...] = (gzip.BadGzipFile, EOFError, zlib.error)


def is_compressed(path: Path) -> bool:
    return path.suffix.lower() == COMPRESSED_SUFFIX


def format_suffix(path: Path) -> str:
    """The extension that says how to read ``path``: the one under ``.gz`` when it is
    compressed (``a.html.gz`` → ``.html``), lower-cased."""
    if is_compressed(path):
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


def damaged(path: Path, exc: BaseException) -> PresslensError:
    """E200: the compressed file cannot be decompressed."""
    reason = str(exc) or type(exc).__name__
    return PresslensError("E200", source=str(path), reason=reason)


def read_compressed(path: Path, max_bytes: int) -> bytes:
    """The decompressed bytes of ``path``; E006 past ``max_bytes`` decompressed, E200 when
    the file is damaged. Reading stops one byte past the limit, whatever the file holds."""
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except DAMAGED as exc:
        raise damaged(path, exc) from None
    if len(data) > max_bytes:
        raise PresslensError(
            "E006", source=str(path), size=f"more than {max_bytes} decompressed", limit=max_bytes
        )
    return data


@contextmanager
def open_binary(path: Path) -> Iterator[io.BufferedIOBase]:
    """``path`` opened for reading bytes, decompressed on the fly when it is gzipped."""
    fh: io.BufferedIOBase = gzip.GzipFile(path, "rb") if is_compressed(path) else path.open("rb")
    with fh:
        yield fh


@contextmanager
def open_text(path: Path, encoding: str, errors: str) -> Iterator[IO[str]]:
    """``path`` opened as text with newlines kept as they are (what the csv module needs),
    decompressed on the fly when it is gzipped."""
    if is_compressed(path):
        with gzip.open(path, "rt", encoding=encoding, errors=errors, newline="") as fh:
            yield fh
    else:
        with path.open(encoding=encoding, errors=errors, newline="") as plain:
            yield plain
