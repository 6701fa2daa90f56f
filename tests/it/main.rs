//! The integration tests: one test binary, one module per command or topic
//! (each links the crate once, which keeps a cold `cargo test` short).
//! Shared helpers live in `util`; fixtures in `tests/fixtures/`, insta
//! snapshots in a `snapshots/` folder beside the module that asserts them.

mod util;

mod align;
mod bad_input;
mod batch;
mod check;
mod consistency;
mod convert;
mod corpora;
mod diff;
mod editor;
mod encode;
mod learn;
mod moves;
mod output;
mod read;
mod readme;
mod report;
mod segment;
mod semantic;
mod spreadsheet;
mod trust;
