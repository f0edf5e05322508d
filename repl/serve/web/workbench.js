// The workbench page: the editor, the live sheet, the data, saving, comparing, downloading.
// Every number on the page is text from the server (exact decimals); the page does no arithmetic
// on scores.
(function () {
  "use strict";

  var UI = window.PINGFEN_UI;  // the page's words in Chinese and English (ui-text.js)

  var state = {
    lang: localStorage.getItem("pingfen:lang") || "zh",
    path: null, tag: null, diskText: "", data: "", overrides: {},
    keywords: [], names: [], marks: [], lastCheck: null, seq: 0, checking: null
  };
  function t(key) { return UI[state.lang][key] || key; }
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function msg(o) { return state.lang === "en" ? o.message_en : o.message_zh; }

  function api(method, url, body) {
    var opts = { method: method, headers: {}, credentials: "same-origin" };
    if (body !== undefined) {
      var raw = typeof body === "string" || body instanceof ArrayBuffer;  // a workbook's bytes as they are
      opts.body = raw ? body : JSON.stringify(body);
      opts.headers["Content-Type"] = raw ? "application/octet-stream" : "application/json";
    }
    return fetch(url, opts).then(function (r) {
      return r.json().then(function (j) { j._status = r.status; return j; });
    });
  }

  // ---------------------------------------------------------------- editor
  var editor;
  function setupEditor() {
    editor = CodeMirror($("editor"), {
      mode: { name: "pingfen", keywords: state.keywords },
      lineNumbers: true, lineWrapping: true, indentUnit: 2, tabSize: 2,
      extraKeys: {
        "Ctrl-Space": complete, "Cmd-Space": complete,
        "Ctrl-S": function () { save(false); }, "Cmd-S": function () { save(false); }
      }
    });
    // For the browser tests and the curious: the editor and the page's state.
    window.pingfenWorkbench = { editor: editor, state: state, check: check,
      busy: function () { return checkTimer !== null || state.inFlight > 0; } };
    editor.on("change", function (_cm, change) {
      if (change.origin === "setValue") return;
      remember();
      scheduleCheck();
    });
  }

  // Completion: the language's keywords in every spelling, and the ruleset's names as the real
  // lexer finds them in the text (asked for when completing, not on every keystroke).
  function complete(cm) {
    var hint = function (cm, callback) {
      api("POST", "api/names", edit()).then(function (r) {
        if (r.names) state.names = r.names;
        var cur = cm.getCursor(), line = cm.getLine(cur.line);
        var start = cur.ch;
        while (start > 0 && /[\p{L}_0-9]/u.test(line.charAt(start - 1))) start--;
        var word = line.slice(start, cur.ch);
        var pool = Object.create(null), list = [];
        state.names.forEach(function (n) { pool[n] = true; });
        state.keywords.forEach(function (k) { k.spellings.forEach(function (s) { if (/^[\p{L}_]/u.test(s)) pool[s] = true; }); });
        Object.keys(pool).forEach(function (w) { if (w.indexOf(word) === 0 && w !== word) list.push(w); });
        list.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
        callback({ list: list.slice(0, 60), from: CodeMirror.Pos(cur.line, start), to: cur });
      });
    };
    hint.async = true;
    cm.showHint({ completeSingle: false, hint: hint });
  }

  // A diagnostic's column counts characters (code points); CodeMirror counts UTF-16 units.
  function chOf(lineText, column) {
    var ch = 0;
    for (var i = 1; i < column && ch < lineText.length; i++) {
      var c = lineText.charCodeAt(ch);
      ch += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    return ch;
  }

  // ---------------------------------------------------------------- never lose work
  function storageKey() { return "pingfen:unsaved:" + state.path; }
  var journalTimer = null;
  function remember() {
    var text = editor.getValue();
    if (text === state.diskText) localStorage.removeItem(storageKey());
    else localStorage.setItem(storageKey(), JSON.stringify({ text: text, tag: state.tag, time: Date.now() }));
    updateStatus();
    clearTimeout(journalTimer);
    journalTimer = setTimeout(function () {
      api("POST", "api/journal", { path: state.path, text: editor.getValue() });
    }, 800);
  }
  function dirty() { return editor && editor.getValue() !== state.diskText; }
  window.addEventListener("beforeunload", function (e) {
    if (dirty()) { remember(); if (!state.quiet) { e.preventDefault(); e.returnValue = ""; } }
  });

  function banner(text, buttons) {
    var b = $("banner");
    b.innerHTML = "";
    b.appendChild(el("span", null, text));
    (buttons || [{ label: t("dismiss"), run: function () {} }]).forEach(function (btn) {
      var x = el("button", null, btn.label);
      x.onclick = function () { b.hidden = true; btn.run(); };
      b.appendChild(x);
    });
    b.hidden = false;
  }

  function openRuleset(path) {
    var seq = state.openSeq = (state.openSeq || 0) + 1;
    return api("GET", "api/file?path=" + encodeURIComponent(path)).then(function (f) {
      if (seq !== state.openSeq) return;  // another file was chosen meanwhile
      if (f.error) { banner(f.error.code + " " + msg(f.error)); return; }
      state.path = path; state.tag = f.tag; state.diskText = f.text; state.lastGood = null;
      var local = null;
      try { local = JSON.parse(localStorage.getItem(storageKey()) || "null"); } catch (e) { local = null; }
      var text = f.text;
      if (local && local.text !== f.text) {
        text = local.text;
        if (local.tag) state.tag = local.tag;  // saved against what it was edited from: a change on disk is caught
        banner(t("restoredLocal"));
      } else if (f.journal !== undefined && f.journal !== f.text) {
        text = f.journal;
        banner(t("restoredJournal"));
      }
      editor.setValue(text);
      editor.clearHistory();
      $("compare-a").textContent = path;
      localStorage.setItem("pingfen:ruleset", path);
      pickDataFor(path);
      check();
      updateStatus();
    });
  }

  function save(force) {
    var body = edit();
    body.tag = state.tag;
    body.force = !!force;
    return api("POST", "api/save", body).then(function (r) {
      if (r._status === 409) {
        banner(r.error.code + " " + t("conflict"), [
          { label: t("overwrite"), run: function () { state.tag = r.disk_tag; save(true); } },
          { label: t("takeDisk"), run: function () {
              localStorage.setItem("pingfen:discarded:" + state.path, editor.getValue());
              localStorage.removeItem(storageKey());
              state.tag = r.disk_tag; state.diskText = r.disk_text;
              editor.setValue(r.disk_text); check(); updateStatus();
            } }
        ]);
        return;
      }
      if (r.error) { banner(r.error.code + " " + msg(r.error)); return; }
      state.tag = r.tag;
      state.diskText = body.text;
      localStorage.removeItem(storageKey());
      var errs = r.diagnostics.filter(function (d) { return d.severity === "error"; }).length;
      $("status").textContent = t("savedTotal") + (r.total || "—") + (r.grade ? " " + t("grade") + " " + r.grade : "") +
        (errs ? " · " + errs + t("errors") : "");
      $("status").className = "saved";
      check();
    });
  }

  // Someone else's change is noticed when the page comes back into view.
  window.addEventListener("focus", function () {
    if (!state.path) return;
    api("GET", "api/file?path=" + encodeURIComponent(state.path)).then(function (f) {
      if (f.tag && f.tag !== state.tag && f.text !== state.diskText) {
        banner(t("changedOnDisk"), [
          { label: t("dismiss"), run: function () {} },
          { label: t("reload"), run: function () {
              if (dirty()) localStorage.setItem("pingfen:discarded:" + state.path, editor.getValue());
              state.tag = f.tag; state.diskText = f.text; editor.setValue(f.text); localStorage.removeItem(storageKey()); check();
            } }
        ]);
      }
    });
  });

  function updateStatus() {
    if (!editor) return;
    var s = $("status");
    if ($("status").className === "saved" && !dirty()) return;
    s.className = dirty() ? "unsaved" : "";
    s.textContent = dirty() ? t("unsaved") : t("saved");
  }

  // ---------------------------------------------------------------- checking as you type
  var checkTimer = null;
  function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(function () { checkTimer = null; check(); }, 250);
  }
  function edit() {
    return { path: state.path, text: editor.getValue(), data: state.data, overrides: state.overrides, lang: state.lang };
  }
  function check() {
    var seq = ++state.seq;
    document.body.classList.add("checking");
    state.inFlight = (state.inFlight || 0) + 1;
    return api("POST", "api/check", edit()).then(function (r) {
      state.inFlight--;
      if (seq !== state.seq) return;  // a newer keystroke's answer is on its way
      document.body.classList.remove("checking");
      state.lastCheck = r;
      showDiagnostics(r);
      showSheet(r);
      showFields(r);
    });
  }

  function showDiagnostics(r) {
    // Marking the text closes an open completion list: the squiggles wait until it is closed.
    if (editor.state.completionActive) {
      if (!state.marksDeferred) {
        state.marksDeferred = true;
        editor.on("endCompletion", function again() {
          editor.off("endCompletion", again);
          state.marksDeferred = false;
          if (state.lastCheck) showDiagnostics(state.lastCheck);
        });
      }
      return;
    }
    state.marks.forEach(function (m) { m.clear(); });
    state.marks = [];
    var box = $("diagnostics");
    box.innerHTML = "";
    // The edited file's own diagnostics first; those of the files it imports after them.
    var all = (r.diagnostics || []).slice().sort(function (a, b) {
      return (a.path === state.path ? 0 : 1) - (b.path === state.path ? 0 : 1);
    });
    if (!all.length) box.appendChild(el("div", "ok", "✓ " + t("ok") + " · " + t("hint")));
    all.forEach(function (d) {
      var here = d.path === state.path && d.line > 0;
      if (here) {
        var lineText = editor.getLine(d.line - 1) || "";
        var from = chOf(lineText, d.column), to = chOf(lineText, d.column + Math.max(1, d.length));
        if (to <= from) to = from + 1;
        state.marks.push(editor.markText(CodeMirror.Pos(d.line - 1, from), CodeMirror.Pos(d.line - 1, to), {
          className: d.severity === "error" ? "pf-squiggle" : "pf-squiggle-warn",
          attributes: { title: d.code + " " + msg(d) }
        }));
      }
      var item = el("div", "diag " + d.severity);
      var head = el("div", "diag-head");
      head.appendChild(el("span", "code", d.code));
      if (d.line) head.appendChild(el("span", "where", (d.path === state.path ? "" : d.path + ":") + d.line + ":" + d.column));
      head.appendChild(el("span", "text", msg(d)));
      item.appendChild(head);
      (d.notes || []).forEach(function (n) {
        item.appendChild(el("div", "note", "= " + t("note") + "：" + msg(n)));
      });
      if (here) item.onclick = function () {
        var lt = editor.getLine(d.line - 1) || "";
        editor.focus();
        editor.setCursor(CodeMirror.Pos(d.line - 1, chOf(lt, d.column)));
      };
      box.appendChild(item);
    });
  }

  function showProblems(box, title, list) {
    if (!list || !list.length) return;
    var div = el("div", "problems");
    div.appendChild(el("strong", null, title));
    list.forEach(function (d) { div.appendChild(el("div", "diag " + d.severity, d.code + " " + msg(d))); });
    box.appendChild(div);
  }

  function scoreCell(td, row) {
    if (row.changed) {
      td.classList.add("changed");
      td.appendChild(el("s", "before", row.before === null ? "—" : row.before));
      td.appendChild(document.createTextNode(" → "));
      td.appendChild(el("b", "after", row.score === null ? "—" : row.score));
    } else {
      td.textContent = row.score === null ? "—" : row.score;
    }
  }

  function showSheet(r) {
    var sum = $("summary"), body = $("sheet").querySelector("tbody");
    var s = r.sheet, stale = null;
    if (s) state.lastGood = r;
    else if (state.data && !r.data_diagnostics && state.lastGood &&
             (r.diagnostics || []).some(function (d) { return d.severity === "error"; })) {
      // The ruleset does not compile: the last sheet stays, dimmed, so the author keeps their
      // bearings while fixing the error.
      s = state.lastGood.sheet;
      r = state.lastGood;
      stale = t("stale");
    }
    sum.innerHTML = "";
    body.innerHTML = "";
    if (!s) {
      if (!state.data) sum.appendChild(el("p", "muted", t("noData")));
      showProblems(sum, t("dataErrors"), r.data_diagnostics);
      $("sheet").classList.add("stale");
      return;
    }
    if (stale) sum.appendChild(el("div", "stale-note", stale));
    $("sheet").classList.toggle("stale", !!stale);

    sum.appendChild(el("div", "dept", s.department + (s.year ? " · " + s.year : "")));
    var total = el("div", "total");
    total.appendChild(el("span", "label", t("total") + " "));
    var moved = s.total_before !== undefined && (s.total_before !== s.total || s.grade_before !== s.grade);
    if (moved) {
      total.appendChild(el("s", "before", s.total_before === null ? "—" : s.total_before));
      total.appendChild(document.createTextNode(" → "));
    }
    total.appendChild(el("b", "value" + (moved ? " changed" : ""), s.total === null ? "—" : s.total));
    if (moved && s.total_change) total.appendChild(el("span", "delta", " (" + (s.total_change.charAt(0) === "-" ? "−" + s.total_change.slice(1) : "+" + s.total_change) + ")"));
    total.appendChild(el("span", "max", " / " + s.max));
    var grade = el("span", "grade", "  " + t("grade") + " ");
    if (moved && s.grade_before !== s.grade) { grade.appendChild(el("s", "before", s.grade_before || "—")); grade.appendChild(document.createTextNode(" → ")); }
    grade.appendChild(el("b", "value" + (moved && s.grade_before !== s.grade ? " changed" : ""), s.grade || "—"));
    total.appendChild(grade);
    sum.appendChild(total);
    if (moved) sum.appendChild(el("div", "muted", t("since")));
    showProblems(sum, t("scoreErrors"), (r.score_diagnostics || []).filter(function (d) { return d.severity === "error"; }));
    // Inputs the data gives only in some case (as `pingfen check` lists them): a blank one is no fault.
    // Folded, one a line: in a bundled ruleset a dozen of them would push the sheet off the screen.
    if (r.conditional_inputs && r.conditional_inputs.length) {
      var cond = el("details", "muted conditional");
      cond.appendChild(el("summary", null, t("conditional").replace("{n}", r.conditional_inputs.length)));
      var list = el("ul");
      r.conditional_inputs.forEach(function (c) { list.appendChild(el("li", null, c.name + t("colon") + c.when)); });
      cond.appendChild(list);
      sum.appendChild(cond);
    }
    s.rows.forEach(function (row) {
      var tr = el("tr", "level" + row.level + (row.leaf ? " leaf" : "") + (row.changed ? " changed-row" : "") + (row.kind !== "indicator" ? " adjust" : ""));
      tr.dataset.path = row.path;
      var name = el("td", "name", row.name);
      name.style.paddingLeft = (0.4 + (row.level - 1) * 1.2) + "em";
      tr.appendChild(name);
      tr.appendChild(el("td", "num", row.weight));
      var sc = el("td", "num score");
      scoreCell(sc, row);
      tr.appendChild(sc);
      tr.appendChild(el("td", "basis", row.basis));
      body.appendChild(tr);
    });
    if (s.total_basis) {
      var tr = el("tr", "total-basis");
      var td = el("td", null, s.total_basis);
      td.colSpan = 4;
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  function showFields(r) {
    var body = $("fields").querySelector("tbody");
    body.innerHTML = "";
    (r.fields || []).forEach(function (f) {
      var tr = el("tr", f.changed ? "changed-row" : "");
      tr.appendChild(el("th", null, f.name));
      var td = el("td");
      if (f.scalar) {
        var input = el("input");
        input.value = f.value;
        input.dataset.name = f.name;
        input.addEventListener("keydown", function (e) {
          if (e.key === "Enter") { state.overrides[f.name] = input.value.trim(); check(); }
        });
        // Enter applies (as the heading says); leaving the field keeps the typed text marked.
        input.addEventListener("input", function () { input.classList.toggle("typed", input.value !== f.value); });
        td.appendChild(input);
      } else {
        td.appendChild(el("code", "muted", f.value.length > 80 ? f.value.slice(0, 80) + "…" : f.value));
      }
      tr.appendChild(td);
      var undo = el("td");
      if (f.changed) {
        var b = el("button", "small", t("undo"));
        b.onclick = function () { delete state.overrides[f.name]; check(); };
        undo.appendChild(b);
      }
      tr.appendChild(undo);
      body.appendChild(tr);
    });
  }

  // ---------------------------------------------------------------- files, data, upload
  var files = { rulesets: [], data: [] };
  function fill(select, list, chosen) {
    select.innerHTML = "";
    list.forEach(function (p) {
      var o = el("option", null, p);
      o.value = p;
      select.appendChild(o);
    });
    if (chosen !== undefined) select.value = chosen;
  }
  function loadFiles() {
    return api("GET", "api/files").then(function (f) {
      files = f;
      // Refilled after an upload: what is chosen stays chosen.
      var other = $("compare-b").value;
      fill($("ruleset"), f.rulesets, state.path || undefined);
      fill($("data"), [""].concat(f.data), state.data);
      fill($("compare-b"), f.rulesets, other || undefined);
    });
  }
  // The data file beside the ruleset (2023.pf → 2023.example.json), else the first in its folder.
  function pickDataFor(path) {
    var dir = path.lastIndexOf("/") >= 0 ? path.slice(0, path.lastIndexOf("/") + 1) : "";
    var stem = path.slice(dir.length).replace(/\.pf$/, "");
    var want = files.data.filter(function (d) { return d.indexOf(dir + stem + ".") === 0; })[0] ||
               files.data.filter(function (d) { return d.indexOf(dir) === 0 && d.slice(dir.length).indexOf("/") < 0; })[0] || "";
    if (!state.data || state.data.indexOf(dir) !== 0) { state.data = want; state.overrides = {}; }
    $("data").value = state.data;
  }

  function upload(file) {
    var reader = new FileReader();
    reader.onload = function () {
      api("POST", "api/upload?name=" + encodeURIComponent(file.name), reader.result).then(function (r) {
        if (r.error) {
          banner(r.error.code + " " + msg(r.error) + (r.diagnostics ? " — " + r.diagnostics.map(function (d) { return d.code + " " + msg(d); }).join("；") : ""));
          return;
        }
        loadFiles().then(function () {
          state.data = r.path; state.overrides = {};
          $("data").value = r.path;
          $("status").textContent = t("uploaded") + r.path;
          check();
        });
      });
    };
    // A workbook, or a CSV in whatever encoding Excel saved it: the bytes, read by the server.
    if (/\.(xlsx|csv)$/i.test(file.name)) reader.readAsArrayBuffer(file);
    else reader.readAsText(file);
  }

  function download(format) {
    var form = $("download-form");
    form.elements.edit.value = JSON.stringify(edit());
    form.elements.format.value = format;
    form.action = "api/download?format=" + format;
    form.submit();
  }

  function openCompare() {
    $("compare").hidden = false;
    var b = $("compare-b");
    if (!b.value || b.value === state.path) {
      var other = files.rulesets.filter(function (p) { return p !== state.path; })[0];
      if (other) b.value = other;
    }
    showCompare();
  }
  function showCompare() {
    $("compare-frame").src = "api/compare?a=" + encodeURIComponent(state.path) + "&b=" + encodeURIComponent($("compare-b").value) + "&lang=" + state.lang;
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) { e.textContent = t(e.dataset.t); });
    $("lang").textContent = state.lang === "en" ? "中文" : "EN";
    document.title = "pingfen " + t("workbench");
    if (state.lastGood) showSheet(state.lastCheck || state.lastGood);
    if (editor) { $("status").className = ""; updateStatus(); }
  }

  // ---------------------------------------------------------------- start
  api("GET", "api/language").then(function (l) {
    state.keywords = l.keywords;
    setupEditor();
    applyLanguage();
    return loadFiles();
  }).then(function () {
    // The last one opened, else the first with a department's data beside it (a module such as
    // common/management.pf does not compile alone).
    var want = localStorage.getItem("pingfen:ruleset");
    var scored = files.rulesets.filter(function (p) {
      var stem = p.replace(/\.pf$/, ".");
      return files.data.some(function (d) { return d.indexOf(stem) === 0; });
    });
    var first = files.rulesets.indexOf(want) >= 0 ? want : scored[0] || files.rulesets[0];
    $("ruleset").value = first;
    if (first) return openRuleset(first);
  });

  $("ruleset").addEventListener("change", function () {
    state.data = ""; state.overrides = {};
    openRuleset($("ruleset").value);
  });
  $("data").addEventListener("change", function () { state.data = $("data").value; state.overrides = {}; state.lastGood = null; check(); });
  $("upload").addEventListener("change", function () { if (this.files[0]) upload(this.files[0]); this.value = ""; });
  $("save").addEventListener("click", function () { save(false); });
  Array.prototype.forEach.call(document.querySelectorAll(".download"), function (b) {
    b.addEventListener("click", function () { download(b.dataset.format); });
  });
  $("compare-open").addEventListener("click", openCompare);
  $("compare-close").addEventListener("click", function () { $("compare").hidden = true; });
  $("compare-b").addEventListener("change", showCompare);
  $("lang").addEventListener("click", function () {
    state.lang = state.lang === "en" ? "zh" : "en";
    localStorage.setItem("pingfen:lang", state.lang);
    applyLanguage();
    if (editor) check();
    if (!$("compare").hidden) showCompare();
  });
})();
