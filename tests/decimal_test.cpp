// The decimal type: exact arithmetic and half-up rounding where binary floating point fails.
#include <catch2/catch.hpp>

#include "data/number_text.hpp"
#include "pingfen/decimal.hpp"

using pingfen::Decimal;

static Decimal D(const char* s) { return *Decimal::parse(s); }

TEST_CASE("decimal: products that binary floating point gets wrong are exact", "[decimal]") {
    CHECK((D("0.535") * D("5")).to_string() == "2.675");
    CHECK((D("0.1") + D("0.2")).to_string() == "0.3");
    CHECK((D("0.1") + D("0.2")) == D("0.3"));
}

TEST_CASE("decimal: rounding is half up to two places", "[decimal]") {
    CHECK((D("0.535") * D("5")).round_half_up(2).to_fixed(2) == "2.68");
    CHECK(D("1.005").round_half_up(2).to_fixed(2) == "1.01");
    CHECK((Decimal::hundredth(D("92.31")) * D("5")).to_string() == "4.6155");
    CHECK((Decimal::hundredth(D("92.31")) * D("5")).round_half_up(2).to_fixed(2) == "4.62");
    CHECK((Decimal::hundredth(D("99.99")) * D("10")).round_half_up(2).to_fixed(2) == "10.00");
    CHECK(D("2.665").round_half_up(2).to_fixed(2) == "2.67");  // half-even would give 2.66
    CHECK(D("2.664999").round_half_up(2).to_fixed(2) == "2.66");
    CHECK(D("-1.005").round_half_up(2).to_fixed(2) == "-1.01");
    CHECK(D("0.004").round_half_up(2).to_fixed(2) == "0.00");
}

TEST_CASE("decimal: a ratio shown as a percentage", "[decimal]") {
    Decimal r = D("1222.61") / D("44792.02");
    CHECK(r.to_percent(2) == "2.73%");
    CHECK(Decimal::hundredth(D("2.73")).to_string() == "0.0273");
    CHECK(Decimal::hundredth(D("2.73")).to_percent_exact() == "2.73%");
}

TEST_CASE("decimal: parsing accepts plain decimals only", "[decimal]") {
    CHECK(Decimal::parse("1222.61"));
    CHECK(Decimal::parse("-0.5"));
    CHECK(Decimal::parse("1e3"));
    CHECK_FALSE(Decimal::parse(""));
    CHECK_FALSE(Decimal::parse("inf"));
    CHECK_FALSE(Decimal::parse("nan"));
    CHECK_FALSE(Decimal::parse("1.2.3"));
    CHECK_FALSE(Decimal::parse("12a"));
    CHECK_FALSE(Decimal::parse("."));
}

TEST_CASE("decimal: a number with more digits than decimal128 holds is refused, not rounded", "[decimal]") {
    // 34 significant digits fit exactly; the 35th would be rounded away.
    const std::string fits = "1234567890123456789012345678901.234";
    REQUIRE(Decimal::parse(fits));
    CHECK(Decimal::parse(fits)->to_string() == fits);
    CHECK_FALSE(Decimal::parse("1234567890123456789012345678901.2345"));
    CHECK_FALSE(Decimal::parse("0.33333333333333333333333333333333333"));
    // Trailing zeros past 34 digits lose nothing.
    CHECK(Decimal::parse("1.0000000000000000000000000000000000000")->to_string() == "1");
    // Exponents beyond the format's range would overflow or flush to zero.
    CHECK_FALSE(Decimal::parse("1e9999"));
    CHECK_FALSE(Decimal::parse("1e-9999"));
}

TEST_CASE("decimal: text forms", "[decimal]") {
    CHECK(D("412.50").to_plain() == "412.50");
    CHECK(D("412.50").to_string() == "412.5");
    CHECK(D("10").to_fixed(2) == "10.00");
    CHECK(D("0").to_fixed(2) == "0.00");
    CHECK(D("-0.001").to_fixed(2) == "0.00");
    CHECK(D("12.345").ceil().to_string() == "13");
    CHECK(D("12.345").floor().to_string() == "12");
    CHECK(D("2.4").is_integer() == false);
    CHECK(D("3").to_int64() == 3);
}

// General Decimal Arithmetic: quantizing a number that is already on the grid can need more than
// 34 digits; libbid then says NaN. A number that needs no rounding is its own rounding.
TEST_CASE("decimal: rounding a number that needs none returns it, however long", "[decimal][issue13]") {
    const Decimal big = D("1234567890123456789012345678901234");
    CHECK(big.round_half_up(2) == big);
    CHECK(big.round_half_up(2).is_finite());
    CHECK(big.to_fixed(2) == "1234567890123456789012345678901234.00");
    CHECK(D("123456789012345678901234567890123.4").to_fixed(2) == "123456789012345678901234567890123.40");
    CHECK(D("12345678901234567890123456789012.34").round_half_up(2).to_fixed(2) == "12345678901234567890123456789012.34");
    CHECK(D("-1234567890123456789012345678901234").to_fixed(2) == "-1234567890123456789012345678901234.00");
    // Ordinary numbers still pad through libbid, keeping their exponent.
    CHECK(D("10").round_half_up(2).to_plain() == "10.00");
}

TEST_CASE("decimal: overflow is infinite, never a finite number", "[decimal][issue13]") {
    Decimal x = D("1e6000") * D("1e200");
    CHECK(!x.is_finite());
    CHECK(D("1e6000").is_finite());
}

// The program floors a rule's points at 0 with is_positive() where the AST walk writes
// Decimal::max(0, x): the two must agree on every kind of number, signed zeros, infinities and
// NaNs included, and give the same encoding.
TEST_CASE("decimal: is_positive is 0 < x, for zeros of every exponent, infinities and NaN", "[decimal][issue14]") {
    const Decimal inf = D("1e6000") * D("1e200"), nan = Decimal() / Decimal();  // 1 ÷ 0 is infinity, 0 ÷ 0 NaN
    const Decimal values[] = {Decimal(), D("0.00000"), D("0e30"), -Decimal(), -D("0.000"), D("1e-6000"), -D("1e-6000"),
                              D("0.01"), D("-0.01"), D("2.5"), D("-2.5"), D("9999999999999999999999999999999999"),
                              -D("9999999999999999999999999999999999e100"), inf, -inf, nan, -nan};
    for (const Decimal& x : values) {
        INFO(x.to_string());
        CHECK(x.is_positive() == (Decimal() < x));
        const Decimal floored = x.floored_at_zero();
        CHECK(floored.identical(Decimal::max(Decimal(), x)));
    }
    CHECK(D("0.01").is_positive());
    CHECK_FALSE(D("0.000").is_positive());
    REQUIRE_FALSE(nan.is_finite());
    CHECK_FALSE(nan == nan);  // NaN, not infinity
    CHECK_FALSE(nan.is_positive());
    CHECK_FALSE((-nan).is_positive());
    CHECK(inf.is_positive());
    CHECK_FALSE((-inf).is_positive());
}

// to_fixed writes the digits of a rounded value below 2^64 itself; these are the texts the
// libbid text path gives (and gave before), at the edges of that shortcut.
TEST_CASE("decimal: to_fixed digits at the edges of the direct path", "[decimal][issue14]") {
    CHECK(D("0").to_fixed(2) == "0.00");
    CHECK(D("-0").to_fixed(2) == "0.00");
    CHECK(D("-0.004").to_fixed(2) == "0.00");  // rounds to a negative zero: no sign
    CHECK(D("-0.005").to_fixed(2) == "-0.01");
    CHECK(D("0.05").to_fixed(2) == "0.05");
    CHECK(D("0.005").to_fixed(2) == "0.01");
    CHECK(D("12.345").to_fixed(2) == "12.35");
    CHECK(D("-12.344").to_fixed(2) == "-12.34");
    CHECK(D("412.5").to_fixed(2) == "412.50");
    CHECK(D("7").to_fixed(0) == "7");
    CHECK(D("7.5").to_fixed(0) == "8");
    CHECK(D("-0.4").to_fixed(0) == "0");
    CHECK(D("100").to_fixed(1) == "100.0");
    CHECK(D("18446744073709551615").to_fixed(0) == "18446744073709551615");    // 2^64 − 1: direct
    CHECK(D("18446744073709551616").to_fixed(0) == "18446744073709551616");    // 2^64: libbid
    CHECK(D("184467440737095516.16").to_fixed(2) == "184467440737095516.16");  // 2^64 cents: libbid
    CHECK(D("0.1").to_fixed(19) == "0.1000000000000000000");
    CHECK(D("1e40").to_fixed(2) == "10000000000000000000000000000000000000000.00");  // no grid: padded text
}

// Decimal::Sum adds the coefficients of addends sharing an exponent ≤ 0 as integers: its result,
// encoding included, must be that of 0 + a + b + … with +, on those and on every other kind.
TEST_CASE("decimal: a running sum is the sum by +, encoding and all", "[decimal][issue14]") {
    const std::vector<std::vector<const char*>> cases = {
        {},
        {"0"},
        {"-0"},
        {"0.00"},
        {"1.50", "2.25", "0.00", "19.99"},                        // the fast path throughout
        {"3", "2", "7"},                                           // exponent 0
        {"1.50", "2", "0.25"},                                     // exponents differ: + from the second
        {"2", "1.50"},                                             // 0E0's exponent, then a smaller one
        {"1E+1", "2"},                                             // an exponent above 0: +
        {"1.50", "-0.50", "2.00"},                                 // a negative addend: +
        {"-0", "-0"},                                              // 0 + −0 + −0 is +0
        {"0.01", "-0.01"},                                         // x − x is +0
        {"1.5", "NaN"},                                            // not a number from there on
        {"1.50", "Infinity", "2.00"},
        {"18446744073709551.615", "18446744073709551.615", "0.001"},  // coefficients past 2^64 summed
        {"9999999999999999999999999999999999", "1"},              // 34 digits: + rounds
        {"0.0000000000000000000000000000000001", "5"},
    };
    for (const auto& c : cases) {
        Decimal by_plus;
        Decimal::Sum sum;
        for (const char* text : c) {
            const Decimal d = std::string_view(text) == "NaN"        ? Decimal::parse("1").value() / Decimal()
                              : std::string_view(text) == "Infinity" ? D("1e6000") * D("1e6000")
                                                                     : D(text);
            by_plus = by_plus + d;
            sum.add(d);
        }
        INFO(c.size() << " addends, first " << (c.empty() ? "none" : c.front()));
        const Decimal v = sum.value();
        CHECK((v.identical(by_plus) || (!v.is_finite() && !by_plus.is_finite() && v.to_plain() == by_plus.to_plain())));
        CHECK(v.to_plain() == by_plus.to_plain());
    }
    // 26 leaf scores on the 0.01 grid, as a department's total is summed.
    Decimal by_plus;
    Decimal::Sum sum;
    for (int k = 0; k < 26; ++k) {
        const Decimal d = Decimal::from_int(k * 37 % 200) * D("0.01");
        by_plus = by_plus + d;
        sum.add(d);
    }
    CHECK(sum.value().identical(by_plus));
    CHECK(sum.value().to_plain() == "24.25");
}

// read_number_text reads plain text ("96.15%", "-12.5") without its copies and checks, and
// everything else the long way; both give what Decimal::parse gives the same digits.
TEST_CASE("number text: plain numbers and percentages, and what only looks plain", "[decimal]") {
    using pingfen::data::read_number_text;
    struct Case {
        const char* text;
        bool ok, percent;
        const char* value;  // to_plain()
    };
    const Case cases[] = {
        {"96.15%", true, true, "0.9615"}, {"218", true, false, "218"},      {"-12.50", true, false, "-12.50"},
        {"+3%", true, true, "0.03"},      {".5", true, false, "0.5"},       {"0%", true, true, "0.00"},
        {"1.2.3", false, false, ""},      {"%", false, true, ""},           {"-", false, false, ""},
        {"5%%", false, true, ""},         {"1e3", true, false, "1000"},     {" 96.15% ", true, true, "0.9615"},
        {"９６．１５％", true, true, "0.9615"}, {"1,222.61", true, false, "1222.61"}, {"(5)", false, false, ""},
        {"--5", false, false, ""},        {"5-", false, false, ""},         {"98 %", true, true, "0.98"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const pingfen::data::NumberText t = read_number_text(c.text);
        CHECK(t.ok == c.ok);
        if (!c.ok) continue;
        CHECK(t.percent == c.percent);
        CHECK(t.value.to_plain() == c.value);
    }
    CHECK(read_number_text("(5)").why_en.find("brackets") != std::string::npos);
}

// Decimal::parse reads a sign and up to 19 digits with a point in one tight loop, everything
// else in the general one: both must give the same encoding (the same exponent, so the same
// text). "e0" sends a text to the general loop with the same value and exponent.
TEST_CASE("decimal: parsing short plain numbers and their neighbours keeps the written exponent", "[decimal]") {
    const std::pair<const char*, const char*> cases[] = {
        {"1.", "1"},  {".5", "0.5"}, {"007.50", "7.50"}, {"-0", "0"}, {"+5", "5"}, {"-0.00", "0.00"}, {"-12.5", "-12.5"},
        {"1234567890123456789", "1234567890123456789"}, {"12345678901234567890", "12345678901234567890"},
        {"-999999999.9999999999", "-999999999.9999999999"}, {"0.0000000000000000001", "0.0000000000000000001"},
        {"415711.23", "415711.23"},
    };
    for (const auto& [text, plain] : cases) {
        INFO(text);
        const auto d = Decimal::parse(text);
        const auto general = Decimal::parse(std::string(text) + "e0");
        REQUIRE(d);
        REQUIRE(general);
        CHECK(d->identical(*general));
        CHECK(d->to_plain() == plain);
    }
    for (const char* bad : {".", "-", "+", "1.2.3", "1-", "--1", "1 ", " 1", "1%", "1.5.", "", "0x10"}) CHECK_FALSE(Decimal::parse(bad));
    CHECK((D("0.10") + D("0.2")).to_plain() == "0.30");
}

// A batch row's numbers are appended in place (Decimal::append_fixed): the text to_fixed gives,
// after what the row already holds, for short and long coefficients, negatives and ties.
TEST_CASE("decimal: fixed decimals appended to a row are to_fixed's text", "[decimal]") {
    for (const char* v : {"0", "-0", "2.675", "-2.675", "10", "0.005", "-0.004", "123456789012345678.995",
                          "1234567890123456789012345678901234", "-1.5E+40", "99.995"}) {
        for (int places : {0, 2, 4}) {
            INFO(v << " " << places);
            std::string row = "x,";
            D(v).append_fixed(row, places);
            CHECK(row == "x," + D(v).to_fixed(places));
        }
    }
    std::string row;
    D("2.675").append_fixed(row, 2);
    D("-0.004").append_fixed(row, 2);
    CHECK(row == "2.680.00");
}
