"""The CLI contracts of contracts.md and assessment/README.md, on the real binary."""
import hashlib
import json
import os
import re
import sqlite3
import stat
import subprocess

import pytest

from conftest import BIN, EXAMPLES_DIR, ROOT, add_user, psql, run, start_server

EXAMPLES = sorted(p.name[: -len(".facts.json")] for p in EXAMPLES_DIR.glob("*.facts.json"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_assess_gives_the_expected_fields_for_every_shared_example(name):
    facts = EXAMPLES_DIR / f"{name}.facts.json"
    expected = json.loads((EXAMPLES_DIR / f"{name}.expected.json").read_text())
    r = run(["assess", "--facts", str(facts)])
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["schema"] == "beredskap.assessment/1"
    for key, value in expected.items():
        if key == "about":
            continue
        if key == "deadlines":
            for d in value:
                assert any(all(g.get(k) == v for k, v in d.items()) for g in out["deadlines"]), (d, out["deadlines"])
        else:
            assert out[key] == value, (key, out[key])


def test_assess_reads_stdin_and_writes_text_for_people():
    facts = (EXAMPLES_DIR / "staffing-api-key-leak.facts.json").read_text()
    r = run(["assess", "--facts", "-", "--format", "text"], input=facts)
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Risiko for de berørte:")
    assert "Meld til Datatilsynet: JA" in r.stdout
    assert "30.03.2026 kl. 11:00" in r.stdout  # 72 h later, in Oslo summer time
    en = run(["assess", "--facts", "-", "--format", "text", "--lang", "en"], input=facts)
    assert "Notify the supervisory authority: YES" in en.stdout


def test_invalid_facts_exit_2_with_one_line_per_problem_and_nothing_on_stdout(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "beredskap.breach-facts/1", "became_aware_at": "2026-05-12T08:30:00+02:00",
                               "nature": ["confidentiality"], "data_categories": ["identity"],
                               "data_subjects": "many", "recipeints": "public"}))
    r = run(["assess", "--facts", str(bad)])
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.splitlines() == [
        'data_subjects: must be a whole number ≥ 0, got "many"',
        "recipeints: is not a field of beredskap.breach-facts/1 (check the spelling)",
    ]


def test_assess_with_a_stricter_plan():
    facts = (EXAMPLES_DIR / "event-laptop-unencrypted.facts.json")
    plain = json.loads(run(["assess", "--facts", str(facts)]).stdout)
    strict = json.loads(run(["assess", "--facts", str(facts), "--plan", str(ROOT / "plans" / "staffing-controller.yaml")]).stdout)
    assert plain["notify_subjects"] is False
    assert strict["risk"] == "critical" and strict["notify_subjects"] is True


def test_bad_usage_is_exit_2():
    assert run(["assess"]).returncode == 2
    assert run(["assess", "--facts", "/no/such/file"]).returncode == 2
    assert run(["assess", "--facts", "-", "--format", "pdf"], input="{}").returncode == 2
    assert run(["no-such-command"]).returncode == 2


def test_plan_check_names_the_lines(tmp_path):
    for plan in (ROOT / "plans").glob("*.yaml"):
        r = run(["plan", "check", str(plan)])
        assert r.returncode == 0, r.stdout
        assert r.stdout.strip().endswith("(0 warnings)")
    lax = tmp_path / "lax.yaml"
    lax.write_text("organisation:\n  name: Slapp AS\nassessment:\n  notify_authority_when: high_risk\n  exemptions: [already_known]\n")
    r = run(["plan", "check", str(lax)])
    assert r.returncode == 0
    assert f"{lax}:4: warning:" in r.stdout and f"{lax}:5: warning:" in r.stdout
    assert run(["plan", "check", "--strict", str(lax)]).returncode == 1
    broken = tmp_path / "broken.yaml"
    broken.write_text("organisation:\n  name: X\nseverity:\n  - level: nine\n")
    r = run(["plan", "check", str(broken)])
    assert r.returncode == 1
    assert f"{broken}:4: error: severity[0].level" in r.stdout
    assert run(["plan", "check", str(tmp_path / "missing.yaml")]).returncode == 2


def test_users_tokens_and_the_audit_trail(database):
    token = add_user(database, "kari@example.invalid", "admin")
    assert token.startswith("bk_") and "\n" not in token
    # Only the token on stdout.
    r = run(["token", "create", "--email", "kari@example.invalid", "--database", database])
    assert r.stdout.count("\n") == 1 and r.stderr == ""
    dup = run(["user", "add", "--email", "KARI@example.invalid", "--name", "K", "--role", "viewer", "--password-stdin",
               "--database", database], input="et langt passord 123\n")
    assert dup.returncode == 2 and "already exists" in dup.stderr
    bad = run(["user", "add", "--email", "x@example.invalid", "--name", "X", "--role", "boss", "--password-stdin",
               "--database", database], input="et langt passord 123\n")
    assert bad.returncode == 2 and "--role" in bad.stderr
    short = run(["user", "add", "--email", "y@example.invalid", "--name", "Y", "--role", "viewer", "--password-stdin",
                 "--database", database], input="kort\n")
    assert short.returncode == 2 and "password" in short.stderr
    assert run(["token", "create", "--email", "nobody@example.invalid", "--database", database]).returncode == 2

    ok = run(["audit", "verify", "--database", database])
    assert ok.returncode == 0 and ok.stdout.strip() == "ok: 3 entries", ok.stdout

    tamper(database, "UPDATE audit_entries SET action = 'user.delete' WHERE seq = 2")
    r = run(["audit", "verify", "--database", database])
    assert r.returncode == 1
    assert "entry 2 was altered" in r.stdout


def test_a_deleted_audit_row_is_named(database):
    add_user(database, "ola@example.invalid", "responder")
    add_user(database, "per@example.invalid", "viewer")
    tamper(database, "DELETE FROM audit_entries WHERE seq = 2")
    r = run(["audit", "verify", "--database", database])
    assert r.returncode == 1 and "entry 2 was removed" in r.stdout


def tamper(database, sql):
    if database.startswith("sqlite://"):
        with sqlite3.connect(database[len("sqlite://"):]) as db:
            db.execute(sql)
    else:
        psql(database, sql)


def test_a_bad_database_url_is_exit_2():
    r = run(["audit", "verify", "--database", "mysql://x"])
    assert r.returncode == 2 and "sqlite:// or postgres://" in r.stderr
    r = run(["audit", "verify", "--database", "postgres://nobody:sekret@127.0.0.1:9/none"])
    assert r.returncode == 2 and "cannot open the database" in r.stderr
    assert "sekret" not in r.stderr and "Backtrace" not in r.stderr


def test_reordered_and_inserted_audit_rows_are_named(database, tmp_path):
    add_user(database, "a@example.invalid", "responder")
    add_user(database, "b@example.invalid", "viewer")
    # Swap the contents of entries 2 and 3, keeping the numbering.
    tamper(database, "UPDATE audit_entries SET seq = 100 WHERE seq = 2")
    tamper(database, "UPDATE audit_entries SET seq = 2 WHERE seq = 3")
    tamper(database, "UPDATE audit_entries SET seq = 3 WHERE seq = 100")
    r = run(["audit", "verify", "--database", database])
    assert r.returncode == 1 and "entry 2" in r.stdout, r.stdout


def test_an_inserted_audit_row_is_named(tmp_path):
    database = f"sqlite://{tmp_path}/insert.sqlite"
    add_user(database, "a@example.invalid", "responder")
    # Append a row that claims to follow the last one but was never chained to it.
    tamper(database, "INSERT INTO audit_entries (seq, at, actor, action, subject, fields, previous_hash, hash) "
                     "SELECT 3, at, 'user:x', 'user.delete', subject, '{}', hash, hash FROM audit_entries WHERE seq = 2")
    r = run(["audit", "verify", "--database", database])
    assert r.returncode == 1 and "entry 3" in r.stdout, r.stdout


# --- Data at rest and the audit trail anchored outside the database (issue 7, points 6, 7, 9) ---

def query(database, sql):
    if database.startswith("sqlite://"):
        with sqlite3.connect(database[len("sqlite://"):]) as db:
            return db.execute(sql).fetchall()
    out = subprocess.run(["psql", database, "-At", "-F", "\t", "-c", sql], check=True, capture_output=True, text=True)
    return [tuple(line.split("\t")) for line in out.stdout.splitlines()]


def v2_hash(previous, seq, at_ms, actor, action, subject, fields):
    """The format-2 canonical bytes, written independently of the Swift encoder."""
    out = b"beredskap.audit/2\n"
    for value in [str(seq), str(at_ms), actor, action, subject, fields]:
        b = value.encode()
        out += str(len(b)).encode() + b":" + b + b"\n"
    return hashlib.sha256(previous.encode() + b"\n" + out).hexdigest()


def rewrite_without_the_key(database, seq, action):
    """What someone with write access to the database but not the data key can do:
    change one entry and re-hash it and every later entry, and the stored head."""
    at_expr = "CAST(ROUND(at * 1000) AS INTEGER)" if database.startswith("sqlite://") else \
        "ROUND(EXTRACT(EPOCH FROM at) * 1000)::bigint"
    rows = query(database, f"SELECT seq, {at_expr}, actor, action, subject, fields, previous_hash "
                           f"FROM audit_entries WHERE seq >= {seq} ORDER BY seq")
    previous = rows[0][6]
    for r in rows:
        new_action = action if int(r[0]) == seq else r[3]
        h = v2_hash(previous, r[0], r[1], r[2], new_action, r[4], r[5])
        tamper(database, f"UPDATE audit_entries SET action = '{new_action}', previous_hash = '{previous}', "
                         f"hash = '{h}' WHERE seq = {r[0]}")
        previous = h
    tamper(database, f"UPDATE audit_head SET hash = '{previous}' WHERE id = 1")


def test_a_consistent_rewrite_without_the_key_is_named(database):
    add_user(database, "ola@example.invalid", "responder")
    add_user(database, "per@example.invalid", "viewer")
    assert run(["audit", "verify", "--database", database]).returncode == 0
    rewrite_without_the_key(database, 2, "token.revoke")
    r = run(["audit", "verify", "--database", database])
    assert r.returncode == 1, r.stdout
    assert r.stdout.strip() == "FAILED: entry 2 was altered or rewritten without the data key (its MAC does not match)"


def test_audit_head_is_kept_elsewhere_and_checked(database, tmp_path):
    add_user(database, "ola@example.invalid", "responder")
    head = run(["audit", "head", "--database", database])
    assert head.returncode == 0, head.stderr
    doc = json.loads(head.stdout)
    assert doc["schema"] == "beredskap.audit-head/1" and doc["seq"] == 2 and len(doc["mac"]) == 64
    kept = tmp_path / "head.json"
    kept.write_text(head.stdout)
    add_user(database, "per@example.invalid", "viewer")
    ok = run(["audit", "verify", "--head", str(kept), "--database", database])
    assert ok.returncode == 0 and ok.stdout.strip() == "ok: 4 entries, extends the kept head 2", ok.stdout
    # A head edited by hand is not accepted as one this installation issued.
    forged = tmp_path / "forged.json"
    forged.write_text(head.stdout.replace('"seq": 2', '"seq": 1'))
    r = run(["audit", "verify", "--head", str(forged), "--database", database])
    assert r.returncode == 1 and "not issued with this data key" in r.stderr
    # Cutting the trail back before the kept head, even re-hashed, is caught by the head.
    tamper(database, "DELETE FROM audit_entries WHERE seq >= 2")
    tamper(database, "UPDATE audit_head SET seq = 1, hash = (SELECT hash FROM audit_entries WHERE seq = 1) WHERE id = 1")
    assert run(["audit", "verify", "--database", database]).returncode == 1  # the users' roles have no entries
    r = run(["audit", "verify", "--head", str(kept), "--database", database])
    assert r.returncode == 1 and "entry 2, the kept head, is gone" in r.stdout, r.stdout
    bad = run(["audit", "verify", "--head", str(tmp_path / "missing.json"), "--database", database])
    assert bad.returncode == 2 and "--head" in bad.stderr


def test_user_add_is_audited_with_digests_and_a_direct_role_change_is_named(database):
    add_user(database, "kari.nordmann@example.invalid", "viewer")
    rows = query(database, "SELECT actor, action, fields FROM audit_entries WHERE action = 'user.create'")
    assert len(rows) == 1
    actor, action, fields = rows[0]
    assert actor == "cli"
    f = json.loads(fields)
    assert f["role"] == "viewer"
    assert f["email"] == "sha256:" + hashlib.sha256(b"kari.nordmann@example.invalid").hexdigest()
    assert "kari" not in fields.lower()
    tamper(database, "UPDATE users SET role = 'admin'")
    r = run(["audit", "verify", "--database", database])
    assert r.returncode == 1 and "has the role admin, which no audit entry gave them" in r.stdout, r.stdout


def test_the_data_folder_and_key_file_are_private(tmp_path):
    env = {"BEREDSKAP_DATA_KEY": ""}
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    db = folder / "b.sqlite"
    db.write_bytes(b"")
    os.chmod(db, 0o644)
    database = f"sqlite://{db}"
    r = run(["user", "add", "--email", "a@example.invalid", "--name", "A", "--role", "admin", "--password-stdin",
             "--database", database], input="et langt passord 123\n", env=env)
    assert r.returncode == 0, r.stderr
    mode = lambda p: stat.S_IMODE(os.stat(p).st_mode)
    assert mode(folder) == 0o700
    key = folder / "beredskap.key"
    assert mode(key) == 0o600
    for f in folder.iterdir():
        assert mode(f) == 0o600 if f.is_file() else True, f
    assert key.read_text().strip() not in (db.read_bytes() + b"".join(
        p.read_bytes() for p in folder.glob("b.sqlite-*"))).decode("latin-1")
    assert run(["audit", "verify", "--database", database], env=env).returncode == 0
    wrong = run(["audit", "verify", "--database", database], env={"BEREDSKAP_DATA_KEY": "ab" * 32})
    assert wrong.returncode == 2 and "not the one this database was set up with" in wrong.stderr
    bad = run(["audit", "verify", "--database", database], env={"BEREDSKAP_DATA_KEY": "topsecret-but-short"})
    assert bad.returncode == 2 and "BEREDSKAP_DATA_KEY" in bad.stderr and "topsecret" not in bad.stderr


def test_a_malformed_database_url_never_prints_its_password(tmp_path):
    url = "postgres://beredskap:topsecret-pw@127.0.0.1:5432/beredskap?sslmode=bogus"
    for args in (["audit", "verify", "--database", url], ["audit", "head", "--database", url],
                 ["token", "create", "--email", "a@example.invalid", "--database", url]):
        r = run(args)
        assert r.returncode == 2, r
        assert "sslmode" in r.stderr and "topsecret" not in r.stderr + r.stdout, r.stderr
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = url
    for extra in ({}, {"LOG_LEVEL": "trace"}):
        p = subprocess.run([BIN, "serve", "--port", "9"], env={**env, **extra}, capture_output=True, text=True,
                           timeout=60, cwd=tmp_path)
        assert p.returncode != 0
        assert "sslmode" in p.stdout + p.stderr and "topsecret" not in p.stdout + p.stderr, p.stdout + p.stderr


def test_debug_logs_hold_no_email_address_or_totp_secret(tmp_path):
    import requests
    database = f"sqlite://{tmp_path}/log.sqlite"
    add_user(database, "logg.sjekk@example.invalid", "viewer", password="et langt passord 123")
    server = start_server(database=database, extra_env={"LOG_LEVEL": "trace"})
    try:
        s = requests.Session()
        page = s.get(server.url + "/login").text
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        s.post(server.url + "/login", data={"_csrf": csrf, "email": "logg.sjekk@example.invalid", "password": "feil"})
        page = s.get(server.url + "/login").text
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        r = s.post(server.url + "/login", data={"_csrf": csrf, "email": "logg.sjekk@example.invalid",
                                                "password": "et langt passord 123"})
        account = s.get(server.url + "/account").text
        csrf = re.search(r'name="_csrf" value="([^"]+)"', account).group(1)
        started = s.post(server.url + "/account/2fa/start", data={"_csrf": csrf}).text
        secret = re.search(r'<code class="key">([A-Z2-7]+)</code>', started).group(1)
        assert len(secret) >= 16
    finally:
        server.stop()
    log = (open(os.path.join(server.cwd, "server.log")).read())
    assert "[ DEBUG ]" in log, log[:2000]  # the log is on, at its most talkative
    assert "logg.sjekk" not in log
    assert secret not in log
    # The HTTP libraries' trace lines quote headers and bodies, also as hex: none of it may reach the log.
    cookie = s.cookies.get("beredskap_session")
    for needle in ["et langt passord", "langt+passord", cookie, "logg.sjekk".encode().hex(), "et langt".encode().hex()]:
        assert needle not in log, needle
    stored = query(database, "SELECT totp_secret FROM users")[0][0]
    assert stored.startswith("enc:v1:") and secret not in stored
