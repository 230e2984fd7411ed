//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Conformance: every case in tests/conformance/k8s-1.XX/defaults, for every version the
//! selector offers, read by `input::read` and run through `pipeline::run` with that version,
//! compared stage by stage with what real Kubernetes of that release produced.

mod common;

use common::VERSIONS;
use podplay_core::pipeline::{run, AdmitInput, AdmitResult, Outcome};
use podplay_core::versions::Version;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

const TOKEN_PLACEHOLDER: &str = "kube-api-access-XXXXX";
const NAME_PLACEHOLDER: &str = "<generated-name>";
const ALPHABET: &str = "bcdfghjklmnpqrstvwxz2456789";

struct Case {
    name: String,
    input_text: String,
    expected: Value,
    /// The pod's decode error, if podplay's decoder reports one.
    decode_error: Option<String>,
    result: Option<AdmitResult>,
}

fn run_case(dir: &Path, version: Version) -> Case {
    let name = common::name(dir);
    let input_text = std::fs::read_to_string(dir.join("input.yaml")).unwrap();
    let expected = common::expected(dir);
    let input = podplay_core::input::read(&input_text, version);
    let subject = input.subject.expect("a Pod document");
    let decode_error = subject.decode_error.as_ref().map(|e| e.message.clone());
    if decode_error.is_some() {
        return Case {
            name,
            input_text,
            expected,
            decode_error,
            result: None,
        };
    }
    let mut request = AdmitInput::new(subject.pod, version);
    request.cluster = input.context;
    request.request_namespace = expected["namespace"]
        .as_str()
        .unwrap_or("default")
        .to_string();
    let result = Some(run(request));
    Case {
        name,
        input_text,
        expected,
        decode_error,
        result,
    }
}

fn is_token_name(s: &str) -> bool {
    s.strip_prefix("kube-api-access-")
        .is_some_and(|r| r.len() == 5 && r.chars().all(|c| ALPHABET.contains(c)))
}

/// Replaces random names with placeholders (README "Comparing").
fn scrub(v: &Value, token: Option<&str>, generated: Option<&str>) -> Value {
    match v {
        Value::String(s) if Some(s.as_str()) == token => json!(TOKEN_PLACEHOLDER),
        Value::String(s) if Some(s.as_str()) == generated => json!(NAME_PLACEHOLDER),
        Value::Array(a) => Value::Array(a.iter().map(|x| scrub(x, token, generated)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), scrub(x, token, generated)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The generated token volume name in our output (checked against the pattern).
fn our_token(r: &AdmitResult, input_text: &str) -> Option<String> {
    let pod = r.admitted.as_ref()?;
    pod["spec"]["volumes"]
        .as_array()?
        .iter()
        .filter_map(|v| v["name"].as_str())
        .find(|n| is_token_name(n) && !input_text.contains(*n))
        .map(str::to_string)
}

fn our_generated_name(r: &AdmitResult, expected: &Value) -> Option<String> {
    expected["nondeterministic"].get("generatedPodName")?;
    r.prepared_for_create.as_ref()?["metadata"]["name"]
        .as_str()
        .map(str::to_string)
}

#[derive(Default)]
struct Tally {
    pass: BTreeMap<&'static str, usize>,
    total: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, stage: &'static str, case: &str, ours: &Value, want: &Value) {
        *self.total.entry(stage).or_default() += 1;
        if ours == want {
            *self.pass.entry(stage).or_default() += 1;
        } else {
            self.failures
                .push(format!("{case} {stage}:\n  ours: {ours}\n  want: {want}"));
        }
    }
}

fn outcome_text(o: Outcome) -> String {
    serde_json::to_value(o)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn conformance_defaults_every_version() {
    let mut t = Tally::default();
    for version in VERSIONS {
        let dirs = common::case_dirs(*version);
        assert_eq!(dirs.len(), 90, "{version}: 90 public cases");
        for dir in &dirs {
            check_case(&run_case(dir, *version), *version, &mut t);
        }
    }
    eprintln!("conformance defaults (k8s 1.33-1.36), per stage:");
    for (stage, total) in &t.total {
        eprintln!(
            "  {stage:26} {}/{total}",
            t.pass.get(stage).copied().unwrap_or(0)
        );
    }
    for f in &t.failures {
        eprintln!("FAIL {f}");
    }
    assert!(
        t.failures.is_empty(),
        "{} stage mismatches (see above)",
        t.failures.len()
    );
}

/// Compares every stage of one case, its decode error included.
fn check_case(case: &Case, version: Version, t: &mut Tally) {
    let name = format!("{version} {}", case.name);
    // Every case compares its decode error (null when the pod decodes).
    t.check(
        "decodeError",
        &name,
        &json!(case.decode_error),
        &case.expected["decodeError"],
    );
    let Some(r) = &case.result else {
        return;
    };
    let e = &case.expected;
    {
        let token = our_token(r, &case.input_text);
        if let Some(tok) = &token {
            assert!(is_token_name(tok), "{name}: token name {tok}");
        }
        let gen = our_generated_name(r, e);
        let want_token = e["nondeterministic"]["tokenVolumeName"].as_str();
        let want_gen = e["nondeterministic"]["generatedPodName"].as_str();
        let ours = |v: &Value| scrub(v, token.as_deref(), gen.as_deref());
        let want = |v: &Value| scrub(v, want_token, want_gen);

        t.check(
            "schemeDefaulted",
            &name,
            &ours(&r.scheme_defaulted),
            &want(&e["schemeDefaulted"]),
        );
        t.check(
            "admitted",
            &name,
            &ours(r.admitted.as_ref().unwrap_or(&Value::Null)),
            &want(&e["admitted"]),
        );
        let (ours_pfc, want_pfc) = (
            ours(r.prepared_for_create.as_ref().unwrap_or(&Value::Null)),
            want(&e["preparedForCreate"]),
        );
        t.check("preparedForCreate", &name, &ours_pfc, &want_pfc);
        t.check(
            "admissionPlugins",
            &name,
            &json!(r.admission_plugins),
            &e["admissionPlugins"],
        );
        let adm = r.admission_error.as_ref();
        t.check(
            "admissionError",
            &name,
            &json!([
                adm.map(|a| a.message.clone()),
                adm.map(|a| a.plugin.clone()),
                adm.map(|a| a.status_code)
            ]),
            &json!([
                e["admissionError"],
                e["admissionErrorPlugin"],
                e["admissionErrorStatusCode"]
            ]),
        );
        t.check(
            "validatingAdmissionError",
            &name,
            &json!(r
                .validating_admission_error
                .as_ref()
                .map(|a| a.message.clone())),
            &e["validatingAdmissionError"],
        );
        t.check(
            "outcome",
            &name,
            &json!(outcome_text(r.outcome)),
            &e["outcome"],
        );
        if !errors_equal(&case.name, &r.errors, &e["errors"]) {
            t.check("errors", &name, &json!(r.errors), &e["errors"]);
        } else {
            t.check("errors", &name, &e["errors"], &e["errors"]);
        }
    }
}

/// Case 214 names one of several conflicting keys depending on Go map order (README).
fn errors_equal(case: &str, ours: &[String], want: &Value) -> bool {
    if json!(ours) == *want {
        return true;
    }
    case.starts_with("214-")
        && ours.len() == 1
        && ours[0].contains("conflict: runtimeClass.scheduling.nodeSelector[")
}
