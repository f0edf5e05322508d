// A JSON document as the data readers need it: numbers kept as their text (never a double), and
// each object key with its byte offset in the text, for a diagnostic's location.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <memory>
#include <vector>

namespace pingfen {
class DepartmentData;
struct SourceFile;
}  // namespace pingfen

namespace pingfen::data::json {

struct Member;
struct Node {
    enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
    bool boolean = false;
    std::string text;  // number text or string
    std::vector<Member> members;
    std::vector<Node> items;
};
// Not std::pair<std::string, Node>, which clang cannot compile inside Node (see ast::DataField).
struct Member {
    std::string first;
    Node second;
    std::size_t offset;  // of the key's opening quote in the text; Loc::kNoOffset when not known
    Member(std::string key, Node value, std::size_t at) : first(std::move(key)), second(std::move(value)), offset(at) {}
    Member(std::string key, std::size_t at) : first(std::move(key)), offset(at) {}  // the value filled in place
};

// The fast path, simdjson's On-Demand reader (data/json_fast.cpp), for the documents pingfen
// meets every day (a department file, a JSON Lines record). It builds exactly the tree nlohmann's
// parser gives through read_json's SAX builder, and returns false, without a word, on anything it
// does not handle itself — any error, comments, an outermost value that is not an object, numbers
// with exponents or of 300 characters, lone surrogates, deep nesting — so that the caller parses
// that text with nlohmann, which gives the error messages.
bool scan(std::string_view text, Node& root);
// The same tree through nlohmann's parser (the path read_json takes when scan() declines); false
// on invalid JSON. For the test that holds the two paths to the same result.
bool parse_with_nlohmann(std::string_view text, Node& root);

// A department read straight from the text into its fields, with no tree in between: what
// read_json makes of the tree scan() builds, for the documents scan() reads and whose numbers
// all convert exactly; nullptr on anything else, which read_json then reads the long way (and
// reports). Half of reading a JSON Lines record was building and converting the tree.
std::shared_ptr<DepartmentData> read_department(const std::shared_ptr<const SourceFile>& src);
// The same into `out`, which may hold an earlier document's department: its fields and values
// are written over in place (with this thread's scratch of the outer object's members), so that
// reading record after record allocates little. False as read_department gives nullptr; `out`
// is then left half written, to be dropped.
bool read_department(const std::shared_ptr<const SourceFile>& src, DepartmentData& out);

}  // namespace pingfen::data::json
