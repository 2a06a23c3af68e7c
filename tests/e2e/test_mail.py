"""`beredskap letters send` against a real SMTP server (aiosmtpd on loopback): sends what is
queued, survives `kill -9` in the middle of a batch without losing a letter, and duplicates
only letters recorded as possibly sent twice."""
import email
import email.header
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BIN, ROOT, run

MAILBENCH = str(Path(BIN).parent / "beredskap-mailbench")
SERVER = ROOT / "scripts" / "test-smtp-server.py"


@pytest.fixture
def smtp(tmp_path):
    out = tmp_path / "smtp"
    proc = subprocess.Popen([sys.executable, str(SERVER), "--out", str(out)], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("port "), "the test SMTP server did not start"
    yield int(line.split()[1]), out
    proc.kill()
    proc.wait()


def received(out: Path):
    return sorted(out.glob("*.eml"))


def message_ids(out: Path):
    return [email.message_from_bytes(p.read_bytes())["Message-ID"] for p in received(out)]


def fill(database, count):
    proc = subprocess.run([MAILBENCH, "--database", database, "--count", str(count), "--size", "1500"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def flagged(database):
    sql = "SELECT COUNT(*) FROM outbox_messages WHERE maybe_sent_twice"
    if database.startswith("sqlite://"):
        out = subprocess.run(["sqlite3", database[len("sqlite://"):], sql], capture_output=True, text=True, check=True)
    else:
        out = subprocess.run(["psql", database, "-tAc", sql], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def test_send_without_smtp_url_says_what_to_set(tmp_path):
    result = run(["letters", "send", "--incident", "INC-2026-001", "--database", f"sqlite://{tmp_path}/db.sqlite"],
                 env={"BEREDSKAP_SMTP_URL": ""})
    assert result.returncode == 2
    assert "BEREDSKAP_SMTP_URL is not set" in result.stderr


def test_required_starttls_fails_closed_and_keeps_the_letters(tmp_path, smtp):
    port, out = smtp
    database = f"sqlite://{tmp_path}/db.sqlite"
    number = fill(database, 3)
    env = {"BEREDSKAP_SMTP_URL": f"smtp://127.0.0.1:{port}?starttls=required"}
    result = run(["letters", "send", "--incident", number, "--database", database], env=env)
    assert result.returncode == 1
    assert "STARTTLS" in result.stderr
    assert received(out) == []
    # Fixed settings: the same letters go out.
    env = {"BEREDSKAP_SMTP_URL": f"smtp://127.0.0.1:{port}?starttls=none"}
    result = run(["letters", "send", "--incident", number, "--database", database], env=env)
    assert result.returncode == 0, result.stderr
    assert "sent: 3" in result.stdout
    assert len(received(out)) == 3


@pytest.mark.parametrize("group", [None, "1"], ids=["default-group-50", "group-1"])
def test_kill_9_in_the_middle_of_2000_letters_loses_none(database, smtp, group):
    port, out = smtp
    number = fill(database, 2000)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BEREDSKAP_MAIL_HANDOVER_GROUP")}
    env["BEREDSKAP_SMTP_URL"] = f"smtp://127.0.0.1:{port}?starttls=none"
    if group:
        env["BEREDSKAP_MAIL_HANDOVER_GROUP"] = group
    proc = subprocess.Popen([BIN, "letters", "send", "--incident", number, "--database", database], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while len(received(out)) < 300 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = len(received(out))
    assert 0 < before < 2000, "the batch should have been interrupted in the middle"

    result = run(["letters", "send", "--incident", number, "--database", database],
                 env={"BEREDSKAP_SMTP_URL": env["BEREDSKAP_SMTP_URL"]}, timeout=300)
    assert result.returncode == 0, result.stderr
    ids = message_ids(out)
    assert len(set(ids)) == 2000, "every letter arrived"
    duplicates = len(ids) - len(set(ids))
    # Only letters that were being handed over when the process died may come twice, and they say so:
    # the group in flight (50 by default), or with a group of 1 that very letter.
    assert duplicates <= flagged(database) <= int(group or 50)


def test_each_person_gets_their_own_letter_from_import_to_sent(tmp_path, database, server_factory, smtp):
    """The whole path on the real binary: people imported from a CSV, the batch approved, the letters sent
    over SMTP; each person's letter arrives with their own categories, in their language."""
    from test_subjects import incident
    port, out = smtp
    number = incident(database, server_factory)
    csv = tmp_path / "berorte.csv"
    csv.write_text("\ufeffnavn;e-post;telefon;kategorier;språk\n"
                   "Sigrid Prøvesen;sigrid@example.org;;contact|national_id;nb\n"
                   "Alex Example;ALEX@example.org;;identity;en\n"
                   "Per Uten Epost;;+47 400 00 001;contact;nb\n"
                   "Alex Igjen;alex@example.org;;financial;en\n", encoding="utf-8")
    r = run(["subjects", "import", "--incident", number, str(csv), "--database", database])
    assert r.returncode == 0, r.stderr
    env = {"BEREDSKAP_MAIL_FROM": "Festivalen AS <personvern@example.org>"}
    r = run(["letters", "approve", "--incident", number, "--database", database], env=env)
    assert r.returncode == 0, r.stderr
    assert "approved: 2 letters queued; 1 without e-mail" in r.stdout
    r = run(["letters", "approve", "--incident", number, "--database", database], env=env)
    assert r.returncode == 2 and "nothing to approve" in r.stderr
    env = {"BEREDSKAP_SMTP_URL": f"smtp://127.0.0.1:{port}?starttls=none"}
    r = run(["letters", "send", "--incident", number, "--database", database], env=env)
    assert r.returncode == 0, r.stderr
    assert "sent: 2" in r.stdout
    letters = {}
    for path in received(out):
        msg = email.message_from_bytes(path.read_bytes())
        letters[msg["To"].lower()] = (str(email.header.make_header(email.header.decode_header(msg["Subject"]))),
                                      msg.get_payload(decode=True).decode("utf-8"))
    assert len(letters) == 2
    sigrid = next(body for to, (_, body) in letters.items() if "sigrid@example.org" in to)
    alex_subject, alex = next(v for to, v in letters.items() if "alex@example.org" in to)
    assert "Hei Sigrid Prøvesen," in sigrid
    assert "- kontaktopplysninger" in sigrid and "- fødselsnummer eller ID-nummer" in sigrid
    assert "økonomi" not in sigrid
    # Alex appeared twice (e-mail case-folded): one person, one letter, both rows' categories, in English.
    assert alex_subject.startswith("Important information about your personal data")
    assert "- name and identity" in alex and "- financial data" in alex
    assert "national ID" not in alex
    assert "Datatilsynet" in alex
    # Sending again sends nothing more.
    r = run(["letters", "send", "--incident", number, "--database", database], env=env)
    assert r.returncode == 0 and "sent: 0" in r.stdout
    assert len(received(out)) == 2
