"""Shared fixtures. Documents are built by hand here; the only outside data are
../shared/seed and ../shared/data, and tests that need them skip when they are absent."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests import pg

if TYPE_CHECKING:
    from presslens.geo.gazetteer import Gazetteer
    from presslens.geo.resolver import Resolution

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PRESSLENS_SHARED", ROOT.parent / "shared"))
SEGMENTATION_CASES = ROOT / "tests" / "data" / "segmentation"


@pytest.fixture
def seed_text() -> str:
    seeds = sorted((SHARED / "seed").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seed is absent")
    return seeds[0].read_bytes().decode("utf-8")


@pytest.fixture
def seed_path() -> Path:
    seeds = sorted((SHARED / "seed").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seed is absent")
    return seeds[0]


@pytest.fixture
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip("../shared/data is absent")
    return data


@pytest.fixture
def sample_text() -> str:
    from presslens.cli import sample_path

    return sample_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The built gazetteer index (``presslens.geo.gazetteer --build`` at install)."""
    from presslens.geo.gazetteer import load_gazetteer

    return load_gazetteer()


def resolve_surfaces(gaz: Gazetteer, text: str, *surfaces: str) -> list[Resolution | None]:
    """Each surface's first occurrence in ``text`` as a mention, resolved together."""
    from presslens.analyzers.lexicons import demonyms
    from presslens.geo.resolver import MentionIn, resolve

    mentions = []
    for s in surfaces:
        i = text.index(s)
        mentions.append(MentionIn(i, i + len(s), s))
    return resolve(gaz, text, mentions, demonyms=demonyms())


def flattened(title: str, paragraphs: list[str], comments: list[tuple[str | None, str]]) -> str:
    """A flattened scrape in the bare-name style: name line, blank, text; an unnamed comment
    is preceded by two blank lines where the name would be."""
    parts = [title, "", "\n\n".join(paragraphs)]
    for author, text in comments:
        parts.append(f"\n{author}\n\n{text}" if author else f"\n\n{text}")
    return "\n".join(parts) + "\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh store URL, once per backend; PostgreSQL tests skip without a server."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
    else:
        yield from postgres_url()


def postgres_url() -> Generator[str, None, None]:
    """A fresh database on the session's throw-away PostgreSQL server."""
    reason = pg.skip_reason()
    if reason:
        pytest.skip(reason)
    with pg.shared_server().database() as url:
        yield url
