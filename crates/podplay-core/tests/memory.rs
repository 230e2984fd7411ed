//! Memory is bounded by the input limits: a paste far over them peaks at a few times its own
//! size, not at hundreds of megabytes (a 5 MB env paste peaked at 276 MB before the limits).
//! One test in its own binary, so the allocation counter sees nothing else.

use podplay_core::limits::{MAX_INPUT_BYTES, MAX_NODES};
use podplay_core::report::{build, Options};
use podplay_core::versions::Version;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak bytes allocated while analysing `text`, beyond what was live before.
fn peak_of(text: &str) -> usize {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let report = build(text, &Options::new(Version::newest()));
    assert!(!report.diagnostics.is_empty());
    drop(report);
    let peak = PEAK.load(Relaxed) - before;
    eprintln!("{} bytes of input: peak {peak} bytes", text.len());
    peak
}

fn env_paste(entries: usize) -> String {
    let mut s = String::from(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    env:\n",
    );
    for i in 0..entries {
        s.push_str(&format!(
            "    - name: VARIABLE_{i}\n      value: \"some value {i}\"\n"
        ));
    }
    s
}

#[test]
fn memory_stays_bounded_past_the_limits() {
    const MB: usize = 1024 * 1024;
    // 5 MB: over the byte limit, refused before any parsing.
    let five_mb = env_paste(110_000);
    assert!(five_mb.len() > 5 * MB);
    let peak = peak_of(&five_mb);
    assert!(peak < MB, "5 MB paste: peak {peak} bytes");
    // Just under the byte limit, but over the node limit: refused while parsing, after at
    // most MAX_NODES nodes (about 100 bytes each in the tree).
    let under = env_paste(45_000);
    assert!(under.len() < MAX_INPUT_BYTES);
    let peak = peak_of(&under);
    assert!(peak < 20 * MB, "{} bytes: peak {peak} bytes", under.len());
    assert!(peak < MAX_NODES * 200, "peak {peak} bytes");
    // Within the limits (10,000 entries, 50,000 nodes): analysed whole.
    let within = env_paste(10_000);
    let peak = peak_of(&within);
    assert!(
        peak < 10_000 * 6_000,
        "{} bytes: peak {peak} bytes",
        within.len()
    );
}
