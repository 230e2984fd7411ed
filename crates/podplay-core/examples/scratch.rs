use podplay_core::report::{analyze, Options};
fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let n: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(3000);
    let text = std::fs::read_to_string(&arg).unwrap();
    for _ in 0..n {
        std::hint::black_box(analyze(&text, &Options::default()));
    }
}
