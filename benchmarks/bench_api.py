"""HTTP API latency under a bounded local load: p50 / p95 of search and document GET.

``presslens serve`` runs in a subprocess (one uvicorn process, as a user would start it)
over a SQLite store; ``--clients`` threads, each with its own keep-alive connection, send
``--requests`` requests in all, after a warm-up of one request per query. Latency is
client-side wall time per request (connection reused), so it includes HTTP parsing and JSON
encoding, not just the store.

The store is either ``--store PATH`` (e.g. the one ``bench_search.py --store`` built from
real articles) or, by default, ``--docs`` copies of the bundled sample article: it is
analysed once, then each copy gets a distinct suffix (so a distinct content hash), date and
outlet among 20, which gives the search facets and outlet filters real work to do.

    python benchmarks/bench_api.py [--store PATH | --docs 500] [--clients 4]
        [--requests 400] [--components a,b] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from presslens.analysis import analyze
from presslens.cli import sample_path
from presslens.model import Analysis
from presslens.store import open_store

WORDS = ("fire", "grain", "terminal", "harbour", "police", "city", "port", "officials", "ship")
FILTERS: tuple[dict[str, str], ...] = (
    {"outlet": "example3.org"},
    {"date_from": "2024-03-01", "date_to": "2024-04-30"},
    {"q": "fire", "outlet": "example7.org"},
)


def _copies(base: Analysis, n: int) -> list[Analysis]:
    day0 = dt.date(2024, 1, 1)
    out = []
    for i in range(n):
        text = f"{base.text}\n[copy {i}]\n"
        doc = base.document.model_copy(
            update={
                "content_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "published": day0 + dt.timedelta(days=i % 366),
                "url": f"https://www.example{i % 20}.org/news/{i}",
                "site": f"www.example{i % 20}.org",
                "source": f"bench:{i}",
            }
        )
        out.append(base.model_copy(update={"text": text, "document": doc, "outlet": None}))
    return out


def build_store(path: Path, docs: int, components: list[str] | None) -> None:
    nlp = None
    if components:
        from presslens.pipeline import load_pipeline

        nlp = load_pipeline(components)
    base = analyze(sample_path().read_text(encoding="utf-8"), published="2024-01-01", nlp=nlp)
    with open_store(path) as store:
        copies = _copies(base, docs)
        for i in range(0, len(copies), 200):
            store.write(copies[i : i + 200])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = "from presslens.cli import main; main()"
    cmd = [sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("presslens serve did not start within 60 s")


def _requests(hashes: list[str], total: int, seed: int = 7) -> list[tuple[str, str, Any]]:
    """(kind, path, params): half document GETs, half searches: a third of them with a
    filter, a third with all six facets (computed only when asked), a third plain."""
    rnd = random.Random(seed)
    out: list[tuple[str, str, Any]] = []
    for i in range(total):
        if i % 2:
            out.append(("document", f"/api/v1/documents/{rnd.choice(hashes)}", None))
        elif i % 6 == 0:
            out.append(("search+filter", "/api/v1/search", rnd.choice(FILTERS)))
        elif i % 6 == 2:  # facets are computed only when asked for
            out.append(
                ("search+facets", "/api/v1/search", {"q": rnd.choice(WORDS), "facets": "all"})
            )
        else:
            out.append(("search", "/api/v1/search", {"q": rnd.choice(WORDS)}))
    return out


def _run(base: str, work: list[tuple[str, str, Any]], clients: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    lock = threading.Lock()
    chunks = [work[i::clients] for i in range(clients)]

    def client(items: list[tuple[str, str, Any]]) -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            for kind, path, params in items:
                start = time.perf_counter()
                r = c.get(path, params=params)
                elapsed = time.perf_counter() - start
                r.raise_for_status()
                with lock:
                    times.setdefault(kind, []).append(elapsed)

    threads = [threading.Thread(target=client, args=(chunk,)) for chunk in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="an existing store to serve")
    parser.add_argument("--docs", type=int, default=500, help="copies of the sample to store")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--components", help="pipeline components, comma-separated")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.store
        if db is None:
            db = Path(tmp) / "bench.db"
            started = time.perf_counter()
            components = args.components.split(",") if args.components else None
            build_store(db, args.docs, components)
            print(f"built {db} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        with open_store(db) as store:
            hashes = [r[0] for r in store.query("SELECT content_hash FROM documents")]
        port = _free_port()
        proc = _serve(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            work = _requests(hashes, args.requests)
            warm = {(k, p, json.dumps(q, sort_keys=True)) for k, p, q in work if k != "document"}
            _run(base, [(k, p, json.loads(q)) for k, p, q in warm], 1)
            started = time.perf_counter()
            times = _run(base, work, args.clients)
            wall = time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    result: dict[str, Any] = {
        "documents": len(hashes),
        "clients": args.clients,
        "requests": sum(len(v) for v in times.values()),
        "throughput_rps": round(sum(len(v) for v in times.values()) / wall, 1),
        "latency_ms": {
            kind: {
                "n": len(v),
                "p50": round(1000 * statistics.median(v), 1),
                "p95": round(1000 * _pct(v, 0.95), 1),
            }
            for kind, v in sorted(times.items())
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['documents']} documents, {result['clients']} clients, "
        f"{result['requests']} requests, {result['throughput_rps']} req/s"
    )
    for kind, s in result["latency_ms"].items():
        print(f"{kind:>14}: n={s['n']:4d}  p50 {s['p50']:7.1f} ms  p95 {s['p95']:7.1f} ms")


if __name__ == "__main__":
    main()
