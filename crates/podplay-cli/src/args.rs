//! The subcommands' options (one table per command, used by the parser and by `--help`),
//! parsed with lexopt, and the one input reader they all use.

use podplay_core::input::kubernetes_yaml_error;
use podplay_core::limits::{self, MAX_INPUT_BYTES};
use std::ffi::OsString;
use std::io::Read;

/// One option of a command: its flag, the value it takes (`None` for a switch) and what it
/// does. A command's [`Command::options`] drive both the parser and its `--help`.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    pub flag: &'static str,
    pub value: Option<&'static str>,
    pub about: &'static str,
}

impl Opt {
    /// An option that takes a value (`--flag VALUE` or `--flag=VALUE`).
    pub const fn valued(flag: &'static str, value: &'static str, about: &'static str) -> Opt {
        Opt {
            flag,
            value: Some(value),
            about,
        }
    }

    /// An option that takes no value.
    pub const fn switch(flag: &'static str, about: &'static str) -> Opt {
        Opt {
            flag,
            value: None,
            about,
        }
    }
}

/// `--kubernetes-version X.Y`, shared by the commands whose answer depends on the release.
pub const KUBERNETES_VERSION: Opt = Opt::valued(
    "--kubernetes-version",
    "X.Y",
    "the Kubernetes release to model (default: the newest podplay knows)",
);
/// `--namespace NS`, for the commands that create the pod.
pub const NAMESPACE: Opt = Opt::valued(
    "--namespace",
    "NS",
    "the request's namespace, as kubectl's context namespace (default: default)",
);
/// `--context FILE`: cluster documents given apart from the pod, as the page's cluster context
/// panel takes them (read like FILE's own context documents, never the pod).
pub const CONTEXT: Opt = Opt::valued(
    "--context",
    "FILE",
    "cluster documents kept apart from the pod (Nodes, Services, Secrets, ...), read like the page's cluster context panel",
);

/// The `--context` file's text (empty without the option).
pub fn context_text(args: &Args) -> Result<String, String> {
    args.get("--context").map_or(Ok(String::new()), read_input)
}

/// `--output json|text` with JSON as the default.
pub const OUTPUT_JSON_OR_TEXT: Opt =
    Opt::valued("--output", "json|text", "output format (default: json)");

/// A subcommand: its name, its usage (synopsis, then what it does; `podplay help` lists them
/// all), its options and what runs it (returning the exit code).
pub struct Command {
    pub name: &'static str,
    pub usage: &'static str,
    pub options: &'static [Opt],
    pub run: fn(Args) -> u8,
}

/// What a command line asks for.
#[derive(Debug)]
pub enum Parsed {
    Run(Args),
    /// `--help` or `-h` (before any `--`) was given: the command's usage, whatever else is there.
    Help,
}

/// Parsed `--flag value` options (flags with their dashes) and positional arguments.
#[derive(Debug, Default)]
pub struct Args {
    pub options: Vec<(&'static str, String)>,
    pub positional: Vec<String>,
}

impl Command {
    /// Parses the arguments after the command name with lexopt (`--x v`, `--x=v`, `--` ends
    /// the options, `-` is a positional argument). An unknown option, a value given to a
    /// switch and a missing value are errors; `--help`/`-h` wins over any of them.
    pub fn parse(&self, raw: &[String]) -> Result<Parsed, String> {
        use lexopt::Arg::{Long, Short, Value};
        let mut parser = lexopt::Parser::from_args(raw);
        let mut out = Args::default();
        let mut first_error = None;
        loop {
            let arg = match parser.next() {
                Ok(Some(arg)) => arg,
                Ok(None) => break,
                Err(e) => {
                    first_error.get_or_insert(e.to_string());
                    continue;
                }
            };
            let problem = match arg {
                Long("help") | Short('h') => return Ok(Parsed::Help),
                Value(v) => {
                    out.positional.push(text(v));
                    continue;
                }
                Short(c) => format!("unknown option -{c}"),
                Long(name) => {
                    let name = format!("--{name}");
                    match self.options.iter().find(|o| o.flag == name) {
                        Some(opt @ Opt { value: Some(_), .. }) => match parser.value() {
                            Ok(v) => {
                                out.options.push((opt.flag, text(v)));
                                continue;
                            }
                            Err(_) => format!("{name} needs a value"),
                        },
                        Some(opt) => match parser.optional_value() {
                            None => {
                                out.options.push((opt.flag, String::new()));
                                continue;
                            }
                            Some(_) => format!("{name} takes no value"),
                        },
                        None => {
                            parser.optional_value();
                            format!("unknown option {name}")
                        }
                    }
                }
            };
            first_error.get_or_insert(problem);
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(Parsed::Run(out)),
        }
    }

    /// `podplay COMMAND --help`: the usage, then each option with what it does.
    pub fn help(&self) -> String {
        // An option with a long value name gets its description on the next line.
        const WIDTH: usize = 30;
        let mut text = format!("usage: podplay {}\n\noptions:", self.usage);
        let rows = self.options.iter().map(|o| match o.value {
            Some(v) => (format!("{} {v}", o.flag), o.about),
            None => (o.flag.to_string(), o.about),
        });
        for (shown, about) in rows.chain([("-h, --help".to_string(), "this text")]) {
            let gap = if shown.len() > WIDTH {
                format!("\n{:1$}", "", WIDTH + 4)
            } else {
                " ".repeat(WIDTH + 2 - shown.len())
            };
            text.push_str(&format!("\n  {shown}{gap}{about}"));
        }
        text
    }
}

/// An argument as text: main has already refused any that is not UTF-8 ([`utf8_args`]).
fn text(arg: std::ffi::OsString) -> String {
    arg.to_string_lossy().into_owned()
}

impl Args {
    /// The last value given for a flag.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for a repeatable flag, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.options
            .iter()
            .filter(|(n, _)| *n == name)
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEST: Command = Command {
        name: "test",
        usage: "test [--output json|text] [--tag T]... [--now] FILE",
        options: &[
            Opt::valued("--output", "json|text", "output format"),
            Opt::valued("--tag", "T", "a tag (repeatable)"),
            Opt::switch("--now", "at once"),
        ],
        run: |_| 0,
    };

    /// Each command line, parsed: the options as `flag=value` (a switch as `flag=`) and the
    /// positional arguments, or the error, or `help`.
    fn parsed(line: &[&str]) -> String {
        let raw: Vec<String> = line.iter().map(|a| a.to_string()).collect();
        match TEST.parse(&raw) {
            Ok(Parsed::Help) => "help".into(),
            Err(e) => format!("error: {e}"),
            Ok(Parsed::Run(args)) => {
                let options = args.options.iter().map(|(f, v)| format!("{f}={v}"));
                let positional = args.positional.iter().map(|p| format!("<{p}>"));
                options.chain(positional).collect::<Vec<_>>().join(" ")
            }
        }
    }

    #[test]
    fn command_lines() {
        let cases: &[(&[&str], &str)] = &[
            (&["pod.yaml"], "<pod.yaml>"),
            (&["-"], "<->"),
            (
                &["--output", "text", "pod.yaml"],
                "--output=text <pod.yaml>",
            ),
            (&["--output=text", "pod.yaml"], "--output=text <pod.yaml>"),
            (&["--output="], "--output="),
            // A value may look like an option.
            (&["--tag", "--now"], "--tag=--now"),
            (&["--tag", "a", "x", "--tag=b"], "--tag=a --tag=b <x>"),
            (&["--now", "x"], "--now= <x>"),
            (&["--", "--now", "-h"], "<--now> <-h>"),
            (&["x", "--help"], "help"),
            (&["--bogus", "-h"], "help"),
            (&["--bogus=1", "x"], "error: unknown option --bogus"),
            (&["-x"], "error: unknown option -x"),
            (&["--now=1"], "error: --now takes no value"),
            (&["x", "--output"], "error: --output needs a value"),
            (&["--bogus", "--other"], "error: unknown option --bogus"),
        ];
        for (line, want) in cases {
            assert_eq!(parsed(line), *want, "{line:?}");
        }
    }

    #[test]
    fn help_lists_every_option() {
        assert_eq!(
            TEST.help(),
            "usage: podplay test [--output json|text] [--tag T]... [--now] FILE

options:
  --output json|text              output format
  --tag T                         a tag (repeatable)
  --now                           at once
  -h, --help                      this text"
        );
    }
}
