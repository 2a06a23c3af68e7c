"""The CLI contracts of contracts.md and assessment/README.md, on the real binary."""
import json
import sqlite3
import subprocess

import pytest

from conftest import EXAMPLES_DIR, ROOT, add_user, psql, run

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
