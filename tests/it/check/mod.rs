//! `tolk check`.

mod cli;
mod sentences;
