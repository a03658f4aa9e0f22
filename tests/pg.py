"""A throw-away PostgreSQL server for the store tests.

``shared_server()`` starts one cluster per test session (``initdb`` into a fresh temporary
directory, ``pg_ctl start`` listening only on a Unix socket inside that directory, so no
port can clash with another server) and stops it and removes the directory at exit.
``PostgresServer.database()`` hands each test an empty database of its own.

PostgreSQL refuses to run as root. When the tests run as root (as CI does), the cluster is
created and run as an unprivileged user instead: ``$PRESSLENS_PG_USER`` if set, else
``postgres`` (Debian's package creates it), else ``nobody``; the test process, being root,
can still reach the socket. The binaries are looked up in ``PATH`` and then under
``/usr/lib/postgresql/*/bin`` (Debian keeps them off ``PATH``). When they are missing,
``skip_reason()`` says so and the PostgreSQL tests skip.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PostgresServer", "find_pg_bin", "shared_server", "skip_reason"]

_USER = "presslens"  # the cluster's superuser; trust authentication on the private socket
_PORT = 5432  # the socket lives in a private directory, so the default port cannot clash


def find_pg_bin() -> Path | None:
    """The directory holding initdb, pg_ctl and postgres, or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        # /usr/local/bin may hold symlinks; pg_ctl finds postgres beside its real self
        real = Path(found).resolve().parent
        if (real / "pg_ctl").exists() and (real / "postgres").exists():
            return real
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for directory in candidates:
        if all((directory / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return directory
    return None


def skip_reason() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]>=3.1')"
    if find_pg_bin() is None:
        return (
            "PostgreSQL server binaries (initdb, pg_ctl) not found in PATH or "
            "/usr/lib/postgresql/*/bin; install Debian's 'postgresql' package"
        )
    return None


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged account to run PostgreSQL as, when we are root."""
    if os.geteuid() != 0:
        return None
    for name in (os.environ.get("PRESSLENS_PG_USER"), "postgres", "nobody"):
        if not name:
            continue
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) exists")


@dataclass
class PostgresServer:
    """One running cluster; ``stop()`` ends it and removes its directory."""

    bin_dir: Path
    root: Path
    account: pwd.struct_passwd | None
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _running: bool = False

    @property
    def socket_dir(self) -> Path:
        return self.root

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{_USER}@/{dbname}?host={self.socket_dir}&port={_PORT}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C", "TZ": "UTC"}
        if self.account is not None:
            # subprocess drops privileges itself: no dependency on runuser/setpriv/su
            kwargs = {
                "user": self.account.pw_uid,
                "group": self.account.pw_gid,
                "extra_groups": [],
            }
            env["HOME"] = str(self.root)
        result = subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.root,
            check=False,
            **kwargs,  # type: ignore[call-overload]
        )
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}):\n{result.stderr}")
        return result

    def start(self) -> None:
        data = self.root / "data"
        self._run(
            "initdb", "-D", str(data), "-U", _USER, "-A", "trust", "-E", "UTF8", "--locale=C", "-N"
        )
        # Durability settings are off: the tests kill clients, never this server.
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' "
            f"-c port={_PORT} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=40"
        )
        self._run(
            "pg_ctl", "-D", str(data), "-l", str(self.root / "log"), "-o", options, "-w", "start"
        )
        self._running = True

    def stop(self) -> None:
        if self._running:
            self._running = False
            with contextlib.suppress(RuntimeError):
                self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        """A fresh, empty database for one test; dropped afterwards."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        try:
            yield self.url(name)
        finally:
            with psycopg.connect(self.url(), autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _new_server() -> PostgresServer:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise RuntimeError(skip_reason() or "PostgreSQL binaries not found")
    account = _run_as()
    # As root, pytest's own temporary directories (mode 0700, owned by root) cannot be entered
    # by the server's account, so the cluster lives directly under /tmp.
    base = "/tmp" if account is not None else None
    root = Path(tempfile.mkdtemp(prefix="presslens-pg-", dir=base))
    if account is not None:
        os.chown(root, account.pw_uid, account.pw_gid)
    server = PostgresServer(bin_dir=bin_dir, root=root, account=account)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server


_SHARED: list[PostgresServer] = []


def shared_server() -> PostgresServer:
    """The session's server, started on first use and stopped when Python exits."""
    if not _SHARED:
        server = _new_server()
        _SHARED.append(server)
        atexit.register(server.stop)
    return _SHARED[0]
