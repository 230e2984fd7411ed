//! HAND-DERIVED expectations (not computed by Kubernetes): every row below was worked out
//! by reading the Kubernetes source named with it. Rows computed by Kubernetes live in the
//! `conformance_*.rs` tests.
//!
//! A second, breadth-first set of validation variants: every volume source, mounts, security
//! contexts, DNS, affinity, topology spread, scheduling fields, OS-specific fields and the order
//! of errors across the spec, run through the whole `podplay admit` pipeline with 1.35.
//! Every expectation was derived by reading Kubernetes v1.35.4's
//! pkg/apis/core/validation/validation.go (and apimachinery's helpers); the Go functions are
//! named with each test.

mod common;

/// (case name, pod YAML, expected outcome, expected errors in order).
type Case<'a> = (&'a str, &'a str, &'a str, &'a [&'a str]);

/// Runs each case with Kubernetes 1.35 and compares the outcome and the error strings.
fn check(cases: &[Case]) {
    for (name, yaml, outcome, want) in cases {
        common::admit::assert_outcome_and_errors(name, 35, yaml, outcome, want);
    }
}

#[test]
fn volume_sources_each_type() {
    // validateVolumeSource order and the per-source functions: validateDownwardAPIVolumeSource
    // (items reported at the source path, not items[i]), validateSecretVolumeSource,
    // validateConfigMapVolumeSource/validateKeyToPath, emptyDir sizeLimit, validateHostPathVolumeSource,
    // validateNFSVolumeSource, validateGitRepoVolumeSource, validatePersistentClaimVolumeSource;
    // every further source is 'may not specify more than 1 volume type'; a volume without a source
    // is defaulted to emptyDir (SetDefaults_Volume).
    check(&[(
        "local sources",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: a
    downwardAPI:
      defaultMode: 1000
      items:
      - path: ../x
        mode: -1
      - path: ""
        fieldRef:
          fieldPath: spec.nodeName
        resourceFieldRef:
          resource: limits.cpu
      - path: ok
        resourceFieldRef:
          resource: limits.foo
  - name: b
    secret:
      defaultMode: 512
      items:
      - key: ""
        path: "/abs"
        mode: 01000
  - name: c
    configMap:
      items:
      - key: k
        path: a/../b
  - name: d
    emptyDir:
      sizeLimit: -1Gi
  - name: e
    hostPath:
      path: /a/../b
      type: Foo
  - name: f
    nfs:
      server: ""
      path: rel
  - name: g
    gitRepo:
      repository: ""
      directory: ../x
  - name: h
    persistentVolumeClaim:
      claimName: ""
  - name: i
    emptyDir: {}
    hostPath:
      path: /x
    secret:
      secretName: s
  - name: j
"#,
        "rejected-validation",
        &[
            r#"spec.volumes[0].downwardAPI.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive"#,
            r#"spec.volumes[0].downwardAPI.path: Invalid value: "../x": must not contain '..'"#,
            r#"spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required"#,
            r#"spec.volumes[0].downwardAPI.mode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive"#,
            r#"spec.volumes[0].downwardAPI.path: Required value"#,
            r#"spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid""#,
            r#"spec.volumes[0].downwardAPI: Invalid value: "resource": fieldRef and resourceFieldRef can not be specified simultaneously"#,
            r#"spec.volumes[0].downwardAPI.resourceFieldRef.containerName: Required value"#,
            r#"spec.volumes[1].secret.secretName: Required value"#,
            r#"spec.volumes[1].secret.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive"#,
            r#"spec.volumes[1].secret.items[0].key: Required value"#,
            r#"spec.volumes[1].secret.items[0].path: Invalid value: "/abs": must be a relative path"#,
            r#"spec.volumes[1].secret.items[0].mode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive"#,
            r#"spec.volumes[2].configMap.name: Required value"#,
            r#"spec.volumes[2].configMap.items[0].path: Invalid value: "a/../b": must not contain '..'"#,
            r#"spec.volumes[3].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity"#,
            r#"spec.volumes[4].hostPath.path: Invalid value: "/a/../b": must not contain '..'"#,
            r#"spec.volumes[4].hostPath.type: Unsupported value: "Foo": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket""#,
            r#"spec.volumes[5].nfs.server: Required value"#,
            r#"spec.volumes[5].nfs.path: Invalid value: "rel": must be an absolute path"#,
            r#"spec.volumes[6].gitRepo.repository: Required value"#,
            r#"spec.volumes[6].gitRepo.directory: Invalid value: "../x": must not contain '..'"#,
            r#"spec.volumes[7].persistentVolumeClaim.claimName: Required value"#,
            r#"spec.volumes[8].hostPath: Forbidden: may not specify more than 1 volume type"#,
            r#"spec.volumes[8].secret: Forbidden: may not specify more than 1 volume type"#,
        ],
    )]);
}

#[test]
fn volume_sources_network_and_cloud() {
    // validateISCSIVolumeSource, validateFCVolumeSource, validateRBDVolumeSource, validateCephFSVolumeSource,
    // validateAzureFile, validateAzureDisk, validateCSIVolumeSource (ValidateCSIDriverName),
    // validateFlockerVolumeSource, validateGCEPersistentDiskVolumeSource (Go reports it at
    // 'persistentDisk'), validateAWSElasticBlockStoreVolumeSource.
    check(&[(
        "network and cloud sources",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: a
    iscsi:
      targetPortal: ""
      iqn: foo
      lun: 300
      chapAuthDiscovery: true
      initiatorName: bad
  - name: b
    fc:
      targetWWNs: ["a"]
      wwids: ["b"]
  - name: c
    fc:
      targetWWNs: ["a"]
      lun: 256
  - name: d
    fc: {}
  - name: e
    rbd:
      monitors: []
      image: ""
  - name: f
    cephfs:
      monitors: []
  - name: g
    azureFile:
      secretName: ""
      shareName: ""
  - name: h
    azureDisk:
      diskName: ""
      diskURI: ""
      cachingMode: Foo
      kind: Bar
  - name: i
    csi:
      driver: ""
  - name: j
    csi:
      driver: "Bad_Driver"
  - name: k
    flocker:
      datasetName: "a/b"
      datasetUUID: "u"
  - name: l
    gcePersistentDisk:
      pdName: ""
      partition: 256
  - name: m
    awsElasticBlockStore:
      volumeID: ""
      partition: -1
"#,
        "rejected-validation",
        &[
            r#"spec.volumes[0].iscsi.targetPortal: Required value"#,
            r#"spec.volumes[0].iscsi.iqn: Invalid value: "foo": must be valid format starting with iqn, eui, or naa"#,
            r#"spec.volumes[0].iscsi.lun: Invalid value: 300: must be between 0 and 255, inclusive"#,
            r#"spec.volumes[0].iscsi.secretRef: Required value"#,
            r#"spec.volumes[0].iscsi.initiatorname: Invalid value: "bad": must be valid format starting with iqn, eui, or naa"#,
            r#"spec.volumes[1].fc.targetWWNs: Invalid value: ["a"]: targetWWNs and wwids can not be specified simultaneously"#,
            r#"spec.volumes[1].fc.lun: Required value: lun is required if targetWWNs is specified"#,
            r#"spec.volumes[2].fc.lun: Invalid value: 256: must be between 0 and 255, inclusive"#,
            r#"spec.volumes[3].fc.targetWWNs: Required value: must specify either targetWWNs or wwids, but not both"#,
            r#"spec.volumes[4].rbd.monitors: Required value"#,
            r#"spec.volumes[4].rbd.image: Required value"#,
            r#"spec.volumes[5].cephfs.monitors: Required value"#,
            r#"spec.volumes[6].azureFile.secretName: Required value"#,
            r#"spec.volumes[6].azureFile.shareName: Required value"#,
            r#"spec.volumes[7].azureDisk.diskName: Required value"#,
            r#"spec.volumes[7].azureDisk.diskURI: Required value"#,
            r#"spec.volumes[7].azureDisk.cachingMode: Unsupported value: "Foo": supported values: "None", "ReadOnly", "ReadWrite""#,
            r#"spec.volumes[7].azureDisk.kind: Unsupported value: "Bar": supported values: "Dedicated", "Managed", "Shared""#,
            r#"spec.volumes[7].azureDisk.diskURI: Unsupported value: "": supported values: "https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd""#,
            r#"spec.volumes[8].csi.driver: Required value"#,
            r#"spec.volumes[9].csi.driver: Invalid value: "Bad_Driver": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            r#"spec.volumes[10].flocker: Invalid value: "resource": datasetName and datasetUUID can not be specified simultaneously"#,
            r#"spec.volumes[10].flocker.datasetName: Invalid value: "a/b": must not contain '/'"#,
            r#"spec.volumes[11].persistentDisk.pdName: Required value"#,
            r#"spec.volumes[11].persistentDisk.partition: Invalid value: 256: must be between 1 and 255, inclusive"#,
            r#"spec.volumes[12].awsElasticBlockStore.volumeID: Required value"#,
            r#"spec.volumes[12].awsElasticBlockStore.partition: Invalid value: -1: must be between 1 and 255, inclusive"#,
        ],
    )]);
}

#[test]
fn projected_volume_sources() {
    // validateProjectedVolumeSource → validateProjectionSources: duplicate paths reported at the
    // projected path with the source's name (or the path) as value; serviceAccountToken expiration
    // bounds (10 minutes .. 2^32 s) and its path reported at projected.path; more than one source kind
    // per entry. ClusterTrustBundleProjection and PodCertificateRequest are off in 1.35, so
    // DropDisabledPodFields (dropDisabledClusterTrustBundleProjection /
    // dropDisabledPodCertificateProjection) empties those sources before validation.
    check(&[
        (
            "projection rules",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: a
    projected:
      defaultMode: -1
      sources:
      - secret:
          name: ""
          items:
          - key: k
            path: x
      - configMap:
          name: cm
          items:
          - key: k
            path: x
      - downwardAPI:
          items:
          - path: x
            fieldRef:
              fieldPath: metadata.labels['bad key!']
      - serviceAccountToken:
          path: ""
          expirationSeconds: 100
      - serviceAccountToken:
          path: /abs
          expirationSeconds: 4294967297
          audience: foo
      - serviceAccountToken:
          path: ..tok
        secret:
          name: s
  - name: b
    projected:
      sources:
      - clusterTrustBundle:
          name: foo
          path: ca.pem
  - name: c
    projected:
      sources:
      - podCertificate:
          signerName: foo
          keyType: RSA
"#,
            "rejected-validation",
            &[
                r#"spec.volumes[0].projected.defaultMode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive"#,
                r#"spec.volumes[0].projected.sources[0].secret.name: Required value"#,
                r#"spec.volumes[0].projected: Invalid value: "cm": conflicting duplicate paths"#,
                r#"spec.volumes[0].projected.sources[2].downwardAPI.fieldRef: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
                r#"spec.volumes[0].projected: Invalid value: "x": conflicting duplicate paths"#,
                r#"spec.volumes[0].projected.sources[3].serviceAccountToken.expirationSeconds: Invalid value: 100: may not specify a duration less than 10 minutes"#,
                r#"spec.volumes[0].projected.path: Required value"#,
                r#"spec.volumes[0].projected.sources[4].serviceAccountToken.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds"#,
                r#"spec.volumes[0].projected.path: Invalid value: "/abs": must be a relative path"#,
                r#"spec.volumes[0].projected.path: Invalid value: "..tok": must not start with '..'"#,
                r#"spec.volumes[0].projected.sources[5]: Forbidden: may not specify more than 1 volume type per source"#,
            ],
        ),
        (
            "gated sources are dropped",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: b
    projected:
      sources:
      - clusterTrustBundle:
          name: foo
          path: ca.pem
      - podCertificate:
          signerName: foo
          keyType: RSA
"#,
            "created",
            &[],
        ),
    ]);
}

#[test]
fn volume_mounts_and_devices() {
    // ValidateVolumeMounts (subPath, subPathExpr, mountPropagation, recursiveReadOnly reported
    // without the mount index, as Go does), validateMountPropagation, validateMountRecursiveReadOnly,
    // ValidateVolumeDevices; validateImageVolumeSource (reference required for pods,
    // validatePullPolicy). A volume with errors is left out of the map mounts are matched against.
    check(&[(
        "mounts, devices and image volumes",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    volumeMounts:
    - name: missing
      mountPath: /a
    - name: ""
      mountPath: ""
    - name: v
      mountPath: /a
      subPath: /abs/../x
      subPathExpr: $(X)/..
    - name: v
      mountPath: /b
      mountPropagation: Bidirectional
      recursiveReadOnly: Enabled
    - name: v
      mountPath: /c
      mountPropagation: Foo
      recursiveReadOnly: Foo
    - name: v
      mountPath: /d
      readOnly: true
      mountPropagation: HostToContainer
      recursiveReadOnly: IfPossible
    - name: blk
      mountPath: /dev/x
    volumeDevices:
    - name: blk
      devicePath: /dev/x
    - name: v
      devicePath: /dev/../y
    - name: nope
      devicePath: /dev/x
  volumes:
  - name: v
    emptyDir: {}
  - name: blk
    persistentVolumeClaim:
      claimName: c
  - name: img
    image:
      reference: ""
      pullPolicy: Sometimes
  - name: img2
    image:
      reference: busybox
"#,
        "rejected-validation",
        &[
            r#"spec.volumes[2].image.reference: Required value"#,
            r#"spec.volumes[2].image.pullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never""#,
            r#"spec.containers[0].volumeMounts[0].name: Not found: "missing""#,
            r#"spec.containers[0].volumeMounts[1].name: Required value"#,
            r#"spec.containers[0].volumeMounts[1].name: Not found: """#,
            r#"spec.containers[0].volumeMounts[1].mountPath: Required value"#,
            r#"spec.containers[0].volumeMounts[2].mountPath: Invalid value: "/a": must be unique"#,
            r#"spec.containers[0].volumeMounts[2].name: Invalid value: "v": must not already exist in volumeDevices"#,
            r#"spec.containers[0].volumeMounts.subPath: Invalid value: "/abs/../x": must be a relative path"#,
            r#"spec.containers[0].volumeMounts.subPath: Invalid value: "/abs/../x": must not contain '..'"#,
            r#"spec.containers[0].volumeMounts[2].subPathExpr: Invalid value: "$(X)/..": subPathExpr and subPath are mutually exclusive"#,
            r#"spec.containers[0].volumeMounts.subPathExpr: Invalid value: "$(X)/..": must not contain '..'"#,
            r#"spec.containers[0].volumeMounts[3].name: Invalid value: "v": must not already exist in volumeDevices"#,
            r#"spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers"#,
            r#"spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true"#,
            r#"spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified"#,
            r#"spec.containers[0].volumeMounts[4].name: Invalid value: "v": must not already exist in volumeDevices"#,
            r#"spec.containers[0].volumeMounts.mountPropagation: Unsupported value: "Foo": supported values: "Bidirectional", "HostToContainer", "None""#,
            r#"spec.containers[0].volumeMounts.recursiveReadOnly: Unsupported value: "Foo": supported values: "Disabled", "Enabled", "IfPossible""#,
            r#"spec.containers[0].volumeMounts[5].name: Invalid value: "v": must not already exist in volumeDevices"#,
            r#"spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified"#,
            r#"spec.containers[0].volumeMounts[6].name: Invalid value: "blk": must not already exist in volumeDevices"#,
            r#"spec.containers[0].volumeMounts[6].mountPath: Invalid value: "/dev/x": must not already exist as a path in volumeDevices"#,
            r#"spec.containers[0].volumeDevices[0].name: Invalid value: "blk": must not already exist in volumeMounts"#,
            r#"spec.containers[0].volumeDevices[0].devicePath: Invalid value: "/dev/x": must not already exist as a path in volumeMounts"#,
            r#"spec.containers[0].volumeDevices[1].name: Invalid value: "v": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"#,
            r#"spec.containers[0].volumeDevices[1].devicePath: Invalid value: "/dev/../y": can not contain backsteps ('..')"#,
            r#"spec.containers[0].volumeDevices[1].name: Invalid value: "v": must not already exist in volumeMounts"#,
            r#"spec.containers[0].volumeDevices[2].name: Not found: "nope""#,
            r#"spec.containers[0].volumeDevices[2].devicePath: Invalid value: "/dev/x": must be unique"#,
            r#"spec.containers[0].volumeDevices[2].devicePath: Invalid value: "/dev/x": must not already exist as a path in volumeMounts"#,
        ],
    )]);
}

#[test]
fn ephemeral_claim_spec() {
    // validateEphemeralVolumeSource → ValidatePersistentVolumeClaimTemplate:
    // ValidateTemplateObjectMeta (annotations, then labels) and ValidatePersistentVolumeClaimSpec
    // (accessModes, selector, storage request, storageClassName, volumeMode, validateDataSource,
    // validateDataSourceRef, dataSource/dataSourceRef agreement whose bad value is a *field.Path and
    // prints as {}, volumeAttributesClassName); ValidateVolumes: a persistentVolumeClaim naming a PVC
    // that an ephemeral volume creates.
    check(&[(
        "claim template checks",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: a
    ephemeral: {}
  - name: b
    ephemeral:
      volumeClaimTemplate:
        metadata:
          labels:
            "bad key": v
          annotations:
            "Bad/x/y": v
        spec:
          accessModes: ["Foo"]
          storageClassName: Bad_Class
          volumeMode: Weird
          selector:
            matchLabels:
              "a b": c
          dataSource:
            kind: ""
            name: ""
          dataSourceRef:
            kind: K
            name: nn
  - name: c
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: ["ReadWriteOnce"]
          resources:
            requests:
              storage: 1Gi
          dataSource:
            apiGroup: g
            kind: K
            name: nn
          dataSourceRef:
            kind: K
            name: nn
  - name: d
    persistentVolumeClaim:
      claimName: p-c
  - name: e
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: ["ReadWriteOnce"]
          volumeAttributesClassName: Bad
          resources:
            requests:
              storage: 1Gi
          dataSource:
            kind: PersistentVolumeClaim
            name: x
          dataSourceRef:
            apiGroup: Bad_Group
            kind: K
            name: nn
            namespace: Other_NS
"#,
        "rejected-validation",
        &[
            r#"spec.volumes[0].ephemeral.volumeClaimTemplate: Required value"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.metadata.annotations: Invalid value: "Bad/x/y": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.selector.matchLabels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.accessModes: Unsupported value: "Foo": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod""#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.resources[storage]: Required value"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.storageClassName: Invalid value: "Bad_Class": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.volumeMode: Unsupported value: "Weird": supported values: "Block", "Filesystem""#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.dataSource.name: Required value"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.dataSource.kind: Required value"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.dataSource: Invalid value: "": must be 'PersistentVolumeClaim' when referencing the default apiGroup"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec.dataSourceRef: Invalid value: "K": must be 'PersistentVolumeClaim' when referencing the default apiGroup"#,
            r#"spec.volumes[1].ephemeral.volumeClaimTemplate.spec: Invalid value: {}: must match dataSourceRef"#,
            r#"spec.volumes[2].ephemeral.volumeClaimTemplate.spec.dataSourceRef: Invalid value: "K": must be 'PersistentVolumeClaim' when referencing the default apiGroup"#,
            r#"spec.volumes[2].ephemeral.volumeClaimTemplate.spec: Invalid value: {}: must match dataSourceRef"#,
            r#"spec.volumes[3].persistentVolumeClaim.claimName: Invalid value: "p-c": must not reference a PVC that gets created for an ephemeral volume"#,
            r#"spec.volumes[4].ephemeral.volumeClaimTemplate.spec.dataSourceRef.apiGroup: Invalid value: "Bad_Group": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            r#"spec.volumes[4].ephemeral.volumeClaimTemplate.spec.dataSourceRef.namespace: Invalid value: "Other_NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            r#"spec.volumes[4].ephemeral.volumeClaimTemplate.spec: Invalid value: {}: may not be specified when dataSourceRef.namespace is specified"#,
            r#"spec.volumes[4].ephemeral.volumeClaimTemplate.spec.volumeAttributesClassName: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
        ],
    )]);
}

#[test]
fn pod_security_context() {
    // validatePodSpecSecurityContext: fsGroup, runAsUser, runAsGroup, supplementalGroups,
    // shareProcessNamespace with hostPID, validateSysctls (name, regex, duplicates, ValidateHostSysctl
    // for net.* with hostNetwork and IPC sysctls with hostIPC), validateFSGroupChangePolicy,
    // validateSeccompProfileField, validateWindowsSecurityContextOptions, ValidateAppArmorProfileField,
    // validateSupplementalGroupsPolicy, validateSELinuxChangePolicy (SELinuxMount off: only Recursive).
    check(&[
        (
            "every pod-level field",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: true
  hostIPC: true
  hostPID: true
  shareProcessNamespace: true
  securityContext:
    fsGroup: -1
    runAsUser: 2147483648
    runAsGroup: -5
    supplementalGroups: [1, -1, 4294967296]
    sysctls:
    - name: net.ipv4.ip_forward
      value: "1"
    - name: kernel.shm_rmid_forced
      value: "1"
    - name: ""
      value: "x"
    - name: "Bad..name"
      value: x
    - name: net.ipv4.ip_forward
      value: "0"
    - name: kernel.msgmax
      value: "1"
    - name: fs.mqueue.queues_max
      value: "1"
    fsGroupChangePolicy: Sometimes
    seccompProfile:
      type: Localhost
    windowsOptions:
      runAsUserName: "a\\b\\c"
    appArmorProfile:
      type: Localhost
    supplementalGroupsPolicy: Loose
    seLinuxChangePolicy: MountOption
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.securityContext.fsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive"#,
                r#"spec.securityContext.runAsUser: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive"#,
                r#"spec.securityContext.runAsGroup: Invalid value: -5: must be between 0 and 2147483647, inclusive"#,
                r#"spec.securityContext.supplementalGroups[1]: Invalid value: -1: must be between 0 and 2147483647, inclusive"#,
                r#"spec.securityContext.supplementalGroups[2]: Invalid value: 4294967296: must be between 0 and 2147483647, inclusive"#,
                r#"spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled"#,
                r#"spec.securityContext.sysctls[0].name: Invalid value: "net.ipv4.ip_forward": may not be specified when 'hostNetwork' is true"#,
                r#"spec.securityContext.sysctls[1].name: Invalid value: "kernel.shm_rmid_forced": may not be specified when 'hostIPC' is true"#,
                r#"spec.securityContext.sysctls[2].name: Required value"#,
                r#"spec.securityContext.sysctls[3].name: Invalid value: "Bad..name": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"#,
                r#"spec.securityContext.sysctls[4].name: Duplicate value: "net.ipv4.ip_forward""#,
                r#"spec.securityContext.sysctls[4].name: Invalid value: "net.ipv4.ip_forward": may not be specified when 'hostNetwork' is true"#,
                r#"spec.securityContext.sysctls[5].name: Invalid value: "kernel.msgmax": may not be specified when 'hostIPC' is true"#,
                r#"spec.securityContext.sysctls[6].name: Invalid value: "fs.mqueue.queues_max": may not be specified when 'hostIPC' is true"#,
                r#"spec.securityContext.fsGroupChangePolicy: Unsupported value: "Sometimes": supported values: "Always", "OnRootMismatch""#,
                r#"spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost"#,
                r#"spec.securityContext.windowsOptions.runAsUserName: Invalid value: "a\\b\\c": runAsUserName cannot contain more than one backslash"#,
                r#"spec.securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost"#,
                r#"spec.securityContext.supplementalGroupsPolicy: Unsupported value: "Loose": supported values: "Merge", "Strict""#,
                r#"spec.securityContext.seLinuxChangePolicy: Unsupported value: "MountOption": supported values: "Recursive""#,
            ],
        ),
        (
            "profiles and windows options",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
      localhostProfile: x
    appArmorProfile:
      type: Unconfined
      localhostProfile: yy
    windowsOptions:
      gmsaCredentialSpecName: Bad_Name
      gmsaCredentialSpec: ""
      runAsUserName: "dom.ain\\"
  containers:
  - name: app
    image: nginx
    securityContext:
      privileged: true
      allowPrivilegeEscalation: false
      runAsUser: -1
      runAsGroup: 3000000000
      procMount: Unmasked
      capabilities:
        add: ["CAP_SYS_ADMIN", "NET_ADMIN"]
      seccompProfile:
        type: Foo
      appArmorProfile:
        type: Localhost
        localhostProfile: " x "
      windowsOptions:
        runAsUserName: "..."
  - name: app2
    image: nginx
    securityContext:
      procMount: Weird
      seccompProfile:
        type: Localhost
        localhostProfile: ../x
      appArmorProfile:
        type: ""
      windowsOptions:
        runAsUserName: "a@b"
"#,
            "rejected-validation",
            &[
                r#"spec.containers[0].securityContext.privileged: Forbidden: disallowed by cluster policy"#,
                r#"spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive"#,
                r#"spec.containers[0].securityContext.runAsGroup: Invalid value: 3000000000: must be between 0 and 2147483647, inclusive"#,
                r#"spec.containers[0].securityContext.procMount: Invalid value: "Unmasked": `hostUsers` must be false to use `Unmasked`"#,
                r#"spec.containers[0].securityContext.seccompProfile.type: Unsupported value: "Foo": supported values: "Localhost", "RuntimeDefault", "Unconfined""#,
                r#"spec.containers[0].securityContext: Invalid value: {"Capabilities":{"Add":["CAP_SYS_ADMIN","NET_ADMIN"],"Drop":null},"Privileged":true,"SELinuxOptions":null,"WindowsOptions":{"GMSACredentialSpecName":null,"GMSACredentialSpec":null,"RunAsUserName":"...","HostProcess":null},"RunAsUser":-1,"RunAsGroup":3000000000,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":"Unmasked","SeccompProfile":{"Type":"Foo","LocalhostProfile":null},"AppArmorProfile":{"Type":"Localhost","LocalhostProfile":" x "}}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true"#,
                r#"spec.containers[0].securityContext: Invalid value: {"Capabilities":{"Add":["CAP_SYS_ADMIN","NET_ADMIN"],"Drop":null},"Privileged":true,"SELinuxOptions":null,"WindowsOptions":{"GMSACredentialSpecName":null,"GMSACredentialSpec":null,"RunAsUserName":"...","HostProcess":null},"RunAsUser":-1,"RunAsGroup":3000000000,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":"Unmasked","SeccompProfile":{"Type":"Foo","LocalhostProfile":null},"AppArmorProfile":{"Type":"Localhost","LocalhostProfile":" x "}}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"#,
                r#"spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value: "...": runAsUserName's User cannot contain only periods or spaces"#,
                r#"spec.containers[0].securityContext.appArmorProfile.localhostProfile: Invalid value: " x ": must not be padded with whitespace"#,
                r#"spec.containers[1].securityContext.procMount: Unsupported value: "Weird": supported values: "Default", "Unmasked""#,
                r#"spec.containers[1].securityContext.seccompProfile.localhostProfile: Invalid value: "../x": must not contain '..'"#,
                r#"spec.containers[1].securityContext.windowsOptions.runAsUserName: Invalid value: "a@b": runAsUserName's User cannot contain the following characters: "/\:;|=,+*?<>@[]"#,
                r#"spec.containers[1].securityContext.appArmorProfile.type: Required value: type is required when appArmorProfile is set"#,
                r#"spec.securityContext.seccompProfile.localhostProfile: Invalid value: {"Type":"RuntimeDefault","LocalhostProfile":"x"}: can only be set when seccomp type is Localhost"#,
                r#"spec.securityContext.windowsOptions.gmsaCredentialSpecName: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
                r#"spec.securityContext.windowsOptions.gmsaCredentialSpec: Invalid value: "": gmsaCredentialSpec cannot be an empty string"#,
                r#"spec.securityContext.windowsOptions.runAsUserName: Invalid value: "dom.ain\\": runAsUserName's User cannot be empty"#,
                r#"spec.securityContext.appArmorProfile.localhostProfile: Invalid value: "yy": can only be set when AppArmor type is Localhost"#,
            ],
        ),
    ]);
}

#[test]
fn dns_host_aliases_and_tolerations() {
    // validatePodDNSConfig (nameserver count and IPs with legacy parsing, search count/length/format
    // with RelaxedDNSSearchValidation, options), ValidateTolerations (Lt/Gt are not supported while
    // TaintTolerationComparisonOperators is off), ValidateHostAliases; validateDNSPolicy,
    // validatePodHostName (hostnameOverride), hostname and subdomain as DNS-1123 labels.
    check(&[
        (
            "dnsConfig, tolerations, hostAliases",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  dnsPolicy: None
  dnsConfig:
    nameservers: ["1.1.1.1", "::1", "1.2.3", "01.2.3.4"]
    searches: ["a.com.", ".", "Bad_Sub", "x_y.com", ""]
    options:
    - name: ""
    - value: "x"
  hostAliases:
  - ip: "1.2.3.04"
    hostnames: ["OK", "a..b"]
  - ip: ""
  tolerations:
  - key: "bad key"
    operator: Lt
    value: "5"
  - operator: Equal
    value: "bad value!"
    tolerationSeconds: 10
    effect: NoSchedule
  - key: k
    operator: Foo
    effect: Bar
  - key: k
    operator: Exists
    value: v
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.dnsConfig.nameservers: Invalid value: ["1.1.1.1","::1","1.2.3","01.2.3.4"]: must not have more than 3 nameservers"#,
                r#"spec.dnsConfig.nameservers[2]: Invalid value: "1.2.3": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"#,
                r#"spec.dnsConfig.searches[2]: Invalid value: "Bad_Sub": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')"#,
                r#"spec.dnsConfig.searches[4]: Invalid value: "": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')"#,
                r#"spec.dnsConfig.options[0]: Required value: must not be empty"#,
                r#"spec.dnsConfig.options[1]: Required value: must not be empty"#,
                r#"spec.tolerations[0].key: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
                r#"spec.tolerations[0].operator: Unsupported value: "Lt": supported values: "Equal", "Exists", "Lt", "Gt""#,
                r#"spec.tolerations[1].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys""#,
                r#"spec.tolerations[1].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when `tolerationSeconds` is set"#,
                r#"spec.tolerations[1].operator: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#,
                r#"spec.tolerations[2].operator: Unsupported value: "Foo": supported values: "Equal", "Exists""#,
                r#"spec.tolerations[2].effect: Unsupported value: "Bar": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute""#,
                r#"spec.tolerations[3].operator: Invalid value: "v": value must be empty when `operator` is 'Exists'"#,
                r#"spec.hostAliases[0].hostnames[0]: Invalid value: "OK": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
                r#"spec.hostAliases[0].hostnames[1]: Invalid value: "a..b": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
                r#"spec.hostAliases[1].ip: Invalid value: "": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"#,
            ],
        ),
        (
            "33 search paths",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  dnsPolicy: ClusterFirst
  dnsConfig:
    searches: ['s0.example.com', 's1.example.com', 's2.example.com', 's3.example.com', 's4.example.com', 's5.example.com', 's6.example.com', 's7.example.com', 's8.example.com', 's9.example.com', 's10.example.com', 's11.example.com', 's12.example.com', 's13.example.com', 's14.example.com', 's15.example.com', 's16.example.com', 's17.example.com', 's18.example.com', 's19.example.com', 's20.example.com', 's21.example.com', 's22.example.com', 's23.example.com', 's24.example.com', 's25.example.com', 's26.example.com', 's27.example.com', 's28.example.com', 's29.example.com', 's30.example.com', 's31.example.com', 's32.example.com']
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.dnsConfig.searches: Invalid value: ["s0.example.com","s1.example.com","s2.example.com","s3.example.com","s4.example.com","s5.example.com","s6.example.com","s7.example.com","s8.example.com","s9.example.com","s10.example.com","s11.example.com","s12.example.com","s13.example.com","s14.example.com","s15.example.com","s16.example.com","s17.example.com","s18.example.com","s19.example.com","s20.example.com","s21.example.com","s22.example.com","s23.example.com","s24.example.com","s25.example.com","s26.example.com","s27.example.com","s28.example.com","s29.example.com","s30.example.com","s31.example.com","s32.example.com"]: must not have more than 32 search paths"#,
            ],
        ),
        (
            "search list over 2048 characters",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  dnsConfig:
    searches: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc']
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.dnsConfig.searches: Invalid value: ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"]: must not have more than 2048 characters (including spaces) in the search list"#,
            ],
        ),
        (
            "None without nameservers stops there",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  dnsPolicy: None
  dnsConfig:
    searches: ["Bad"]
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None"#,
            ],
        ),
        (
            "policy, hostname, subdomain, hostnameOverride",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  dnsPolicy: Weird
  hostname: Bad_Host
  subdomain: "-x"
  setHostnameAsFQDN: true
  hostnameOverride: "Bad_Override"
  hostNetwork: true
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.dnsPolicy: Unsupported value: "Weird": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None""#,
                r#"spec.hostnameOverride: Forbidden: may not be specified when setHostnameAsFQDN is true"#,
                r#"spec.hostnameOverride: Forbidden: may not be specified when hostNetwork is true"#,
                r#"spec.hostnameOverride: Invalid value: "Bad_Override": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
                r#"spec.hostname: Invalid value: "Bad_Host": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
                r#"spec.subdomain: Invalid value: "-x": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            ],
        ),
    ]);
}

#[test]
fn affinity_terms() {
    // validateAffinity: ValidateNodeSelectorRequirement, ValidateNodeFieldSelectorRequirement,
    // ValidatePreferredSchedulingTerms (values not checked there), validatePodAffinityTerm
    // (ValidatePodAffinityTermSelector, namespaces at '.namespace', ValidateMatchLabelKeysAndMismatchLabelKeys
    // with its index-only path, topologyKey Required and ValidateLabelName), weights 1-100.
    check(&[(
        "node and pod affinity",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: "bad key"
            operator: Foo
            values: ["bad value!"]
          - key: zone
            operator: In
          - key: zone
            operator: Exists
            values: ["a"]
          - key: num
            operator: Gt
            values: ["1", "2"]
          matchFields:
          - key: metadata.name
            operator: Exists
            values: ["Bad_Node"]
          - key: spec.nodeName
            operator: In
            values: ["a"]
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 0
        preference:
          matchExpressions:
          - key: k
            operator: In
            values: ["bad value!"]
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: web
          matchExpressions:
          - key: app
            operator: In
            values: ["x"]
          - key: tier
            operator: Foo
        namespaces: ["Bad_NS"]
        namespaceSelector:
          matchExpressions:
          - key: a
            operator: Exists
            values: ["x"]
        matchLabelKeys: ["app", "bad key"]
        mismatchLabelKeys: ["app"]
        topologyKey: ""
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 101
        podAffinityTerm:
          mismatchLabelKeys: ["x"]
          topologyKey: "bad/key/x"
  containers:
  - name: app
    image: nginx
"#,
        "rejected-validation",
        &[
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator"#,
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#,
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"#,
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"#,
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[3].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"#,
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].operator: Invalid value: "Exists": not a valid selector operator"#,
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]: Invalid value: "Bad_Node": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            r#"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[1].key: Invalid value: "spec.nodeName": not a valid field selector key"#,
            r#"spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[1].operator: Invalid value: "Foo": not a valid selector operator"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespace: Invalid value: "Bad_NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[1]: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0][0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and mismatchLabelKeys"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty"#,
            r#"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            r#"spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100"#,
            r#"spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.mismatchLabelKeys: Forbidden: must not be specified when labelSelector is not set"#,
            r#"spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: "bad/key/x": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"#,
        ],
    )]);
}

#[test]
fn topology_spread_constraints() {
    // validateTopologySpreadConstraints: maxSkew, topologyKey, whenUnsatisfiable,
    // ValidateSpreadConstraintNotRepeat (reported on the earlier constraint), validateMinDomains,
    // validateNodeInclusionPolicy, ValidateMatchLabelKeysAndMismatchLabelKeys (selector merge gate on).
    check(&[(
        "constraint fields",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  topologySpreadConstraints:
  - maxSkew: 0
    topologyKey: ""
    whenUnsatisfiable: Maybe
    minDomains: 0
    nodeAffinityPolicy: Sometimes
    nodeTaintsPolicy: Never
    matchLabelKeys: ["app", "bad key"]
  - maxSkew: 1
    topologyKey: zone
    whenUnsatisfiable: ScheduleAnyway
    minDomains: 2
    labelSelector:
      matchLabels:
        app: x
      matchExpressions:
      - key: app
        operator: In
        values: ["y"]
    matchLabelKeys: ["app"]
  - maxSkew: 1
    topologyKey: zone
    whenUnsatisfiable: ScheduleAnyway
  - maxSkew: 1
    topologyKey: zone
    whenUnsatisfiable: ScheduleAnyway
  containers:
  - name: app
    image: nginx
"#,
        "rejected-validation",
        &[
            r#"spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"#,
            r#"spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty"#,
            r#"spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway""#,
            r#"spec.topologySpreadConstraints[0].minDomains: Invalid value: 0: must be greater than zero"#,
            r#"spec.topologySpreadConstraints[0].minDomains: Invalid value: 0: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not Maybe"#,
            r#"spec.topologySpreadConstraints[0].nodeAffinityPolicy: Unsupported value: "Sometimes": supported values: "Honor", "Ignore""#,
            r#"spec.topologySpreadConstraints[0].nodeTaintsPolicy: Unsupported value: "Never": supported values: "Honor", "Ignore""#,
            r#"spec.topologySpreadConstraints[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set"#,
            r#"spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, ScheduleAnyway}""#,
            r#"spec.topologySpreadConstraints[1].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway"#,
            r#"spec.topologySpreadConstraints[1][0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector"#,
            r#"spec.topologySpreadConstraints[2].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, ScheduleAnyway}""#,
        ],
    )]);
}

#[test]
fn scheduling_fields_and_overhead() {
    // ValidatePodSpec order: nodeSelector (ValidateLabels), readinessGates, schedulingGates
    // (duplicates), nodeName, activeDeadlineSeconds; ValidatePodCreate then forbids nodeName with
    // scheduling gates. validateOverhead = ValidateResourceRequirements on the overhead as limits.
    check(&[
        (
            "gates, node name, deadline",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  nodeName: Bad_Node
  schedulingGates:
  - name: "bad gate!"
  - name: example.com/gate
  - name: example.com/gate
  readinessGates:
  - conditionType: "bad/cond/x"
  activeDeadlineSeconds: 0
  nodeSelector:
    "bad key": "v"
  imagePullSecrets:
  - name: ""
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.nodeSelector: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
                r#"spec.readinessGates[0].conditionType: Invalid value: "bad/cond/x": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"#,
                r#"spec.schedulingGates[0]: Invalid value: "bad gate!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
                r#"spec.schedulingGates[2]: Duplicate value: "example.com/gate""#,
                r#"spec.nodeName: Invalid value: "Bad_Node": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
                r#"spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"#,
                r#"spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared"#,
            ],
        ),
        (
            "overhead resource names",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  overhead:
    memory: 1Gi
    foo: "1"
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.overhead.limits[foo]: Invalid value: "foo": must be a standard resource type or fully qualified"#,
                r#"spec.overhead.limits[foo]: Invalid value: "foo": must be a standard resource for containers"#,
            ],
        ),
    ]);
}

#[test]
fn os_specific_fields() {
    // validateOS then validateWindows / validateLinux (VisitContainersWithPath: init containers first).
    check(&[
        (
            "windows pod",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os:
    name: windows
  hostPID: true
  hostIPC: true
  shareProcessNamespace: false
  securityContext:
    appArmorProfile:
      type: RuntimeDefault
    seLinuxOptions:
      level: s0
    hostUsers: true
    seccompProfile:
      type: RuntimeDefault
    fsGroup: 1
    fsGroupChangePolicy: Always
    sysctls:
    - name: kernel.msgmax
      value: "1"
    runAsUser: 1
    runAsGroup: 1
    supplementalGroups: []
    supplementalGroupsPolicy: Merge
    seLinuxChangePolicy: Recursive
  initContainers:
  - name: init
    image: busybox
    securityContext:
      capabilities: {}
      readOnlyRootFilesystem: false
      privileged: false
      allowPrivilegeEscalation: true
      procMount: Default
      runAsUser: 1
      runAsGroup: 1
      appArmorProfile:
        type: RuntimeDefault
      seLinuxOptions: {}
      seccompProfile:
        type: RuntimeDefault
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.securityContext.sysctls[0].name: Invalid value: "kernel.msgmax": may not be specified when 'hostIPC' is true"#,
                r#"spec.securityContext.appArmorProfile: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.seLinuxOptions: Forbidden: cannot be set for a windows pod"#,
                r#"spec.hostPID: Forbidden: cannot be set for a windows pod"#,
                r#"spec.hostIPC: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.seccompProfile: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.fsGroup: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.fsGroupChangePolicy: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.sysctls: Forbidden: cannot be set for a windows pod"#,
                r#"spec.shareProcessNamespace: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.runAsGroup: Forbidden: cannot be set for a windows pod"#,
                // `supplementalGroups: []` is a non-nil empty slice: validateWindows checks `!= nil`.
                r#"spec.securityContext.supplementalGroups: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.supplementalGroupsPolicy: Forbidden: cannot be set for a windows pod"#,
                r#"spec.securityContext.seLinuxChangePolicy: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.appArmorProfile: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.seLinuxOptions: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.seccompProfile: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.capabilities: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.readOnlyRootFilesystem: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.allowPrivilegeEscalation: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.procMount: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.runAsUser: Forbidden: cannot be set for a windows pod"#,
                r#"spec.initContainers[0].securityContext.runAsGroup: Forbidden: cannot be set for a windows pod"#,
            ],
        ),
        (
            "linux pod with windows options",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os:
    name: linux
  securityContext:
    windowsOptions:
      runAsUserName: x
  initContainers:
  - name: init
    image: busybox
    securityContext:
      windowsOptions:
        hostProcess: false
  containers:
  - name: app
    image: nginx
    securityContext:
      windowsOptions: {}
"#,
            "rejected-validation",
            &[
                r#"spec.securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod"#,
                r#"spec.initContainers[0].securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod"#,
                r#"spec.containers[0].securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod"#,
            ],
        ),
        (
            "os name is case-sensitive",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os:
    name: Linux
  securityContext:
    windowsOptions:
      runAsUserName: x
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[r#"spec.os: Unsupported value: "Linux": supported values: "linux", "windows""#],
        ),
        (
            "os without a name",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os: {}
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[r#"spec.os.name: Required value"#],
        ),
    ]);
}

#[test]
fn init_container_restart_rules_and_sleep() {
    // validateInitContainers: validateInitContainerRestartPolicy (ContainerRestartRules on), duplicate
    // names against regular containers, lifecycle/probes forbidden without restartPolicy Always;
    // validateLifecycle → validateSleepAction (PodLifecycleSleepActionAllowZero on);
    // validateContainers accepts restartPolicy and rules on regular containers.
    check(&[(
        "restart rules and sleep hooks",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 5
  initContainers:
  - name: app
    image: busybox
    restartPolicy: Never
    restartPolicyRules:
    - action: Restart
      exitCodes:
        operator: In
        values: [1]
    - action: Explode
    lifecycle:
      preStop:
        sleep:
          seconds: 10
    livenessProbe:
      exec:
        command: ["true"]
  - name: side
    image: busybox
    restartPolicy: Always
    restartPolicyRules:
    - action: Restart
      exitCodes:
        operator: NotIn
        values: [0]
    lifecycle:
      preStop:
        sleep:
          seconds: 6
      postStart:
        sleep:
          seconds: -1
  - name: plain
    image: busybox
    restartPolicyRules:
    - action: Restart
      exitCodes:
        operator: Foo
  containers:
  - name: app
    image: nginx
    restartPolicy: OnFailure
    restartPolicyRules:
    - action: Restart
      exitCodes:
        operator: In
        values: [42]
    lifecycle:
      preStop:
        sleep:
          seconds: 0
  - name: c2
    image: nginx
    restartPolicy: Always
"#,
        "rejected-validation",
        &[
            r#"spec.initContainers[0].restartPolicyRules[1].action: Unsupported value: "Explode": supported values: "Restart""#,
            r#"spec.initContainers[0].restartPolicyRules[1].exitCodes: Required value: must be specified"#,
            r#"spec.initContainers[0].name: Duplicate value: "app""#,
            r#"spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always"#,
            r#"spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"#,
            r#"spec.initContainers[1].restartPolicyRules: Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always"#,
            r#"spec.initContainers[1].lifecycle.postStart.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (5)"#,
            r#"spec.initContainers[1].lifecycle.preStop.sleep: Invalid value: 6: must be non-negative and less than terminationGracePeriodSeconds (5)"#,
            r#"spec.initContainers[2].restartPolicy: Required value: must specify restartPolicy when restart rules are used"#,
        ],
    )]);
}
#[test]
fn order_metadata_then_spec_then_create_checks() {
    // ValidatePodCreate → validatePodMetadataAndSpec: ValidateObjectMeta (labels, then ValidateFinalizers
    // without an index, then validateKubeFinalizerName with one), ValidatePodSpecificAnnotations (mirror
    // pod, then deletion cost), ValidatePodSpec (volumes, containers in validateContainerCommon order,
    // init containers, restartPolicy, activeDeadlineSeconds, hostname), validateContainersOnlyForPod
    // (image whitespace) for containers then init containers; then the create-only ephemeral check.
    check(&[(
        "errors everywhere",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    "bad key": v
  annotations:
    controller.kubernetes.io/pod-deletion-cost: "abc"
    kubernetes.io/config.mirror: "x"
  finalizers: ["bad finalizer"]
spec:
  hostNetwork: true
  restartPolicy: Sometimes
  activeDeadlineSeconds: 0
  hostname: "H"
  volumes:
  - name: v
    emptyDir:
      medium: Weird
  initContainers:
  - name: Init
    image: " busybox"
    ports:
    - containerPort: 80
      hostPort: 81
  containers:
  - name: app
    image: "nginx "
    terminationMessagePolicy: Bad
    ports:
    - containerPort: 0
    env:
    - name: ""
    envFrom:
    - prefix: "1"
    volumeMounts:
    - name: nope
      mountPath: /x
    imagePullPolicy: Sometimes
    resources:
      limits:
        cpu: -1
    securityContext:
      runAsUser: -1
    livenessProbe:
      periodSeconds: -1
      exec:
        command: ["x"]
  ephemeralContainers:
  - name: dbg
    image: busybox
"#,
        "rejected-validation",
        &[
            r#"metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            r#"metadata.finalizers: Invalid value: "bad finalizer": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            r#"metadata.finalizers[0]: Invalid value: "bad finalizer": name is neither a standard finalizer name nor is it fully qualified"#,
            r#"metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "x": must set spec.nodeName if mirror pod annotation is set"#,
            r#"metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "abc": must be a 32bit integer"#,
            r#"spec.containers[0].terminationMessagePolicy: Unsupported value: "Bad": supported values: "File", "FallbackToLogsOnError""#,
            r#"spec.containers[0].ports[0].containerPort: Required value"#,
            r#"spec.containers[0].env[0].name: Required value"#,
            r#"spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`"#,
            r#"spec.containers[0].volumeMounts[0].name: Not found: "nope""#,
            r#"spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never""#,
            r#"spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0"#,
            r#"spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0"#,
            r#"spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive"#,
            r#"spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"#,
            r#"spec.initContainers[0].name: Invalid value: "Init": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            r#"spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never""#,
            r#"spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"#,
            r#"spec.hostname: Invalid value: "H": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            r#"spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace"#,
            r#"spec.initContainers[0].image: Invalid value: " busybox": must not have leading or trailing whitespace"#,
            r#"spec.ephemeralContainers: Forbidden: cannot be set on create"#,
        ],
    )]);
}

#[test]
fn order_within_containers() {
    // validateContainerCommon ends with resizePolicy and securityContext; validateContainers then adds
    // the duplicate name, lifecycle (validateHandler), probes (validateProbe then successThreshold),
    // and finally checkHostPortConflicts across the list.
    check(&[(
        "container checks in Go order",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 80
      hostPort: 8080
    resizePolicy:
    - resourceName: cpu
      restartPolicy: Sometimes
    - resourceName: cpu
      restartPolicy: NotRequired
    securityContext:
      runAsGroup: -1
    lifecycle:
      postStart: {}
    readinessProbe:
      exec:
        command: ["x"]
      httpGet:
        port: 80
    startupProbe:
      successThreshold: 2
      tcpSocket:
        port: 0
  - name: app
    image: nginx
    ports:
    - containerPort: 81
      hostPort: 8080
"#,
        "rejected-validation",
        &[
            r#"spec.containers[0].resizePolicy: Unsupported value: "Sometimes": supported values: "NotRequired", "RestartContainer""#,
            r#"spec.containers[0].resizePolicy[1]: Duplicate value: "cpu""#,
            r#"spec.containers[0].securityContext.runAsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive"#,
            r#"spec.containers[0].lifecycle.postStart: Required value: must specify a handler type"#,
            r#"spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type"#,
            r#"spec.containers[0].startupProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive"#,
            r#"spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1"#,
            r#"spec.containers[1].name: Duplicate value: "app""#,
            r#"spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080""#,
        ],
    )]);
}

#[test]
fn seccomp_and_apparmor_annotations() {
    // ValidateSeccompPodAnnotations (field path uses Child, so no brackets), ValidateAppArmorPodAnnotations
    // (Key, brackets); on create validateSeccompAnnotationsAndFields and
    // validateAppArmorAnnotationsAndFieldsMatchOnCreate (containers inherit the pod profile).
    check(&[
        (
            "annotation formats",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: "foo"
    container.seccomp.security.alpha.kubernetes.io/app: "localhost/../x"
    container.apparmor.security.beta.kubernetes.io/ghost: "bad-profile"
spec:
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"metadata.annotations.seccomp.security.alpha.kubernetes.io/pod: Invalid value: "foo": must be a valid seccomp profile"#,
                r#"metadata.annotations.container.seccomp.security.alpha.kubernetes.io/app: Invalid value: "../x": must not contain '..'"#,
                r#"metadata.annotations[container.apparmor.security.beta.kubernetes.io/ghost]: Invalid value: "ghost": container not found"#,
                r#"metadata.annotations[container.apparmor.security.beta.kubernetes.io/ghost]: Invalid value: "bad-profile": invalid AppArmor profile name: "bad-profile""#,
            ],
        ),
        (
            "annotations against fields",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: "runtime/default"
    container.seccomp.security.alpha.kubernetes.io/app: "localhost/a"
    container.apparmor.security.beta.kubernetes.io/app: "localhost/b"
    container.apparmor.security.beta.kubernetes.io/side: "runtime/default"
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
    appArmorProfile:
      type: Unconfined
  initContainers:
  - name: side
    image: busybox
    restartPolicy: Always
  containers:
  - name: app
    image: nginx
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: b
      appArmorProfile:
        type: Localhost
        localhostProfile: c
"#,
            "rejected-validation",
            &[
                r#"spec.securityContext.seccompProfile.type: Forbidden: seccomp type in annotation and field must match"#,
                r#"spec.containers[0].securityContext.seccompProfile.localhostProfile: Forbidden: seccomp profile in annotation and field must match"#,
                r#"spec.initContainers[0].securityContext.appArmorProfile.type: Forbidden: apparmor type in annotation and field must match"#,
                r#"spec.containers[0].securityContext.appArmorProfile.localhostProfile: Forbidden: apparmor profile in annotation and field must match"#,
            ],
        ),
    ]);
}

#[test]
fn windows_host_process() {
    // validateWindowsHostProcessPod: pod and container values must agree, all containers must be
    // hostProcess, hostNetwork required, and privileged is disallowed by the default cluster policy.
    check(&[
        (
            "mixed hostProcess without hostNetwork",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    windowsOptions:
      hostProcess: true
  initContainers:
  - name: init
    image: busybox
    securityContext:
      windowsOptions:
        hostProcess: false
  containers:
  - name: app
    image: nginx
"#,
            "rejected-validation",
            &[
                r#"spec.initContainers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true"#,
                r#"spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers"#,
                r#"spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers"#,
                r#"spec: Forbidden: hostProcess containers are disallowed by cluster policy"#,
            ],
        ),
        (
            "hostProcess on a windows pod",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os:
    name: windows
  hostNetwork: true
  containers:
  - name: app
    image: nginx
    securityContext:
      windowsOptions:
        hostProcess: true
        gmsaCredentialSpecName: ok-name
        runAsUserName: "NT AUTHORITY\\SYSTEM"
"#,
            "rejected-validation",
            &[r#"spec: Forbidden: hostProcess containers are disallowed by cluster policy"#],
        ),
    ]);
}

#[test]
fn csi_and_downward_api_selectors() {
    // ValidateCSIDriverName (TooLong, caseless DNS subdomain), validateCSIVolumeSource (secret name
    // reported at csi.name); validateContainerResourceDivisor, validateContainerResourceFieldSelector,
    // validateObjectFieldSelector with podshelper.ConvertDownwardAPIFieldLabel (spec.host becomes
    // spec.nodeName; subscripts only on labels/annotations; only v1).
    check(&[
        (
            "csi drivers and downward API items",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: a
    csi:
      driver: Csi.Example.COM
  - name: b
    csi:
      driver: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
      nodePublishSecretRef:
        name: ""
  - name: c
    csi:
      driver: x.y
      nodePublishSecretRef:
        name: Bad_Secret
  - name: d
    downwardAPI:
      items:
      - path: cpu
        resourceFieldRef:
          containerName: app
          resource: limits.cpu
          divisor: 2m
      - path: mem
        resourceFieldRef:
          containerName: app
          resource: requests.memory
          divisor: 3Mi
      - path: hp
        resourceFieldRef:
          containerName: app
          resource: limits.hugepages-2Mi
          divisor: 5
      - path: bad
        resourceFieldRef:
          containerName: app
          resource: status.podIP
      - path: ann
        fieldRef:
          fieldPath: metadata.annotations['Foo_Bar']
      - path: nm
        fieldRef:
          fieldPath: metadata.name['x']
      - path: v2
        fieldRef:
          apiVersion: v2
          fieldPath: metadata.name
"#,
            "rejected-validation",
            &[
                r#"spec.volumes[1].csi.driver: Too long: may not be more than 63 bytes"#,
                r#"spec.volumes[1].csi.nodePublishSecretRef.name: Required value"#,
                r#"spec.volumes[2].csi.name: Invalid value: "Bad_Secret": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
                r#"spec.volumes[3].downwardAPI.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor's values 1m and 1 are supported with the cpu resource"#,
                r#"spec.volumes[3].downwardAPI.resourceFieldRef.divisor: Invalid value: "requests.memory": only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"#,
                r#"spec.volumes[3].downwardAPI.resourceFieldRef.divisor: Invalid value: "limits.hugepages-2Mi": only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource"#,
                r#"spec.volumes[3].downwardAPI.resourceFieldRef.resource: Unsupported value: "status.podIP": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory""#,
                r#"spec.volumes[3].downwardAPI.fieldRef.fieldPath: Invalid value: "metadata.name['x']": error converting fieldPath: field label does not support subscript: metadata.name['x']"#,
                r#"spec.volumes[3].downwardAPI.fieldRef.fieldPath: Invalid value: "metadata.name": error converting fieldPath: unsupported pod version: v2"#,
            ],
        ),
        (
            "field paths in env and volumes",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    env:
    - name: HOST
      valueFrom:
        fieldRef:
          fieldPath: spec.host
    - name: BAD
      valueFrom:
        fieldRef:
          fieldPath: foo.bar
    - name: LBL
      valueFrom:
        fieldRef:
          fieldPath: metadata.labels['app']
    - name: CPU
      valueFrom:
        resourceFieldRef:
          resource: limits.hugepages-2Mi
  volumes:
  - name: d
    downwardAPI:
      items:
      - path: host
        fieldRef:
          fieldPath: spec.host
      - path: lbl
        fieldRef:
          fieldPath: metadata.labels
"#,
            "rejected-validation",
            &[
                r#"spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid""#,
                r#"spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Invalid value: "foo.bar": error converting fieldPath: field label not supported: foo.bar"#,
            ],
        ),
    ]);
}
#[test]
fn volume_names_and_generated_claim_names() {
    // ValidateVolumes: Required/DNS-1123 label names, Duplicate after the source's own errors (a volume
    // with errors is not remembered, so a later duplicate is still reported), the ephemeral PVC name
    // <pod>-<volume> checked with ValidatePersistentVolumeName, and the iSCSI
    // <volume name>:<targetPortal> length limit when initiatorName is set (validateVolumeSource).
    check(&[(
        "names, duplicates, derived names",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: ""
    emptyDir: {}
  - name: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv
    emptyDir: {}
  - name: dup
    emptyDir: {}
  - name: dup
    secret:
      secretName: ""
  - name: dup
    emptyDir: {}
  - name: eph
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: ["ReadWriteOnce"]
          resources:
            requests:
              storage: 1Gi
  - name: iscsi-vol
    iscsi:
      targetPortal: "111111111111111111111111111111111111111111111111111111111111:3260"
      iqn: iqn.2001-04.com.example:storage
      lun: 0
      initiatorName: iqn.2001-04.com.example:node
"#,
        "rejected-validation",
        &[
            r#"spec.volumes[0].name: Required value"#,
            r#"spec.volumes[1].name: Invalid value: "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv": must be no more than 63 characters"#,
            r#"spec.volumes[3].secret.secretName: Required value"#,
            r#"spec.volumes[3].name: Duplicate value: "dup""#,
            r#"spec.volumes[4].name: Duplicate value: "dup""#,
            r#"spec.volumes[5].name: Invalid value: "eph": PVC name "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp-eph": must be no more than 253 characters"#,
            r#"spec.volumes[6].name: Invalid value: "iscsi-vol": Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified."#,
        ],
    )]);
}

#[test]
fn grace_period_and_sleep_hooks() {
    // A negative terminationGracePeriodSeconds is stored as 1 before validation, so validateSleepAction
    // compares against 1; validateHandler forbids a second handler; lifecycle.stopSignal is dropped
    // while ContainerStopSignals is off (dropContainerStopSignals), and a zero sleep is allowed
    // (PodLifecycleSleepActionAllowZero).
    check(&[
        (
            "negative grace period",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: -5
  containers:
  - name: app
    image: nginx
    lifecycle:
      preStop:
        sleep:
          seconds: 2
      postStart:
        sleep:
          seconds: 1
        exec:
          command: ["x"]
"#,
            "rejected-validation",
            &[
                r#"spec.containers[0].lifecycle.postStart.sleep: Forbidden: may not specify more than 1 handler type"#,
                r#"spec.containers[0].lifecycle.preStop.sleep: Invalid value: 2: must be non-negative and less than terminationGracePeriodSeconds (1)"#,
            ],
        ),
        (
            "zero grace and zero sleep",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: app
    image: nginx
    lifecycle:
      preStop:
        sleep:
          seconds: 0
      stopSignal: SIGTERM
"#,
            "created",
            &[],
        ),
    ]);
}

#[test]
fn user_namespaces() {
    // ValidatePodSpec derives hostUsers from the pod (v1: spec.hostUsers) and passes it to
    // ValidateSecurityContext, so procMount Unmasked is fine with hostUsers=false; validateHostUsers
    // forbids host namespaces (its HostPID/HostIPC paths are capitalised in Go) and volumeDevices.
    check(&[
        (
            "host namespaces and devices",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostUsers: false
  hostNetwork: true
  hostPID: true
  hostIPC: true
  containers:
  - name: app
    image: nginx
    securityContext:
      procMount: Unmasked
    volumeDevices:
    - name: blk
      devicePath: /dev/xvda
  volumes:
  - name: blk
    persistentVolumeClaim:
      claimName: c
"#,
            "rejected-validation",
            &[
                r#"spec.hostNetwork: Forbidden: when `hostUsers` is false"#,
                r#"spec.HostPID: Forbidden: when `hostUsers` is false"#,
                r#"spec.HostIPC: Forbidden: when `hostUsers` is false"#,
                r#"spec.containers[0].volumeDevices: Forbidden: when `hostUsers` is false"#,
            ],
        ),
        (
            "unmasked procMount with user namespaces",
            r#"apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostUsers: false
  containers:
  - name: app
    image: nginx
    securityContext:
      procMount: Unmasked
  - name: app2
    image: nginx
    securityContext:
      procMount: Default
"#,
            "created",
            &[],
        ),
    ]);
}
