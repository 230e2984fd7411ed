//! Admission plugins that act on Pod create (plugin/pkg/admission/*), one module per plugin, run in
//! kube-apiserver's order (`AllOrderedPlugins`): mutating phase first, then validating.

pub mod always_pull_images;
pub mod default_toleration_seconds;
pub mod limit_ranger;
pub mod namespace_lifecycle;
pub mod pod_topology_labels;
pub mod priority;
pub mod runtime_class;
pub mod service_account;

use crate::changes::Changes;
use crate::cluster::ClusterContext;
use crate::pod_json::name_for_errors;
use crate::versions::Version;
use serde::Serialize;
use serde_json::Value;

/// Which admission plugins run, like an admission configuration. Defaults match a
/// default kube-apiserver.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionSettings {
    pub service_account: bool,
    pub priority: bool,
    pub default_toleration_seconds: bool,
    pub runtime_class: bool,
    /// Default OFF in Kubernetes.
    pub always_pull_images: bool,
    /// Acts only when a LimitRange is given.
    pub limit_ranger: bool,
    /// `--default-not-ready-toleration-seconds`.
    pub not_ready_toleration_seconds: i64,
    /// `--default-unreachable-toleration-seconds`.
    pub unreachable_toleration_seconds: i64,
}

impl Default for AdmissionSettings {
    fn default() -> Self {
        AdmissionSettings {
            service_account: true,
            priority: true,
            default_toleration_seconds: true,
            runtime_class: true,
            always_pull_images: false,
            limit_ranger: true,
            not_ready_toleration_seconds: 300,
            unreachable_toleration_seconds: 300,
        }
    }
}

/// A rejection by an admission plugin.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionError {
    pub plugin: String,
    /// Full message, e.g. `pods "p" is forbidden: ...`.
    pub message: String,
    pub status_code: u16,
    /// The pod field the rejection concerns (`spec.priorityClassName`), set by the plugin
    /// that rejects; the report pins the error to that field's line in the input.
    pub field: String,
}

/// Pod-relevant plugins in `AllOrderedPlugins` order (pkg/kubeapiserver/options/plugins.go).
pub const ORDER: &[&str] = &[
    limit_ranger::NAME,
    service_account::NAME,
    always_pull_images::NAME,
    priority::NAME,
    default_toleration_seconds::NAME,
    runtime_class::NAME,
    pod_topology_labels::NAME,
];

/// What a plugin can see besides the pod.
pub struct Ctx<'a> {
    pub cluster: &'a ClusterContext,
    /// The request namespace (`a.GetNamespace()`).
    pub namespace: &'a str,
    pub settings: &'a AdmissionSettings,
    pub version: Version,
    pub names: &'a mut NameGenerator,
}

/// `admission.NewForbidden`: HTTP 403 `pods "<name>" is forbidden: <reason>`, where the
/// name is the pod's name, else its generateName prefix, else `Unknown`. `field` is the pod
/// field the rejection concerns.
pub fn forbidden(
    plugin: &str,
    pod: &Value,
    field: &str,
    reason: impl std::fmt::Display,
) -> AdmissionError {
    AdmissionError {
        plugin: plugin.to_string(),
        // apierrors.NewForbidden: `%s %q is forbidden: %v`.
        message: format!(
            "pods {} is forbidden: {reason}",
            crate::go::strconv::quote(&name_for_errors(pod))
        ),
        status_code: 403,
        field: field.to_string(),
    }
}

/// The mutating plugins that act on this request, in order. LimitRanger only counts when a
/// LimitRange exists in the namespace (otherwise it is a no-op), PodTopologyLabels only when
/// it has labels to copy (a pod created bound to a known node, gate on).
pub fn mutating_plugins(ctx: &Ctx, pod: &Value) -> Vec<&'static str> {
    let s = ctx.settings;
    ORDER
        .iter()
        .copied()
        .filter(|p| match *p {
            limit_ranger::NAME => {
                s.limit_ranger && !ctx.cluster.limit_ranges(ctx.namespace).is_empty()
            }
            service_account::NAME => s.service_account,
            always_pull_images::NAME => s.always_pull_images,
            priority::NAME => s.priority,
            default_toleration_seconds::NAME => s.default_toleration_seconds,
            runtime_class::NAME => s.runtime_class,
            pod_topology_labels::NAME => !pod_topology_labels::labels_to_copy(pod, ctx).is_empty(),
            _ => false,
        })
        .collect()
}

/// Runs the mutating phase; the first error stops it.
pub fn run_mutating(
    pod: &mut Value,
    plugins: &[&str],
    ctx: &mut Ctx,
    changes: &mut Changes,
) -> Result<(), AdmissionError> {
    for plugin in plugins {
        match *plugin {
            limit_ranger::NAME => limit_ranger::admit(pod, ctx, changes)?,
            service_account::NAME => service_account::admit(pod, ctx, changes)?,
            always_pull_images::NAME => always_pull_images::admit(pod, changes),
            priority::NAME => priority::admit(pod, ctx, changes)?,
            default_toleration_seconds::NAME => {
                default_toleration_seconds::admit(pod, ctx.settings, changes)
            }
            runtime_class::NAME => runtime_class::admit(pod, ctx, changes)?,
            pod_topology_labels::NAME => pod_topology_labels::admit(pod, ctx, changes),
            _ => {}
        }
    }
    Ok(())
}

/// Runs the validating phase (plugins with a Validate for pods); the first error stops it.
pub fn run_validating(pod: &Value, plugins: &[&str], ctx: &Ctx) -> Result<(), AdmissionError> {
    for plugin in plugins {
        match *plugin {
            limit_ranger::NAME => limit_ranger::validate(pod, ctx)?,
            service_account::NAME => service_account::validate(pod, ctx)?,
            always_pull_images::NAME => always_pull_images::validate(pod, &ctx.version)?,
            runtime_class::NAME => runtime_class::validate(pod, ctx)?,
            _ => {}
        }
    }
    Ok(())
}

/// `names.SimpleNameGenerator` with reproducible randomness: 5 characters from
/// `bcdfghjklmnpqrstvwxz2456789` (no vowels, no 0/1/3), drawn from a seeded PRNG so the
/// same input always gets the same names.
#[derive(Debug, Clone)]
pub struct NameGenerator {
    state: u64,
}

/// `apimachinery/pkg/util/rand` alphabet.
pub const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

impl NameGenerator {
    pub fn new(seed: u64) -> Self {
        NameGenerator { state: seed }
    }

    /// A seed from text (FNV-1a), e.g. the pod's namespace and name.
    pub fn seed_from(text: &str) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    }

    /// splitmix64.
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Five random characters.
    pub fn suffix(&mut self) -> String {
        (0..5)
            .map(|_| {
                let i = (self.next() % NAME_ALPHABET.len() as u64) as usize;
                char::from(NAME_ALPHABET.get(i).copied().unwrap_or(b'x'))
            })
            .collect()
    }

    /// `GenerateName(base)`: base truncated to 58 bytes, plus 5 random characters.
    pub fn generate(&mut self, base: &str) -> String {
        const MAX_GENERATED_NAME_LENGTH: usize = 58;
        let mut cut = base.len().min(MAX_GENERATED_NAME_LENGTH);
        while !base.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}{}", &base[..cut], self.suffix())
    }
}

#[cfg(test)]
mod tests;
