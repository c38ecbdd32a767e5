#!/usr/bin/python3
"""Phone voting in a real browser (issue 11): Debian's chromium through
chromium-driver and python3-selenium, at a phone's viewport (390x844, touch).
Opens the join URL of `tapla serve`, votes the seed's worked example as a
person would (tap, type), reviews, confirms, sees "saved"; checks each page
with axe-core (WCAG 2.1 A and AA) and keeps screenshots in $SHOT_DIR.

Exit 77 (skipped) when chromium, chromium-driver, selenium or axe-core is
missing; dev.sh installs them, so CI runs it."""
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77


def skip(why):
    print("SKIP: " + why)
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    skip("python3-selenium is not installed")

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
AXE = os.environ.get("AXE_JS", "")
TAPLA = os.environ["TAPLA_BINARY"]
SHOTS = os.environ.get("SHOT_DIR") or tempfile.mkdtemp(prefix="tapla-shots-")
if not CHROMIUM:
    skip("chromium is not installed")
if not os.path.exists(DRIVER):
    skip("chromium-driver is not installed")
if not AXE or not os.path.exists(AXE):
    skip("axe-core is not installed (dev.sh: npm install axe-core)")


def tapla(db, *args):
    """Runs tapla on the test's database; its stdout."""
    out = subprocess.run([TAPLA, "--db", db, *args], check=True,
                         capture_output=True, text=True, timeout=30)
    return out.stdout


def start_server(db, sid):
    """tapla serve on 127.0.0.1; the process and the join URL."""
    proc = subprocess.Popen([TAPLA, "--db", db, "serve", sid, "--listen",
                             "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        proc.kill()
        raise SystemExit("tapla serve printed no join URL: %r" % url)
    return proc, url


def browser(profile):
    """Headless chromium as a 390x844 touch phone, on a fresh profile."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--no-first-run",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--user-data-dir=" + profile):
        opts.add_argument(flag)
    opts.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0,
                          "touch": True},
        "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) "
                     "AppleWebKit/537.36 (KHTML, like Gecko) "
                     "Chrome/120.0 Mobile Safari/537.36"})
    return webdriver.Chrome(service=Service(DRIVER), options=opts)


def axe_violations(driver, axe_source):
    """axe-core's WCAG 2.1 A/AA violations on the current page."""
    driver.execute_script(axe_source)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values:"
        " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.html).slice(0, 3)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));")


def check_page(driver, axe_source, name, failures):
    """Screenshot (the whole page) and the axe check of the current page."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": 390,
                 "height": min(size["height"], 6000), "scale": 1}})
    with open(os.path.join(SHOTS, name + ".png"), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    width = driver.execute_script("return document.documentElement.scrollWidth")
    if width > 390:
        failures.append("%s: the page is %d px wide, wider than the phone"
                        % (name, width))
    for v in axe_violations(driver, axe_source):
        failures.append("%s: axe %s: %s %s" % (name, v["id"], v["help"],
                                                v["nodes"]))


def tap_and_type(driver, field, text):
    """A tap on the field, then typing, as a person would; like a person,
    looks at the field and types again if the keys went nowhere (headless
    chromium's touch emulation now and then drops keys right after the
    scroll that brings the field into view)."""
    el = driver.find_element(By.NAME, field)
    for _ in range(3):
        driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})",
            el)
        WebDriverWait(driver, 5).until(lambda d: d.execute_script(
            "return new Promise(r => requestAnimationFrame(() =>"
            " requestAnimationFrame(() => r(true))))"))
        el.click()
        el.clear()
        el.send_keys(text)
        if el.get_attribute("value") == text:
            return
    raise AssertionError("%s did not take the keys %r" % (field, text))


def title_line(driver):
    """The height of the line under the heading (the workshop, and from
    round 2 on its round) and the form's top, in CSS px."""
    return driver.execute_script(
        "const p = document.querySelector('main > h1 + p');"
        "const f = document.querySelector('main form');"
        "return [p.getBoundingClientRect().height,"
        " f ? f.getBoundingClientRect().top + window.scrollY : null];")


def same_line(driver, room, name, failures):
    """The line under the heading is as high as round 1's title line."""
    height = title_line(driver)[0]
    if height != room[0]:
        failures.append("%s: the line under the heading takes %s px, round "
                        "1's %s" % (name, height, room[0]))


def vote(driver, wait, dots):
    """Types the name and the dots, reviews: the review page is open."""
    tap_and_type(driver, "name", "Liisa Korhonen")
    for field, n in dots:
        tap_and_type(driver, field, n)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(EC.title_contains("Tarkista ja vahvista"))


def round_two(driver, axe_source, db, sid, url, room, failures):
    """tapla round while round 1's server runs: its page says round 1 is
    closed in one sentence; round 2's server labels every page with the
    round in the line round 1's title took (no more room at 390 px)."""
    wait = WebDriverWait(driver, 15)
    sid2 = tapla(db, "round", sid).strip()
    driver.get(url)
    wait.until(EC.title_contains("Äänestys on suljettu"))
    if "Kierroksen 1 äänestys on suljettu, koska kierros 2 on alkanut" \
            not in driver.page_source:
        failures.append("round 1 after tapla round: no sentence on round 2")
    same_line(driver, room, "round 1 after tapla round", failures)
    check_page(driver, axe_source, "5-round1-over", failures)
    proc, url2 = start_server(db, sid2)
    try:
        driver.get(url2)
        wait.until(EC.presence_of_element_located((By.NAME, "name")))
        label = driver.find_element(By.CSS_SELECTOR, "main > h1 + p").text
        if label != "Kierros 2 · Demokratiapäivä":
            failures.append("round 2 form: the line says %r" % label)
        if title_line(driver) != room:
            failures.append("round 2 form: line and form at %s, round 1's "
                            "at %s" % (title_line(driver), room))
        check_page(driver, axe_source, "6-round2-form", failures)
        vote(driver, wait, (("1:agree", "6"), ("2:agree", "4")))
        check_page(driver, axe_source, "7-round2-review", failures)
        same_line(driver, room, "round 2 review", failures)
        driver.find_element(By.XPATH, "//button[text()='Vahvista']").click()
        wait.until(EC.title_contains("Tallennettu"))
        check_page(driver, axe_source, "8-round2-saved", failures)
        same_line(driver, room, "round 2 saved", failures)
        driver.get(url2 + "results?lang=en")
        wait.until(EC.title_contains("Results – Round 2 · Demokratiapäivä"))
        check_page(driver, axe_source, "9-round2-results-en", failures)
        same_line(driver, room, "round 2 results", failures)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    report = json.loads(tapla(db, "export", sid2, "--format", "json"))
    if report["sources"].get("phone") != 1:
        failures.append("round 2: the ballot is not stored with source "
                        "phone: %s" % report["sources"])


def main():
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="tapla-browser-")
    db = os.path.join(work, "tapla.db")
    sid = tapla(db, "new", "Demokratiapäivä", "--lang", "fi").strip()
    proc, url = start_server(db, sid)
    driver = None
    failures = []
    try:
        driver = browser(os.path.join(work, "profile"))
        with open(AXE, encoding="utf-8") as f:
            axe_source = f.read()
        wait = WebDriverWait(driver, 15)
        driver.get(url)
        wait.until(EC.presence_of_element_located((By.NAME, "name")))
        check_page(driver, axe_source, "1-form", failures)
        room = title_line(driver)
        vote(driver, wait, (("1:agree", "5"), ("2:partly-agree", "2"),
                            ("3:neutral", "2"), ("4:disagree", "1")))
        if "10 / 10" not in driver.page_source:
            failures.append("review: the dots used are not 10 / 10")
        check_page(driver, axe_source, "2-review", failures)
        driver.find_element(By.XPATH, "//button[text()='Vahvista']").click()
        wait.until(EC.title_contains("Tallennettu"))
        if "Äänesi on tallennettu" not in driver.page_source:
            failures.append("saved: the page does not say it is saved")
        check_page(driver, axe_source, "3-saved", failures)
        driver.get(url + "?lang=en")
        wait.until(EC.title_contains("Your dots"))
        check_page(driver, axe_source, "4-form-again-en", failures)
        if 'value="5"' not in driver.page_source:
            failures.append("form again: the phone's own ballot is not shown")
        driver.get(url + "?lang=fi")
        round_two(driver, axe_source, db, sid, url, room, failures)
    finally:
        if driver:
            driver.quit()
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = -1
        if code != 0:
            failures.append("tapla serve exited %s on SIGTERM" % code)
    report = json.loads(tapla(db, "export", sid, "--format", "json"))
    if report["sources"].get("phone") != 1:
        failures.append("the ballot is not stored with source phone: %s"
                        % report["sources"])
    shutil.rmtree(work, ignore_errors=True)
    print("screenshots in " + SHOTS)
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
