//! PodLevelResources defaulting in `SetDefaults_Pod` (`defaultHugePagePodLimits`, then
//! `defaultPodRequests`), only when `spec.resources` is set.
//!
//! Sums and maxima of container quantities need quantity arithmetic; the small exact
//! arithmetic here (nano units, i128) keeps this self-contained.
//! TODO(merge): switch to crate::quantity arithmetic if it grows add/cmp.

use crate::changes::{by, Changes};
use crate::quantity::Quantity;
use serde_json::{json, Map, Value};

const SRC: &str = "pkg/apis/core/v1/defaults.go:SetDefaults_Pod";

/// cpu, memory and hugepages-* may be set at pod level.
fn is_supported_pod_level(name: &str) -> bool {
    name == "cpu" || name == "memory" || name.starts_with("hugepages-")
}

fn is_hugepages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// Native, non-hugepage resources may be overcommitted (request < limit).
fn is_overcommit_allowed(name: &str) -> bool {
    let native = !name.contains('/') || name.starts_with("kubernetes.io/");
    native && !is_hugepages(name)
}

pub fn default_pod_level_resources(
    spec: &mut Map<String, Value>,
    path: &str,
    changes: &mut Changes,
) {
    let Some(res) = spec.get("resources").and_then(Value::as_object) else {
        return;
    };
    let mut limits = res
        .get("limits")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut requests = res
        .get("requests")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let spec_value = Value::Object(spec.clone());

    // defaultHugePagePodLimits
    let mut limits_changed = false;
    if !(limits.is_empty() && requests.is_empty()) {
        for (key, q) in aggregate(&spec_value, "limits") {
            if !is_supported_pod_level(&key) || !is_hugepages(&key) || requests.contains_key(&key) {
                continue;
            }
            if !limits.contains_key(&key) {
                let text = q.to_text();
                limits.insert(key.clone(), json!(text));
                limits_changed = true;
                changes.add(
                    format!("{path}.resources.limits[{key}]"),
                    json!(text),
                    by::DEFAULTING,
                    "defaults.pod.podLevelHugePageLimits",
                    format!("the pod sets pod-level resources but no {key} limit: it is the sum of the containers' {key} limits"),
                    Some(SRC),
                );
            }
        }
    }

    // defaultPodRequests
    let mut requests_changed = false;
    if !limits.is_empty() {
        for (key, q) in aggregate(&spec_value, "requests") {
            if !requests.contains_key(&key)
                && is_supported_pod_level(&key)
                && is_overcommit_allowed(&key)
            {
                let text = q.to_text();
                requests.insert(key.clone(), json!(text));
                requests_changed = true;
                changes.add(
                    format!("{path}.resources.requests[{key}]"),
                    json!(text),
                    by::DEFAULTING,
                    "defaults.pod.podLevelRequestsFromContainers",
                    format!("the pod has a pod-level limit but no pod-level {key} request: it is the containers' total {key} request"),
                    Some(SRC),
                );
            }
        }
        for (key, lim) in limits.clone() {
            if !requests.contains_key(&key) && is_supported_pod_level(&key) {
                requests.insert(key.clone(), lim.clone());
                requests_changed = true;
                changes.add(
                    format!("{path}.resources.requests[{key}]"),
                    lim,
                    by::DEFAULTING,
                    "defaults.pod.podLevelRequestsFromLimits",
                    format!("no container requests {key} and the pod has a pod-level {key} limit, so the pod-level request is the limit"),
                    Some(SRC),
                );
            }
        }
    }

    if let Some(res) = spec.get_mut("resources").and_then(Value::as_object_mut) {
        if limits_changed {
            res.insert("limits".into(), Value::Object(limits));
        }
        if requests_changed {
            res.insert("requests".into(), Value::Object(requests));
        }
    }
}

/// `AggregateContainerRequests` / `AggregateContainerLimits`: regular containers and
/// sidecars add up; each plain init container (plus the sidecars started before it) is a
/// candidate maximum.
pub(crate) fn aggregate(spec: &Value, list: &str) -> Vec<(String, Q)> {
    let mut total: Vec<(String, Q)> = Vec::new();
    for c in spec
        .get("containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        add_list(&mut total, &container_list(c, list));
    }
    let mut sidecars: Vec<(String, Q)> = Vec::new();
    let mut init_max: Vec<(String, Q)> = Vec::new();
    for c in spec
        .get("initContainers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let own = container_list(c, list);
        let candidate = if c.get("restartPolicy").and_then(Value::as_str) == Some("Always") {
            add_list(&mut total, &own);
            add_list(&mut sidecars, &own);
            sidecars.clone()
        } else {
            let mut tmp = Vec::new();
            add_list(&mut tmp, &own);
            add_list(&mut tmp, &sidecars);
            tmp
        };
        max_list(&mut init_max, &candidate);
    }
    max_list(&mut total, &init_max);
    total
}

fn container_list(c: &Value, list: &str) -> Vec<(String, Q)> {
    let Some(m) = c
        .get("resources")
        .and_then(|r| r.get(list))
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    m.iter()
        .filter_map(|(k, v)| {
            let text = crate::pod_json::quantity_text(v)?;
            Some((k.clone(), Q::parse(&text)?))
        })
        .collect()
}

fn add_list(into: &mut Vec<(String, Q)>, add: &[(String, Q)]) {
    for (k, q) in add {
        match into.iter_mut().find(|(n, _)| n == k) {
            Some((_, have)) => have.nanos = have.nanos.saturating_add(q.nanos),
            None => into.push((k.clone(), *q)),
        }
    }
}

fn max_list(into: &mut Vec<(String, Q)>, other: &[(String, Q)]) {
    for (k, q) in other {
        match into.iter_mut().find(|(n, _)| n == k) {
            Some((_, have)) if q.nanos > have.nanos => *have = *q,
            Some(_) => {}
            None => into.push((k.clone(), *q)),
        }
    }
}

/// An exact quantity in nano units, remembering whether it was written with a binary suffix.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Q {
    pub(crate) nanos: i128,
    binary: bool,
}

impl Q {
    pub(crate) fn parse(text: &str) -> Option<Q> {
        let t = text.trim();
        let num_end = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .unwrap_or(t.len());
        let (num, suffix) = t.split_at(num_end);
        let (neg, digits) = match num.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, num.strip_prefix('+').unwrap_or(num)),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        if int_part.len() + frac_part.len() == 0 || int_part.len() + frac_part.len() > 30 {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        let mut exp10: i32 = -(frac_part.len() as i32) + 9; // to nano units
        let mut mul: i128 = 1;
        let mut binary = false;
        match suffix {
            "" => {}
            "n" => exp10 -= 9,
            "u" => exp10 -= 6,
            "m" => exp10 -= 3,
            "k" => exp10 += 3,
            "M" => exp10 += 6,
            "G" => exp10 += 9,
            "T" => exp10 += 12,
            "P" => exp10 += 15,
            "E" => exp10 += 18,
            "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" => {
                binary = true;
                let power = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                    .iter()
                    .position(|s| *s == suffix)?
                    + 1;
                mul = 1i128 << (10 * power);
            }
            s if s.starts_with(['e', 'E']) => exp10 += s[1..].parse::<i32>().ok()?,
            _ => return None,
        }
        let mut v = mantissa.checked_mul(mul)?;
        if exp10 >= 0 {
            v = v.checked_mul(10i128.checked_pow(exp10 as u32)?)?;
        } else {
            let d = 10i128.checked_pow((-exp10) as u32)?;
            v = (v + d - 1) / d; // round up below nano precision
        }
        Some(Q {
            nanos: if neg { -v } else { v },
            binary,
        })
    }

    /// `MilliValue()`: the value in thousandths, rounded up.
    pub(crate) fn milli(self) -> i128 {
        let m = self.nanos.div_euclid(1_000_000);
        if self.nanos.rem_euclid(1_000_000) == 0 {
            m
        } else {
            m + 1
        }
    }

    /// Text for the value, in the first operand's format family, then canonicalized.
    pub(crate) fn to_text(self) -> String {
        let text = self.raw_text();
        Quantity::parse(&text)
            .map(|q| q.canonical())
            .unwrap_or(text)
    }

    fn raw_text(self) -> String {
        let n = self.nanos;
        if self.binary && n % 1_000_000_000 == 0 {
            let bytes = n / 1_000_000_000;
            for (i, suffix) in ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"].iter().enumerate() {
                let unit = 1i128 << (10 * (6 - i));
                if bytes != 0 && bytes % unit == 0 {
                    return format!("{}{suffix}", bytes / unit);
                }
            }
            return bytes.to_string();
        }
        if n % 1_000_000_000 == 0 {
            return (n / 1_000_000_000).to_string();
        }
        if n % 1_000_000 == 0 {
            return format!("{}m", n / 1_000_000);
        }
        if n % 1_000 == 0 {
            return format!("{}u", n / 1_000);
        }
        format!("{n}n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_arithmetic_keeps_format_family() {
        let a = Q::parse("500m").unwrap();
        let b = Q::parse("1").unwrap();
        let mut l = vec![("cpu".to_string(), a)];
        add_list(&mut l, &[("cpu".to_string(), b)]);
        assert_eq!(l[0].1.raw_text(), "1500m");
        let m = Q::parse("128Mi").unwrap();
        let mut l = vec![("memory".to_string(), m)];
        add_list(&mut l, &[("memory".to_string(), Q::parse("64Mi").unwrap())]);
        assert_eq!(l[0].1.raw_text(), "192Mi");
        assert_eq!(Q::parse("1e3").unwrap().raw_text(), "1000");
        assert!(Q::parse("1x").is_none());
    }

    #[test]
    fn pod_requests_default_from_containers_then_limits() {
        let mut spec = json!({
            "resources": {"limits": {"cpu": "2", "memory": "1Gi"}},
            "containers": [
                {"name": "a", "resources": {"requests": {"cpu": "500m"}}},
                {"name": "b", "resources": {"requests": {"cpu": "250m"}}}
            ]
        });
        let mut ch = Changes::new();
        default_pod_level_resources(spec.as_object_mut().unwrap(), "spec", &mut ch);
        assert_eq!(
            spec["resources"]["requests"],
            json!({"cpu": "750m", "memory": "1Gi"})
        );
        assert_eq!(ch.list.len(), 2);
    }

    #[test]
    fn nothing_without_pod_level_limits() {
        let mut spec = json!({
            "resources": {"requests": {"cpu": "1"}},
            "containers": [{"name": "a", "resources": {"requests": {"memory": "1Gi"}}}]
        });
        let mut ch = Changes::new();
        default_pod_level_resources(spec.as_object_mut().unwrap(), "spec", &mut ch);
        assert_eq!(spec["resources"], json!({"requests": {"cpu": "1"}}));
        assert!(ch.list.is_empty());
    }
}
