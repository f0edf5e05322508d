#include "text.hpp"

namespace pingfen::repl {

char32_t utf8_at(std::string_view s, std::size_t pos, std::size_t& len) {
    auto b = static_cast<unsigned char>(s[pos]);
    auto cont = [&](std::size_t i) {
        return pos + i < s.size() && (static_cast<unsigned char>(s[pos + i]) & 0xC0) == 0x80;
    };
    auto at = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(s[pos + i]) & 0x3F); };
    if (b < 0x80) {
        len = 1;
        return b;
    }
    if ((b & 0xE0) == 0xC0 && cont(1)) {
        len = 2;
        return (static_cast<char32_t>(b & 0x1F) << 6) | at(1);
    }
    if ((b & 0xF0) == 0xE0 && cont(1) && cont(2)) {
        len = 3;
        return (static_cast<char32_t>(b & 0x0F) << 12) | (at(1) << 6) | at(2);
    }
    if ((b & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
        len = 4;
        return (static_cast<char32_t>(b & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3);
    }
    len = 1;
    return 0xFFFD;
}

std::string utf8_encode(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

std::size_t utf8_count(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0, len = 0; i < s.size(); i += len, ++n) utf8_at(s, i, len);
    return n;
}

int char_width(char32_t c) {
    if (c == 0) return 0;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    if ((c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0xFEFF) return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
        (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
        (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

int display_width(std::string_view s) {
    int w = 0;
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) w += char_width(utf8_at(s, i, len));
    return w;
}

std::string pad_right(const std::string& s, int width) {
    int w = display_width(s);
    return w >= width ? s : s + std::string(static_cast<std::size_t>(width - w), ' ');
}

std::string pad_left(const std::string& s, int width) {
    int w = display_width(s);
    return w >= width ? s : std::string(static_cast<std::size_t>(width - w), ' ') + s;
}

std::string trim(std::string_view s) {
    auto is_space = [](std::string_view v, std::size_t i, std::size_t& len) {
        char32_t c = utf8_at(v, i, len);
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xFEFF;
    };
    std::size_t b = 0, len = 0;
    while (b < s.size() && is_space(s, b, len)) b += len;
    std::size_t e = s.size();
    while (e > b) {
        // step back one character
        std::size_t p = e - 1;
        while (p > b && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
        if (!is_space(s, p, len)) break;
        e = p;
    }
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        std::size_t nl = s.find('\n', start);
        if (nl == std::string::npos) {
            out.push_back(s.substr(start));
            break;
        }
        out.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string quote(const std::string& s) {
    std::string t = s;
    for (auto& c : t)
        if (c == '\n' || c == '\r') c = ' ';
    if (t.find('"') == std::string::npos) return "\"" + t + "\"";
    return "“" + t + "”";
}

}  // namespace pingfen::repl
