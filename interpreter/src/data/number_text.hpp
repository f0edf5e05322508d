// A number as staff type it into a spreadsheet cell or a text field: "1,222.61", "98%",
// full-width "９８．５％" from a Chinese input method, "－５". Read exactly from the text.
#pragma once

#include <string>
#include <string_view>

#include "pingfen/decimal.hpp"

namespace pingfen::data {

struct NumberText {
    Decimal value;         // a percentage already divided by 100
    bool percent = false;  // written with % or ％
    // Empty when the text is a number. Otherwise why it is refused, when there is more to say
    // than "not a number" (a thousands separator that could be a decimal comma, a currency sign).
    bool ok = false;
    std::string why_zh, why_en;
};

NumberText read_number_text(std::string_view text);

// The unit word a number was typed with ("1222.61万元", "3 个"), or empty: an amount's declared
// unit is read (1222.61万元 for 金额(万元)); any other unit is refused with its name, since the
// number would mean something else (1222.61元 is 0.122261 万元).
std::string_view unit_suffix(std::string_view text);
// `text` without the unit word and the spaces before it.
std::string_view without_unit(std::string_view text, std::string_view unit);

}  // namespace pingfen::data
