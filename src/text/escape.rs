//! Escaping text for HTML (one rule for every page tolk writes: the review
//! page, the check report, the diff, the consistency report) and for XML
//! (TMX, XLIFF).

/// True for a character XML 1.0 can hold (tab, LF, CR, and everything from
/// U+0020 except surrogates, U+FFFE and U+FFFF). HTML takes the same set:
/// the other control characters are parse errors there.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Append `text` escaped for HTML element content or a quoted attribute
/// value: `&`, `<`, `>`, `"` and `'` become references, and characters
/// HTML cannot hold ([`is_xml_char`]) become U+FFFD, counted in
/// `replaced`.
pub fn html_into(text: &str, replaced: &mut usize, out: &mut String) {
    escape(text, replaced, out, |c| (c == '\'').then_some("&#39;"));
}

/// Append `text` escaped for XML character data or a double-quoted
/// attribute: `&`, `<`, `>`, `"` become entities, CR becomes `&#13;` (a
/// parser would otherwise turn it into LF), and characters XML 1.0 cannot
/// hold become U+FFFD, counted in `replaced`.
pub fn xml_into(text: &str, replaced: &mut usize, out: &mut String) {
    escape(text, replaced, out, |c| (c == '\r').then_some("&#13;"));
}

/// The rule both share: markup characters as references, `more` for the
/// characters one of them writes as a reference too, characters neither
/// can hold as U+FFFD.
fn escape(
    text: &str,
    replaced: &mut usize,
    out: &mut String,
    more: impl Fn(char) -> Option<&'static str>,
) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => match more(c) {
                Some(r) => out.push_str(r),
                None if !is_xml_char(c) => {
                    *replaced += 1;
                    out.push('\u{FFFD}');
                }
                None => out.push(c),
            },
        }
    }
}

/// `text` escaped as [`html_into`] does, as a new string (the replaced
/// characters are not counted).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_into(text, &mut 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_references_and_control_characters_u_fffd() {
        let mut n = 0;
        let mut s = String::new();
        html_into("a&b<c>\"d'e\r\n\t\u{1b}[31m\u{0}\u{FFFF}æ", &mut n, &mut s);
        assert_eq!(
            s,
            "a&amp;b&lt;c&gt;&quot;d&#39;e\r\n\t\u{FFFD}[31m\u{FFFD}\u{FFFD}æ"
        );
        assert_eq!(n, 3);
        assert_eq!(html("<\u{7}>"), "&lt;\u{FFFD}&gt;");
    }
}
