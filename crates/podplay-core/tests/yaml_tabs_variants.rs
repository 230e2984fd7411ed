//! COMPUTED BY KUBERNETES: variants with tabs in every position a YAML text can hold one, and
//! flow collections and quoted scalars whose continuation lines are not indented past the
//! block around them, whose expected outcomes and errors were computed by Kubernetes v1.36.2's
//! own decode and create pipeline (sigs.k8s.io/yaml over go-yaml v2, whose scanner is
//! libyaml's: `yaml_parser_scan_to_next_token`, `yaml_parser_scan_plain_scalar`,
//! `yaml_parser_scan_flow_scalar`, `yaml_parser_scan_block_scalar_breaks` in scannerc.go),
//! run locally during a differential run against `podplay admit`. YAML handling is the same
//! in 1.33–1.36. podplay's side is `yaml/libyaml_scan.rs` (`rewrite`, `indent_multiline`).

mod common;

/// Where a case's text goes: between a pod's `metadata.name` and its `spec` (`Meta`), after
/// its one container `c` (`Container`: fields of the container, indented four spaces), or
/// the whole paste (`Whole`).
enum Text {
    Meta(&'static str),
    Container(&'static str),
    Whole(&'static str),
}
use Text::*;

const HEAD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
const SPEC: &str = "spec:\n  containers:\n  - name: c\n    image: nginx\n";

impl Text {
    fn yaml(&self) -> String {
        match self {
            Meta(m) => format!("{HEAD}{m}{SPEC}"),
            Container(c) => format!("{HEAD}{SPEC}{c}"),
            Whole(w) => w.to_string(),
        }
    }
}

/// (case name, text, expected outcome, expected errors in order).
type Case = (&'static str, Text, &'static str, &'static [&'static str]);

#[rustfmt::skip]
const CASES: &[Case] = &[
        ("key-colon-tab", Meta("  labels:\n    a:\tb\n"), "created", &[]),
        ("key-colon-space-tab", Meta("  labels:\n    a: \tb\n"), "created", &[]),
        ("key-colon-tab-eol", Meta("  labels:\n    a: b\n  annotations:\t\n    x: y\n"), "decode-error", &["json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.annotations of type string"]),
        ("line-start-tab", Meta("\tlabels:\n    a: b\n"), "decode-error", &["error converting YAML to JSON: yaml: line 5: found a tab character that violates indentation"]),
        ("line-start-space-tab", Meta("  labels:\n \t  a: b\n"), "decode-error", &["error converting YAML to JSON: yaml: line 6: found character that cannot start any token"]),
        ("dash-tab", Container("    args:\n    -\tb\n"), "decode-error", &["error converting YAML to JSON: yaml: line 10: found character that cannot start any token"]),
        ("dash-space-tab", Container("    args:\n    - \tb\n"), "decode-error", &["error converting YAML to JSON: yaml: line 10: found character that cannot start any token"]),
        ("question-tab", Meta("  labels:\n    ?\ta\n    : b\n"), "decode-error", &["error converting YAML to JSON: yaml: line 6: found character that cannot start any token"]),
        ("complex-colon-tab", Meta("  labels:\n    ? a\n    :\tb\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found character that cannot start any token"]),
        ("anchor-tab", Meta("  labels:\n    a: &x\tb\n    c: *x\n"), "created", &[]),
        ("tag-tab", Meta("  labels:\n    a: !!str\tb\n"), "created", &[]),
        ("alias-tab-colon", Meta("  labels:\n    a: &k b\n    *k\t: c\n"), "created", &[]),
        ("quoted-key-tab-colon", Meta("  labels:\n    \"a\"\t: b\n"), "created", &[]),
        ("plain-key-tab-colon", Meta("  labels:\n    a\t: b\n"), "created", &[]),
        ("doc-start-tab", Whole("---\t\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n"), "created", &[]),
        ("doc-start-tab-2", Whole("# c\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n"), "created", &[]),
        ("after-flow-close-tab", Meta("  labels: {a: b}\t\n"), "created", &[]),
        ("after-flow-close-tab-comment", Meta("  labels: {a: b}\t# c\n"), "created", &[]),
        ("flow-tab-inside", Meta("  labels: {\ta:\tb,\tc: d\t}\n"), "created", &[]),
        ("flow-seq-tab", Container("    args: [\ta,\tb\t]\n"), "created", &[]),
        ("flow-cont-deep", Meta("  labels: {a: b,\n   \tc: d}\n"), "created", &[]),
        ("flow-cont-tab-col0", Whole("apiVersion: v1\nkind: Pod\nmetadata: {name: p,\n\tlabels: {a: b}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n"), "created", &[]),
        ("flow-plain-multiline-tab", Meta("  labels: {a: b\n \t, c: d}\n"), "decode-error", &["error converting YAML to JSON: yaml: line 6: found a tab character that violates indentation"]),
        ("flow-plain-multiline-tab-deep", Meta("  labels: {a: b\n   \t, c: d}\n"), "created", &[]),
        ("plain-inner-tab", Meta("  annotations:\n    a: b\tc\n"), "created", &[]),
        ("plain-trailing-tab", Meta("  annotations:\n    a: b\t\n"), "created", &[]),
        ("plain-trailing-tab-comment", Meta("  annotations:\n    a: b\t# c\n"), "created", &[]),
        ("plain-multiline-tab-ok", Meta("  annotations:\n    a: b\n      \tc\n"), "created", &[]),
        ("plain-multiline-tab-at-indent", Meta("  annotations:\n    a: b\n     \tc\n"), "created", &[]),
        ("plain-multiline-tab-low", Meta("  annotations:\n    a: b\n    \tc\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("blank-tab-line-deep", Meta("  labels:\n    a: b\n      \t\n    c: d\n"), "created", &[]),
        ("blank-tab-only-col0", Meta("  labels:\n    a: b\n\t\n    c: d\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("comment-tab-after-plain-deep", Meta("  labels:\n    a: b\n      \t# c\n    c: d\n"), "created", &[]),
        ("comment-tab-after-quoted", Meta("  labels:\n    a: \"b\"\n \t# c\n    c: d\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found character that cannot start any token"]),
        ("blank-tab-after-quoted", Meta("  labels:\n    a: \"b\"\n\t\n    c: d\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found character that cannot start any token"]),
        ("comment-tab-line-start", Whole("# x\n\t# c\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n"), "decode-error", &["error converting YAML to JSON: yaml: line 2: found character that cannot start any token"]),
        ("comment-has-tab", Meta("  # a\tb\n"), "created", &[]),
        ("top-plain-tab-cont", Meta("  annotations:\n    a: x\n \tb\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("dq-inner-tab", Meta("  annotations:\n    a: \"b\tc\"\n"), "created", &[]),
        ("dq-escaped-tab", Meta("  annotations:\n    a: \"b\\\tc\"\n"), "created", &[]),
        ("sq-inner-tab", Meta("  annotations:\n    a: 'b\tc'\n"), "created", &[]),
        ("dq-cont-tab-deep", Meta("  annotations:\n    a: \"b\n      \tc\"\n"), "created", &[]),
        ("sq-cont-tab-deep", Meta("  annotations:\n    a: 'b\n      \tc'\n"), "created", &[]),
        ("dq-trailing-tab-before-break", Meta("  annotations:\n    a: \"b\t\n      c\"\n"), "created", &[]),
        ("dq-escaped-break-tab", Meta("  annotations:\n    a: \"b\\\n      \tc\"\n"), "created", &[]),
        ("dq-blank-line-tab", Meta("  annotations:\n    a: \"b\n\t\n      c\"\n"), "created", &[]),
        ("block-content-tab", Meta("  annotations:\n    a: |\n      x\n      \ty\n"), "created", &[]),
        ("block-indent-tab", Meta("  annotations:\n    a: |\n      x\n    \ty\n"), "decode-error", &["error converting YAML to JSON: yaml: line 8: found a tab character where an indentation space is expected"]),
        ("block-first-line-tab", Meta("  annotations:\n    a: |\n\tx\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character where an indentation space is expected"]),
        ("block-header-tab", Meta("  annotations:\n    a: |\t# c\n      x\n"), "created", &[]),
        ("block-header-tab2", Meta("  annotations:\n    a: >-\t\n      x\n"), "created", &[]),
        ("block-blank-tab-deep", Meta("  annotations:\n    a: |\n      x\n        \t\n      y\n"), "created", &[]),
        ("block-after-tab-line", Meta("  annotations:\n    a: |\n      x\n \t\n    b: c\n"), "decode-error", &["error converting YAML to JSON: yaml: line 8: found a tab character where an indentation space is expected"]),
        ("block-explicit-indent-tab", Meta("  annotations:\n    a: |2\n      x\n      \ty\n"), "created", &[]),
        ("folded-tab-content", Meta("  annotations:\n    a: >\n      x\n      \ty\n      z\n"), "created", &[]),
        ("seq-item-tab-after-key", Container("    args:\n    - a:\tb\n"), "decode-error", &["json: cannot unmarshal object into Go struct field Container.spec.containers.args of type string"]),
        ("seq-nested-dash-tab", Container("    args:\n    - - \ta\n"), "decode-error", &["error converting YAML to JSON: yaml: line 10: found character that cannot start any token"]),
        ("seq-line-start-tab", Container("    args:\n    - a\n\t- b\n"), "decode-error", &["error converting YAML to JSON: yaml: line 11: found a tab character that violates indentation"]),
        ("seq-plain-cont-ok", Container("    args:\n    - a\n      \tb\n"), "created", &[]),
        ("tab-first-line", Whole("\tapiVersion: v1\nkind: Pod\n"), "decode-error", &["error converting YAML to JSON: yaml: found character that cannot start any token"]),
        ("crlf-tab", Whole("apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\n  labels:\r\n    a:\tb\r\nspec:\r\n  containers:\r\n  - name: c\r\n    image: nginx\r\n"), "created", &[]),
        ("crlf-bad-tab", Whole("apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\n  labels:\r\n \ta: b\r\nspec:\r\n  containers:\r\n  - name: c\r\n    image: nginx\r\n"), "decode-error", &["error converting YAML to JSON: yaml: line 6: found character that cannot start any token"]),
        ("unicode-before-tab", Meta("  annotations:\n    é: ü\tx\n    f:\tg\n"), "rejected-validation", &["metadata.annotations: Invalid value: \"é\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]),
        ("tab-before-other-error", Meta("  labels:\n \ta: b\n  x: [\n"), "decode-error", &["error converting YAML to JSON: yaml: line 6: found character that cannot start any token"]),
        ("end-doc-tab", Container("...\t\n"), "created", &[]),
        ("json-tab-indented", Whole("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\n\t\t\"name\": \"p\"\n\t},\n\t\"spec\": {\n\t\t\"containers\": [\n\t\t\t{\n\t\t\t\t\"name\": \"c\",\n\t\t\t\t\"image\": \"nginx\"\n\t\t\t}\n\t\t]\n\t}\n}\n"), "created", &[]),
        ("yaml-tab-indented", Whole("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\nspec:\n\tcontainers:\n\t- name: c\n\t  image: nginx\n"), "decode-error", &["error converting YAML to JSON: yaml: line 4: found character that cannot start any token"]),
        ("tab-indented-after-space", Whole("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n\timage: nginx\n"), "decode-error", &["error converting YAML to JSON: yaml: line 8: found a tab character that violates indentation"]),
        ("tab-after-dash-in-flow-map-value", Meta("  labels: {a: [\tb,\n\tc]}\n"), "decode-error", &["json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type string"]),
        ("flow-multiline-key-tab", Meta("  labels: {\n\ta\n\t: b}\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("flow-quoted-cont-tab", Meta("  annotations: {a: \"b\n   \tc\"}\n"), "created", &[]),
        ("question-space-tab-key", Meta("  labels:\n    ? a\n    : \tb\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found character that cannot start any token"]),
        ("doc-two-first-tab-bad", Meta("\t\n"), "decode-error", &["error converting YAML to JSON: yaml: line 5: found a tab character that violates indentation"]),
        ("block-seq-in-map-tab-after-key", Container("    command:\t[a, b]\n"), "created", &[]),
        ("anchor-on-map-tab", Meta("  labels: &l\t{a: b}\n"), "created", &[]),
        ("tag-then-newline-tab", Meta("  labels: !!map\n\t{a: b}\n"), "decode-error", &["error converting YAML to JSON: yaml: line 6: found character that cannot start any token"]),
        ("plain-ends-at-colon-tab", Meta("  labels:\n    a b: c\td\n"), "rejected-validation", &["metadata.labels: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')", "metadata.labels: Invalid value: \"c\\td\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ("multi-line-plain-then-tab-key", Meta("  annotations:\n    a: x\n      y\n    b:\tz\n"), "created", &[]),
        ("comment-after-colon-tab", Meta("  labels:\t# c\n    a: b\n"), "created", &[]),
        ("blank-tab-line-after-key-colon", Meta("  labels:\n\t\n    a: b\n"), "decode-error", &["error converting YAML to JSON: yaml: line 6: found character that cannot start any token"]),
        ("tab-then-comment-after-block-seq", Container("    args:\n    - a\n    - b\n      \t# c\n"), "created", &[]),
        ("block-keep-tab-lines", Meta("  annotations:\n    a: |+\n      x\n\n    b: c\n"), "created", &[]),
        ("block-literal-tab-after-content-low", Meta("  annotations:\n    a: |\n      x\n\t\n    b: c\n"), "decode-error", &["error converting YAML to JSON: yaml: line 8: found a tab character where an indentation space is expected"]),
        ("dq-tab-col0-cont", Meta("  annotations:\n    a: \"b\n\t\t\t\t\t\tc\"\n"), "created", &[]),
        ("sq-tab-col0-cont-deep", Meta("  annotations:\n    a: 'b\n      \t c'\n"), "created", &[]),
        ("brief-a", Whole("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n \timage: nginx\n"), "decode-error", &["error converting YAML to JSON: yaml: line 8: found a tab character that violates indentation"]),
        ("brief-b", Whole("apiVersion: v1\nkind: Pod\nmetadata:\n \tname: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n"), "decode-error", &["error converting YAML to JSON: yaml: line 4: found character that cannot start any token"]),
        ("brief-c", Container("    args:\n    - a\n \t- b\n"), "decode-error", &["error converting YAML to JSON: yaml: line 11: found a tab character that violates indentation"]),
        ("brief-d", Meta("  labels:\n    a: x\n \t\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("brief-e", Whole("apiVersion: v1\nkind: Pod\nmetadata:\n  name:\n   \tp\nspec:\n  containers:\n  - name: c\n    image: nginx\n"), "decode-error", &["error converting YAML to JSON: yaml: line 5: found character that cannot start any token"]),
        ("brief-f1", Meta("  labels:\n    a:\tb\n"), "created", &[]),
        ("brief-f10", Meta("  labels:\n    ? \ta\n    : b\n"), "decode-error", &["error converting YAML to JSON: yaml: line 6: found character that cannot start any token"]),
        ("brief-f11", Meta("  labels:\n    a:\n     \tb\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found character that cannot start any token"]),
        ("brief-f12", Meta("  labels:\n    a:  \t b\n"), "created", &[]),
        ("brief-f13", Meta("  labels:\n    a: b\n    \t\n    c: d\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("brief-f14", Meta("  labels:\n    a: b\n      \t\n    c: d\n"), "created", &[]),
        ("brief-f2", Container("    args:\n    - \tb\n"), "decode-error", &["error converting YAML to JSON: yaml: line 10: found character that cannot start any token"]),
        ("brief-f3", Meta("  labels:\n    a: b\n\t\n    c: d\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("brief-f4", Meta("  labels:\n    a: b\n  \t\n    c: d\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("brief-f5", Meta("  annotations:\n    a: |\n      x\n      \ty\n"), "created", &[]),
        ("brief-f6", Meta("  labels:\n    a: b\n \t# c\n    c: d\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"]),
        ("brief-f7", Meta("  labels: {a: b,\n \tc: d}\n"), "created", &[]),
        ("brief-f8", Meta("  labels:\n    a: \"b\n \tc\"\n"), "rejected-validation", &["metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ("brief-f9", Meta("  labels:\n    a: b\t\n"), "created", &[]),
        ("flow-cont-space-tab-space", Meta("  labels: {a: b,\n \t c: d}\n"), "created", &[]),
        ("flow-cont-spaces-low", Meta("  labels: {a: b,\n  c: d}\n"), "created", &[]),
        ("dq-cont-spaces-low", Meta("  labels:\n    a: \"b\n  c\"\n"), "rejected-validation", &["metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ("dq-cont-spaces-at-map-indent", Meta("  labels:\n    a: \"b\n    c\"\n"), "rejected-validation", &["metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ("dq-cont-tabs-at-map-indent", Meta("  labels:\n    a: \"b\n\t\t\t\tc\"\n"), "rejected-validation", &["metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ("lift-broken-inside", Meta("  labels: {a: b,\n c: d: e}\n"), "decode-error", &["error converting YAML to JSON: yaml: line 5: did not find expected ',' or '}'"]),
        ("lift-dq-blank-lines", Meta("  annotations:\n    a: \"b\n\n  c\n\n\n d\"\n"), "created", &[]),
        ("lift-dq-col0", Meta("  annotations:\n    a: \"b\nc\"\n"), "created", &[]),
        ("lift-dq-comment-after", Meta("  annotations:\n    a: \"b\n c\" # note\n    x: \"y\"\n"), "created", &[]),
        ("lift-dq-escapes", Meta("  annotations:\n    a: \"b\\tx\\u00e9\n c\\\n  d\"\n"), "created", &[]),
        ("lift-dq-in-seq", Container("    args:\n    - \"a\n  b\"\n    - c\n"), "created", &[]),
        ("lift-dq-key", Meta("  labels:\n    \"a\n b\": c\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context"]),
        ("lift-dq-low", Meta("  annotations:\n    a: \"b\n  c\"\n"), "created", &[]),
        ("lift-dq-tag-label", Meta("  labels:\n    a: !!str \"b\n c\"\n"), "rejected-validation", &["metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ("lift-dq-tag", Meta("  annotations:\n    a: !!str \"b\n c\"\n"), "created", &[]),
        ("lift-flow-anchor-inside", Meta("  labels: {a: &x b,\n c: *x}\n"), "created", &[]),
        ("lift-flow-anchor-label", Meta("  annotations: &l {a: \"b\n c\"}\n  labels: *l\n"), "rejected-validation", &["metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ("lift-flow-anchor-on", Meta("  labels: &l {a: b,\n c: d}\n  annotations: *l\n"), "created", &[]),
        ("lift-flow-close-col0", Meta("  labels: {a: b,\n   c: d\n}\n"), "created", &[]),
        ("lift-flow-in-flow-quoted", Meta("  annotations: {a: \"b\n c\",\n d: e}\n"), "created", &[]),
        ("lift-flow-key", Meta("  labels:\n    {a: b,\n c: d}: e\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context"]),
        ("lift-flow-map-col0", Meta("  labels: {a: b,\nc: d}\n"), "created", &[]),
        ("lift-flow-map-low", Meta("  labels: {a: b,\n c: d}\n"), "created", &[]),
        ("lift-flow-nested", Meta("  labels: {a: b, c: [d,\n e], f: g}\n"), "decode-error", &["json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type string"]),
        ("lift-flow-seq-args-low", Container("    args: [a,\n  b, \"c\n d\"]\n"), "created", &[]),
        ("lift-flow-seq-bad-type", Container("    args: [a,\n  {b: c}]\n"), "decode-error", &["json: cannot unmarshal object into Go struct field Container.spec.containers.args of type string"]),
        ("lift-invalid-after", Whole("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: b,\n c: d}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 0\n"), "rejected-validation", &["spec.containers[0].ports[0].containerPort: Required value"]),
        ("lift-invalid-inside", Container("    ports: [{containerPort: 80},\n  {containerPort: 0}]\n"), "rejected-validation", &["spec.containers[0].ports[1].containerPort: Required value"]),
        ("lift-json-pod", Whole("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},\n\"spec\": {\"containers\": [{\"name\": \"c\",\n\"image\": \"nginx\"}]}}\n"), "created", &[]),
        ("lift-sq-label-position", Whole("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: 'b\n c'\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 0\n"), "rejected-validation", &["metadata.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')", "spec.containers[0].ports[0].containerPort: Required value"]),
        ("lift-sq-low", Meta("  annotations:\n    a: 'it''s\n  c'\n"), "created", &[]),
        ("lift-tab-and-low", Meta("  labels: {a: b,\n\tc: d}\n  annotations:\n    x: \"y\n\tz\"\n"), "created", &[]),
        ("lift-two-parts", Meta("  labels: {a: b,\n c: d}\n  annotations:\n    x: \"y\n z\"\n"), "created", &[]),
        ("lift-yaml-json-value", Meta("  annotations: {\"a\": \"b\",\n\"c\": \"d\"}\n"), "created", &[]),
        ("required-key-stale-before-tab", Whole("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    script: |\necho a\n        echo b\n    folded: x\nspec:\n  containers:\n  - name: c\n    image: nginx\n    args:\n    -\tb\n"), "decode-error", &["error converting YAML to JSON: yaml: line 9: could not find expected ':'"]),
        ("required-key-stale-in-flow-map-tab", Meta("  labels: {a:\tb}\nc d\n  e: f\n"), "decode-error", &["error converting YAML to JSON: yaml: line 7: could not find expected ':'"]),
        ("tab-line-after-document-end", Container("...\n\t\n"), "created", &[]),
        ("tab-after-document-end-then-next-document", Whole("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n...\n\t\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n"), "created", &[]),
];

#[test]
fn tabs_are_read_as_kubernetes_reads_them() {
    for (name, text, outcome, errors) in CASES {
        common::admit::assert_outcome_and_errors(name, 36, &text.yaml(), outcome, errors);
    }
}
