//! `podplay match` (stub: to be written).

pub fn run(_args: &[String]) -> u8 {
    eprintln!("podplay match: not implemented yet");
    2
}
