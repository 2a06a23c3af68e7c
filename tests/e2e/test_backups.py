"""Backups on the real binary: `backup record`, `backup create` while `serve` runs,
`backup restore` into an empty database, and the API route for job runs."""
import email
import email.header
import json
import os
import stat
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from conftest import PG_URL, add_user, psql, run, start_server
from test_mail import SERVER, received

PLAN = """version: 1
organisation:
  name: E2E AS
roles:
  - id: ops
    title: Drift
    people: [{name: Ola Drift, email: ola@example.org}]
backups:
  - id: app-db
    what: Kundedatabasen
    where: Objektlager
    every_hours: 24
    at: "03:00"
    owner: ops
"""


def test_backup_record_exit_codes(tmp_path):
    db = f"sqlite://{tmp_path}/rec.sqlite"
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    r = run(["backup", "record", "--job", "nope", "--status", "ok", "--plan", str(plan), "--database", db])
    assert r.returncode == 2
    assert '"nope" is not a backup job in the plan (known: beredskap, app-db)' in r.stderr
    r = run(["backup", "record", "--job", "app-db", "--status", "done", "--size=-5", "--sha256", "abc",
             "--plan", str(plan), "--database", db])
    assert r.returncode == 2
    assert "--status: must be ok or failed" in r.stderr
    assert "--size: must be a whole number of bytes" in r.stderr
    assert "--sha256: must be 64 hexadecimal digits" in r.stderr
    r = run(["backup", "record", "--job", "app-db", "--status", "ok", "--size", "1024", "--sha256", "a" * 64,
             "--plan", str(plan), "--database", db])
    assert r.returncode == 0, r.stderr
    assert "recorded ok run of app-db" in r.stdout
    r = run(["audit", "verify", "--database", db])
    assert r.returncode == 0 and r.stdout.startswith("ok: "), r.stdout + r.stderr


def test_backup_create_while_serving_then_restore_into_an_empty_database(database, tmp_path):
    marker = "Fiktiv Personsen " + uuid.uuid4().hex[:8]
    email = f"fiktiv.{uuid.uuid4().hex[:8]}@eksempel.invalid"
    token = add_user(database, "admin@example.invalid", "admin")
    server = start_server(database=database)
    try:
        body = json.dumps({"title": f"Feilsendt liste med {marker}", "summary": f"Gjelder {email}, fnr 98765432109",
                           "severity": 1, "discovered_at": "2026-11-23T08:00:00Z", "discovered_by": "e2e"}).encode()
        req = urllib.request.Request(server.url + "/api/v1/incidents", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as resp:
            assert resp.status == 201
        # A job reports a run over the API.
        req = urllib.request.Request(server.url + "/api/v1/backups/beredskap/runs", data=b'{"status":"failed"}',
                                     method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as resp:
            assert resp.status == 201
        out = tmp_path / "backups"
        r = run(["backup", "create", "--out", str(out), "--database", database], timeout=120)
        assert r.returncode == 0, r.stderr
        path = r.stdout.splitlines()[0]
        assert path.startswith(str(out)) and path.endswith(".bkp")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
        data = open(path, "rb").read()
        assert f"size: {len(data)} bytes" in r.stdout
        for secret in [marker, email, "98765432109", "Feilsendt"]:
            assert secret.encode() not in data
        # The server still answers while and after the backup ran.
        with urllib.request.urlopen(server.url + "/health") as resp:
            assert resp.status == 200
    finally:
        server.stop()

    # Restoring into the same (non-empty) database is refused.
    r = run(["backup", "restore", path, "--database", database])
    assert r.returncode == 2 and "not empty" in r.stderr

    if database.startswith("sqlite"):
        target = f"sqlite://{tmp_path}/restored/beredskap.sqlite"
    else:
        name = "e2e_restore_" + uuid.uuid4().hex[:10]
        psql(PG_URL, f"CREATE DATABASE {name}")
        target = PG_URL.rsplit("/", 1)[0] + "/" + name
    try:
        # A damaged file is refused before anything is written.
        damaged = tmp_path / "damaged.bkp"
        damaged.write_bytes(data[:-10])
        r = run(["backup", "restore", str(damaged), "--database", target])
        assert r.returncode == 1 and "nothing was restored" in r.stderr, r.stderr
        r = run(["backup", "restore", path, "--database", target], timeout=120)
        assert r.returncode == 0, r.stderr
        assert "audit verify: ok:" in r.stdout
        r = run(["audit", "verify", "--database", target])
        assert r.returncode == 0, r.stdout + r.stderr
        if target.startswith("sqlite"):
            restored = f"{tmp_path}/restored/beredskap.sqlite"
            assert stat.S_IMODE(os.stat(restored).st_mode) == 0o600
            assert stat.S_IMODE(os.stat(os.path.dirname(restored)).st_mode) == 0o700
    finally:
        if not target.startswith("sqlite"):
            psql(PG_URL, f"DROP DATABASE IF EXISTS {target.rsplit('/', 1)[1]} WITH (FORCE)")


def test_restore_without_the_data_key_says_what_to_do(tmp_path):
    db = f"sqlite://{tmp_path}/a/b.sqlite"
    r = run(["backup", "create", "--out", str(tmp_path / "bk"), "--database", db])
    assert r.returncode == 0, r.stderr
    path = r.stdout.splitlines()[0]
    env = {"BEREDSKAP_DATA_KEY": ""}
    r = run(["backup", "restore", path, "--database", f"sqlite://{tmp_path}/new/b.sqlite"], env=env)
    assert r.returncode == 2 and "beredskap.key" in r.stderr
    wrong = "V1JPTkctS0VZLVdST05HLUtFWS1XUk9ORy1LRVktMzI="
    r = run(["backup", "restore", path, "--database", f"sqlite://{tmp_path}/new/b.sqlite"],
            env={"BEREDSKAP_DATA_KEY": wrong})
    assert r.returncode == 1 and "another data key" in r.stderr
    assert not os.path.exists(f"{tmp_path}/new/b.sqlite")


def test_pg_dump_missing_or_older_than_the_server_is_exit_2(tmp_path):
    if not PG_URL:
        pytest.fail("BEREDSKAP_E2E_POSTGRES is not set: run through `make e2e`")
    name = "e2e_dump_" + uuid.uuid4().hex[:10]
    psql(PG_URL, f"CREATE DATABASE {name}")
    db = PG_URL.rsplit("/", 1)[0] + "/" + name
    try:
        empty = tmp_path / "empty"
        empty.mkdir()
        r = run(["backup", "create", "--out", str(tmp_path / "bk"), "--database", db], env={"PATH": str(empty)})
        assert r.returncode == 2 and "pg_dump was not found on PATH" in r.stderr, r.stderr
        old = tmp_path / "old"
        old.mkdir()
        fake = old / "pg_dump"
        fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
        fake.chmod(0o755)
        r = run(["backup", "create", "--out", str(tmp_path / "bk"), "--database", db], env={"PATH": str(old)})
        assert r.returncode == 2 and "pg_dump is version 9 but the server runs PostgreSQL" in r.stderr, r.stderr
        assert not list((tmp_path / "bk").iterdir())  # no partial file left behind
    finally:
        psql(PG_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_the_owner_gets_one_email_per_overdue_spell_from_two_instances(tmp_path, server_factory):
    out = tmp_path / "smtp"
    smtp = subprocess.Popen([sys.executable, str(SERVER), "--out", str(out)], stdout=subprocess.PIPE, text=True)
    try:
        port = int(smtp.stdout.readline().split()[1])
        plan = tmp_path / "plan.yaml"
        plan.write_text(PLAN)
        database = f"sqlite://{tmp_path}/mail.sqlite"
        token = add_user(database, "r@example.invalid", "responder")
        env = {"BEREDSKAP_SCHEDULER_SECONDS": "0.3", "BEREDSKAP_PLAN": str(plan),
               "BEREDSKAP_SMTP_URL": f"smtp://127.0.0.1:{port}?starttls=none",
               "BEREDSKAP_MAIL_FROM": "Beredskap <beredskap@example.org>"}
        a = server_factory(database=database, extra_env=env)
        server_factory(database=database, extra_env=env)
        old = (datetime.now(timezone.utc) - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        req = urllib.request.Request(a.url + "/api/v1/backups/app-db/runs", method="POST",
                                     data=json.dumps({"status": "ok", "finished_at": old}).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as resp:
            assert resp.status == 201
        deadline = time.time() + 20
        while time.time() < deadline and not received(out):
            time.sleep(0.3)
        time.sleep(2)  # both instances keep ticking: still one message
        mails = received(out)
        assert len(mails) == 1, mails
        msg = email.message_from_bytes(mails[0].read_bytes())
        assert "ola@example.org" in msg["To"]
        subject = str(email.header.make_header(email.header.decode_header(msg["Subject"])))
        assert subject == "Sikkerhetskopi forsinket: Kundedatabasen"
        assert "Siste vellykkede kopi er fra" in msg.get_payload(decode=True).decode("utf-8")
    finally:
        smtp.kill()
        smtp.wait()
