"""The gazetteer's tables packed into one file of flat arrays, memory-mapped when read.

Unpickling the index made a million small Python objects in every process that loaded it
(0.4–0.5 s, ≈ 150 MB each): every ingest worker and Dask worker paid both. Packed, the
tables are read by mapping the file: opening costs milliseconds whatever its size, the
pages are shared by all processes on the machine through the page cache, and a place is
decoded only when a lookup reaches it.

Layout: ``MAGIC``, a little-endian u32 header length, a JSON header naming each array's
offset, dtype and shape, then the arrays, each aligned to 64 bytes. Names are found by a
64-bit BLAKE2b hash of their lookup key (sorted, searched with ``searchsorted``) and
checked against the key's own text, so a hash collision can never return another name's
places.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import struct
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["PackedTables", "key_hash", "pack_tables"]

MAGIC = b"PLGAZ\x00\x01\x00"
_ALIGN = 64
# the text fields of a row, in ``Row`` order: name, feature class, feature code, country
# code, country, admin1 code, admin1
_TEXT_FIELDS = (1, 2, 3, 4, 5, 6, 7)
Row = tuple[int, str, str, str, str, str, str, str, float, float, int]


def key_hash(key: str) -> int:
    """The stable 64-bit hash of a lookup key (Python's own ``hash`` differs per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class _Strings:
    """Distinct strings, numbered in the order first met."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def arrays(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint8]]:
        encoded = [s.encode("utf-8") for s in self.index]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        return offsets, np.frombuffer(b"".join(encoded), dtype=np.uint8)


def pack_tables(
    rows: Sequence[Row],
    keys: dict[str, list[int]],
    extents: dict[int, float],
    fuzzy_keys: Iterable[str],
) -> bytes:
    """The tables as one packed buffer. ``fuzzy_keys`` are the names a misspelling may be
    matched with, grouped here by first letter and length so no process has to; ties
    between equally close names go to the one given first."""
    strings = _Strings()
    text = np.array([[strings(str(r[f])) for f in _TEXT_FIELDS] for r in rows], dtype=np.int32)
    gid = np.array([r[0] for r in rows], dtype=np.int64)
    order = np.argsort(gid, kind="stable")
    names = sorted(keys)
    hashes = np.array([key_hash(k) for k in names], dtype=np.uint64)
    by_hash = np.argsort(hashes, kind="stable")
    sorted_names = [names[i] for i in by_hash]
    postings = [keys[k] for k in sorted_names]
    key_off = np.zeros(len(names) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in postings], out=key_off[1:])
    position = {k: i for i, k in enumerate(sorted_names)}
    buckets: dict[str, list[int]] = defaultdict(list)
    # in the order given: a misspelling's ties are broken by the order of its pool
    for k in dict.fromkeys(fuzzy_keys):
        buckets[f"{k[0]}{len(k)}"].append(position[k])
    # each bucket's names also joined by newlines (keys hold none), so a misspelling's pool
    # is decoded a bucket at a time, not a name at a time
    fz: list[int] = []
    fz_text = bytearray()
    spans: dict[str, list[int]] = {}
    for bucket in sorted(buckets):
        joined = "\n".join(sorted_names[i] for i in buckets[bucket]).encode("utf-8")
        at = len(fz_text)
        spans[bucket] = [len(fz), len(fz) + len(buckets[bucket]), at, at + len(joined)]
        fz.extend(buckets[bucket])
        fz_text.extend(joined)
    ext_ids = np.array(sorted(extents), dtype=np.int64)
    countries = {r[4]: i for i, r in enumerate(rows) if r[3].startswith("PCL")}
    key_str = np.array([strings(k) for k in sorted_names], dtype=np.int32)
    str_off, blob = strings.arrays()  # after the keys joined the strings
    arrays: dict[str, npt.NDArray[Any]] = {
        "gid": gid,
        "lat": np.array([r[8] for r in rows], dtype=np.float64),
        "lon": np.array([r[9] for r in rows], dtype=np.float64),
        "pop": np.array([r[10] for r in rows], dtype=np.int64),
        "text": text.reshape(len(rows), len(_TEXT_FIELDS)),
        "str_off": str_off,
        "str_blob": blob,
        "key_hash": hashes[by_hash],
        "key_str": key_str,
        "key_off": key_off,
        "post": np.array([i for p in postings for i in p], dtype=np.int32),
        "id_sorted": gid[order],
        "id_row": order.astype(np.int32),
        "ext_id": ext_ids,
        "ext_km": np.array([extents[int(i)] for i in ext_ids], dtype=np.float64),
        "fuzzy": np.array(fz, dtype=np.int32),
        "fuzzy_text": np.frombuffer(bytes(fz_text), dtype=np.uint8),
    }
    header: dict[str, Any] = {"arrays": {}, "fuzzy": spans, "countries": countries}
    body = bytearray()
    for name, array in arrays.items():
        body.extend(b"\x00" * (-len(body) % _ALIGN))
        header["arrays"][name] = [len(body), array.dtype.str, list(array.shape)]
        body.extend(np.ascontiguousarray(array).tobytes())
    head = json.dumps(header, sort_keys=True).encode("utf-8")
    start = len(MAGIC) + 4 + len(head)
    pad = -start % _ALIGN
    return MAGIC + struct.pack("<I", len(head) + pad) + head + b" " * pad + bytes(body)


class PackedTables:
    """Read access to a packed buffer (a mapped file or bytes in memory)."""

    def __init__(self, buffer: bytes | mmap.mmap) -> None:
        if bytes(buffer[: len(MAGIC)]) != MAGIC:
            raise ValueError("not a packed gazetteer")
        (size,) = struct.unpack("<I", buffer[len(MAGIC) : len(MAGIC) + 4])
        start = len(MAGIC) + 4
        header = json.loads(bytes(buffer[start : start + size]))
        base = start + size
        self._buffer = buffer
        view = memoryview(buffer)
        self.a: dict[str, npt.NDArray[Any]] = {}
        for name, (offset, dtype, shape) in header["arrays"].items():
            count = int(np.prod(shape)) if shape else 1
            array = np.frombuffer(view, dtype=np.dtype(dtype), count=count, offset=base + offset)
            self.a[name] = array.reshape(shape)
        self.fuzzy_spans: dict[str, list[int]] = header["fuzzy"]
        self.countries: dict[str, int] = header["countries"]
        self.size = len(self.a["gid"])
        self._blob = view[base + header["arrays"]["str_blob"][0] :]
        self._fuzzy_text = view[base + header["arrays"]["fuzzy_text"][0] :]
        self._str_off = self.a["str_off"]

    @classmethod
    def open(cls, path: Path) -> PackedTables:
        with path.open("rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return cls(mapped)

    def string(self, index: int) -> str:
        start, end = self._str_off[index : index + 2].tolist()
        return str(self._blob[start:end], "utf-8")

    def find_key(self, key: str) -> int:
        """The position of ``key`` among the sorted keys, or -1."""
        hashes = self.a["key_hash"]
        h = np.uint64(key_hash(key))
        i = int(np.searchsorted(hashes, h))
        while i < len(hashes) and hashes[i] == h:
            if self.string(int(self.a["key_str"][i])) == key:
                return i
            i += 1
        return -1

    def postings(self, position: int) -> list[int]:
        start, end = self.a["key_off"][position : position + 2].tolist()
        return list(self.a["post"][start:end].tolist())

    def key_text(self, position: int) -> str:
        return self.string(int(self.a["key_str"][position]))

    def row_of(self, geonameid: int) -> int:
        ids = self.a["id_sorted"]
        i = int(np.searchsorted(ids, geonameid))
        return int(self.a["id_row"][i]) if i < len(ids) and ids[i] == geonameid else -1

    def extent(self, geonameid: int) -> float:
        ids = self.a["ext_id"]
        i = int(np.searchsorted(ids, geonameid))
        return float(self.a["ext_km"][i]) if i < len(ids) and ids[i] == geonameid else 0.0

    def fuzzy_bucket(self, bucket: str) -> tuple[list[str], list[int]]:
        """The names of one bucket (first letter and length) and their key positions."""
        span = self.fuzzy_spans.get(bucket)
        if span is None:
            return [], []
        names = str(self._fuzzy_text[span[2] : span[3]], "utf-8").split("\n")
        return names, list(self.a["fuzzy"][span[0] : span[1]].tolist())
