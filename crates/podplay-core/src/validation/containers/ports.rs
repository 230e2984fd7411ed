//! Container ports: `validateContainerPorts`, `checkHostPortConflicts`,
//! `validatePodHostNetworkDeps`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{int, list, object, text};
use crate::field::{FieldError, Path};
use crate::validation::names;

/// `validateContainerPorts`: names (IANA service names, unique per container), port
/// numbers and protocols.
pub(super) fn validate_container_ports(ports: &[Value], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        let name = text(port, "name");
        if !name.is_empty() {
            let msgs = names::is_valid_port_name(name);
            if !msgs.is_empty() {
                for msg in msgs {
                    errs.push(FieldError::invalid(p.child("name"), name, msg));
                }
            } else if !seen.insert(name) {
                errs.push(FieldError::duplicate(p.child("name"), name));
            }
        }

        let container_port = int(port, "containerPort");
        if container_port == 0 {
            errs.push(FieldError::required(p.child("containerPort"), ""));
        } else {
            for msg in names::is_valid_port_num(container_port) {
                errs.push(FieldError::invalid(
                    p.child("containerPort"),
                    container_port,
                    msg,
                ));
            }
        }

        let host_port = int(port, "hostPort");
        if host_port != 0 {
            for msg in names::is_valid_port_num(host_port) {
                errs.push(FieldError::invalid(p.child("hostPort"), host_port, msg));
            }
        }

        match text(port, "protocol") {
            "" => errs.push(FieldError::required(p.child("protocol"), "")),
            "TCP" | "UDP" | "SCTP" => {}
            other => errs.push(FieldError::not_supported(
                p.child("protocol"),
                other,
                &["SCTP", "TCP", "UDP"],
            )),
        }
    }
    errs
}

/// `checkHostPortConflicts`: a `protocol/hostIP/hostPort` triple may be used once among
/// `containers`. `path` is the list the containers are indexed from.
pub(super) fn check_host_port_conflicts(containers: &[Value], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (ci, ctr) in containers.iter().enumerate() {
        for (pi, port) in list(ctr, "ports").iter().enumerate() {
            let host_port = int(port, "hostPort");
            if host_port == 0 {
                continue;
            }
            let key = format!(
                "{}/{}/{}",
                text(port, "protocol"),
                text(port, "hostIP"),
                host_port
            );
            if seen.contains(&key) {
                errs.push(FieldError::duplicate(
                    path.index(ci).child("ports").index(pi).child("hostPort"),
                    key,
                ));
            } else {
                seen.insert(key);
            }
        }
    }
    errs
}

/// `validatePodHostNetworkDeps` for a Pod: with `hostNetwork: true` every regular container
/// port's hostPort must equal its containerPort (defaulting copies it when unset).
pub fn validate_host_network_ports(spec: &Value) -> Vec<FieldError> {
    let host_network = object(spec, "hostNetwork")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if !host_network {
        return Vec::new();
    }
    let mut errs = Vec::new();
    let path = Path::new("spec").child("containers");
    for (i, ctr) in list(spec, "containers").iter().enumerate() {
        for (j, port) in list(ctr, "ports").iter().enumerate() {
            let host_port = int(port, "hostPort");
            if host_port != int(port, "containerPort") {
                errs.push(FieldError::invalid(
                    path.index(i).child("ports").index(j).child("hostPort"),
                    host_port,
                    "must match `containerPort` when `hostNetwork` is true",
                ));
            }
        }
    }
    errs
}
