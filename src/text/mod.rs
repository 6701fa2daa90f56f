//! The ground floor for words, below every stage that reads text: tokens
//! and folding, month names, number words, and the shapes of list markers
//! and captions. `read`, `segment`, `align`, `lexicon` and `report` all
//! import from here; nothing here imports from them.

pub mod markers;
pub mod months;
pub mod numwords;
pub mod token;

pub use token::{fold, tokenize, Token};
