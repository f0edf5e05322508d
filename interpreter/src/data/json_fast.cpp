// json::scan through simdjson's On-Demand reader (Debian's libsimdjson-dev). simdjson finds the
// structure and checks UTF-8; we keep what pingfen needs that a double would lose: a number's
// text exactly as written, and each key's byte offset. Every case where simdjson is more lenient
// than nlohmann, or where nlohmann would hand read_json something other than the text, is
// declined here (return false), so nlohmann reads that text and gives the same tree or the error.
#include <cstdint>
#include <cstring>
#include <simdjson.h>

#include "data/json_tree.hpp"
#include "source/source.hpp"

namespace pingfen::data::json {
namespace {

namespace od = simdjson::ondemand;

constexpr int kMaxDepth = 60;  // below read_json's SAX limit of 64, so a deep document goes there

// nlohmann reads a number with an exponent through a double and refuses one that overflows (E0407
// in read_json); a long enough integer overflows too. Those go to nlohmann. Integers and plain
// decimals only, in RFC 8259's grammar (simdjson's token is only cut at spaces and punctuation).
bool plain_number(std::string_view t, bool& integer) {
    std::size_t i = 0;
    const std::size_t n = t.size();
    auto digit = [&](std::size_t k) { return k < n && t[k] >= '0' && t[k] <= '9'; };
    if (i < n && t[i] == '-') ++i;
    if (!digit(i)) return false;
    if (t[i] == '0') ++i;
    else
        while (digit(i)) ++i;
    integer = true;
    if (i < n && t[i] == '.') {
        integer = false;
        ++i;
        if (!digit(i)) return false;
        while (digit(i)) ++i;
    }
    return i == n && n <= 300;
}

bool hex4(const char* p) {
    for (int k = 0; k < 4; ++k) {
        const char c = p[k];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
}

unsigned hex_value(const char* p) {
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
        const char c = p[k];
        v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

// The raw string from just after its opening quote, checked for what nlohmann refuses and
// simdjson may let through: control characters, unknown escapes, \u with bad hex digits, and
// surrogates not in a high-low pair. Gives the offset of the closing quote from `raw`. The input is
// padded, so reading a few bytes past a quote stays in the buffer.
bool plain_string(const char* raw, const char* end, std::size_t& close) {
    const char* p = raw;
    while (p < end) {
        // Eight bytes at a time to the first quote, backslash or control character (the input is
        // padded, so a word may run past the end). Borrows only reach bytes above the first hit.
        constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        const std::uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
        const std::uint64_t hit = (((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w)) & highs;
        if (hit == 0) {
            p += 8;
            continue;
        }
        p += __builtin_ctzll(hit) / 8;
        if (p >= end) break;
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
            close = static_cast<std::size_t>(p - raw);
            return true;
        }
        if (c < 0x20) return false;
        if (c != '\\') {
            ++p;
            continue;
        }
        if (end - p < 2) return false;
        switch (p[1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': p += 2; continue;
            case 'u': break;
            default: return false;
        }
        if (end - p < 6 || !hex4(p + 2)) return false;
        const unsigned u = hex_value(p + 2);
        p += 6;
        if (u >= 0xDC00 && u <= 0xDFFF) return false;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2)) return false;
            const unsigned low = hex_value(p + 2);
            if (low < 0xDC00 || low > 0xDFFF) return false;
            p += 6;
        }
    }
    return false;
}

std::string_view trim_space(std::string_view t) {
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r')) t.remove_suffix(1);
    return t;
}

class Reader {
public:
    // `base` is the padded copy, `shift` the bytes left out before it (a byte-order mark).
    Reader(std::string_view text, const char* base, std::size_t size, std::size_t shift)
        : text_(text), base_(base), end_(base + size), shift_(shift) {}

    bool object(od::object obj, Node& out, int depth) {
        if (depth > kMaxDepth) return false;
        out.kind = Node::Kind::Object;
        out.members.reserve(8);  // a goal row's fields, most objects here: one allocation
        for (auto item : obj) {
            od::field f;
            if (std::move(item).get(f)) return false;
            const char* raw = f.key().raw();  // just after the opening quote
            std::size_t close = 0;
            if (!plain_string(raw, end_, close)) return false;
            std::string_view key;
            if (f.unescaped_key().get(key)) return false;
            out.members.emplace_back(std::string(key), key_offset(raw, close, key));
            if (!value(f.value(), out.members.back().second, depth)) return false;
        }
        return true;
    }

private:
    std::string_view text_;
    const char* base_;
    const char* end_;
    std::size_t shift_;

    // read_json's nlohmann path knows a key's place from its closing quote, and keeps it only
    // when the text before that quote is the key as unescaped (no escapes); the same rule here.
    std::size_t key_offset(const char* raw, std::size_t close_from_raw, std::string_view k) const {
        const std::size_t close = static_cast<std::size_t>(raw - base_) + shift_ + close_from_raw;
        if (close >= k.size() + 1 && text_[close] == '"' && text_[close - k.size() - 1] == '"' &&
            text_.compare(close - k.size(), k.size(), k) == 0)
            return close - k.size() - 1;
        return Loc::kNoOffset;
    }

    bool value(od::value v, Node& out, int depth) {
        od::json_type type;
        if (v.type().get(type)) return false;
        switch (type) {
            case od::json_type::object: {
                od::object o;
                if (v.get_object().get(o)) return false;
                return object(o, out, depth + 1);
            }
            case od::json_type::array: {
                od::array a;
                if (v.get_array().get(a)) return false;
                return array(a, out, depth + 1);
            }
            case od::json_type::string: {
                const std::string_view token = v.raw_json_token();
                std::size_t close = 0;
                if (!plain_string(token.data() + 1, end_, close)) return false;
                std::string_view s;
                if (v.get_string().get(s)) return false;
                out.kind = Node::Kind::String;
                out.text.assign(s);
                return true;
            }
            case od::json_type::number: {
                const std::string_view token = trim_space(v.raw_json_token());
                bool integer = true;
                if (!plain_number(token, integer)) return false;
                out.kind = Node::Kind::Number;
                out.text.assign(token);
                // nlohmann hands an integer within 64 bits over as a number, which read_json
                // prints again with the same digits, except "-0", which comes back as "0"; past
                // 64 bits, and for a decimal, it hands over the text itself.
                if (integer && out.text == "-0") out.text = "0";
                return true;
            }
            case od::json_type::boolean: {
                const std::string_view token = trim_space(v.raw_json_token());
                if (token != "true" && token != "false") return false;
                bool b = false;
                if (v.get_bool().get(b)) return false;
                out.kind = Node::Kind::Bool;
                out.boolean = b;
                return true;
            }
            case od::json_type::null: {
                if (trim_space(v.raw_json_token()) != "null") return false;
                bool is_null = false;
                if (v.is_null().get(is_null) || !is_null) return false;
                out.kind = Node::Kind::Null;
                return true;
            }
        }
        return false;
    }

    bool array(od::array arr, Node& out, int depth) {
        if (depth > kMaxDepth) return false;
        out.kind = Node::Kind::Array;
        for (auto item : arr) {
            od::value v;
            if (std::move(item).get(v)) return false;
            out.items.emplace_back();
            if (!value(v, out.items.back(), depth)) return false;
        }
        return true;
    }
};

// One parser and one padded copy of the text per thread, reused record after record: batch
// reads a JSON Lines file with no allocation per record once they have grown to the longest.
struct ThreadState {
    od::parser parser;
    std::string padded;
};

}  // namespace

bool scan(std::string_view text, Node& root) {
    root = Node{};
    std::size_t shift = 0;
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) shift = 3;
    const std::string_view body = text.substr(shift);
    thread_local ThreadState state;
    const std::size_t capacity = body.size() + simdjson::SIMDJSON_PADDING;
    if (state.padded.size() < capacity) state.padded.resize(capacity);
    std::memcpy(state.padded.data(), body.data(), body.size());
    std::memset(state.padded.data() + body.size(), 0, simdjson::SIMDJSON_PADDING);
    od::document doc;
    if (state.parser.iterate(state.padded.data(), body.size(), state.padded.size()).get(doc)) return false;
    od::object obj;  // read_json refuses any other outermost value; nlohmann's path says so
    if (doc.get_object().get(obj)) return false;
    Reader reader(text, state.padded.data(), body.size(), shift);
    if (!reader.object(obj, root, 1)) return false;
    // Nothing may follow the object but spaces.
    return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

}  // namespace pingfen::data::json
