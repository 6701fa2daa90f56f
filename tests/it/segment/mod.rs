//! `tolk segment`, the segmenter and language identification.

mod cli;
mod langid;
mod props;
mod reports;
mod snapshots;
