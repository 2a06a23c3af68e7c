"""Reminders fire once per clock, however many instances run, and catch up
after a restart."""
import datetime
import time
from pathlib import Path

from conftest import add_user
from test_server import request

FAST = {"BEREDSKAP_SCHEDULER_SECONDS": "0.3"}


def breach(server, token, aware_hours_ago):
    # Registered just now, so its provisional clocks (assess within 2 h, 72 h from discovery) are
    # not due; the assessment below then dates awareness back and moves the authority's clock.
    now = datetime.datetime.now(datetime.timezone.utc)
    status, incident = request(server.url + "/api/v1/incidents", "POST", token, {
        "title": "Feilsendt deltakerliste", "severity": 2,
        "discovered_at": (now - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "discovered_by": "Ola"})
    assert status == 201
    aware = now - datetime.timedelta(hours=aware_hours_ago)
    # A list with bank account numbers e-mailed to three wrong people: a risk to notify, not a high one.
    facts = {"schema": "beredskap.breach-facts/1", "became_aware_at": aware.strftime("%Y-%m-%dT%H:%M:%SZ"),
             "nature": ["confidentiality"], "data_categories": ["identity", "contact", "financial"],
             "data_subjects": 40, "recipients": "known", "recipients_count": 3, "cause": "accidental"}
    status, assessment = request(f"{server.url}/api/v1/incidents/{incident['number']}/assessments", "POST", token,
                                 facts)
    assert status == 201 and assessment["notify_authority"] is True, assessment
    return incident["number"]


def reminders(server, token, number):
    status, body = request(server.url + "/api/v1/reminders", token=token)
    assert status == 200
    # The provisional «assess within 2 h» clock may raise its own reminder in the moment between
    # registration and the assessment the test posts at once; these tests are about the others.
    return sorted((r["kind"], r["offset_hours"]) for r in body["reminders"]
                  if r["incident"] == number and r["kind"] != "assessment")


def log_lines(server, number):
    return [l for l in Path(server.cwd, "server.log").read_text().splitlines()
            if f"reminder: {number} " in l and f"reminder: {number} assessment:" not in l]


def test_two_instances_raise_each_reminder_once(server_factory, database):
    token = add_user(database, "r@example.invalid", "responder")
    a = server_factory(database=database, extra_env=FAST)
    b = server_factory(database=database, extra_env=FAST)
    # Aware 71.5 h ago: the authority's 72 h run out in 30 min; the plan's two 1 h clocks are missed.
    number = breach(a, token, 71.5)
    time.sleep(3)
    expected = [("authority", 1), ("internal_notification", 0), ("log", 0)]
    assert reminders(a, token, number) == expected
    lines = log_lines(a, number) + log_lines(b, number)
    assert len(lines) == 3, lines
    assert not any("Feilsendt" in l for l in lines), "titles may hold personal data: never in the log"
    # Restarting both raises nothing again.
    a.stop()
    b.stop()
    c = server_factory(database=database, extra_env=FAST)
    time.sleep(2)
    assert reminders(c, token, number) == expected
    assert log_lines(c, number) == []


def test_a_server_that_was_down_catches_up(server_factory, tmp_path):
    database = f"sqlite://{tmp_path}/catchup.sqlite"
    token = add_user(database, "r@example.invalid", "responder")
    off = server_factory(database=database, extra_env={"BEREDSKAP_SCHEDULER_SECONDS": "0"})
    number = breach(off, token, 71.5)
    time.sleep(1)
    assert reminders(off, token, number) == []
    off.stop()
    on = server_factory(database=database, extra_env=FAST)
    time.sleep(2)
    got = reminders(on, token, number)
    assert ("authority", 1) in got, got
    # The 48, 24 and 6 h reminders were passed over into the 1 h one: one message, not four.
    assert len([g for g in got if g[0] == "authority"]) == 1
    assert any("(caught up)" in l for l in log_lines(on, number))


def test_reminders_reach_the_clocks_owner_by_e_mail_once_across_instances(tmp_path, server_factory, database):
    import email
    import email.header
    import subprocess
    import sys
    from conftest import ROOT
    out = tmp_path / "smtp"
    smtp = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "test-smtp-server.py"), "--out", str(out)],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(smtp.stdout.readline().split()[1])
        plan = tmp_path / "plan.yaml"
        plan.write_text("version: 1\norganisation:\n  name: Festivalen AS\n"
                        "  contact: {name: Drift, email: drift@example.org}\n"
                        "roles:\n  - id: incident_lead\n    title: Hendelsesleder\n"
                        "    people: [{name: Kari Vakt, email: kari.vakt@example.org}]\n", encoding="utf-8")
        env = {**FAST, "BEREDSKAP_PLAN": str(plan), "BEREDSKAP_SMTP_URL": f"smtp://127.0.0.1:{port}?starttls=none"}
        token = add_user(database, "r@example.invalid", "responder")
        a = server_factory(database=database, extra_env=env)
        b = server_factory(database=database, extra_env=env)
        number = breach(a, token, 71.5)
        deadline = time.time() + 20
        subjects = []
        while time.time() < deadline:
            subjects = []
            for p in sorted(out.glob("*.eml")):
                msg = email.message_from_bytes(p.read_bytes())
                assert "kari.vakt@example.org" in msg["To"]
                subjects.append(str(email.header.make_header(email.header.decode_header(msg["Subject"]))))
            if len([s for s in subjects if number in s and "Vurder" not in s]) >= 3:
                break
            time.sleep(0.5)
        time.sleep(2)  # anything sent twice would arrive by now
        mine = sorted(s for s in subjects if number in s and "Vurder" not in s)
        assert len(mine) == 3, mine
        assert len(set(mine)) == 3, mine
        assert any(s.startswith("Påminnelse: Meld til Datatilsynet") for s in mine), mine
        assert sum(s.startswith("Frist passert: ") for s in mine) == 2, mine
        a.stop()
        b.stop()
    finally:
        smtp.kill()
        smtp.wait()
