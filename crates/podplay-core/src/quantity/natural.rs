//! A small arbitrary-precision natural number, just big enough for quantities.
//!
//! Kubernetes falls back to `inf.Dec` (a big integer with a decimal scale) when a quantity
//! does not fit an int64. We need the same exactness without a bignum crate, so this holds
//! the magnitude in base-10^9 limbs (least significant first): decimal shifts, digit
//! counts and printing stay cheap, and the only divisions needed are by small numbers.

use std::cmp::Ordering;

const BASE: u64 = 1_000_000_000;
const POW10: [u64; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

/// A natural number. Invariant: no most-significant zero limbs (zero is the empty vector).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Natural {
    limbs: Vec<u32>,
}

impl Natural {
    pub(crate) fn zero() -> Natural {
        Natural { limbs: Vec::new() }
    }

    pub(crate) fn from_u64(mut value: u64) -> Natural {
        let mut limbs = Vec::new();
        while value > 0 {
            limbs.push((value % BASE) as u32);
            value /= BASE;
        }
        Natural { limbs }
    }

    /// Builds a number from ASCII decimal digits (callers pass digits only).
    pub(crate) fn from_digits(digits: &[u8]) -> Natural {
        let mut limbs = Vec::with_capacity(digits.len() / 9 + 1);
        let mut end = digits.len();
        while end > 0 {
            let start = end.saturating_sub(9);
            let chunk = digits
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .fold(0u32, |acc, d| {
                    acc * 10 + u32::from(d.wrapping_sub(b'0') % 10)
                });
            limbs.push(chunk);
            end = start;
        }
        let mut n = Natural { limbs };
        n.trim();
        n
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// The value as a u64, if it fits.
    pub(crate) fn to_u64(&self) -> Option<u64> {
        let mut value: u64 = 0;
        for limb in self.limbs.iter().rev() {
            value = value.checked_mul(BASE)?.checked_add(u64::from(*limb))?;
        }
        Some(value)
    }

    /// Number of decimal digits (0 for zero).
    pub(crate) fn digit_count(&self) -> u64 {
        match self.limbs.last() {
            None => 0,
            Some(top) => {
                let top_digits = POW10.iter().take_while(|p| **p <= u64::from(*top)).count();
                (self.limbs.len() as u64 - 1) * 9 + top_digits as u64
            }
        }
    }

    /// How many times 10 divides this number (0 for zero).
    pub(crate) fn trailing_decimal_zeros(&self) -> u64 {
        let mut count = 0;
        for limb in &self.limbs {
            if *limb == 0 {
                count += 9;
                continue;
            }
            let mut l = *limb;
            while l % 10 == 0 {
                l /= 10;
                count += 1;
            }
            return count;
        }
        0
    }

    pub(crate) fn add(&self, other: &Natural) -> Natural {
        let len = self.limbs.len().max(other.limbs.len());
        let mut limbs = Vec::with_capacity(len + 1);
        let mut carry = 0u64;
        for i in 0..len {
            let a = u64::from(self.limbs.get(i).copied().unwrap_or(0));
            let b = u64::from(other.limbs.get(i).copied().unwrap_or(0));
            let sum = a + b + carry;
            limbs.push((sum % BASE) as u32);
            carry = sum / BASE;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
        let mut n = Natural { limbs };
        n.trim();
        n
    }

    /// `self - other`; callers guarantee `self >= other` (saturates at zero otherwise).
    pub(crate) fn sub(&self, other: &Natural) -> Natural {
        if self.cmp(other) != Ordering::Greater {
            return Natural::zero();
        }
        let mut limbs = Vec::with_capacity(self.limbs.len());
        let mut borrow = 0i64;
        for (i, a) in self.limbs.iter().enumerate() {
            let b = i64::from(other.limbs.get(i).copied().unwrap_or(0));
            let mut diff = i64::from(*a) - b - borrow;
            borrow = 0;
            if diff < 0 {
                diff += BASE as i64;
                borrow = 1;
            }
            limbs.push(diff as u32);
        }
        let mut n = Natural { limbs };
        n.trim();
        n
    }

    /// `self * factor` for a factor up to u64::MAX.
    pub(crate) fn mul_small(&self, factor: u64) -> Natural {
        if factor == 0 || self.is_zero() {
            return Natural::zero();
        }
        let mut limbs = Vec::with_capacity(self.limbs.len() + 3);
        let mut carry: u128 = 0;
        for limb in &self.limbs {
            let product = u128::from(*limb) * u128::from(factor) + carry;
            limbs.push((product % u128::from(BASE)) as u32);
            carry = product / u128::from(BASE);
        }
        while carry > 0 {
            limbs.push((carry % u128::from(BASE)) as u32);
            carry /= u128::from(BASE);
        }
        Natural { limbs }
    }

    /// `self * 2^bits`.
    pub(crate) fn shl_bits(&self, mut bits: u32) -> Natural {
        let mut n = self.clone();
        while bits > 0 {
            let step = bits.min(62);
            n = n.mul_small(1u64 << step);
            bits -= step;
        }
        n
    }

    /// `self * 10^k`.
    pub(crate) fn mul_pow10(&self, k: u64) -> Natural {
        if self.is_zero() || k == 0 {
            return self.clone();
        }
        let whole = (k / 9) as usize;
        let rest = (k % 9) as usize;
        let mut limbs = vec![0u32; whole];
        limbs.extend_from_slice(&self.limbs);
        Natural { limbs }.mul_small(POW10[rest])
    }

    /// `(self / divisor, self % divisor)` for a small non-zero divisor.
    pub(crate) fn divmod_small(&self, divisor: u32) -> (Natural, u32) {
        if divisor == 0 {
            return (Natural::zero(), 0);
        }
        let d = u64::from(divisor);
        let mut limbs = vec![0u32; self.limbs.len()];
        let mut rem = 0u64;
        for (i, limb) in self.limbs.iter().enumerate().rev() {
            let cur = rem * BASE + u64::from(*limb);
            if let Some(slot) = limbs.get_mut(i) {
                *slot = (cur / d) as u32;
            }
            rem = cur % d;
        }
        let mut n = Natural { limbs };
        n.trim();
        (n, rem as u32)
    }

    /// `self / 10^k` truncated, and whether anything was cut off.
    pub(crate) fn div_pow10(&self, k: u64) -> (Natural, bool) {
        if k == 0 {
            return (self.clone(), false);
        }
        let whole = k / 9;
        if whole >= self.limbs.len() as u64 {
            return (Natural::zero(), !self.is_zero());
        }
        let whole = whole as usize;
        let dropped = self.limbs.iter().take(whole).any(|l| *l != 0);
        let shifted = Natural {
            limbs: self.limbs.get(whole..).unwrap_or_default().to_vec(),
        };
        let (q, r) = shifted.divmod_small(POW10[(k % 9) as usize] as u32);
        (q, dropped || r != 0)
    }

    pub(crate) fn to_decimal_string(&self) -> String {
        match self.limbs.split_last() {
            None => "0".to_string(),
            Some((top, rest)) => {
                let mut s = top.to_string();
                for limb in rest.iter().rev() {
                    s.push_str(&format!("{limb:09}"));
                }
                s
            }
        }
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Self) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Natural {
        Natural::from_digits(s.as_bytes())
    }

    #[test]
    fn digits_round_trip() {
        for s in [
            "0",
            "1",
            "999999999",
            "1000000000",
            "123456789012345678901234567890",
        ] {
            assert_eq!(n(s).to_decimal_string(), s);
        }
        assert_eq!(n("000123").to_decimal_string(), "123");
        assert_eq!(n("").to_decimal_string(), "0");
    }

    #[test]
    fn arithmetic() {
        assert_eq!(
            n("999999999").add(&n("1")).to_decimal_string(),
            "1000000000"
        );
        assert_eq!(
            n("1000000000").sub(&n("1")).to_decimal_string(),
            "999999999"
        );
        assert_eq!(n("5").sub(&n("7")), Natural::zero());
        assert_eq!(
            n("12").mul_pow10(20).to_decimal_string(),
            "1200000000000000000000"
        );
        assert_eq!(
            n("1").shl_bits(70).to_decimal_string(),
            "1180591620717411303424"
        );
        let (q, r) = n("1180591620717411303425").divmod_small(1024);
        assert_eq!(
            (q.to_decimal_string().as_str(), r),
            ("1152921504606846976", 1)
        );
        assert_eq!(n("123456").div_pow10(3), (n("123"), true));
        assert_eq!(n("123000").div_pow10(3), (n("123"), false));
        assert_eq!(n("5").div_pow10(40), (Natural::zero(), true));
        assert_eq!(n("1200").trailing_decimal_zeros(), 2);
        assert_eq!(n("1000000000000").trailing_decimal_zeros(), 12);
        assert_eq!(n("1000000000").digit_count(), 10);
        assert_eq!(n("999999999").digit_count(), 9);
        assert_eq!(Natural::from_u64(u64::MAX).to_u64(), Some(u64::MAX));
        assert_eq!(n("18446744073709551616").to_u64(), None);
        assert!(n("1000000000") > n("999999999"));
    }
}
