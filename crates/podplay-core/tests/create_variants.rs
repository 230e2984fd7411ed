//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it (v1.33.5 and v1.36.2 as vendored in
//! openshift/microshift). Rows computed by Kubernetes live in the `conformance_*.rs` tests.
//!
//! Pod-create variants whose answer differs between releases, run through the whole
//! `podplay admit` pipeline for every version they name.

use podplay_core::report::{build, Options};
use podplay_core::versions::Version;

/// The error strings `podplay admit` reports for `yaml` with Kubernetes 1.`minor`.
fn errors(yaml: &str, minor: u32) -> Vec<String> {
    let options = Options::new(Version::new(1, minor));
    let report = build(yaml, &options);
    match report.admit {
        Some(view) => view.result.errors,
        None => vec!["<no pod analysed>".to_string()],
    }
}

/// A pod named `p` with `spec` (indented two spaces) appended.
fn pod(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{spec}")
}

/// (versions, expected errors) rows for one pod.
fn check(name: &str, yaml: &str, rows: &[(&[u32], &[&str])]) {
    for (minors, want) in rows {
        for minor in *minors {
            assert_eq!(errors(yaml, *minor), *want, "case {name}, 1.{minor}");
        }
    }
}

#[test]
fn resize_policy_resource_name_is_a_stringer() {
    // validation.go validateResizePolicy: field.Duplicate(fldPath.Index(i), p.ResourceName) and
    // field.NotSupported(fldPath, p.ResourceName, ...). p.ResourceName is a core.ResourceName,
    // which has a String() method (pkg/apis/core/resource.go): v1.33's field.Error.ErrorBody
    // prints a fmt.Stringer bare; from v1.34 the value goes through json.Marshal (quoted).
    let yaml = pod(r#"  containers:
  - name: app
    image: nginx
    resizePolicy:
    - resourceName: cpu
      restartPolicy: NotRequired
    - resourceName: cpu
      restartPolicy: NotRequired
    - resourceName: gpu
      restartPolicy: NotRequired
"#);
    check(
        "resize policy names",
        &yaml,
        &[
            (
                &[33],
                &[
                    "spec.containers[0].resizePolicy[1]: Duplicate value: cpu",
                    r#"spec.containers[0].resizePolicy: Unsupported value: gpu: supported values: "cpu", "memory""#,
                ],
            ),
            (
                &[34, 35, 36],
                &[
                    r#"spec.containers[0].resizePolicy[1]: Duplicate value: "cpu""#,
                    r#"spec.containers[0].resizePolicy: Unsupported value: "gpu": supported values: "cpu", "memory""#,
                ],
            ),
        ],
    );
}
