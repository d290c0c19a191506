"""A throwaway PostgreSQL server for the class store's tests and benchmark.

PostgreSQL refuses to run as root, and CI runs as root: as root the server runs as the
``postgres`` user (Debian's package creates it) through ``runuser``, in a folder of its
own under /tmp (the socket's path must stay short, and the parents of pytest's tmp
folders are closed to other users); as anyone else it runs as that user. It listens on
127.0.0.1 at a free port and trusts the local user ``app`` (``initdb -A trust -U app``);
``stop()`` shuts it down and deletes the folder.

``find_bindir()`` is also how ``tools/test.sh`` decides whether to install ``postgresql``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

#: One sentence for a machine without PostgreSQL (the fixture fails with it; never skips).
INSTALL_HINT = ("PostgreSQL is not installed: run `apt-get install postgresql` (./tools/test.sh does it), "
                "or set PG_BIN to the folder holding initdb and pg_ctl.")
#: Settings for a test server: durability is not wanted, speed on two shared cores is.
FAST = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB",)


def _version(folder: str) -> int:
    """15 for /usr/lib/postgresql/15/bin or …/postgresql@15/bin."""
    digits = "".join(c for c in Path(folder).parent.name.rpartition("@")[2] if c.isdigit())
    return int(digits or 0)


def find_bindir() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``: $PG_BIN, Debian's newest
    /usr/lib/postgresql/N/bin, or wherever ``initdb`` is on the PATH."""
    candidates = [os.environ.get("PG_BIN", "")]
    # Debian's /usr/lib/postgresql/15/bin, Homebrew's keg-only /opt/homebrew/opt/postgresql@15/bin.
    for pattern in ("/usr/lib/postgresql/*/bin", "/opt/homebrew/opt/postgresql@*/bin", "/usr/local/opt/postgresql@*/bin"):
        candidates += sorted(glob.glob(pattern), key=_version, reverse=True)
    on_path = shutil.which("initdb")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """``start()`` → a running server (``url``); ``stop()``; ``start()`` again restarts
    the same data folder (the tests stop it to see the store say ``unavailable``)."""

    def __init__(self, bindir: Path, *, fast: bool = True):
        self.bindir = bindir
        self.options = " ".join(FAST) if fast else ""
        self.folder: Path | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://app@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL will not run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def _init(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="pg", dir="/tmp"))
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root needs a `postgres` user to run PostgreSQL as "
                                   "(Debian's postgresql package creates it)") from None
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self._run("initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "app", "-E", "UTF8",
                  "--no-locale")

    def start(self) -> str:
        """Start (initialising the folder the first time) and return the URL."""
        if self.folder is None:
            self._init()
        for _ in range(3):  # a free port can be taken between the probe and the bind
            self.port = self.port or free_port()
            done = self._run("pg_ctl", "-D", str(self.folder / "data"), "-w", "-t", "60", "-l",
                             str(self.folder / "log"), "-o",
                             f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 {self.options}",
                             "start", check=False)
            if done.returncode == 0:
                return self.url
            self.port = 0
        raise RuntimeError(f"PostgreSQL did not start: {done.stderr.strip()} {self.log()[-2000:]}")

    def stop(self) -> None:
        """Stop the server (fast shutdown: open connections are cut, as when a database goes away)."""
        if self.folder is not None:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop", check=False)

    def remove(self) -> None:
        """Stop and delete the folder."""
        self.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def log(self) -> str:
        path = self.folder / "log" if self.folder else None
        return path.read_text(errors="replace") if path and path.exists() else ""


def running_server():
    """A started throwaway server, removed when the generator closes (a fixture's body);
    a machine without PostgreSQL fails with the command that installs it (never a skip)."""
    import pytest

    bindir = find_bindir()
    if bindir is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    server = PostgresServer(bindir)
    server.start()
    yield server
    server.remove()
