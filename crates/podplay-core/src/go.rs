//! Go standard-library behaviour that shows in Kubernetes' messages and decisions, written
//! once for the whole core: quoting (`strconv`), `encoding/base64`, `encoding/json`'s syntax
//! check, `net/url`, `net/netip`, `path/filepath.Match`, `strings.ToUpper` and `time`
//! (RFC 3339).
//!
//! Each file follows one Go package; error texts are Go's, byte for byte.

pub mod base64;
pub mod filepath;
pub mod json;
pub mod netip;
pub mod strconv;
pub mod strings;
pub mod time;
pub mod url;
