//! Kubernetes resource quantities (`k8s.io/apimachinery/pkg/api/resource`). (contract stub)

/// A parsed quantity. Equality and ordering compare the numeric value.
#[derive(Debug, Clone)]
pub struct Quantity {
    text: String,
}

/// The exact error Kubernetes gives for an unparsable quantity.
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

impl Quantity {
    /// `resource.ParseQuantity`.
    pub fn parse(text: &str) -> Result<Quantity, String> {
        Ok(Quantity {
            text: text.to_string(),
        })
    }

    /// The canonical form Kubernetes serializes (`0.5` → `500m`, `1e9` → `1G`).
    pub fn canonical(&self) -> String {
        self.text.clone()
    }
}

// stub until merge: numeric helpers container validation needs (the quantity helper owns the
// real implementation; these use f64 and are only precise enough for tests).
impl Quantity {
    fn approx(&self) -> f64 {
        let t = self.text.trim();
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .unwrap_or(t.len());
        let (num, suffix) = t.split_at(split);
        let base: f64 = num.parse().unwrap_or(0.0);
        let mult = match suffix {
            "" => 1.0,
            "n" => 1e-9,
            "u" => 1e-6,
            "m" => 1e-3,
            "k" => 1e3,
            "M" => 1e6,
            "G" => 1e9,
            "T" => 1e12,
            "P" => 1e15,
            "E" => 1e18,
            "Ki" => 1024.0,
            "Mi" => 1024f64.powi(2),
            "Gi" => 1024f64.powi(3),
            "Ti" => 1024f64.powi(4),
            "Pi" => 1024f64.powi(5),
            "Ei" => 1024f64.powi(6),
            s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().unwrap_or(0)),
            _ => 1.0,
        };
        base * mult
    }

    /// stub until merge: `Quantity.Cmp`.
    pub fn cmp(&self, other: &Quantity) -> std::cmp::Ordering {
        self.approx()
            .partial_cmp(&other.approx())
            .unwrap_or(std::cmp::Ordering::Equal)
    }

    /// stub until merge: `Quantity.Sign` (-1, 0, 1).
    pub fn sign(&self) -> i32 {
        let v = self.approx();
        if v < 0.0 {
            -1
        } else if v > 0.0 {
            1
        } else {
            0
        }
    }

    /// stub until merge: `Quantity.IsZero`.
    pub fn is_zero(&self) -> bool {
        self.sign() == 0
    }

    /// stub until merge: `Quantity.Value` (rounded up).
    pub fn value(&self) -> i64 {
        self.approx().ceil() as i64
    }

    /// stub until merge: `Quantity.MilliValue` (rounded up).
    pub fn milli_value(&self) -> i64 {
        (self.approx() * 1000.0).round_ties_even().ceil() as i64
    }
}
