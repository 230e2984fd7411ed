//! Where to read more: the kubernetes.io page for each rule, so a person can check podplay's
//! reason against the official documentation. Rules are matched by their id prefix, the most
//! specific prefix first.

use serde::{Deserialize, Serialize};

/// A link to the Kubernetes documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocLink {
    pub title: &'static str,
    pub url: &'static str,
}

const K8S: &str = "https://kubernetes.io/docs";

macro_rules! link {
    ($title:expr, $path:expr) => {
        DocLink {
            title: $title,
            url: concat!("https://kubernetes.io/docs", $path),
        }
    };
}

/// (rule id prefix, link), most specific first.
const LINKS: &[(&str, DocLink)] = &[
    ("defaults.container.imagePullPolicy", link!("Images: image pull policy", "/concepts/containers/images/#imagepullpolicy-defaulting")),
    ("defaults.container.terminationMessage", link!("Termination messages", "/tasks/debug/debug-application/determine-reason-pod-failure/#customizing-the-termination-message")),
    ("defaults.container.port", link!("Container ports", "/reference/kubernetes-api/workload-resources/pod-v1/#ports")),
    ("defaults.container.env", link!("Environment variables", "/tasks/inject-data-application/define-environment-variable-container/")),
    ("defaults.fieldRef", link!("Downward API", "/concepts/workloads/pods/downward-api/")),
    ("defaults.probe", link!("Liveness, readiness and startup probes", "/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes")),
    ("defaults.httpGet", link!("HTTP probes and hooks", "/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#http-probes")),
    ("defaults.pod.requestsFromLimits", link!("Resource requests and limits", "/concepts/configuration/manage-resources-containers/#requests-and-limits")),
    ("defaults.pod.enableServiceLinks", link!("Service environment variables", "/tutorials/services/connect-applications-service/#environment-variables")),
    ("defaults.podSpec.dnsPolicy", link!("Pod DNS policy", "/concepts/services-networking/dns-pod-service/#pod-s-dns-policy")),
    ("defaults.podSpec.restartPolicy", link!("Container restart policy", "/concepts/workloads/pods/pod-lifecycle/#restart-policy")),
    ("defaults.podSpec.terminationGracePeriodSeconds", link!("Termination of pods", "/concepts/workloads/pods/pod-lifecycle/#pod-termination")),
    ("defaults.podSpec.securityContext", link!("Security context", "/tasks/configure-pod-container/security-context/")),
    ("defaults.podSpec.schedulerName", link!("Multiple schedulers", "/tasks/extend-kubernetes/configure-multiple-schedulers/")),
    ("defaults.volume", link!("Volumes", "/concepts/storage/volumes/")),
    ("defaults", link!("Pod API reference", "/reference/kubernetes-api/workload-resources/pod-v1/")),
    ("admission.serviceAccount", link!("ServiceAccount admission controller", "/reference/access-authn-authz/service-accounts-admin/#serviceaccount-admission-controller")),
    ("admission.priority", link!("Pod priority and preemption", "/concepts/scheduling-eviction/pod-priority-preemption/")),
    ("admission.defaultTolerationSeconds", link!("Taint-based evictions", "/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions")),
    ("admission.podTopologyLabels", link!("PodTopologyLabels admission controller", "/reference/access-authn-authz/admission-controllers/#podtopologylabels")),
    ("admission.runtimeClass", link!("RuntimeClass: scheduling and overhead", "/concepts/containers/runtime-class/#scheduling")),
    ("admission.alwaysPullImages", link!("AlwaysPullImages admission controller", "/reference/access-authn-authz/admission-controllers/#alwayspullimages")),
    ("admission.limitRanger", link!("Limit ranges", "/concepts/policy/limit-range/")),
    ("admission", link!("Admission controllers", "/reference/access-authn-authz/admission-controllers/")),
    ("conversion.serviceAccount", link!("Service accounts", "/concepts/security/service-accounts/")),
    ("conversion.terminationGracePeriodSeconds", link!("Termination of pods", "/concepts/workloads/pods/pod-lifecycle/#pod-termination")),
    ("create.generateName", link!("Object names: generateName", "/reference/using-api/api-concepts/#generated-values")),
    ("create.namespace", link!("Namespaces", "/concepts/overview/working-with-objects/namespaces/")),
    ("create.status", link!("Pod QoS classes", "/concepts/workloads/pods/pod-qos/")),
    ("status.qosClass", link!("Pod QoS classes", "/concepts/workloads/pods/pod-qos/")),
    ("kubelet.env.value", link!("Define dependent environment variables", "/tasks/inject-data-application/define-interdependent-environment-variables/")),
    ("kubelet.env.fieldRef", link!("Expose pod information through environment variables", "/tasks/inject-data-application/environment-variable-expose-pod-information/")),
    ("kubelet.env.resourceFieldRef", link!("Use container fields as environment variables", "/tasks/inject-data-application/environment-variable-expose-pod-information/#use-container-fields-as-values-for-environment-variables")),
    ("kubelet.env.configMapKeyRef", link!("Define container environment variables using ConfigMap data", "/tasks/configure-pod-container/configure-pod-configmap/#define-container-environment-variables-using-configmap-data")),
    ("kubelet.env.envFrom.configMap", link!("Configure all key-value pairs in a ConfigMap as environment variables", "/tasks/configure-pod-container/configure-pod-configmap/#configure-all-key-value-pairs-in-a-configmap-as-container-environment-variables")),
    ("kubelet.env.secretKeyRef", link!("Secrets as environment variables", "/concepts/configuration/secret/#using-secrets-as-environment-variables")),
    ("kubelet.env.envFrom.secret", link!("Secrets as environment variables", "/concepts/configuration/secret/#using-secrets-as-environment-variables")),
    ("kubelet.env.fileKeyRef", link!("Define environment variables from a file", "/tasks/inject-data-application/define-environment-variable-via-file/")),
    ("kubelet.env.service", link!("Services: environment variables", "/concepts/services-networking/service/#environment-variables")),
    ("kubelet.env", link!("Container environment", "/concepts/containers/container-environment/")),
    ("kubelet.image", link!("Images: pull policy and backoff", "/concepts/containers/images/#imagepullbackoff")),
    ("kubelet.credentials", link!("Pull an image from a private registry", "/concepts/containers/images/#using-a-private-registry")),
];

/// The documentation page for a rule id, if podplay knows one.
pub fn for_rule(rule: &str) -> Option<DocLink> {
    LINKS
        .iter()
        .find(|(prefix, _)| {
            // The rule itself or one under it (`prefix.…`), without formatting a string
            // per entry (it ran for every change of every analysis).
            rule.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        .map(|(_, link)| link.clone())
}

/// A link read back from a report's JSON (the web page receives reports from its worker):
/// the same link of [`LINKS`], found by its address, so the fields stay `&'static str`.
impl<'de> Deserialize<'de> for DocLink {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Sent {
            url: String,
        }
        let sent = Sent::deserialize(deserializer)?;
        LINKS
            .iter()
            .find(|(_, link)| link.url == sent.url)
            .map(|(_, link)| link.clone())
            .ok_or_else(|| {
                serde::de::Error::custom("a documentation link this build does not have")
            })
    }
}

/// The root of the Kubernetes documentation.
pub fn root() -> &'static str {
    K8S
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_specific_prefix_wins() {
        assert!(for_rule("defaults.container.imagePullPolicy")
            .unwrap()
            .url
            .ends_with("#imagepullpolicy-defaulting"));
        assert_eq!(
            for_rule("defaults.volume.hostPath.type").unwrap().title,
            "Volumes"
        );
        assert_eq!(
            for_rule("defaults.something.new").unwrap().title,
            "Pod API reference"
        );
        assert!(for_rule("admission.serviceAccount.tokenVolume")
            .unwrap()
            .url
            .contains("serviceaccount-admission-controller"));
        assert!(for_rule("nothing").is_none());
    }

    #[test]
    fn every_link_is_on_kubernetes_io() {
        for (_, link) in LINKS {
            assert!(link.url.starts_with(root()), "{}", link.url);
        }
    }
}
