//! Toleration algebra: `MergeTolerations` / `isSuperset` (pkg/util/tolerations, used by
//! RuntimeClass admission, plugin/pkg/admission/runtimeclass) and `ToleratesTaint`
//! (staging/src/k8s.io/api/core/v1/toleration.go).

use serde_json::Value;

/// A toleration's fields as Go compares them (missing = zero value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toleration {
    pub key: String,
    pub operator: String,
    pub value: String,
    pub effect: String,
    pub toleration_seconds: Option<i64>,
}

impl Toleration {
    /// Reads a v1 toleration object; non-objects read as the empty toleration.
    pub fn from_json(v: &Value) -> Toleration {
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        Toleration {
            key: s("key"),
            operator: s("operator"),
            value: s("value"),
            effect: s("effect"),
            toleration_seconds: v.get("tolerationSeconds").and_then(Value::as_i64),
        }
    }
}

impl Toleration {
    /// The one-line form `kubectl describe pod` prints under `Tolerations:`
    /// (`key=value:effect`, ` op=Exists` for an Exists without value, ` for Ns`), e.g.
    /// `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`
    /// (staging/src/k8s.io/kubectl/pkg/describe/describe.go printTolerationsMultilineWithIndent).
    pub fn describe(&self) -> String {
        let mut out = self.key.clone();
        if !self.value.is_empty() {
            out.push('=');
            out.push_str(&self.value);
        }
        if !self.effect.is_empty() {
            out.push(':');
            out.push_str(&self.effect);
        }
        if self.operator == "Exists" && self.value.is_empty() {
            // An Exists without key or effect tolerates everything: just `op=Exists`.
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str("op=Exists");
        }
        if let Some(s) = self.toleration_seconds {
            out.push_str(&format!(" for {s}s"));
        }
        out
    }
}

/// A node taint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: String,
}

/// `isSuperset(ss, t)`: whether every taint tolerated by `t` is also tolerated by `ss`.
pub fn is_superset(ss: &Toleration, t: &Toleration) -> bool {
    if ss == t {
        return true;
    }
    // An empty key with operator Exists matches every key.
    if t.key != ss.key && (!ss.key.is_empty() || ss.operator != "Exists") {
        return false;
    }
    // An empty effect matches every effect.
    if t.effect != ss.effect && !ss.effect.is_empty() {
        return false;
    }
    if ss.effect == "NoExecute" {
        if let Some(limit) = ss.toleration_seconds {
            match t.toleration_seconds {
                Some(secs) if secs <= limit => {}
                _ => return false,
            }
        }
    }
    match ss.operator.as_str() {
        // An empty operator means Equal, but only a literal Equal on `t` counts.
        "Equal" | "" => t.operator == "Equal" && t.value == ss.value,
        "Exists" => true,
        _ => false,
    }
}

/// A toleration `MergeTolerations` left out, and the one that covers it.
#[derive(Debug, Clone, PartialEq)]
pub struct DroppedToleration {
    /// Position in the concatenation `first ++ second` (below `first.len()`: from `first`).
    pub index: usize,
    pub toleration: Value,
    pub covered_by: Value,
    /// True when the covering toleration comes later in the concatenation (a strict superset
    /// seen ahead); false when an already kept toleration covers it (an equal one included).
    pub covered_by_later: bool,
}

/// `MergeTolerations(first, second)`: the concatenation with redundant tolerations removed,
/// in first-appearance order. A toleration is dropped when an already kept one covers it,
/// or when a later, different toleration covers it.
pub fn merge_tolerations(first: &[Value], second: &[Value]) -> Vec<Value> {
    merge_tolerations_explained(first, second).0
}

/// [`merge_tolerations`], also returning what was dropped and why.
pub fn merge_tolerations_explained(
    first: &[Value],
    second: &[Value],
) -> (Vec<Value>, Vec<DroppedToleration>) {
    let all: Vec<(&Value, Toleration)> = first
        .iter()
        .chain(second.iter())
        .map(|v| (v, Toleration::from_json(v)))
        .collect();
    let mut merged: Vec<(&Value, &Toleration)> = Vec::new();
    let mut dropped = Vec::new();
    for (i, (raw, t)) in all.iter().enumerate() {
        if let Some((kept, _)) = merged.iter().find(|(_, kept)| is_superset(kept, t)) {
            dropped.push(DroppedToleration {
                index: i,
                toleration: (*raw).clone(),
                covered_by: (*kept).clone(),
                covered_by_later: false,
            });
            continue;
        }
        let covered_later = all
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .find(|(_, later)| later != t && is_superset(later, t));
        if let Some((later, _)) = covered_later {
            dropped.push(DroppedToleration {
                index: i,
                toleration: (*raw).clone(),
                covered_by: (*later).clone(),
                covered_by_later: true,
            });
            continue;
        }
        merged.push((raw, t));
    }
    let merged = merged.into_iter().map(|(raw, _)| raw.clone()).collect();
    (merged, dropped)
}

/// `Toleration.ToleratesTaint`. `comparison_operators` = the TaintTolerationComparisonOperators gate.
pub fn tolerates_taint(t: &Toleration, taint: &Taint, comparison_operators: bool) -> bool {
    if !t.effect.is_empty() && t.effect != taint.effect {
        return false;
    }
    if !t.key.is_empty() && t.key != taint.key {
        return false;
    }
    match t.operator.as_str() {
        "" | "Equal" => t.value == taint.value,
        "Exists" => true,
        "Lt" | "Gt" if comparison_operators => {
            let (Ok(tol), Ok(val)) = (t.value.parse::<i64>(), taint.value.parse::<i64>()) else {
                return false;
            };
            if t.operator == "Lt" {
                val < tol
            } else {
                val > tol
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn describe_prints_what_kubectl_describe_prints() {
        let cases = [
            (json!({"operator": "Exists"}), "op=Exists"),
            (
                json!({"key": "runtime", "operator": "Exists"}),
                "runtime op=Exists",
            ),
            (
                json!({"key": "runtime", "operator": "Equal", "value": "gvisor", "effect": "NoSchedule"}),
                "runtime=gvisor:NoSchedule",
            ),
            (
                json!({"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}),
                "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
            ),
            (
                json!({"operator": "Exists", "effect": "NoSchedule"}),
                ":NoSchedule op=Exists",
            ),
            (json!({"key": "k", "value": "v"}), "k=v"),
        ];
        for (t, want) in cases {
            assert_eq!(Toleration::from_json(&t).describe(), want, "{t}");
        }
    }

    /// The named tolerations of pkg/util/tolerations/tolerations_test.go.
    fn named(name: &str) -> Value {
        match name {
            "all" => json!({"operator": "Exists"}),
            "all-nosched" => json!({"operator": "Exists", "effect": "NoSchedule"}),
            "all-noexec" => json!({"operator": "Exists", "effect": "NoExecute"}),
            "foo" => json!({"key": "foo", "operator": "Exists"}),
            "foo-bar" => json!({"key": "foo", "operator": "Equal", "value": "bar"}),
            "foo-nosched" => json!({"key": "foo", "operator": "Exists", "effect": "NoSchedule"}),
            "foo-bar-nosched" => {
                json!({"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoSchedule"})
            }
            "foo-baz-nosched" => {
                json!({"key": "foo", "operator": "Equal", "value": "baz", "effect": "NoSchedule"})
            }
            "faz-nosched" => json!({"key": "faz", "operator": "Exists", "effect": "NoSchedule"}),
            "faz-baz-nosched" => {
                json!({"key": "faz", "operator": "Equal", "value": "baz", "effect": "NoSchedule"})
            }
            "foo-prefnosched" => {
                json!({"key": "foo", "operator": "Exists", "effect": "PreferNoSchedule"})
            }
            "foo-noexec" => json!({"key": "foo", "operator": "Exists", "effect": "NoExecute"}),
            "foo-bar-noexec" => {
                json!({"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoExecute"})
            }
            "foo-noexec-10" => {
                json!({"key": "foo", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 10})
            }
            "foo-noexec-0" => {
                json!({"key": "foo", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 0})
            }
            "foo-bar-noexec-10" => {
                json!({"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoExecute", "tolerationSeconds": 10})
            }
            other => panic!("unknown toleration {other}"),
        }
    }

    const ALL: &[&str] = &[
        "all",
        "all-nosched",
        "all-noexec",
        "foo",
        "foo-bar",
        "foo-nosched",
        "foo-bar-nosched",
        "foo-baz-nosched",
        "faz-nosched",
        "faz-baz-nosched",
        "foo-prefnosched",
        "foo-noexec",
        "foo-bar-noexec",
        "foo-noexec-10",
        "foo-noexec-0",
        "foo-bar-noexec-10",
    ];

    fn t(name: &str) -> Toleration {
        Toleration::from_json(&named(name))
    }

    #[test]
    fn superset_rows() {
        let rows: &[(&str, &[&str])] = &[
            ("all", ALL),
            (
                "all-nosched",
                &[
                    "foo-nosched",
                    "foo-bar-nosched",
                    "foo-baz-nosched",
                    "faz-nosched",
                    "faz-baz-nosched",
                ],
            ),
            (
                "all-noexec",
                &[
                    "foo-noexec",
                    "foo-bar-noexec",
                    "foo-noexec-10",
                    "foo-noexec-0",
                    "foo-bar-noexec-10",
                ],
            ),
            (
                "foo",
                &[
                    "foo-bar",
                    "foo-nosched",
                    "foo-bar-nosched",
                    "foo-baz-nosched",
                    "foo-prefnosched",
                    "foo-noexec",
                    "foo-bar-noexec",
                    "foo-noexec-10",
                    "foo-noexec-0",
                    "foo-bar-noexec-10",
                ],
            ),
            (
                "foo-bar",
                &["foo-bar-nosched", "foo-bar-noexec", "foo-bar-noexec-10"],
            ),
            ("foo-nosched", &["foo-bar-nosched", "foo-baz-nosched"]),
            (
                "foo-noexec",
                &[
                    "foo-bar-noexec",
                    "foo-noexec-10",
                    "foo-noexec-0",
                    "foo-bar-noexec-10",
                ],
            ),
            ("foo-bar-noexec", &["foo-bar-noexec-10"]),
            ("foo-noexec-10", &["foo-noexec-0", "foo-bar-noexec-10"]),
            ("foo-bar-nosched", &[]),
            ("faz-baz-nosched", &[]),
            ("foo-noexec-0", &[]),
            ("foo-bar-noexec-10", &[]),
        ];
        for (ss, subsets) in rows {
            for other in ALL {
                let expect = *ss == *other || subsets.contains(other);
                assert_eq!(
                    is_superset(&t(ss), &t(other)),
                    expect,
                    "isSuperset({ss}, {other})"
                );
            }
        }
    }

    fn merge(a: &[&str], b: &[&str]) -> Vec<Value> {
        let a: Vec<Value> = a.iter().map(|n| named(n)).collect();
        let b: Vec<Value> = b.iter().map(|n| named(n)).collect();
        merge_tolerations(&a, &b)
    }

    fn list(names: &[&str]) -> Vec<Value> {
        names.iter().map(|n| named(n)).collect()
    }

    #[test]
    fn merge_rows() {
        let three = ["foo-bar-nosched", "faz-baz-nosched", "foo-noexec-10"];
        assert_eq!(
            merge(&three, &["foo-prefnosched", "foo-baz-nosched"]),
            list(&[
                "foo-bar-nosched",
                "faz-baz-nosched",
                "foo-noexec-10",
                "foo-prefnosched",
                "foo-baz-nosched"
            ])
        );
        assert_eq!(merge(&three, &three), list(&three));
        assert_eq!(
            merge(
                &["foo-bar-nosched", "foo-baz-nosched"],
                &["foo-nosched", "faz-baz-nosched"]
            ),
            list(&["foo-nosched", "faz-baz-nosched"])
        );
        assert_eq!(
            merge(
                &["foo-bar-nosched", "foo-baz-nosched", "foo-noexec-10"],
                &["all"]
            ),
            list(&["all"])
        );
        assert_eq!(
            merge(
                &["all"],
                &["foo-bar-nosched", "foo-baz-nosched", "foo-noexec-10"]
            ),
            list(&["all"])
        );
    }

    #[test]
    fn tolerates_taint_rows() {
        let taint = Taint {
            key: "k".into(),
            value: "v".into(),
            effect: "NoSchedule".into(),
        };
        let tol = |v: Value| Toleration::from_json(&v);
        assert!(tolerates_taint(
            &tol(json!({"key": "k", "operator": "Equal", "value": "v"})),
            &taint,
            false
        ));
        assert!(tolerates_taint(
            &tol(json!({"key": "k", "value": "v", "effect": "NoSchedule"})),
            &taint,
            false
        ));
        assert!(!tolerates_taint(
            &tol(json!({"key": "k", "value": "v", "effect": "NoExecute"})),
            &taint,
            false
        ));
        assert!(tolerates_taint(
            &tol(json!({"operator": "Exists"})),
            &taint,
            false
        ));
        assert!(
            !tolerates_taint(&tol(json!({"key": "k"})), &taint, false),
            "empty value matches only empty"
        );
        assert!(!tolerates_taint(
            &tol(json!({"key": "other", "operator": "Exists"})),
            &taint,
            false
        ));
        let num = Taint {
            key: "n".into(),
            value: "5".into(),
            effect: "NoSchedule".into(),
        };
        let lt = tol(json!({"key": "n", "operator": "Lt", "value": "10"}));
        assert!(tolerates_taint(&lt, &num, true));
        assert!(!tolerates_taint(&lt, &num, false));
        assert!(!tolerates_taint(
            &tol(json!({"key": "n", "operator": "Gt", "value": "10"})),
            &num,
            true
        ));
        assert!(!tolerates_taint(
            &tol(json!({"key": "n", "operator": "Bogus"})),
            &num,
            true
        ));
    }

    #[test]
    fn merge_explains_what_it_drops() {
        let a = [named("foo-bar-nosched"), named("foo-baz-nosched")];
        let b = [named("foo-nosched"), named("faz-baz-nosched")];
        let (merged, dropped) = merge_tolerations_explained(&a, &b);
        assert_eq!(merged, vec![named("foo-nosched"), named("faz-baz-nosched")]);
        let got: Vec<(usize, Value, bool)> = dropped
            .iter()
            .map(|d| (d.index, d.covered_by.clone(), d.covered_by_later))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, named("foo-nosched"), true),
                (1, named("foo-nosched"), true)
            ]
        );
        // Exact duplicates: the later copy is dropped, covered by the kept one.
        let (_, dropped) = merge_tolerations_explained(&[named("foo")], &[named("foo")]);
        assert_eq!(dropped.len(), 1);
        assert_eq!((dropped[0].index, dropped[0].covered_by_later), (1, false));
    }
}
