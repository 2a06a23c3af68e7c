"""A responder in a real browser follows a severity-1 outage through its response stages, records the
backup the data came from and the restore, and reads the continuity page (SVG charts, tables); every
page passes axe-core, the chart colours included."""
import datetime
import json
import urllib.request

from selenium.webdriver.common.by import By

from conftest import add_user
from test_browser import browser, check_accessibility, click_and_wait, fill  # noqa: F401 (fixture)


def test_stages_restore_and_continuity_page(browser, server_factory, tmp_path):  # noqa: F811
    database = f"sqlite://{tmp_path}/continuity.sqlite"
    token = add_user(database, "api@example.invalid", "responder")
    server = server_factory(database=database)

    def api(method, path, body=None):
        req = urllib.request.Request(server.url + path, data=json.dumps(body).encode() if body else None,
                                     method=method, headers={"Authorization": f"Bearer {token}",
                                                             "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            return json.load(r)

    started = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=40)
    number = api("POST", "/api/v1/incidents", {
        "title": "Innlogging feiler for alle kunder", "severity": 1,
        "discovered_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "discovered_by": "monitoring"})["number"]

    browser.get(server.setup_link)
    fill(browser, "name", "Kari Testmann")
    fill(browser, "email", "kari@example.invalid")
    fill(browser, "password", "et langt passord")
    fill(browser, "password_confirm", "et langt passord")
    click_and_wait(browser, "button[type=submit].button")

    browser.get(f"{server.url}/incidents/{number}")
    stages = browser.find_element(By.ID, "stages")
    assert "Responsfaser" in stages.text and "Over målet" in stages.text
    check_accessibility(browser, "30-incident-stages")
    click_and_wait(browser, f"form[action='/incidents/{number}/stages/detect/done'] button")
    assert "Fasen er markert som gjort." in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert "Gjort for sent" in browser.find_element(By.ID, "stage-detect").text

    # A wrong job name is an error at the field; then the right one.
    fill(browser, "job", "db nightly!")
    click_and_wait(browser, f"form[action='/incidents/{number}/backup-restore'] button")
    assert browser.find_element(By.ID, "job").get_attribute("aria-invalid") == "true"
    check_accessibility(browser, "31-incident-backup-error")
    fill(browser, "job", "db-nightly")
    click_and_wait(browser, f"form[action='/incidents/{number}/backup-restore'] button")
    click_and_wait(browser, f"form[action='/incidents/{number}/stages/resolve/done'] button")
    assert "Tjenesten ble gjenopprettet" in browser.find_element(By.ID, "stages").text

    browser.find_element(By.LINK_TEXT, "Kontinuitet").click()
    assert "Kontinuitet: målene målt" in browser.find_element(By.TAG_NAME, "h1").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "figure.chart svg rect.chart-bar")) == 24
    assert number in browser.find_element(By.ID, "per-incident-title").find_element(By.XPATH, "following::table").text
    check_accessibility(browser, "32-continuity")

    figures = api("GET", "/api/v1/continuity")
    assert figures["counts"]["service_affecting"] == 1
    assert figures["counts"]["rto_met"] == 1
    assert figures["incidents"][0]["restored_from_job"] == "db-nightly"
    assert figures["incidents"][0]["rpo_met"] is False  # no backup run was ever reported
