//! The formula guard (OWASP "CSV injection"): a text cell that a
//! spreadsheet would run as a formula gets one apostrophe in front when
//! written for Excel (`tolk align --excel`), and loses exactly that one
//! when a reviewed CSV is read back, so the round trip gives the original
//! text.

/// True when a spreadsheet would read `text` as a formula (or when it
/// starts with apostrophes followed by such a character, so that removing one
/// apostrophe on reading back is unambiguous).
pub fn needs_guard(text: &str) -> bool {
    let rest = text.trim_start_matches('\'');
    matches!(
        rest.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// The formula guard: `'` + `text` when [`needs_guard`], else `text`.
pub fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Undo [`guard`]: remove one leading apostrophe when it is followed by
/// (apostrophes and then) a formula character.
pub fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_round_trips() {
        for t in [
            "=1+1", "+47", "-5", "@x", "\tx", "\rx", "'=1", "''+", "'a", "a", "", "'",
        ] {
            assert_eq!(unguard(&guard(t)), t, "{t:?}");
        }
        assert_eq!(guard("=1"), "'=1");
        assert_eq!(guard("'=1"), "''=1");
        assert_eq!(guard("'a"), "'a");
        assert_eq!(guard("a=1"), "a=1");
    }
}
