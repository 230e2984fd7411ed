//! The web page receives each Report as JSON from its worker and reads it back with the same
//! types: reading must give back everything the page shows. The raw pipeline stages
//! (`admit.result`) stay in the worker, so they read back as `AdmitResult::not_sent()`.

use podplay_core::pipeline::AdmitResult;
use podplay_core::versions::SUPPORTED;
use podplay_core::{build, gallery, Options, Report};

/// The JSON a Report makes once its stages are left out, as the worker sends it.
fn sent(mut report: Report) -> serde_json::Value {
    if let Some(admit) = report.admit.as_mut() {
        admit.result = AdmitResult::not_sent();
    }
    serde_json::to_value(&report).unwrap()
}

#[test]
fn every_gallery_report_reads_back_unchanged() {
    let mut inputs: Vec<&str> = gallery::EXAMPLES.iter().map(|(_, _, text)| *text).collect();
    // No pod, a syntax error, and a decode error: reports without a result.
    inputs.extend(["", "kind: Pod\nspec: [\n", "kind: Pod\nspec: 3\n"]);
    for version in SUPPORTED {
        for text in &inputs {
            let json = sent(build(text, &Options::new(*version)));
            let read: Report =
                serde_json::from_str(&json.to_string()).expect("the report reads back");
            assert_eq!(sent(read), json, "round trip of ({version}):\n{text}");
        }
    }
}
