//! The ground floor for words, below every stage that reads text: tokens
//! and folding, month names, number words, the shapes of list markers and
//! captions, the cognate stem and set overlap of lexical similarity, and
//! escaping for HTML. `read`, `segment`, `align`, `lexicon` and `report` all
//! import from here; nothing here imports from them.

pub mod common;
pub mod escape;
pub mod markers;
pub mod months;
pub mod numwords;
pub mod similarity;
pub mod token;

pub use token::{fold, tokenize, Token};
