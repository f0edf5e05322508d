#include "data/csv_record.hpp"

namespace pingfen::data {

// One logical CSV record (quoted fields may hold line breaks), RFC 4180.
bool read_csv_record(std::istream& in, std::vector<std::string>& fields, int& line, std::uint64_t& bytes) {
    fields.clear();
    std::string field;
    bool quoted = false, any = false;
    int c;
    while ((c = in.get()) != EOF) {
        ++bytes;
        if (quoted) {
            if (c == '"') {
                if (in.peek() == '"') {
                    in.get();
                    ++bytes;
                    field += '"';
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field += static_cast<char>(c);
            }
            continue;
        }
        if (c == '"') {
            quoted = any = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && in.peek() == '\n') in.get(), ++bytes;
            ++line;
            if (!any && field.empty()) continue;  // a blank line
            fields.push_back(std::move(field));
            return true;
        } else {
            field += static_cast<char>(c);
            any = true;
        }
    }
    if (any || !field.empty()) {
        fields.push_back(std::move(field));
        return true;
    }
    return false;
}

void skip_bom(std::istream& in, std::uint64_t& read) {
    char b[3];
    in.read(b, 3);
    if (in.gcount() == 3 && b[0] == '\xEF' && b[1] == '\xBB' && b[2] == '\xBF') {
        read += 3;
        return;
    }
    in.clear();
    in.seekg(0);
}

}  // namespace pingfen::data
