//! `podplay admit` (stub: to be written).

pub fn run(_args: &[String]) -> u8 {
    eprintln!("podplay admit: not implemented yet");
    2
}
