//! COMPUTED BY KUBERNETES: outputs from a local build of the real v1.36.2 tree (see the file header)
//!
//! Variants of the `env/` conformance cases whose expected environments were COMPUTED by
//! Kubernetes v1.36.2's own kubelet, run locally on the same tree and toolchain as
//! `tests/conformance/k8s-1.36/env` and through the same pipeline its README describes (decode,
//! defaults, ServiceAccount admission, `ValidatePodCreate`; `newTestKubelet` with node-1, the
//! Services of the paste plus `default/kubernetes`, the Watch ConfigMap/Secret managers;
//! `makeEnvironmentVariables` then `ExpandContainerCommandAndArgs`) during a differential run
//! against `podplay env`. Each row is a place where podplay differed; the environments are
//! listed sorted by name (the kubelet's own order is random).

use podplay_core::report::{build, Options};
use podplay_core::versions::Version;

/// (case name, paste, per container: its sorted `NAME=value` list or the kubelet's error).
type Case<'a> = (
    &'a str,
    &'a str,
    &'a [(&'a str, Result<&'a [&'a str], &'a str>)],
);

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for (name, paste, want) in cases {
        let report = build(paste, &Options::new(Version::new(1, 36)));
        let Some(env) = report.views.environment else {
            failures.push(format!("{name}: no environment view"));
            continue;
        };
        let got: Vec<(String, Result<Vec<String>, String>)> = env
            .containers
            .iter()
            .map(|c| {
                let result = match (&c.error, &c.env) {
                    (Some(e), _) => Err(e.message.clone()),
                    (None, rows) => {
                        let mut vars: Vec<String> = rows
                            .iter()
                            .flatten()
                            .map(|r| format!("{}={}", r.name, r.value))
                            .collect();
                        vars.sort();
                        Ok(vars)
                    }
                };
                (c.name.clone(), result)
            })
            .collect();
        let want: Vec<(String, Result<Vec<String>, String>)> = want
            .iter()
            .map(|(c, r)| {
                let r = r
                    .map(|vars| vars.iter().map(|v| v.to_string()).collect())
                    .map_err(str::to_string);
                (c.to_string(), r)
            })
            .collect();
        if got != want {
            failures.push(format!("{name}:\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `makeEnvVariableName` upper-cases with Go's `strings.ToUpper`: the simple, one-rune
/// mapping (`ß` stays `ß`, `ᾳ` becomes `ᾼ`), not Rust's full mapping (`ß` → `SS`). Such names
/// only reach the kubelet unvalidated (a real Service name is a DNS label).
#[test]
fn service_names_upper_case_rune_by_rune() {
    check(&[(
        "svc-unicode-name",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: envpod
spec:
  containers:
  - name: app
    image: busybox:1.36
---
apiVersion: v1
kind: Service
metadata:
  name: straße
spec:
  clusterIP: 10.96.0.50
  ports:
  - name: ᾳ-web
    port: 80
    protocol: UDP
"#,
        &[(
            "app",
            Ok(&[
                "KUBERNETES_PORT=tcp://10.96.0.1:443",
                "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                "KUBERNETES_PORT_443_TCP_PORT=443",
                "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                "KUBERNETES_SERVICE_HOST=10.96.0.1",
                "KUBERNETES_SERVICE_PORT=443",
                "KUBERNETES_SERVICE_PORT_HTTPS=443",
                "STRAßE_PORT=udp://10.96.0.50:80",
                "STRAßE_PORT_80_UDP=udp://10.96.0.50:80",
                "STRAßE_PORT_80_UDP_ADDR=10.96.0.50",
                "STRAßE_PORT_80_UDP_PORT=80",
                "STRAßE_PORT_80_UDP_PROTO=udp",
                "STRAßE_SERVICE_HOST=10.96.0.50",
                "STRAßE_SERVICE_PORT=80",
                "STRAßE_SERVICE_PORT_ᾼ_WEB=80",
            ]),
        )],
    )]);
}

/// `getServiceEnvVarMap` keys its map by Service name alone: a Service of the pod's namespace
/// given twice keeps its last document; the master `default/kubernetes` given twice keeps its
/// first (it is never put over an existing entry); a `kubernetes` Service of the pod's own
/// namespace wins over the master whichever comes first.
#[test]
fn one_service_per_name() {
    check(&[
        (
            "svc-given-twice",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: envpod
spec:
  containers:
  - name: app
    image: busybox:1.36
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: 10.96.0.2
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: 10.96.0.3
  ports:
  - name: http
    port: 81
"#,
            &[(
                "app",
                Ok(&[
                    "KUBERNETES_PORT=tcp://10.96.0.1:443",
                    "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                    "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
                    "KUBERNETES_PORT_443_TCP_PORT=443",
                    "KUBERNETES_PORT_443_TCP_PROTO=tcp",
                    "KUBERNETES_SERVICE_HOST=10.96.0.1",
                    "KUBERNETES_SERVICE_PORT=443",
                    "KUBERNETES_SERVICE_PORT_HTTPS=443",
                    "WEB_PORT=tcp://10.96.0.3:81",
                    "WEB_PORT_81_TCP=tcp://10.96.0.3:81",
                    "WEB_PORT_81_TCP_ADDR=10.96.0.3",
                    "WEB_PORT_81_TCP_PORT=81",
                    "WEB_PORT_81_TCP_PROTO=tcp",
                    "WEB_SERVICE_HOST=10.96.0.3",
                    "WEB_SERVICE_PORT=81",
                    "WEB_SERVICE_PORT_HTTP=81",
                ]),
            )],
        ),
        (
            "master-given-twice",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: envpod
  namespace: team
spec:
  containers:
  - name: app
    image: busybox:1.36
---
apiVersion: v1
kind: Service
metadata:
  name: kubernetes
  namespace: default
spec:
  clusterIP: 10.96.0.7
  ports:
  - name: a
    port: 1
---
apiVersion: v1
kind: Service
metadata:
  name: kubernetes
  namespace: default
spec:
  clusterIP: 10.96.0.8
  ports:
  - name: b
    port: 2
"#,
            &[(
                "app",
                Ok(&[
                    "KUBERNETES_PORT=tcp://10.96.0.7:1",
                    "KUBERNETES_PORT_1_TCP=tcp://10.96.0.7:1",
                    "KUBERNETES_PORT_1_TCP_ADDR=10.96.0.7",
                    "KUBERNETES_PORT_1_TCP_PORT=1",
                    "KUBERNETES_PORT_1_TCP_PROTO=tcp",
                    "KUBERNETES_SERVICE_HOST=10.96.0.7",
                    "KUBERNETES_SERVICE_PORT=1",
                    "KUBERNETES_SERVICE_PORT_A=1",
                ]),
            )],
        ),
        (
            "own-kubernetes-before-master",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: envpod
  namespace: team
spec:
  containers:
  - name: app
    image: busybox:1.36
---
apiVersion: v1
kind: Service
metadata:
  name: kubernetes
spec:
  clusterIP: 10.96.0.9
  ports:
  - name: own
    port: 3
---
apiVersion: v1
kind: Service
metadata:
  name: kubernetes
  namespace: default
spec:
  clusterIP: 10.96.0.7
  ports:
  - name: a
    port: 1
"#,
            &[(
                "app",
                Ok(&[
                    "KUBERNETES_PORT=tcp://10.96.0.9:3",
                    "KUBERNETES_PORT_3_TCP=tcp://10.96.0.9:3",
                    "KUBERNETES_PORT_3_TCP_ADDR=10.96.0.9",
                    "KUBERNETES_PORT_3_TCP_PORT=3",
                    "KUBERNETES_PORT_3_TCP_PROTO=tcp",
                    "KUBERNETES_SERVICE_HOST=10.96.0.9",
                    "KUBERNETES_SERVICE_PORT=3",
                    "KUBERNETES_SERVICE_PORT_OWN=3",
                ]),
            )],
        ),
    ]);
}
