#!/usr/bin/env python3
"""Drive the tolk review editor in headless Chromium through WebDriver.

Run with the python of scripts/browser-env (it has selenium); needs Debian
`chromium` and `chromium-driver`. Used by tests/editor.rs and
scripts/bench-review-page; every step works the page as a reviewer would
(keys, buttons, the export buttons' real downloads).

  review-browser.py edit PAGE OTHER OUT
      accept pair 0, merge pairs 10 and 11, edit the target text of pair 3,
      reload and report what was kept, export CSV and TMX into OUT, then
      put OTHER (a page made from other documents) in PAGE's place, reload
      and report what the page says. Writes OUT/result.json.
  review-browser.py scripted PAGE OUT
      the scripted review of the planted sample: accept every pair at 0.9
      or above, fix the three planted errors, export TMX into OUT.
  review-browser.py timing PAGE OUT [RUNS]
      time to interactive and scrolling of PAGE, RUNS fresh browsers
      (default 3). Writes OUT/timing.json.
  review-browser.py screenshot PAGE PNG
      the editor with one pair open for editing, 1400x900.

Exit 0 when every step did what it should, 1 with a message when not.
"""
import json
import os
import shutil
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync").split()


class Failed(Exception):
    pass


def browser(profile, downloads, size="1400,900"):
    opts = webdriver.ChromeOptions()
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument("--user-data-dir=" + profile)
    opts.add_argument("--window-size=" + size)
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    opts.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
    })
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    d = webdriver.Chrome(options=opts, service=Service(driver))
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return d


def wait(what, cond, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.05)
    raise Failed("timed out waiting for " + what)


def open_page(d, path):
    d.get("file://" + os.path.abspath(path))
    wait("the editor to be ready", lambda: d.execute_script("return document.documentElement.dataset.ready"))
    errors = [l for l in d.get_log("browser") if l["level"] == "SEVERE"]
    if errors:
        raise Failed("errors in the page: %s" % errors)


def js(d, expr):
    return d.execute_script("return " + expr)


def text(d, id_):
    return d.find_element(By.ID, id_).text


def keys(d, *ks):
    d.switch_to.active_element.send_keys(*ks)


def current(d):
    return js(d, "Array.prototype.indexOf.call(document.querySelectorAll('#list .pr'), document.querySelector('.pr.cur'))")


def go(d, pair):
    """Make the pair that holds original pair `pair` the current one."""
    d.execute_script("location.hash = '#p%d'" % pair)
    wait("pair %d" % pair, lambda: js(d, "document.querySelector('.pr.cur .n a').getAttribute('href')") == "#p%d" % pair)


def find(d, needle):
    """Search for `needle`, make the one pair shown current, clear the search
    (the filter must be "all pairs")."""
    box = d.find_element(By.ID, "q")
    box.send_keys(needle)
    shown = lambda: d.find_elements(By.CSS_SELECTOR, ".pr:not(.hide)")
    wait("the search for %r" % needle, lambda: len(shown()) < js(d, "tolk.pairs()"))
    if len(shown()) != 1:
        raise Failed("search %r shows %d pairs, expected 1" % (needle, len(shown())))
    shown()[0].find_element(By.CSS_SELECTOR, ".k").click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    wait("the search to clear", lambda: not d.find_elements(By.CSS_SELECTOR, ".pr.hide"))
    box.send_keys(Keys.ESCAPE)
    return current(d)


def edit_target(d, new):
    keys(d, "e")
    area = wait("the editor", lambda: d.find_elements(By.ID, "et"))[0]
    area.clear()
    area.send_keys(new)
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    wait("the edit to be saved", lambda: not d.find_elements(By.ID, "et"))


def download(d, button, out, suffix):
    before = set(os.listdir(out))
    d.find_element(By.ID, button).click()

    def done():
        new = [f for f in set(os.listdir(out)) - before if f.endswith(suffix)]
        return new[0] if new else None
    name = wait("the %s download" % suffix, done)
    return os.path.join(out, name)


def saved(d):
    """Wait until the page has written its work to localStorage."""
    wait("the work to be saved", lambda: js(d, "document.documentElement.dataset.saved"))


def edit_session(page, other, out):
    profile = tempfile.mkdtemp(prefix="tolk-chromium-")
    d = browser(profile, out)
    r = {}
    try:
        open_page(d, page)
        r["pairs_before"] = js(d, "tolk.pairs()")
        r["progress_before"] = text(d, "progress")
        # accept pair 0 with the keyboard; the focus moves on to pair 1
        go(d, 0)
        keys(d, "a")
        r["after_accept_current"] = current(d)
        # merge pairs 10 and 11 with the button
        go(d, 10)
        d.find_element(By.CSS_SELECTOR, ".pr.cur button[data-op=merge]").click()
        wait("the merge", lambda: js(d, "tolk.pairs()") == r["pairs_before"] - 1)
        r["merged_label"] = js(d, "document.querySelector('.pr.cur .n').textContent")
        # split it again and undo; unlink it and undo
        n = r["pairs_before"]
        keys(d, "s")
        r["after_split"] = wait("the split", lambda: js(d, "tolk.pairs()") if js(d, "tolk.pairs()") != n - 1 else None)
        keys(d, "z")
        r["after_split_undo"] = wait("the undo", lambda: js(d, "tolk.pairs()") if js(d, "tolk.pairs()") == n - 1 else None)
        keys(d, "o")
        r["after_unlink"] = wait("the unlink", lambda: js(d, "tolk.pairs()") if js(d, "tolk.pairs()") != n - 1 else None)
        r["unlinked_kinds"] = js(d, "[].slice.call(document.querySelectorAll('#list .pr')).slice(10, 12).map(function (e) { return e.querySelector('.k').textContent; })")
        keys(d, "z")
        wait("the undo", lambda: js(d, "tolk.pairs()") == n - 1)
        go(d, 10)
        r["merged_label_after_undo"] = js(d, "document.querySelector('.pr.cur .n').textContent")
        # edit the target text of pair 3
        go(d, 3)
        edit_target(d, "This document is fiction, edited in the browser.")
        r["focus_visible"] = js(d, "getComputedStyle(document.querySelector('.pr.cur')).outlineStyle")
        saved(d)
        # reload: the work is kept
        d.refresh()
        wait("the editor after reload", lambda: js(d, "document.documentElement.dataset.ready"))
        r["pairs_after_reload"] = js(d, "tolk.pairs()")
        r["progress_after_reload"] = text(d, "progress")
        r["message_after_reload"] = text(d, "msg")
        r["edited_text_after_reload"] = "This document is fiction, edited in the browser." in d.find_element(By.ID, "list").text
        # export
        r["csv"] = download(d, "exportCsv", out, ".csv")
        r["tmx"] = download(d, "exportTmx", out, ".tmx")
        # the page file replaced by one made from other documents
        shutil.copyfile(other, page)
        d.refresh()
        wait("the other page", lambda: js(d, "document.documentElement.dataset.ready"))
        r["other_message"] = text(d, "msg")
        r["other_progress"] = text(d, "progress")
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)
    with open(os.path.join(out, "result.json"), "w") as f:
        json.dump(r, f, indent=1, ensure_ascii=False)
    print(json.dumps(r, indent=1, ensure_ascii=False))


FIXES = json.loads(os.environ.get("TOLK_REVIEW_FIXES", "null") or "null")


def scripted_session(page, out):
    """FIXES (JSON in TOLK_REVIEW_FIXES): {"edit": [[needle, new target]...],
    "move_source_up": [needle ...]}."""
    if not FIXES:
        raise Failed("set TOLK_REVIEW_FIXES")
    profile = tempfile.mkdtemp(prefix="tolk-chromium-")
    d = browser(profile, out)
    r = {}
    try:
        open_page(d, page)
        Select(d.find_element(By.ID, "f")).select_by_value("ge90")
        d.find_element(By.ID, "acceptShown").click()
        r["accepted"] = text(d, "msg")
        Select(d.find_element(By.ID, "f")).select_by_value("")
        for needle, new in FIXES["edit"]:
            find(d, needle)
            edit_target(d, new)
            if "ok" not in js(d, "document.querySelector('.pr.cur').className").split():
                keys(d, "a")
        for needle in FIXES["move_source_up"]:
            k = find(d, needle)
            keys(d, Keys.ALT, Keys.ARROW_UP)
            wait("the move", lambda: js(d, "document.querySelector('.pr.cur .x.s').textContent") == "")
            keys(d, "r")  # the pair left with no counterpart: rejected
            go_to = k - 1
            d.execute_script("arguments[0].querySelector('.k').click()", d.find_elements(By.CSS_SELECTOR, ".pr")[go_to])
            keys(d, "a")
        r["progress"] = text(d, "progress")
        r["tmx"] = download(d, "exportTmx", out, ".tmx")
        r["csv"] = download(d, "exportCsv", out, ".csv")
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(r, indent=1, ensure_ascii=False))


def timing_session(page, out, runs):
    res = []
    for _ in range(runs):
        profile = tempfile.mkdtemp(prefix="tolk-chromium-")
        d = browser(profile, out)
        try:
            d.set_script_timeout(300)
            t0 = time.time()
            open_page(d, page)
            wall = time.time() - t0
            ready = float(js(d, "document.documentElement.dataset.ready"))
            nav = js(d, "performance.getEntriesByType('navigation')[0].toJSON()")
            # scroll from top to bottom, 600 px a frame, and time the frames
            frames = d.execute_async_script("""
              var done = arguments[arguments.length - 1], t = [], last = performance.now();
              function f(now) {
                t.push(now - last); last = now;
                var before = window.scrollY;
                window.scrollBy(0, 600);
                if (window.scrollY === before || t.length > 2000) return done(t.slice(1));
                requestAnimationFrame(f);
              }
              requestAnimationFrame(f);""")
            over = lambda ms: sum(1 for f in frames if f > ms)
            frames.sort()
            # a key press on the last pair and its repaint
            key = d.execute_async_script("""
              var done = arguments[arguments.length - 1], t0 = performance.now();
              var e = new KeyboardEvent('keydown', {key: 'a', bubbles: true});
              document.querySelector('.pr.cur').dispatchEvent(e);
              requestAnimationFrame(function () { done(performance.now() - t0); });""")
            res.append({
                "pairs": js(d, "tolk.pairs()"),
                "ready_ms": ready,
                "dom_content_loaded_ms": nav["domContentLoadedEventEnd"],
                "load_ms": nav["loadEventEnd"],
                "wall_s": wall,
                "scroll_frames": len(frames),
                "frame_median_ms": frames[len(frames) // 2],
                "frame_p95_ms": frames[int(len(frames) * 0.95)],
                "frame_max_ms": frames[-1],
                "frames_over_50ms": over(50),
                "frames_over_100ms": over(100),
                "accept_key_ms": key,
            })
        finally:
            d.quit()
            shutil.rmtree(profile, ignore_errors=True)
    with open(os.path.join(out, "timing.json"), "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res, indent=1))


def screenshot_session(page, png):
    """Half-way through a review: every pair at 0.9 or above accepted, the
    focus on the English-only sentence the aligner paired one off."""
    profile = tempfile.mkdtemp(prefix="tolk-chromium-")
    out = tempfile.mkdtemp(prefix="tolk-dl-")
    d = browser(profile, out, "1400,900")
    try:
        open_page(d, page)
        Select(d.find_element(By.ID, "f")).select_by_value("ge90")
        d.find_element(By.ID, "acceptShown").click()
        Select(d.find_element(By.ID, "f")).select_by_value("")
        go(d, 163)
        d.execute_script("document.querySelectorAll('#list .pr')[160].scrollIntoView({block: 'start'})")
        d.save_screenshot(png)
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def main(argv):
    try:
        if argv[1:2] == ["edit"] and len(argv) == 5:
            edit_session(argv[2], argv[3], argv[4])
        elif argv[1:2] == ["scripted"] and len(argv) == 4:
            scripted_session(argv[2], argv[3])
        elif argv[1:2] == ["timing"] and len(argv) in (4, 5):
            timing_session(argv[2], argv[3], int(argv[4]) if len(argv) == 5 else 3)
        elif argv[1:2] == ["screenshot"] and len(argv) == 4:
            screenshot_session(argv[2], argv[3])
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except Failed as e:
        print("review-browser: " + str(e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
