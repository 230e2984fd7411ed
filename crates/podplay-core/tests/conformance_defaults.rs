//! COMPUTED BY KUBERNETES: every expectation here is read from tests/conformance/ (real
//! Kubernetes output); no hand-derived row.
//!
//! Conformance: every case in tests/conformance/k8s-1.35/defaults run through `admit`
//! (version 1.35) and compared stage by stage with what real Kubernetes produced.

use podplay_core::admit::{admit, AdmitInput, AdmitResult, Cluster, Outcome};
use podplay_core::versions::Version;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TOKEN_PLACEHOLDER: &str = "kube-api-access-XXXXX";
const NAME_PLACEHOLDER: &str = "<generated-name>";
const ALPHABET: &str = "bcdfghjklmnpqrstvwxz2456789";

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/k8s-1.35/defaults")
}

struct Case {
    name: String,
    input_text: String,
    expected: Value,
    /// The pod's decode error, if podplay's decoder reports one.
    decode_error: Option<String>,
    result: Option<AdmitResult>,
}

fn run_case(dir: &Path) -> Case {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let input_text = std::fs::read_to_string(dir.join("input.yaml")).unwrap();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    // The same decoder the report uses: each known kind decoded against its Go type.
    let docs = podplay_core::report::read_documents(&input_text).unwrap();
    let mut pod = None;
    let mut decode_error = None;
    let mut objects = Vec::new();
    for d in docs {
        let decoded = d
            .decoded
            .expect("every document of these cases is a known kind");
        if pod.is_none() && d.kind == "Pod" {
            decode_error = decoded.error.map(|e| e.message);
            pod = Some(decoded.value);
        } else {
            objects.push(decoded.value);
        }
    }
    if decode_error.is_some() {
        return Case {
            name,
            input_text,
            expected,
            decode_error,
            result: None,
        };
    }
    let mut input = AdmitInput::new(pod.expect("a Pod document"), Version::new(1, 35));
    input.cluster = Cluster::new(objects);
    input.request_namespace = expected["namespace"]
        .as_str()
        .unwrap_or("default")
        .to_string();
    let result = Some(admit(input));
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
fn conformance_defaults_1_35() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 90, "90 public cases");
    let mut t = Tally::default();
    for dir in &dirs {
        let case = run_case(dir);
        let e = &case.expected;
        // Every case compares its decode error (null when the pod decodes).
        t.check(
            "decodeError",
            &case.name,
            &json!(case.decode_error),
            &e["decodeError"],
        );
        let Some(r) = &case.result else {
            continue;
        };
        let token = our_token(r, &case.input_text);
        if let Some(tok) = &token {
            assert!(is_token_name(tok), "{}: token name {tok}", case.name);
        }
        let gen = our_generated_name(r, e);
        let want_token = e["nondeterministic"]["tokenVolumeName"].as_str();
        let want_gen = e["nondeterministic"]["generatedPodName"].as_str();
        let ours = |v: &Value| scrub(v, token.as_deref(), gen.as_deref());
        let want = |v: &Value| scrub(v, want_token, want_gen);

        t.check(
            "schemeDefaulted",
            &case.name,
            &ours(&r.scheme_defaulted),
            &want(&e["schemeDefaulted"]),
        );
        t.check(
            "admitted",
            &case.name,
            &ours(r.admitted.as_ref().unwrap_or(&Value::Null)),
            &want(&e["admitted"]),
        );
        let (ours_pfc, want_pfc) = (
            ours(r.prepared_for_create.as_ref().unwrap_or(&Value::Null)),
            want(&e["preparedForCreate"]),
        );
        t.check("preparedForCreate", &case.name, &ours_pfc, &want_pfc);
        t.check(
            "admissionPlugins",
            &case.name,
            &json!(r.admission_plugins),
            &e["admissionPlugins"],
        );
        let adm = r.admission_error.as_ref();
        t.check(
            "admissionError",
            &case.name,
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
            &case.name,
            &json!(r
                .validating_admission_error
                .as_ref()
                .map(|a| a.message.clone())),
            &e["validatingAdmissionError"],
        );
        t.check(
            "outcome",
            &case.name,
            &json!(outcome_text(r.outcome)),
            &e["outcome"],
        );
        t.check("errors", &case.name, &json!(r.errors), &e["errors"]);
    }
    eprintln!("conformance defaults (k8s 1.35), per stage:");
    for (stage, total) in &t.total {
        eprintln!(
            "  {stage:26} {}/{total}",
            t.pass.get(stage).copied().unwrap_or(0)
        );
    }
    for f in &t.failures {
        eprintln!("FAIL {f}");
    }
    let failed: Vec<&String> = t.failures.iter().collect();
    assert!(
        failed.is_empty(),
        "{} stage mismatches (see above)",
        failed.len()
    );
}
