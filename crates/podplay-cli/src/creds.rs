//! `podplay creds` (stub: to be written).

pub fn run(_args: &[String]) -> u8 {
    eprintln!("podplay creds: not implemented yet");
    2
}
