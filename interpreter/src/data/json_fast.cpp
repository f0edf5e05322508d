// json::scan through simdjson's On-Demand reader (Debian's libsimdjson-dev). simdjson finds the
// structure and checks UTF-8; we keep what pingfen needs that a double would lose: a number's
// text exactly as written, and each key's byte offset. Every case where simdjson is more lenient
// than nlohmann, or where nlohmann would hand read_json something other than the text, is
// declined here (return false), so nlohmann reads that text and gives the same tree or the error.
#include <cstdint>
#include <cstring>
#include <optional>
#include <simdjson.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "data/department.hpp"
#include "data/json_tree.hpp"
#include "source/source.hpp"

namespace pingfen::data::json {
namespace {

namespace od = simdjson::ondemand;

constexpr int kMaxDepth = 60;  // below read_json's SAX limit of 64, so a deep document goes there

// `to` made `text`, left alone when it already is: a worker reads record after record of the
// same keys in the same places into the same strings, and a comparison costs less than a
// string's replace().
void keep_or_assign(std::string& to, std::string_view text) {
    if (to.size() == text.size() && std::memcmp(to.data(), text.data(), text.size()) == 0) return;
    to.assign(text);
}

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
bool plain_string(const char* raw, const char* end, std::size_t& close, bool* escaped = nullptr) {
    const char* p = raw;
    while (p < end) {
#if defined(__SSE2__)
        // Sixteen bytes at a time to the first quote, backslash or control character (the input
        // is padded, so a load may run past the end): most keys and values end in the first.
        const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8('"')), _mm_cmpeq_epi8(w, _mm_set1_epi8('\\'))),
                                         _mm_cmpeq_epi8(_mm_min_epu8(w, _mm_set1_epi8(0x1F)), w));
        const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
        if (mask == 0) {
            p += 16;
            continue;
        }
        p += __builtin_ctz(mask);
#else
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
#endif
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
        if (escaped) *escaped = true;
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

    // ---- straight into a department's values (read_department) ----
    // The same walk as object()/value(), declining on the same inputs, but each value becomes
    // the ast::DataValue read_json's convert() makes of it, with no tree in between; a number
    // Decimal::parse refuses declines too (E0407 is the slow path's to report). `present`:
    // false where convert() gives nothing (null, a list with a null in it). `out` may hold a
    // value of an earlier record: every member is set, and its lists, rows and strings are
    // written over in place, so that a worker reading record after record allocates little.
    bool direct(od::value v, ast::DataValue& out, bool& present, int depth, const Loc& loc) {
        od::json_type type;
        if (v.type().get(type)) return false;
        present = true;
        out.loc = loc;
        out.number = Decimal();
        out.percent = out.boolean = false;
        if (type != od::json_type::string) out.text.clear();
        if (type != od::json_type::array) out.list.clear();
        if (type != od::json_type::object) out.fields.clear();
        switch (type) {
            case od::json_type::object: {
                od::object o;
                if (v.get_object().get(o) || depth + 1 > kMaxDepth) return false;
                out.kind = ast::DataValue::Kind::Object;
                if (out.fields.capacity() == 0) out.fields.reserve(6);  // a goal row's fields: one allocation
                std::size_t kept = 0;
                for (auto item : o) {
                    od::field f;
                    if (std::move(item).get(f)) return false;
                    std::string_view key;
                    std::size_t offset = 0;
                    if (!direct_key(f, key, offset)) return false;
                    ast::DataField& field = kept < out.fields.size() ? out.fields[kept] : out.fields.emplace_back();
                    bool here = false;
                    if (!direct(f.value(), field.second, here, depth + 1, loc)) return false;
                    if (here && key.substr(0, 1) != "_") keep_or_assign(field.first, key), ++kept;
                }
                out.fields.resize(kept);
                return true;
            }
            case od::json_type::array: {
                od::array a;
                if (v.get_array().get(a) || depth + 1 > kMaxDepth) return false;
                out.kind = ast::DataValue::Kind::List;
                if (out.list.capacity() == 0) out.list.reserve(8);  // a goal table's rows, a year's months: seldom more
                std::size_t n = 0;
                for (auto item : a) {
                    od::value iv;
                    if (std::move(item).get(iv)) return false;
                    ast::DataValue& element = n < out.list.size() ? out.list[n] : out.list.emplace_back();
                    ++n;
                    bool here = false;
                    if (!direct(iv, element, here, depth + 1, loc)) return false;
                    present = present && here;
                }
                out.list.resize(n);
                if (!present) out.list.clear();
                return true;
            }
            case od::json_type::string:
                out.kind = ast::DataValue::Kind::Text;
                return read_string(v, out.text);
            case od::json_type::number: {
                std::string_view token;
                if (!read_number(v, token)) return false;
                auto d = Decimal::parse(token);
                if (!d) return false;
                out.kind = ast::DataValue::Kind::Number;
                out.number = *d;
                return true;
            }
            case od::json_type::boolean:
                out.kind = ast::DataValue::Kind::Bool;
                return read_bool(v, out.boolean);
            case od::json_type::null:
                out.kind = ast::DataValue::Kind::Number;
                present = false;
                return read_null(v);
        }
        return false;
    }

    // A key as object() reads it, and its offset (Loc::kNoOffset when written with escapes).
    bool direct_key(od::field& f, std::string_view& key, std::size_t& offset) {
        const char* raw = f.key().raw();
        std::size_t close = 0;
        bool escaped = false;
        if (!plain_string(raw, end_, close, &escaped)) return false;
        if (!escaped) {  // the key as written, from just after its opening quote
            key = std::string_view(raw, close);
            offset = static_cast<std::size_t>(raw - base_) + shift_ - 1;
            return true;
        }
        if (f.unescaped_key().get(key)) return false;
        offset = key_offset(raw, close, key);
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
            case od::json_type::string:
                out.kind = Node::Kind::String;
                return read_string(v, out.text);
            case od::json_type::number: {
                std::string_view token;
                if (!read_number(v, token)) return false;
                out.kind = Node::Kind::Number;
                out.text.assign(token);
                return true;
            }
            case od::json_type::boolean:
                out.kind = Node::Kind::Bool;
                return read_bool(v, out.boolean);
            case od::json_type::null:
                out.kind = Node::Kind::Null;
                return read_null(v);
        }
        return false;
    }

    // The scalars, as both walks read them; false where the fast path declines.
    bool read_string(od::value& v, std::string& out) {
        const std::string_view token = v.raw_json_token();
        std::size_t close = 0;
        if (!plain_string(token.data() + 1, end_, close)) return false;
        // Read even when the text is the string: On-Demand checks what follows a value (a
        // comma, a brace) only for a value it has read.
        std::string_view s;
        if (v.get_string().get(s)) return false;
        keep_or_assign(out, s);
        return true;
    }
    // A number's text as read_json gets it: nlohmann hands an integer within 64 bits over as a
    // number, which read_json prints again with the same digits, except "-0", which comes back
    // as "0"; past 64 bits, and for a decimal, it hands over the text itself.
    static bool read_number(od::value& v, std::string_view& token) {
        token = trim_space(v.raw_json_token());
        bool integer = true;
        if (!plain_number(token, integer)) return false;
        if (integer && token == "-0") token = "0";
        return true;
    }
    static bool read_bool(od::value& v, bool& out) {
        const std::string_view token = trim_space(v.raw_json_token());
        if (token != "true" && token != "false") return false;
        return !v.get_bool().get(out);
    }
    static bool read_null(od::value& v) {
        if (trim_space(v.raw_json_token()) != "null") return false;
        bool is_null = false;
        return !v.is_null().get(is_null) && is_null;
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
// A member of the outermost object, read before it is known whether the values are in it or in
// its 数据 object: an object keeps its members as fields (each placed at its key), anything else
// its value (placed at its own key).
struct RootMember {
    std::string key;
    std::size_t offset = 0;
    bool object = false, present = false;
    ast::DataValue value;                         // not an object
    std::vector<DepartmentData::Field> members;  // an object
    std::vector<char> member_present;
};

struct ThreadState {
    od::parser parser;
    std::string padded;
    std::vector<RootMember> root;  // read_department's, kept with their buffers
};
ThreadState& thread_state() {
    thread_local ThreadState state;
    return state;
}

// `text` (less a byte-order mark) in this thread's padded copy and parser, with a Reader over it.
// One document at a time per thread: read_department is done with its own before read_json
// falls back to scan().
struct Opened {
    od::document doc;
    std::optional<Reader> reader;
};
bool open(std::string_view text, Opened& out) {
    std::size_t shift = 0;
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) shift = 3;
    const std::string_view body = text.substr(shift);
    ThreadState& state = thread_state();
    const std::size_t capacity = body.size() + simdjson::SIMDJSON_PADDING;
    if (state.padded.size() < capacity) state.padded.resize(capacity);
    std::memcpy(state.padded.data(), body.data(), body.size());
    std::memset(state.padded.data() + body.size(), 0, simdjson::SIMDJSON_PADDING);
    if (state.parser.iterate(state.padded.data(), body.size(), state.padded.size()).get(out.doc)) return false;
    out.reader.emplace(text, state.padded.data(), body.size(), shift);
    return true;
}

}  // namespace

bool scan(std::string_view text, Node& root) {
    root = Node{};
    Opened opened;
    if (!open(text, opened)) return false;
    od::document& doc = opened.doc;
    Reader& reader = *opened.reader;
    od::object obj;  // read_json refuses any other outermost value; nlohmann's path says so
    if (doc.get_object().get(obj)) return false;
    if (!reader.object(obj, root, 1)) return false;
    // Nothing may follow the object but spaces.
    return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

namespace {

bool starts_with_underscore(std::string_view k) { return !k.empty() && k[0] == '_'; }

// Every value of a field carries the field's place, as convert() gives it.
void place(ast::DataValue& v, const Loc& loc) {
    v.loc = loc;
    for (auto& item : v.list) place(item, loc);
    for (auto& f : v.fields) place(f.second, loc);
}

// read_json's key_loc: the key's offset, and its length with the quotes, in code points (the
// bytes that do not continue a sequence, counted eight at a time).
Loc field_loc(const SourceFile& src, std::string_view key, std::size_t offset) {
    int length = 2;
    std::size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, key.data() + i, 8);
        // A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear.
        const std::uint64_t continuation = w & ~(w << 1) & 0x8080808080808080ull;
        // Their number: each byte's flag moved to its bit 0 and the bytes summed into the top
        // one by a multiplication (the build targets no popcnt instruction; the library's
        // __popcountdi2 was a call per word).
        length += 8 - static_cast<int>(((continuation >> 7) * 0x0101010101010101ull) >> 56);
    }
    // The last bytes: the key's last eight (whose first ones were counted above) masked to
    // the new ones, or one at a time for a key shorter than eight.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (i < key.size() && key.size() >= 8) {
        std::uint64_t w;
        std::memcpy(&w, key.data() + key.size() - 8, 8);
        const std::size_t fresh = key.size() - i;  // 1..7, in the word's high bytes
        const std::uint64_t continuation = w & ~(w << 1) & 0x8080808080808080ull & (~0ull << (8 * (8 - fresh)));
        length += static_cast<int>(fresh) - static_cast<int>(((continuation >> 7) * 0x0101010101010101ull) >> 56);
        i = key.size();
    }
#endif
    for (; i < key.size(); ++i) length += (static_cast<unsigned char>(key[i]) & 0xC0) != 0x80 ? 1 : 0;
    return Loc{&src, 0, 0, length, offset};
}

}  // namespace

bool read_department(const SourcePtr& src, DepartmentData& out) {
    Opened opened;
    if (!open(src->text, opened)) return false;
    od::document& doc = opened.doc;
    Reader& reader = *opened.reader;
    od::object obj;
    if (doc.get_object().get(obj)) return false;
    // This thread's members of the last document read, written over in place.
    std::vector<RootMember>& root = thread_state().root;
    std::size_t count = 0;
    bool escaped_key = false;  // a field's key written with escapes: read_json finds its place
    for (auto item : obj) {
        od::field f;
        if (std::move(item).get(f)) return false;
        RootMember& m = count < root.size() ? root[count] : root.emplace_back();
        ++count;
        m.object = m.present = false;
        std::string_view key;
        if (!reader.direct_key(f, key, m.offset)) return false;
        keep_or_assign(m.key, key);
        const Loc loc = field_loc(*src, key, m.offset);
        od::value v = f.value();
        od::json_type type;
        if (v.type().get(type)) return false;
        if (type != od::json_type::object) {
            if (!reader.direct(v, m.value, m.present, 1, loc)) return false;
            continue;
        }
        od::object o;
        if (v.get_object().get(o)) return false;
        m.object = m.present = true;
        if (m.members.capacity() == 0) m.members.reserve(64);
        m.member_present.clear();
        std::size_t n = 0;
        for (auto inner : o) {
            od::field g;
            if (std::move(inner).get(g)) return false;
            DepartmentData::Field& x = n < m.members.size() ? m.members[n] : m.members.emplace_back();
            ++n;
            std::string_view k;
            std::size_t offset = 0;
            if (!reader.direct_key(g, k, offset)) return false;
            keep_or_assign(x.name, k);
            x.loc = field_loc(*src, k, offset);
            bool here = false;
            if (!reader.direct(g.value(), x.value, here, 2, x.loc)) return false;
            m.member_present.push_back(here ? 1 : 0);
        }
        m.members.resize(n);
    }
    root.resize(count);
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) return false;  // more after the object

    // 数据, 部门 or 年度 twice: the tree path says so (E0410).
    if (data::repeated_outer_key(root, [](const RootMember& m) -> std::string_view { return m.key; }) < root.size()) return false;
    out.source = src;
    out.department.clear();
    out.year.reset();
    out.bad_year.clear();
    out.kept_sources.clear();
    RootMember* values = nullptr;  // the 数据 object; none: the outermost object holds the values
    for (auto& m : root)
        if ((m.key == "数据" || m.key == "data" || m.key == "inputs") && m.object) values = &m;
    const std::size_t dept = data::department_key(root, [](const RootMember& m) -> std::string_view { return m.key; });
    if (dept < root.size() && !root[dept].object && root[dept].present && root[dept].value.kind == ast::DataValue::Kind::Text)
        out.department = root[dept].value.text;
    // A key beside 数据 that is not read is warned of (W0408) by the tree path: declined to it.
    if (values)
        for (std::size_t i = 0; i < root.size(); ++i) {
            const RootMember& m = root[i];
            if (&m != values && i != dept && !data::year_or_comment_key(m.key)) return false;
        }
    for (const auto& m : root) {
        if ((m.key == "年度" || m.key == "year") && !m.object && m.present) {
            // Anything but a year as text or a whole number: the tree path says so (E0427).
            std::optional<int> y;
            if (m.value.kind == ast::DataValue::Kind::Number) {
                if (!m.value.percent) y = data::year_of(m.value.number.to_string());
            } else if (m.value.kind == ast::DataValue::Kind::Text) {
                if (m.value.text.empty()) continue;
                y = data::year_of(m.value.text);
            }
            if (!y) return false;
            out.year = y;
        }
    }
    if (values) {
        // The 数据 object's members are the fields, in place: those given and not comments.
        // Swapped, not moved: the fields of the record `out` held come back to be written over.
        std::swap(out.fields, values->members);
        std::size_t kept = 0;
        for (std::size_t i = 0; i < out.fields.size(); ++i) {
            DepartmentData::Field& f = out.fields[i];
            if (starts_with_underscore(f.name) || !values->member_present[i]) continue;
            if (f.loc.offset == Loc::kNoOffset) escaped_key = true;
            if (kept != i) std::swap(out.fields[kept], f);
            ++kept;
        }
        out.fields.resize(kept);
        return !escaped_key;
    }
    out.fields.clear();
    out.fields.reserve(root.size());
    for (std::size_t i = 0; i < root.size(); ++i) {
        RootMember& m = root[i];
        if (i == dept || m.key == "部门" || m.key == "department" || m.key == "年度" || m.key == "year" || starts_with_underscore(m.key))
            continue;
        if (!m.present) continue;
        DepartmentData::Field& f = out.fields.emplace_back();
        f.loc = field_loc(*src, m.key, m.offset);
        if (m.offset == Loc::kNoOffset) escaped_key = true;
        if (m.object) {
            // An object given as a field (a flat document): its values are placed at its key.
            f.value.kind = ast::DataValue::Kind::Object;
            f.value.loc = f.loc;
            for (std::size_t k = 0; k < m.members.size(); ++k) {
                DepartmentData::Field& x = m.members[k];
                if (!m.member_present[k] || starts_with_underscore(x.name)) continue;
                place(x.value, f.loc);
                f.value.fields.emplace_back(x.name, x.value);
            }
        } else {
            f.value = m.value;
        }
        f.name = m.key;
    }
    return !escaped_key;
}

std::shared_ptr<DepartmentData> read_department(const SourcePtr& src) {
    auto out = std::make_shared<DepartmentData>();
    return read_department(src, *out) ? out : nullptr;
}

}  // namespace pingfen::data::json
