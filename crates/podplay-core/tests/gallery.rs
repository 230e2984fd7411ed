//! Every gallery example is analysed natively: it must find its pod and produce a result.

use podplay_core::gallery::EXAMPLES;
use podplay_core::pipeline::Outcome;
use podplay_core::report::{build, Options, Severity};

#[test]
fn every_example_is_analysed() {
    assert!(EXAMPLES.len() >= 8);
    for (file, title, text) in EXAMPLES {
        let report = build(
            text,
            &Options::new(podplay_core::versions::Version::newest()),
        );
        assert!(report.subject.is_some(), "{file} ({title}): no pod found");
        let view = report
            .admit
            .as_ref()
            .unwrap_or_else(|| panic!("{file}: no admission result"));
        let syntax_or_decode = report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && (d.source == "yaml" || d.source == "decode"));
        assert!(!syntax_or_decode, "{file}: {:?}", report.diagnostics);
        if *file == "07-rejected.yaml" {
            continue;
        }
        assert_eq!(
            view.outcome,
            Outcome::Created,
            "{file}: {:?}",
            view.result.errors
        );
    }
}
