//! A float written with a fixed number of decimals, as Go's `%.6f` and Rust's `{:.6}` write it
//! (the exact binary value rounded half to even).
//!
//! The standard library's float formatter is about 13 KB of WebAssembly; the page needs it
//! for two labels only, so this exact long-hand version (decimal digits of the float's
//! mantissa, scaled by its power of two) replaces it. It is slow for huge exponents, which
//! never occur in those labels (a limit/request ratio and a time in milliseconds).

/// `v` with `places` decimals: `fixed(1.0078125, 6)` is `"1.007812"`, like `format!("{v:.6}")`.
pub fn fixed(v: f64, places: usize) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v.is_infinite() {
        return format!("{sign}inf");
    }
    let (mantissa, exponent) = mantissa_exponent(v);
    // Decimal digits, least significant first, of the exact value × 10^point.
    let mut digits = decimal_digits(mantissa);
    let mut point = 0;
    if exponent >= 0 {
        for _ in 0..exponent {
            multiply(&mut digits, 2);
        }
    } else {
        // m / 2^k = m × 5^k / 10^k
        for _ in 0..exponent.unsigned_abs() {
            multiply(&mut digits, 5);
        }
        point = exponent.unsigned_abs() as usize;
    }
    if point > places {
        round_off(&mut digits, point - places);
    } else {
        let mut padded = vec![0; places - point];
        padded.append(&mut digits);
        digits = padded;
    }
    // Now digits × 10^-places; at least one digit before the point.
    while digits.len() <= places {
        digits.push(0);
    }
    while digits.len() > places + 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    let mut out = String::with_capacity(digits.len() + 2);
    out.push_str(sign);
    for (i, d) in digits.iter().enumerate().rev() {
        out.push(char::from(b'0' + d));
        if i == places && places > 0 {
            out.push('.');
        }
    }
    out
}

/// `v`'s magnitude as mantissa × 2^exponent (exact).
fn mantissa_exponent(v: f64) -> (u64, i32) {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074) // subnormal
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

fn decimal_digits(mut n: u64) -> Vec<u8> {
    let mut digits = Vec::new();
    while n > 0 {
        digits.push((n % 10) as u8);
        n /= 10;
    }
    digits
}

fn multiply(digits: &mut Vec<u8>, factor: u8) {
    let mut carry = 0;
    for d in digits.iter_mut() {
        let x = *d * factor + carry;
        *d = x % 10;
        carry = x / 10;
    }
    if carry > 0 {
        digits.push(carry);
    }
}

/// Drops the `drop` lowest digits, rounding half to even.
fn round_off(digits: &mut Vec<u8>, drop: usize) {
    if drop == 0 {
        return;
    }
    // Digits past the end are zeros.
    let first = digits.get(drop - 1).copied().unwrap_or(0);
    let below = &digits[..(drop - 1).min(digits.len())];
    let rest_zero = below.iter().all(|&d| d == 0);
    let kept_odd = digits.get(drop).is_some_and(|d| d % 2 == 1);
    let up = first > 5 || (first == 5 && (!rest_zero || kept_odd));
    digits.drain(..drop.min(digits.len()));
    if up {
        let mut i = 0;
        loop {
            match digits.get_mut(i) {
                Some(9) => digits[i] = 0,
                Some(d) => {
                    *d += 1;
                    break;
                }
                None => {
                    digits.push(1);
                    break;
                }
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn writes_like_go_f_and_rust_precision() {
        let rows: &[(f64, usize, &str)] = &[
            (1.0078125, 6, "1.007812"), // exact tie: half to even
            (1.0234375, 6, "1.023438"), // exact tie: half to even (up)
            (2.5, 0, "2"),
            (3.5, 0, "4"),
            (0.25, 1, "0.2"),
            (0.35, 1, "0.3"), // 0.34999… in binary
            (1.5, 6, "1.500000"),
            (0.0, 1, "0.0"),
            (-0.0, 1, "-0.0"),
            (-0.04, 1, "-0.0"),
            (9.96, 1, "10.0"),
            (0.999_999_9, 6, "1.000000"),
            (1e21, 2, "1000000000000000000000.00"),
            (1e23, 0, "99999999999999991611392"),
            (5e-324, 3, "0.000"),
            (123.456, 0, "123"),
            (f64::NAN, 2, "NaN"),
            (f64::INFINITY, 2, "inf"),
            (f64::NEG_INFINITY, 2, "-inf"),
        ];
        for &(v, places, want) in rows {
            assert_eq!(fixed(v, places), want, "{v:e} with {places} places");
        }
    }

    #[test]
    fn matches_the_standard_library() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..50_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Ratios of integers (as the limit ranger forms them) and plain random magnitudes.
            let v = if i % 2 == 0 {
                (x >> 40) as f64 / ((x & 0xffff) + 1) as f64
            } else {
                (x >> 11) as f64 / (1u64 << ((x % 60) as u32)) as f64
            };
            for places in [0, 1, 6] {
                assert_eq!(fixed(v, places), format!("{v:.places$}"), "{v:e}");
            }
        }
    }
}
