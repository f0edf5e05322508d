#include "front/wide_char_dfa.hpp"

#include <antlr4-runtime.h>
#include <fmt/format.h>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "PingfenLexer.h"

namespace pingfen::front {

class WideCharLexerSimulator : public antlr4::atn::LexerATNSimulator {
public:
    explicit WideCharLexerSimulator(antlr4::Lexer* lexer);

protected:
    antlr4::dfa::DFAState* getExistingTargetState(antlr4::dfa::DFAState* s, size_t t) override;
    antlr4::dfa::DFAState* computeTargetState(antlr4::CharStream* input, antlr4::dfa::DFAState* s, size_t t) override;
};

namespace {

using antlr4::dfa::DFAState;

// The DFA of the lexer's ATN and the edges above 127, one for the process. DFA states are
// never freed (nothing calls clearDFA), so pointers to them stay valid as keys.
struct Shared {
    std::vector<antlr4::dfa::DFA> dfa;
    antlr4::atn::PredictionContextCache contexts;
    std::shared_mutex lock;
    struct Key {
        const DFAState* from;
        size_t t;
        bool operator==(const Key& o) const { return from == o.from && t == o.t; }
    };
    struct Hash {
        size_t operator()(const Key& k) const { return std::hash<const void*>()(k.from) * 31 + k.t; }
    };
    std::unordered_map<Key, DFAState*, Hash> edges;

    explicit Shared(const antlr4::atn::ATN& atn) {
        dfa.reserve(atn.getNumberOfDecisions());
        for (size_t i = 0; i < atn.getNumberOfDecisions(); ++i) dfa.emplace_back(atn.getDecisionState(i), i);
    }
};

// One grammar in this program: the first lexer's ATN is every lexer's.
Shared& shared(const antlr4::atn::ATN& atn) {
    static Shared s(atn);
    return s;
}

}  // namespace

WideCharLexerSimulator::WideCharLexerSimulator(antlr4::Lexer* lexer)
    : LexerATNSimulator(lexer, lexer->getATN(), shared(lexer->getATN()).dfa, shared(lexer->getATN()).contexts) {}

DFAState* WideCharLexerSimulator::getExistingTargetState(DFAState* s, size_t t) {
    if (t <= MAX_DFA_EDGE) return LexerATNSimulator::getExistingTargetState(s, t);
    Shared& sh = shared(atn);
    std::shared_lock read(sh.lock);
    auto it = sh.edges.find({s, t});
    return it == sh.edges.end() ? nullptr : it->second;
}

DFAState* WideCharLexerSimulator::computeTargetState(antlr4::CharStream* input, DFAState* s, size_t t) {
    DFAState* target = LexerATNSimulator::computeTargetState(input, s, t);
    // The grammar has no semantic predicates, so where the lexer goes from `s` on `t` depends
    // on nothing else: the runtime caches such edges itself for t ≤ 127.
    if (t > MAX_DFA_EDGE && t != antlr4::Token::EOF) {
        Shared& sh = shared(atn);
        std::unique_lock write(sh.lock);
        sh.edges.emplace(Shared::Key{s, t}, target);
    }
    return target;
}

void remember_wide_chars(antlr4::Lexer& lexer) {
    // The runtime's setInterpreter deletes the simulator it replaces; the lexer deletes this one.
    lexer.setInterpreter(new WideCharLexerSimulator(&lexer));
}

std::string dump_tokens(std::string_view text, bool wide_chars) {
    antlr4::ANTLRInputStream input;
    input.load(std::string(text));
    PingfenLexer lexer(&input);
    if (wide_chars) remember_wide_chars(lexer);
    lexer.removeErrorListeners();
    std::string out;
    for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken())
        out += fmt::format("{} {}:{} {} {}\n", t->getType(), t->getLine(), t->getCharPositionInLine(), t->getChannel(), t->getText());
    return out;
}

}  // namespace pingfen::front
