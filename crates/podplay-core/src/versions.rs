//! Everything that differs between Kubernetes releases, as one table keyed by version.
//!
//! Code never compares version numbers itself: it asks `version.gate("X")` or reads a
//! wording from [`Version::wording`]. Adding a release means adding a row here.

use serde::Serialize;

/// A supported Kubernetes minor release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

/// The releases podplay models, oldest first. The last one is what the UI and CLI offer
/// first; there is no implicit default: every version-dependent function takes a `Version`.
pub const SUPPORTED: &[Version] = &[
    Version {
        major: 1,
        minor: 33,
    },
    Version {
        major: 1,
        minor: 34,
    },
    Version {
        major: 1,
        minor: 35,
    },
    Version {
        major: 1,
        minor: 36,
    },
];

/// Feature gates that change Pod behaviour, with the first minor release in which each
/// is ON by default (None = off in every supported release). Source: spec header table and
/// pkg/features/kube_features.go; v1.35 values checked against conformance feature-gates.json.
const GATES: &[(&str, Option<u32>)] = &[
    ("SidecarContainers", Some(29)),
    ("PodLifecycleSleepAction", Some(30)),
    ("PodLifecycleSleepActionAllowZero", Some(33)),
    ("ImageVolume", Some(35)),
    ("PodLevelResources", Some(34)),
    ("EnvFiles", Some(35)),
    ("ContainerRestartRules", Some(35)),
    ("RestartAllContainersOnContainerExits", Some(36)),
    ("KubeletEnsureSecretPulledImages", Some(35)),
    ("KubeletServiceAccountTokenForCredentialProviders", Some(34)),
    ("KubeletCrashLoopBackOffMax", Some(35)),
    ("ReduceDefaultCrashLoopBackOffDecay", None),
    ("ContainerStopSignals", None),
    ("TaintTolerationComparisonOperators", None),
    ("PodTopologyLabelsAdmission", Some(35)),
    ("RetryGenerateName", Some(31)),
    ("PodLogsQuerySplitStreams", None),
    ("DynamicResourceAllocation", Some(34)),
    ("DRAExtendedResource", Some(36)),
    ("InPlacePodLevelResourcesVerticalScaling", Some(36)),
    ("InPlacePodVerticalScaling", Some(33)),
    ("ResourceHealthStatus", Some(36)),
    ("HostnameOverride", Some(35)),
    ("UserNamespacesSupport", Some(33)),
    ("UserNamespacesHostNetworkSupport", None),
    ("SupplementalGroupsPolicy", Some(33)),
    ("SELinuxChangePolicy", Some(33)),
    ("SELinuxMount", None),
    ("RecursiveReadOnlyMounts", Some(33)),
    ("RelaxedDNSSearchValidation", Some(33)),
    // apimachinery util/validation/ip.go: legacy IP fields (dnsConfig.nameservers,
    // hostAliases[].ip) refuse leading 0s and IPv4-mapped IPv6 (beta, on, in 1.36).
    ("StrictIPCIDRValidation", Some(36)),
    ("RelaxedEnvironmentVariableValidation", Some(32)),
    ("ProcMountType", Some(33)),
    ("ClusterTrustBundleProjection", None),
    ("PodCertificateRequest", None),
    ("MatchLabelKeysInPodAffinity", Some(31)),
    ("MatchLabelKeysInPodTopologySpread", Some(27)),
    ("MatchLabelKeysInPodTopologySpreadSelectorMerge", Some(34)),
    ("NodeInclusionPolicyInPodTopologySpread", Some(26)),
    ("PodDeletionCost", Some(22)),
    ("PodObservedGenerationTracking", Some(34)),
    ("GenericWorkload", None),
    // Adds the NodeDeclaredFeatures filter to the scheduler's default profile and makes the
    // kubelet publish status.declaredFeatures (beta, on, 1.36).
    ("NodeDeclaredFeatures", Some(36)),
    // Gates whose features a 1.36 kubelet declares (nodedeclaredfeatures `Discover`).
    ("ExtendWebSocketsToKubelet", Some(36)),
    ("InPlacePodVerticalScalingInitContainers", Some(36)),
];

/// The first minor release whose code has a gate at all. Before it, the gate's
/// `DropDisabledPodFields` step does not exist either, so nothing is dropped for it (a gate
/// not listed here exists in every supported release). Source: pkg/features/kube_features.go
/// of each release; checked against the v1.33 conformance cases (an init container's
/// `restartPolicy: OnFailure` is kept by 1.33 and rejected by validation, dropped by 1.34).
const GATES_INTRODUCED: &[(&str, u32)] = &[
    ("ContainerRestartRules", 34),
    ("EnvFiles", 34),
    ("HostnameOverride", 34),
    ("PodCertificateRequest", 34),
    ("DRAExtendedResource", 34),
    ("MatchLabelKeysInPodTopologySpreadSelectorMerge", 34),
    ("GenericWorkload", 35),
    ("InPlacePodLevelResourcesVerticalScaling", 35),
    ("UserNamespacesHostNetworkSupport", 35),
    ("RestartAllContainersOnContainerExits", 35),
    ("TaintTolerationComparisonOperators", 35),
    ("NodeDeclaredFeatures", 35),
    ("ExtendWebSocketsToKubelet", 36),
    ("InPlacePodVerticalScalingInitContainers", 36),
];

/// API fields that exist only in some releases: (Go struct, json name, first minor, last
/// minor). A server without the field drops it as unknown (and strict field validation
/// reports it). Fields of an inlined struct are listed under the struct that inlines them
/// (the decoder sees them flattened there). Source: k8s.io/api core/v1/types.go of each release; the 1.35/1.36 rows are
/// listed in schema/core_v1.schema's header, the 1.34 rows checked against the v1.33
/// conformance cases' `strictDecodeError`.
const API_FIELDS: &[(&str, &str, u32, u32)] = &[
    ("v1.PodSpec", "hostnameOverride", 34, u32::MAX),
    ("v1.Container", "restartPolicyRules", 34, u32::MAX),
    ("v1.EphemeralContainer", "restartPolicyRules", 34, u32::MAX),
    ("v1.EnvVarSource", "fileKeyRef", 34, u32::MAX),
    ("v1.VolumeProjection", "podCertificate", 34, u32::MAX),
    ("v1.PodStatus", "extendedResourceClaimStatus", 34, u32::MAX),
    // New in k8s.io/api v0.35 (absent from the v1.34.2 tree's types.go).
    ("v1.PodStatus", "resources", 35, u32::MAX),
    ("v1.PodStatus", "allocatedResources", 35, u32::MAX),
    (
        "v1.PodCertificateProjection",
        "userAnnotations",
        35,
        u32::MAX,
    ),
    ("v1.NodeStatus", "declaredFeatures", 35, u32::MAX),
    ("v1.PodSpec", "workloadRef", 35, 35),
    ("v1.PodSpec", "schedulingGroup", 36, u32::MAX),
    (
        "v1.PodStatus",
        "nodeAllocatableResourceClaimStatuses",
        36,
        u32::MAX,
    ),
    ("v1.VolumeMountStatus", "volumeStatus", 36, u32::MAX),
    ("v1.ResourceHealth", "message", 36, u32::MAX),
];

/// Behaviour changes that are not feature gates (e.g. from the Go release a Kubernetes
/// version is built with): (name, first minor it applies to).
const BEHAVIOURS: &[(&str, u32)] = &[
    // apimachinery util/validation/field `ErrorBody` prints a bad value by its reflect kind
    // from 1.34 on (a named string type such as `core.ResourceName` is quoted, anything else
    // goes through json.Marshal); 1.33 printed a `fmt.Stringer` with `String()`, bare
    // (`Invalid value: foo`), and any other non-scalar value with Go's `%#v`
    // (`[]string{"a"}`, `resource.Quantity{...}`; field.rs `printed_with_go_syntax`).
    ("FieldErrorQuotesNamedStrings", 34),
    // pkg/apis/core/validation ValidateCSIDriverName returns after `Required` for an empty
    // driver from 1.35; v1.33.5 and v1.34.2 also print the subdomain error for `""`.
    ("CSIDriverNameStopsAtRequired", 35),
    // Go 1.26 url.Parse rejects a host with more than one colon outside brackets, so registry
    // keys like `::1` are ignored from Kubernetes 1.36 on (conformance README).
    ("GoURLStrictColons", 36),
    // Go 1.27's encoding/json runs over json/v2 (the `jsonv2` experiment is on by default), the
    // toolchain that computed the 1.35 and 1.36 conformance cases: the kubelet's docker-config
    // decoding stops at the first error, names fields as written, and words syntax errors the
    // json/v2 way (checked against a v1.36.2 build; dockerconfig.rs `go_json`). v1.33.5 and
    // v1.34.2 are built with Go 1.24 (the classic decoder), kept as podplay modelled it.
    ("GoJsonV2", 35),
    // url.Parse IP-literal checks: the bracketed text must be an IPv6 address (CVE-2025-47912,
    // Go 1.24.8/1.25.2) and a `[` may only open the host (CVE-2026-25679, Go 1.25.8/1.26.1).
    // v1.33.5 is built with Go 1.24.6 (`.go-version`), before both: `r[0-9].io` and `[abc]`
    // parse. From 1.34 podplay applies both, as the Go 1.27.3 that computed the 1.35
    // conformance cases does (v1.34.2's own Go 1.24.9 has only the first; not modelled).
    ("GoURLChecksIPLiterals", 34),
    // NodeResourcesFit: a request larger than the node's whole allocatable is
    // UnschedulableAndUnresolvable, so preemption skips that node (kubernetes PR #131345, 1.34).
    ("SchedulerUnresolvableInsufficientResources", 34),
    // NodeResourcesBalancedAllocation scores the balance improvement the pod brings
    // (`50 + (50 + withPod - withoutPod) / 2`) instead of the balance with the pod (1.36;
    // v1.35.4's balanced_allocation.go still has the single-score formula).
    ("SchedulerBalancedAllocationImprovement", 36),
    // The kubelet's `$(VAR)` expansion keeps `$` plus the whole next character (`$é`), not
    // `string(byte)` of its first byte (third_party/forked/golang/expansion tryReadVariableName;
    // kubernetes PR #136325, in v1.35.2 and v1.36.2; its release-1.34 cherry-pick came after
    // v1.34.2, the 1.34 podplay models, whose tree still has `string(input[0])`).
    ("ExpansionDecodesRune", 35),
    // DefaultPreemption sends no delete for a victim already being deleted (`deletionTimestamp`
    // set): pkg/scheduler/framework/preemption/preemption.go prepareCandidate(Async) in
    // v1.35.2, executor.go in v1.36.2; v1.34.2 deletes every victim (checked by local
    // scheduler oracles of the three trees).
    ("PreemptionSkipsDeletingVictims", 35),
    // ImageLocality (pkg/scheduler/framework/plugins/imagelocality sumImageScores) adds the
    // images of `image` volumes to the score from 1.36 (absent from v1.35.4's plugin).
    ("ImageLocalityCountsImageVolumes", 36),
    // NodePorts and NodeInfo's used ports count sidecars' (restartable init containers')
    // host ports from 1.34 (`schedutil.GetHostPorts`); v1.33 read `spec.containers` only.
    ("SchedulerSidecarHostPorts", 34),
    // validation.go validateHostUsers: `hostUsers: false` forbids volumeDevices from 1.34 on
    // (v1.33.5 has no such check).
    ("UserNamespacesForbidVolumeDevices", 34),
    // apimachinery util/validation IsDNS1123SubdomainWithUnderscore: v1.33 printed the plain
    // subdomain regex in its error; 1.34 prints the one with underscores it checks.
    ("UnderscoreSubdomainShowsItsRegex", 34),
    // sigs.k8s.io/json v0.0.0-20250730193827 (vendored by 1.35 and 1.36; 1.33/1.34 have
    // v0.0.0-20241014173422) puts an embedded struct's Go name in a decode type error's field
    // path: `Probe.spec.containers.livenessProbe.ProbeHandler.exec`.
    ("DecodeErrorNamesEmbeddedStructs", 35),
    // pkg/printers/internalversion printPod (the STATUS column kubectl get shows): when the
    // first container says `Completed` but another one failed, 1.35 prints the failure
    // (`Error`); v1.33.5 and v1.34.2 print `Completed` (or `NotReady` with one running).
    ("KubectlStatusShowsFailedContainer", 35),
    // apimachinery labels.Parser parseIdentifiersList: on `,,` v1.34.2 consumed the second
    // comma (so `a in (x,,)` failed with "found ')', expected: ',', or identifier"); the
    // v1.35.2 tree leaves it, and `a in (x,,)` is `a in (,x)`.
    ("SelectorParserKeepsSecondComma", 35),
    // kubectl describe (staging/src/k8s.io/kubectl/pkg/describe describeContainerPorts and
    // describeContainerHostPorts) names a named port, `80/TCP (http)`, from 1.34 (absent from
    // the v1.33.5 tree).
    ("KubectlDescribeNamesPorts", 34),
    // kubectl describe DescribeEvents: a container event's message is prefixed with the
    // involved object's field path, `spec.containers{app}: Container created`, from 1.35
    // (absent from the v1.34.2 tree; the same release dropped the name from the message).
    ("KubectlDescribeEventFieldPath", 35),
];

/// Message wordings that changed between releases: (key, first minor it applies to, text).
/// The newest row whose minor is <= the chosen version wins.
const WORDINGS: &[(&str, u32, &str)] = &[
    // validation.go validateHostUsers: v1.33.5 names the field `pod.Spec.HostUsers`.
    (
        "hostUsers.forbidden",
        0,
        "when `pod.Spec.HostUsers` is false",
    ),
    ("hostUsers.forbidden", 34, "when `hostUsers` is false"),
    // validation.go validateOS: v1.33.5's Required error on spec.os.name has a detail.
    ("os.name.required", 0, "cannot be empty"),
    ("os.name.required", 34, ""),
    // Label key/value length errors (apimachinery content validation) say bytes since 1.35.
    ("label.maxlen.unit", 0, "characters"),
    ("label.maxlen.unit", 35, "bytes"),
    // Annotation keys are checked as label keys; the message names them so since 1.35
    // (apimachinery util/validation `IsQualifiedName`).
    ("qualifiedName.keyNoun", 0, "a qualified name"),
    ("qualifiedName.keyNoun", 35, "a valid label key"),
    // Scheduler TaintToleration filter reason (pkg/scheduler/framework/plugins/tainttoleration
    // Filter): kubernetes PR #134740 stopped naming the taint (keys/values may be sensitive);
    // its release-1.34 cherry-pick #135023 is in the v1.34.2 tree podplay models, not in v1.33.5.
    (
        "scheduler.taint",
        25,
        "node(s) had untolerated taint {%KEY%: %VALUE%}",
    ),
    ("scheduler.taint", 34, "node(s) had untolerated taint(s)"),
    // The FailedScheduling PostFilter part. The DynamicResources plugin (default profile once
    // DynamicResourceAllocation is on, 1.34) runs its PostFilter before DefaultPreemption and,
    // for a pod without new claims, says so first; the reasons are joined with ", ".
    (
        "scheduler.postfilter.dra",
        34,
        "no new claims to deallocate",
    ),
    // DefaultPreemption (pkg/scheduler/framework/preemption/preemption.go, same text 1.33–1.36).
    ("scheduler.preemption.prefix", 0, "preemption: "),
    (
        "scheduler.preemption.notHelpful",
        0,
        "Preemption is not helpful for scheduling",
    ),
    (
        "scheduler.preemption.noVictims",
        0,
        "No preemption victims found for incoming pod",
    ),
    (
        "scheduler.preemption.never",
        0,
        "not eligible due to preemptionPolicy=Never.",
    ),
    // apimachinery api/validation/objectmeta.go validateOwnerReference: 1.33 named the field
    // in the message.
    ("ownerReference.kind.empty", 0, "kind must not be empty"),
    ("ownerReference.kind.empty", 34, "must not be empty"),
    ("ownerReference.name.empty", 0, "name must not be empty"),
    ("ownerReference.name.empty", 34, "must not be empty"),
    ("ownerReference.uid.empty", 0, "uid must not be empty"),
    ("ownerReference.uid.empty", 34, "must not be empty"),
    // resizePolicy with restartPolicy Never.
    (
        "resize.never",
        0,
        "must be 'NotRequired' when `restartPolicy` is 'Never'",
    ),
    (
        "resize.never",
        36,
        "must be 'NotRequired' when pod `restartPolicy` is 'Never'",
    ),
    // Non-sidecar init containers may not use resizePolicy RestartContainer (a rule added in
    // 1.36; no row before = no such check).
    (
        "resize.init.restartContainer",
        36,
        "must not be set to 'RestartContainer' for non-sidecar initContainers",
    ),
    // Too many restartPolicyRules / exitCodes.values: field.TooLong in 1.35, field.TooMany
    // from 1.36 (the value names the error type).
    ("list.maxItems.error", 0, "TooLong"),
    ("list.maxItems.error", 36, "TooMany"),
    // Container lifecycle events (pkg/kubelet/kuberuntime/kuberuntime_container.go
    // startContainer): `Created container: NAME` (with a colon) and `Started container NAME`
    // up to 1.34; kubernetes PR #134043 dropped the name in 1.35 (v1.33.5 and v1.34.1 trees
    // have the old form, v1.35.2 and v1.36.2 the new one).
    ("event.created", 0, "Created container: %NAME%"),
    ("event.created", 35, "Container created"),
    ("event.started", 0, "Started container %NAME%"),
    ("event.started", 35, "Container started"),
    // kubectl delete's success line (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go
    // PrintObj): a namespaced object gets ` from NS namespace` since kubectl 1.34 (kubernetes
    // PR #126619; absent from the v1.33 tree, present in v1.34.1 and v1.36.2). Older kubectl
    // printed the bare form.
    ("kubectl.deleted", 0, "pod \"%NAME%\" %OP%"),
    (
        "kubectl.deleted",
        34,
        "pod \"%NAME%\" %OP% from %NS% namespace",
    ),
];

/// The kubelet's CrashLoopBackOff: first delay, cap, and how long a container must run for
/// the back-off to be forgotten (pkg/kubelet/kubelet.go:newCrashLoopBackOff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrashLoopBackOff {
    pub initial_seconds: u64,
    pub max_seconds: u64,
    pub reset_after_seconds: u64,
    /// The gate that chose these values, if any.
    pub gate: Option<String>,
}

/// `initialCrashLoopBackOff` / `MaxContainerBackOff`: 10 s doubling to 300 s.
const CRASH_LOOP_DEFAULT: (u64, u64) = (10, 300);
/// ReduceDefaultCrashLoopBackOffDecay: 1 s doubling to 60 s.
const CRASH_LOOP_REDUCED: (u64, u64) = (1, 60);
/// The custom HasExpiredFunc: a container that ran 10 minutes resets its back-off.
const CRASH_LOOP_RESET_SECONDS: u64 = 600;

impl Version {
    /// The CrashLoopBackOff parameters with this release's default gates (a default kubelet
    /// configuration: KubeletCrashLoopBackOffMax's `maxContainerRestartPeriod` defaults to 300 s,
    /// so that gate alone changes nothing).
    pub fn crash_loop_backoff(&self) -> CrashLoopBackOff {
        let reduced = self.gate("ReduceDefaultCrashLoopBackOffDecay");
        let (initial, max) = if reduced {
            CRASH_LOOP_REDUCED
        } else {
            CRASH_LOOP_DEFAULT
        };
        CrashLoopBackOff {
            initial_seconds: initial,
            max_seconds: max,
            reset_after_seconds: CRASH_LOOP_RESET_SECONDS,
            gate: if reduced {
                Some("ReduceDefaultCrashLoopBackOffDecay".into())
            } else if self.gate("KubeletCrashLoopBackOffMax") {
                Some("KubeletCrashLoopBackOffMax".into())
            } else {
                None
            },
        }
    }

    pub const fn new(major: u32, minor: u32) -> Self {
        Version { major, minor }
    }

    /// The newest supported release (the default).
    pub fn newest() -> Self {
        *SUPPORTED.last().expect("at least one version")
    }

    /// Parses `1.35`, `v1.35` or `1.35.4`; only supported releases are accepted.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim().trim_start_matches('v');
        let mut parts = t.split('.');
        let major = parts.next().and_then(|p| p.parse::<u32>().ok());
        let minor = parts.next().and_then(|p| p.parse::<u32>().ok());
        match (major, minor) {
            (Some(major), Some(minor)) => {
                let v = Version { major, minor };
                if SUPPORTED.contains(&v) {
                    Ok(v)
                } else {
                    Err(format!(
                        "unsupported Kubernetes version {text}: podplay models {}",
                        SUPPORTED
                            .iter()
                            .map(|v| v.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                }
            }
            _ => Err(format!(
                "not a Kubernetes version: {text} (expected e.g. 1.35)"
            )),
        }
    }

    /// Whether a feature gate is on by default in this release. Unknown gates are off.
    pub fn gate(&self, name: &str) -> bool {
        GATES
            .iter()
            .find(|(g, _)| *g == name)
            .and_then(|(_, since)| *since)
            .is_some_and(|since| self.minor >= since)
    }

    /// A wording that changed between releases (see WORDINGS).
    pub fn wording(&self, key: &str) -> &'static str {
        WORDINGS
            .iter()
            .filter(|(k, since, _)| *k == key && *since <= self.minor)
            .max_by_key(|(_, since, _)| *since)
            .map(|(_, _, text)| *text)
            .unwrap_or("")
    }

    /// Whether the release's code has this feature gate at all (see GATES_INTRODUCED).
    pub fn has_gate(&self, name: &str) -> bool {
        GATES_INTRODUCED
            .iter()
            .find(|(g, _)| *g == name)
            .is_none_or(|(_, since)| self.minor >= *since)
    }

    /// Whether the release's API has this field of this Go struct (see API_FIELDS); fields
    /// not listed exist in every supported release.
    pub fn has_api_field(&self, go_struct: &str, json: &str) -> bool {
        API_FIELDS
            .iter()
            .find(|(s, f, _, _)| *s == go_struct && *f == json)
            .is_none_or(|(_, _, first, last)| (*first..=*last).contains(&self.minor))
    }

    /// Whether a non-gate behaviour change (see BEHAVIOURS) applies in this release.
    pub fn behaviour(&self, name: &str) -> bool {
        BEHAVIOURS
            .iter()
            .any(|(b, since)| *b == name && self.minor >= *since)
    }

    /// All gates this module knows, with their value in this release (for the UI's settings view).
    pub fn gates(&self) -> Vec<(&'static str, bool)> {
        GATES.iter().map(|(g, _)| (*g, self.gate(g))).collect()
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_supported_versions_only() {
        assert_eq!(Version::parse("1.35").unwrap(), Version::new(1, 35));
        assert_eq!(Version::parse("v1.36.2").unwrap(), Version::new(1, 36));
        assert!(Version::parse("1.20").unwrap_err().contains("unsupported"));
        assert!(Version::parse("abc").is_err());
    }

    /// Each release's `feature-gates.json` (written by the oracle that computed its
    /// conformance cases) lists the gates it has that matter to pods, with their default.
    const FEATURE_GATES: &[(u32, &str)] = &[
        (
            33,
            include_str!("../../../tests/conformance/k8s-1.33/feature-gates.json"),
        ),
        (
            34,
            include_str!("../../../tests/conformance/k8s-1.34/feature-gates.json"),
        ),
        (
            35,
            include_str!("../../../tests/conformance/k8s-1.35/feature-gates.json"),
        ),
        (
            36,
            include_str!("../../../tests/conformance/k8s-1.36/feature-gates.json"),
        ),
    ];

    #[test]
    fn gates_match_every_release_feature_gates() {
        for (minor, text) in FEATURE_GATES {
            let gates: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(text).unwrap();
            let v = Version::new(1, *minor);
            let known: Vec<&str> = v.gates().iter().map(|(g, _)| *g).collect();
            let mut checked = 0;
            for (name, on) in &gates {
                // Gates podplay does not model (NodeLogQuery, ...) change nothing it shows.
                if !known.contains(&name.as_str()) {
                    continue;
                }
                assert!(v.has_gate(name), "1.{minor} has gate {name}");
                assert_eq!(
                    v.gate(name),
                    on.as_bool().unwrap(),
                    "gate {name} in 1.{minor}"
                );
                checked += 1;
            }
            assert!(checked >= 20, "1.{minor}: only {checked} gates checked");
            // A gate introduced later is absent from the release's list.
            for (name, since) in GATES_INTRODUCED {
                if *minor < *since {
                    assert!(!gates.contains_key(*name), "{name} listed in 1.{minor}");
                    assert!(!v.has_gate(name), "{name} in 1.{minor}");
                }
            }
        }
    }

    /// Fields added to k8s.io/api core/v1 types.go after 1.33 (json tags compared tree by tree).
    #[test]
    fn api_fields_per_release() {
        let rows: &[(&str, &str, [bool; 4])] = &[
            ("v1.PodSpec", "hostnameOverride", [false, true, true, true]),
            (
                "v1.PodStatus",
                "extendedResourceClaimStatus",
                [false, true, true, true],
            ),
            ("v1.PodStatus", "resources", [false, false, true, true]),
            (
                "v1.PodStatus",
                "allocatedResources",
                [false, false, true, true],
            ),
            (
                "v1.PodCertificateProjection",
                "userAnnotations",
                [false, false, true, true],
            ),
            (
                "v1.NodeStatus",
                "declaredFeatures",
                [false, false, true, true],
            ),
            ("v1.PodSpec", "workloadRef", [false, false, true, false]),
            ("v1.PodSpec", "schedulingGroup", [false, false, false, true]),
            ("v1.PodSpec", "containers", [true, true, true, true]),
        ];
        for (go_struct, json, want) in rows {
            for (i, minor) in (33..=36).enumerate() {
                assert_eq!(
                    Version::new(1, minor).has_api_field(go_struct, json),
                    want[i],
                    "{go_struct}.{json} in 1.{minor}"
                );
            }
        }
    }

    #[test]
    fn wording_picks_newest_applicable_row() {
        assert_eq!(
            Version::new(1, 34).wording("label.maxlen.unit"),
            "characters"
        );
        assert_eq!(Version::new(1, 35).wording("label.maxlen.unit"), "bytes");
    }

    #[test]
    fn scheduler_rows() {
        let v = |m| Version::new(1, m);
        assert_eq!(v(33).wording("scheduler.postfilter.dra"), "");
        assert_eq!(
            v(34).wording("scheduler.postfilter.dra"),
            "no new claims to deallocate"
        );
        assert!(!v(33).behaviour("SchedulerUnresolvableInsufficientResources"));
        assert!(v(34).behaviour("SchedulerUnresolvableInsufficientResources"));
        assert!(!v(35).behaviour("SchedulerBalancedAllocationImprovement"));
        assert!(v(36).behaviour("SchedulerBalancedAllocationImprovement"));
        assert_eq!(
            v(36).wording("scheduler.preemption.notHelpful"),
            "Preemption is not helpful for scheduling"
        );
    }
}
