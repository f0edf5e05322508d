#include "workbench.hpp"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "page_json.hpp"
#include "pingfen/authoring.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace pingfen::serve {

namespace {

Reply json_reply(const json& j, int status = 200) {
    Reply r;
    r.status = status;
    r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

std::string journal_name(const fs::path& file) {
    return (file.parent_path() / ("." + file.filename().string() + ".unsaved")).string();
}

// Data that the library reads from a file of its own (a workbook, or a CSV in any encoding
// Excel saves), rather than from text.
bool is_sheet_file(const std::string& name) { return name.ends_with(".xlsx") || name.ends_with(".csv"); }

}  // namespace

Reply error_reply(int status, const std::string& code, const std::string& zh, const std::string& en) {
    return json_reply({{"error", {{"code", code}, {"message_zh", zh}, {"message_en", en}}}}, status);
}

namespace {
Reply outside(const std::string& path) {
    return error_reply(403, "E1003", "路径 `" + path + "` 不在工作台的文件夹内，拒绝访问",
                       "the path `" + path + "` is outside the workbench's folder; refused");
}
Reply missing(const std::string& path) {
    return error_reply(404, "E1007", "文件夹内没有文件 `" + path + "`", "there is no file `" + path + "` in the folder");
}
}  // namespace

Workbench::Workbench(const fs::path& folder, Limits limits) : folder_(folder), limits_(limits) {}

Reply Workbench::language() const {
    json kw = json::array();
    for (const auto& k : keyword_spellings())
        kw.push_back({{"token", k.token}, {"spellings", k.spellings}, {"operator", k.is_operator}});
    return json_reply({{"keywords", kw}});
}

Reply Workbench::files() const {
    Folder::Listing l = folder_.list();
    return json_reply({{"folder", folder_.root().filename().string()}, {"rulesets", l.rulesets}, {"data", l.data}});
}

Reply Workbench::open(const std::string& path) const {
    auto full = folder_.resolve(path);
    if (!full) return fs::exists(folder_.root() / path) || path.find("..") != std::string::npos || (!path.empty() && path[0] == '/')
                          ? outside(path) : missing(path);
    auto text = read_file(*full);
    if (!text || !fs::is_regular_file(*full)) return missing(path);
    json out = {{"path", path}, {"text", *text}, {"tag", content_tag(*text)}};
    if (auto j = read_file(journal_name(*full)); j && *j != *text) out["journal"] = *j;
    return json_reply(out);
}

CompileResult Workbench::compile(const std::string& path, const std::string& text) const {
    CompileOptions opts;
    opts.max_source_bytes = limits_.max_request_bytes;
    // Imports are read through the folder too: `引用 "../../etc/x.pf"` is E0602, never a read.
    opts.read_import = [this](const std::string& p) -> std::optional<std::string> {
        auto full = folder_.resolve(fs::path(p).lexically_normal().generic_string());
        if (!full) return std::nullopt;
        return read_file(*full);
    };
    return compile_source(path, text, opts);
}

std::shared_ptr<const Ruleset> Workbench::saved_ruleset(const std::string& path) const {
    auto full = folder_.resolve(path);
    if (!full) return nullptr;
    auto text = read_file(*full);
    if (!text) return nullptr;
    const std::string tag = content_tag(*text);
    {
        std::lock_guard<std::mutex> lock(cache_mutex_);
        auto it = saved_.find(path);
        if (it != saved_.end() && it->second.first == tag) return it->second.second;
    }
    CompileResult cr = compile(path, *text);
    std::lock_guard<std::mutex> lock(cache_mutex_);
    saved_[path] = {tag, cr.ruleset};
    return cr.ruleset;
}

DataResult Workbench::department(const Edit& e, const Ruleset*, std::string* fields_json) const {
    DataResult none;
    auto full = folder_.resolve(e.data);
    if (!full) {
        none.diagnostics.push_back({Severity::Error, "E1003", e.data, 0, 0, 1, "",
                                    "路径 `" + e.data + "` 不在工作台的文件夹内，拒绝访问",
                                    "the path `" + e.data + "` is outside the workbench's folder; refused", {}});
        return none;
    }
    auto text = read_file(*full);
    if (!text) return parse_data(e.data, "");
    std::string key = e.data + '\n' + content_tag(*text);
    for (const auto& [n, v] : e.overrides) key += '\n' + n + '=' + v;
    {
        std::lock_guard<std::mutex> lock(cache_mutex_);
        auto it = data_cache_.find(key);
        if (it != data_cache_.end()) {
            if (fields_json) *fields_json = it->second->fields_json;
            return it->second->data;
        }
    }
    auto read = std::make_shared<ReadData>();
    // A datum changed in place, as the REPL's :set does: the value read by the data reader, then
    // merged over the file's data (pingfen/authoring.hpp). Named with a star, as an editor marks a
    // changed file: the changed values' diagnostics point into the block they were read from.
    // A workbook or a CSV (GB18030 as Chinese Excel saves it, too) is read from its file by the
    // library's readers; JSON and data blocks from the text.
    DataResult now = is_sheet_file(e.data) ? load_data_file(full->string()) : parse_data(e.data, *text);
    std::set<std::string> changed;
    // A text field is shown and typed without the data syntax's quotes (people write 财务科, not
    // "财务科"): it is set as it was typed, never read as syntax.
    std::set<std::string> text_fields;
    if (now.ok())
        for (const auto& f : data_fields(*now.data))
            if (f.kind == Datum::Kind::Text) text_fields.insert(f.name);
    for (const auto& [n, v] : e.overrides) {
        if (!now.ok() || !text_fields.count(n)) continue;
        now = with_datum(*now.data, n, Datum::text(v));
        changed.insert(n);
    }
    if (now.ok() && e.overrides.size() > changed.size()) {
        std::string block = "数据 {\n";
        for (const auto& [n, v] : e.overrides) {
            if (text_fields.count(n)) continue;
            block += n + " = " + v + "\n";
            changed.insert(n);
        }
        DataResult over = parse_data(e.data + "*", block + "}\n");
        now = over.ok() ? merge_data(*now.data, *over.data) : over;
    }
    if (now.ok()) {
        json list = json::array();
        for (const auto& f : data_fields(*now.data))
            list.push_back({{"name", f.name}, {"value", f.kind == Datum::Kind::Text ? f.words : f.text},
                            {"scalar", f.kind != Datum::Kind::List}, {"changed", changed.count(f.name) > 0}});
        read->fields_json = list.dump();
    }
    read->data = now;
    if (fields_json) *fields_json = read->fields_json;
    std::lock_guard<std::mutex> lock(cache_mutex_);
    if (data_cache_.size() > 64) data_cache_.clear();  // a bound, not a policy: refilled at once
    data_cache_[key] = read;
    return read->data;
}

Reply Workbench::names(const Edit& e) const {
    std::set<std::string> names;
    for (const auto& t : tokenize(e.text))
        if (t.kind == SourceToken::Kind::Identifier) names.insert(t.text);
    if (auto saved = saved_ruleset(e.path))
        for (const auto& in : ruleset_inputs(*saved)) names.insert(in.name);
    return json_reply({{"names", names}});
}

Reply Workbench::tokens(const Edit& e) const {
    static const char* kinds[] = {"Keyword", "Identifier", "Number", "Percent", "String",
                                  "Operator", "Punctuation", "Comment", "Unknown"};
    json list = json::array();
    for (const auto& t : tokenize(e.text))
        list.push_back({{"kind", kinds[static_cast<int>(t.kind)]}, {"text", t.text}, {"line", t.line}, {"column", t.column}});
    return json_reply({{"tokens", list}});
}

Reply Workbench::check(const Edit& e) const {
    CompileResult cr = compile(e.path, e.text);
    json out = {{"diagnostics", diagnostics_json(cr.diagnostics)}};
    out["sheet"] = nullptr;
    if (cr.ok()) {
        // As `pingfen check` lists them: inputs a department gives only in some case.
        json conditional = json::array();
        for (const auto& in : ruleset_inputs(*cr.ruleset))
            if (in.conditional) conditional.push_back({{"name", in.name}, {"when", input_condition_text(in, e.lang)}});
        out["conditional_inputs"] = conditional;
    }
    if (!cr.ok() || e.data.empty()) return json_reply(out);
    std::string fields;
    DataResult data = department(e, cr.ruleset.get(), &fields);
    if (!fields.empty()) out["fields"] = json::parse(fields);
    out["data_diagnostics"] = diagnostics_json(data.diagnostics);
    if (!data.ok()) return json_reply(out);
    ScoreOptions so{.explain = true, .language = e.lang};
    so.max_steps = limits_.max_steps;
    ScoreResult now = score(*cr.ruleset, *data.data, so);
    // The saved file on the file's own data: what "changed since the last save" is measured from.
    std::shared_ptr<const ScoreSheet> before;
    if (auto saved = saved_ruleset(e.path)) {
        std::string key;
        {
            std::lock_guard<std::mutex> lock(cache_mutex_);
            key = e.path + '\n' + saved_[e.path].first + '\n' + e.data;
        }
        auto data_file = folder_.resolve(e.data);
        auto data_text = data_file ? read_file(*data_file) : std::nullopt;
        key += '\n' + content_tag(data_text.value_or(""));
        {
            std::lock_guard<std::mutex> lock(cache_mutex_);
            auto it = baseline_cache_.find(key);
            if (it != baseline_cache_.end()) before = it->second;
        }
        if (!before) {
            Edit plain = e;
            plain.overrides.clear();
            DataResult original = department(plain, saved.get(), nullptr);
            if (original.ok()) {
                ScoreOptions quick = so;
                quick.explain = false;
                if (auto sheet = score(*saved, *original.data, quick).sheet) {
                    before = std::make_shared<const ScoreSheet>(std::move(*sheet));
                    std::lock_guard<std::mutex> lock(cache_mutex_);
                    if (baseline_cache_.size() > 64) baseline_cache_.clear();
                    baseline_cache_[key] = before;
                }
            }
        }
    }
    out["score_diagnostics"] = diagnostics_json(now.diagnostics);
    out["steps"] = now.steps;
    if (now.sheet) out["sheet"] = sheet_json(*now.sheet, before.get());
    return json_reply(out);
}

Reply Workbench::save(const Edit& e, const std::string& base_tag, bool force) {
    std::lock_guard<std::mutex> lock(save_mutex_);
    auto full = folder_.resolve(e.path, true);
    if (!full || !e.path.ends_with(".pf")) return outside(e.path);
    auto disk = read_file(*full);
    if (disk && content_tag(*disk) != base_tag && !force)
        return json_reply({{"error", {{"code", "E1004"},
                                      {"message_zh", "`" + e.path + "` 在打开之后被别人（或别的程序）改过；没有保存，以免覆盖对方的修改"},
                                      {"message_en", "`" + e.path + "` was changed by someone else (or another program) since it was opened; not saved, so as not to overwrite that change"}}},
                           {"disk_text", *disk}, {"disk_tag", content_tag(*disk)}},
                          409);
    // Written whole to a temporary file and renamed over the old one (Output), so a failure
    // leaves the old file as it was.
    if (auto problem = write_output(full->string(), e.text))
        return error_reply(500, problem->code, problem->message_zh, problem->message_en);
    std::error_code ec;
    fs::remove(journal_name(*full), ec);
    // Read back and compiled from the disk, as the REPL's :save confirms the total.
    auto again = read_file(*full).value_or("");
    CompileResult cr = compile(e.path, again);
    json out = {{"tag", content_tag(again)}, {"diagnostics", diagnostics_json(cr.diagnostics)}, {"total", nullptr}};
    if (cr.ok() && !e.data.empty()) {
        DataResult data = department(e, cr.ruleset.get(), nullptr);
        if (data.ok()) {
            ScoreOptions so{.explain = false, .language = e.lang};
            so.max_steps = limits_.max_steps;
            ScoreResult s = score(*cr.ruleset, *data.data, so);
            if (s.sheet) {
                out["total"] = exact_score(s.sheet->total);
                out["grade"] = s.sheet->grade;
            }
        }
    }
    return json_reply(out);
}

Reply Workbench::journal(const std::string& path, const std::string& text) {
    auto full = folder_.resolve(path, true);
    if (!full || !path.ends_with(".pf")) return outside(path);
    auto disk = read_file(*full);
    std::error_code ec;
    if (disk && *disk == text) {
        fs::remove(journal_name(*full), ec);  // nothing unsaved
        return json_reply({{"journal", false}});
    }
    if (auto problem = write_output(journal_name(*full), text))
        return error_reply(500, problem->code, problem->message_zh, problem->message_en);
    return json_reply({{"journal", true}});
}

Reply Workbench::upload(const std::string& name, const std::string& text) {
    const bool data_name = name.ends_with(".json") || name.ends_with(".data.pf") || is_sheet_file(name);
    if (name.find('/') != std::string::npos || name.empty() || name[0] == '.' || !data_name)
        return error_reply(400, "E1008", "上传的数据文件名 `" + name + "` 不可用：须是文件夹内的一个文件名，以 .json、.data.pf、.xlsx 或 .csv 结尾",
                           "the uploaded data file's name `" + name + "` cannot be used: it must be a plain file name ending in .json, .data.pf, .xlsx or .csv");
    auto full = folder_.resolve(name, true);
    if (!full) return outside(name);
    std::error_code ec;
    if (fs::exists(fs::symlink_status(*full, ec)))
        return error_reply(409, "E1008", "文件夹内已有 `" + name + "`；上传不会覆盖已有的文件，请换一个文件名",
                           "the folder already has `" + name + "`; an upload never overwrites a file, choose another name");
    // A workbook or CSV is read from a file: written under a hidden name first, kept only when
    // it reads, so a file that cannot be read never appears in the folder.
    const fs::path trial = full->parent_path() / (".upload-" + name);  // keeps the extension the reader goes by
    DataResult d;
    if (is_sheet_file(name)) {
        if (auto problem = write_output(trial.string(), text))
            return error_reply(500, problem->code, problem->message_zh, problem->message_en);
        d = load_data_file(trial.string());
        for (auto& g : d.diagnostics)
            if (g.path == trial.string()) g.path = name;
    } else {
        d = parse_data(name, text);
    }
    if (!d.ok() || has_errors(d.diagnostics)) {
        fs::remove(trial, ec);
        return json_reply({{"error", {{"code", d.diagnostics.empty() ? "E1008" : d.diagnostics.front().code},
                                      {"message_zh", "数据文件读不进来，没有保存"},
                                      {"message_en", "the data file cannot be read; not saved"}}},
                           {"diagnostics", diagnostics_json(d.diagnostics)}},
                          422);
    }
    if (is_sheet_file(name)) {
        fs::rename(trial, *full, ec);
        if (ec) {
            fs::remove(trial, ec);
            return error_reply(500, "E0011", "无法保存上传的文件", "the uploaded file could not be saved");
        }
        return json_reply({{"path", name}});
    }
    if (auto problem = write_output(full->string(), text))
        return error_reply(500, problem->code, problem->message_zh, problem->message_en);
    return json_reply({{"path", name}});
}

Reply Workbench::compare(const std::string& a, const std::string& b, Language lang) const {
    auto fa = folder_.resolve(a), fb = folder_.resolve(b);
    if (!fa) return outside(a);
    if (!fb) return outside(b);
    auto ra = saved_ruleset(a), rb = saved_ruleset(b);
    if (!ra || !rb)
        return error_reply(422, "E1007", "规则集 `" + (ra ? b : a) + "` 读不进来或有错误", "the ruleset `" + (ra ? b : a) + "` cannot be read or has errors");
    RulesetDiff d = diff_rulesets(*ra, *rb);
    // Every department in the folder, scored under both: the table sorts them by change.
    std::vector<DepartmentComparison> departments;
    for (const auto& rel : folder_.list().data) {
        auto full = folder_.resolve(rel);
        auto text = full ? read_file(*full) : std::nullopt;
        if (!text) continue;
        DataResult data = parse_data(rel, *text);
        if (data.ok()) departments.push_back(compare_department(*ra, *rb, *data.data, d, lang));
    }
    Reply r;
    r.type = "text/html; charset=utf-8";
    r.body = diff_as_text(d, departments, DiffFormat::Html, lang);
    return r;
}

Reply Workbench::download(const Edit& e, const std::string& format) const {
    if (format != "html" && format != "csv" && format != "xlsx")
        return error_reply(400, "E1005", "下载格式只能是 html、csv 或 xlsx", "the download format must be html, csv or xlsx");
    CompileResult cr = compile(e.path, e.text);
    if (!cr.ok()) return json_reply({{"error", {{"code", cr.diagnostics.empty() ? "E1007" : cr.diagnostics.front().code},
                                                {"message_zh", "规则集有错误，无法生成评分表"},
                                                {"message_en", "the ruleset has errors; no sheet"}}}}, 422);
    DataResult data = department(e, cr.ruleset.get(), nullptr);
    if (!data.ok()) return json_reply({{"error", {{"code", data.diagnostics.empty() ? "E1007" : data.diagnostics.front().code},
                                                  {"message_zh", "数据读不进来"}, {"message_en", "the data cannot be read"}}}}, 422);
    // As `pingfen score --format html|csv|xlsx` scores: with the basis of every score.
    ScoreOptions so{.explain = true, .language = e.lang};
    so.max_steps = limits_.max_steps;
    ScoreResult s = score(*cr.ruleset, *data.data, so);
    if (!s.sheet) return error_reply(422, "E1007", "没有评分表", "no score sheet");
    Reply r;
    fs::path p(e.path);
    r.filename = (p.parent_path().empty() ? "" : p.parent_path().filename().string() + "-") + p.stem().string() + "." + format;
    if (format == "html") {
        r.type = "text/html; charset=utf-8";
        r.body = sheet_as_html(*s.sheet, e.lang);
    } else if (format == "csv") {
        r.type = "text/csv; charset=utf-8";
        r.body = sheet_as_csv(*s.sheet, e.lang);
    } else {
        std::string why;
        auto book = sheet_as_xlsx(*s.sheet, e.lang, &why);
        if (!book) return error_reply(500, "E0011", why, why);
        r.type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        r.body = std::move(*book);
    }
    return r;
}

}  // namespace pingfen::serve
