"""Drives the desk's pages in a real browser (Debian's chromium with chromedriver, through selenium).

Arguments: ORIGIN DISTRICT_TOKEN OFFICE_PASSWORD RETURN_PATH DISTRICT_NAME [SCREENSHOT_FOLDER]
Prints one line per thing seen, for the Swift test to check:
  TITLE …, FINDING <row text>, STATE <result line>, DISTRICT <row text>, CONSOLE <browser error>.
"""
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

origin, token, password, path, district = sys.argv[1:6]
shots = sys.argv[6] if len(sys.argv) > 6 else None

options = Options()
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN"):
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 60)


def line(tag, text):
    print(tag, " ".join(text.split()), flush=True)


try:
    # The district's clerk opens the link, chooses the return and sends it.
    driver.get(f"{origin}/d/{token}")
    line("TITLE", driver.title)
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(path)
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#findings, p.ok")))
    for p in driver.find_elements(By.CSS_SELECTOR, ".box p"):
        line("STATE", p.text)
    for row in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr"):
        line("FINDING", row.text)
    if shots:
        driver.save_screenshot(f"{shots}/district.png")

    # The office signs in and reads the round.
    driver.get(f"{origin}/office")
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.ID, "districts")))
    for row in driver.find_elements(By.CSS_SELECTOR, "#districts tbody tr"):
        line("DISTRICT", row.text)
    if shots:
        driver.save_screenshot(f"{shots}/office.png")
    for entry in driver.get_log("browser"):
        if entry.get("level") in ("SEVERE", "WARNING"):
            line("CONSOLE", entry.get("message", ""))
finally:
    driver.quit()
