//! One small sort for the whole core.
//!
//! The standard library's sorts are fast but are compiled in full (several kilobytes of
//! WebAssembly) for every element type they are used with; podplay sorts short lists of a
//! dozen types, so one heapsort keeps the page small. It is O(n log n), so a hostile
//! document with 100 000 keys stays fast. It is not stable: callers that need ties kept in
//! order compare an index last.

/// Sorts `v` so that no element is `less` than the one before it.
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    // Build a max-heap, then move the largest element to the end, repeatedly.
    for start in (0..n / 2).rev() {
        sift_down(v, start, n, &mut less);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &mut less);
    }
}

/// Sorts by a key (ties in any order).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a) < key(b));
}

fn sift_down<T>(v: &mut [T], mut root: usize, end: usize, less: &mut impl FnMut(&T, &T) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            return;
        }
        v.swap(root, child);
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
