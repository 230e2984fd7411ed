//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it (v1.33.5 and v1.36.2 as vendored in
//! openshift/microshift). Rows computed by Kubernetes live in the `conformance_*.rs` tests.
//!
//! Pod-create variants whose answer differs between releases, run through the whole
//! `podplay admit` pipeline for every version they name.

mod common;

use common::admit::errors;

/// A pod named `p` with `spec` (indented two spaces) appended.
fn pod(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{spec}")
}

/// (versions, expected errors) rows for one pod.
fn check(name: &str, yaml: &str, rows: &[(&[u32], &[&str])]) {
    for (minors, want) in rows {
        for minor in *minors {
            assert_eq!(errors(yaml, *minor), *want, "case {name}, 1.{minor}");
        }
    }
}

#[test]
fn resize_policy_resource_name_is_a_stringer() {
    // validation.go validateResizePolicy: field.Duplicate(fldPath.Index(i), p.ResourceName) and
    // field.NotSupported(fldPath, p.ResourceName, ...). p.ResourceName is a core.ResourceName,
    // which has a String() method (pkg/apis/core/resource.go): v1.33's field.Error.ErrorBody
    // prints a fmt.Stringer bare; from v1.34 the value goes through json.Marshal (quoted).
    let yaml = pod(r#"  containers:
  - name: app
    image: nginx
    resizePolicy:
    - resourceName: cpu
      restartPolicy: NotRequired
    - resourceName: cpu
      restartPolicy: NotRequired
    - resourceName: gpu
      restartPolicy: NotRequired
"#);
    check(
        "resize policy names",
        &yaml,
        &[
            (
                &[33],
                &[
                    "spec.containers[0].resizePolicy[1]: Duplicate value: cpu",
                    r#"spec.containers[0].resizePolicy: Unsupported value: gpu: supported values: "cpu", "memory""#,
                ],
            ),
            (
                &[34, 35, 36],
                &[
                    r#"spec.containers[0].resizePolicy[1]: Duplicate value: "cpu""#,
                    r#"spec.containers[0].resizePolicy: Unsupported value: "gpu": supported values: "cpu", "memory""#,
                ],
            ),
        ],
    );
}

#[test]
fn fractional_extended_resource_prints_the_parsed_quantity_in_1_33() {
    // validation.go ValidateResourceQuantityValue: field.Invalid(fldPath, value,
    // "must be an integer") with the resource.Quantity itself as the bad value. v1.33's
    // ErrorBody prints it with %#v (Quantity's String() has a pointer receiver, so the value
    // is no fmt.Stringer): the int64 form ParseQuantity made from the decoded text (quantity.go
    // keeps the text `s` when it is already canonical), after SetDefaults_ResourceList's
    // RoundUp(-3) (which keeps it when already that precise). SetDefaults_Pod copies the
    // limit into the missing request (DeepCopy). From v1.34 the value is json.Marshal'ed.
    let yaml = pod(r#"  containers:
  - name: a
    image: nginx
    resources:
      limits:
        example.com/gpu: 500m
  - name: b
    image: nginx
    resources:
      limits:
        example.com/gpu: 0.5
  - name: c
    image: nginx
    resources:
      limits:
        example.com/gpu: "1500u"
      requests:
        example.com/gpu: "1.5"
"#);
    let q = |v: i64, s: i32, t: &str| {
        format!("resource.Quantity{{i:resource.int64Amount{{value:{v}, scale:{s}}}, d:resource.infDecAmount{{Dec:(*inf.Dec)(nil)}}, s:\"{t}\", Format:\"DecimalSI\"}}")
    };
    let e = |path: &str, value: String| {
        format!("spec.{path}: Invalid value: {value}: must be an integer")
    };
    let want_133 = [
        e("containers[0].resources.limits[example.com/gpu]", q(500, -3, "500m")),
        e("containers[0].resources.requests[example.com/gpu]", q(500, -3, "500m")),
        e("containers[1].resources.limits[example.com/gpu]", q(5, -1, "")),
        e("containers[1].resources.requests[example.com/gpu]", q(5, -1, "")),
        e("containers[2].resources.limits[example.com/gpu]", q(2, -3, "")),
        e("containers[2].resources.requests[example.com/gpu]", q(15, -1, "")),
        r#"spec.containers[2].resources.requests: Invalid value: "1500m": must be equal to example.com/gpu limit of 2m"#.to_string(),
    ];
    let want_134 = [
        r#"spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "500m": must be an integer"#,
        r#"spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "500m": must be an integer"#,
        r#"spec.containers[1].resources.limits[example.com/gpu]: Invalid value: "500m": must be an integer"#,
        r#"spec.containers[1].resources.requests[example.com/gpu]: Invalid value: "500m": must be an integer"#,
        r#"spec.containers[2].resources.limits[example.com/gpu]: Invalid value: "2m": must be an integer"#,
        r#"spec.containers[2].resources.requests[example.com/gpu]: Invalid value: "1500m": must be an integer"#,
        r#"spec.containers[2].resources.requests: Invalid value: "1500m": must be equal to example.com/gpu limit of 2m"#,
    ];
    let want_133: Vec<&str> = want_133.iter().map(String::as_str).collect();
    check(
        "fractional extended resources",
        &yaml,
        &[(&[33], &want_133), (&[34, 35, 36], &want_134)],
    );
}

#[test]
fn finalizer_slice_prints_with_go_syntax_in_1_33() {
    // apimachinery api/validation/objectmeta.go ValidateFinalizers: field.Invalid(fldPath,
    // finalizers, ...) with the []string as the bad value: %#v in v1.33, json.Marshal later.
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  finalizers: ["orphan", "foregroundDeletion"]
spec:
  containers:
  - name: app
    image: nginx
"#;
    check(
        "orphan and foreground finalizers",
        yaml,
        &[
            (
                &[33],
                &[
                    r#"metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set"#,
                ],
            ),
            (
                &[34, 35, 36],
                &[
                    r#"metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set"#,
                ],
            ),
        ],
    );
}

#[test]
fn fc_target_wwns_slice_prints_with_go_syntax_in_1_33() {
    // validation.go validateFCVolumeSource: field.Invalid(fldPath.Child("targetWWNs"),
    // fc.TargetWWNs, ...) with the []string as the bad value: %#v in v1.33.
    let yaml = pod(r#"  containers:
  - name: app
    image: nginx
  volumes:
  - name: f
    fc:
      targetWWNs: ["500a0982991b8dc5", "500a0982891b8dc5"]
      wwids: ["x"]
      lun: 0
"#);
    check(
        "fc with both targetWWNs and wwids",
        &yaml,
        &[
            (
                &[33],
                &[
                    r#"spec.volumes[0].fc.targetWWNs: Invalid value: []string{"500a0982991b8dc5", "500a0982891b8dc5"}: targetWWNs and wwids can not be specified simultaneously"#,
                ],
            ),
            (
                &[34, 36],
                &[
                    r#"spec.volumes[0].fc.targetWWNs: Invalid value: ["500a0982991b8dc5","500a0982891b8dc5"]: targetWWNs and wwids can not be specified simultaneously"#,
                ],
            ),
        ],
    );
}

#[test]
fn host_users_false_wording_and_volume_devices_by_release() {
    // validation.go validateHostUsers: v1.33.5 says "when `pod.Spec.HostUsers` is false" and
    // has no volumeDevices check; v1.34 renamed it "when `hostUsers` is false" and forbids
    // volumeDevices (AllowUserNamespacesWithVolumeDevices is false on create).
    let yaml = pod(r#"  hostUsers: false
  hostNetwork: true
  hostIPC: true
  containers:
  - name: app
    image: nginx
    volumeDevices:
    - name: blk
      devicePath: /dev/x
  volumes:
  - name: blk
    persistentVolumeClaim:
      claimName: c
"#);
    check(
        "hostUsers false",
        &yaml,
        &[
            (
                &[33],
                &[
                    "spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false",
                    "spec.HostIPC: Forbidden: when `pod.Spec.HostUsers` is false",
                ],
            ),
            (
                &[34, 35, 36],
                &[
                    "spec.hostNetwork: Forbidden: when `hostUsers` is false",
                    "spec.HostIPC: Forbidden: when `hostUsers` is false",
                    "spec.containers[0].volumeDevices: Forbidden: when `hostUsers` is false",
                ],
            ),
        ],
    );
}

#[test]
fn owner_references_event_owner_and_unparsable_api_version() {
    // apimachinery api/validation/objectmeta.go validateOwnerReference: the GVK comes from
    // schema.FromAPIVersionAndKind, whose ParseGroupVersion rejects more than one `/` (so the
    // version is empty); a v1 Event owner is banned with the metav1.OwnerReference struct as
    // the bad value: %#v in v1.33 (its String() has a pointer receiver; the nil *bool fields
    // print as `(*bool)(nil)`), json.Marshal from v1.34.
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  ownerReferences:
  - apiVersion: v1
    kind: Event
    name: e
    uid: u1
  - apiVersion: apps/v1/extra
    kind: ReplicaSet
    name: rs
    uid: u2
spec:
  containers:
  - name: app
    image: nginx
"#;
    check(
        "owner references",
        yaml,
        &[
            (
                &[33],
                &[
                    r#"metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"u1", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner"#,
                    r#"metadata.ownerReferences.apiVersion: Invalid value: "apps/v1/extra": version must not be empty"#,
                ],
            ),
            (
                &[34, 36],
                &[
                    r#"metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u1"}: /v1, Kind=Event is disallowed from being an owner"#,
                    r#"metadata.ownerReferences.apiVersion: Invalid value: "apps/v1/extra": version must not be empty"#,
                ],
            ),
        ],
    );
}

#[test]
fn owner_reference_empty_fields_wording_by_release() {
    // apimachinery api/validation/objectmeta.go validateOwnerReference: v1.33.5 says
    // "kind must not be empty" (name, uid likewise); v1.34 dropped the field name.
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  ownerReferences:
  - apiVersion: apps/v1
    kind: ""
    name: ""
    uid: ""
spec:
  containers:
  - name: app
    image: nginx
"#;
    check(
        "empty owner reference",
        yaml,
        &[
            (
                &[33],
                &[
                    r#"metadata.ownerReferences.kind: Invalid value: "": kind must not be empty"#,
                    r#"metadata.ownerReferences.name: Invalid value: "": name must not be empty"#,
                    r#"metadata.ownerReferences.uid: Invalid value: "": uid must not be empty"#,
                ],
            ),
            (
                &[34, 35, 36],
                &[
                    r#"metadata.ownerReferences.kind: Invalid value: "": must not be empty"#,
                    r#"metadata.ownerReferences.name: Invalid value: "": must not be empty"#,
                    r#"metadata.ownerReferences.uid: Invalid value: "": must not be empty"#,
                ],
            ),
        ],
    );
}
