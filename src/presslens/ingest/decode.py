"""Bytes to text, refusing what is not text with a coded error."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from charset_normalizer import from_bytes

from presslens.errors import PresslensError

__all__ = ["DEFAULT_MAX_BYTES", "decode_bytes", "max_bytes_from_env", "read_limited"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# File signatures of formats people mistake for text documents.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "it starts with a PDF signature"),
    (b"PK\x03\x04", "it starts with a ZIP signature (docx, xlsx, epub and odt are ZIP files)"),
    (b"\x89PNG", "it starts with a PNG image signature"),
    (b"\xff\xd8\xff", "it starts with a JPEG image signature"),
    (b"GIF8", "it starts with a GIF image signature"),
    (b"\x1f\x8b", "it starts with a gzip signature"),
    (b"\x7fELF", "it is an executable (ELF)"),
    (b"\xd0\xcf\x11\xe0", "it is an old Microsoft Office file"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that never occur in real text (tab, newlines, form feed and ESC excluded).
_CONTROL = bytes([*range(0x09), 0x0B, 0x0E, 0x0F, *range(0x10, 0x1B)])


def max_bytes_from_env() -> int:
    """The size limit, overridable with PRESSLENS_MAX_BYTES."""
    raw = os.environ.get("PRESSLENS_MAX_BYTES")
    return int(raw) if raw and raw.isdigit() else DEFAULT_MAX_BYTES


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing it before reading when it is over the limit."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PresslensError("E006", source=str(path), size=size, limit=max_bytes)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise PresslensError(
            "E017", source=str(path), reason=exc.strerror or "permission denied"
        ) from None
    except IsADirectoryError:
        raise PresslensError("E002", path=str(path)) from None
    if len(data) > max_bytes:  # grew while we read it, or a device without a size
        raise PresslensError("E006", source=str(path), size=len(data), limit=max_bytes)
    return data


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode document bytes: BOMs first, then UTF-8, then the best-fitting legacy charset."""
    if not data.strip():
        raise PresslensError("E003", source=source)
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            raise PresslensError("E004", source=source, reason=reason)
    if encoding:
        try:
            return _checked(data.decode(encoding), source)
        except (LookupError, UnicodeDecodeError) as exc:
            raise PresslensError("E005", source=source) from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(name), source)
            except UnicodeDecodeError as exc:
                raise PresslensError("E005", source=source) from exc
    head = data[:8192]
    if b"\x00" in head:
        raise PresslensError("E004", source=source, reason="it contains NUL bytes")
    if len(head) - len(head.translate(None, _CONTROL)) > len(head) * 0.01:
        raise PresslensError("E004", source=source, reason="it is full of control bytes")
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise PresslensError("E005", source=source)
    return _checked(str(best), source)


def _checked(text: str, source: str) -> str:
    if not text.strip():
        raise PresslensError("E003", source=source)
    if "\x00" in text:
        raise PresslensError("E004", source=source, reason="it contains NUL characters")
    return text
