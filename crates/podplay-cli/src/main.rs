//! `podplay`: the podplay engine on the command line, for scripts, CI and conformance checks.
//!
//! Subcommands print JSON (the contract conformance checks use) or text. Exit code 0 means the
//! analysis ran (also for rejected pods); 2 means misuse or unreadable input.

/// `print!`/`println!` that stop quietly when the reader went away (`podplay ... | head`).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod admit;
mod args;
mod creds;
mod env;
mod image;
mod match_cmd;
mod schedule;
mod selector;
mod timeline;

use args::{Command, Parsed};
use std::process::ExitCode;

/// Every command; each one's usage, options and `run` live in its module, beside its code.
const COMMANDS: &[&Command] = &[
    &admit::COMMAND,
    &env::COMMAND,
    &image::COMMAND,
    &creds::COMMAND,
    &match_cmd::COMMAND,
    &schedule::COMMAND,
    &selector::COMMAND,
    &timeline::COMMAND,
];

/// `podplay help`: every command's usage.
fn usage() -> String {
    let mut text = String::from("usage: podplay <command> [options]\n\ncommands:\n");
    for command in COMMANDS {
        text.push_str("  ");
        text.push_str(command.usage);
        text.push('\n');
    }
    text.push_str("  help  this text; podplay COMMAND --help: that command's usage");
    text
}

fn main() -> ExitCode {
    let args = match args::utf8_args(std::env::args_os().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("podplay: {e}");
            return ExitCode::from(2);
        }
    };
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{}", usage());
        return ExitCode::from(2);
    };
    let code = match COMMANDS.iter().find(|c| c.name == command.as_str()) {
        Some(command) => match command.parse(rest) {
            Ok(Parsed::Run(args)) => (command.run)(args),
            Ok(Parsed::Help) => {
                outln!("{}", command.help());
                0
            }
            Err(e) => args::misuse(command.name, &e),
        },
        None => match command.as_str() {
            "help" | "--help" | "-h" => {
                outln!("{}", usage());
                0
            }
            other => {
                eprintln!("podplay: unknown command {other:?}\n\n{}", usage());
                2
            }
        },
    };
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::COMMANDS;

    /// Every `--flag` a usage text shows is one the command's parser accepts.
    #[test]
    fn usage_shows_only_declared_options() {
        for command in COMMANDS {
            for word in command
                .usage
                .split(|c: char| c.is_whitespace() || "[]".contains(c))
            {
                let Some(flag) = word.strip_prefix("--") else {
                    continue;
                };
                let flag = format!("--{}", flag.trim_end_matches('.'));
                assert!(
                    command.options.iter().any(|o| o.flag == flag),
                    "{}: {flag}",
                    command.name
                );
            }
        }
    }
}
