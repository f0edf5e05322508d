// Calendar dates (2023年4月28日, 2023-04-28) as whole day numbers, so that a date compares and
// subtracts as an exact integer: no floating point, no time of day, no time zone. The day
// number is the count of days since 1970-01-01 (negative before it), proleptic Gregorian.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pingfen::calendar {

// A date read from text, or why it is not one, in both languages ("2023年2月只有28天").
struct DateText {
    std::optional<std::int64_t> days;
    std::string why_zh, why_en;
};

// 2023-04-28, 2023-4-28, 2023/4/28, 2023.4.28, 2023年4月28日 (full-width digits too), with an
// optional time of midnight after it as spreadsheets export it (2023-04-28T00:00:00). Four-digit
// years from 1000 to 9999; a month or day that does not exist is refused with the reason.
DateText read_date(std::string_view text);

// Whether the text is written as a date at all (digits in one of the forms above), valid or not:
// a cell holding 2023-02-30 is a wrong date, not a wrong number.
bool looks_like_date(std::string_view text);

std::int64_t days_from_civil(int year, unsigned month, unsigned day);
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day);
bool leap_year(int year);
unsigned days_in_month(int year, unsigned month);

// A day number as people read it: 2023年4月28日 (Chinese), 2023-04-28 (English).
std::string date_text(std::int64_t days, bool english);

}  // namespace pingfen::calendar
