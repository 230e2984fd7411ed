//! `validateProjectedVolumeSource` and `validateProjectionSources`
//! (pkg/apis/core/validation): secrets, config maps, the downward API, service account
//! tokens, cluster trust bundles and pod certificates projected into one directory.

use super::super::affinity::validate_label_selector;
use super::super::{arr, int_of, obj, str_of};
use super::super::{PodValidationOptions, ValidationContext};
use super::{downward_api_file, file_mode, key_to_path, validate_local_non_reserved_path};
use crate::field::{FieldError, Path};
use serde_json::Value;

/// `validateProjectedVolumeSource` + `validateProjectionSources`.
pub(super) fn projected(
    v: &Value,
    p: &Path,
    opts: &PodValidationOptions,
    ctx: &ValidationContext,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    file_mode(v, "defaultMode", p, &mut errs);
    let mut all_paths: Vec<String> = Vec::new();
    let mut note_path = |path: &str, bad: Value, errs: &mut Vec<FieldError>| {
        if all_paths.iter().any(|x| x == path) {
            errs.push(FieldError::invalid(p, bad, "conflicting duplicate paths"));
        } else {
            all_paths.push(path.to_string());
        }
    };
    for (i, source) in arr(v, "sources").iter().enumerate() {
        let mut num_sources = 0;
        let sp = p.child("sources").index(i);
        for key in ["secret", "configMap"] {
            if let Some(s) = obj(source, key) {
                num_sources += 1;
                let pp = sp.child(key);
                let name = str_of(s, "name");
                if name.is_empty() {
                    errs.push(FieldError::required(pp.child("name"), ""));
                }
                for (j, kp) in arr(s, "items").iter().enumerate() {
                    errs.extend(key_to_path(kp, &pp.child("items").index(j)));
                    let path = str_of(kp, "path");
                    if !path.is_empty() {
                        note_path(path, Value::from(name), &mut errs);
                    }
                }
            }
        }
        if let Some(d) = obj(source, "downwardAPI") {
            num_sources += 1;
            let pp = sp.child("downwardAPI");
            for file in arr(d, "items") {
                errs.extend(downward_api_file(file, &pp, ctx));
                let path = str_of(file, "path");
                if !path.is_empty() {
                    note_path(path, Value::from(path), &mut errs);
                }
            }
        }
        if let Some(t) = obj(source, "serviceAccountToken") {
            num_sources += 1;
            let pp = sp.child("serviceAccountToken");
            let expiration = int_of(t, "expirationSeconds");
            if expiration < 600 {
                errs.push(FieldError::invalid(
                    pp.child("expirationSeconds"),
                    expiration,
                    "may not specify a duration less than 10 minutes",
                ));
            }
            if expiration > 1 << 32 {
                errs.push(FieldError::invalid(
                    pp.child("expirationSeconds"),
                    expiration,
                    "may not specify a duration larger than 2^32 seconds",
                ));
            }
            let path = str_of(t, "path");
            if path.is_empty() {
                // Go reports this at the projected path, not the source.
                errs.push(FieldError::required(p.child("path"), ""));
            } else if !opts.allow_non_local_projected_token_path {
                errs.extend(validate_local_non_reserved_path(path, &p.child("path")));
            }
        }
        if let Some(b) = obj(source, "clusterTrustBundle") {
            num_sources += 1;
            let pp = sp.child("clusterTrustBundle");
            let name = obj(b, "name");
            let signer = obj(b, "signerName");
            match (name, signer) {
                (Some(_), Some(_)) => errs.push(FieldError::invalid(
                    &pp,
                    // The internal struct has no JSON tags.
                    serde_json::json!({
                        "Name": name,
                        "SignerName": signer,
                        "LabelSelector": obj(b, "labelSelector"),
                        "Optional": obj(b, "optional"),
                        "Path": str_of(b, "path"),
                    }),
                    "only one of name and signerName may be used",
                )),
                (Some(name), None) => {
                    if name.as_str().unwrap_or("").is_empty() {
                        errs.push(FieldError::required(
                            pp.child("name"),
                            "must be a valid object name",
                        ));
                    }
                    if obj(b, "labelSelector").is_some() {
                        errs.push(FieldError::invalid(
                            pp.child("labelSelector"),
                            b["labelSelector"].clone(),
                            "labelSelector must be unset if name is specified",
                        ));
                    }
                }
                (None, Some(signer)) => {
                    if signer.as_str().unwrap_or("").is_empty() {
                        errs.push(FieldError::required(
                            pp.child("signerName"),
                            "must be a valid signer name",
                        ));
                    }
                    errs.extend(validate_label_selector(
                        obj(b, "labelSelector"),
                        false,
                        &pp.child("labelSelector"),
                        ctx,
                    ));
                }
                (None, None) => errs.push(FieldError::required(
                    &pp,
                    "either name or signerName must be specified",
                )),
            }
            let path = str_of(b, "path");
            if path.is_empty() {
                errs.push(FieldError::required(pp.child("path"), ""));
            }
            errs.extend(validate_local_non_reserved_path(path, &pp.child("path")));
            note_path(path, Value::from(path), &mut errs);
        }
        if let Some(c) = obj(source, "podCertificate") {
            num_sources += 1;
            let pp = sp.child("podCertificate");
            const KEY_TYPES: &[&str] = &[
                "RSA3072",
                "RSA4096",
                "ECDSAP256",
                "ECDSAP384",
                "ECDSAP521",
                "ED25519",
            ];
            let key_type = str_of(c, "keyType");
            if !KEY_TYPES.contains(&key_type) {
                errs.push(
                    FieldError::not_supported(pp.child("keyType"), key_type, KEY_TYPES)
                        // PodCertificateProjection.KeyType is a plain string.
                        .plain_string(),
                );
            }
            let mut num_paths = 0;
            for key in ["credentialBundlePath", "keyPath", "certificateChainPath"] {
                let path = str_of(c, key);
                if !path.is_empty() {
                    num_paths += 1;
                    errs.extend(validate_local_non_reserved_path(path, &pp.child(key)));
                    note_path(path, Value::from(path), &mut errs);
                }
            }
            if num_paths == 0 {
                errs.push(FieldError::required(
                    &pp,
                    "specify at least one of credentialBundlePath, keyPath, and certificateChainPath",
                ));
            }
        }
        if num_sources > 1 {
            errs.push(FieldError::forbidden(
                &sp,
                "may not specify more than 1 volume type per source",
            ));
        }
    }
    errs
}
