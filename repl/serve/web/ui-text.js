// The workbench page's own words, in Chinese (the default) and English (the EN switch). The
// messages of diagnostics come from the server in both languages; these are the page's labels.
(function () {
  "use strict";
  window.PINGFEN_UI = {
    zh: {
      workbench: "工作台", ruleset: "规则集", department: "部门数据", upload: "上传数据", save: "保存",
      compare: "比较", download: "下载", indicator: "指标", weight: "分值", score: "得分", basis: "评分依据",
      fields: "数据（可直接修改，回车生效；只改本页，不改文件）", "compare-title": "比较规则集", close: "关闭",
      total: "总分", grade: "等级", checking: "检查中…", ok: "无错误", errors: "个错误", warnings: "个警告",
      saved: "已保存", unsaved: "未保存", savedTotal: "已保存并重新编译：总分 ", noData: "（没有部门数据：选一个数据文件或上传）",
      restoredLocal: "恢复了这个浏览器中未保存的修改（关闭标签页前的内容）。", restoredJournal: "恢复了服务器日志中未保存的修改（服务器重启前的内容）。",
      conflict: "磁盘上的文件在你打开之后被别人改过，没有保存。", overwrite: "仍然用我的版本覆盖", takeDisk: "载入磁盘上的版本（我的修改另存在浏览器中）",
      changedOnDisk: "磁盘上的文件已被别的程序修改。保存前会再次检查，不会静默覆盖。", reload: "载入磁盘版本",
      dismiss: "知道了", note: "注", undo: "还原", uploaded: "已上传 ", hint: "Ctrl-空格 补全 · Ctrl-S 保存",
      since: "与上次保存相比", stale: "规则集有错误，改正后重新评分；下面是上一次能评分时的结果", scoreErrors: "评分时的问题", dataErrors: "数据的问题", steps: "步", conditional: "{n} 项条件输入（仅在需要时给出）", colon: "："
    },
    en: {
      workbench: "workbench", ruleset: "Ruleset", department: "Department data", upload: "Upload data", save: "Save",
      compare: "Compare", download: "Download", indicator: "Indicator", weight: "Weight", score: "Score", basis: "Basis of the score",
      fields: "Data (edit in place, Enter applies; this page only, the file is not changed)", "compare-title": "Compare rulesets", close: "Close",
      total: "Total", grade: "Grade", checking: "checking…", ok: "no errors", errors: " errors", warnings: " warnings",
      saved: "saved", unsaved: "unsaved", savedTotal: "saved and recompiled: total ", noData: "(no department data: choose a data file or upload one)",
      restoredLocal: "Restored unsaved changes kept in this browser (from before the tab was closed).", restoredJournal: "Restored unsaved changes from the server's journal (from before it restarted).",
      conflict: "The file on disk was changed by someone else since you opened it; not saved.", overwrite: "Overwrite it with my version", takeDisk: "Load the version on disk (mine is kept in the browser)",
      changedOnDisk: "The file on disk was changed by another program. Saving checks again and never overwrites silently.", reload: "Load the disk version",
      dismiss: "OK", note: "note", undo: "undo", uploaded: "uploaded ", hint: "Ctrl-Space completes · Ctrl-S saves",
      since: "since the last save", stale: "the ruleset has errors; once fixed it is scored again. Below: the last sheet that could be scored", scoreErrors: "while scoring", dataErrors: "in the data", steps: "steps", conditional: "{n} conditional inputs (given only when needed)", colon: ": "
    }
  };
})();
