//! The words two sequences keep in common: a longest common subsequence,
//! shared by `check`'s near-identical renderings and consistency's
//! comparison of two translations of one sentence.

/// The positions `(i, j)` with `a[i] == b[j]` of one longest common
/// subsequence of `a` and `b`, in order. Where several exist, the walk
/// from the front matches equal items at once and otherwise steps past
/// `a[i]` whenever that loses nothing, so the earliest words of `b` stay
/// free for later matches.
pub fn common<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // len[i * w + j]: the longest common subsequence of a[i..] and b[j..].
    let w = m + 1;
    let mut len = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i * w + j] = if a[i] == b[j] {
                len[(i + 1) * w + j + 1] + 1
            } else {
                len[(i + 1) * w + j].max(len[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(len[0] as usize);
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if len[(i + 1) * w + j] >= len[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_longest_common_run_in_order() {
        let a = ["the", "report", "comes", "later", "this", "year"];
        let b = [
            "moreover", "the", "report", "comes", "after", "this", "year",
        ];
        assert_eq!(common(&a, &b), vec![(0, 1), (1, 2), (2, 3), (4, 5), (5, 6)]);
        assert!(common::<u32>(&[], &[1, 2]).is_empty());
        assert_eq!(common(&[1, 2, 3], &[3, 2, 1]).len(), 1);
    }
}
