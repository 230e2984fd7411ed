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
