//! Running a pod through the whole analysis the way `podplay admit --kubernetes-version 1.XX`
//! does, for the variant tests' tables.

use podplay_core::report::{build, Options};
use podplay_core::versions::Version;

/// The error strings `podplay admit` reports for `yaml` with Kubernetes 1.`minor`.
pub fn errors(yaml: &str, minor: u32) -> Vec<String> {
    match build(yaml, &Options::new(Version::new(1, minor))).admit {
        Some(view) => view.result.errors,
        None => vec!["<no pod analysed>".to_string()],
    }
}

/// Asserts the outcome (`created`, `decode-error`, …) and the error strings, in order. When
/// no pod is analysed (a paste that is not YAML), the outcome is `decode-error` with the
/// report's errors, as `podplay admit` prints them (admit.rs).
pub fn assert_outcome_and_errors(name: &str, minor: u32, yaml: &str, outcome: &str, want: &[&str]) {
    let report = build(yaml, &Options::new(Version::new(1, minor)));
    let Some(view) = report.admit else {
        let errors: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == podplay_core::diagnostic::Severity::Error)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            ("decode-error", errors),
            (outcome, want.to_vec()),
            "case {name} (1.{minor}): no pod analysed"
        );
        return;
    };
    let got_outcome = serde_json::to_value(view.result.outcome).unwrap_or_default();
    assert_eq!(
        got_outcome,
        serde_json::json!(outcome),
        "case {name} (1.{minor}): outcome"
    );
    assert_eq!(view.result.errors, want, "case {name} (1.{minor}): errors");
}

/// A variant table's row: (case name, minor release, pod YAML, expected outcome, expected
/// errors in order).
pub type Case<'a> = (&'a str, u32, &'a str, &'a str, &'a [&'a str]);

/// Runs every row through [`assert_outcome_and_errors`].
pub fn check_cases(cases: &[Case]) {
    for (name, minor, yaml, outcome, want) in cases {
        assert_outcome_and_errors(name, *minor, yaml, outcome, want);
    }
}
