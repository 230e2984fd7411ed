//! How every command reads its input and arguments: the size limit, invalid UTF-8 (in the
//! input and in the arguments), and misuse found before any analysis runs.

use podplay_core::limits::MAX_INPUT_BYTES;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Runs the binary with `args` and `stdin`: (exit code, stdout, stderr).
fn podplay(args: &[OsString], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_podplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // The reader may stop early (the size limit): a broken pipe here is expected.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// A file in the temp directory holding `bytes`, named for the test.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("podplay-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

const TOO_BIG: &str = "podplay limit: the input is more than 3 MiB; podplay analyses at most 3145728 bytes (3 MiB, the API server's request body limit)";

#[test]
fn input_over_the_limit_is_refused_from_a_file_and_from_stdin() {
    let big = vec![b'#'; MAX_INPUT_BYTES + 1];
    let file = temp_file("big.yaml", &big);
    let path = file.to_str().unwrap();
    let rows: Vec<(Vec<OsString>, &[u8], String)> = vec![
        (
            os(&["admit", path]),
            b"",
            format!("podplay admit: {path}: {TOO_BIG}\n"),
        ),
        (
            os(&["admit", "-"]),
            &big,
            format!("podplay admit: standard input: {TOO_BIG}\n"),
        ),
        (
            os(&["creds", "--pull-secret", path, "nginx"]),
            b"",
            format!("podplay creds: {path}: {TOO_BIG}\n"),
        ),
    ];
    for (args, stdin, want) in rows {
        let (code, stdout, stderr) = podplay(&args, stdin);
        assert_eq!((code, stdout.as_str(), stderr), (2, "", want), "{args:?}");
    }
    std::fs::remove_file(file).unwrap();
}

#[test]
fn input_at_the_limit_is_analysed() {
    let mut text = b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n".to_vec();
    text.resize(MAX_INPUT_BYTES - 1, b'#');
    text.push(b'\n');
    let (code, stdout, stderr) = podplay(&os(&["admit", "--output", "text", "-"]), &text);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.contains("\noutcome: created\n"), "{stdout}");
}

#[test]
fn invalid_utf8_input_is_refused_with_its_place() {
    let file = temp_file(
        "latin1.yaml",
        b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\xe9s\n  x: y\n",
    );
    let path = file.to_str().unwrap();
    let (code, stdout, stderr) = podplay(&os(&["admit", path]), b"");
    assert_eq!(
        (code, stdout.as_str(), stderr),
        (
            2,
            "",
            format!("podplay admit: {path}:4:12: error converting YAML to JSON: yaml: invalid trailing UTF-8 octet (at byte 46)\n")
        )
    );
    std::fs::remove_file(file).unwrap();
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_named() {
    use std::os::unix::ffi::OsStringExt;
    let args = vec![
        OsString::from("admit"),
        OsString::from_vec(b"caf\xe9.yaml".to_vec()),
    ];
    let (code, stdout, stderr) = podplay(&args, b"");
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "",
            "podplay: argument 2 is not valid UTF-8: \"caf\u{fffd}.yaml\"\n"
        )
    );
}

#[test]
fn misuse_is_found_before_the_input_is_read() {
    let rows: &[(&[&str], &str)] = &[
        // The file does not exist: the --output problem is reported, not the read.
        (
            &["admit", "--output", "xml", "/nonexistent/pod.yaml"],
            "podplay admit: unknown --output \"xml\" (json, yaml or text)\n",
        ),
        (
            &["env", "--output", "xml", "/nonexistent/pod.yaml"],
            "podplay env: unknown --output \"xml\" (json or text)\n",
        ),
        (
            &["schedule", "--output=xml", "/nonexistent/pod.yaml"],
            "podplay schedule: unknown --output \"xml\" (json or text)\n",
        ),
        (
            &["admit", "--example-cluster", "/nonexistent/pod.yaml"],
            "podplay admit: unknown option --example-cluster\n",
        ),
        (
            &["schedule", "--example-cluster=yes", "/nonexistent/pod.yaml"],
            "podplay schedule: --example-cluster takes no value\n",
        ),
        (
            &["timeline", "/nonexistent/pod.yaml", "--grace-period"],
            "podplay timeline: --grace-period needs a value\n",
        ),
        (
            &["creds", "nginx"],
            "podplay creds: give at least one --pull-secret FILE (a Secret manifest or its config.json) to look up credentials for the IMAGE\n",
        ),
    ];
    for (args, want) in rows {
        let (code, stdout, stderr) = podplay(&os(args), b"");
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (2, "", *want),
            "{args:?}"
        );
    }
}

/// `podplay COMMAND --help` (and `-h`) prints that command's usage on stdout and exits 0,
/// whatever else is on the line; after `--` it is an argument like any other.
#[test]
fn each_command_has_its_own_help() {
    const SCHEDULE: &str = "usage: podplay schedule [--kubernetes-version X.Y] [--namespace NS] [--output json|text] [--example-cluster] [--context FILE] FILE|-";
    let cases: &[(&[&str], &str)] = &[
        (&["admit", "--help"], "usage: podplay admit [--kubernetes-version X.Y] [--namespace NS] [--output json|yaml|text] [--context FILE] FILE|-"),
        (&["env", "-h"], "usage: podplay env [--kubernetes-version X.Y] [--output json|text] [--context FILE] FILE|-"),
        (&["image", "--help"], "usage: podplay image [--output json|text] [--kubernetes-version X.Y] REF..."),
        (&["creds", "--help"], "usage: podplay creds [--output json|text] [--kubernetes-version X.Y] --pull-secret FILE [--pull-secret FILE]... IMAGE..."),
        (&["match", "--help"], "usage: podplay match [--output json|text] [--kubernetes-version X.Y] PATTERN IMAGE"),
        (&["schedule", "--help"], SCHEDULE),
        (&["schedule", "pod.yaml", "--help"], SCHEDULE),
        (&["selector", "--help"], "usage: podplay selector [--labels JSON] [--kubernetes-version X.Y] [--output json|text] EXPR"),
        (&["timeline", "--help"], "usage: podplay timeline [--output json|text] [--kubernetes-version X.Y] [--context FILE] FILE|-"),
    ];
    for (args, first_line) in cases {
        let (code, out, err) = podplay(&os(args), b"");
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(out.lines().next(), Some(*first_line), "{args:?}");
        assert_eq!(err, "", "{args:?}");
    }
    // Only before `--`: after it, `--help` is a file name.
    let (code, _, err) = podplay(&os(&["admit", "--", "--help"]), b"");
    assert_eq!(code, 2);
    assert!(err.contains("--help"), "{err}");
}
