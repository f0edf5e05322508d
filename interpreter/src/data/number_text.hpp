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

}  // namespace pingfen::data
