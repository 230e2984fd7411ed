//! A tiny argument parser shared by the subcommands (no dependencies).

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

/// Reads a file, or standard input for `-`.
pub fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
    }
}

/// Prints a usage error and returns the misuse exit code.
pub fn misuse(command: &str, message: &str) -> u8 {
    eprintln!("podplay {command}: {message}");
    2
}
