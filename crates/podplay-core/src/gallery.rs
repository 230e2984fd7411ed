//! Example pastes shown in the UI's gallery. Each one is also analysed by a native test
//! (tests/gallery.rs), so an example can never silently break.

/// (file name, title, YAML text)
pub const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "01-web.yaml",
        "Minimal pod",
        include_str!("../gallery/01-web.yaml"),
    ),
    (
        "02-lifecycle-demo.yaml",
        "Lifecycle hooks",
        include_str!("../gallery/02-lifecycle-demo.yaml"),
    ),
    (
        "03-private-registry.yaml",
        "Private registry",
        include_str!("../gallery/03-private-registry.yaml"),
    ),
    (
        "04-runtimeclass.yaml",
        "RuntimeClass",
        include_str!("../gallery/04-runtimeclass.yaml"),
    ),
    (
        "05-sidecar.yaml",
        "Sidecar and probes",
        include_str!("../gallery/05-sidecar.yaml"),
    ),
    (
        "06-deployment.yaml",
        "Deployment template",
        include_str!("../gallery/06-deployment.yaml"),
    ),
    (
        "07-rejected.yaml",
        "A rejected pod",
        include_str!("../gallery/07-rejected.yaml"),
    ),
    (
        "08-serviceaccount-pull-secrets.yaml",
        "ServiceAccount pull secrets",
        include_str!("../gallery/08-serviceaccount-pull-secrets.yaml"),
    ),
    (
        "09-environment.yaml",
        "Container environment",
        include_str!("../gallery/09-environment.yaml"),
    ),
];
