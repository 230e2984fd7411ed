//! A tiny argument parser shared by the subcommands (no dependencies), and the one input
//! reader they all use.

use podplay_core::input::kubernetes_yaml_error;
use podplay_core::limits::{self, MAX_INPUT_BYTES};
use std::ffi::OsString;
use std::io::Read;

/// Parsed `--flag value` options and positional arguments.
#[derive(Debug, Default)]
pub struct Args {
    pub options: Vec<(String, String)>,
    pub positional: Vec<String>,
}

impl Args {
    /// Parses `args`; `valued` lists the flags that take a value (`--x v` or `--x=v`),
    /// `switches` the flags that take none. Unknown flags are an error.
    pub fn parse(args: &[String], valued: &[&str], switches: &[&str]) -> Result<Args, String> {
        let mut out = Args::default();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if a == "--" {
                out.positional.extend(args[i + 1..].iter().cloned());
                break;
            }
            if a.starts_with("--") {
                let (name, inline) = match a.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (a.clone(), None),
                };
                if valued.contains(&name.as_str()) {
                    let value = match inline {
                        Some(v) => v,
                        None => {
                            i += 1;
                            args.get(i)
                                .cloned()
                                .ok_or_else(|| format!("{name} needs a value"))?
                        }
                    };
                    out.options.push((name, value));
                } else if switches.contains(&name.as_str()) && inline.is_none() {
                    out.options.push((name, String::new()));
                } else {
                    return Err(format!("unknown option {name}"));
                }
            } else {
                out.positional.push(a.clone());
            }
            i += 1;
        }
        Ok(out)
    }

    /// The last value given for a flag.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for a repeatable flag, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.options
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// The command line as text: `std::env::args` would panic on an argument that is not
/// UTF-8; this names it instead (1-based, after the program name).
pub fn utf8_args(raw: impl Iterator<Item = OsString>) -> Result<Vec<String>, String> {
    raw.enumerate()
        .map(|(i, arg)| {
            arg.into_string().map_err(|bad| {
                format!(
                    "argument {} is not valid UTF-8: {:?}",
                    i + 1,
                    bad.to_string_lossy()
                )
            })
        })
        .collect()
}

/// Reads a file, or standard input for `-`, as every command's input: at most
/// [`MAX_INPUT_BYTES`] (one byte more is read to tell a larger input, which is refused with
/// the limit's message), and text only (invalid UTF-8 is refused with go-yaml's reader error
/// and where the bad byte is).
pub fn read_input(path: &str) -> Result<String, String> {
    let name = if path == "-" { "standard input" } else { path };
    let mut bytes = Vec::new();
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let read = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() > MAX_INPUT_BYTES {
        // Only the first byte past the limit was read: the size is not known.
        let message = limits::check_input_len(usize::MAX).unwrap_err();
        return Err(format!("{name}: {message}"));
    }
    match limits::text_from_bytes(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(format!(
            "{name}:{}:{}: {}",
            e.pos.line,
            e.pos.col,
            kubernetes_yaml_error(&e)
        )),
    }
}

/// Prints a usage error and returns the misuse exit code.
pub fn misuse(command: &str, message: &str) -> u8 {
    eprintln!("podplay {command}: {message}");
    2
}
