//! `tolk batch`.

mod cli;
mod no_overwrite;
mod stream;
