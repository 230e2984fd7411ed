//! podplay-core: what a Kubernetes cluster would do with a Pod, as plain Rust.
//!
//! No web dependencies live here: the Yew UI and the `podplay` CLI both render the
//! serializable reports this crate produces. One module per concern; see
//! docs/ARCHITECTURE.md for the map from a Kubernetes rule to its module.

pub mod admission;
pub mod changes;
pub mod cluster;
pub mod containers;
pub mod credentials;
pub mod decode;
pub mod defaulting;
pub mod defaults_view;
pub mod describe;
pub mod diagnostic;
pub mod docs;
pub mod environment;
pub mod field;
pub mod fixed_point;
pub mod gallery;
pub mod go;
pub mod images;
pub mod input;
pub mod kubectl_yaml;
pub mod labels;
pub mod limits;
pub mod options;
pub mod pipeline;
pub mod placement;
pub mod pod_images;
pub mod pod_json;
pub mod qos;
pub mod quantity;
pub mod reference;
pub mod report;
pub mod resources;
pub mod scheduling;
pub mod schema;
pub mod small_sort;
pub mod startup;
pub mod termination;
pub mod timeline;
pub mod tolerations;
pub mod validation;
pub mod versions;
pub mod views;
pub mod warnings;
pub mod yaml;

pub use options::Options;
pub use report::{build, Report};
