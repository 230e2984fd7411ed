//! Kubernetes resource quantities (`k8s.io/apimachinery/pkg/api/resource`, `Quantity`).
//!
//! Follows apimachinery's quantity.go / amount.go / suffix.go / math.go (v0.35–v0.36, which
//! are identical here) rule for rule, with exact integer arithmetic and never a float:
//!
//! - `ParseQuantity`: `<signedNumber><suffix>`, binary (`Ki`…`Ei`), decimal (`n u m "" k M G T P E`)
//!   and exponent (`e`/`E` + signed int) suffixes; values are rounded *up* (away from zero) to
//!   nano precision; binary quantities are capped at 2^63-1 (decimal ones are not); a binary
//!   value strictly between 0 and 1 switches to decimal format.
//! - `String()`/`MarshalJSON` (CanonicalizeBytes): the largest suffix that loses no precision,
//!   with an exponent that is a multiple of 3 (decimal) or of 10 (binary). Binary quantities
//!   below 1024 in magnitude, or with a fraction, print in decimal.
//! - Kubernetes keeps the *original text* of a quantity that its int64 fast path judged
//!   canonical and prints that text back verbatim. This is visible for signs and leading zeros
//!   (`+1` stays `+1`, `01` stays `01`) and for `1.500` (stays `1.500`, while `1.5` → `1500m`).
//!   [`Quantity::canonical`] reproduces it; [`Quantity::canonicalize`] ignores the kept text.
//! - Upstream quirks kept on purpose: a decimal-SI value whose exponent has no suffix (above
//!   `E`, e.g. `1000E` = 10^21) prints its mantissa with no suffix at all (`1000E` → `1`),
//!   and likewise a binary value of 1024^7 or more, reachable only through sums (2^70 → `1`).
//!
//! Limits (where Kubernetes itself would need gigabytes or hours): exponents are held as
//! i64 rather than wrapping at int32; sums of two quantities whose scales differ by more
//! than [`MAX_ALIGN_DIGITS`] digits keep only the larger term; a binary quantity whose
//! integer value would need more than that many digits prints in decimal form;
//! `value()`/`milli_value()` saturate at the i64 range instead of overflowing, and always
//! round away from zero (Kubernetes' inf.Dec path rounds negative values toward +∞).

mod natural;

use natural::Natural;
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// `ErrFormatWrong`: the text does not have the shape of a quantity (also for the empty string).
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `ErrNumeric`: the number has no digits at all (e.g. `.Pi`).
pub const ERR_NUMERIC: &str = "unable to parse numeric part of quantity";
/// `ErrSuffix`: the shape is right but the suffix is unknown (e.g. `1i`, `0.1mi`, `1e`).
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";

/// Scale (power of ten) constants, as in `resource.Nano` … `resource.Exa`.
pub const NANO: i32 = -9;
pub const MICRO: i32 = -6;
pub const MILLI: i32 = -3;
pub const KILO: i32 = 3;
pub const MEGA: i32 = 6;
pub const GIGA: i32 = 9;

/// Largest decimal shift arithmetic will materialise (see the module limits).
pub const MAX_ALIGN_DIGITS: u64 = 10_000;

/// `maxInt64Factors`: how many decimal digits the int64 fast path accepts.
const MAX_INT64_FACTORS: i64 = 18;

/// How a quantity remembers to print itself (`resource.Format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Format {
    /// `12e6`
    DecimalExponent,
    /// `12Mi` (12 * 2^20)
    BinarySI,
    /// `12M` (12 * 10^6)
    DecimalSI,
    /// Go's empty Format: a zero `Quantity{}` (e.g. decoded from JSON `null`). Prints like
    /// DecimalExponent if it ever holds a non-zero value.
    Unset,
}

/// A signed decimal: `(-1)^negative * magnitude * 10^exponent`. Zero is never negative.
#[derive(Debug, Clone)]
struct Amount {
    negative: bool,
    magnitude: Natural,
    exponent: i64,
}

impl Amount {
    fn zero() -> Amount {
        Amount {
            negative: false,
            magnitude: Natural::zero(),
            exponent: 0,
        }
    }

    fn new(negative: bool, magnitude: Natural, exponent: i64) -> Amount {
        let negative = negative && !magnitude.is_zero();
        Amount {
            negative,
            magnitude,
            exponent,
        }
    }

    fn from_i64(value: i64, exponent: i64) -> Amount {
        Amount::new(value < 0, Natural::from_u64(value.unsigned_abs()), exponent)
    }

    fn is_zero(&self) -> bool {
        self.magnitude.is_zero()
    }

    fn sign(&self) -> i32 {
        match (self.is_zero(), self.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        }
    }

    fn negated(&self) -> Amount {
        Amount::new(!self.negative, self.magnitude.clone(), self.exponent)
    }

    fn cmp(&self, other: &Amount) -> Ordering {
        match self.sign().cmp(&other.sign()) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        let by_magnitude = cmp_magnitude(self, other);
        if self.negative {
            by_magnitude.reverse()
        } else {
            by_magnitude
        }
    }

    fn add(&self, other: &Amount) -> Amount {
        if other.is_zero() {
            return self.clone();
        }
        if self.is_zero() {
            return other.clone();
        }
        let (a, b, exponent) = match align(self, other) {
            Some(aligned) => aligned,
            // The terms are more than MAX_ALIGN_DIGITS apart in scale: keep the larger one.
            None => {
                return if cmp_magnitude(self, other) == Ordering::Less {
                    other.clone()
                } else {
                    self.clone()
                };
            }
        };
        if self.negative == other.negative {
            return Amount::new(self.negative, a.add(&b), exponent);
        }
        match a.cmp(&b) {
            Ordering::Equal => Amount::zero(),
            Ordering::Greater => Amount::new(self.negative, a.sub(&b), exponent),
            Ordering::Less => Amount::new(other.negative, b.sub(&a), exponent),
        }
    }

    /// Rounds to a multiple of 10^scale, away from zero (inf.RoundUp); `true` if exact.
    /// Amounts already at that precision keep their representation.
    fn round_up(&self, scale: i64) -> (Amount, bool) {
        if self.exponent >= scale || self.is_zero() {
            return (self.clone(), true);
        }
        let shift = (scale - self.exponent) as u64;
        let (mut quotient, inexact) = self.magnitude.div_pow10(shift);
        if inexact {
            quotient = quotient.add(&Natural::from_u64(1));
        }
        (Amount::new(self.negative, quotient, scale), !inexact)
    }

    /// The integer magnitude, for amounts with no fractional part that fit MAX_ALIGN_DIGITS.
    fn integer_magnitude(&self) -> Option<Natural> {
        if self.exponent >= 0 {
            let digits = self.magnitude.digit_count() + self.exponent as u64;
            if digits > MAX_ALIGN_DIGITS {
                return None;
            }
            return Some(self.magnitude.mul_pow10(self.exponent as u64));
        }
        let (quotient, inexact) = self.magnitude.div_pow10(self.exponent.unsigned_abs());
        (!inexact).then_some(quotient)
    }

    /// The value as an i64, saturating; callers round first.
    fn to_i64_saturating(&self) -> i64 {
        let limit = if self.negative { i64::MIN } else { i64::MAX };
        if self.is_zero() {
            return 0;
        }
        let magnitude = if self.exponent >= 0 {
            if self.exponent > 19 {
                return limit;
            }
            self.magnitude.mul_pow10(self.exponent as u64).to_u64()
        } else {
            Some(self.magnitude.div_pow10(self.exponent.unsigned_abs()).0).and_then(|n| n.to_u64())
        };
        match magnitude {
            None => limit,
            Some(m) if self.negative => {
                if m > i64::MAX as u64 + 1 {
                    limit
                } else {
                    0i64.wrapping_sub_unsigned(m)
                }
            }
            Some(m) => i64::try_from(m).unwrap_or(limit),
        }
    }

    /// `AsCanonicalBytes`: mantissa text (with sign) and a base-10 exponent that is a
    /// multiple of 3, with every factor of ten moved into the exponent first.
    fn canonical_decimal(&self) -> (String, i64) {
        let zeros = self.magnitude.trailing_decimal_zeros();
        let (mut mantissa, _) = self.magnitude.div_pow10(zeros);
        let mut exponent = self.exponent + zeros as i64;
        let adjust = exponent.rem_euclid(3);
        mantissa = mantissa.mul_pow10(adjust as u64);
        exponent -= adjust;
        (signed_text(self.negative, &mantissa), exponent)
    }
}

fn signed_text(negative: bool, magnitude: &Natural) -> String {
    let digits = magnitude.to_decimal_string();
    if negative {
        format!("-{digits}")
    } else {
        digits
    }
}

/// Compares |a| and |b| without materialising huge powers of ten.
fn cmp_magnitude(a: &Amount, b: &Amount) -> Ordering {
    match (a.is_zero(), b.is_zero()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        _ => {}
    }
    // Position of the most significant digit decides unless both are equal.
    let top_a = a.magnitude.digit_count() as i128 + i128::from(a.exponent);
    let top_b = b.magnitude.digit_count() as i128 + i128::from(b.exponent);
    if top_a != top_b {
        return top_a.cmp(&top_b);
    }
    // Same leading position: the exponent gap is at most the digit-count gap.
    match a.exponent.cmp(&b.exponent) {
        Ordering::Equal => a.magnitude.cmp(&b.magnitude),
        Ordering::Greater => a
            .magnitude
            .mul_pow10((a.exponent - b.exponent) as u64)
            .cmp(&b.magnitude),
        Ordering::Less => a
            .magnitude
            .cmp(&b.magnitude.mul_pow10((b.exponent - a.exponent) as u64)),
    }
}

/// Both magnitudes at the smaller exponent, or None when that needs too many digits.
fn align(a: &Amount, b: &Amount) -> Option<(Natural, Natural, i64)> {
    let exponent = a.exponent.min(b.exponent);
    let shift_a = (a.exponent - exponent) as u64;
    let shift_b = (b.exponent - exponent) as u64;
    if shift_a.max(shift_b) > MAX_ALIGN_DIGITS {
        return None;
    }
    Some((
        a.magnitude.mul_pow10(shift_a),
        b.magnitude.mul_pow10(shift_b),
        exponent,
    ))
}

/// A parsed quantity. Equality and ordering compare the numeric value (`1000m == 1`).
#[derive(Debug, Clone)]
pub struct Quantity {
    amount: Amount,
    format: Format,
    /// Go's cached `s`: the text Kubernetes prints back verbatim (see the module docs).
    kept_text: Option<String>,
}

impl Default for Quantity {
    /// Go's zero `Quantity{}`: value 0, empty format, prints `0`.
    fn default() -> Self {
        Quantity {
            amount: Amount::zero(),
            format: Format::Unset,
            kept_text: None,
        }
    }
}

/// The pieces `parseQuantityString` splits a quantity into.
struct Pieces<'a> {
    positive: bool,
    /// The signed number text handed to inf.Dec on the slow path.
    value: &'a [u8],
    /// Integer digits without leading zeros ("0" when there are none).
    num: &'a [u8],
    /// Fraction digits as written.
    denom: &'a [u8],
    suffix: &'a [u8],
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

fn is_suffix_letter(b: u8) -> bool {
    b"eEinumkKMGTP".contains(&b)
}

/// `parseQuantityString`: a scanner that is deliberately more permissive than the grammar;
/// the suffix is interpreted afterwards.
fn scan(text: &str) -> Result<Pieces<'_>, &'static str> {
    let s = text.as_bytes();
    let end = s.len();
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let slice = |from: usize, to: usize| s.get(from..to).unwrap_or_default();
    let mut pos = 0;
    let mut positive = true;
    match at(0) {
        b'-' => {
            positive = false;
            pos += 1;
        }
        b'+' => pos += 1,
        _ => {}
    }
    while pos < end && at(pos) == b'0' {
        pos += 1;
    }
    if pos >= end {
        // Only a sign and zeros: the number is zero.
        return Ok(Pieces {
            positive,
            value: b"0",
            num: b"0",
            denom: b"",
            suffix: b"",
        });
    }
    let num_start = pos;
    while pos < end && is_digit(at(pos)) {
        pos += 1;
    }
    let mut num = slice(num_start, pos);
    if pos >= end {
        return Ok(Pieces {
            positive,
            value: s,
            num,
            denom: b"",
            suffix: b"",
        });
    }
    if num.is_empty() {
        num = b"0";
    }
    let mut denom: &[u8] = b"";
    if at(pos) == b'.' {
        pos += 1;
        let denom_start = pos;
        while pos < end && is_digit(at(pos)) {
            pos += 1;
        }
        denom = slice(denom_start, pos);
        if pos >= end {
            return Ok(Pieces {
                positive,
                value: s,
                num,
                denom,
                suffix: b"",
            });
        }
    }
    let value = slice(0, pos);
    let suffix_start = pos;
    while pos < end && is_suffix_letter(at(pos)) {
        pos += 1;
    }
    if pos < end && matches!(at(pos), b'-' | b'+') {
        pos += 1;
    }
    while pos < end && is_digit(at(pos)) {
        pos += 1;
    }
    if pos < end {
        return Err(ERR_FORMAT_WRONG);
    }
    Ok(Pieces {
        positive,
        value,
        num,
        denom,
        suffix: slice(suffix_start, end),
    })
}

/// `quantitySuffixer.interpret`: (base, exponent, format).
fn interpret_suffix(suffix: &[u8]) -> Option<(u32, i64, Format)> {
    let decimal = |e| Some((10, e, Format::DecimalSI));
    let binary = |e| Some((2, e, Format::BinarySI));
    match suffix {
        b"" => decimal(0),
        b"n" => decimal(-9),
        b"u" => decimal(-6),
        b"m" => decimal(-3),
        b"k" => decimal(3),
        b"M" => decimal(6),
        b"G" => decimal(9),
        b"T" => decimal(12),
        b"P" => decimal(15),
        b"E" => decimal(18),
        b"Ki" => binary(10),
        b"Mi" => binary(20),
        b"Gi" => binary(30),
        b"Ti" => binary(40),
        b"Pi" => binary(50),
        b"Ei" => binary(60),
        [b'e' | b'E', rest @ ..] if !rest.is_empty() => {
            // strconv.ParseInt(rest, 10, 64), then int32(...) which wraps.
            let parsed = go_parse_i64(rest)?;
            Some((10, i64::from(parsed as i32), Format::DecimalExponent))
        }
        _ => None,
    }
}

/// `strconv.ParseInt(s, 10, 64)`: optional sign, at least one digit, no overflow.
fn go_parse_i64(s: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(s).ok()?;
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(is_digit) {
        return None;
    }
    text.parse::<i64>().ok()
}

/// `inf.Dec.SetString` on the scanner's value text: sign, digits, at most one point.
fn parse_decimal_text(value: &[u8]) -> Option<Amount> {
    let (negative, rest) = match value.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, value),
    };
    let (int_part, frac_part) = match rest.iter().position(|b| *b == b'.') {
        Some(dot) => (
            rest.get(..dot).unwrap_or_default(),
            rest.get(dot + 1..).unwrap_or_default(),
        ),
        None => (rest, &[][..]),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None; // "no digits read"
    }
    let mut digits = int_part.to_vec();
    digits.extend_from_slice(frac_part);
    Some(Amount::new(
        negative,
        Natural::from_digits(&digits),
        -(frac_part.len() as i64),
    ))
}

impl Quantity {
    /// `resource.ParseQuantity`. Errors are Kubernetes' exact texts
    /// ([`ERR_FORMAT_WRONG`], [`ERR_NUMERIC`], [`ERR_SUFFIX`]).
    pub fn parse(text: &str) -> Result<Quantity, String> {
        parse_quantity(text).map_err(str::to_string)
    }

    /// `Quantity.UnmarshalJSON` on the raw JSON text of a value: `null` is zero, a string's
    /// quotes are removed (escapes are *not* decoded, as in Go), surrounding whitespace is
    /// trimmed, and a bare number is parsed as written (`1000000000`, `0.5`, `1e+21`).
    pub fn from_json_text(raw: &str) -> Result<Quantity, String> {
        if raw == "null" {
            return Ok(Quantity::default());
        }
        let inner = if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
            raw.get(1..raw.len() - 1).unwrap_or_default()
        } else {
            raw
        };
        Quantity::parse(inner.trim())
    }

    /// A decoded JSON value: strings and numbers parse, `null` is zero, anything else is
    /// ErrFormatWrong (as Go's UnmarshalJSON would find). Numbers use serde_json's text for
    /// them; a decoder that has the original number text should use [`Self::from_json_text`].
    pub fn from_json_value(value: &serde_json::Value) -> Result<Quantity, String> {
        match value {
            serde_json::Value::Null => Ok(Quantity::default()),
            serde_json::Value::String(s) => Quantity::parse(s.trim()),
            serde_json::Value::Number(n) => Quantity::parse(&n.to_string()),
            _ => Err(ERR_FORMAT_WRONG.to_string()),
        }
    }

    /// `resource.NewQuantity(value, format)`.
    pub fn new(value: i64, format: Format) -> Quantity {
        Quantity::new_scaled_with_format(value, 0, format)
    }

    /// `resource.NewMilliQuantity(value, format)`.
    pub fn new_milli(value: i64, format: Format) -> Quantity {
        Quantity::new_scaled_with_format(value, MILLI, format)
    }

    /// `resource.NewScaledQuantity(value, scale)`: value * 10^scale in DecimalSI.
    pub fn new_scaled(value: i64, scale: i32) -> Quantity {
        Quantity::new_scaled_with_format(value, scale, Format::DecimalSI)
    }

    fn new_scaled_with_format(value: i64, scale: i32, format: Format) -> Quantity {
        Quantity {
            amount: Amount::from_i64(value, i64::from(scale)),
            format,
            kept_text: None,
        }
    }

    /// What Kubernetes prints for this quantity (`String()` and `MarshalJSON`): the kept
    /// original text when the parser kept it, else [`Self::canonicalize`].
    pub fn canonical(&self) -> String {
        match &self.kept_text {
            Some(text) => text.clone(),
            None => self.canonicalize(),
        }
    }

    /// The computed canonical form (`CanonicalizeBytes`), ignoring any kept original text.
    pub fn canonicalize(&self) -> String {
        if self.amount.is_zero() {
            return "0".to_string();
        }
        if self.format == Format::BinarySI {
            if let Some(text) = self.canonical_binary() {
                return text;
            }
        }
        let (mantissa, exponent) = self.amount.canonical_decimal();
        let suffix = match self.format {
            Format::DecimalExponent | Format::Unset => {
                if exponent == 0 {
                    String::new()
                } else {
                    format!("e{exponent}")
                }
            }
            // BinarySI falling back, and DecimalSI. Exponents without a suffix print none.
            Format::BinarySI | Format::DecimalSI => decimal_si_suffix(exponent).to_string(),
        };
        mantissa + &suffix
    }

    /// Binary form, or None when Kubernetes would print this binary quantity in decimal:
    /// |value| < 1024, or a fractional value.
    fn canonical_binary(&self) -> Option<String> {
        if self.cmp_i64(-1024) == Ordering::Greater && self.cmp_i64(1024) == Ordering::Less {
            return None;
        }
        let mut mantissa = self.amount.integer_magnitude()?;
        let mut times = 0;
        loop {
            let (quotient, remainder) = mantissa.divmod_small(1024);
            if remainder != 0 || quotient.is_zero() {
                break;
            }
            mantissa = quotient;
            times += 1;
        }
        let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
            .get(times)
            .copied()
            .unwrap_or("");
        Some(signed_text(self.amount.negative, &mantissa) + suffix)
    }

    /// The format this quantity prints with.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Whether Kubernetes would print the original text back verbatim (its parser judged it
    /// canonical), rather than a recomputed form.
    pub fn keeps_original_text(&self) -> bool {
        self.kept_text.is_some()
    }

    /// `IsZero`.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// `Sign`: -1, 0 or 1.
    pub fn sign(&self) -> i32 {
        self.amount.sign()
    }

    /// `CmpInt64`.
    pub fn cmp_i64(&self, value: i64) -> Ordering {
        self.amount.cmp(&Amount::from_i64(value, 0))
    }

    /// `RoundUp(scale)`: rounds away from zero to a multiple of 10^scale; `false` if that lost
    /// precision. A quantity already that precise is untouched (and keeps its text), which is
    /// why `SetDefaults_ResourceList` (scale -3) leaves `100m` alone but turns `0.0001` into `1m`.
    pub fn round_up(&mut self, scale: i32) -> bool {
        let scale = i64::from(scale);
        if self.amount.exponent >= scale {
            return true;
        }
        let (rounded, exact) = self.amount.round_up(scale);
        self.amount = rounded;
        self.kept_text = None;
        exact
    }

    /// Go's `%#v` of this quantity in its int64 form, as v1.33's field errors print a bad
    /// quantity: `resource.Quantity{i:resource.int64Amount{value:500, scale:-3},
    /// d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"500m", Format:"DecimalSI"}` (`s` is the
    /// kept text, empty when none). A quantity Kubernetes holds as an inf.Dec prints a pointer
    /// address there, which nothing can reproduce, so only the int64 form is modelled.
    pub fn go_syntax(&self) -> String {
        let magnitude = self.amount.magnitude.to_u64().unwrap_or(u64::MAX);
        let value = if self.amount.negative {
            format!("-{magnitude}")
        } else {
            magnitude.to_string()
        };
        let format = match self.format {
            Format::DecimalExponent => "DecimalExponent",
            Format::BinarySI => "BinarySI",
            Format::DecimalSI => "DecimalSI",
            Format::Unset => "",
        };
        let kept = self.kept_text.as_deref().unwrap_or("");
        format!(
            "resource.Quantity{{i:resource.int64Amount{{value:{value}, scale:{}}}, d:resource.infDecAmount{{Dec:(*inf.Dec)(nil)}}, s:{}, Format:{}}}",
            self.amount.exponent,
            crate::go::strconv::quote(kept),
            crate::go::strconv::quote(format),
        )
    }

    /// `Add`: if this quantity is zero it takes `other`'s format.
    pub fn add(&mut self, other: &Quantity) {
        self.kept_text = None;
        if self.amount.is_zero() {
            self.format = other.format;
        }
        self.amount = self.amount.add(&other.amount);
    }

    /// `Sub`: if this quantity is zero it takes `other`'s format.
    pub fn sub(&mut self, other: &Quantity) {
        self.kept_text = None;
        if self.amount.is_zero() {
            self.format = other.format;
        }
        self.amount = self.amount.add(&other.amount.negated());
    }

    /// `Neg`.
    pub fn neg(&mut self) {
        self.kept_text = None;
        self.amount = self.amount.negated();
    }

    /// `Value`: the value rounded away from zero to an integer (saturating at the i64 range).
    pub fn value(&self) -> i64 {
        self.scaled_value(0)
    }

    /// `MilliValue`: value * 1000 rounded away from zero (saturating).
    pub fn milli_value(&self) -> i64 {
        self.scaled_value(MILLI)
    }

    /// `ScaledValue(scale)`: value / 10^scale rounded away from zero (saturating).
    pub fn scaled_value(&self, scale: i32) -> i64 {
        let shifted = Amount {
            exponent: self.amount.exponent - i64::from(scale),
            ..self.amount.clone()
        };
        shifted.round_up(0).0.to_i64_saturating()
    }

    /// The exact integer value, if the quantity is a whole number within the i64 range.
    pub fn as_i64(&self) -> Option<i64> {
        let (rounded, exact) = self.amount.round_up(0);
        if !exact {
            return None;
        }
        let value = rounded.to_i64_saturating();
        (Amount::from_i64(value, 0).cmp(&self.amount) == Ordering::Equal).then_some(value)
    }
}

fn decimal_si_suffix(exponent: i64) -> &'static str {
    match exponent {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => "",
    }
}

fn parse_quantity(text: &str) -> Result<Quantity, &'static str> {
    if text.is_empty() {
        return Err(ERR_FORMAT_WRONG);
    }
    if text == "0" {
        return Ok(Quantity {
            amount: Amount::zero(),
            format: Format::DecimalSI,
            kept_text: Some(text.to_string()),
        });
    }
    let pieces = scan(text)?;
    let (base, exponent, format) = interpret_suffix(pieces.suffix).ok_or(ERR_SUFFIX)?;
    if let Some(quantity) = parse_fast(text, &pieces, base, exponent, format) {
        return Ok(quantity);
    }
    parse_exact(&pieces, base, exponent, format)
}

/// The int64 fast path of ParseQuantity. Returns None where Kubernetes falls back to inf.Dec
/// (too many digits, finer than nano, a binary fraction, or int64 overflow). Its results are
/// numerically identical to the exact path; it matters because only this path keeps the
/// original text.
fn parse_fast(
    text: &str,
    pieces: &Pieces<'_>,
    base: u32,
    exponent: i64,
    format: Format,
) -> Option<Quantity> {
    let digit_count = (pieces.num.len() + pieces.denom.len()) as i64;
    let (precision, mut scale, multiplier) = if base == 2 {
        if !pieces.denom.is_empty() {
            return None;
        }
        // "1Mi (2^20) has ~6 digits of decimal precision": exponent*3/10 digits.
        let precision = 15 - pieces.num.len() as i64 - exponent * 3 / 10 - 1;
        (precision, 0, 1i64 << exponent)
    } else {
        (MAX_INT64_FACTORS - digit_count, exponent, 1)
    };
    if precision < 0 {
        return None;
    }
    scale -= pieces.denom.len() as i64;
    if scale < i64::from(NANO) {
        return None;
    }
    let mut shifted = pieces.num.to_vec();
    shifted.extend_from_slice(pieces.denom);
    let digits = std::str::from_utf8(&shifted).ok()?;
    let value: i64 = digits.parse().ok()?;
    let magnitude = value.checked_mul(multiplier)?;
    let amount = Amount::new(!pieces.positive, Natural::from_u64(magnitude as u64), scale);
    let already_canonical = if base == 2 {
        // A multiple of 8 might also be a multiple of 1024 and print with a larger suffix.
        exponent % 10 == 0 && value & 0x07 != 0
    } else {
        scale % 3 == 0 && !shifted.ends_with(b"000") && shifted.first() != Some(&b'0')
    };
    Some(Quantity {
        amount,
        format,
        kept_text: already_canonical.then(|| text.to_string()),
    })
}

/// The inf.Dec path: exact decimal, rounded up to nano, binary capped at 2^63-1.
fn parse_exact(
    pieces: &Pieces<'_>,
    base: u32,
    exponent: i64,
    mut format: Format,
) -> Result<Quantity, &'static str> {
    let parsed = parse_decimal_text(pieces.value).ok_or(ERR_NUMERIC)?;
    let negative = parsed.negative;
    let mut magnitude = Amount::new(false, parsed.magnitude, parsed.exponent);
    if base == 10 {
        magnitude.exponent += exponent;
    } else {
        magnitude.magnitude = magnitude.magnitude.shl_bits(exponent as u32);
    }
    // "if you want some resources, you should get some resources": round up, not half-up.
    magnitude = magnitude.round_up(i64::from(NANO)).0;
    if format == Format::BinarySI {
        let max = Amount::from_i64(i64::MAX, 0);
        if magnitude.cmp(&max) == Ordering::Greater {
            magnitude = max;
        }
        if !magnitude.is_zero() && magnitude.cmp(&Amount::from_i64(1, 0)) == Ordering::Less {
            format = Format::DecimalSI;
        }
    }
    Ok(Quantity {
        amount: Amount::new(negative, magnitude.magnitude, magnitude.exponent),
        format,
        kept_text: None,
    })
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.amount.cmp(&other.amount) == Ordering::Equal
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    /// `Cmp`: numeric comparison.
    fn cmp(&self, other: &Self) -> Ordering {
        self.amount.cmp(&other.amount)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl Serialize for Quantity {
    /// `MarshalJSON`: the canonical string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical())
    }
}

#[cfg(test)]
mod tests;
