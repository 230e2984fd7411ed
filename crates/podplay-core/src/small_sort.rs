//! One small sort for the whole core.
//!
//! The standard library's sorts are fast but are compiled in full (several kilobytes of
//! WebAssembly) for every element type they are used with; podplay sorts short lists of a
//! dozen types, so one heapsort keeps the page small. It is O(n log n), so a hostile
//! document with 100 000 keys stays fast. It is not stable: callers that need ties kept in
//! order compare an index last.

/// Sorts `v` so that no element is `less` than the one before it.
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    // Only this adapter is compiled per element type; the heap walk below is compiled once.
    heapsort(v.len(), &mut |step| match step {
        Step::Less(i, j) => less(&v[i], &v[j]),
        Step::Swap(i, j) => {
            v.swap(i, j);
            false
        }
    });
}

/// Sorts by a key (ties in any order).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a) < key(b));
}

/// What the heap walk asks of the slice: compare two positions, or swap them.
enum Step {
    Less(usize, usize),
    Swap(usize, usize),
}

fn heapsort(n: usize, at: &mut dyn FnMut(Step) -> bool) {
    // Build a max-heap, then move the largest element to the end, repeatedly.
    for start in (0..n / 2).rev() {
        sift_down(start, n, at);
    }
    for end in (1..n).rev() {
        at(Step::Swap(0, end));
        sift_down(0, end, at);
    }
}

fn sift_down(mut root: usize, end: usize, at: &mut dyn FnMut(Step) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && at(Step::Less(child, child + 1)) {
            child += 1;
        }
        if !at(Step::Less(root, child)) {
            return;
        }
        at(Step::Swap(root, child));
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 12345u64;
        for len in [0, 1, 2, 3, 7, 64, 1000] {
            let mut v: Vec<u32> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 40) as u32 % 50
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            sort_by(&mut v, |a, b| a < b);
            assert_eq!(v, want, "len {len}");
        }
    }

    #[test]
    fn large_inputs_stay_fast() {
        let mut v: Vec<u32> = (0..200_000).rev().collect();
        sort_by_key(&mut v, |x| *x);
        assert!(v.windows(2).all(|w| w[0] <= w[1]));
    }
}
