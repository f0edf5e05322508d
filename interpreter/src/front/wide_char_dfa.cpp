#include "front/wide_char_dfa.hpp"

#include <algorithm>
#include <antlr4-runtime.h>
#include <atomic>
#include <fmt/format.h>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <typeinfo>
#include <unordered_map>

#include "PingfenLexer.h"

namespace pingfen::front {

class WideCharLexerSimulator : public antlr4::atn::LexerATNSimulator {
public:
    explicit WideCharLexerSimulator(antlr4::Lexer* lexer);

protected:
    // A token whose only action is a channel (spaces and comments: -> channel(HIDDEN), half
    // the tokens of a ruleset) is accepted here as the runtime's accept() would, setting the
    // channel itself: the runtime's LexerActionExecutor::execute copied shared pointers, cast
    // and built a finally() per token, a fifteenth of a warm compile.
    void accept(antlr4::CharStream* input, const std::shared_ptr<antlr4::atn::LexerActionExecutor>& actions, size_t start_index,
                size_t index, size_t line, size_t char_pos) override {
        if (actions && _recog) {
            const int channel = channel_only(*actions);
            if (channel >= 0) {
                input->seek(index);
                _line = line;
                _charPositionInLine = char_pos;
                _recog->setChannel(static_cast<size_t>(channel));
                return;
            }
        }
        LexerATNSimulator::accept(input, actions, start_index, index, line, char_pos);
    }
    // The channel when `actions` is a channel action alone, else −1. Remembered per executor
    // (those of DFA states, which live as long as the DFA): getLexerActions() copies a vector
    // of shared pointers for every token.
    int channel_only(const antlr4::atn::LexerActionExecutor& actions) {
        for (const auto& [known, channel] : channels_)
            if (known == &actions) return channel;
        const auto list = actions.getLexerActions();
        int channel = -1;
        if (list.size() == 1 && list[0]->getActionType() == antlr4::atn::LexerActionType::CHANNEL)
            channel = static_cast<const antlr4::atn::LexerChannelAction&>(*list[0]).getChannel();
        if (channels_.size() < 8) channels_.emplace_back(&actions, channel);
        return channel;
    }
    antlr4::dfa::DFAState* getExistingTargetState(antlr4::dfa::DFAState* s, size_t t) override;
    antlr4::dfa::DFAState* computeTargetState(antlr4::CharStream* input, antlr4::dfa::DFAState* s, size_t t) override;
    // The runtime's execATN (ANTLR 4.9, LexerATNSimulator.cpp), step for step, on the text of
    // an ANTLRInputStream read in place: each character cost virtual LA and consume calls, a
    // virtual edge lookup and this thread's table found anew, a third of the lexer's time.
    size_t execATN(antlr4::CharStream* input, antlr4::dfa::DFAState* ds0) override;

public:
    // The runtime's match() (ANTLR 4.9), with the mark released by a destructor rather than a
    // finally() built around a std::function for every token. Without the runtime's
    // `++match_calls`: a debugging count that nothing reads, in a static every thread would
    // write at once.
    size_t match(antlr4::CharStream* input, size_t mode) override {
        _mode = mode;
        struct Release {
            antlr4::CharStream* input;
            ssize_t marker;
            ~Release() { input->release(marker); }
        } release{input, input->mark()};
        _startIndex = input->index();
        PrevAccept::reset(_prevAccept);
        if (antlr4::dfa::DFAState* s0 = start_state(mode)) return execATN(input, s0);
        // The mode's first token: its start state is made under the lock, so that a thread that
        // finds it later through start_state() sees it whole.
        std::lock_guard<std::mutex> first(start_lock());
        if (antlr4::dfa::DFAState* s0 = start_state(mode, true)) return execATN(input, s0);
        const size_t type = matchATN(input);
        start_state(mode, true);
        return type;
    }

private:
    // The DFA's start state of `mode`, once made. The runtime stores DFA::s0 with a plain write
    // in matchATN and reads it with a plain read in match(): another thread compiling at the
    // same time could read the pointer before the state it points to (a data race, which
    // ThreadSanitizer reports since match() and execATN() are compiled here). Published here
    // with release and read with acquire; `locked` (start_lock() held) reads the DFA's own field
    // and publishes what it finds.
    antlr4::dfa::DFAState* start_state(size_t mode, bool locked = false) {
        static std::atomic<antlr4::dfa::DFAState*> published[kModes];
        if (mode >= kModes) {  // not this grammar (one mode): always through the lock
            if (!locked) return nullptr;
            return _decisionToDFA[mode].s0;
        }
        if (!locked) return published[mode].load(std::memory_order_acquire);
        antlr4::dfa::DFAState* s0 = _decisionToDFA[mode].s0;
        if (s0) published[mode].store(s0, std::memory_order_release);
        return s0;
    }
    static constexpr size_t kModes = 4;
    static std::mutex& start_lock() {
        static std::mutex m;
        return m;
    }

    // SimState::reset() is for the runtime's simulator alone; the same four fields, set as it sets them.
    struct PrevAccept : SimState {
        static void reset(SimState& s) {
            s.*(&PrevAccept::index) = INVALID_INDEX;
            s.*(&PrevAccept::line) = 0;
            s.*(&PrevAccept::charPos) = INVALID_INDEX;
            s.*(&PrevAccept::dfaState) = nullptr;
        }
        // The runtime's captureSimState(), with the input's index given.
        static void capture(SimState& s, size_t index, size_t line, size_t char_pos, antlr4::dfa::DFAState* state) {
            s.*(&PrevAccept::index) = index;
            s.*(&PrevAccept::line) = line;
            s.*(&PrevAccept::charPos) = char_pos;
            s.*(&PrevAccept::dfaState) = state;
        }
        static size_t index_of(const SimState& s) { return s.*(&PrevAccept::index); }
        static size_t line_of(const SimState& s) { return s.*(&PrevAccept::line); }
        static size_t char_pos_of(const SimState& s) { return s.*(&PrevAccept::charPos); }
        static antlr4::dfa::DFAState* state_of(const SimState& s) { return s.*(&PrevAccept::dfaState); }
    };

    std::vector<std::pair<const antlr4::atn::LexerActionExecutor*, int>> channels_;  // channel_only's
    antlr4::CharStream* checked_input_ = nullptr;       // the last input execATN was given
    antlr4::ANTLRInputStream* text_input_ = nullptr;    // it, when it is an ANTLRInputStream
};

namespace {

using antlr4::dfa::DFAState;

// The characters above 127 in classes that every transition of the lexer's ATN treats alike:
// each transition's label holds all of a class or none of it, so from any DFA state the lexer
// goes to the same state on every character of a class. Edges are computed and kept for one
// character of each class (its first): a cold lexer met each Chinese character of a file as
// new in every state, and computing those edges was most of the first compile of a process.
class CharClasses {
public:
    explicit CharClasses(const antlr4::atn::ATN& atn) {
        starts_.push_back(antlr4::atn::LexerATNSimulator::MAX_DFA_EDGE + 1);
        for (const antlr4::atn::ATNState* state : atn.states) {
            if (!state) continue;
            for (const antlr4::atn::Transition* t : state->transitions) {
                const antlr4::misc::IntervalSet label = t->label();  // a copy: held while read
                for (const auto& range : label.getIntervals()) {
                    add(range.a);
                    add(range.b + 1);
                }
            }
        }
        std::sort(starts_.begin(), starts_.end());
        starts_.erase(std::unique(starts_.begin(), starts_.end()), starts_.end());
        // The class of each character of the Basic Multilingual Plane, looked up rather than
        // searched for: every Chinese character of every file asks.
        if (starts_.size() < 0xFFFF) {
            bmp_.resize(0x10000 - 128);
            std::size_t k = 0;
            for (size_t c = 128; c < 0x10000; ++c) {
                while (k + 1 < starts_.size() && starts_[k + 1] <= c) ++k;
                bmp_[c - 128] = static_cast<std::uint16_t>(k);
            }
        }
    }
    // The class of t (t > 127), numbered from 0.
    size_t index(size_t t) const {
        if (t - 128 < bmp_.size()) return bmp_[t - 128];
        return static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), t) - starts_.begin()) - 1;
    }
    // The first character of t's class (t > 127).
    size_t representative(size_t t) const { return starts_[index(t)]; }

private:
    std::vector<size_t> starts_;  // sorted; a class runs from one start to the next
    std::vector<std::uint16_t> bmp_;  // the class of each character from 128 to U+FFFF
    void add(ssize_t c) {
        if (c > static_cast<ssize_t>(antlr4::atn::LexerATNSimulator::MAX_DFA_EDGE)) starts_.push_back(static_cast<size_t>(c));
    }
};

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
    CharClasses classes;

    explicit Shared(const antlr4::atn::ATN& atn) : classes(atn) {
        dfa.reserve(atn.getNumberOfDecisions());
        for (size_t i = 0; i < atn.getNumberOfDecisions(); ++i) dfa.emplace_back(atn.getDecisionState(i), i);
    }
};

// One grammar in this program: the first lexer's ATN is every lexer's.
Shared& shared(const antlr4::atn::ATN& atn) {
    static Shared s(atn);
    return s;
}

// This thread's copy of the edges it has used, read without a lock: an open-addressing table,
// since a lookup happens for every Chinese character of every ruleset compiled.
class LocalEdges {
public:
    DFAState* find(const DFAState* from, size_t t) const {
        if (slots_.empty()) return nullptr;
        for (size_t i = hash(from, t) & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (!s.from) return nullptr;
            if (s.from == from && s.t == t) return s.to;
        }
    }
    void add(const DFAState* from, size_t t, DFAState* to) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        size_t i = hash(from, t) & mask_;
        while (slots_[i].from && !(slots_[i].from == from && slots_[i].t == t)) i = (i + 1) & mask_;
        if (!slots_[i].from) ++used_;
        slots_[i] = Slot{from, t, to};
    }

private:
    struct Slot {
        const DFAState* from = nullptr;
        size_t t = 0;
        DFAState* to = nullptr;
    };
    std::vector<Slot> slots_;
    size_t mask_ = 0, used_ = 0;

    static size_t hash(const DFAState* from, size_t t) {
        std::uint64_t x = reinterpret_cast<std::uintptr_t>(from) ^ (t * 0x9E3779B97F4A7C15ULL);
        x ^= x >> 29;
        x *= 0xBF58476D1CE4E5B9ULL;
        return static_cast<size_t>(x ^ (x >> 32));
    }
    void grow() {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        used_ = 0;
        for (const Slot& s : old)
            if (s.from) add(s.from, s.t, s.to);
    }
};

LocalEdges& local_edges() {
    thread_local LocalEdges edges;
    return edges;
}

// The same edges of the default mode's DFA again, as a table: a row per DFA state (by its
// number, which the DFA gives each state once), a column per ASCII character and per class above
// it that this thread has met (the grammar makes some 1,500 classes, a file meets a few dozen).
// execATN looks every character of the text up here: a few loads, where the hash table took a
// hash and a probe.
class DenseEdges {
public:
    size_t wide_column(size_t cls) {
        if (cls >= column_of_class_.size()) column_of_class_.resize(cls + 1, 0);
        std::uint32_t& column = column_of_class_[cls];
        if (column == 0) column = static_cast<std::uint32_t>(antlr4::atn::LexerATNSimulator::MAX_DFA_EDGE + 1 + wide_columns_++);
        return column;
    }
    DFAState* find(const DFAState* from, size_t column) const {
        const auto row = static_cast<size_t>(from->stateNumber);
        if (row >= rows_.size() || column >= rows_[row].size()) return nullptr;
        return rows_[row][column];
    }
    void add(const DFAState* from, size_t column, DFAState* to) {
        if (from->stateNumber < 0) return;
        const auto row = static_cast<size_t>(from->stateNumber);
        if (row >= rows_.size()) rows_.resize(row + 1);
        if (column >= rows_[row].size()) rows_[row].resize(column + 1, nullptr);
        rows_[row][column] = to;
    }

private:
    std::vector<std::vector<DFAState*>> rows_;
    std::vector<std::uint32_t> column_of_class_;  // 0: not met yet
    size_t wide_columns_ = 0;
};

DenseEdges& dense_edges() {
    thread_local DenseEdges edges;
    return edges;
}

}  // namespace

WideCharLexerSimulator::WideCharLexerSimulator(antlr4::Lexer* lexer)
    : LexerATNSimulator(lexer, lexer->getATN(), shared(lexer->getATN()).dfa, shared(lexer->getATN()).contexts) {}

DFAState* WideCharLexerSimulator::getExistingTargetState(DFAState* s, size_t t) {
    // Every edge is looked up here first, the runtime's own (t ≤ 127) too: the runtime finds
    // those in a hash map under a mutex, once for each character of the text. An edge, once
    // known, never changes, so this thread's copy of it stays right.
    if (t > MAX_DFA_EDGE) {
        if (t == antlr4::Token::EOF) return nullptr;  // the runtime keeps no such edge either
        t = shared(atn).classes.representative(t);    // edges above 127 are kept per class
    }
    LocalEdges& local = local_edges();
    if (DFAState* known = local.find(s, t)) return known;
    if (t <= MAX_DFA_EDGE) {
        DFAState* found = LexerATNSimulator::getExistingTargetState(s, t);
        if (found) local.add(s, t, found);
        return found;
    }
    Shared& sh = shared(atn);
    DFAState* found = nullptr;
    {
        std::shared_lock read(sh.lock);
        auto it = sh.edges.find({s, t});
        if (it != sh.edges.end()) found = it->second;
    }
    if (found) local.add(s, t, found);
    return found;
}

namespace {
// The text and position of an ANTLRInputStream (protected members, reached as a derived class may).
struct StreamAccess : antlr4::ANTLRInputStream {
    static const std::u32string& text(const antlr4::ANTLRInputStream& s) { return s.*(&StreamAccess::_data); }
    static size_t& position(antlr4::ANTLRInputStream& s) { return s.*(&StreamAccess::p); }
};
}  // namespace

size_t WideCharLexerSimulator::execATN(antlr4::CharStream* input, DFAState* ds0) {
    if (input != checked_input_) {
        checked_input_ = input;
        text_input_ = dynamic_cast<antlr4::ANTLRInputStream*>(input);
    }
    if (!text_input_) return LexerATNSimulator::execATN(input, ds0);
    constexpr size_t kEOF = antlr4::Token::EOF;
    const std::u32string& text = StreamAccess::text(*text_input_);
    size_t& p = StreamAccess::position(*text_input_);
    const size_t n = text.size();
    const CharClasses& classes = shared(atn).classes;
    // The table serves the default mode's DFA, the only one of this grammar.
    DenseEdges* dense = _mode == 0 ? &dense_edges() : nullptr;
    // captureSimState() and failOrAccept() as the runtime has them, written out: they were
    // virtual calls for every character of a name and every token (the index asked of the input
    // by another virtual call each time, the actions' shared pointer copied).
    if (ds0->isAcceptState) PrevAccept::capture(_prevAccept, p, _line, _charPositionInLine, ds0);
    size_t t = p < n ? static_cast<size_t>(text[p]) : kEOF;
    DFAState* s = ds0;
    for (;;) {
        // The table first; then getExistingTargetState, then the ATN, and the edge remembered.
        DFAState* target = nullptr;
        size_t column = 0;
        if (t != kEOF && dense) {
            column = t <= MAX_DFA_EDGE ? t : dense->wide_column(classes.index(t));
            target = dense->find(s, column);
        }
        if (!target) {
            target = getExistingTargetState(s, t);
            if (!target) target = computeTargetState(input, s, t);
            if (t != kEOF && dense) dense->add(s, column, target);
        }
        if (target == ERROR.get()) break;
        if (t != kEOF) {  // consume(input)
            if (t == '\n') {
                ++_line;
                _charPositionInLine = 0;
            } else {
                ++_charPositionInLine;
            }
            ++p;
        }
        if (target->isAcceptState) {
            PrevAccept::capture(_prevAccept, p, _line, _charPositionInLine, target);
            if (t == kEOF) break;
        }
        t = p < n ? static_cast<size_t>(text[p]) : kEOF;
        s = target;
    }
    if (DFAState* accepted = PrevAccept::state_of(_prevAccept)) {
        // DFA states live as long as the DFA: their actions can be passed as they are.
        accept(input, accepted->lexerActionExecutor, _startIndex, PrevAccept::index_of(_prevAccept),
               PrevAccept::line_of(_prevAccept), PrevAccept::char_pos_of(_prevAccept));
        return accepted->prediction;
    }
    return failOrAccept(input, s->configs.get(), t);  // the end of the input, or the runtime's error
}

DFAState* WideCharLexerSimulator::computeTargetState(antlr4::CharStream* input, DFAState* s, size_t t) {
    // Above 127, the edge of t's class: the same target as t's own (see CharClasses).
    if (t > MAX_DFA_EDGE && t != antlr4::Token::EOF) t = shared(atn).classes.representative(t);
    DFAState* target = LexerATNSimulator::computeTargetState(input, s, t);
    // The grammar has no semantic predicates, so where the lexer goes from `s` on `t` depends
    // on nothing else: the runtime caches such edges itself for t ≤ 127.
    if (t > MAX_DFA_EDGE && t != antlr4::Token::EOF) {
        Shared& sh = shared(atn);
        {
            std::unique_lock write(sh.lock);
            sh.edges.emplace(Shared::Key{s, t}, target);
        }
        local_edges().add(s, t, target);
    }
    return target;
}

namespace {

// PingfenLexer with the simulator above, known by its type: the runtime finds its simulator by
// dynamic_cast three times a token in nextToken() and twice more in each token's constructor
// (getLine, getCharPositionInLine), a sixth of a warm compile. nextToken() is the runtime's
// own (ANTLR 4.9, Lexer.cpp), with that pointer in place of the casts.
class WideCharLexer : public PingfenLexer {
public:
    WideCharLexer(antlr4::CharStream* input, bool hidden)
        : PingfenLexer(input), sim_(new WideCharLexerSimulator(this)), hidden_(hidden) {
        setInterpreter(sim_);  // deletes the runtime's simulator; the lexer deletes this one
    }
    size_t getLine() const override { return sim_->getLine(); }
    size_t getCharPositionInLine() override { return sim_->getCharPositionInLine(); }

    // The runtime's emit() (ANTLR 4.9, Lexer.cpp) with the default factory's create() inline: no
    // virtual call or text comparison per token. Another factory is the runtime's to call.
    antlr4::Token* emit() override {
        if (_factory != antlr4::CommonTokenFactory::DEFAULT.get()) return PingfenLexer::emit();
        auto t = std::make_unique<antlr4::CommonToken>(std::pair<antlr4::TokenSource*, antlr4::CharStream*>(this, _input), type,
                                                       channel, tokenStartCharIndex, _input->index() - 1);
        t->setLine(tokenStartLine);
        t->setCharPositionInLine(tokenStartCharPositionInLine);
        if (!_text.empty()) t->setText(_text);  // copyText is false in the default factory
        emit(std::move(t));
        return token.get();
    }
    using PingfenLexer::emit;

    std::unique_ptr<antlr4::Token> nextToken() override {
        // Mark the start so that an unbuffered stream keeps the token's text; released on the
        // way out, as the runtime's finally() does.
        struct Release {
            antlr4::CharStream* input;
            ssize_t marker;
            ~Release() { input->release(marker); }
        } release{_input, _input->mark()};
        for (;;) {
            if (hitEOF) {
                emitEOF();
                return std::move(token);
            }
            token.reset();
            channel = antlr4::Token::DEFAULT_CHANNEL;
            tokenStartCharIndex = _input->index();
            tokenStartCharPositionInLine = sim_->getCharPositionInLine();
            tokenStartLine = sim_->getLine();
            _text = "";
            bool skipped = false;
            do {
                type = antlr4::Token::INVALID_TYPE;
                size_t ttype;
                try {
                    ttype = sim_->match(_input, mode);
                } catch (antlr4::LexerNoViableAltException& e) {
                    notifyListeners(e);  // report error
                    recover(e);
                    ttype = SKIP;
                }
                if (_input->LA(1) == antlr4::Token::EOF) hitEOF = true;
                if (type == antlr4::Token::INVALID_TYPE) type = ttype;
                if (type == SKIP) {
                    skipped = true;
                    break;
                }
            } while (type == MORE);
            if (skipped) continue;
            // Spaces and comments, for a reader that never looks at them: no token made.
            if (!hidden_ && channel != antlr4::Token::DEFAULT_CHANNEL && token == nullptr) continue;
            if (token == nullptr) emit();
            return std::move(token);
        }
    }

private:
    WideCharLexerSimulator* sim_;
    bool hidden_;  // whether tokens off the default channel are made
};

}  // namespace

std::unique_ptr<antlr4::Lexer> make_lexer(antlr4::CharStream* input, bool hidden) {
    return std::make_unique<WideCharLexer>(input, hidden);
}

void remember_wide_chars(antlr4::Lexer& lexer) {
    // The runtime's setInterpreter deletes the simulator it replaces; the lexer deletes this one.
    lexer.setInterpreter(new WideCharLexerSimulator(&lexer));
}

namespace {
struct TokenAccess : antlr4::CommonToken {
    static const std::string& own_text(const antlr4::CommonToken& t) { return t.*(&TokenAccess::_text); }
};
}  // namespace

std::optional<std::u32string_view> lexed_chars(const antlr4::Token& t) {
    if (typeid(t) != typeid(antlr4::CommonToken)) return std::nullopt;
    const auto& token = static_cast<const antlr4::CommonToken&>(t);
    if (!TokenAccess::own_text(token).empty()) return std::nullopt;
    antlr4::CharStream* input = token.getInputStream();
    if (input == nullptr) return std::nullopt;
    // Whether the input is an ANTLRInputStream, and where in it that part is, asked once for
    // each type of input a thread meets (the same for every object of a type).
    thread_local const std::type_info* last_type = nullptr;
    thread_local std::ptrdiff_t offset = -1;  // of the ANTLRInputStream in it; −1: not one
    if (&typeid(*input) != last_type) {
        last_type = &typeid(*input);
        const auto* found = dynamic_cast<antlr4::ANTLRInputStream*>(input);
        offset = found ? reinterpret_cast<const char*>(found) - reinterpret_cast<const char*>(input) : -1;
    }
    if (offset < 0) return std::nullopt;
    const auto* stream = reinterpret_cast<const antlr4::ANTLRInputStream*>(reinterpret_cast<const char*>(input) + offset);
    const std::u32string& text = StreamAccess::text(*stream);
    const size_t start = token.getStartIndex(), stop = token.getStopIndex();
    // CommonToken::getText's own bounds; outside them it is the runtime's to answer.
    if (start >= text.size() || stop >= text.size() || stop < start) return std::nullopt;
    return std::u32string_view(text).substr(start, stop - start + 1);
}

std::string dump_tokens(std::string_view text, bool wide_chars, bool hidden) {
    antlr4::ANTLRInputStream input;
    input.load(std::string(text));
    std::unique_ptr<antlr4::Lexer> lexer = wide_chars ? make_lexer(&input, hidden) : std::make_unique<PingfenLexer>(&input);
    lexer->removeErrorListeners();
    std::string out;
    for (auto t = lexer->nextToken(); t->getType() != antlr4::Token::EOF; t = lexer->nextToken())
        out += fmt::format("{} {}:{} {} {}\n", t->getType(), t->getLine(), t->getCharPositionInLine(), t->getChannel(), t->getText());
    return out;
}

}  // namespace pingfen::front
