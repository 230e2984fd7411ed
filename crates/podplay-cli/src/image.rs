//! `podplay image` (stub: to be written).

pub fn run(_args: &[String]) -> u8 {
    eprintln!("podplay image: not implemented yet");
    2
}
