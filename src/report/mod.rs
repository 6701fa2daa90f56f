//! Reports over aligned editions: `check` (where the two editions disagree)
//! and `diff` (what changed between two versions of one edition).
