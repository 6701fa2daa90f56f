//! `tolk batch`.

mod cli;
mod no_overwrite;
