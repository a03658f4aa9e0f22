"""Bytes to text, refusing what is not text with a coded error."""

from __future__ import annotations

import codecs
import os
import re
import select
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from presslens.errors import PresslensError
from presslens.ingest.compressed import is_compressed, read_compressed
from presslens.ingest.document import RawComment, RawDocument

__all__ = [
    "DEFAULT_MAX_BYTES",
    "clean_document",
    "clean_text",
    "decode_bytes",
    "decode_text",
    "max_bytes_from_env",
    "read_limited",
]

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


# Characters no store, parser or terminal should meet: NUL (PostgreSQL text refuses it, lxml
# too) and lone UTF-16 surrogates (not encodable as UTF-8, so every write of them fails).
_UNSAFE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"
# Pipes and FIFOs: how long to wait for a writer's first byte before giving up (E017).
PIPE_TIMEOUT = 30.0


def clean_text(text: str) -> tuple[str, int]:
    """Replace NUL and lone surrogates by U+FFFD, one for one (offsets do not move).

    Returns the cleaned text and how many characters were replaced.
    """
    if not _UNSAFE.search(text):
        return text, 0
    cleaned, n = _UNSAFE.subn(REPLACEMENT, text)
    return cleaned, n


def max_bytes_from_env() -> int:
    """The size limit, overridable with PRESSLENS_MAX_BYTES."""
    raw = os.environ.get("PRESSLENS_MAX_BYTES")
    return int(raw) if raw and raw.isdigit() else DEFAULT_MAX_BYTES


def read_limited(path: Path, max_bytes: int, pipe_timeout: float = PIPE_TIMEOUT) -> bytes:
    """Read a file, refusing it before reading when it is over the limit; a gzipped one
    (``compressed``) is refused past the limit of what it decompresses to."""
    try:
        if is_compressed(path):
            return read_compressed(path, max_bytes)
        info = path.stat()
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
            return _read_pipe(path, max_bytes, pipe_timeout)
        size = info.st_size
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


def _read_pipe(path: Path, max_bytes: int, timeout: float) -> bytes:
    """A named pipe: opened without blocking, so a pipe nobody writes to is an E017 after
    ``timeout`` seconds instead of a process hanging for ever in open()."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    seen = 0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                what = "the writer stopped writing for" if chunks else "nothing was written in"
                raise PresslensError(
                    "E017",
                    source=str(path),
                    reason=f"it is a named pipe and {what} {timeout:g} s",
                )
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            seen += len(chunk)
            if seen > max_bytes:
                raise PresslensError(
                    "E006", source=str(path), size=f"more than {max_bytes}", limit=max_bytes
                )
    finally:
        os.close(fd)
    return b"".join(chunks)


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode document bytes: BOMs first, then UTF-8, then the best-fitting legacy charset."""
    return decode_text(data, source, encoding)[0]


def decode_text(data: bytes, source: str, encoding: str | None = None) -> tuple[str, list[str]]:
    """``decode_bytes``, with the warnings a reader records on the document: replaced
    characters, repaired UTF-8, a guessed legacy charset."""
    text, warnings = _decode(data, source, encoding)
    text, replaced = clean_text(text)
    if replaced:
        warnings.append(_replaced_warning(source, replaced))
    return text, warnings


def _replaced_warning(source: str, n: int) -> str:
    return (
        f"{source}: {n} NUL or lone surrogate character{'s' if n != 1 else ''} replaced by U+FFFD"
    )


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like BOM-less UTF-16 (NULs in every
    other position, as ASCII text encoded in UTF-16 has), else None."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.7 * len(zeros) and other.count(0) <= 0.05 * len(other):
            return name
    return None


def _decode(data: bytes, source: str, encoding: str | None) -> tuple[str, list[str]]:
    if not data.strip():
        raise PresslensError("E003", source=source)
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            raise PresslensError("E004", source=source, reason=reason)
    if encoding:
        try:
            return _checked(data.decode(encoding), source), []
        except (LookupError, UnicodeDecodeError) as exc:
            raise PresslensError("E005", source=source) from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(name), source), []
            except UnicodeDecodeError as exc:
                raise PresslensError("E005", source=source) from exc
    head = data[:8192]
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        raise PresslensError("E080", source=source, encoding=utf16)
    if b"\x00" in head:
        raise PresslensError("E004", source=source, reason="it contains NUL bytes")
    if len(head) - len(head.translate(None, _CONTROL)) > len(head) * 0.01:
        raise PresslensError("E004", source=source, reason="it is full of control bytes")
    try:
        return _checked(data.decode("utf-8"), source), []
    except UnicodeDecodeError:
        pass
    repaired = _damaged_utf8(data)
    if repaired is not None:
        text, bad = repaired
        return _checked(text, source), [
            f"{source}: not valid UTF-8; {bad} invalid byte sequence"
            f"{'s' if bad != 1 else ''} replaced by U+FFFD (pass --encoding NAME if the "
            "file is in another encoding)"
        ]
    high = sum(b >= 0x80 for b in data)
    guessed: str | None = None
    if high <= 0.3 * len(data):
        # accented letters among mostly ASCII: Western European text, which a statistical
        # guess over so little evidence often mistakes for Cyrillic or Icelandic
        try:
            text = data.decode("cp1252")
            guessed = "cp1252"
        except UnicodeDecodeError:
            guessed = None
    if guessed is None:
        best = from_bytes(data).best()
        if best is None or best.chaos > 0.2:
            raise PresslensError("E005", source=source)
        text, guessed = str(best), best.encoding
    return _checked(text, source), [
        f"{source}: not UTF-8; decoded as {guessed} (a guess: pass --encoding NAME if the "
        "text looks wrong)"
    ]


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few broken sequences: the text with U+FFFD for each, and their count;
    None when the bytes hold no valid multi-byte sequence (so they are another charset)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode())
    multibyte = sum(ord(c) >= 0x80 for c in text) - bad
    if multibyte <= 0 or bad > max(3, multibyte):
        return None
    return text, bad


def _checked(text: str, source: str) -> str:
    if not text.strip():
        raise PresslensError("E003", source=source)
    return text


def clean_document(raw: RawDocument) -> RawDocument:
    """A reader's document with NUL and lone surrogates replaced in every text field, and a
    warning saying how many were; the same object when there is nothing to replace."""
    fields = {
        name: getattr(raw, name) for name in ("text", "title", "url", "author", "site", "source")
    }
    replaced = 0
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, str):
            new, n = clean_text(value)
            if n:
                cleaned[name] = new
                replaced += n
    comments = raw.comments
    if comments is not None:
        new_comments = []
        for c in comments:
            text, n1 = clean_text(c.text)
            author, n2 = clean_text(c.author) if c.author else (c.author, 0)
            stamp, n3 = clean_text(c.timestamp) if c.timestamp else (c.timestamp, 0)
            replaced += n1 + n2 + n3
            new_comments.append(RawComment(text, author, stamp) if n1 + n2 + n3 else c)
        cleaned["comments"] = tuple(new_comments)
    extra = {k: clean_text(v)[0] for k, v in raw.extra.items()}
    warnings = [clean_text(w)[0] for w in raw.warnings]
    if replaced == 0 and extra == raw.extra and warnings == list(raw.warnings):
        return raw
    source = cleaned.get("source", raw.source)
    if replaced:
        warnings.append(_replaced_warning(source, replaced))
    return replace(raw, **cleaned, extra=extra, warnings=tuple(warnings))
