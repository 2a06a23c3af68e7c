"""A severity-1 outage walked in a real browser: detected and registered, a runbook worked through as a
checklist, the customers told by e-mail over real SMTP, the public told on the status page, the incident
resolved, and the post-mortem written with an action item and a version for customers; a restore test
recorded. Every page passes axe-core."""
import email
import subprocess
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ROOT
from test_browser import browser, check_accessibility, click_and_wait, fill  # noqa: F401 (fixture)


def received(out, count, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        files = sorted(out.glob("*.eml")) if out.exists() else []
        if len(files) >= count:
            return [email.message_from_bytes(f.read_bytes()) for f in files]
        time.sleep(0.2)
    raise AssertionError(f"expected {count} messages in {out}")


def test_a_severity_one_outage_from_detection_to_post_mortem(browser, server_factory, tmp_path):  # noqa: F811
    out = tmp_path / "smtp"
    smtp = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "test-smtp-server.py"), "--out", str(out)],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(smtp.stdout.readline().split()[1])
        env = {"BEREDSKAP_SMTP_URL": f"smtp://127.0.0.1:{port}?starttls=none",
               "BEREDSKAP_MAIL_FROM": "Drift <drift@example.org>",
               "BEREDSKAP_PLAN": str(ROOT / "plans" / "saas-processor.yaml")}
        server = server_factory(database=f"sqlite://{tmp_path}/outage.sqlite", extra_env=env)
        browser.get(server.setup_link)
        fill(browser, "name", "Kari Testmann")
        fill(browser, "email", "kari@example.invalid")
        fill(browser, "password", "et langt passord")
        fill(browser, "password_confirm", "et langt passord")
        click_and_wait(browser, "button[type=submit].button")

        # Detection: a monitoring alert, registered as severity 1.
        browser.find_element(By.LINK_TEXT, "Registrer hendelse").click()
        fill(browser, "title", "Databasen svarer ikke")
        browser.find_element(By.CSS_SELECTOR, "label[for='severity-1']").click()
        fill(browser, "discovered_by", "overvåkning")
        fill(browser, "summary", "Intern: primærnoden gikk tom for disk etter migrering.")
        click_and_wait(browser, "button[type=submit].button")
        number = browser.find_element(By.CSS_SELECTOR, ".caption").text
        assert "Ingen prosedyre er tatt i bruk" in browser.find_element(By.ID, "runbooks").text

        # The runbook for a lost database becomes a checklist; every step ticked off.
        Select(browser.find_element(By.ID, "runbook")).select_by_value("database")
        click_and_wait(browser, "#runbooks form.pick-form button")
        checklist = browser.find_element(By.ID, "runbook-database")
        assert "0 av 8 steg utført" in checklist.text
        check_accessibility(browser, "c01-incident-runbook")
        for step in range(1, 9):
            click_and_wait(browser, f"form[action='/incidents/{number}/runbooks/database/steps/{step}'] button")
        checklist = browser.find_element(By.ID, "runbook-database")
        assert "8 av 8 steg utført" in checklist.text
        timeline = browser.find_element(By.ID, "timeline").text
        assert "Steg 8 utført (Databasen er ødelagt eller tapt)" in timeline

        # The customers are told by e-mail, from the stakeholder matrix.
        browser.find_element(By.CSS_SELECTOR, "label[for='customer-kunde-a']").click()
        click_and_wait(browser, ".customers-form button[type=submit]")
        browser.find_element(By.CSS_SELECTOR, "#comm-customers-start details.comm-draft summary").click()
        click_and_wait(browser, "form[action$='/communications/customers:start/send'] button")
        mails = received(out, 1)
        assert "drift@kunde-a.invalid" in mails[0]["To"]
        assert "primærnoden" not in mails[0].get_payload(decode=True).decode("utf-8")

        # A status update on the public page: only what was written for it shows there.
        fill(browser, "title", "Tjenesten er nede")
        fill(browser, "message", "Vi gjenoppretter databasen og regner med å være tilbake innen en time.")
        browser.find_element(By.CSS_SELECTOR, "label[for='component-0']").click()
        click_and_wait(browser, "form.status-form button[type=submit]")
        browser.get(f"{server.url}/status")
        public = browser.find_element(By.TAG_NAME, "body").text
        assert "Tjenesten er nede" in public and "Nettappen" in public
        for secret in ["Databasen svarer ikke", "primærnoden", number]:
            assert secret not in public
        check_accessibility(browser, "c01b-status-page")

        # Resolved.
        browser.get(f"{server.url}/incidents/{number}/edit")
        Select(browser.find_element(By.ID, "status")).select_by_value("resolved")
        click_and_wait(browser, "button[type=submit].button")
        post_mortem = browser.find_element(By.ID, "post-mortem").text
        assert "Etterarbeidet skal være ferdig innen" in post_mortem

        # The post-mortem: every part written, an action item, then completed.
        browser.find_element(By.LINK_TEXT, "Skriv etterarbeidet").click()
        check_accessibility(browser, "c02-post-mortem")
        texts = {
            "summary": "Databasen stoppet i 40 minutter.", "impact": "Ingen kunder fikk logget inn.",
            "technical_cause": "Disken ble full.", "human_error": "Migreringen ble kjørt uten plasskontroll.",
            "systemic_weakness": "Ingen varsling på diskplass.", "solution": "Gjenopprettet og utvidet disken.",
            "went_well": "Prosedyren fungerte.", "went_badly": "Varslingen kom sent.",
            "customer_summary": "Tjenesten var utilgjengelig i 40 minutter.",
            "customer_prevention": "Vi varsler nå før disken blir full.",
        }
        for field, text in texts.items():
            fill(browser, field, text)
        click_and_wait(browser, "button[value=save]")
        fill(browser, "action_text", "Varsel ved 80 % diskbruk")
        fill(browser, "action_owner", "Kari Testmann")
        browser.execute_script("document.getElementById('action_due').value = '2030-01-31'")
        click_and_wait(browser, "form[action$='/post-mortem/actions'] button")
        assert "Varsel ved 80 % diskbruk" in browser.find_element(By.ID, "actions").text
        click_and_wait(browser, "button[value=complete]")
        assert "Etterarbeidet er ferdig." in browser.find_element(By.CSS_SELECTOR, ".flash").text
        check_accessibility(browser, "c03-post-mortem-done")

        browser.find_element(By.LINK_TEXT, "Versjon for kundene").click()
        customer = browser.find_element(By.ID, "customer-text").text
        assert "Vi varsler nå før disken blir full." in customer
        for secret in ["Databasen svarer ikke", "primærnoden", "Migreringen", "Varsel ved 80 %"]:
            assert secret not in customer
        check_accessibility(browser, "c04-post-mortem-customer")

        # The action item is followed up from the list.
        browser.find_element(By.LINK_TEXT, "Tiltak").click()
        check_accessibility(browser, "c05-actions")
        click_and_wait(browser, "table.incidents form button")
        assert "Tiltaket er merket som utført." in browser.find_element(By.CSS_SELECTOR, ".flash").text

        # A restore test on record; the dashboard no longer says it was never held.
        browser.find_element(By.LINK_TEXT, "Tester").click()
        check_accessibility(browser, "c06-exercises")
        fill(browser, "scenario", "Gjenopprett gårsdagens kopi i testmiljøet")
        fill(browser, "participants", "Kari, Ola")
        browser.execute_script("document.getElementById('held_at').value = '2026-11-20T09:00'")
        fill(browser, "restore_minutes", "95")
        fill(browser, "data_loss_minutes", "600")
        click_and_wait(browser, "form[action='/exercises'] button[type=submit]")
        assert "Testen er registrert." in browser.find_element(By.CSS_SELECTOR, ".flash").text
        browser.find_element(By.LINK_TEXT, "Testrapport").click()
        assert "Gjenopprettingstest Bestått 1 t 35 min 10 t" in browser.find_element(By.ID, "tests-table").text
        check_accessibility(browser, "c07-test-report")
        browser.get(server.url + "/")
        dashboard = browser.find_element(By.TAG_NAME, "main").text
        assert "Gjenopprettingstest er aldri registrert" not in dashboard
        assert "Skrivebordsøvelse er aldri registrert" in dashboard
        check_accessibility(browser, "c08-dashboard-warnings")
    finally:
        smtp.terminate()
        smtp.wait(timeout=10)
