// The pingfen language for CodeMirror 5. The keyword spellings come from the server
// (keyword_spellings(), read from the grammar), and the token rules follow the lexer's
// (grammar/PingfenLexer.g4): a run of letters is one name unless the whole run is a keyword,
// so 按 结余结转率 分档 highlights as the compiler reads it, and full-width punctuation
// （ ） ， ： ≤ ＞＝ is the same token as its half-width form.
(function () {
  "use strict";
  var LETTERS = /^[\p{L}_]+/u;
  var ASCII_NAME = /^[a-zA-Z_][a-zA-Z_0-9]*/;
  var NUMBER = /^[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?/;
  var PUNCT = /^[()\[\]{}（）［］【】｛｝,，、:：;；.．]/;
  var SPACE = /^[ \t\r\n\u3000\uFEFF]+/;

  CodeMirror.defineMode("pingfen", function (_config, modeConfig) {
    var words = Object.create(null);  // letter-only spellings: 若 如果 if
    var symbols = [];                 // the others, longest first: ＜＝ ≤ （含）
    (modeConfig.keywords || []).forEach(function (k) {
      k.spellings.forEach(function (s) {
        if (/^[\p{L}_]+$/u.test(s)) words[s] = k.operator ? "operator" : "keyword";
        else symbols.push({ text: s, style: k.operator ? "operator" : "keyword" });
      });
    });
    symbols.sort(function (a, b) { return b.text.length - a.text.length; });

    return {
      token: function (stream) {
        if (stream.match(SPACE)) return null;
        if (stream.match("#") || stream.match("//")) { stream.skipToEnd(); return "comment"; }
        var ch = stream.peek();
        if (ch === '"' || ch === "“") {
          var close = ch === '"' ? '"' : "”";
          stream.next();
          while (!stream.eol()) if (stream.next() === close) return "string";
          return "string error";
        }
        var m = stream.match(NUMBER);
        if (m) return "number";
        for (var i = 0; i < symbols.length; i++)
          if (stream.match(symbols[i].text)) return symbols[i].style;
        // The longer of the lexer's two name rules, as ANTLR takes the longest match.
        var a = stream.match(ASCII_NAME, false), b = stream.match(LETTERS, false);
        var word = a && (!b || a[0].length >= b[0].length) ? a[0] : b ? b[0] : null;
        if (word) { stream.pos += word.length; return words[word] || "variable"; }
        if (stream.match(PUNCT)) return "bracket";
        stream.next();
        return "error";
      }
    };
  });
})();
