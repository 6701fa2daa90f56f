//! Bilingual word lists: a user dictionary (`--dict FILE`, TSV word pairs)
//! and lexicons learned from a document pair.
