"""A person in a real browser: set up the first admin, sign in, register an
incident and see it on the dashboard. Every page passes axe-core with no
serious or critical violations."""
import os
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

def axe_script():
    """axe-core 4.x (WCAG 2.1 rules) when available, else axe-selenium-python's own."""
    try:
        import axe_playwright_python
        path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
        if path.exists():
            return str(path)
    except ImportError:
        pass
    return None


AXE_SCRIPT = axe_script()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] if AXE_SCRIPT else ["wcag2a", "wcag2aa"]
SHOTS = Path(os.environ.get("BEREDSKAP_SCREENSHOTS", "/tmp/beredskap-screens"))


@pytest.fixture
def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nb"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def check_accessibility(driver, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    (Axe(driver, script_url=AXE_SCRIPT) if AXE_SCRIPT else Axe(driver)).inject()
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {TAGS!r}}}}})"
        ".then(done, e => done({violations: [{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]}));")
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: " + "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in bad)


def click_and_wait(driver, selector):
    """Clicks a submit button or link and waits until the next page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()

    def replaced(_):
        try:
            old.is_enabled()
            return False
        except Exception:  # stale, or Chromium's "node does not belong to the document"
            return True

    WebDriverWait(driver, 15).until(replaced)


def fill(driver, field_id, text):
    el = driver.find_element(By.ID, field_id)
    el.clear()
    el.send_keys(text)


def test_first_admin_signs_up_registers_an_incident_and_sees_it(browser, server_factory):
    server = server_factory()
    browser.get(server.setup_link)
    check_accessibility(browser, "01-setup")
    fill(browser, "name", "Kari Testmann")
    fill(browser, "email", "kari@example.invalid")
    fill(browser, "password", "et langt passord")
    fill(browser, "password_confirm", "et langt passord")
    click_and_wait(browser, "button[type=submit].button")
    assert "Åpne hendelser" in browser.find_element(By.TAG_NAME, "h1").text
    check_accessibility(browser, "02-dashboard-empty")

    # Sign out and in again, as on another day.
    click_and_wait(browser, "form[action='/logout'] button")
    assert browser.current_url.endswith("/login")
    check_accessibility(browser, "03-login")
    fill(browser, "email", "kari@example.invalid")
    fill(browser, "password", "et langt passord")
    click_and_wait(browser, "button[type=submit]")

    browser.find_element(By.LINK_TEXT, "Registrer hendelse").click()
    check_accessibility(browser, "04-new-incident")
    # Trying to go on with nothing filled in: messages at the fields and a summary linking to them.
    browser.find_element(By.ID, "title").clear()
    click_and_wait(browser, "button[type=submit].button")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "Tittel må fylles ut" in summary.text
    assert browser.find_element(By.ID, "title").get_attribute("aria-invalid") == "true"
    check_accessibility(browser, "05-new-incident-errors")

    fill(browser, "title", "Bærbar PC med deltakerliste stjålet")
    browser.find_element(By.CSS_SELECTOR, "label[for='severity-1']").click()
    fill(browser, "discovered_by", "Ola")
    fill(browser, "summary", "PC-en ble stjålet fra et møterom.")
    click_and_wait(browser, "button[type=submit].button")
    number = browser.find_element(By.CSS_SELECTOR, ".caption").text
    assert number.startswith("INC-")
    assert "Hendelsen er registrert som INC-" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    check_accessibility(browser, "06-incident")

    # Assess it with the wizard: one question per page, then the check page.
    browser.find_element(By.LINK_TEXT, "Vurder personvernbrudd").click()
    check_accessibility(browser, "06a-wizard-aware")
    click_and_wait(browser, "button[value=next]")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_role-controller']").click()
    click_and_wait(browser, "button[value=next]")
    click_and_wait(browser, "button[value=next]")  # nothing chosen: an error
    assert "Velg minst ett svar" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    check_accessibility(browser, "06b-wizard-error")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_nature-confidentiality']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='q_nature-availability']").click()
    click_and_wait(browser, "button[value=next]")
    for cat in ["identity", "contact"]:
        browser.find_element(By.CSS_SELECTOR, f"label[for='q_data_categories-{cat}']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='q_categories_complete-true']").click()
    click_and_wait(browser, "button[value=next]")
    fill(browser, "q_data_subjects", "140")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_vulnerable_subjects-false']").click()
    click_and_wait(browser, "button[value=next]")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_protection-none']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='q_key_compromised-false']").click()
    click_and_wait(browser, "button[value=next]")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_recipients-unknown']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='q_exfiltration-confirmed']").click()
    click_and_wait(browser, "button[value=next]")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_backup_available-false']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='q_permanent_loss-true']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='q_service_impact-minor']").click()
    click_and_wait(browser, "button[value=next]")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_cause-malicious']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='q_misuse_observed-false']").click()
    click_and_wait(browser, "button[value=next]")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_data_recovered-false']").click()
    click_and_wait(browser, "button[value=next]")
    browser.find_element(By.CSS_SELECTOR, "label[for='q_individual_notice_disproportionate-false']").click()
    click_and_wait(browser, "button[value=next]")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sjekk svarene dine"
    check_accessibility(browser, "06c-wizard-check")
    click_and_wait(browser, "button[value=submit]")
    assert "Vurderingen er lagret" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    clocks = browser.find_element(By.ID, "clocks").text
    assert "Meld til Datatilsynet innen 72 timer" in clocks
    check_accessibility(browser, "06d-incident-assessed")

    fill(browser, "note", "Politiet er varslet.")
    click_and_wait(browser, ".note-form button")
    assert "Politiet er varslet." in browser.find_element(By.CSS_SELECTOR, ".timeline").text
    fill(browser, "note", "Passordene til deltakerportalen er byttet.")
    browser.find_element(By.CSS_SELECTOR, "label[for=entry-measure]").click()
    click_and_wait(browser, ".note-form button")
    assert "Tiltaket er ført opp." in browser.find_element(By.CSS_SELECTOR, ".flash").text

    # The report to Datatilsynet: drafted, one section rewritten, sent; the text is frozen.
    click_and_wait(browser, f"a[href='/incidents/{number}/report']")
    assert "Passordene til deltakerportalen er byttet." in browser.find_element(By.ID, "section-measures").text
    assert "Hvem de berørte er for dere" in browser.find_element(By.ID, "missing-title").find_element(By.XPATH, "..").text
    check_accessibility(browser, "06e-report")
    browser.find_element(By.CSS_SELECTOR, "#section-people details summary").click()
    fill(browser, "text-people-input", "Om lag 140 deltakere på festivalen, med navn og telefonnummer.")
    click_and_wait(browser, "#section-people button[value=save]")
    assert "Delen er lagret." in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert "140 deltakere" in browser.find_element(By.ID, "text-people").text
    fill(browser, "reference", "DT-2026-1234")
    click_and_wait(browser, "#send button[type=submit]")
    assert "registrert som sendt" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    sent = browser.find_element(By.ID, "sent")
    sent.find_element(By.TAG_NAME, "summary").click()
    assert "140 deltakere" in sent.text and "DT-2026-1234" in sent.text
    check_accessibility(browser, "06f-report-sent")
    browser.get(f"{server.url}/incidents/{number}/report/print")
    check_accessibility(browser, "06g-report-print")
    browser.get(f"{server.url}/incidents/{number}")

    browser.find_element(By.LINK_TEXT, "Oversikt").click()
    table = browser.find_element(By.CSS_SELECTOR, "table.incidents").text
    assert "Bærbar PC med deltakerliste stjålet" in table and "1 – Kritisk" in table
    check_accessibility(browser, "07-dashboard")

    for path, name in [("/account", "08-account"), ("/admin/users", "09-users"), ("/admin/settings", "10-settings"),
                       ("/admin/audit", "11-audit"), ("/admin/tokens", "11b-tokens"), ("/incidents", "12-incidents")]:
        browser.get(server.url + path)
        check_accessibility(browser, name)
    browser.get(f"{server.url}/incidents/{number}/print")
    check_accessibility(browser, "13-print")

    browser.get(server.url + "/")
    browser.find_element(By.LINK_TEXT, "English").click()
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Open incidents")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    check_accessibility(browser, "14-dashboard-en")
