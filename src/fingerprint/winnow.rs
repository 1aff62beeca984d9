//! Winnowing: a guaranteed sample of a sequence of k-gram hashes.

/// Winnowing with window `w`: the positions (indices into `hashes`) of the
/// selected fingerprints, in increasing order, each selected once. With
/// fewer than `w` hashes the minimum of them all is selected.
pub fn winnow(hashes: &[u64], w: usize, out: &mut Vec<u32>) {
    out.clear();
    if hashes.is_empty() {
        return;
    }
    let w = w.max(1).min(hashes.len());
    // monotone deque of indices with increasing hashes; on ties keep the
    // rightmost, so a run of equal hashes yields few picks
    let mut deque = std::collections::VecDeque::with_capacity(w);
    for (i, &h) in hashes.iter().enumerate() {
        while let Some(&back) = deque.back() {
            if hashes[back as usize] >= h {
                deque.pop_back();
            } else {
                break;
            }
        }
        deque.push_back(i as u32);
        if i + 1 >= w {
            let window_start = (i + 1 - w) as u32;
            while deque.front().is_some_and(|&f| f < window_start) {
                deque.pop_front();
            }
            let pick = *deque.front().expect("deque holds the current index");
            if out.last() != Some(&pick) {
                out.push(pick);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winnow_picks_window_minimum() {
        let h = [5, 3, 8, 1, 9, 9, 2, 7];
        let mut out = Vec::new();
        winnow(&h, 3, &mut out);
        // windows: [5,3,8]->1 [3,8,1]->3 [8,1,9]->3 [1,9,9]->3 [9,9,2]->6 [9,2,7]->6
        assert_eq!(out, vec![1, 3, 6]);
    }

    #[test]
    fn winnow_every_window_has_a_pick() {
        let h: Vec<u64> = (0..200u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40).collect();
        for w in 1..12 {
            let mut out = Vec::new();
            winnow(&h, w, &mut out);
            for start in 0..=h.len() - w {
                assert!(out.iter().any(|&p| (p as usize) >= start && (p as usize) < start + w));
            }
        }
    }

    #[test]
    fn winnow_short_input_picks_minimum() {
        let mut out = Vec::new();
        winnow(&[4, 2, 6], 8, &mut out);
        assert_eq!(out, vec![1]);
    }
}
