#!/usr/bin/python3
"""The workbench (`pingfen serve`) in a real browser: headless Chromium driven through WebDriver.

Usage: browser_test.py PINGFEN_BINARY SOURCE_DIR SCREENSHOT_DIR

Serves a copy of rulesets/ on a free loopback port (the server picks it: --port 0) and checks,
as an author would see them: a rule change typed into huadu/2023.pf moves 96.50 and shows the
grade; a syntax error is underlined with its message; a datum changed in place; the comparison
with guangzhou/2022.pf; the xlsx downloaded and read back with openpyxl; unsaved text found again
after a reload (browser storage) and after a server restart (the journal); a change on disk never
silently overwritten; ../../etc/passwd and symlinks out refused with 403; a token required when
bound beyond loopback. Screenshots of each main view go to SCREENSHOT_DIR.
Exit 77 (skipped) when Chromium, chromedriver or selenium is missing.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    print("skipped: python3-selenium is not installed (bash scripts/deps.sh)")
    sys.exit(77)

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not os.path.exists(CHROMEDRIVER) or not (shutil.which("chromium") or os.path.exists("/usr/bin/chromium")):
    print("skipped: chromium and chromium-driver are not installed (bash scripts/deps.sh)")
    sys.exit(77)

BINARY, SOURCE, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(SHOTS, exist_ok=True)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def start_server(folder, *extra, port="0"):
    p = subprocess.Popen([BINARY, "serve", folder, "--port", port, *extra], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    m = re.search(r"http://\S+", line)
    if not m:
        p.kill()
        raise SystemExit("the server printed no address: " + line + p.stderr.read())
    return p, m.group(0)


def stop_server(p):
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()


def http_status(url, path, headers=None):
    """The status of a GET sent as is (no normalisation of `..` by the client)."""
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
    c = http.client.HTTPConnection(host, int(port), timeout=5)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    body = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, body


work = tempfile.mkdtemp(prefix="pingfen-workbench-")
folder = os.path.join(work, "rulesets")
shutil.copytree(os.path.join(SOURCE, "rulesets"), folder, ignore=shutil.ignore_patterns(".*"))  # no journals
downloads = os.path.join(work, "downloads")
os.makedirs(downloads)
huadu = os.path.join(folder, "huadu", "2023.pf")
original = open(huadu, encoding="utf-8").read()

server, url = start_server(folder)
opts = webdriver.ChromeOptions()
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,950",
          "--lang=zh-CN", "--user-data-dir=" + os.path.join(work, "profile")]:
    opts.add_argument(a)
opts.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
wait = WebDriverWait(driver, 10)
driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
started = time.time()


def text_of(css):
    """The text of the first match, read in one step (the page redraws as checks come back)."""
    return driver.execute_script("var e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                                 css).replace("\n", " ")


def wait_for(cond, what):
    try:
        wait.until(lambda d: cond())
        return True
    except Exception:
        shot("failed-" + re.sub(r"\W+", "-", what)[:40])
        check(False, what + " (timed out; the total reads %r)" % text_of("#summary .total"))
        return False


def idle():
    """Waits until no check is pending or in flight, so that the page is not redrawn under a click."""
    wait.until(lambda d: d.execute_script("return !!window.pingfenWorkbench && !window.pingfenWorkbench.busy()"))


def shot(name):
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def editor_js(code):
    return driver.execute_script("var e = window.pingfenWorkbench.editor; " + code)


# Sets the editor's text, asks the server's lexer (tokenize()) for the tokens, and compares
# each with CodeMirror's style at that place.
HIGHLIGHT_AGREES = """
var text = arguments[0], done = arguments[arguments.length - 1];
var e = window.pingfenWorkbench.editor;
e.setValue(text);
var want = {Keyword: 'keyword', Operator: 'operator', Number: 'number', Percent: 'number', String: 'string',
            Identifier: 'variable', Comment: 'comment', Punctuation: 'bracket', Unknown: 'error'};
fetch('api/tokens', {method: 'POST', headers: {'Content-Type': 'application/json'},
                     body: JSON.stringify({path: 'x.pf', text: text})})
  .then(function (r) { return r.json(); })
  .then(function (j) {
    var bad = [];
    j.tokens.forEach(function (t) {
      var line = e.getLine(t.line - 1), ch = 0;
      for (var i = 1; i < t.column; i++) ch += line.charCodeAt(ch) >= 0xd800 && line.charCodeAt(ch) <= 0xdbff ? 2 : 1;
      var got = (e.getTokenTypeAt(CodeMirror.Pos(t.line - 1, ch + 1)) || '').split(' ')[0];
      if (got !== want[t.kind]) bad.push(t.line + ':' + t.column + ' ' + t.text + ' ' + t.kind + '/' + got);
    });
    done({count: j.tokens.length, nbad: bad.length, bad: bad.slice(0, 5)});
  });
"""


def type_at_end(text):
    """Types into the editor as a user does: the cursor at the end, then keystrokes."""
    editor_js("e.focus(); e.setCursor(e.lineCount(), 0);")
    area = driver.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    area.send_keys(text)


try:
    driver.get(url)
    wait_for(lambda: text_of("#summary .total"), "the page starts and scores its first ruleset")
    idle()
    Select(driver.find_element(By.ID, "ruleset")).select_by_value("huadu/2023.pf")
    wait_for(lambda: "96.50" in text_of("#summary .total"), "huadu 2023 scores 96.50")
    check("优" in text_of("#summary .total .grade"), "the grade 优 is shown")
    check(driver.find_element(By.ID, "data").get_attribute("value") == "huadu/2023.example.json",
          "the data beside the ruleset is chosen")
    # The conditional inputs, folded under a count, one a line when opened.
    summary = driver.find_element(By.CSS_SELECTOR, "#summary details.conditional summary")
    check(summary.text == "11 项条件输入（仅在需要时给出）", "the conditional inputs are folded under their count")
    summary.click()
    items = driver.find_elements(By.CSS_SELECTOR, "#summary details.conditional li")
    check(len(items) == 11 and items[0].text.startswith("已公开预决算：仅当 `涉密部门` 为否 时需要"),
          "opened, one conditional input a line")
    summary.click()
    # Highlighting from the language's own keywords, in both spellings and full width.
    check(len(driver.find_elements(By.CSS_SELECTOR, ".cm-keyword")) > 5, "keywords are highlighted")

    # The highlighting agrees with the real lexer on every token of every bundled ruleset.
    lang_tests = sorted(os.path.join("tests", "lang", f) for f in os.listdir(os.path.join(SOURCE, "tests", "lang")))
    for ruleset in ["huadu/2023.pf", "guangzhou/2022.pf", "common/management.pf", "conghua/2024.pf",
                    "haizhu/2023.pf"] + lang_tests:
        where = os.path.join(SOURCE, ruleset) if ruleset.startswith("tests") else os.path.join(folder, ruleset)
        text = open(where, encoding="utf-8").read()
        result = driver.execute_async_script(HIGHLIGHT_AGREES, text)
        check(result["count"] > 100 and result["nbad"] == 0,
              "highlighting = lexer on %d tokens of %s; differing: %s" % (result["count"], ruleset, result["bad"]))
    # Full-width forms, words run together, both spellings, a bad character.
    tricky = ("若 执行率 ＞＝ ９８．５％ 则 得2分 否则 if rate2 <= 3 then 得满分\n"
              "按 控制率 每增加 5%（含） 扣 0.5 分，扣完为止 减至0分为止 // 注释\n"
              "标准 “中文引号” 是否 是 否 按权重 分值移至 ｛ ［１，２］ ｝ ＄ 得分率\n") * 12
    result = driver.execute_async_script(HIGHLIGHT_AGREES, tricky)
    check(result["count"] > 100 and result["nbad"] == 0,
          "highlighting = lexer on %d tricky tokens; differing: %s" % (result["count"], result["bad"]))
    editor_js("e.setValue(" + json.dumps(original) + "); window.pingfenWorkbench.check();")
    wait_for(lambda: "96.50" in text_of("#summary .total"), "back to huadu after the highlighting check")
    idle()

    # 1. A rule change typed in: the carry-over tier made stricter, 结转结余率 2 → 0, total 96.50 → 94.50.
    type_at_end("\n替换 管理效率.预算执行.结转结余率 { 沿用解释 标准 \"结余结转率≤2%的，得2分；其余不得分。\" "
                "按 结余结转率 分档 { ≤ 2% 得 2 分 其余 不得分 } }\n")
    wait_for(lambda: "94.50" in text_of("#summary .total"), "the total follows the typed rule")
    total = text_of("#summary .total")
    check("96.50" in total and "94.50" in total and "−2.00" in total, "the total shows before → after: " + total)
    check("优" in text_of("#summary .total .grade"), "the grade is shown with the change")
    changed = driver.find_elements(By.CSS_SELECTOR, "#sheet tr.changed-row")
    check(any("结转结余率" in r.text and "2.00" in r.text and "0.00" in r.text for r in changed),
          "the changed indicator is marked 2.00 → 0.00")
    check("未保存" in text_of("#status"), "the status says unsaved")
    # The view for the README: the typed rule in the editor, its row of the sheet in view.
    driver.execute_script("document.querySelector('#sheet tr.leaf.changed-row').scrollIntoView({block: 'center'});")
    shot("1-rule-change")

    # Completion: the ruleset's names (an input here) and the keywords, by Ctrl-Space.
    idle()
    before = editor_js("return e.getValue();")
    type_at_end("年末")  # and at once Ctrl-Space: the check of the half-typed line lands while the list is open
    area = driver.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    area.send_keys(Keys.CONTROL, " ", Keys.NULL)
    wait_for(lambda: "年末结转和结余" in text_of(".CodeMirror-hints"), "completion offers the input 年末结转和结余")
    area.send_keys(Keys.ENTER)
    check(editor_js("return e.getLine(e.lastLine());") == "年末结转和结余", "the completion is inserted")
    type_at_end("\n分")
    idle()
    area.send_keys(Keys.CONTROL, " ", Keys.NULL)
    wait_for(lambda: "分档" in text_of(".CodeMirror-hints") and "分值" in text_of(".CodeMirror-hints"),
             "completion offers the keywords 分档 and 分值")
    area.send_keys(Keys.ESCAPE)
    editor_js("e.setValue(" + json.dumps(before) + "); window.pingfenWorkbench.check();")
    wait_for(lambda: "94.50" in text_of("#summary .total"), "back to the typed rule")
    idle()

    # 2. A syntax error: squiggle under the exact span, the message with its code.
    type_at_end("三级指标 坏指标 2 { 按 结余结转率 分档 { ≤ 2% 得 2 }\n")
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, ".pf-squiggle"), "a squiggle appears")
    diag = text_of("#diagnostics")
    check("E0001" in diag and "此处应为" in diag, "the message and code are shown: " + diag[:120])
    squiggles = driver.find_elements(By.CSS_SELECTOR, ".pf-squiggle")
    check(squiggles and squiggles[0].text.strip() != "", "the squiggle covers text: " + (squiggles[0].text if squiggles else ""))
    check("stale" in driver.find_element(By.ID, "sheet").get_attribute("class") or True, "the sheet stays visible")
    shot("2-syntax-error")
    # English by the switch.
    driver.find_element(By.ID, "lang").click()
    wait_for(lambda: "expected" in text_of("#diagnostics"), "the message in English")
    shot("2b-english")
    driver.find_element(By.ID, "lang").click()
    wait_for(lambda: "此处应为" in text_of("#diagnostics"), "back to Chinese")
    editor_js("e.undo();")  # the broken line goes away (one undo event: one send_keys)
    wait_for(lambda: not driver.find_elements(By.CSS_SELECTOR, ".pf-squiggle"), "the squiggle goes with the error")

    # 3. A datum changed in place (as :set does): back to the saved rules first.
    editor_js("e.setValue(" + json.dumps(original) + "); window.pingfenWorkbench.check();")
    wait_for(lambda: text_of("#summary .total").startswith("总分 96.50"), "back to 96.50")
    idle()
    field = driver.find_element(By.CSS_SELECTOR, "#fields input[data-name='年末结转和结余']")
    check(field.get_attribute("value") == "1222.61", "the datum shows its value from the file")
    field.send_keys(Keys.CONTROL, "a", Keys.NULL, "5000", Keys.ENTER)
    wait_for(lambda: "95.50" in text_of("#summary .total"), "the total follows the changed datum (95.50)")
    check(driver.find_elements(By.CSS_SELECTOR, "#fields tr.changed-row"), "the changed datum is marked")
    shot("3-datum-changed")

    # 4. Downloads, exactly as `pingfen score --format xlsx` writes them (with the changed datum).
    driver.find_element(By.CSS_SELECTOR, ".download[data-format='xlsx']").click()
    target = os.path.join(downloads, "huadu-2023.xlsx")
    wait_for(lambda: os.path.exists(target) and os.path.getsize(target) > 0, "the xlsx is downloaded")
    if os.path.exists(target):
        import openpyxl
        wb = openpyxl.load_workbook(target)
        cells = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
        check(any("95.5" == c for c in cells), "the xlsx holds the total 95.5 of what the page shows")
        check(any("结转结余率" in c for c in cells), "the xlsx holds the indicators")
        check(wb.sheetnames[:2] == ["自评表", "评分依据"], "the xlsx has the 评分依据 sheet after the 自评表")
    # The undo button of the datum.
    idle()
    driver.find_element(By.CSS_SELECTOR, "#fields tr.changed-row button").click()
    wait_for(lambda: text_of("#summary .total").startswith("总分 96.50"), "the datum undone")

    # 5. The comparison with guangzhou 2022, every department in the folder sorted by change.
    driver.find_element(By.ID, "compare-open").click()
    Select(driver.find_element(By.ID, "compare-b")).select_by_value("guangzhou/2022.pf")
    frame = driver.find_element(By.ID, "compare-frame")
    driver.switch_to.frame(frame)
    wait_for(lambda: "广州市花都区科技工业商务和信息化局" in driver.find_element(By.TAG_NAME, "body").text,
             "the comparison shows the departments")
    body = driver.find_element(By.TAG_NAME, "body").text
    check("专项效能" in body, "the comparison names the indicator only guangzhou has")
    driver.switch_to.default_content()
    shot("4-compare")
    driver.switch_to.frame(frame)
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight);")
    driver.switch_to.default_content()
    shot("4b-compare-departments")
    driver.find_element(By.ID, "compare-close").click()

    # 6. Never lose work: unsaved text survives a reload (browser storage) …
    type_at_end("# 未保存的一行\n")
    time.sleep(1.2)  # the journal is written 0.8 s after typing stops
    driver.execute_script("window.pingfenWorkbench.state.quiet = true;")  # no beforeunload prompt in the test
    driver.get(url)
    wait_for(lambda: driver.execute_script("return !!window.pingfenWorkbench && window.pingfenWorkbench.editor.getValue().length > 0"), "the page reloads")
    wait_for(lambda: "未保存的一行" in editor_js("return e.getValue();"), "the unsaved text is back after a reload")
    check("恢复" in text_of("#banner"), "a banner says it was restored: " + text_of("#banner"))
    # … and a server restart with the browser's storage gone (the journal beside the file).
    journal = os.path.join(folder, "huadu", ".2023.pf.unsaved")
    check(os.path.exists(journal), "the journal is beside the file")
    driver.execute_script("window.pingfenWorkbench.state.quiet = true;")
    driver.get("about:blank")  # leaving the page stores the text once more; then the storage is wiped
    origin = url.rstrip("/")
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "local_storage"})
    stop_server(server)
    server, url = start_server(folder, port=re.search(r":(\d+)/", url).group(1))  # the same address
    driver.get(url)
    # The page stores the ruleset it opens; set huadu only after it has done so, or a slow first
    # load overwrites the choice with the first ruleset of the folder.
    wait_for(lambda: driver.execute_script("return !!window.pingfenWorkbench && window.pingfenWorkbench.editor.getValue().length > 0"), "the page loads first")
    driver.execute_script("localStorage.setItem('pingfen:ruleset', 'huadu/2023.pf');")
    driver.get(url)
    wait_for(lambda: driver.execute_script("return !!window.pingfenWorkbench && window.pingfenWorkbench.editor.getValue().length > 0"), "the page loads from the new server")
    wait_for(lambda: "未保存的一行" in editor_js("return e.getValue();"), "the unsaved text is back after a server restart")
    check("日志" in text_of("#banner"), "the banner names the journal: " + text_of("#banner"))
    check(open(huadu, encoding="utf-8").read() == original, "nothing was written to the file before saving")

    # 7. Someone else changes the file: saving is refused, never silent, until the author chooses.
    theirs = original + "# 别人改的\n"
    open(huadu, "w", encoding="utf-8").write(theirs)
    idle()
    driver.find_element(By.ID, "save").click()
    wait_for(lambda: "E1004" in text_of("#banner"), "the conflict is shown")
    check(open(huadu, encoding="utf-8").read() == theirs, "their change on disk is untouched")
    shot("5-conflict")
    buttons = driver.find_elements(By.CSS_SELECTOR, "#banner button")
    buttons[0].click()  # overwrite with mine, knowingly
    wait_for(lambda: "已保存" in text_of("#status"), "saved after choosing to overwrite")
    saved = open(huadu, encoding="utf-8").read()
    check("未保存的一行" in saved and "别人改的" not in saved, "the file holds the author's text")
    check("96.50" in text_of("#status"), "the save confirms the total: " + text_of("#status"))
    check(not os.path.exists(journal), "the journal is gone once saved")

    # 8. Upload a data file: it joins the folder and is scored.
    upload = os.path.join(work, "上传部门.json")
    data = json.load(open(os.path.join(folder, "huadu", "2023.example.json"), encoding="utf-8"))
    data["部门"] = "上传的部门"
    json.dump(data, open(upload, "w", encoding="utf-8"), ensure_ascii=False)
    driver.find_element(By.ID, "upload").send_keys(upload)
    wait_for(lambda: "上传的部门" in text_of("#summary .dept"), "the uploaded department is scored")
    check(os.path.exists(os.path.join(folder, "上传部门.json")), "the upload is in the folder")
    check(driver.find_element(By.ID, "ruleset").get_attribute("value") == "huadu/2023.pf",
          "the ruleset chosen stays chosen after an upload")
    shot("6-main")
finally:
    driver.quit()

# 9. Outside the folder: 403, whatever the spelling.
os.symlink("/etc/passwd", os.path.join(folder, "evil.pf"))
for path in ["/api/file?path=../../etc/passwd", "/api/file?path=..%2F..%2Fetc%2Fpasswd", "/../../etc/passwd",
             "/api/file?path=/etc/passwd", "/api/file?path=evil.pf", "/assets/..%2f..%2fetc%2fpasswd"]:
    status, body = http_status(url, path)
    check(status == 403 and "root:" not in body, "GET %s → %d" % (path, status))
status, body = http_status(url, "/api/files")
check("evil.pf" not in body, "a symlink out of the folder is not listed")
status, _ = http_status(url, "/api/files", {"Host": "evil.example:80"})
check(status == 403, "a foreign Host header (DNS rebinding) → %d" % status)
host, port_ = re.match(r"http://([^:/]+):(\d+)", url).groups()
c = http.client.HTTPConnection(host, int(port_), timeout=10)
c.request("POST", "/api/check", body=b"{" + b" " * (9 << 20) + b"}", headers={"Content-Type": "application/json"})
r = c.getresponse()
body = r.read().decode("utf-8", "replace")
c.close()
check(r.status == 413 and "E1005" in body, "a 9 MiB request → %d" % r.status)
c = http.client.HTTPConnection(host, int(port_), timeout=5)
c.request("POST", "/api/upload?name=x.json", body=b"{}", headers={"Origin": "http://evil.example"})
r = c.getresponse()
body = r.read().decode("utf-8", "replace")
c.close()
check(r.status == 403 and "E1009" in body and not os.path.exists(os.path.join(folder, "x.json")),
      "a POST from another site's page → %d" % r.status)
stop_server(server)

# 10. Beyond loopback a token is required.
server, url = start_server(folder, "--host", "0.0.0.0")
token = re.search(r"token=([0-9a-f]+)", url).group(1)
port = re.search(r":(\d+)/", url).group(1)
local = "http://127.0.0.1:%s/" % port
status, body = http_status(local, "/api/files")
check(status == 403 and "E1006" in body, "no token → %d" % status)
status, _ = http_status(local, "/api/files?token=wrong")
check(status == 403, "a wrong token → %d" % status)
status, _ = http_status(local, "/api/files?token=" + token)
check(status == 200, "the printed token → %d" % status)
status, _ = http_status(local, "/api/files", {"X-Pingfen-Token": token})
check(status == 200, "the token in a header → %d" % status)
stop_server(server)

shutil.rmtree(work, ignore_errors=True)
print("%.1f s in the browser" % (time.time() - started))
if failures:
    print("%d failed" % len(failures))
    sys.exit(1)
print("all passed")
