// The --tables file of pingfen batch (goal-table rows: 部门, 表, and the rows' fields), indexed
// on disk rather than held in memory: 400,000 rows took 383 MB as values. One pass sorts
// (department, row offset) pairs on disk (runs of a fixed size, merged); memory keeps every
// 256th department of the sorted index, and a department's rows are read back from the file
// when its record is parsed. Memory is constant in the number of records and grows with the
// number of rows only by that sparse sample (and a byte for each department, to tell at the end
// which departments' rows no record took).
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::data {

class TableIndex {
public:
    TableIndex() = default;
    ~TableIndex();
    TableIndex(const TableIndex&) = delete;
    TableIndex& operator=(const TableIndex&) = delete;

    // Reads and indexes the file; false, with E0412 in `problems`, when it cannot be opened or
    // lacks the 部门 and 表 columns. A file with a header only (or nothing) has no rows.
    bool build(const std::string& path, std::vector<Diagnostic>& problems);
    bool empty() const { return entries_ == 0; }

    // One department's tables: table name → its rows, in file order. Safe from many threads.
    using Tables = std::map<std::string, std::vector<ast::DataValue>>;
    Tables rows_of(const std::string& department) const;

    // Once every record has been read: a warning (W0405) for each department whose rows no
    // record's department took (its name written differently in the data, most often, which
    // left that department's goal tables missing or on their 默认). At most `shown` of them,
    // and one more that counts the rest.
    std::vector<Diagnostic> unused(std::size_t shown = 10) const;
    // A record that could not be read (its department unknown): unused() says that the rows
    // it names may have been that record's. Safe from many threads.
    void unread() const { unread_.fetch_add(1, std::memory_order_relaxed); }

private:
    struct Sample {
        std::string department;   // the first of a block of the sorted index
        std::uint64_t at;         // where that block starts in the index file
        std::uint64_t ordinal;    // that department's place among the distinct departments
    };
    bool read_row(std::uint64_t offset, std::vector<std::string>& fields) const;

    std::string path_;
    std::FILE* file_ = nullptr;   // the tables file, read with pread
    std::FILE* index_ = nullptr;  // sorted entries: u32 length, department, u64 row offset
    std::uint64_t entries_ = 0, index_bytes_ = 0;
    std::vector<std::string> header_;
    std::size_t department_ = 0, table_ = 0;  // the columns 部门 and 表
    std::vector<Sample> samples_;
    std::uint64_t departments_ = 0;  // distinct departments in the index
    // Per distinct department, in index order: whether rows_of() gave its rows to a record
    // (written by the threads that parse records).
    mutable std::unique_ptr<std::atomic<bool>[]> taken_;
    mutable std::atomic<std::uint64_t> unread_{0};
};

}  // namespace pingfen::data
