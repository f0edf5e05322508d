// Department data from an .xlsx workbook (Excel, WPS, LibreOffice), in the layouts staff use:
//  * two columns, 名称 | 值 (with a header row of those words or none), 部门 and 年度 as rows;
//    the data form of `pingfen template` is this layout with more columns beside 值;
//  * one department per row, the header naming the inputs (for batch);
//  * goal tables (目标表) and lists (列表) in sheets of their own, named after the input: a
//    goal sheet has the header 名称, 目标, 实际 (权重, 方向, 档次, 得分率, 说明 …); a list sheet a
//    column 值, one value per row. In a workbook of many departments these sheets have a 部门
//    column as well, or, like --tables, the columns 部门 and 表.
// Every value is kept as the text it was stored as; the ruleset's declared types read it when
// scoring, as they read a CSV's cells (a date-formatted cell as its date, 2024-01-05). Locations
// point into a listing of the cells read ("数据!B7  预算执行率 = 98.06%"), so a message names
// the sheet, the cell and the field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::data {

// One department: score, repl :data, test 给定. `readable` as below.
DataResult read_xlsx_department(const std::string& path, const std::string& readable = "");
// Every department in the workbook: batch, diff --data. `rows`, when given, receives each
// result's row in the departments' sheet.
// `readable`, when given, is the file to read (a pipe's copy); messages name `path`.
std::vector<DataResult> read_xlsx_departments(const std::string& path, std::vector<int>* rows = nullptr,
                                              const std::string& readable = "");

// A number as Excel stores it ("1222.61", "9.8060000000000003E-2"), as plain decimal text,
// rounded to the 15 significant digits Excel keeps (more are the double's binary noise);
// a percentage-formatted cell's value is given as a percentage ("9.806%"). nullopt: not a number.
std::optional<std::string> excel_number_text(std::string_view stored, bool percent);
// A date-formatted cell's whole number of days (from 1899-12-30) as "2024-01-05"; nullopt when
// it is not a whole day in Excel's range (a time of day stays a number).
std::optional<std::string> excel_date_text(std::string_view stored);

}  // namespace pingfen::data
