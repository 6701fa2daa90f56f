//! `tolk batch`.

mod cli;
mod memory;
mod no_overwrite;
mod stream;
