"""The Backups page and the dashboard's backup alert in a real browser, checked with axe."""
import json
import urllib.request
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By

from conftest import add_user
from test_backups import PLAN
from test_browser import browser, check_accessibility, click_and_wait, fill  # noqa: F401 (fixture)


def test_an_overdue_job_is_on_the_dashboard_and_the_backups_page(browser, server_factory, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    database = f"sqlite://{tmp_path}/b.sqlite"
    token = add_user(database, "kari@example.invalid", "responder", password="et langt passord")
    server = server_factory(database=database, extra_env={"BEREDSKAP_PLAN": str(plan)})
    two_days_ago = (datetime.now(timezone.utc) - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = json.dumps({"status": "ok", "size_bytes": 1_400_000_000, "finished_at": two_days_ago}).encode()
    req = urllib.request.Request(server.url + "/api/v1/backups/app-db/runs", data=body, method="POST",
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        assert r.status == 201

    browser.get(server.url + "/login")
    fill(browser, "email", "kari@example.invalid")
    fill(browser, "password", "et langt passord")
    click_and_wait(browser, "button[type=submit]")
    alert = browser.find_element(By.CSS_SELECTOR, ".backup-alerts")
    assert "Sikkerhetskopier som trenger tilsyn" in alert.text
    assert "Kundedatabasen: forsinket" in alert.text
    assert "Beredskaps egen database: ingen vellykket kopi er meldt" in alert.text
    check_accessibility(browser, "backups-01-dashboard-alert")

    click_and_wait(browser, "nav a[href='/backups']")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sikkerhetskopier"
    row = browser.find_element(By.ID, "job-app-db").text
    assert "Hver dag kl. 03:00" in row and "1,4 GB" in row and "Forsinket" in row
    check_accessibility(browser, "backups-02-page")
