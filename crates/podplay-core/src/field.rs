//! Kubernetes field errors (`k8s.io/apimachinery/pkg/util/validation/field`) and their rendering.
//! (contract stub — the validation work fills in rendering details and helpers)

use serde::Serialize;
use serde_json::Value;

/// `field.ErrorType`, rendered as Kubernetes words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorType {
    #[serde(rename = "FieldValueNotFound")]
    NotFound,
    #[serde(rename = "FieldValueRequired")]
    Required,
    #[serde(rename = "FieldValueDuplicate")]
    Duplicate,
    #[serde(rename = "FieldValueInvalid")]
    Invalid,
    #[serde(rename = "FieldValueNotSupported")]
    NotSupported,
    #[serde(rename = "FieldValueForbidden")]
    Forbidden,
    #[serde(rename = "FieldValueTooLong")]
    TooLong,
    #[serde(rename = "FieldValueTooMany")]
    TooMany,
    #[serde(rename = "InternalError")]
    Internal,
    #[serde(rename = "FieldValueTypeInvalid")]
    TypeInvalid,
}

impl ErrorType {
    /// The words Kubernetes prints for this type (`Required value`, `Invalid value`, ...).
    pub fn text(self) -> &'static str {
        match self {
            ErrorType::NotFound => "Not found",
            ErrorType::Required => "Required value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
            ErrorType::TypeInvalid => "Invalid value",
        }
    }
}

/// One field error. `field` is the Kubernetes path (`spec.containers[0].image`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    #[serde(rename = "type")]
    pub kind: ErrorType,
    pub field: String,
    /// The offending value as JSON (None when Kubernetes omits it).
    #[serde(rename = "badValue")]
    pub bad_value: Option<Value>,
    pub detail: String,
}

impl FieldError {
    /// The full error string, as `field.Error.Error()` renders it.
    pub fn render(&self) -> String {
        // Filled in by the validation module's rendering rules (spec §H.1).
        format!("{}: {}: {}", self.field, self.kind.text(), self.detail)
    }
}
