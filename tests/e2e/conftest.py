"""End-to-end fixtures: the real `beredskap` binary, on SQLite and PostgreSQL."""
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The contract examples, kept in the repository (tests need nothing outside the clone).
EXAMPLES_DIR = ROOT / "Tests" / "BeredskapCoreTests" / "Fixtures" / "examples"
BIN = os.environ.get("BEREDSKAP_BIN") or str(ROOT / ".build" / "debug" / "beredskap")
PG_URL = os.environ.get("BEREDSKAP_E2E_POSTGRES", "")
# One data key for the CLI and the servers of a run, as an operator on PostgreSQL sets it
# (without it each working directory would get a key file of its own). Tests of the key
# file itself remove it.
DATA_KEY = "QkVSRURTS0FQLUUyRS1URVNULURBVEEtS0VZLTMyQiE="
os.environ.setdefault("BEREDSKAP_DATA_KEY", DATA_KEY)


def run(args, *, input=None, cwd=None, env=None, timeout=60):
    """Runs the CLI and returns the completed process (text mode)."""
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update(env or {})
    return subprocess.run([BIN, *args], input=input, cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url, sql):
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True, capture_output=True)


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path):
    """A fresh, empty database URL of each kind."""
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path}/e2e.sqlite"
        return
    if not PG_URL:
        pytest.fail("BEREDSKAP_E2E_POSTGRES is not set: run through `make e2e`")
    name = "e2e_" + uuid.uuid4().hex[:12]
    psql(PG_URL, f"CREATE DATABASE {name}")
    base = PG_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    psql(PG_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Server:
    def __init__(self, proc, port, lines, cwd):
        self.proc, self.port, self.lines, self.cwd = proc, port, lines, cwd
        self.url = f"http://127.0.0.1:{port}"

    @property
    def setup_link(self):
        for line in self.lines:
            m = re.search(r"(http://\S+/setup/\S+)", line)
            if m:
                return m.group(1)
        return None

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def start_server(database=None, cwd=None, extra_env=None, port=None):
    """Starts `beredskap serve` and waits until /health answers."""
    port = port or free_port()
    cwd = cwd or tempfile.mkdtemp(prefix="beredskap-serve-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(extra_env or {})
    if database:
        env["DATABASE_URL"] = database
    log = open(Path(cwd) / "server.log", "w+")
    proc = subprocess.Popen([BIN, "serve", "--port", str(port)], cwd=cwd, env=env, stdout=log,
                            stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError("server exited:\n" + log.read())
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("server did not start")
    log.seek(0)
    return Server(proc, port, log.read().splitlines(), cwd)


@pytest.fixture
def server_factory():
    servers = []

    def make(**kw):
        s = start_server(**kw)
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.stop()
        shutil.rmtree(s.cwd, ignore_errors=True)


def add_user(database, email, role, password="et langt passord 123"):
    r = run(["user", "add", "--email", email, "--name", f"Test {role}", "--role", role, "--password-stdin",
             "--database", database], input=password + "\n")
    assert r.returncode == 0, r.stderr
    t = run(["token", "create", "--email", email, "--database", database])
    assert t.returncode == 0, t.stderr
    return t.stdout.strip()
