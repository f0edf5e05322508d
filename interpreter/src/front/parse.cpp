// Drives ANTLR: lexing, two-stage parsing (SLL with bail-out, then LL with error reporting),
// and syntax errors in the user's language. The tree is handed to build_ast at once.
#include "front/parse.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "PingfenLexer.h"  // token types only: the lexer is front/lexer
#include "PingfenParser.h"
#include "antlr4-runtime.h"
#include "front/build_ast.hpp"
#include "front/run_together.hpp"
#include "front/token_stream.hpp"
#include "front/token_names.hpp"
#include "front/lexer.hpp"
#include "front/utf32_input.hpp"

namespace pingfen::front {
namespace {

Loc token_loc(const SourceFile* file, const antlr4::Token* t) {
    Loc l;
    l.file = file;
    l.line = static_cast<int>(t->getLine());
    l.column = static_cast<int>(t->getCharPositionInLine()) + 1;
    if (t->getType() == antlr4::Token::EOF) {
        l.length = 1;
    } else {
        l.length = static_cast<int>(t->getStopIndex() - t->getStartIndex() + 1);
    }
    return l;
}

std::string found_text(const antlr4::Token* t, bool en) {
    if (t->getType() == antlr4::Token::EOF) return en ? "end of file" : "文件结尾";
    return fmt::format("`{}`", t->getText());
}

std::string expected_list(const antlr4::misc::IntervalSet& set, bool en) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (size_t t : set.toList()) {
        std::string n = token_display(t, en);
        if (seen.insert(n).second) names.push_back(n);
    }
    if (names.empty()) return en ? "something else" : "其他内容";
    const std::size_t kMax = 8;
    bool more = names.size() > kMax;
    if (more) names.resize(kMax);
    std::string sep = en ? ", " : "、";
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += (i + 1 == names.size() && !more) ? (en ? " or " : " 或 ") : sep;
        out += names[i];
    }
    if (more) out += en ? ", …" : "等";
    return out;
}

// Reports the first syntax error of each line, in both languages, in our own words.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
    SyntaxErrorListener(const SourceFile* file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

    // Only the first error: after it, ANTLR's recovery produces follow-on errors that mislead
    // more than they help. So the parse stops there: recovering through the rest of a file of a
    // million stray names made a tree node of each (2 GB, 20 s) for errors no one would see.
    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t column,
                     const std::string& message, std::exception_ptr e) override {
        report(recognizer, offending, line, column, message, e);
        throw antlr4::ParseCancellationException();
    }

private:
    void report(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t, const std::string&,
                std::exception_ptr) {
        if (count_ >= 1) return;
        (void)line;
        ++count_;
        auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
        if (!parser || !offending) return;
        antlr4::misc::IntervalSet expected;
        try {
            expected = parser->getExpectedTokens();
        } catch (...) {
        }
        std::string zh = fmt::format("此处应为 {}，却遇到 {}", expected_list(expected, false),
                                     found_text(offending, false));
        std::string en = fmt::format("expected {}, found {}", expected_list(expected, true),
                                     found_text(offending, true));
        // A keyword where a name belongs (数值 = …, 得分 …) is the commonest slip; say so.
        if (is_keyword(offending->getType()) && (expected.contains(static_cast<ssize_t>(PingfenLexer::IDENT)) || next_is_assign(parser))) {
            zh = fmt::format("`{}` 是关键字，不能用作名称；请换一个名称", offending->getText());
            en = fmt::format("`{}` is a keyword and cannot be used as a name; choose another name",
                             offending->getText());
        }
        // A list written in an expression (合计([1, 2]), 1 + [2]): the parser stopped at the call's
        // `(` wanting the input to end, which said nothing of the list. Said at the `[`.
        if (antlr4::Token* bracket = list_in_expression(parser, offending, expected)) {
            const std::string callee = callee_before(parser, offending);
            sink_.error("E0001", token_loc(file_, bracket),
                        fmt::format("表达式中不能写列表：列表只能来自数据（如 月度执行率）；要对几个数计算，把它们直接写作参数，如 {}(1, 2)", callee),
                        fmt::format("a list cannot be written in an expression: lists come from the data (such as 月度执行率); to "
                                    "compute on a few numbers, write them as the arguments, as in {}(1, 2)",
                                    callee));
            return;
        }
        // 分段 for 分档, 扣分法 for 扣分: a near-miss of a keyword, in the token or just before it.
        if (auto hint = near_miss(parser, offending); !hint.first.empty()) {
            zh += fmt::format("；是否想写 `{}`？（`{}` 不是关键字）", hint.second, hint.first);
            en += fmt::format("; did you mean `{}`? (`{}` is not a keyword)", hint.second, hint.first);
        }
        // 得 3 with no 分, and the next line starts: the slip is at the end of this line.
        antlr4::Token* before = previous_visible(parser);
        if (before && offending->getLine() > before->getLine() &&
            expected.contains(static_cast<ssize_t>(PingfenLexer::POINTS))) {
            Loc end = token_loc(file_, before);
            end.column += static_cast<int>(utf8_decode(before->getText()).size());
            end.length = 1;
            sink_.error("E0001", end, fmt::format("`{}` 之后缺少 `分`", before->getText()),
                        fmt::format("`分` (points) is missing after `{}`", before->getText()));
            return;
        }
        // The file ended inside a block: point at the brace that was never closed.
        Loc open;
        if (offending->getType() == antlr4::Token::EOF && (open = unclosed_brace(parser)).valid()) {
            zh = "文件在块结束之前就结束了：缺少 `}`";
            en = "the file ends before the block is closed: `}` is missing";
            sink_.error("E0001", token_loc(file_, offending), std::move(zh), std::move(en));
            sink_.last().notes.push_back(make_note(open, "这个 `{` 没有对应的 `}`", "this `{` is never closed"));
            return;
        }
        sink_.error("E0001", token_loc(file_, offending), std::move(zh), std::move(en));
    }

    const SourceFile* file_;
    DiagnosticSink& sink_;
    int count_ = 0;

    static bool is_keyword(size_t t) { return t >= PingfenLexer::RULESET && t <= PingfenLexer::FALSE; }
    Loc unclosed_brace(antlr4::Parser* p) const {
        auto* ts = dynamic_cast<antlr4::BufferedTokenStream*>(p->getInputStream());
        if (!ts) return Loc{};
        std::vector<antlr4::Token*> open;
        for (antlr4::Token* t : ts->getTokens()) {
            if (t->getType() == PingfenLexer::LBRACE) open.push_back(t);
            else if (t->getType() == PingfenLexer::RBRACE && !open.empty()) open.pop_back();
        }
        return open.empty() ? Loc{} : token_loc(file_, open.back());
    }
    static antlr4::Token* previous_visible(antlr4::Parser* p) {
        auto* ts = dynamic_cast<antlr4::TokenStream*>(p->getInputStream());
        return ts ? ts->LT(-1) : nullptr;
    }
    // The near-miss keyword in the offending token or the one before it, and what to write.
    static std::pair<std::string, std::string> near_miss(antlr4::Parser* p, antlr4::Token* offending) {
        static const std::pair<const char*, const char*> kNear[] = {
            {"分段", "分档"}, {"分挡", "分档"}, {"分级", "分档"}, {"扣分法", "扣分"}, {"每件", "每项"},
            {"每条", "每项"}, {"每处", "每项"},
        };
        for (antlr4::Token* t : {offending, previous_visible(p)}) {
            if (!t || t->getType() != PingfenLexer::IDENT) continue;
            const std::string text = t->getText();
            for (const auto& [wrong, right] : kNear)
                if (text.find(wrong) != std::string::npos) return {wrong, right};
        }
        return {};
    }
    // The `[` of a list where an expression is: the offending token itself (1 + [2]), or just after
    // the offending `(` of a call (合计([1, 2])). Null when there is none.
    static antlr4::Token* list_in_expression(antlr4::Parser* p, antlr4::Token* offending, const antlr4::misc::IntervalSet& expected) {
        auto* ts = dynamic_cast<antlr4::TokenStream*>(p->getInputStream());
        if (!ts) return nullptr;
        antlr4::Token* before = previous_visible(p);
        auto callee = [](antlr4::Token* t) {
            return t && (t->getType() == PingfenLexer::IDENT || t->getType() == PingfenLexer::HALF_UP);
        };
        if (offending->getType() == PingfenLexer::LBRACK) {
            const bool argument = before && before->getType() == PingfenLexer::LPAREN && callee(ts->LT(-2));
            return argument || expected.contains(static_cast<ssize_t>(PingfenLexer::NUMBER)) ? offending : nullptr;
        }
        const bool call = callee(before);
        if (offending->getType() != PingfenLexer::LPAREN || !call) return nullptr;
        // The call's arguments, up to its `)`: the first `[` among them (平均(1, [2])).
        int depth = 0;
        for (ssize_t k = 1; k < 512; ++k) {
            antlr4::Token* t = ts->LT(k);
            if (!t || t->getType() == antlr4::Token::EOF) return nullptr;
            if (t->getType() == PingfenLexer::LPAREN) ++depth;
            else if (t->getType() == PingfenLexer::RPAREN && --depth == 0) return nullptr;
            else if (t->getType() == PingfenLexer::LBRACK) return t;
        }
        return nullptr;
    }
    // The function whose arguments hold the list, when it takes several numbers: the name before
    // the offending `(`, or before the `(` just ahead of the offending `[`; else 平均.
    static std::string callee_before(antlr4::Parser* p, antlr4::Token* offending) {
        auto name = [](antlr4::Token* t) {  // a function of several numbers; not 四舍五入(值, 位数)
            static const std::set<std::string> kOfMany = {"平均", "合计", "mean", "sum"};
            return t && t->getType() == PingfenLexer::IDENT && kOfMany.count(t->getText()) ? t->getText() : std::string();
        };
        auto* ts = dynamic_cast<antlr4::TokenStream*>(p->getInputStream());
        if (offending->getType() == PingfenLexer::LPAREN) {
            if (std::string n = name(previous_visible(p)); !n.empty()) return n;
        } else if (ts && ts->LT(-1) && ts->LT(-1)->getType() == PingfenLexer::LPAREN) {
            if (std::string n = name(ts->LT(-2)); !n.empty()) return n;
        }
        return "平均";
    }
    static bool next_is_assign(antlr4::Parser* p) {
        auto* ts = dynamic_cast<antlr4::TokenStream*>(p->getInputStream());
        return ts && ts->LA(2) == PingfenLexer::EQ;
    }
};

// Checks that come before ANTLR sees the text: its size here; its encoding as it is decoded
// (Utf32Input::load, then ill_formed()).
bool precheck(const SourceFile& src, const ParseLimits& limits, DiagnosticSink& sink) {
    Loc whole{&src, 0, 0, 1};
    if (src.text.size() > limits.max_source_bytes) {
        sink.error("E0004", whole,
                   fmt::format("文件过大（{} 字节），上限为 {} 字节", src.text.size(), limits.max_source_bytes),
                   fmt::format("file too large ({} bytes); the limit is {} bytes", src.text.size(),
                               limits.max_source_bytes));
        return false;
    }
    return true;
}

// The text stops being well-formed UTF-8 at byte `bad`.
void ill_formed(const SourceFile& src, std::size_t bad, DiagnosticSink& sink) {
    int line = static_cast<int>(std::upper_bound(src.line_starts.begin(), src.line_starts.end(), bad) -
                                src.line_starts.begin());
    std::size_t line_start = src.line_starts[static_cast<std::size_t>(line - 1)];
    int col = static_cast<int>(utf8_decode(std::string_view(src.text).substr(line_start, bad - line_start)).size()) + 1;
    sink.error("E0005", Loc{&src, line, col, 1}, "文件不是有效的 UTF-8 编码（请另存为 UTF-8）",
               "the file is not valid UTF-8 (save it as UTF-8)");
}

// Tokens that can stand inside an expression; any other ends it.
bool in_expression(size_t t) {
    switch (t) {
        case PingfenLexer::NUMBER: case PingfenLexer::PERCENT_LIT: case PingfenLexer::STRING:
        case PingfenLexer::TRUE: case PingfenLexer::FALSE: case PingfenLexer::IDENT: case PingfenLexer::WEIGHT:
        case PingfenLexer::HALF_UP: case PingfenLexer::PLUS: case PingfenLexer::MINUS: case PingfenLexer::STAR:
        case PingfenLexer::SLASH: case PingfenLexer::LT: case PingfenLexer::LE: case PingfenLexer::GT:
        case PingfenLexer::GE: case PingfenLexer::EQ: case PingfenLexer::EQEQ: case PingfenLexer::NE:
        case PingfenLexer::AND: case PingfenLexer::OR: case PingfenLexer::NOT: case PingfenLexer::IF:
        case PingfenLexer::THEN: case PingfenLexer::ELSE: case PingfenLexer::LPAREN: case PingfenLexer::RPAREN:
        case PingfenLexer::COMMA:
            return true;
        default:
            return false;
    }
}
bool starts_operand(size_t t) {
    return t == PingfenLexer::NUMBER || t == PingfenLexer::PERCENT_LIT || t == PingfenLexer::STRING ||
           t == PingfenLexer::TRUE || t == PingfenLexer::FALSE || t == PingfenLexer::IDENT ||
           t == PingfenLexer::WEIGHT || t == PingfenLexer::HALF_UP;
}
bool ends_operand(size_t t) { return starts_operand(t) || t == PingfenLexer::RPAREN; }
bool is_comparison(size_t t) {
    return t == PingfenLexer::LT || t == PingfenLexer::LE || t == PingfenLexer::GT || t == PingfenLexer::GE ||
           t == PingfenLexer::EQ || t == PingfenLexer::EQEQ || t == PingfenLexer::NE;
}

bool check_tokens(const SourceFile& src, TokenStream& tokens, const ParseLimits& limits, DiagnosticSink& sink) {
    // Nesting that the recursive-descent parser would follow: brackets, 若 chains inside one
    // block, and runs of prefix operators (- - x, 非 非 x). Bounding them here means no input
    // can make the parser overflow the stack.
    int brackets = 0, ifs_in_block = 0, prefix_run = 0, operators_in_block = 0;
    size_t previous = 0;
    // A flat chain of 100 000 terms (1 + 1 + …) parses into a tree as deep as it is long.
    const int kMaxOperatorsInBlock = 20 * limits.max_nesting;
    // Counted per expression (it ends at a token that cannot be in one, or where an operand
    // follows an operand: the next named value or data entry): 非, which binds looser than
    // comparisons and arithmetic, so that 非 a = 非 b = 非 c … nests as deep as it is long with
    // no two 非 adjacent; and comparisons, each of which makes ANTLR's prediction look ahead to
    // the end of the expression (20 000 of them in one condition took a minute).
    int nots_in_expression = 0, comparisons_in_expression = 0;
    const int kMaxComparisonsInExpression = 64;
    bool ok = true;
    antlr4::Token* t = nullptr;
    std::size_t counted = 0;  // words, numbers and signs: not spaces, comments or the end of the file
    for (std::size_t i = 0; (t = tokens.lexed(i)) != nullptr; ++i) {
        const size_t type = t->getType();
        // Spaces and comments are on the hidden channel: they must not break a run of - - - x.
        if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
        if (type != antlr4::Token::EOF && ++counted > limits.max_tokens) {
            sink.error("E0004", token_loc(&src, t),
                       fmt::format("文件过大：词语、数字和符号超过上限 {} 个", limits.max_tokens),
                       fmt::format("file too large: more than the limit of {} words, numbers and signs", limits.max_tokens));
            return false;
        }
        if (type == PingfenLexer::ERROR_CHAR) {
            std::string text = t->getText();
            if (text == "\"" || text == "“") {
                sink.error("E0003", token_loc(&src, t), "字符串缺少结尾的引号（字符串不能跨行）",
                           "unterminated string (a string cannot span lines)");
            } else {
                sink.error("E0002", token_loc(&src, t), fmt::format("无法识别的字符 `{}`", text),
                           fmt::format("unrecognised character `{}`", text));
            }
            ok = false;
            if (sink.size() > 20) break;
            continue;
        }
        if (type == PingfenLexer::LPAREN || type == PingfenLexer::LBRACK || type == PingfenLexer::LBRACE)
            ++brackets;
        if (type == PingfenLexer::RPAREN || type == PingfenLexer::RBRACK || type == PingfenLexer::RBRACE)
            brackets = std::max(0, brackets - 1);
        if (type == PingfenLexer::LBRACE || type == PingfenLexer::RBRACE) ifs_in_block = 0, operators_in_block = 0;
        switch (type) {
            case PingfenLexer::PLUS: case PingfenLexer::MINUS: case PingfenLexer::STAR: case PingfenLexer::SLASH:
            case PingfenLexer::AND: case PingfenLexer::OR:
                if (++operators_in_block > kMaxOperatorsInBlock) {
                    sink.error("E0006", token_loc(&src, t),
                               fmt::format("表达式过长（一个块中超过 {} 个运算符），请拆成几个命名值", kMaxOperatorsInBlock),
                               fmt::format("expression too long (more than {} operators in one block); split it into named values",
                                           kMaxOperatorsInBlock));
                    return false;
                }
                break;
            default:
                break;
        }
        // Only 若 that continue a chain (否则 若 …, 则 若 …) nest; a list of 若 items in one
        // deduction block does not.
        if (type == PingfenLexer::IF)
            ifs_in_block = (previous == PingfenLexer::ELSE || previous == PingfenLexer::THEN || previous == PingfenLexer::IF ||
                            previous == PingfenLexer::COMMA)
                               ? ifs_in_block + 1
                               : 1;
        if (!in_expression(type) || (starts_operand(type) && ends_operand(previous)))
            nots_in_expression = 0, comparisons_in_expression = 0;
        if (type == PingfenLexer::NOT) ++nots_in_expression;
        if (is_comparison(type) && ++comparisons_in_expression > kMaxComparisonsInExpression) {
            sink.error("E0006", token_loc(&src, t),
                       fmt::format("一个表达式中的比较过多（超过 {} 个），请拆成几个命名值", kMaxComparisonsInExpression),
                       fmt::format("too many comparisons in one expression (more than {}); split it into named values",
                                   kMaxComparisonsInExpression));
            return false;
        }
        previous = type;
        prefix_run = type == PingfenLexer::MINUS ? prefix_run + 1 : 0;  // 非 is counted above
        if (brackets + ifs_in_block + prefix_run + nots_in_expression > limits.max_nesting) {
            sink.error("E0006", token_loc(&src, t),
                       fmt::format("嵌套过深（超过 {} 层）", limits.max_nesting),
                       fmt::format("nesting too deep (more than {} levels)", limits.max_nesting));
            return false;
        }
    }
    return ok;
}

// PingfenParser with the runtime's enterRule and enterOuterAlt (ANTLR 4.9, Parser.cpp) less their
// dynamic_cast: a rule's parent in the tree is a ParserRuleContext whenever it has one (the runtime would call
// through the null its cast gave otherwise), and entering a rule is done once per rule reached.
class Parser : public PingfenParser {
public:
    using PingfenParser::PingfenParser;
    void enterRule(antlr4::ParserRuleContext* localctx, size_t state, size_t /*ruleIndex*/) override {
        setState(state);
        _ctx = localctx;
        _ctx->start = _input->LT(1);
        // Room for a few children at once: grown one by one, most contexts' lists were
        // allocated three times (a sixth of the parser's calls to malloc).
        if (_buildParseTrees) _ctx->children.reserve(kChildren);
        if (_buildParseTrees && _ctx->parent != nullptr) static_cast<antlr4::ParserRuleContext*>(_ctx->parent)->addChild(_ctx);
        if (!_parseListeners.empty()) triggerEnterRuleEvent();
    }
    // The same for enterOuterAlt, which puts a labelled alternative's context in its rule's place.
    void enterOuterAlt(antlr4::ParserRuleContext* localctx, size_t altNum) override {
        localctx->setAltNumber(altNum);
        if (_buildParseTrees && _ctx != localctx && _ctx->parent != nullptr) {
            auto* parent = static_cast<antlr4::ParserRuleContext*>(_ctx->parent);
            parent->removeLastChild();
            parent->addChild(localctx);
        }
        // The alternative's context takes the room made for the rule's, which it replaces
        // (both are empty here, unless error recovery copied error nodes).
        if (_ctx != localctx && localctx->children.empty() && _ctx->children.empty())
            localctx->children.swap(_ctx->children);
        _ctx = localctx;
    }

private:
    static constexpr std::size_t kChildren = 4;
};

// Parses with `parse` (a parser entry rule) and hands the tree to `build` while the parser
// still owns it. False when there were syntax errors.
template <typename Parse, typename Build>
bool run_parser(const SourceFile& src, const ParseLimits& limits, DiagnosticSink& sink, Parse parse,
                Build build) {
    if (!precheck(src, limits, sink)) return false;
    Utf32Input input;
    if (const std::size_t bad = input.load(src.text); bad != std::string_view::npos) {
        ill_formed(src, bad, sink);
        return false;
    }
    Lexer lexer(input, false);
    TokenStream tokens(&lexer);
    if (!check_tokens(src, tokens, limits, sink)) return false;
    tokens.seek(0);

    // 按执行率分档: keywords typed without spaces, split back into tokens.
    std::vector<std::unique_ptr<antlr4::Token>> split;
    std::unique_ptr<antlr4::ListTokenSource> split_source;
    std::unique_ptr<TokenStream> split_tokens;
    antlr4::CommonTokenStream* stream = &tokens;
    if (split_run_together(tokens.getTokens(), split)) {
        split_source = std::make_unique<antlr4::ListTokenSource>(std::move(split));
        split_tokens = std::make_unique<TokenStream>(split_source.get());
        split_tokens->fill();
        stream = split_tokens.get();
    }
    Parser parser(stream);
    parser.removeErrorListeners();
    // Stage 1: SLL, giving up at the first error. Almost every file parses here.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    decltype(parse(parser)) tree = nullptr;
    try {
        tree = parse(parser);
    } catch (antlr4::ParseCancellationException&) {
        tree = nullptr;
    }
    if (!tree) {
        // Stage 2: full LL with error recovery, reporting in our words.
        stream->seek(0);
        parser.reset();
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
            antlr4::atn::PredictionMode::LL);
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        SyntaxErrorListener listener(&src, sink);
        parser.addErrorListener(&listener);
        std::size_t before = sink.size();
        try {
            tree = parse(parser);
        } catch (antlr4::ParseCancellationException&) {  // the listener's, at the first error
        }
        parser.removeErrorListeners();
        if (sink.size() > before) return false;
    }
    build(tree);
    return true;
}

}  // namespace

std::unique_ptr<ast::Module> parse_module(SourcePtr source, const ParseLimits& limits,
                                          DiagnosticSink& sink) {
    std::unique_ptr<ast::Module> out;
    bool ok = run_parser(
        *source, limits, sink, [](PingfenParser& p) { return p.file(); },
        [&](PingfenParser::FileContext* tree) { out = build_module(source, tree, sink); });
    return ok ? std::move(out) : nullptr;
}

ast::ExprPtr parse_expression(SourcePtr source, const ParseLimits& limits, DiagnosticSink& sink) {
    ast::ExprPtr out;
    bool ok = run_parser(
        *source, limits, sink, [](PingfenParser& p) { return p.exprOnly(); },
        [&](PingfenParser::ExprOnlyContext* tree) { out = build_expression(source, tree, sink); });
    return ok ? std::move(out) : nullptr;
}

}  // namespace pingfen::front
