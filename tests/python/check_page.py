#!/usr/bin/env python3
"""Drive the page of a running `zhkg serve` in headless Chromium (Debian's chromium and
chromium-driver, through Selenium) and print what happened as JSON.

usage: check_page.py BASE SEARCH ENTITY_IRI SCREENSHOT.png

It opens the page, runs the ready query who-proposed-what, searches SEARCH in the graph
view, clicks the hit ENTITY_IRI (which expands it), saves a screenshot of the graph,
clicks the entity's first mention (the source view highlights it), then a proposal node
(its source, rule and confidence). Every URL the browser requested is recorded from the
DevTools performance log, and the console's errors from the browser log.
"""
import json
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def browser(profile):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,950",
        "--lang=zh-TW",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=opts)


def main():
    base, search, entity, screenshot = sys.argv[1:5]
    out = {}
    with tempfile.TemporaryDirectory() as profile:
        d = browser(profile)
        try:
            wait = WebDriverWait(d, 30)
            d.get(base + "/")
            wait.until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
            out["title"] = d.title

            # Query: a ready query one click away fills the table.
            d.find_element(By.CSS_SELECTOR, '.ready-query[data-file="who-proposed-what.rq"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#results-table tbody tr")))
            table = d.find_element(By.ID, "results-table")
            out["table_columns"] = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
            out["table_rows"] = [
                [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
                for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
            ]
            out["share_link"] = d.find_element(By.ID, "share").get_attribute("href")

            # Graph: search a name, click the hit, the node expands.
            d.find_element(By.ID, "tab-graph").click()
            box = d.find_element(By.ID, "search")
            box.send_keys(search)
            d.find_element(By.ID, "search-go").click()
            hit = wait.until(
                EC.element_to_be_clickable((By.CSS_SELECTOR, f'#search-results li.hit[data-iri="{entity}"]'))
            )
            out["search_hits"] = [
                li.get_attribute("data-iri") for li in d.find_elements(By.CSS_SELECTOR, "#search-results li.hit")
            ]
            hit.click()
            wait.until(lambda d: d.execute_script("return cy.nodes('.expanded').length") >= 1)
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#mentions li.mention")))
            out["nodes"] = d.execute_script(
                "return cy.nodes().map(n => ({id: n.id(), type: n.data('type'), label: n.data('label')}))"
            )
            out["edges"] = d.execute_script("return cy.edges().map(e => e.data('kind'))")
            d.execute_script("cy.fit(undefined, 30)")
            d.save_screenshot(screenshot)

            # Expanding a neighbour adds its own neighbours.
            before = len(out["nodes"])
            d.execute_script(
                "const n = cy.nodes().filter(n => n.data('type') === 'Proposal' && !n.hasClass('expanded'))[0];"
                "if (n) n.emit('tap');"
            )
            wait.until(lambda d: d.execute_script("return cy.nodes('.expanded').length") >= 2)
            out["nodes_after_second_expand"] = d.execute_script("return cy.nodes().length")
            out["nodes_before_second_expand"] = before

            # Source of a mention: the highlighted text is the mention's text.
            d.find_element(By.ID, "tab-graph").click()
            d.execute_script("cy.getElementById(arguments[0]).emit('tap')", entity)
            first = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#mentions li.mention")))
            out["mention"] = first.get_attribute("data-iri")
            first.click()
            wait.until(lambda d: d.execute_script("return document.body.dataset.source") == out["mention"])
            marks = d.find_elements(By.CSS_SELECTOR, "#source-view mark.evidence")
            out["highlighted"] = "".join(m.get_attribute("textContent") for m in marks)
            out["source_tab_visible"] = d.find_element(By.ID, "source").is_displayed()

            # Source of a proposal: its rule and confidence, and its evidence spans.
            d.find_element(By.ID, "tab-graph").click()
            proposal = d.execute_script(
                "const n = cy.nodes().filter(n => n.data('type') === 'Proposal')[0]; n.emit('tap'); return n.id();"
            )
            wait.until(EC.element_to_be_clickable((By.ID, "show-source"))).click()
            wait.until(lambda d: d.execute_script("return document.body.dataset.source") == proposal)
            out["proposal"] = proposal
            out["proposal_rule"] = d.find_element(By.CSS_SELECTOR, "#source-view .rule").text
            out["proposal_confidence"] = d.find_element(By.CSS_SELECTOR, "#source-view .confidence").text
            out["proposal_marks"] = [
                m.get_attribute("textContent") for m in d.find_elements(By.CSS_SELECTOR, "#source-view mark.evidence")
            ]

            # A shared query link opens with the query run.
            d.get(out["share_link"])
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#results-table tbody tr")))
            out["shared_rows"] = len(d.find_elements(By.CSS_SELECTOR, "#results-table tbody tr"))

            requests = []
            for entry in d.get_log("performance"):
                msg = json.loads(entry["message"])["message"]
                if msg.get("method") == "Network.requestWillBeSent":
                    requests.append(msg["params"]["request"]["url"])
            out["requests"] = requests
            out["console_errors"] = [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE"]
        finally:
            d.quit()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
