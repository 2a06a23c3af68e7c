"""The public status page in a real browser (axe, no JavaScript needed, no cookies), and
`beredskap export` on the real binary with its exit codes."""
import csv
import io
import json
import urllib.request
import xml.etree.ElementTree as ET

from selenium.webdriver.common.by import By

from conftest import add_user, run
from test_browser import browser, check_accessibility, click_and_wait, fill  # noqa: F401 (fixture)

ATOM = "{http://www.w3.org/2005/Atom}"


def api(server, token, path, body):
    req = urllib.request.Request(server.url + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return r.status, json.load(r)


def test_a_responder_publishes_and_the_public_reads_it(browser, server_factory, tmp_path):  # noqa: F811
    database = f"sqlite://{tmp_path}/status.sqlite"
    token = add_user(database, "api@example.invalid", "responder")
    server = server_factory(database=database)
    _, incident = api(server, token, "/api/v1/incidents", {
        "title": "Sigrid Prøvesen melder innbrudd", "severity": 1, "discovered_at": "2026-11-24T08:00:00Z",
        "discovered_by": "Sigrid Prøvesen", "summary": "sigrid@example.org ringte"})
    number = incident["number"]

    # Nothing published: the page says so, with no JavaScript and no cookie.
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(server.url + "/status")
    assert "Alle tjenester fungerer normalt." in browser.page_source
    assert browser.get_cookies() == []
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})

    # A responder publishes on the incident page.
    browser.get(server.setup_link)
    fill(browser, "name", "Kari Testmann")
    fill(browser, "email", "kari@example.invalid")
    fill(browser, "password", "et langt passord")
    fill(browser, "password_confirm", "et langt passord")
    click_and_wait(browser, "button[type=submit].button")
    browser.get(f"{server.url}/incidents/{number}")
    assert "Ikke skriv personopplysninger" in browser.page_source
    fill(browser, "title", "Innlogging feiler")
    fill(browser, "message", "Noen brukere får ikke logget inn. Vi undersøker.")
    fill(browser, "components", "Innlogging, API")
    click_and_wait(browser, ".status-form button[type=submit]")
    assert "publisert" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    check_accessibility(browser, "status-01-incident-published")

    status, _ = api(server, token, f"/api/v1/incidents/{number}/status-updates",
                    {"title": "Innlogging feiler", "message": "Rettet; vi følger med.", "status": "monitoring"})
    assert status == 201

    browser.delete_all_cookies()
    # The first visit above may be cached for 30 seconds (Cache-Control: public, max-age=30).
    browser.get(server.url + "/status?lang=nb")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "Innlogging feiler" in text and "Overvåker" in text and "Innlogging, API" in text
    for secret in ["Sigrid", "sigrid@example.org", number]:
        assert secret not in browser.page_source
    check_accessibility(browser, "status-02-public")
    with urllib.request.urlopen(server.url + "/status.atom") as r:
        assert r.headers["Content-Type"].startswith("application/atom+xml")
        assert "Set-Cookie" not in r.headers
        feed = ET.fromstring(r.read())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert all(e.find(f"{ATOM}id").text.startswith("urn:uuid:") for e in entries)


def test_export_formats_and_exit_codes(tmp_path):
    database = f"sqlite://{tmp_path}/export.sqlite"
    add_user(database, "admin@example.invalid", "admin")
    out = run(["export", "--format", "json", "--database", database])
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["format"] == "beredskap.export/1"
    assert doc["tables"]["users"][0]["email"] == "admin@example.invalid"
    assert "password_hash" not in out.stdout

    md = run(["export", "--format", "incidents-md", "--out", str(tmp_path / "incidents-log.md"), "--database", database])
    assert md.returncode == 0, md.stderr
    assert (tmp_path / "incidents-log.md").read_text().splitlines()[2].startswith("| Incident ID |")

    r = run(["export", "--format", "csv", "--out", str(tmp_path / "csv"), "--database", database])
    assert r.returncode == 0, r.stderr
    users = list(csv.reader(io.StringIO((tmp_path / "csv" / "users.csv").read_text(), newline="")))
    assert users[0][:2] == ["id", "email"] and users[1][1] == "admin@example.invalid"

    assert run(["export", "--format", "xml", "--database", database]).returncode == 2
    assert run(["export", "--format", "csv", "--database", database]).returncode == 2
    bad = run(["export", "--format", "json", "--out", str(tmp_path / "missing" / "x.json"), "--database", database])
    assert bad.returncode == 2 and "--out" in bad.stderr
    log = run(["export", "--format", "databrudd-log", "--database", database])
    assert log.returncode == 0 and "Ingen personvernbrudd" in log.stdout
