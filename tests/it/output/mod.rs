//! The output formats and how commands write them.

pub(crate) mod browser;
mod corpora;
mod devices;
mod extension;
mod formats;
mod markers;
mod no_overwrite;
mod pipes;
mod props;
mod tools;
