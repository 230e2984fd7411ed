use podplay_core::images::{describe_reference, image_validation_errors};
use podplay_core::reference::Reference;
fn main() {
    for r in std::env::args().skip(1) {
        let v = serde_json::to_value(describe_reference(&Reference::parse(&r))).unwrap();
        println!("{}", v);
        println!(
            "  val: {:?}",
            image_validation_errors(&r, "spec.containers[0].image")
        );
    }
}
