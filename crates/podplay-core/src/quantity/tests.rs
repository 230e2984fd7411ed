//! Tables transcribed from apimachinery's quantity_test.go (inputs and expected outputs),
//! plus podplay's own cases for the kept-text quirk, errors and extreme values.

use super::*;
use Format::{BinarySI as Bin, DecimalExponent as Exp, DecimalSI as Dec};

/// `decQuantity(mantissa, exponent, format)` from the Go tests.
fn q(mantissa: i64, exponent: i32, format: Format) -> Quantity {
    Quantity {
        amount: Amount::from_i64(mantissa, i64::from(exponent)),
        format,
        kept_text: None,
    }
}

fn parse(text: &str) -> Quantity {
    Quantity::parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

/// TestQuantityParse: input → value and format.
fn parse_table() -> Vec<(&'static str, Quantity)> {
    vec![
        ("0", q(0, 0, Dec)),
        ("0n", q(0, 0, Dec)),
        ("0u", q(0, 0, Dec)),
        ("0m", q(0, 0, Dec)),
        ("0Ki", q(0, 0, Bin)),
        ("0k", q(0, 0, Dec)),
        ("0Mi", q(0, 0, Bin)),
        ("0M", q(0, 0, Dec)),
        ("0Gi", q(0, 0, Bin)),
        ("0G", q(0, 0, Dec)),
        ("0Ti", q(0, 0, Bin)),
        ("0T", q(0, 0, Dec)),
        ("1", q(1, 0, Dec)),
        ("1Ki", q(1024, 0, Bin)),
        ("8Ki", q(8 * 1024, 0, Bin)),
        ("7Mi", q(7 << 20, 0, Bin)),
        ("6Gi", q(6 << 30, 0, Bin)),
        ("5Ti", q(5 << 40, 0, Bin)),
        ("4Pi", q(4 << 50, 0, Bin)),
        ("3Ei", q(3 << 60, 0, Bin)),
        ("10Ti", q(10 << 40, 0, Bin)),
        ("100Ti", q(100 << 40, 0, Bin)),
        ("5n", q(5, -9, Dec)),
        ("4u", q(4, -6, Dec)),
        ("3m", q(3, -3, Dec)),
        ("9", q(9, 0, Dec)),
        ("8k", q(8, 3, Dec)),
        ("50k", q(5, 4, Dec)),
        ("7M", q(7, 6, Dec)),
        ("6G", q(6, 9, Dec)),
        ("5T", q(5, 12, Dec)),
        ("40T", q(4, 13, Dec)),
        ("300T", q(3, 14, Dec)),
        ("2P", q(2, 15, Dec)),
        ("1E", q(1, 18, Dec)),
        ("1E-3", q(1, -3, Exp)),
        ("1e3", q(1, 3, Exp)),
        ("1E6", q(1, 6, Exp)),
        ("1e9", q(1, 9, Exp)),
        ("1E12", q(1, 12, Exp)),
        ("1e15", q(1, 15, Exp)),
        ("1E18", q(1, 18, Exp)),
        ("1e14", q(1, 14, Exp)),
        ("1e13", q(1, 13, Exp)),
        ("100.035k", q(100035, 0, Dec)),
        ("0.001", q(1, -3, Dec)),
        ("0.0005k", q(5, -1, Dec)),
        ("0.005", q(5, -3, Dec)),
        ("0.05", q(5, -2, Dec)),
        ("0.5", q(5, -1, Dec)),
        ("0.00050k", q(5, -1, Dec)),
        ("0.00500", q(5, -3, Dec)),
        ("0.05000", q(5, -2, Dec)),
        ("0.50000", q(5, -1, Dec)),
        ("0.5e0", q(5, -1, Exp)),
        ("0.5e-1", q(5, -2, Exp)),
        ("0.5e-2", q(5, -3, Exp)),
        ("10.035M", q(10035, 3, Dec)),
        ("1.2e3", q(12, 2, Exp)),
        ("1.3E+6", q(13, 5, Exp)),
        ("1.40e9", q(14, 8, Exp)),
        ("1.53E12", q(153, 10, Exp)),
        ("1.6e15", q(16, 14, Exp)),
        ("1.7E18", q(17, 17, Exp)),
        ("9.01", q(901, -2, Dec)),
        ("8.1k", q(81, 2, Dec)),
        ("7.123456M", q(7123456, 0, Dec)),
        ("6.987654321G", q(6987654321, 0, Dec)),
        ("5.444T", q(5444, 9, Dec)),
        ("40.1T", q(401, 11, Dec)),
        ("300.2T", q(3002, 11, Dec)),
        ("2.5P", q(25, 14, Dec)),
        ("1.01E", q(101, 16, Dec)),
        // Things that saturate/round.
        ("3.001n", q(4, -9, Dec)),
        ("1.1E-9", q(2, -9, Exp)),
        ("0.0000000001", q(1, -9, Dec)),
        ("0.0000000005", q(1, -9, Dec)),
        ("0.00000000050", q(1, -9, Dec)),
        ("0.5e-9", q(1, -9, Exp)),
        ("0.9n", q(1, -9, Dec)),
        ("0.00000012345", q(124, -9, Dec)),
        ("0.00000012354", q(124, -9, Dec)),
        ("9Ei", q(i64::MAX, 0, Bin)),
        ("9223372036854775807Ki", q(i64::MAX, 0, Bin)),
        ("12E", q(12, 18, Dec)),
        // Fractional binary.
        ("100.035Ki", q(10243584, -2, Bin)),
        ("0.5Mi", q(512 * 1024, 0, Bin)),
        ("0.05Gi", q(536870912, -1, Bin)),
        ("0.025Ti", q(274877906944, -1, Bin)),
        // "Things written by trolls".
        ("0.000000000001Ki", q(2, -9, Dec)),
        (".001", q(1, -3, Dec)),
        (".0001k", q(100, -3, Dec)),
        ("1.", q(1, 0, Dec)),
        ("1.G", q(1, 9, Dec)),
    ]
}

#[test]
fn parse_values_and_formats() {
    for (input, expected) in parse_table() {
        let got = parse(input);
        assert_eq!(got, expected, "{input}: value");
        assert_eq!(got.format(), expected.format(), "{input}: format");
    }
}

#[test]
fn parse_negated_and_plus_signed() {
    for (input, expected) in parse_table() {
        let negative = parse(&format!("-{input}"));
        let mut want = expected.clone();
        want.neg();
        assert_eq!(negative, want, "-{input}: value");
        assert_eq!(negative.format(), expected.format(), "-{input}: format");
        let plus = parse(&format!("+{input}"));
        assert_eq!(plus, expected, "+{input}: value");
        assert_eq!(plus.format(), expected.format(), "+{input}: format");
    }
}

#[test]
fn parse_errors_are_exact() {
    let table = [
        ("", ERR_FORMAT_WRONG),
        ("1.1.M", ERR_FORMAT_WRONG),
        ("1+1.0M", ERR_FORMAT_WRONG),
        ("0.1mi", ERR_SUFFIX),
        ("0.1am", ERR_FORMAT_WRONG),
        ("aoeu", ERR_FORMAT_WRONG),
        (".5i", ERR_SUFFIX),
        ("1i", ERR_SUFFIX),
        ("-3.01i", ERR_SUFFIX),
        ("-3.01e-", ERR_SUFFIX),
        (" 1", ERR_FORMAT_WRONG),
        ("1 ", ERR_FORMAT_WRONG),
        ("1x", ERR_FORMAT_WRONG),
        ("1e", ERR_SUFFIX),
        ("1ee5", ERR_SUFFIX),
        ("1Ki5", ERR_SUFFIX),
        ("1e3e", ERR_FORMAT_WRONG),
        ("1e99999999999999999999", ERR_SUFFIX),
        ("1µ", ERR_FORMAT_WRONG),
        ("１", ERR_FORMAT_WRONG),
        (".Pi", ERR_NUMERIC),
        ("-.e-20", ERR_NUMERIC),
        ("1,5", ERR_FORMAT_WRONG),
        ("true", ERR_FORMAT_WRONG),
    ];
    for (input, error) in table {
        assert_eq!(Quantity::parse(input).unwrap_err(), error, "{input:?}");
    }
}

#[test]
fn degenerate_numbers_parse_as_zero() {
    // The scanner accepts a bare sign or point: Kubernetes reads them as zero.
    for input in ["-", "+", ".", "-.", "00", "0000", ".Ki", ".e5", "-0"] {
        let got = parse(input);
        assert!(got.is_zero(), "{input}");
        assert_eq!(got.canonical(), "0", "{input}");
    }
}

/// TestQuantityString: value → canonical, and an alternate spelling that canonicalizes to it.
#[test]
fn canonical_strings() {
    let table = [
        (q(1 << 30, 0, Bin), "1Gi", "1024Mi"),
        (q(300 << 20, 0, Bin), "300Mi", "307200Ki"),
        (q(6 * 1024, 0, Bin), "6Ki", ""),
        (q(1001 << 30, 0, Bin), "1001Gi", "1025024Mi"),
        (q(1 << 40, 0, Bin), "1Ti", "1024Gi"),
        (q(5, 0, Bin), "5", "5000m"),
        (q(500, -3, Bin), "500m", "0.5"),
        (q(1, 9, Dec), "1G", "1000M"),
        (q(1000, 6, Dec), "1G", "0.001T"),
        (q(1000000, 3, Dec), "1G", ""),
        (q(1000000000, 0, Dec), "1G", ""),
        (q(1, -3, Dec), "1m", "1000u"),
        (q(80, -3, Dec), "80m", ""),
        (q(1080, -3, Dec), "1080m", "1.08"),
        (q(108, -2, Dec), "1080m", "1080000000n"),
        (q(10800, -4, Dec), "1080m", ""),
        (q(300, 6, Dec), "300M", ""),
        (q(1, 12, Dec), "1T", ""),
        (q(1234567, 6, Dec), "1234567M", ""),
        (q(1234567, -3, Bin), "1234567m", ""),
        (q(3, 3, Dec), "3k", ""),
        (q(1025, 0, Bin), "1025", ""),
        (q(0, 0, Dec), "0", ""),
        (q(0, 0, Bin), "0", ""),
        (q(1, 9, Exp), "1e9", ".001e12"),
        (q(1, -3, Exp), "1e-3", "0.001e0"),
        (q(1, -9, Exp), "1e-9", "1000e-12"),
        (q(80, -3, Exp), "80e-3", ""),
        (q(300, 6, Exp), "300e6", ""),
        (q(1, 12, Exp), "1e12", ""),
        (q(1, 3, Exp), "1e3", ""),
        (q(3, 3, Exp), "3e3", ""),
        (q(3, 3, Dec), "3k", ""),
        (q(0, 0, Exp), "0", "00"),
        (q(1, -9, Dec), "1n", ""),
        (q(80, -9, Dec), "80n", ""),
        (q(1080, -9, Dec), "1080n", ""),
        (q(108, -8, Dec), "1080n", ""),
        (q(10800, -10, Dec), "1080n", ""),
        (q(1, -6, Dec), "1u", ""),
        (q(80, -6, Dec), "80u", ""),
        (q(1080, -6, Dec), "1080u", ""),
    ];
    for (value, expected, alternate) in table {
        assert_eq!(value.canonical(), expected, "{value:?}");
        let reparsed = parse(expected);
        assert_eq!(
            reparsed.kept_text.as_deref(),
            Some(expected),
            "kept {expected}"
        );
        if !alternate.is_empty() {
            let alt = parse(alternate);
            assert!(alt.kept_text.is_none(), "{alternate} should not be kept");
            assert_eq!(alt.canonical(), expected, "alternate {alternate}");
        }
        if !value.is_zero() {
            let mut negative = value.clone();
            negative.neg();
            assert_eq!(negative.canonical(), format!("-{expected}"));
        }
    }
}

/// TestQuantityParseEmit.
#[test]
fn parse_then_emit() {
    let table = [
        ("1Ki", "1Ki"),
        ("1Mi", "1Mi"),
        ("1Gi", "1Gi"),
        ("1024Mi", "1Gi"),
        ("1000M", "1G"),
        (".001Ki", "1024m"),
        (".000001Ki", "1024u"),
        (".000000001Ki", "1024n"),
        (".000000000001Ki", "2n"),
    ];
    for (input, expected) in table {
        assert_eq!(parse(input).canonical(), expected, "{input}");
        assert_eq!(
            parse(&format!("-{input}")).canonical(),
            format!("-{expected}"),
            "-{input}"
        );
    }
}

/// TestParseQuantity (v0.36): large values round-trip; "" means the input itself.
#[test]
fn large_values_reserialize() {
    let table = [
        ("-999999999999999999", ""),
        ("999999999999999999", ""),
        ("-999999999999999999.0", "-999999999999999999"),
        ("999999999999999999.0", "999999999999999999"),
        ("-999999999999999999.1", "-999999999999999999100m"),
        ("999999999999999999.1", "999999999999999999100m"),
        ("-9999999999999999999", ""),
        ("9999999999999999999", ""),
        ("-1E", ""),
        ("1E", ""),
        ("-1000000000000000000", "-1E"),
        ("1000000000000000000", "1E"),
        ("-9999999999999999999.0", "-9999999999999999999"),
        ("9999999999999999999.0", "9999999999999999999"),
        ("-1.0E", "-1E"),
        ("1.0E", "1E"),
        ("-1000000000000000000.0", "-1E"),
        ("1000000000000000000.0", "1E"),
        ("-9999999999999999999000m", "-9999999999999999999"),
        ("9999999999999999999000m", "9999999999999999999"),
        ("-9999999999999999999.1", "-9999999999999999999100m"),
        ("9999999999999999999.1", "9999999999999999999100m"),
        ("-1.0000000000000000001E", "-1000000000000000000100m"),
        ("1.0000000000000000001E", "1000000000000000000100m"),
        ("-1000000000000000000.1", "-1000000000000000000100m"),
        ("1000000000000000000.1", "1000000000000000000100m"),
        ("-1.000000000000000001E", "-1000000000000000001"),
        ("1.000000000000000001E", "1000000000000000001"),
        ("-1000000000000000001", ""),
        ("1000000000000000001", ""),
        ("-10E", ""),
        ("10E", ""),
        ("-10000000000000000000", "-10E"),
        ("10000000000000000000", "10E"),
        ("-10.0E", "-10E"),
        ("10.0E", "10E"),
        ("-10000000000000000000.0", "-10E"),
        ("10000000000000000000.0", "10E"),
        ("-10000000000000000000000m", "-10E"),
        ("10000000000000000000000m", "10E"),
        ("-10.0000000000000000001E", "-10000000000000000000100m"),
        ("10.0000000000000000001E", "10000000000000000000100m"),
        ("-10000000000000000000.1", "-10000000000000000000100m"),
        ("10000000000000000000.1", "10000000000000000000100m"),
        ("-10.000000000000000001E", "-10000000000000000001"),
        ("10.000000000000000001E", "10000000000000000001"),
        ("-10000000000000000001", ""),
        ("10000000000000000001", ""),
        ("-9223372036854775809", ""),
        ("9223372036854775806", ""),
        ("-9223372036854775809.0", "-9223372036854775809"),
        ("9223372036854775806.0", "9223372036854775806"),
        ("-9223372036854775809000m", "-9223372036854775809"),
        ("9223372036854775806000m", "9223372036854775806"),
        ("-9223372036854775809.1", "-9223372036854775809100m"),
        ("9223372036854775806.1", "9223372036854775806100m"),
        ("-9223372036854775808", ""),
        ("9223372036854775807", ""),
        ("-9223372036854775808.0", "-9223372036854775808"),
        ("9223372036854775807.0", "9223372036854775807"),
        ("-9223372036854775808000m", "-9223372036854775808"),
        ("9223372036854775807000m", "9223372036854775807"),
        ("-9223372036854775808.1", "-9223372036854775808100m"),
        ("9223372036854775807.1", "9223372036854775807100m"),
        ("-9223372036854775807", ""),
        ("9223372036854775808", ""),
        ("-9223372036854775807.0", "-9223372036854775807"),
        ("9223372036854775808.0", "9223372036854775808"),
        ("-9223372036854775807000m", "-9223372036854775807"),
        ("9223372036854775808000m", "9223372036854775808"),
        ("-9223372036854775807.1", "-9223372036854775807100m"),
        ("9223372036854775808.1", "9223372036854775808100m"),
    ];
    for (input, canonical) in table {
        let expected = if canonical.is_empty() {
            input
        } else {
            canonical
        };
        assert_eq!(parse(input).canonical(), expected, "{input}");
    }
}

/// TestQuantityRoundUp.
#[test]
fn round_up() {
    let table = [
        ("9.01", -3, q(901, -2, Dec), true),
        ("9.01", -2, q(901, -2, Dec), true),
        ("9.01", -1, q(91, -1, Dec), false),
        ("9.01", 0, q(10, 0, Dec), false),
        ("9.01", 1, q(10, 0, Dec), false),
        ("9.01", 2, q(100, 0, Dec), false),
        ("-9.01", -3, q(-901, -2, Dec), true),
        ("-9.01", -2, q(-901, -2, Dec), true),
        ("-9.01", -1, q(-91, -1, Dec), false),
        ("-9.01", 0, q(-10, 0, Dec), false),
        ("-9.01", 1, q(-10, 0, Dec), false),
        ("-9.01", 2, q(-100, 0, Dec), false),
    ];
    for (input, scale, expected, exact) in table {
        let mut got = parse(input);
        assert_eq!(got.round_up(scale), exact, "{input} at {scale}");
        assert_eq!(got, expected, "{input} at {scale}");
    }
}

#[test]
fn round_up_to_milli_as_resource_defaulting_does() {
    let table = [
        ("0.0001", "1m", false),
        ("100m", "100m", true),
        ("1n", "1m", false),
        ("1.5", "1500m", true),
        ("1.500", "1.500", true),
        ("1500u", "2m", false),
        ("1000u", "1m", true),
        ("1Gi", "1Gi", true),
        ("-0.0001", "-1m", false),
    ];
    for (input, expected, exact) in table {
        let mut got = parse(input);
        assert_eq!(got.round_up(MILLI), exact, "{input}");
        assert_eq!(got.canonical(), expected, "{input}");
    }
}

/// TestQuantityCmp and TestQuantityCmpInt64AndDec.
#[test]
fn comparisons() {
    let parsed = [
        ("0", "0", Ordering::Equal),
        ("100m", "50m", Ordering::Greater),
        ("50m", "100m", Ordering::Less),
        ("10000T", "100Gi", Ordering::Greater),
        ("1000m", "1", Ordering::Equal),
        ("1Ki", "1024", Ordering::Equal),
        ("1e3", "1k", Ordering::Equal),
        ("1e100", "9Ei", Ordering::Greater),
        ("-1e100", "-1", Ordering::Less),
    ];
    for (a, b, expected) in parsed {
        assert_eq!(parse(a).cmp(&parse(b)), expected, "{a} vs {b}");
        assert_eq!(parse(b).cmp(&parse(a)), expected.reverse(), "{b} vs {a}");
    }
    let most_positive = i64::MAX;
    let most_negative = i64::MIN;
    let e18 = 1_000_000_000_000_000_000i64;
    let built = [
        (q(901, -2, Dec), q(901, -2, Dec), 0),
        (q(90, -1, Dec), q(901, -2, Dec), -1),
        (q(901, -2, Dec), q(900, -2, Dec), 1),
        (q(0, 0, Dec), q(0, 0, Dec), 0),
        (q(0, 1, Dec), q(0, -1, Dec), 0),
        (q(0, -1, Dec), q(0, 1, Dec), 0),
        (q(800, -3, Dec), q(1, 0, Dec), -1),
        (q(800, -3, Dec), q(79, -2, Dec), 1),
        (q(most_positive, 0, Dec), q(1, -1, Dec), 1),
        (q(most_positive, 1, Dec), q(1, 0, Dec), 1),
        (q(most_positive, 1, Dec), q(1, 1, Dec), 1),
        (q(most_positive, 1, Dec), q(0, 1, Dec), 1),
        (q(most_positive, -16, Dec), q(1, 3, Dec), -1),
        (q(most_negative, 0, Dec), q(0, 0, Dec), -1),
        (q(most_negative, -18, Dec), q(-1, 0, Dec), -1),
        (q(most_negative, -19, Dec), q(-1, 0, Dec), 1),
        (q(e18, -17, Dec), q(1, 1, Dec), 0),
        (q(e18, -17, Dec), q(-10, 0, Dec), 1),
        (q(-e18, -17, Dec), q(-10, 0, Dec), 0),
        (q(e18, -17, Dec), q(1, 0, Dec), 1),
        (q(e18 + 1, -17, Dec), q(1, 1, Dec), 1),
        (q(e18 - 1, -17, Dec), q(1, 1, Dec), -1),
    ];
    for (a, b, expected) in built {
        let want = expected.cmp(&0);
        assert_eq!(a.cmp(&b), want, "{a:?} vs {b:?}");
        assert_eq!(b.cmp(&a), want.reverse(), "{b:?} vs {a:?}");
    }
    assert_eq!(parse("1025").cmp_i64(1024), Ordering::Greater);
    assert_eq!(parse("-1Ki").cmp_i64(-1024), Ordering::Equal);
}

/// TestAdd, TestSub, TestQuantityNeg, and the zero-keeps-suffix tests.
#[test]
fn arithmetic() {
    let unset_dec = Quantity {
        format: Dec,
        ..Quantity::default()
    };
    let adds = [
        (q(10, 0, Dec), q(1, 1, Dec), q(20, 0, Dec)),
        (q(10, 0, Dec), q(1, 0, Bin), q(11, 0, Dec)),
        (q(10, 0, Bin), q(1, 0, Dec), q(11, 0, Bin)),
        (unset_dec.clone(), q(50, 0, Dec), q(50, 0, Dec)),
        (q(50, 0, Dec), unset_dec.clone(), q(50, 0, Dec)),
        (unset_dec.clone(), unset_dec.clone(), q(0, 0, Dec)),
    ];
    for (a, b, expected) in adds {
        let mut sum = a.clone();
        sum.add(&b);
        assert_eq!(sum, expected, "{a:?} + {b:?}");
        assert_eq!(sum.format(), expected.format(), "{a:?} + {b:?}");
    }
    let subs = [
        (q(10, 0, Dec), q(1, 1, Dec), q(0, 0, Dec)),
        (q(10, 0, Dec), q(1, 0, Bin), q(9, 0, Dec)),
        (q(10, 0, Bin), q(1, 0, Dec), q(9, 0, Bin)),
        (unset_dec.clone(), q(50, 0, Dec), q(-50, 0, Dec)),
        (q(50, 0, Dec), unset_dec.clone(), q(50, 0, Dec)),
        (unset_dec.clone(), unset_dec, q(0, 0, Dec)),
    ];
    for (a, b, expected) in subs {
        let mut difference = a.clone();
        difference.sub(&b);
        assert_eq!(difference, expected, "{a:?} - {b:?}");
    }
    let mut negated = q(901, -2, Dec);
    negated.neg();
    assert_eq!(negated.canonical(), "-9010m");
    for text in ["100m", "1Gi"] {
        let zero = parse("0");
        let mut left = parse(text);
        left.add(&zero);
        assert_eq!(left.canonical(), text);
        let mut right = zero.clone();
        right.add(&parse(text));
        assert_eq!(right.canonical(), text);
        let mut minus = zero;
        minus.sub(&parse(text));
        assert_eq!(minus.canonical(), format!("-{text}"));
    }
    // Sums keep exactness across scales and cancel out.
    let mut total = Quantity::default();
    for text in ["1n", "3Ei", "250m", "1e30", "7Ki"] {
        total.add(&parse(text));
    }
    assert_eq!(
        total.canonical(),
        "1000000000003458764513820548096250000001n"
    );
    for text in ["1n", "3Ei", "250m", "1e30", "7Ki"] {
        total.sub(&parse(text));
    }
    assert!(total.is_zero());
    // A sum of the same resource across containers, as QoS does.
    let mut cpu = parse("250m");
    cpu.add(&parse("0.75"));
    assert_eq!(cpu.canonical(), "1");
    let mut memory = parse("512Mi");
    memory.add(&parse("512Mi"));
    assert_eq!(memory.canonical(), "1Gi");
}

/// TestMilliNewSet, TestNewSet and TestScaledValue.
#[test]
fn constructors_and_scaled_values() {
    let milli = [
        (1, Dec, "1m"),
        (1000, Dec, "1"),
        (1234000, Dec, "1234"),
        (1024, Bin, "1024m"),
        (1000000, Format::Unset, "1e3"),
        (1024 * 1024, Bin, "1048576m"),
    ];
    for (value, format, expected) in milli {
        let got = Quantity::new_milli(value, format);
        assert_eq!(got.canonical(), expected);
        assert_eq!(parse(expected).milli_value(), value);
    }
    let whole = [
        (1, Dec, "1"),
        (1000, Dec, "1k"),
        (1234000, Dec, "1234k"),
        (1024, Bin, "1Ki"),
        (1000000, Format::Unset, "1e6"),
        (1024 * 1024, Bin, "1Mi"),
    ];
    for (value, format, expected) in whole {
        let got = Quantity::new(value, format);
        assert_eq!(got.canonical(), expected);
        assert_eq!(parse(expected).value(), value);
    }
    let scaled = [
        (NANO, NANO, 1),
        (NANO, MICRO, 1),
        (NANO, MILLI, 1),
        (NANO, 0, 1),
        (MICRO, NANO, 1000),
        (MICRO, MICRO, 1),
        (MICRO, MILLI, 1),
        (MICRO, 0, 1),
        (MILLI, NANO, 1000 * 1000),
        (MILLI, MICRO, 1000),
        (MILLI, MILLI, 1),
        (MILLI, 0, 1),
        (0, NANO, 1000 * 1000 * 1000),
        (0, MICRO, 1000 * 1000),
        (0, MILLI, 1000),
        (0, 0, 1),
        (2, -2, 100 * 100),
    ];
    for (from, to, expected) in scaled {
        assert_eq!(Quantity::new_scaled(1, from).scaled_value(to), expected);
    }
    assert_eq!(parse("1.5").value(), 2);
    assert_eq!(parse("-1.5").value(), -2);
    assert_eq!(parse("0.5").milli_value(), 500);
    assert_eq!(parse("1e100").value(), i64::MAX);
    assert_eq!(parse("-1e100").value(), i64::MIN);
    assert_eq!(parse("1Gi").as_i64(), Some(1 << 30));
    assert_eq!(parse("1.5").as_i64(), None);
}

/// TestJSONWhitespace plus null and quoting.
#[test]
fn json_text() {
    let table = [
        (r#"" 1""#, "1"),
        (r#""1 ""#, "1"),
        ("1", "1"),
        (" 1", "1"),
        ("1 ", "1"),
        ("10", "10"),
        ("-1", "-1"),
        (" -1", "-1"),
        ("null", "0"),
        ("1000000000", "1G"),
        ("0.5", "500m"),
        ("1e+21", "1e+21"),
        (r#""500m""#, "500m"),
    ];
    for (raw, expected) in table {
        let got = Quantity::from_json_text(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!(got.canonical(), expected, "{raw}");
    }
    assert_eq!(
        Quantity::from_json_text(r#""\u0031""#).unwrap_err(),
        ERR_FORMAT_WRONG
    );
    assert_eq!(
        Quantity::from_json_text("true").unwrap_err(),
        ERR_FORMAT_WRONG
    );
    assert_eq!(
        Quantity::from_json_value(&serde_json::json!(0.5))
            .unwrap()
            .canonical(),
        "500m"
    );
    assert_eq!(
        Quantity::from_json_value(&serde_json::json!(1000000000))
            .unwrap()
            .canonical(),
        "1G"
    );
    assert!(Quantity::from_json_value(&serde_json::Value::Null)
        .unwrap()
        .is_zero());
    assert_eq!(
        serde_json::to_string(&parse("1.5Gi")).unwrap(),
        r#""1536Mi""#
    );
}

/// The parser keeps text it judged canonical, and Kubernetes prints that text back.
#[test]
fn kept_original_text() {
    let table = [
        ("+1", "+1", "1"),
        ("01", "01", "1"),
        ("-01", "-01", "-1"),
        ("1.500", "1.500", "1500m"),
        ("1.234567", "1.234567", "1234567u"),
        ("+1Ki", "+1Ki", "1Ki"),
        ("1e3", "1e3", "1e3"),
        ("12e6", "12e6", "12e6"),
        ("1E3", "1E3", "1e3"),
        ("1025Mi", "1025Mi", "1025Mi"),
        // Not kept: recomputed.
        ("+1Pi", "1Pi", "1Pi"),
        ("1.5", "1500m", "1500m"),
        ("0.500", "500m", "500m"),
        ("2.000", "2", "2"),
        ("1024Mi", "1Gi", "1Gi"),
        ("1000Mi", "1000Mi", "1000Mi"),
        ("1.5Gi", "1536Mi", "1536Mi"),
        ("1.5Ki", "1536", "1536"),
        ("1.1Ki", "1126400m", "1126400m"),
        ("0.5Ki", "512", "512"),
        ("0.1", "100m", "100m"),
        ("1.1", "1100m", "1100m"),
        ("1e9", "1e9", "1e9"),
        ("1000e3", "1e6", "1e6"),
        ("15e2", "1500", "1500"),
        ("0.0000000001", "1n", "1n"),
    ];
    for (input, printed, recomputed) in table {
        let got = parse(input);
        assert_eq!(got.canonical(), printed, "{input} printed");
        assert_eq!(got.canonicalize(), recomputed, "{input} recomputed");
        assert_eq!(got.to_string(), printed, "{input} Display");
    }
    let mut changed = parse("+1");
    changed.add(&parse("0"));
    assert_eq!(changed.canonical(), "1", "arithmetic drops kept text");
}

#[test]
fn extreme_values_do_not_panic() {
    let table = [
        ("1e100", "10e99"), // 100 is not a multiple of 3: not kept, recomputed.
        ("9999999999999999999Ei", "9223372036854775807"),
        ("1000E", "1"), // Kubernetes has no suffix for 10^21 and prints none.
        ("1234567890123456789012345E", "1234567890123456789012345E"),
        ("1234567890123456789012345000E", "1234567890123456789012345"), // 10^21: no suffix.
        ("8192Ei", "9223372036854775807"),
        ("1e-2000000000", "1e-9"),
        ("1.5e2000000000", "150e1999999998"),
        ("1e4294967296", "1e4294967296"), // int32 wrap of the exponent: value 1, text kept.
        // Kubernetes would exhaust memory rescaling this to nano; we keep it exact.
        (
            "123456789012345678901234567890e2000000000",
            "12345678901234567890123456789e2000000001",
        ),
    ];
    for (input, printed) in table {
        assert_eq!(parse(input).canonical(), printed, "{input}");
    }
    assert_eq!(parse("1e4294967296"), parse("1"));
    assert!(parse("1e2000000000") > parse("9Ei"));
    let mut far_apart = parse("1e2000000000");
    far_apart.add(&parse("1n"));
    assert_eq!(far_apart, parse("1e2000000000"));
    // Binary has no suffix past Ei either: 2^70 prints as its mantissa, "1".
    let two_to_70 = Quantity {
        amount: Amount::new(false, Natural::from_u64(1).shl_bits(70), 0),
        format: Bin,
        kept_text: None,
    };
    assert_eq!(two_to_70.canonical(), "1");
    let long = "9".repeat(5000);
    assert_eq!(parse(&long).canonical(), long);
    let mut binary_sum = parse("8Ei");
    binary_sum.add(&parse("8Ei"));
    binary_sum.add(&parse("9223372036854775807"));
    assert_eq!(binary_sum.format(), Bin);
    assert!(!binary_sum.canonical().is_empty());
}
