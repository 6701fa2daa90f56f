//! Month names and their numbers, in two lists for two readers. The
//! aligner's [`month`] reads full names in every supported language, given
//! folded, so "mars", "March" and "März" give one feature. `check`'s
//! [`month_value`] reads English, Bokmål and Nynorsk names and their
//! abbreviations ("okt", "des"), lower-cased, to satisfy a date written
//! with the month as a number on the other side.

/// The month number of a month name in the supported languages, given
/// folded (see [`super::fold`]: "février" as "fevrier", "März" as "marz").
pub fn month(word: &str) -> Option<u8> {
    let m = match word {
        "januar" | "january" | "janvier" | "januari" => 1,
        "februar" | "february" | "fevrier" | "februari" => 2,
        "mars" | "march" | "marz" => 3,
        "april" | "avril" => 4,
        "mai" | "may" | "maj" => 5,
        "juni" | "june" | "juin" => 6,
        "juli" | "july" | "juillet" => 7,
        "august" | "aout" | "agust" | "augusti" => 8,
        "september" | "septembre" => 9,
        "oktober" | "october" | "octobre" => 10,
        "november" | "novembre" => 11,
        "desember" | "december" | "dezember" | "decembre" | "desembre" => 12,
        _ => return None,
    };
    Some(m)
}

/// Month names (English, Bokmål, Nynorsk) with their numbers.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("januar", 1),
    ("jan", 1),
    ("february", 2),
    ("februar", 2),
    ("feb", 2),
    ("march", 3),
    ("mars", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("juni", 6),
    ("jun", 6),
    ("july", 7),
    ("juli", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oktober", 10),
    ("oct", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("desember", 12),
    ("dec", 12),
    ("des", 12),
];

/// The month number of a name or abbreviation in [`MONTHS`] (lower-cased).
pub fn month_value(w: &str) -> Option<u32> {
    let lw = w.to_lowercase();
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, u32>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| MONTHS.iter().copied().collect())
        .get(lw.as_str())
        .copied()
}
