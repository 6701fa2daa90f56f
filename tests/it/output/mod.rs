//! The output formats and how commands write them.

pub(crate) mod browser;
mod corpora;
mod devices;
mod formats;
mod no_overwrite;
mod pipes;
mod props;
mod tools;
