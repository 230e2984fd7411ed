//! How Kubernetes reads a paste, with expected outputs COMPUTED BY KUBERNETES: a local build
//! of the real v1.36.2 tree running the create pipeline the conformance cases describe
//! (YAMLReader parts, decode with the universal deserializer, defaulting, admission,
//! `ValidatePodCreate`), during differential runs against `podplay admit`: about 6,000 JSON
//! pastes (the conformance inputs and earlier variants written as JSON, compact and indented,
//! with mutations) and pastes with a broken part.
//!
//! A document whose first non-space character is `{` is read by the API server's JSON
//! decoder itself, not through the YAML→JSON conversion: its syntax errors, the order of its
//! type errors, its numbers and its repeated keys follow encoding/json (sigs.k8s.io/json).
//! Each part between `---` lines is read on its own: a part that is not YAML is left out.

mod common;
use podplay_core::input::read_documents;
use podplay_core::report::{build, Options};
use podplay_core::versions::Version;
use serde_json::json;

use common::admit::check_cases as check;

const V136: u32 = 36;

#[test]
fn json_syntax_errors_are_the_json_decoders() {
    // runtime/serializer/json Decode → SimpleMetaFactory.Interpret: `couldn't get
    // version/kind; json parse error: %v`, worded by the Go 1.27 encoding/json that built it.
    check(&[
        (
            "trailing-comma",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}],}}\n",
            "decode-error",
            &["couldn't get version/kind; json parse error: invalid character '}' looking for beginning of object key string"],
        ),
        (
            "raw-tab-in-string",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"ngi\tnx\"}]}}\n",
            "decode-error",
            &["couldn't get version/kind; json parse error: invalid character '\\t' in string"],
        ),
        (
            // go-yaml reads only the first document of a part, so the second object is seen
            // by the JSON decoder alone.
            "two-objects",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}]}}\n{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"q\"}}\n",
            "decode-error",
            &["couldn't get version/kind; json parse error: invalid character '{' after top-level value"],
        ),
        (
            "junk-after",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}]}} x\n",
            "decode-error",
            &["couldn't get version/kind; json parse error: invalid character 'x' after top-level value"],
        ),
        (
            // The kind is still found by go-yaml first (the harness and kubectl's YAML
            // reader), which has no `\/` escape.
            "escaped-slash",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\\/p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}]}}\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: found unknown escape character"],
        ),
    ]);
}

#[test]
fn json_type_errors_come_in_document_order_with_numbers_as_written() {
    check(&[
        (
            // The YAML route sorts keys (containers before priority); JSON keeps its order.
            "priority-first",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"priority\": \"x\", \"containers\": [{\"name\": \"c\", \"image\": \"nginx\", \"ports\": [{\"containerPort\": \"80\"}]}]}}\n",
            "decode-error",
            &["json: cannot unmarshal string into Go struct field PodSpec.spec.priority of type int32"],
        ),
        (
            "priority-first-yaml",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priority: \"x\"\n  containers: [{name: c, image: nginx, ports: [{containerPort: \"80\"}]}]\n",
            "decode-error",
            &["json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"],
        ),
        (
            // `1e3` and `1.50` are quantities as written; `5.0` is no int64.
            "number-literals",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\", \"resources\": {\"limits\": {\"cpu\": 1e3, \"memory\": 1.50}}}], \"activeDeadlineSeconds\": 5.0}}\n",
            "decode-error",
            &["json: cannot unmarshal number 5.0 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64"],
        ),
        (
            "exponent-int",
            V136,
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"terminationGracePeriodSeconds\": 1e3, \"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}\n",
            "decode-error",
            &["json: cannot unmarshal number 1e3 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64"],
        ),
        (
            "number-into-bool",
            V136,
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\",\"stdin\":1}]}}\n",
            "decode-error",
            &["json: cannot unmarshal number into Go struct field Container.spec.containers.stdin of type bool"],
        ),
    ]);
}

fn strict_error(text: &str) -> Option<String> {
    let docs = read_documents(text, Version::new(1, V136)).expect("valid YAML");
    let pod = docs.iter().find(|d| d.kind == "Pod").expect("a Pod");
    pod.decoded.as_ref().expect("decoded").strict_error()
}

#[test]
fn repeated_json_keys_merge_as_go_decodes_them() {
    // encoding/json decodes every occurrence in turn into the same value: an object into a
    // struct or map sets only its own keys, an array decodes into the old elements, `null`
    // clears a pointer or a map and leaves a struct or string alone.
    let merge = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":\"1\"}},\"metadata\":{\"labels\":{\"b\":\"2\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}],\"containers\":[{\"name\":\"d\"}]}}\n";
    assert_eq!(
        strict_error(merge).as_deref(),
        Some("strict decoding error: duplicate field \"metadata\", duplicate field \"spec.containers\"")
    );
    let report = build(merge, &Options::new(Version::new(1, V136)));
    let pod = report.admit.expect("a pod").result.pod.expect("created");
    assert_eq!(pod["metadata"]["name"], json!("p"));
    assert_eq!(pod["metadata"]["labels"], json!({"a": "1", "b": "2"}));
    let c = &pod["spec"]["containers"][0];
    assert_eq!(
        (&c["name"], &c["image"], &c["env"]),
        (
            &json!("d"),
            &json!("nginx"),
            &json!([{"name": "A", "value": "1"}])
        )
    );

    let nulls = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"terminationGracePeriodSeconds\": 10, \"terminationGracePeriodSeconds\": null, \"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}], \"nodeSelector\": {\"a\": \"1\"}, \"nodeSelector\": null}}\n";
    assert_eq!(
        strict_error(nulls).as_deref(),
        Some("strict decoding error: duplicate field \"spec.terminationGracePeriodSeconds\", duplicate field \"spec.nodeSelector\"")
    );
    let report = build(nulls, &Options::new(Version::new(1, V136)));
    let pod = report.admit.expect("a pod").result.pod.expect("created");
    assert_eq!(pod["spec"]["terminationGracePeriodSeconds"], json!(30));
    assert_eq!(pod["spec"].get("nodeSelector"), None);
}

#[test]
fn unknown_fields_are_go_quoted() {
    // sigs.k8s.io/json: `unknown field %q`, in JSON document order (YAML: sorted order).
    let json = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\", \"x\\\"y\": 1, \"a\\\\b\": 2}]}}\n";
    assert_eq!(
        strict_error(json).as_deref(),
        Some("strict decoding error: unknown field \"spec.containers[0].x\\\"y\", unknown field \"spec.containers[0].a\\\\b\"")
    );
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx, \"x\\\"y\": 1, \"a\\\\b\": 2, \"t\\tu\": 3, \"é<\": 4}]\n";
    assert_eq!(
        strict_error(yaml).as_deref(),
        Some("strict decoding error: unknown field \"spec.containers[0].a\\\\b\", unknown field \"spec.containers[0].t\\tu\", unknown field \"spec.containers[0].x\\\"y\", unknown field \"spec.containers[0].é<\"")
    );
}

#[test]
fn yaml_has_no_escaped_slash() {
    // go-yaml v2's scanner (libyaml's escapes): `\/` is YAML 1.2's, not libyaml's.
    check(&[(
        "escaped-slash-yaml",
        V136,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: \"a\\/p\"}\nspec:\n  containers: [{name: c, image: nginx}]\n",
        "decode-error",
        &["error converting YAML to JSON: yaml: line 3: found unknown escape character"],
    )]);
}

#[test]
fn a_part_that_is_not_yaml_is_left_out() {
    // util/yaml YAMLReader cuts the paste at `---` lines; each part is converted on its own,
    // so the pod is still created, with or without the broken ServiceAccount.
    check(&[
        (
            "broken-after-the-pod",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: sa\n  containers: [{name: c, image: nginx}]\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa\n",
            "rejected-admission",
            &["pods \"p\" is forbidden: error looking up service account default/sa: serviceaccount \"sa\" not found"],
        ),
        (
            "broken-before-the-pod",
            V136,
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n  bad: [\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "created",
            &[],
        ),
        (
            "tab-in-a-secret",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n---\nkind: Secret\n\tx: 1\n",
            "created",
            &[],
        ),
    ]);
    // Without a pod the first broken part is the error, in its own document's lines.
    let no_pod = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n---\nkind: Pod\nmetadata: {name: [\n";
    let report = build(no_pod, &Options::new(Version::new(1, V136)));
    assert!(report.admit.is_none());
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        ["error converting YAML to JSON: yaml: line 2: did not find expected node content"]
    );
}

#[test]
fn flow_collection_errors_in_libyaml_words() {
    // go-yaml v2's parser (parserc.go yaml_parser_parse_flow_sequence_entry / _mapping_key):
    // inside a flow collection its scanner reads on where saphyr-parser's stops, and the
    // parser finds no `,` (a parser error: its line is printed 0-based).
    check(&[
        (
            "colon-in-open-sequence",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\nx: [1\n  volumes:\n  - name: v\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 8: did not find expected ',' or ']'"],
        ),
        (
            "no-comma-after-quoted-key",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n \"metadata\": {\"name\": \"p\"},\n \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\", \"tty\" false}]}}\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 2: did not find expected ',' or '}'"],
        ),
        (
            "dash-where-an-entry-starts",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx},\n   - x]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: did not find expected node content"],
        ),
        (
            "wrong-closing-bracket",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'"],
        ),
        (
            // libyaml's scanner takes any closing bracket; its parser wants the right one.
            "brace-closed-by-bracket",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: b]}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 2: did not find expected ',' or '}'"],
        ),
        (
            "comma-then-wrong-bracket",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}, }\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected node content"],
        ),
        (
            // No token starts with `|` in a flow collection, nor with `@` anywhere
            // (scannerc.go yaml_parser_fetch_next_token).
            "pipe-in-a-flow-mapping",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n \"metadata\": {\"name\": \"p\"},\n |\n \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}]}}\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 3: found character that cannot start any token"],
        ),
        (
            "at-sign-value",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: @x}}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 3: found character that cannot start any token"],
        ),
        (
            // go-yaml stops after the first document's root; the JSON decoder does not.
            "brace-after-the-json-object",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}]}}\n}\n",
            "decode-error",
            &["couldn't get version/kind; json parse error: invalid character '}' after top-level value"],
        ),
        (
            "unscannable-after-the-json-object",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}]}} @\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: found character that cannot start any token"],
        ),
    ]);
}

#[test]
fn keys_and_quotes_as_libyaml_reads_them() {
    check(&[
        (
            // A simple key is on one line: the tag opened the key on line 2, its `:` is on
            // line 3, so the parser meets a `:` where a `,` is due.
            "tag-then-key-on-the-next-line",
            V136,
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},\n \"spec\": {\"containers\": [{\"name\": \"c\", !!str\n \"image\": \"nginx\"}]}}\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 2: did not find expected ',' or '}'"],
        ),
        (
            // A quote that never ends: libyaml's scanner stops at the end of the input.
            "unended-quote",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n  hostname: 'x\n  subdomain: y\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 8: found unexpected end of stream"],
        ),
        (
            // ... which for its part is the `---` line (YAMLReader cut the paste there).
            "unended-quote-before-separator",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostname: \"x\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 6: found unexpected end of stream"],
        ),
        (
            // Kubernetes' reader ends the last line with a line break: the end is on line 6.
            "unended-quote-without-a-last-line-break",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostname: \"x",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 6: found unexpected end of stream"],
        ),
        (
            // go-yaml meets the unknown alias while it builds its nodes, before the `:`
            // whose key began on an earlier line.
            "unknown-alias-in-a-flow-mapping",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c,\n  *a\n  image: nginx}]}\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: unknown anchor 'a' referenced"],
        ),
        (
            // `:` with no key where an entry starts is no node (no empty keys in libyaml's
            // flow collections without `?`).
            "colon-without-a-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: \"1\", : b}}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 2: did not find expected node content"],
        ),
        (
            // After a single-pair mapping the parser is back in the sequence.
            "single-pair-then-a-brace",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  tolerations: [key: a {x: y}]\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'"],
        ),
        (
            "unended-quote-before-dots",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostname: \"x\n...\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 6: found unexpected document indicator"],
        ),
    ]);
}

#[test]
fn one_document_per_part() {
    // go-yaml's Unmarshal reads the first document of each part YAMLReader cuts at `---`
    // lines; a document after a `...` end marker in the same part is never read.
    check(&[(
        "service-account-after-dots",
        V136,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: sa\n  containers: [{name: c, image: nginx}]\n...\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n",
        "rejected-admission",
        &["pods \"p\" is forbidden: error looking up service account default/sa: serviceaccount \"sa\" not found"],
    ), (
        // Text after the marker is never scanned, however broken (reading oracle).
        "broken-text-after-dots",
        V136,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n...\n  - name: app\n restartPolicy: Never\n",
        "rejected-validation",
        &["spec.containers: Required value"],
    )]);
    let report = build(
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n...\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
        &Options::new(Version::new(1, V136)),
    );
    assert!(report.admit.is_none(), "the harness finds no pod");
    let unread: Vec<u32> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("not read:"))
        .filter_map(|d| d.pos.map(|p| p.line))
        .collect();
    assert_eq!(unread, [5]);
}

#[test]
fn one_token_is_read_past_a_complete_root() {
    // go-yaml ends a document by reading the next token: its scanner error is the paste's
    // (no token starts with `@`), any other text after the root is never parsed. Reading
    // results from the v1.36.2 tree's YAMLReader and sigs.k8s.io/yaml over go-yaml v2.
    check(&[
        (
            // The root mapping ends where ` - x` is less indented; `-` at a line's first
            // token is a block entry the scanner takes.
            "dedented-entry-after-the-root",
            V136,
            "  apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec: {containers: [{name: c, image: nginx}]}\n - x\n",
            "created",
            &[],
        ),
        (
            "at-sign-after-the-root",
            V136,
            "  apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec: {containers: [{name: c, image: nginx}]}\n @x\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: found character that cannot start any token"],
        ),
    ]);
}

#[test]
fn block_context_errors_in_libyaml_words() {
    // Reading results from the v1.36.2 tree's YAMLReader and sigs.k8s.io/yaml over go-yaml v2
    // (2,000 mutated conformance inputs). After a double-quoted scalar libyaml's scanner
    // starts a new token where saphyr-parser refuses trailing content, and the block
    // collection around wants its next key or entry (parserc.go); a `:` with no key is a
    // VALUE token alone, which only a `?` entry takes.
    check(&[
        (
            // libyaml scans the indicator after the quote (its scanner's error).
            "a-dash-after-a-quoted-value",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        cpu: '0.5'-\n        memory: 1G\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 11: block sequence entries are not allowed in this context"],
        ),
        (
            // libyaml scans the indicator after the quote (its scanner's error).
            "a-question-mark-after-a-quoted-value",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        cpu: \"4\"?\n        memory: 1G\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 11: mapping keys are not allowed in this context"],
        ),
        (
            // Kubernetes' reader ends the last line with a line break too (LineReader), so
            // a key the paste ends on is a simple key left without its ':'.
            "a-key-the-paste-ends-on-without-a-line-break",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 6: could not find expected ':'"],
        ),
        (
            "a-block-scalar-ended-by-a-key-without-a-line-break",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: |\n  b",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 8: could not find expected ':'"],
        ),
        (
            "trailing-content-after-a-quoted-value",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"p\" q\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 3: did not find expected key"],
        ),
        (
            "trailing-content-after-a-quoted-entry",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - \"c\" d\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: did not find expected '-' indicator"],
        ),
        (
            "trailing-content-in-an-indentless-sequence",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - \"c\" d\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: did not find expected key"],
        ),
        (
            "a-quote-that-runs-to-the-next-quote",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    pool: \"mai\n  annotations:\n    a: \"b\"\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 7: did not find expected key"],
        ),
        (
            "a-colon-whose-key-is-on-the-line-before",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name\n: p\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected key"],
        ),
        (
            "a-colon-with-no-key-in-an-entry",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - : x\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: did not find expected key"],
        ),
        (
            "an-explicit-key-takes-its-colon",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  ? name\n  : p\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "created",
            &[],
        ),
        (
            // A closing bracket outside any flow collection is a token libyaml's scanner
            // takes; the block collection it meets (after unrolling) refuses it.
            "a-closing-bracket-where-a-key-is-due",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  ]labels: {}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected key"],
        ),
        (
            // A closing bracket outside any flow collection is a token libyaml's scanner
            // takes; the block collection it meets (after unrolling) refuses it.
            "a-closing-bracket-where-a-value-is-due",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n  ]  a: b\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: did not find expected node content"],
        ),
        (
            // A closing bracket outside any flow collection is a token libyaml's scanner
            // takes; the block collection it meets (after unrolling) refuses it.
            "a-closing-bracket-after-an-entry",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx\n    ]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 7: did not find expected '-' indicator"],
        ),
        (
            // A closing bracket outside any flow collection is a token libyaml's scanner
            // takes; the block collection it meets (after unrolling) refuses it.
            "a-closing-bracket-that-ends-the-inner-collections",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx\n  ]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 7: did not find expected key"],
        ),
    ]);
}

#[test]
fn a_percent_line_is_a_directive() {
    // libyaml's scanner reads a `%` at a line's start as a directive wherever it is
    // (scannerc.go yaml_parser_scan_directive); results from the v1.36.2 tree's reading.
    check(&[
        (
            "directive-name-followed-by-a-colon",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n%handler: runsc\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: found unexpected non-alphabetical character"],
        ),
        (
            "directive-without-a-name",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n% x\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: could not find expected directive name"],
        ),
        (
            // A known directive is a token the scanner takes: the root ended before it, and
            // go-yaml reads no further (the pod has no spec).
            "tag-directive-after-the-root",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n%TAG ! tag:x,2000:\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "rejected-validation",
            &["spec.containers: Required value"],
        ),
    ]);
}

#[test]
fn a_pending_key_is_settled_before_the_parser_sees_its_tokens() {
    // Reading results from the v1.36.2 tree's YAMLReader and sigs.k8s.io/yaml over go-yaml v2
    // (mutated conformance inputs). libyaml's scanner holds back every token after one that
    // may start a simple key until the key is settled (scannerc.go
    // `yaml_parser_fetch_more_tokens`): a `[` or `{` where a key may start, or a quoted
    // scalar at a line's start. Its own errors until then come first; a required key (at
    // the block collection's column) that goes on past its line is `could not find expected
    // ':'`; a flow collection that is no key then meets the block collection around.
    check(&[
        (
            "a-flow-collection-that-is-no-key-where-a-key-is-due",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n [x, - y]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 8: did not find expected key"],
        ),
        (
            "a-flow-collection-at-the-mappings-column-must-be-a-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n  [x, - y]\n  dnsPolicy: Default\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 10: could not find expected ':'"],
        ),
        (
            "scanner-errors-before-the-flow-collection-is-settled",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n [x, - y, @]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 9: found character that cannot start any token"],
        ),
        (
            "a-value-after-a-keys-colon-is-no-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [x, - y, @]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: did not find expected node content"],
        ),
        (
            "a-dash-where-a-flow-value-is-due",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector: {a: - b}\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: did not find expected node content"],
        ),
        (
            "a-keyless-colon-in-a-flow-collection-that-must-be-a-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{a: b:\n  - name: c\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 7: could not find expected ':'"],
        ),
        (
            "a-quoted-key-at-the-mappings-column-with-text-after-it",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    resources:\n      limits:\n    '    cpu: '0.5'\n        memory: 1G\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 11: could not find expected ':'"],
        ),
        (
            "a-quoted-key-that-spans-lines",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    'image: nginx\n    resources:\n      limits:\n        cpu: '1'\n        memory: 1Gi\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 11: could not find expected ':'"],
        ),
    ]);
}

#[test]
fn a_question_mark_in_a_flow_collection_is_a_key_indicator() {
    // go-yaml v2's plain scalars end at `?` in a flow collection (scannerc.go
    // `yaml_parser_scan_plain_scalar`), and the `?` is a KEY token, which the parser takes
    // only where an entry starts (YAML 1.2 reads it as part of the scalar). Results from the
    // reading oracle of the v1.36.2 tree.
    check(&[
        (
            "a-question-mark-ends-a-plain-scalar-in-a-flow-mapping",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {docs: http://example.com/?page=1}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected ',' or '}'"],
        ),
        (
            "a-question-mark-after-a-flow-entry",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    args: [a, b?c]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 8: did not find expected ',' or ']'"],
        ),
        (
            "a-question-mark-where-a-flow-value-is-due",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: ?b}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected node content"],
        ),
    ]);
}

#[test]
fn escape_errors_are_where_libyaml_finds_them() {
    // libyaml reports a bad escape of a double-quoted scalar at its `\` (after `\x`, `\u` or
    // `\U` for their digits), as a scanner error although its context reads "while parsing a
    // quoted scalar" (scannerc.go `yaml_parser_scan_flow_scalar`), in its own spelling
    // ("hexdecimal"). Results from the reading oracle of the v1.36.2 tree.
    check(&[
        (
            "a-windows-path-in-double-quotes",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: \"C:\\Users\\x\"\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 6: did not find expected hexdecimal number"],
        ),
        (
            "an-unknown-escape-is-where-its-backslash-is",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: \"ok\"\n    b: \"\\q\"\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 7: found unknown escape character"],
        ),
        (
            "an-escape-on-a-continuation-line",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: \"a\n      \\h\"\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 7: found unknown escape character"],
        ),
        (
            "a-surrogate-escape",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: \"\\uD800\"\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 6: found invalid Unicode character escape code"],
        ),
    ]);
}

#[test]
fn anchor_names_are_libyamls() {
    // libyaml's anchor and alias names are letters, digits, `_` and `-`, followed by a blank
    // or an indicator (scannerc.go `yaml_parser_scan_anchor`); YAML 1.2 allows more. Results
    // from the reading oracle of the v1.36.2 tree.
    check(&[
        (
            "an-anchor-name-with-a-dot",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: &pod.name p\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected alphabetic or numeric character"],
        ),
        (
            "an-alias-of-an-empty-name",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx, args: [*.log]}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 6: did not find expected alphabetic or numeric character"],
        ),
        (
            "an-alias-name-with-a-dot-on-a-later-line",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: &a p\n  labels:\n    x: *a.\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 6: did not find expected alphabetic or numeric character"],
        ),
    ]);
}

#[test]
fn decoding_and_conversion_errors_wait_for_the_documents_end() {
    // go-yaml parses a whole document (syntax errors, unknown aliases) before it decodes it
    // (a tag's value, a merge, a collection as a key), and sigs.k8s.io/yaml converts the
    // decoded value after that (a null key), so an earlier stage's error anywhere in the
    // document wins; a map in a message prints its keys by type (fmt's order). Results from
    // the reading oracle of the v1.36.2 tree.
    check(&[
        (
            "a-null-key-waits-for-an-unknown-alias-later",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    ~: a\n    b: *missing\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: unknown anchor 'missing' referenced"],
        ),
        (
            "a-repeated-null-key-keeps-its-last-value",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    ~: a\n    ~: b\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \"b\""],
        ),
        (
            "a-collection-key-waits-for-a-syntax-error-later",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    [a]: b\nspec:\n  containers: [{name: c, image: nginx}]\n  x: [\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 9: did not find expected node content"],
        ),
        (
            "a-bad-tag-waits-for-a-syntax-error-later",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: !!int abc\nspec:\n  containers: [{name: c, image: nginx}]\n  x: [\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 9: did not find expected node content"],
        ),
        (
            "keys-in-a-messages-map-are-printed-by-type",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    ~: {1: a, true: b, c: d}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: map[interface {}]interface {}{\"c\":\"d\", 1:\"a\", true:\"b\"}"],
        ),
        (
            "a-decoding-error-comes-before-a-null-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    ~: a\n    b: !!int abc\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int"],
        ),
    ]);
}

#[test]
fn uint64_and_float_keys_as_sigs_yaml_converts_them() {
    // go-yaml decodes an integer key above int64's range as a uint64, which sigs.k8s.io/yaml
    // refuses (`%+#v` prints it in hex, also inside a map), and a `:` inside a flow mapping
    // leaves a `?` key open; float keys are written with float32's shortest digits
    // (`strconv.FormatFloat(f, 'g', -1, 32)`). Results from the reading oracle of the
    // v1.36.2 tree.
    check(&[
        (
            "a-uint64-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    9223372036854775808: a\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: unsupported map key of type: uint64, key: 0x8000000000000000, value: \"a\""],
        ),
        (
            "a-uint64-key-in-a-messages-map",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    ~: {18446744073709551615: a, b: c}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: map[interface {}]interface {}{\"b\":\"c\", 0xffffffffffffffff:\"a\"}"],
        ),
        (
            "a-flow-mapping-as-an-explicit-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    ? {a: b}\n    : c\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\"a\":\"b\"}"],
        ),
    ]);
    let text = "a:\n  3.14159265358979: x\n  1e6: y\n  1000000.5: z\n  1e300: w\n  -1e300: v\n  .nan: u\n  18446744073709551616: t\n  0.000012345: s\n";
    let parts = podplay_core::yaml::parse_parts(text).expect("reads");
    assert_eq!(
        parts.documents[0].to_json(),
        json!({"a": {"-.inf": "v", ".inf": "w", ".nan": "u", "1.0000005e+06": "z", "1.2345e-05": "s",
            "1.8446744e+19": "t", "1e+06": true, "3.1415927": "x"}})
    );
}

#[test]
fn anchors_and_aliases_across_unindented_flow_collections() {
    // libyaml never checks the indentation of a flow collection's continuation lines, and
    // its anchors are the document's wherever they stand: an alias inside such a collection
    // finds an anchor before it, and one after it finds an anchor inside. Results from the
    // reading oracle of the v1.36.2 tree (values as YAMLToJSON writes them).
    let rows = [
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: &n p\n  labels: {app: *n,\n tier: web}\nspec:\n  containers: [{name: c, image: nginx}]\n",
            json!({"labels": {"app": "p", "tier": "web"}, "name": "p"}),
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: &a web,\n tier: x}\n  annotations:\n    owner: *a\nspec:\n  containers: [{name: c, image: nginx}]\n",
            json!({"annotations": {"owner": "web"}, "labels": {"app": "web", "tier": "x"}, "name": "p"}),
        ),
    ];
    for (text, metadata) in rows {
        let parts = podplay_core::yaml::parse_parts(text).expect("reads");
        assert_eq!(parts.documents[0].to_json()["metadata"], metadata, "{text}");
        check(&[("anchors-across-flow", V136, text, "created", &[])]);
    }
}

#[test]
fn names_that_end_at_a_colon_and_question_marks_in_flow_sequences() {
    // libyaml's anchor and alias names end at a `:` (`*k: web` is an alias as a key, `&n:x`
    // anchors the plain scalar `:x`), and a `?` in a flow sequence starts a single-pair
    // mapping (`[x, ?y]`), where YAML 1.2 reads each as one name or scalar. Results from the
    // reading oracle of the v1.36.2 tree (values as YAMLToJSON writes them).
    let rows = [
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    key: &k app\n  labels:\n    *k: web\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "/metadata",
            json!({"annotations": {"key": "app"}, "labels": {"app": "web"}, "name": "p"}),
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    note: &n:x\n    copy: *n\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "/metadata",
            json!({"annotations": {"copy": ":x", "note": ":x"}, "name": "p"}),
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx, args: [x, ?y, [?z: 1]]}]\n",
            "/spec/containers/0/args",
            json!(["x", {"true": null}, [{"z": 1}]]),
        ),
    ];
    for (text, path, want) in rows {
        let parts = podplay_core::yaml::parse_parts(text).expect("reads");
        assert_eq!(
            parts.documents[0].to_json().pointer(path),
            Some(&want),
            "{text}"
        );
    }
}

#[test]
fn merges_and_null_keys_as_go_yaml_decodes_them() {
    // go-yaml merges a mapping, an alias of a mapping, or a sequence of those (none is
    // fine), never an alias of a sequence (decode.go `merge`); sigs.k8s.io/yaml meets only
    // the keys go-yaml kept, so a null key in a value a later key replaced is never
    // converted. Results from the reading oracle of the v1.36.2 tree.
    check(&[
        (
            "a-merge-of-an-alias-of-a-sequence-of-mappings",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    x: &maps [{a: b}]\n  labels:\n    <<: *maps\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value"],
        ),
        (
            "a-merge-of-an-empty-sequence",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    <<: []\n    a: b\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "created",
            &[],
        ),
        (
            "a-null-key-in-a-value-a-later-key-replaced",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: {~: b}\n    a: c\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "created",
            &[],
        ),
    ]);
}

#[test]
fn a_block_scalar_ends_at_a_line_less_indented_than_its_own() {
    // libyaml takes a block scalar's indentation from the most indented of its leading empty
    // lines (scannerc.go `yaml_parser_scan_block_scalar_breaks`: trailing spaces an editor
    // left count) and ends the scalar at the first line indented less; that line's token is
    // the collection's next (a comment is passed over). saphyr-parser refuses such a line
    // (YAML 1.2). Results from the reading oracle of the v1.36.2 tree.
    check(&[
        (
            "a-blank-line-with-trailing-spaces-sets-a-block-scalars-indentation",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    command:\n    - sh\n    - -c\n    - |\n          \n      echo hi\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 13: did not find expected key"],
        ),
        (
            "the-same-with-a-strip-indicator",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    command:\n    - sh\n    - -c\n    - |-\n          \n      echo hi\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 13: did not find expected key"],
        ),
        (
            "a-comment-less-indented-ends-a-block-scalar",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    command:\n    - sh\n    - -c\n    - |\n          \n        # done\n    - echo hi\n",
            "created",
            &[],
        ),
        (
            "a-tab-in-the-text-after-the-block-scalar",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: >\n        z\n      x\n\t\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 9: found a tab character that violates indentation"],
        ),
    ]);
}

#[test]
fn a_token_after_a_complete_value_on_its_line_is_refused_first() {
    // libyaml's parser refuses a token that follows a quoted or flow value on its line (the
    // collection wants its next key or entry) as soon as that token is scanned, before the
    // scanner meets anything further on. Results from the reading oracle of the v1.36.2 tree.
    check(&[
        (
            "a-quote-that-runs-on-and-text-after-it",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"p\n  labels:\n    app: \"web\"\n    tier: \"a\"\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 5: did not find expected key"],
        ),
        (
            "text-after-a-flow-value-on-its-line",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: b} c\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 4: did not find expected key"],
        ),
        (
            "text-after-a-quoted-entry-on-its-line",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    args:\n    - 'a' b: c\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 9: did not find expected key"],
        ),
    ]);
}

#[test]
fn what_a_part_may_start_with() {
    // go-yaml's parser at a part's first token (parserc.go `yaml_parser_parse_document_start`):
    // a `...` end marker is no document's content; a directive part ends before the `---`
    // that Kubernetes' reader put in the next part, so it is broken and the pod after it is
    // still read. Results from the reading oracle of the v1.36.2 tree.
    check(&[
        (
            "an-end-marker-before-any-content",
            V136,
            "...\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: did not find expected node content"],
        ),
        (
            "an-end-marker-after-a-comment",
            V136,
            "# pod\n...\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 1: did not find expected node content"],
        ),
        (
            "a-directive-part-before-the-pod",
            V136,
            "%YAML 1.1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "created",
            &[],
        ),
    ]);
    // The directive part is reported in its own lines (the pod after it is created).
    let text = "%YAML 1.1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n";
    let report = build(text, &Options::new(Version::new(1, V136)));
    assert!(report.diagnostics.iter().any(|d| d.message.starts_with(
        "error converting YAML to JSON: yaml: line 1: did not find expected <document start>"
    )));
}

#[test]
fn an_anchor_or_alias_before_a_keys_colon() {
    // libyaml's anchor and alias names end at the `:` (scannerc.go `yaml_parser_scan_anchor`):
    // `&a:` anchors an empty key, which sigs.k8s.io/yaml refuses, and `*a:` is an alias as
    // a key, go-yaml's `unknown anchor` when no anchor has that name (unless the parser
    // refuses the key first). The scan stops where a parser error's token was settled, and a
    // comment right after a quote is a comment. Results from the reading oracle of the
    // v1.36.2 tree.
    check(&[
        (
            "an-anchored-empty-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  &name: p\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \"p\""],
        ),
        (
            // The anchor of an empty key is the document's: an alias of it later is no
            // unknown anchor.
            "an-anchored-empty-key-and-its-alias",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    &x: a\n  annotations:\n    b: *x\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \"a\""],
        ),
        (
            "an-alias-of-no-anchor-as-a-key",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    *app: web\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: unknown anchor 'app' referenced"],
        ),
        (
            "a-plain-scalar-ended-by-a-comment-then-text-then-a-tab",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: b\n      # c\n        z\n      # c\n\t\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 7: did not find expected key"],
        ),
        (
            "a-comment-right-after-a-quoted-value",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"p\"# the name\nspec:\n  containers: [{name: c, image: nginx}]\n",
            "created",
            &[],
        ),
        (
            "an-alias-key-the-sequence-refuses-first",
            V136,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n   - name: app\n    *aimage: nginx\n",
            "decode-error",
            &["error converting YAML to JSON: yaml: line 7: did not find expected '-' indicator"],
        ),
    ]);
}
