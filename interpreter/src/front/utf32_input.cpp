#include "front/utf32_input.hpp"

namespace pingfen::front {
namespace {

// The two arrays (four and eight bytes a character) are this thread's from one file to the
// next: freeing arrays this large made malloc consolidate its free lists on every file.
struct Spare {
    std::u32string data;
    std::vector<std::uint32_t> starts;
};
Spare& spare() {
    thread_local Spare s;
    return s;
}

}  // namespace

Utf32Input::Utf32Input() {
    _data.swap(spare().data);
    starts_.swap(spare().starts);
}

Utf32Input::~Utf32Input() {
    Spare& s = spare();
    if (_data.capacity() > s.data.capacity()) _data.swap(s.data);
    if (starts_.capacity() > s.starts.capacity()) starts_.swap(s.starts);
}

std::size_t Utf32Input::load(std::string_view text) {
    std::size_t skipped = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3), skipped = 3;
    utf8_ = text;
    // Sized for the most characters there can be, written in place, cut to what there are.
    _data.resize(text.size());
    starts_.resize(text.size() + 1);
    char32_t* out = _data.data();
    std::uint32_t* start = starts_.data();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t count = 0;
    for (std::size_t i = 0; i < size;) {
        const unsigned char c = bytes[i];
        start[count] = static_cast<std::uint32_t>(i);
        if (c < 0x80) {
            out[count++] = c;
            ++i;
            continue;
        }
        std::size_t n = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) n = 2;
        else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        if (n == 0 || i + n > size) return skipped + i;
        const unsigned char c1 = bytes[i + 1];
        if (c1 < lo || c1 > hi) return skipped + i;
        char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        cp = (cp << 6) | (c1 & 0x3F);
        for (std::size_t k = 2; k < n; ++k) {
            const unsigned char ck = bytes[i + k];
            if ((ck & 0xC0) != 0x80) return skipped + i;
            cp = (cp << 6) | (ck & 0x3F);
        }
        out[count++] = cp;
        i += n;
    }
    start[count] = static_cast<std::uint32_t>(size);
    _data.resize(count);
    starts_.resize(count + 1);
    p = 0;
    return std::string_view::npos;
}

std::string Utf32Input::getText(const antlr4::misc::Interval& interval) {
    if (interval.a < 0 || interval.b < 0) return "";
    const std::size_t start = static_cast<std::size_t>(interval.a);
    std::size_t stop = static_cast<std::size_t>(interval.b);
    if (stop >= _data.size()) stop = _data.size() - 1;
    if (start >= _data.size()) return "";
    // The runtime's count, stop − start + 1, wraps for stop + 1 < start: then to the end.
    const std::size_t end = stop + 1 < start ? _data.size() : stop + 1;
    return std::string(utf8_.substr(starts_[start], starts_[end] - starts_[start]));
}

}  // namespace pingfen::front
