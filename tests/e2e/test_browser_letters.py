"""A responder in a real browser tells the people affected: uploads the list, reads and edits the
letters' shared text, previews a person's letter, approves the batch and sends it to a real SMTP
server; every page passes axe-core."""
import email
import email.header
import json
import subprocess
import sys
import time
import urllib.request

from selenium.webdriver.common.by import By

from conftest import ROOT, add_user
from test_browser import browser, check_accessibility, click_and_wait, fill  # noqa: F401 (fixture)

PEOPLE = ("navn;e-post;telefon;kategorier;språk\n"
          "Sigrid Prøvesen;sigrid@example.org;;contact|national_id;nb\n"
          "Alex Example;alex@example.org;;identity;en\n"
          "Per Uten Epost;;+47 400 00 001;contact;nb\n")


def test_from_upload_to_sent_letters(browser, server_factory, tmp_path):  # noqa: F811
    out = tmp_path / "smtp"
    smtp = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "test-smtp-server.py"), "--out", str(out)],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(smtp.stdout.readline().split()[1])
        database = f"sqlite://{tmp_path}/letters.sqlite"
        env = {"BEREDSKAP_SMTP_URL": f"smtp://127.0.0.1:{port}?starttls=none",
               "BEREDSKAP_MAIL_FROM": "Festivalen AS <personvern@example.org>"}
        token = add_user(database, "api@example.invalid", "responder")
        server = server_factory(database=database, extra_env=env)

        def api(path, body):
            req = urllib.request.Request(server.url + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
            with urllib.request.urlopen(req) as r:
                return json.load(r)

        number = api("/api/v1/incidents", {"title": "Deltakerliste sendt til feil mottaker", "severity": 2,
                                           "discovered_at": "2026-11-24T08:00:00Z", "discovered_by": "Ola"})["number"]
        api(f"/api/v1/incidents/{number}/assessments", {
            "schema": "beredskap.breach-facts/1", "became_aware_at": "2026-11-24T08:30:00Z",
            "nature": ["confidentiality"], "data_categories": ["identity", "contact", "national_id"],
            "data_subjects": 3, "recipients": "unknown", "cause": "accidental"})

        browser.get(server.setup_link)
        fill(browser, "name", "Kari Testmann")
        fill(browser, "email", "kari@example.invalid")
        fill(browser, "password", "et langt passord")
        fill(browser, "password_confirm", "et langt passord")
        click_and_wait(browser, "button[type=submit].button")

        # Upload the list on the incident page.
        browser.get(f"{server.url}/incidents/{number}")
        csv = tmp_path / "berorte.csv"
        csv.write_text(PEOPLE, encoding="utf-8")
        browser.find_element(By.ID, "subjects_file").send_keys(str(csv))
        click_and_wait(browser, "#subjects form button[type=submit]")
        assert "3" in browser.find_element(By.ID, "subjects").text
        check_accessibility(browser, "20-incident-people")

        # The letters page: the shared text, a preview of each person's own letter.
        click_and_wait(browser, f"a[href='/incidents/{number}/letters']")
        check_accessibility(browser, "21-letters")
        preview = browser.find_element(By.ID, "preview").text
        assert "Hei Sigrid Prøvesen," in preview and "fødselsnummer eller ID-nummer" in preview
        fill(browser, "what_happened-nb", "En liste med navn og kontaktopplysninger ble sendt til feil mottaker.")
        click_and_wait(browser, "form.letters-texts button[type=submit]")
        assert "Teksten er lagret." in browser.find_element(By.CSS_SELECTOR, ".flash").text
        assert "sendt til feil mottaker" in browser.find_element(By.ID, "preview").text
        click_and_wait(browser, "#preview .pager a")
        assert "Dear Alex Example," in browser.find_element(By.ID, "preview").text

        # Approve, then send.
        click_and_wait(browser, f"form[action='/incidents/{number}/letters/approve'] button")
        assert "2 brev er godkjent" in browser.find_element(By.CSS_SELECTOR, ".flash").text
        assert "Per Uten Epost" in browser.find_element(By.ID, "other").text
        check_accessibility(browser, "22-letters-approved")
        # The next batch (people added later) starts from the approved text.
        assert "sendt til feil mottaker." in browser.find_element(By.ID, "what_happened-nb").get_attribute("value")
        click_and_wait(browser, f"form[action='/incidents/{number}/letters/send'] button")
        deadline = time.time() + 20
        while time.time() < deadline and len(list(out.glob("*.eml"))) < 2:
            time.sleep(0.3)
        browser.get(f"{server.url}/incidents/{number}/letters")
        assert "2 sendt" in browser.find_element(By.ID, "status").text
        check_accessibility(browser, "23-letters-sent")
        bodies = []
        for p in sorted(out.glob("*.eml")):
            msg = email.message_from_bytes(p.read_bytes())
            bodies.append((msg["To"], msg.get_payload(decode=True).decode("utf-8")))
        assert len(bodies) == 2
        sigrid = next(b for to, b in bodies if "sigrid@example.org" in to)
        assert "sendt til feil mottaker" in sigrid and "- fødselsnummer eller ID-nummer" in sigrid
        # The report now says how far the letters have come.
        browser.get(f"{server.url}/incidents/{number}/report")
        assert "Brev er sendt på e-post til 2 personer av 2" in browser.find_element(By.ID, "section-subjects").text
    finally:
        smtp.kill()
        smtp.wait()
