// json::scan: one pass over the text, no copies but the strings and numbers it keeps. Every
// branch that is not plainly valid JSON gives up (returns false) rather than guess: nlohmann
// then reads the same text and reports the error, so messages stay what they were.
#include <cstring>

#include "data/json_tree.hpp"

namespace pingfen::data::json {
namespace {

constexpr int kMaxDepth = 60;  // below read_json's SAX limit of 64, so a deep document goes there

class Scanner {
public:
    explicit Scanner(std::string_view t) : s_(t.data()), n_(t.size()) {}

    bool document(Node& root) {
        if (n_ >= 3 && std::memcmp(s_, "\xEF\xBB\xBF", 3) == 0) i_ = 3;
        if (!value(root, 0)) return false;
        skip_space();
        return i_ == n_;
    }

private:
    const char* s_;
    std::size_t n_, i_ = 0;

    void skip_space() {
        while (i_ < n_ && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }

    bool value(Node& out, int depth) {
        skip_space();
        if (i_ >= n_) return false;
        switch (s_[i_]) {
            case '{': return object(out, depth + 1);
            case '[': return array(out, depth + 1);
            case '"':
                out.kind = Node::Kind::String;
                return string(out.text);
            case 't': return literal("true", out, Node::Kind::Bool, true);
            case 'f': return literal("false", out, Node::Kind::Bool, false);
            case 'n': return literal("null", out, Node::Kind::Null, false);
            default: return number(out);
        }
    }

    bool literal(const char* word, Node& out, Node::Kind kind, bool b) {
        const std::size_t len = std::strlen(word);
        if (n_ - i_ < len || std::memcmp(s_ + i_, word, len) != 0) return false;
        i_ += len;
        out.kind = kind;
        out.boolean = b;
        return true;
    }

    bool object(Node& out, int depth) {
        if (depth > kMaxDepth) return false;
        out.kind = Node::Kind::Object;
        out.members.reserve(8);  // a goal row's fields, most objects here: one allocation
        ++i_;  // {
        skip_space();
        if (i_ < n_ && s_[i_] == '}') {
            ++i_;
            return true;
        }
        for (;;) {
            skip_space();
            if (i_ >= n_ || s_[i_] != '"') return false;
            const std::size_t at = i_;
            std::string key;
            if (!string(key)) return false;
            skip_space();
            if (i_ >= n_ || s_[i_] != ':') return false;
            ++i_;
            out.members.emplace_back(std::move(key), at);
            if (!value(out.members.back().second, depth)) return false;
            skip_space();
            if (i_ >= n_) return false;
            if (s_[i_] == ',') {
                ++i_;
                continue;
            }
            if (s_[i_] != '}') return false;
            ++i_;
            return true;
        }
    }

    bool array(Node& out, int depth) {
        if (depth > kMaxDepth) return false;
        out.kind = Node::Kind::Array;
        ++i_;  // [
        skip_space();
        if (i_ < n_ && s_[i_] == ']') {
            ++i_;
            return true;
        }
        for (;;) {
            out.items.emplace_back();
            if (!value(out.items.back(), depth)) return false;
            skip_space();
            if (i_ >= n_) return false;
            if (s_[i_] == ',') {
                ++i_;
                continue;
            }
            if (s_[i_] != ']') return false;
            ++i_;
            return true;
        }
    }

    // RFC 8259 numbers. Integers and plain decimals only: nlohmann reads a number with an
    // exponent through a double and refuses one that overflows (E0407 in read_json), so those,
    // and anything long enough to overflow, go to nlohmann.
    bool number(Node& out) {
        const std::size_t start = i_;
        if (i_ < n_ && s_[i_] == '-') ++i_;
        if (i_ >= n_ || s_[i_] < '0' || s_[i_] > '9') return false;
        if (s_[i_] == '0') ++i_;
        else
            while (i_ < n_ && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
        bool integer = true;
        if (i_ < n_ && s_[i_] == '.') {
            integer = false;
            ++i_;
            if (i_ >= n_ || s_[i_] < '0' || s_[i_] > '9') return false;
            while (i_ < n_ && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
        }
        if (i_ < n_ && (s_[i_] == 'e' || s_[i_] == 'E')) return false;
        if (i_ - start > 300) return false;
        out.kind = Node::Kind::Number;
        out.text.assign(s_ + start, i_ - start);
        // nlohmann hands an integer within 64 bits over as a number, which read_json prints again
        // with the same digits, except "-0", which comes back as "0"; past 64 bits, and for a
        // decimal, it hands over the text itself.
        if (integer && out.text == "-0") out.text = "0";
        return true;
    }

    // A string whose every byte is plain: no escapes (they go to nlohmann), no control
    // characters, and UTF-8 that nlohmann accepts (RFC 3629: no overlong forms, no surrogates).
    bool string(std::string& out) {
        ++i_;  // "
        const unsigned char* const begin = reinterpret_cast<const unsigned char*>(s_);
        const unsigned char* p = begin + i_;
        const unsigned char* const end = begin + n_;
        while (p < end) {
            const unsigned char c = *p;
            if (c < 0x80) {
                if (c == '"') {
                    out.assign(s_ + i_, static_cast<std::size_t>(p - (begin + i_)));
                    i_ = static_cast<std::size_t>(p - begin) + 1;
                    return true;
                }
                if (c == '\\' || c < 0x20) return false;
                ++p;
                continue;
            }
            // The common case in this data: a Chinese character, three bytes from E1–EC.
            if (c >= 0xE1 && c <= 0xEC && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
                p += 3;
                continue;
            }
            const std::size_t len = utf8_sequence(static_cast<std::size_t>(p - begin));
            if (len == 0) return false;
            p += len;
        }
        return false;
    }

    std::size_t utf8_sequence(std::size_t at) const {
        auto byte = [&](std::size_t k) -> unsigned { return at + k < n_ ? static_cast<unsigned char>(s_[at + k]) : 0u; };
        auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return byte(k) >= lo && byte(k) <= hi; };
        const unsigned c = byte(0);
        if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
        if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
        if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
        if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
        if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
        if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
        if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
        return 0;
    }
};

}  // namespace

bool scan(std::string_view text, Node& root) {
    root = Node{};
    return Scanner(text).document(root);
}

}  // namespace pingfen::data::json
