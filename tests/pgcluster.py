"""A throwaway PostgreSQL cluster for the tests: the installed server binaries, a tmp folder.

The cluster lives in a fresh folder under the system temp folder and listens on a Unix
socket in that folder only (``listen_addresses = ''``), so it never clashes with
another cluster on the machine and nothing outside can reach it.  fsync is off: the
data is thrown away at the end.  initdb refuses to run as root, so when the tests run
as root the folder is handed to the ``postgres`` OS user and initdb, pg_ctl and the
server run as that user (``runuser -u postgres --``).

Authentication: the superuser ``postgres`` connects without a password (trust, the
tests' owner of the central store); every other role needs its password
(scram-sha-256), which the tests give libpq through a password file, as a real
installation would.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

DEBIAN_BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
START_TIMEOUT = 60


class ServerMissing(Exception):
    """No PostgreSQL server binaries on this machine."""


def find_bindir() -> Path:
    """The newest installed server's bin folder (Debian: /usr/lib/postgresql/<version>/bin)."""
    found = []
    for initdb in DEBIAN_BINARIES.glob("*/bin/initdb"):
        version = initdb.parent.parent.name
        if re.fullmatch(r"[0-9]+(\.[0-9]+)?", version):
            found.append((tuple(int(p) for p in version.split(".")), initdb.parent))
    if found:
        return max(found)[1]
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    raise ServerMissing(
        f"no PostgreSQL server binaries (no {DEBIAN_BINARIES}/<version>/bin/initdb and no initdb on PATH); "
        "install Debian's `postgresql` package (apt-get install postgresql)"
    )


@dataclass
class PgCluster:
    """One running server; ``url()`` names a database and a role on its socket."""

    bindir: Path
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="tracker-pg-")))
    owner: str | None = None
    running: bool = False

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        proc = subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, timeout=START_TIMEOUT, check=False
        )
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}"
            )

    def start(self) -> PgCluster:
        if os.geteuid() == 0:
            # initdb refuses root: the cluster belongs to the postgres OS user.
            self.owner = SUPERUSER
            user = pwd.getpwnam(SUPERUSER)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        os.chmod(self.root, 0o700)
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
            "--auth-local=scram-sha-256", "--auth-host=reject", "--no-instructions", "--no-sync",
        )  # fmt: skip
        hba = self.data / "pg_hba.conf"
        # The superuser (the tests' administrator) needs no password; everyone else does.
        hba.write_text(f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# tests: a throwaway cluster on a private Unix socket\n"
                "listen_addresses = ''\n"
                f"unix_socket_directories = '{self.socket_dir}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 40\nshared_buffers = 16MB\n"
            )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(START_TIMEOUT), "start"
        )
        self.running = True
        return self

    def stop(self) -> None:
        try:
            if self.running:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
                self.running = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER, **extra: str) -> str:
        """A libpq URL for ``user`` on ``dbname`` over the cluster's socket (no password in it)."""
        query = "&".join(
            f"{k}={quote(v, safe='')}" for k, v in {"host": str(self.socket_dir), **extra}.items()
        )
        return f"postgresql://{quote(user, safe='')}@/{dbname}?{query}"
