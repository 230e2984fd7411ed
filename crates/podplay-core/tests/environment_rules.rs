//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! The container environment, rule by rule: each test is a paste run through the create
//! pipeline and the environment view, with exact expected values (from the conformance
//! README's findings, the kubelet source and the Container Environment page).

use podplay_core::environment::{
    ContainerEnvironment, ContainerKind, EnvironmentReport, SourceKind,
};
use podplay_core::report::Options;
use podplay_core::versions::Version;

/// The paste through the same path as the page and the CLI (`report::build`), reduced to
/// what these tests read.
struct Analysis {
    created: bool,
    server_message: Option<String>,
    environment: Option<EnvironmentReport>,
}

fn analyze_paste(text: &str, options: &Options) -> Analysis {
    let report = podplay_core::report::build(text, options);
    Analysis {
        created: report.admit.as_ref().is_some_and(|a| a.created),
        server_message: report.admit.map(|a| a.server_message),
        environment: report.views.environment,
    }
}

fn env_of(paste: &str) -> EnvironmentReport {
    let options = Options {
        version: Version::new(1, 36),
        ..Options::new(Version::new(1, 36))
    };
    let a = analyze_paste(paste, &options);
    match a.environment {
        Some(e) => e,
        None => panic!("not created: {:?}\n{paste}", a.server_message),
    }
}

fn container<'a>(r: &'a EnvironmentReport, name: &str) -> &'a ContainerEnvironment {
    r.containers
        .iter()
        .find(|c| c.name == name)
        .expect("container")
}

/// (value, source kind) of a variable, None when absent.
fn var(r: &EnvironmentReport, c: &str, name: &str) -> Option<(String, SourceKind)> {
    container(r, c)
        .env
        .as_ref()
        .expect("no error")
        .iter()
        .find(|v| v.name == name)
        .map(|v| (v.value.clone(), v.source.kind))
}

fn value(r: &EnvironmentReport, c: &str, name: &str) -> Option<String> {
    var(r, c, name).map(|(v, _)| v)
}

fn error(r: &EnvironmentReport, c: &str) -> Option<String> {
    container(r, c).error.as_ref().map(|e| e.message.clone())
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: envpod\n";

#[test]
fn expansion_uses_only_earlier_variables_and_keeps_undefined_ones() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    env:\n\
         \x20   - {{name: A, value: x}}\n\
         \x20   - {{name: B, value: \"$(A)-$(C)\"}}\n\
         \x20   - {{name: C, value: c}}\n\
         \x20   - {{name: D, value: \"$$(A) $$$(A) $(A\"}}\n\
         \x20   - {{name: E, value: \"$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)\"}}\n"
    ));
    assert_eq!(value(&r, "app", "B").as_deref(), Some("x-$(C)"));
    assert_eq!(value(&r, "app", "D").as_deref(), Some("$(A) $x $(A"));
    // Service variables are visible to env values.
    assert_eq!(value(&r, "app", "E").as_deref(), Some("10.96.0.1:443"));
    let b = container(&r, "app")
        .env
        .as_ref()
        .unwrap()
        .iter()
        .find(|v| v.name == "B")
        .unwrap();
    assert_eq!(b.source.declared.as_deref(), Some("$(A)-$(C)"));
    let refs: Vec<(&str, bool)> = b
        .source
        .references
        .iter()
        .map(|x| (x.name.as_str(), x.resolved))
        .collect();
    assert_eq!(refs, vec![("A", true), ("C", false)]);
}

const CM_AND_SECRET: &str = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  mode: prod\n  KUBERNETES_SERVICE_HOST: from-cm\n  1abc: one\n  .dot: dot\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n  user: YWRtaW4=\n  bin: /w==\nstringData:\n  token: t0k\n";

#[test]
fn env_from_prefixes_and_precedence() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    envFrom:\n\
         \x20   - configMapRef: {{name: cfg}}\n\
         \x20   - configMapRef: {{name: cfg}}\n      prefix: CM_\n\
         \x20   - secretRef: {{name: creds}}\n      prefix: S_\n\
         \x20   - secretRef: {{name: creds}}\n\
         \x20   env:\n\
         \x20   - {{name: mode, value: from-env}}\n\
         \x20   - {{name: USES, value: \"$(KUBERNETES_SERVICE_HOST)\"}}\n\
         \x20   - {{name: user, value: \"$(user)!\"}}\n\
         {CM_AND_SECRET}"
    ));
    // Keys are not validated (1.36) and the prefix is prepended as is.
    assert_eq!(
        var(&r, "app", "1abc"),
        Some(("one".into(), SourceKind::EnvFromConfigMap))
    );
    assert_eq!(value(&r, "app", "CM_.dot").as_deref(), Some("dot"));
    assert_eq!(
        var(&r, "app", "S_user"),
        Some(("admin".into(), SourceKind::EnvFromSecret))
    );
    // stringData is merged into data.
    assert_eq!(value(&r, "app", "token").as_deref(), Some("t0k"));
    // Bytes that are not UTF-8 come out as U+FFFD, one per byte.
    assert_eq!(value(&r, "app", "bin").as_deref(), Some("\u{fffd}"));
    // env beats envFrom; envFrom beats service variables, also inside $(VAR).
    assert_eq!(
        var(&r, "app", "mode"),
        Some(("from-env".into(), SourceKind::Value))
    );
    assert_eq!(
        var(&r, "app", "KUBERNETES_SERVICE_HOST"),
        Some(("from-cm".into(), SourceKind::EnvFromConfigMap))
    );
    assert_eq!(value(&r, "app", "USES").as_deref(), Some("from-cm"));
    // Redefining a name can use its earlier value.
    assert_eq!(value(&r, "app", "user").as_deref(), Some("admin!"));
    // The winner lists what it replaced, oldest first.
    let rows = container(&r, "app").env.as_ref().unwrap();
    let host = rows
        .iter()
        .find(|v| v.name == "KUBERNETES_SERVICE_HOST")
        .unwrap();
    let replaced: Vec<(&str, SourceKind)> = host
        .replaced
        .iter()
        .map(|x| (x.value.as_str(), x.source.kind))
        .collect();
    assert_eq!(replaced, vec![("10.96.0.1", SourceKind::Service)]);
    let mode = rows.iter().find(|v| v.name == "mode").unwrap();
    assert_eq!(mode.replaced.len(), 1);
    assert_eq!(
        mode.replaced[0].source.text,
        "ConfigMap default/cfg key \"mode\" via envFrom[0]"
    );
}

#[test]
fn later_env_from_entries_win() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    envFrom:\n\
         \x20   - configMapRef: {{name: a}}\n    - configMapRef: {{name: b}}\n\
         ---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: a}}\ndata: {{K: from-a, ONLY_A: a}}\n\
         ---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: b}}\ndata: {{K: from-b}}\n"
    ));
    assert_eq!(value(&r, "app", "K").as_deref(), Some("from-b"));
    assert_eq!(value(&r, "app", "ONLY_A").as_deref(), Some("a"));
}

#[test]
fn kubelet_errors_in_its_words() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n\
         \x20 - name: cm-key\n    image: busybox\n    env:\n    - name: X\n      valueFrom: {{configMapKeyRef: {{name: cfg, key: nope}}}}\n\
         \x20 - name: secret-key\n    image: busybox\n    env:\n    - name: X\n      valueFrom: {{secretKeyRef: {{name: creds, key: nope}}}}\n\
         \x20 - name: cm-absent\n    image: busybox\n    env:\n    - name: X\n      valueFrom: {{configMapKeyRef: {{name: absent, key: k, optional: false}}}}\n\
         \x20 - name: secret-absent\n    image: busybox\n    envFrom:\n    - secretRef: {{name: gone}}\n\
         \x20 - name: optional\n    image: busybox\n    envFrom:\n    - configMapRef: {{name: absent, optional: true}}\n    env:\n\
         \x20   - name: X\n      valueFrom: {{secretKeyRef: {{name: creds, key: nope, optional: true}}}}\n\
         \x20   - {{name: YY, value: \"$(X)\"}}\n\
         {CM_AND_SECRET}"
    ));
    assert_eq!(
        error(&r, "cm-key").as_deref(),
        Some("couldn't find key nope in ConfigMap default/cfg")
    );
    assert_eq!(
        error(&r, "secret-key").as_deref(),
        Some("couldn't find key nope in Secret default/creds")
    );
    assert_eq!(
        error(&r, "cm-absent").as_deref(),
        Some("configmap \"absent\" not found")
    );
    assert_eq!(
        error(&r, "secret-absent").as_deref(),
        Some("secret \"gone\" not found")
    );
    let failed = container(&r, "cm-key");
    assert!(
        failed.env.is_none()
            && failed.error.as_ref().unwrap().reason == "CreateContainerConfigError"
    );
    assert_eq!(
        failed.error.as_ref().unwrap().field.as_deref(),
        Some("spec.containers[0].env[0].valueFrom.configMapKeyRef")
    );
    // Optional references that are absent add nothing (a later $(X) stays literal), and
    // are listed as skipped.
    assert_eq!(error(&r, "optional"), None);
    assert_eq!(value(&r, "optional", "X"), None);
    assert_eq!(value(&r, "optional", "YY").as_deref(), Some("$(X)"));
    assert_eq!(container(&r, "optional").skipped.len(), 2);
}

#[test]
fn field_refs_and_simulated_values() {
    let paste = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: envpod\n  namespace: shop\n  labels: {{app: web}}\n  annotations: {{a.example.com/x: \"y\"}}\n\
         spec:\n  containers:\n  - name: app\n    image: busybox\n    env:\n{}",
        [
            ("NAME", "metadata.name"),
            ("NS", "metadata.namespace"),
            ("UID", "metadata.uid"),
            ("LABEL", "metadata.labels['app']"),
            ("NOLABEL", "metadata.labels['nope']"),
            ("ANN", "metadata.annotations['a.example.com/x']"),
            ("NODE", "spec.nodeName"),
            ("SA", "spec.serviceAccountName"),
            ("IP", "status.podIP"),
            ("IPS", "status.podIPs"),
            ("HOST", "status.hostIP"),
            ("HOSTS", "status.hostIPs"),
        ]
        .iter()
        .map(|(n, p)| format!("    - name: {n}\n      valueFrom: {{fieldRef: {{fieldPath: \"{p}\"}}}}\n"))
        .collect::<String>()
    );
    let r = env_of(&paste);
    let want = [
        ("NAME", "envpod"),
        ("NS", "shop"),
        ("UID", "6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f"),
        ("LABEL", "web"),
        ("NOLABEL", ""),
        ("ANN", "y"),
        ("NODE", "node-1"),
        ("SA", "default"),
        ("IP", "10.244.1.23"),
        ("IPS", "10.244.1.23"),
        ("HOST", "192.168.1.10"),
        ("HOSTS", "192.168.1.10"),
    ];
    let rows = container(&r, "app").env.as_ref().unwrap();
    for (name, v) in want {
        let row = rows.iter().find(|x| x.name == name).unwrap();
        assert_eq!(
            (row.value.as_str(), row.source.kind),
            (v, SourceKind::FieldRef),
            "{name}"
        );
        let simulated = matches!(name, "UID" | "NODE" | "IP" | "IPS" | "HOST" | "HOSTS");
        assert_eq!(row.source.simulated, simulated, "{name} simulated");
    }
    assert!(r.uid_simulated && r.node.simulated);
}

#[test]
fn a_pasted_node_the_pod_is_bound_to_replaces_the_simulated_one() {
    let r = env_of(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, uid: 11111111-2222-3333-4444-555555555555}\nspec:\n  nodeName: worker-7\n  containers:\n  - name: app\n    image: busybox\n    env:\n\
         \x20   - {name: HOST, valueFrom: {fieldRef: {fieldPath: status.hostIPs}}}\n\
         \x20   - {name: UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}\n\
         \x20   - {name: CPU, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}\n\
         \x20   - {name: MEM, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}\n\
         ---\napiVersion: v1\nkind: Node\nmetadata: {name: worker-7}\nstatus:\n  capacity: {cpu: '2', memory: 4Gi}\n  addresses:\n  - {type: Hostname, address: worker-7}\n  - {type: ExternalIP, address: 203.0.113.5}\n  - {type: InternalIP, address: 10.0.0.7}\n  - {type: InternalIP, address: 'fd00::7'}\n",
    );
    assert_eq!(
        value(&r, "app", "HOST").as_deref(),
        Some("10.0.0.7,fd00::7")
    );
    assert_eq!(
        value(&r, "app", "UID").as_deref(),
        Some("11111111-2222-3333-4444-555555555555")
    );
    // allocatable defaults to capacity.
    assert_eq!(value(&r, "app", "CPU").as_deref(), Some("2000"));
    assert_eq!(value(&r, "app", "MEM").as_deref(), Some("4096"));
    assert!(!r.node.simulated && !r.uid_simulated);
}

#[test]
fn resource_field_refs_round_up_and_default_from_the_node() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    resources:\n      requests: {{cpu: 250m, memory: 100Mi}}\n      limits: {{cpu: 1500m}}\n    env:\n\
         \x20   - {{name: LIM_CPU, valueFrom: {{resourceFieldRef: {{resource: limits.cpu}}}}}}\n\
         \x20   - {{name: REQ_CPU, valueFrom: {{resourceFieldRef: {{resource: requests.cpu}}}}}}\n\
         \x20   - {{name: REQ_MEM_K, valueFrom: {{resourceFieldRef: {{resource: requests.memory, divisor: 1k}}}}}}\n\
         \x20   - {{name: LIM_MEM, valueFrom: {{resourceFieldRef: {{resource: limits.memory}}}}}}\n\
         \x20   - {{name: LIM_EPH, valueFrom: {{resourceFieldRef: {{resource: limits.ephemeral-storage}}}}}}\n\
         \x20   - {{name: REQ_EPH, valueFrom: {{resourceFieldRef: {{resource: requests.ephemeral-storage}}}}}}\n"
    ));
    for (name, want) in [
        ("LIM_CPU", "2"),
        ("REQ_CPU", "1"),
        ("REQ_MEM_K", "104858"),
        ("LIM_MEM", "8589934592"),
        ("LIM_EPH", "107374182400"),
        ("REQ_EPH", "0"),
    ] {
        assert_eq!(value(&r, "app", name).as_deref(), Some(want), "{name}");
    }
    let rows = container(&r, "app").env.as_ref().unwrap();
    let mem = rows.iter().find(|v| v.name == "LIM_MEM").unwrap();
    assert!(mem.source.simulated);
    assert!(
        mem.source.text.contains("simulated node's allocatable"),
        "{}",
        mem.source.text
    );
}

#[test]
fn pod_level_limits_replace_the_node_allocatable() {
    let r = env_of(&format!(
        "{POD}spec:\n  resources:\n    limits: {{cpu: '2', memory: 1Gi}}\n  containers:\n  - name: app\n    image: busybox\n    env:\n\
         \x20   - {{name: CPU, valueFrom: {{resourceFieldRef: {{resource: limits.cpu}}}}}}\n\
         \x20   - {{name: MEM, valueFrom: {{resourceFieldRef: {{resource: limits.memory, divisor: 1Mi}}}}}}\n"
    ));
    assert_eq!(value(&r, "app", "CPU").as_deref(), Some("2"));
    assert_eq!(value(&r, "app", "MEM").as_deref(), Some("1024"));
}

const SERVICES: &str = "---\napiVersion: v1\nkind: Service\nmetadata: {name: foo}\nspec:\n  clusterIP: 10.96.0.42\n  ports: [{port: 8080}]\n\
---\napiVersion: v1\nkind: Service\nmetadata: {name: headless}\nspec:\n  clusterIP: None\n  ports: [{port: 80}]\n\
---\napiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  type: ExternalName\n  externalName: example.com\n\
---\napiVersion: v1\nkind: Service\nmetadata: {name: other, namespace: elsewhere}\nspec:\n  clusterIP: 10.96.0.43\n  ports: [{port: 80}]\n";

#[test]
fn service_links_follow_the_seeds_example() {
    // "For a service named foo that maps to a container named bar, the following variables
    // are defined: FOO_SERVICE_HOST, FOO_SERVICE_PORT" (Container Environment page).
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: bar\n    image: busybox\n{SERVICES}"
    ));
    assert_eq!(
        var(&r, "bar", "FOO_SERVICE_HOST"),
        Some(("10.96.0.42".into(), SourceKind::Service))
    );
    assert_eq!(
        value(&r, "bar", "FOO_SERVICE_PORT").as_deref(),
        Some("8080")
    );
    assert_eq!(
        value(&r, "bar", "FOO_PORT_8080_TCP_ADDR").as_deref(),
        Some("10.96.0.42")
    );
    let names: Vec<&str> = container(&r, "bar")
        .env
        .as_ref()
        .unwrap()
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert!(!names
        .iter()
        .any(|n| n.starts_with("HEADLESS_") || n.starts_with("EXT_") || n.starts_with("OTHER_")));
    // 7 FOO_* + 8 KUBERNETES_*.
    assert_eq!(names.len(), 15);
    let reasons: Vec<(&str, bool)> = r
        .services
        .iter()
        .map(|s| (s.name.as_str(), s.included))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("foo", true),
            ("headless", false),
            ("ext", false),
            ("other", false),
            ("kubernetes", true)
        ]
    );
}

#[test]
fn enable_service_links_false_keeps_only_kubernetes() {
    let r = env_of(&format!(
        "{POD}spec:\n  enableServiceLinks: false\n  containers:\n  - name: bar\n    image: busybox\n{SERVICES}"
    ));
    let names: Vec<&str> = container(&r, "bar")
        .env
        .as_ref()
        .unwrap()
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names.len(), 8);
    assert!(names.iter().all(|n| n.starts_with("KUBERNETES_")));
}

#[test]
fn a_pasted_kubernetes_service_replaces_the_simulated_one() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: bar\n    image: busybox\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: kubernetes, namespace: default}}\nspec:\n  clusterIP: 10.0.0.1\n  ports: [{{name: https, port: 6443}}]\n"
    ));
    assert_eq!(
        value(&r, "bar", "KUBERNETES_SERVICE_HOST").as_deref(),
        Some("10.0.0.1")
    );
    assert_eq!(
        value(&r, "bar", "KUBERNETES_PORT").as_deref(),
        Some("tcp://10.0.0.1:6443")
    );
    assert!(r.services.iter().all(|s| !s.simulated));
}

#[test]
fn command_and_args_use_the_final_environment() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, \"echo $(LATER) $(FOO_SERVICE_HOST) $(HOSTNAME) $$(A) $HOME\"]\n    args: [\"$(A)\", \"${{A}}\", \"$$\"]\n    env:\n\
         \x20   - {{name: A, value: a}}\n    - {{name: LATER, value: later}}\n{SERVICES}"
    ));
    let c = container(&r, "app");
    assert_eq!(
        c.command.as_deref().unwrap(),
        ["sh", "-c", "echo later 10.96.0.42 $(HOSTNAME) $(A) $HOME"]
    );
    assert_eq!(c.args.as_deref().unwrap(), ["a", "${A}", "$"]);
    assert_eq!(c.command_items[2].references.len(), 3);
    // The runtime, not the kubelet, sets HOSTNAME.
    assert_eq!(c.runtime_vars[0].name, "HOSTNAME");
    assert_eq!(c.runtime_vars[0].value, "envpod");
    assert_eq!(value(&r, "app", "HOSTNAME"), None);
}

#[test]
fn value_from_results_are_never_expanded() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    env:\n\
         \x20   - {{name: A, value: a}}\n    - name: RAW\n      valueFrom: {{configMapKeyRef: {{name: raw, key: k}}}}\n\
         ---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: raw}}\ndata: {{k: \"$(A)\"}}\n"
    ));
    assert_eq!(
        var(&r, "app", "RAW"),
        Some(("$(A)".into(), SourceKind::ConfigMapKeyRef))
    );
}

#[test]
fn every_container_kind_gets_its_own_environment() {
    let r = env_of(&format!(
        "{POD}spec:\n  initContainers:\n  - name: init\n    image: busybox\n    env: [{{name: W, value: init}}]\n  - name: side\n    image: busybox\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: busybox\n"
    ));
    let kinds: Vec<(&str, ContainerKind)> = r
        .containers
        .iter()
        .map(|c| (c.name.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("init", ContainerKind::Init),
            ("side", ContainerKind::Sidecar),
            ("app", ContainerKind::Container)
        ]
    );
    assert_eq!(value(&r, "init", "W").as_deref(), Some("init"));
    assert_eq!(value(&r, "app", "W"), None);
    assert_eq!(container(&r, "side").field, "spec.initContainers[1]");
}

#[test]
fn hostnames() {
    let host = |spec: &str| {
        env_of(&format!(
            "{POD}spec:\n{spec}  containers:\n  - name: app\n    image: busybox\n"
        ))
        .hostname
    };
    assert_eq!(host("").hostname, "envpod");
    assert_eq!(host("  hostname: web-0\n").hostname, "web-0");
    let sub = host("  hostname: web-0\n  subdomain: web\n");
    assert_eq!(
        (sub.hostname.as_str(), sub.domain.as_deref()),
        ("web-0", Some("web.default.svc.cluster.local"))
    );
    let fqdn = host("  hostname: web-0\n  subdomain: web\n  setHostnameAsFQDN: true\n");
    assert_eq!(fqdn.hostname, "web-0.web.default.svc.cluster.local");
    assert!(fqdn.simulated);
    let net = host("  hostNetwork: true\n");
    assert_eq!((net.hostname.as_str(), net.simulated), ("node-1", true));
    let long = format!(
        "  hostname: {}\n  subdomain: {}\n  setHostnameAsFQDN: true\n",
        "h".repeat(40),
        "s".repeat(20)
    );
    let too_long = host(&long);
    assert_eq!(
        too_long.error.as_deref(),
        Some(format!(
            "failed to construct FQDN from pod hostname and cluster domain, FQDN {}.{}.default.svc.cluster.local is too long (64 characters is the max, 87 characters requested)",
            "h".repeat(40),
            "s".repeat(20)
        ))
        .as_deref()
    );
    // Pod names longer than 63 characters are cut, without a trailing '-' or '.'.
    let name = format!("{}-{}", "a".repeat(62), "b".repeat(10));
    let r = env_of(&format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: app\n    image: busybox\n"));
    assert_eq!(r.hostname.hostname, "a".repeat(62));
}

#[test]
fn a_rejected_pod_has_no_environment() {
    let options = Options::new(Version::new(1, 36));
    let a = analyze_paste(
        &format!("{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    env: [{{name: '', value: x}}]\n"),
        &options);
    assert!(!a.created && a.environment.is_none());
    assert!(a
        .server_message
        .unwrap()
        .starts_with("Pod \"envpod\" is invalid"));
}

#[test]
fn config_map_binary_data_is_not_in_the_environment() {
    // The kubelet reads only a ConfigMap's `data` (envFrom and configMapKeyRef alike).
    let paste = format!(
        "{POD}spec:\n  containers:\n  - name: from\n    image: busybox\n    envFrom: [{{configMapRef: {{name: cfg}}}}]\n\
         \x20 - name: key\n    image: busybox\n    env:\n    - name: B\n      valueFrom: {{configMapKeyRef: {{name: cfg, key: bin}}}}\n\
         ---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cfg}}\ndata: {{text: t}}\nbinaryData: {{bin: AAE=}}\n"
    );
    let r = env_of(&paste);
    assert_eq!(value(&r, "from", "text").as_deref(), Some("t"));
    assert_eq!(value(&r, "from", "bin"), None);
    assert_eq!(
        error(&r, "key").as_deref(),
        Some("couldn't find key bin in ConfigMap default/cfg")
    );
}

#[test]
fn objects_of_other_namespaces_are_not_found() {
    let paste = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n  containers:\n  - name: app\n    image: busybox\n    envFrom: [{secretRef: {name: s}}]\n\
         ---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: other}\nstringData: {k: v}\n";
    let r = env_of(paste);
    assert_eq!(error(&r, "app").as_deref(), Some("secret \"s\" not found"));
    // Without a namespace, a document is in the pod's namespace.
    let r = env_of(&paste.replace(", namespace: other", ""));
    assert_eq!(value(&r, "app", "k").as_deref(), Some("v"));
}

#[test]
fn every_source_has_a_rule_with_a_documentation_page() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    envFrom: [{{configMapRef: {{name: cfg}}}}, {{secretRef: {{name: creds}}}}]\n    env:\n\
         \x20   - {{name: V, value: v}}\n\
         \x20   - {{name: F, valueFrom: {{fieldRef: {{fieldPath: metadata.name}}}}}}\n\
         \x20   - {{name: R, valueFrom: {{resourceFieldRef: {{resource: limits.cpu}}}}}}\n\
         \x20   - {{name: C, valueFrom: {{configMapKeyRef: {{name: cfg, key: mode}}}}}}\n\
         \x20   - {{name: S, valueFrom: {{secretKeyRef: {{name: creds, key: user}}}}}}\n\
         {CM_AND_SECRET}"
    ));
    let rows = container(&r, "app").env.as_ref().unwrap();
    let mut kinds = Vec::new();
    for row in rows {
        assert!(
            podplay_core::docs::for_rule(&row.source.rule).is_some(),
            "{}",
            row.source.rule
        );
        if !kinds.contains(&row.source.kind) {
            kinds.push(row.source.kind);
        }
    }
    assert_eq!(kinds.len(), 8, "{kinds:?}");
    assert_eq!(
        podplay_core::docs::for_rule(&r.hostname.rule)
            .unwrap()
            .title,
        "Container environment"
    );
}

#[test]
fn the_gallery_example_shows_every_kind_of_source() {
    let (_, _, text) = podplay_core::gallery::EXAMPLES
        .iter()
        .find(|(f, _, _)| *f == "09-environment.yaml")
        .unwrap();
    let r = env_of(text);
    assert_eq!(value(&r, "bar", "GREETING").as_deref(), Some("hello-world"));
    assert_eq!(value(&r, "bar", "ESCAPED").as_deref(), Some("$(NAME)"));
    assert_eq!(value(&r, "bar", "CFG_log-level").as_deref(), Some("info"));
    assert_eq!(value(&r, "bar", "MEMORY_MI").as_deref(), Some("8192"));
    assert_eq!(
        value(&r, "bar", "FOO_SERVICE_HOST").as_deref(),
        Some("10.96.0.42")
    );
    assert_eq!(
        value(&r, "bar", "FOO_SERVICE_PORT").as_deref(),
        Some("8080")
    );
    assert_eq!(
        container(&r, "bar").command.as_deref().unwrap()[2],
        "echo hello-world from bar at 10.96.0.42:8080 $(UNDEFINED)"
    );
    // The optional Secret is absent: listed as skipped, nothing added.
    assert_eq!(container(&r, "bar").skipped.len(), 1);
}

#[test]
fn random_edits_of_the_example_never_panic() {
    let (_, _, text) = podplay_core::gallery::EXAMPLES
        .iter()
        .find(|(f, _, _)| *f == "09-environment.yaml")
        .unwrap();
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let options = Options::new(Version::new(1, 36));
    let bytes = text.as_bytes();
    let pieces = [
        "$(", ")", "$$", "-", ":", "\n  ", "'", "\"", "é", "0", "None", "{}", "[]",
    ];
    let mut created = 0;
    for _ in 0..300 {
        let mut edited = text.to_string();
        for _ in 0..3 {
            let at = (next() as usize) % bytes.len();
            let at = (0..=at)
                .rev()
                .find(|i| edited.is_char_boundary(*i))
                .unwrap_or(0);
            let piece = pieces[(next() as usize) % pieces.len()];
            edited.insert_str(at, piece);
        }
        let a = analyze_paste(&edited, &options);
        if let Some(env) = a.environment {
            created += 1;
            assert!(!env.containers.is_empty());
        }
    }
    // Most edits still give a pod; the run must have exercised the environment.
    assert!(created > 30, "{created} of 300 edits were created");
}

#[test]
fn a_host_network_pod_sees_its_nodes_hostname() {
    let r = env_of(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeName: worker-7\n  hostNetwork: true\n  containers:\n  - name: app\n    image: busybox\n\
         ---\napiVersion: v1\nkind: Node\nmetadata: {name: worker-7}\nstatus:\n  addresses:\n  - {type: Hostname, address: ip-10-0-0-7}\n  - {type: InternalIP, address: 10.0.0.7}\n",
    );
    assert_eq!(
        (r.hostname.hostname.as_str(), r.hostname.simulated),
        ("ip-10-0-0-7", false)
    );
    assert_eq!(container(&r, "app").runtime_vars[0].value, "ip-10-0-0-7");
}

#[test]
fn pod_level_limits_need_the_pod_level_resources_gate() {
    let paste = format!(
        "{POD}spec:\n  resources:\n    limits: {{cpu: '2'}}\n  containers:\n  - name: app\n    image: busybox\n    env:\n\
         \x20   - {{name: CPU, valueFrom: {{resourceFieldRef: {{resource: limits.cpu}}}}}}\n"
    );
    let cpu = |minor| {
        let options = Options {
            version: Version::new(1, minor),
            ..Options::new(Version::new(1, 36))
        };
        let a = analyze_paste(&paste, &options);
        let env = a.environment.expect("created");
        let c = &env.containers[0];
        c.env
            .as_ref()
            .unwrap()
            .iter()
            .find(|v| v.name == "CPU")
            .unwrap()
            .value
            .clone()
    };
    // Off in 1.33 (the field is dropped, the node's allocatable is used), on from 1.34.
    assert_eq!(cpu(33), "4");
    assert_eq!(cpu(34), "2");
    assert_eq!(cpu(36), "2");
}

#[test]
fn the_report_round_trips_through_json() {
    // The page receives the report from a Web Worker as JSON and reads it back into the same
    // types: nothing may be lost (skipped empty fields come back as their defaults).
    let (_, _, text) = podplay_core::gallery::EXAMPLES
        .iter()
        .find(|(f, _, _)| *f == "09-environment.yaml")
        .expect("gallery example");
    let mut reports = vec![env_of(text)];
    // A container that fails (CreateContainerConfigError) and an optional reference skipped.
    reports.push(env_of(&format!(
        "{POD}spec:\n  initContainers:\n  - name: side\n    image: busybox\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: busybox\n    env:\n\
         \x20   - {{name: B, valueFrom: {{secretKeyRef: {{name: gone, key: k, optional: true}}}}}}\n\
         \x20   - {{name: A, valueFrom: {{configMapKeyRef: {{name: missing, key: k}}}}}}\n"
    )));
    let app = container(&reports[1], "app");
    assert_eq!(
        (
            app.error.is_some(),
            app.skipped.len(),
            reports[1].containers[0].kind
        ),
        (true, 1, ContainerKind::Sidecar)
    );
    for r in reports {
        let text = serde_json::to_string(&r).unwrap();
        let back: EnvironmentReport = serde_json::from_str(&text).unwrap();
        assert_eq!(back, r);
    }
}

#[test]
fn a_kubelet_error_is_pinned_to_its_field() {
    let paste = format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    env:\n\
         \x20   - {{name: A, valueFrom: {{configMapKeyRef: {{name: missing, key: k}}}}}}\n"
    );
    let report = podplay_core::report::build(&paste, &Options::new(Version::new(1, 36)));
    let d: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.source == "kubelet")
        .map(|d| {
            (
                d.message.as_str(),
                d.field.as_deref(),
                d.pos.map(|p| p.line),
            )
        })
        .collect();
    assert_eq!(
        d,
        [(
            "container app: CreateContainerConfigError: configmap \"missing\" not found",
            Some("spec.containers[0].env[0].valueFrom.configMapKeyRef"),
            Some(10)
        )]
    );
}

/// podplay's own words for an optional reference to an object that was not given: the cluster
/// context comes from the paste or the cluster context (input::read_with_context).
#[test]
fn optional_absent_objects_name_both_places_context_comes_from() {
    let r = env_of(&format!(
        "{POD}spec:\n  containers:\n  - name: app\n    image: busybox\n    envFrom:\n\
         \x20   - configMapRef: {{name: absent, optional: true}}\n    env:\n\
         \x20   - name: X\n      valueFrom: {{secretKeyRef: {{name: gone, key: k, optional: true}}}}\n"
    ));
    let texts: Vec<&str> = container(&r, "app")
        .skipped
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "ConfigMap default/absent is not in the paste or the cluster context; optional, so nothing is added",
            "Secret default/gone is not in the paste or the cluster context; optional, so X is not set",
        ]
    );
}
