"""Requests generated from the API's own OpenAPI description (schemathesis): whatever a
client sends, the answer is never a 5xx, and every error is the one JSON envelope with the
security headers.

Bounded for CI: ``PRESSLENS_FUZZ_EXAMPLES`` examples per operation (default 12). With
``PRESSLENS_FUZZ_REPORT=1`` the run prints how many requests it made and their statuses.
"""

from __future__ import annotations

import os
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from presslens.analysis import analyze
from presslens.api.app import ApiSettings, create_app
from presslens.ingest import RawComment, RawDocument
from presslens.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from starlette.testclient import TestClient

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`"),
]

TOKEN = "schemathesis-token-0123456789"
EXAMPLES = int(os.environ.get("PRESSLENS_FUZZ_EXAMPLES", "12"))
STATUSES: Counter[int] = Counter()


def _documents() -> list[RawDocument]:
    sites = ["example.org", "Harbour News / Lisbon", "news.example.com"]
    return [
        RawDocument(
            text=f"Quay {i} Reopens\n\nThe harbour in Lisbon reopened on Monday, {i} days late.\n",
            source=f"d{i}.txt",
            source_format="html",
            site=sites[i % len(sites)],
            comments=(RawComment(f"Comment {i}: about time.", author=f"Reader {i}"),),
        )
        for i in range(6)
    ]


@pytest.fixture(scope="module")
def api_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from presslens.pipeline import load_pipeline

    db = Path(tmp_path_factory.mktemp("schemathesis")) / "store.db"
    with open_store(db) as store:
        for raw in _documents():
            store.add(analyze(raw, structure_only=True))
    settings_ = ApiSettings(
        db_url=str(db),
        token=TOKEN,
        dashboard=False,
        # a small pipeline and small documents: each generated analysis takes milliseconds
        nlp=load_pipeline(("presslens_dates",)),
        analyze_max_chars=5_000,
        analyze_max_seconds=10.0,
    )
    app = create_app(settings_)
    with TestClient(app):  # startup and shutdown (the store pool is closed at the end)
        yield app
    if os.environ.get("PRESSLENS_FUZZ_REPORT"):
        total = sum(STATUSES.values())
        print(f"\nschemathesis: {total} requests, statuses {dict(sorted(STATUSES.items()))}")


def _operations() -> list[str]:
    app = create_app(ApiSettings(dashboard=False))
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    return sorted(f"{op.ok().method.upper()} {op.ok().path}" for op in loaded.get_all_operations())


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize("operation", _operations())
def test_api_schemathesis_never_answers_a_server_error(
    api_app: Any, operation: str, mode: str
) -> None:
    loaded = schemathesis.openapi.from_asgi("/openapi.json", api_app)
    method, path = operation.split(" ", 1)
    op = next(
        o.ok()
        for o in loaded.get_all_operations()
        if o.ok().method.upper() == method and o.ok().path == path
    )
    strategy = op.as_strategy(schemathesis.GenerationMode(mode))

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: Any) -> None:
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        STATUSES[response.status_code] += 1
        assert response.status_code < 500, (case.method, case.path, response.text[:500])
        headers = {k.lower(): v for k, v in response.headers.items()}
        assert headers.get("x-content-type-options") == ["nosniff"]
        if response.status_code >= 400 and "json" in str(headers.get("content-type")):
            assert "error" in response.json(), response.text[:300]

    try:
        check()
    except Unsatisfiable:
        # e.g. GET /health: no parameter, so no request can break its schema
        pytest.skip(f"{operation} has no {mode} input to generate")
