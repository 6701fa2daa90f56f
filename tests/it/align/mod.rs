//! `tolk align` and the aligner.

mod cli;
mod gold;
mod options;
mod perturb;
mod props;
mod synthetic;
