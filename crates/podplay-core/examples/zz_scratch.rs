use podplay_core::gallery::EXAMPLES;
use podplay_core::options::Options;
use podplay_core::report::build;
use podplay_core::versions::Version;
fn main() {
    let options = Options::new(Version::newest());
    let mut r = build(EXAMPLES[0].2, &options);
    if let Some(a) = r.admit.as_mut() {
        a.result = podplay_core::pipeline::AdmitResult::not_sent();
    }
    let all = serde_json::to_string(&r).unwrap();
    println!("total {}", all.len());
    let v: serde_json::Value = serde_json::from_str(&all).unwrap();
    for (k, x) in v.as_object().unwrap() {
        println!("{k} {}", x.to_string().len());
    }
    for (k, x) in v["views"].as_object().unwrap() {
        println!("  views.{k} {}", x.to_string().len());
    }
    for (k, x) in v["views"]["defaults"].as_object().unwrap() {
        println!("    defaults.{k} {}", x.to_string().len());
    }
    for (k, x) in v["views"]["scheduling"].as_object().unwrap() {
        println!("    sched.{k} {}", x.to_string().len());
    }
}
