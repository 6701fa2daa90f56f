//! Locale-aware number extraction for `number_mismatch`.
//!
//! A number written with digits on one side must appear on the other side,
//! in any of its legitimate spellings: thousands separated by a space, a
//! no-break space, `.` or `,`; a decimal comma or point; a scale word
//! ("mill.", "million", "mrd.", "billion", "tusen"); an ordinal ("17." =
//! "17th"); a date with the month as a number or a name ("17.05.2024" =
//! "17 May 2024"); a time ("14.30" = "2:30 pm"); a range ("2022–24" =
//! "2022 to 2024"). Numbers written as words ("three", "tre") never raise a
//! finding themselves but do satisfy a digit number on the other side.
//!
//! Each digit number is a [`Mention`]: alternatives, each a conjunction of
//! value sets. A mention is matched when, for some alternative, every value
//! set shares a value with the other side's pool of values.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::text::months::month_value;
use crate::text::numwords::word_value;

/// A number as written, with the values it may stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte range of the number in the text it was extracted from.
    pub bytes: Range<usize>,
    /// The number as written.
    pub text: String,
    /// Readings: the mention is matched if all value sets of one reading
    /// meet the other side's pool.
    pub readings: Vec<Vec<Vec<f64>>>,
    /// Unit conversions of the value (km → miles …): also matched by a
    /// value within 10 % on the other side.
    pub approx: Vec<f64>,
    /// An imperial-unit number (often a conversion the other edition
    /// leaves out): never required.
    pub optional: bool,
    /// The unit the number measures in, when one follows it (directly or
    /// after the second number of a range: "3 til 10 cm").
    pub unit: Option<Unit>,
}

/// What a unit measures, and in which system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// Miles, feet, pounds, °F … rather than km, m, kg, °C.
    pub imperial: bool,
    /// Length, mass, temperature, volume, speed or area.
    pub dimension: Dimension,
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// km, m, cm, mm; miles, yards, feet, inches.
    Length,
    /// t, kg, g; pounds, ounces.
    Mass,
    /// °C; °F.
    Temperature,
    /// litres; gallons.
    Volume,
    /// km/h; mph.
    Speed,
    /// hectares, km²; acres.
    Area,
}

/// The unit named by the word right after a number.
fn unit_word(rest: &str) -> Option<Unit> {
    use Dimension::*;
    let r = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}', '-']);
    let word: String = r
        .chars()
        .take_while(|c| c.is_alphabetic() || matches!(c, '°' | '/' | '²'))
        .collect::<String>()
        .to_lowercase();
    let (imperial, dimension) = match word.as_str() {
        "miles" | "mile" | "mi" | "feet" | "foot" | "ft" | "inches" | "inch" | "in" | "yards"
        | "yard" | "yd" => (true, Length),
        "pounds" | "pound" | "lb" | "lbs" | "ounces" | "ounce" | "oz" => (true, Mass),
        "gallons" | "gallon" | "pints" | "pint" => (true, Volume),
        "mph" => (true, Speed),
        "acres" | "acre" => (true, Area),
        "°f" | "fahrenheit" => (true, Temperature),
        "km" | "kilometer" | "kilometre" | "kilometers" | "kilometres" | "m" | "meter"
        | "metre" | "meters" | "metres" | "moh" | "cm" | "centimeter" | "centimetre"
        | "centimeters" | "centimetres" | "mm" | "millimeter" | "millimetre" | "millimeters"
        | "millimetres" | "mil" => (false, Length),
        "kg" | "kilo" | "kilogram" | "kilograms" | "g" | "gram" | "grams" | "tonn" | "tonnes"
        | "tons" => (false, Mass),
        "liter" | "litre" | "liters" | "litres" | "l" | "dl" | "ml" => (false, Volume),
        "km/t" | "km/h" => (false, Speed),
        "hektar" | "hectares" | "hectare" | "km²" | "m²" | "dekar" | "mål" => (false, Area),
        "°c" | "celsius" | "grader" | "degrees" => (false, Temperature),
        _ => return None,
    };
    Some(Unit {
        imperial,
        dimension,
    })
}

/// The unit of the range a number opens, as in "3 til 10 cm", "1 to 4
/// inches", "3–10 cm": the unit after the range's second number.
fn range_unit(rest: &str) -> Option<Unit> {
    let r = rest.trim_start_matches([' ', '\u{a0}']);
    let r = ["til ", "to ", "and ", "og ", "–", "-", "—", "à "]
        .iter()
        .find_map(|j| r.strip_prefix(j))?;
    let r = r.trim_start_matches([' ', '\u{a0}']);
    let digits = r
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.')))
        .unwrap_or(r.len());
    if digits == 0 {
        return None;
    }
    unit_word(&r[digits..])
}

/// The numbers of one text: digit mentions (which must be matched) and the
/// pool of every value the text can stand for (digits and words).
#[derive(Debug, Clone, Default)]
pub struct Numbers {
    /// Digit mentions in text order.
    pub mentions: Vec<Mention>,
    /// Every value mentioned in any form, as keys (see [`key`]).
    pub pool: BTreeSet<i128>,
}

/// Relative tolerance for a unit conversion (km ≈ miles): conversions are
/// usually rounded to two or three significant digits.
const APPROX: f64 = 0.03;

/// The comparison key of a value: rounded to 1/10,000.
pub fn key(v: f64) -> i128 {
    (v * 10_000.0).round() as i128
}

fn is_space_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn is_sep(c: char) -> bool {
    is_space_sep(c) || matches!(c, '.' | ',' | '\'')
}

/// A raw digit token: groups and the separators between them.
struct Token {
    start: usize,
    end: usize,
    groups: Vec<String>,
    seps: Vec<char>,
    /// Part of an identifier: feeds the pool, never required.
    ident: bool,
}

fn scan_tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        // Digits glued to a preceding letter are part of an identifier (G20,
        // A4, p109), as are digits after a letter and a hyphen (Formel-1,
        // F-35, Covid-19): they satisfy a number on the other side but are
        // never required.
        // "+47 22 00 00 00": a country calling code before a phone number.
        let calling_code = i > 0 && chars[i - 1].1 == '+' && {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                j += 1;
            }
            j - i <= 3
                && chars.get(j).is_some_and(|c| c.1 == ' ')
                && chars.get(j + 1).is_some_and(|c| c.1.is_ascii_digit())
        };
        let glued = i > 0 && chars[i - 1].1.is_alphabetic() || calling_code;
        let hyphened = i > 1 && chars[i - 1].1 == '-' && chars[i - 2].1.is_alphabetic();
        if glued || hyphened {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                j += 1;
            }
            out.push(Token {
                start: pos,
                end: if j < chars.len() {
                    chars[j].0
                } else {
                    text.len()
                },
                groups: vec![chars[i..j].iter().map(|c| c.1).collect()],
                seps: Vec::new(),
                ident: true,
            });
            while j < chars.len() && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            i = j;
            continue;
        }
        let mut groups = vec![String::new()];
        let mut seps = Vec::new();
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                groups.last_mut().expect("one group").push(chars[j].1);
                j += 1;
            }
            // A separator followed by a digit continues the number.
            if j + 1 < chars.len() && is_sep(chars[j].1) && chars[j + 1].1.is_ascii_digit() {
                let sep = chars[j].1;
                let mut k = j + 1;
                while k < chars.len() && chars[k].1.is_ascii_digit() {
                    k += 1;
                }
                let next_len = k - (j + 1);
                if is_space_sep(sep) {
                    // A space only groups thousands: 1–3 digits, then exactly 3.
                    let cur = groups.last().map(|g| g.len()).unwrap_or(0);
                    let ok_prev = if groups.len() == 1 {
                        (1..=3).contains(&cur)
                    } else {
                        cur == 3
                    };
                    if !(ok_prev && next_len == 3) {
                        break;
                    }
                }
                seps.push(sep);
                groups.push(String::new());
                j += 1;
                continue;
            }
            break;
        }
        let end = if j < chars.len() {
            chars[j].0
        } else {
            text.len()
        };
        out.push(Token {
            start: pos,
            end,
            groups,
            seps,
            ident: false,
        });
        i = j;
    }
    out
}

fn parse_int(s: &str) -> f64 {
    s.parse::<f64>().unwrap_or(0.0)
}

/// Readings of a token as a plain number (thousands and decimals).
fn plain_readings(t: &Token) -> Vec<f64> {
    let mut vals = Vec::new();
    if t.seps.is_empty() {
        vals.push(parse_int(&t.groups[0]));
        return vals;
    }
    let g = &t.groups;
    // All separators are thousands separators (of one kind).
    let same = t.seps.iter().all(|&s| s == t.seps[0]);
    let first_ok = (1..=3).contains(&g[0].len());
    if same && first_ok && g[1..].iter().all(|x| x.len() == 3) {
        vals.push(parse_int(&g.concat()));
    }
    // The last separator is a decimal mark; the others group thousands.
    let last = *t.seps.last().expect("non-empty");
    if matches!(last, '.' | ',') {
        let head = &g[..g.len() - 1];
        let head_seps = &t.seps[..t.seps.len() - 1];
        let head_ok = head_seps.iter().all(|&s| s != last)
            && head_seps
                .iter()
                .all(|&s| s == head_seps.first().copied().unwrap_or(s))
            && (head.len() == 1
                || ((1..=3).contains(&head[0].len()) && head[1..].iter().all(|x| x.len() == 3)));
        if head_ok {
            let int = head.concat();
            let frac = g.last().expect("non-empty");
            if let Ok(v) = format!("{int}.{frac}").parse::<f64>() {
                vals.push(v);
            }
        }
    }
    vals
}

/// A scale word right after a number: its factor.
fn scale_after(rest: &str) -> Option<f64> {
    let rest = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect::<String>()
        .to_lowercase();
    let word = word.trim_end_matches('.');
    Some(match word {
        "tusen" | "thousand" | "k" => 1e3,
        "mill" | "million" | "millioner" | "millionar" | "millions" | "mln" | "m" => 1e6,
        "mrd" | "milliard" | "milliarder" | "milliardar" | "billion" | "billions" | "bn" => 1e9,
        "billioner" | "billionar" | "trillion" | "trillions" => 1e12,
        _ => return None,
    })
}

/// The unit word right after a number: (is imperial, conversion factors to
/// the other system).
fn unit_after(rest: &str) -> Option<(bool, Vec<f64>)> {
    let r = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}', '-']);
    let word: String = r
        .chars()
        .take_while(|c| c.is_alphabetic() || matches!(c, '°' | '/' | '²'))
        .collect::<String>()
        .to_lowercase();
    let w = word.as_str();
    Some(match w {
        "miles" | "mile" | "mi" | "feet" | "foot" | "ft" | "pounds" | "pound" | "lb" | "lbs"
        | "inches" | "inch" | "yards" | "yard" | "gallons" | "gallon" | "ounces" | "ounce"
        | "oz" | "mph" | "acres" | "acre" | "°f" | "fahrenheit" => (true, Vec::new()),
        "km" | "kilometer" | "kilometre" | "kilometers" | "kilometres" | "km/t" | "km/h" => {
            (false, vec![0.621371])
        }
        "m" | "meter" | "metre" | "meters" | "metres" | "moh" => (false, vec![3.28084, 1.09361]),
        "kg" | "kilo" | "kilogram" | "kilograms" => (false, vec![2.20462]),
        "cm" | "centimeter" | "centimetre" | "centimeters" => (false, vec![0.393701]),
        "liter" | "litre" | "liters" | "litres" => (false, vec![0.264172]),
        "tonn" | "tonnes" | "tons" => (false, vec![1.10231, 2204.62]),
        "°c" | "celsius" => (false, vec![-1.0]),
        _ => return None,
    })
}

/// True when a four-digit number between `before` and `rest` is marked as a
/// clock time: "kl. 1430", "klokken 0600", "1200 GMT", "0545 norsk tid",
/// "1800 hours".
fn time_marked(before: &str, rest: &str) -> bool {
    let prev = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    if matches!(prev.as_str(), "kl." | "kl" | "klokken" | "klokka") {
        return true;
    }
    let next: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    matches!(
        next.as_str(),
        "gmt" | "utc" | "z" | "cet" | "cest" | "hours" | "hrs" | "h" | "zulu" | "norsk" | "lokal"
    )
}

fn after_is_pm(rest: &str) -> Option<bool> {
    let r: String = rest
        .trim_start()
        .chars()
        .take(4)
        .collect::<String>()
        .to_lowercase();
    if r.starts_with("pm") || r.starts_with("p.m") {
        Some(true)
    } else if r.starts_with("am") || r.starts_with("a.m") {
        Some(false)
    } else {
        None
    }
}

/// Norwegian compound numerals: "tjuefire", "tjuefjerde", "fireogtjue".
fn compound_value(w: &str) -> Option<f64> {
    let lw = w.to_lowercase();
    const TENS: &[(&str, f64)] = &[
        ("tjue", 20.0),
        ("tyve", 20.0),
        ("tretti", 30.0),
        ("tredve", 30.0),
        ("førti", 40.0),
        ("femti", 50.0),
        ("seksti", 60.0),
        ("sytti", 70.0),
        ("åtti", 80.0),
        ("nitti", 90.0),
    ];
    if lw.len() < 5 {
        return None;
    }
    for (tens, tv) in TENS {
        if let Some(unit) = lw.strip_prefix(tens) {
            if let Some(u) = word_value(unit).filter(|u| (1.0..=9.0).contains(u)) {
                return Some(tv + u);
            }
        }
        if let Some(head) = lw.strip_suffix(tens).and_then(|h| h.strip_suffix("og")) {
            if let Some(u) = word_value(head).filter(|u| (1.0..=9.0).contains(u)) {
                return Some(tv + u);
            }
        }
    }
    None
}

/// A Norwegian compound that starts with a numeral: "sjumannsrugby",
/// "femårsplan", "tolvtimersvakt".
fn numeral_prefix(w: &str) -> Option<f64> {
    let lw = w.to_lowercase();
    // longest first, so that "tretten" is not read as "tre"
    const HEADS: &[(&str, f64)] = &[
        ("fjorten", 14.0),
        ("tretten", 13.0),
        ("seksten", 16.0),
        ("sekstan", 16.0),
        ("femten", 15.0),
        ("femtan", 15.0),
        ("fjortan", 14.0),
        ("trettan", 13.0),
        ("sytten", 17.0),
        ("syttan", 17.0),
        ("nitten", 19.0),
        ("nittan", 19.0),
        ("hundre", 100.0),
        ("elleve", 11.0),
        ("tretti", 30.0),
        ("seksti", 60.0),
        ("atten", 18.0),
        ("attan", 18.0),
        ("femti", 50.0),
        ("førti", 40.0),
        ("sytti", 70.0),
        ("nitti", 90.0),
        ("tusen", 1000.0),
        ("fire", 4.0),
        ("seks", 6.0),
        ("åtte", 8.0),
        ("tolv", 12.0),
        ("tjue", 20.0),
        ("åtti", 80.0),
        ("fem", 5.0),
        ("sju", 7.0),
        ("syv", 7.0),
        ("tre", 3.0),
        ("to", 2.0),
        ("ti", 10.0),
        ("ni", 9.0),
    ];
    HEADS.iter().find_map(|&(h, v)| {
        let rest = lw.strip_prefix(h)?;
        // "trettenåring" (13-year-old), "femåringen", "tiårig", "toukers"
        let compound_joint = [
            "manns",
            "års",
            "åring",
            "årig",
            "dags",
            "dagars",
            "timers",
            "timars",
            "ukers",
            "vekers",
            "måneders",
            "dobbel",
            "delt",
            "sifret",
            "sifra",
            "roms",
        ];
        compound_joint
            .iter()
            .any(|j| rest.starts_with(j))
            .then_some(v)
    })
}

/// Extract the numbers of `text`.
pub fn extract(text: &str) -> Numbers {
    let mut out = Numbers::default();
    let tokens = scan_tokens(text);
    for (ti, t) in tokens.iter().enumerate() {
        let rest = &text[t.end..];
        if t.ident {
            out.pool.insert(key(parse_int(&t.groups[0])));
            continue;
        }
        let mut readings: Vec<Vec<Vec<f64>>> = Vec::new();
        // Dates: d.m.yyyy, d/m/yyyy, yyyy-mm-dd handled as separate parts.
        let date = date_parts(t, text);
        if let Some((d, m, y)) = date {
            readings.push(vec![vec![d], vec![m], vec![y]]);
        }
        let plain = plain_readings(t);
        let scale = scale_after(rest);
        for v in &plain {
            let mut set = vec![*v];
            if let Some(f) = scale {
                set.push(v * f);
            }
            readings.push(vec![set]);
        }
        // Times: H.MM / H:MM (the colon splits tokens, see below).
        if t.seps.len() == 1
            && matches!(t.seps[0], '.' | ':')
            && t.groups[1].len() == 2
            && t.groups[0].len() <= 2
        {
            let h = parse_int(&t.groups[0]);
            let mm = parse_int(&t.groups[1]);
            if h <= 24.0 && mm < 60.0 {
                readings.push(vec![hour_set(h, after_is_pm(rest)), vec![mm]]);
            }
        }
        // Military time "1200 GMT" = "12:00", only when marked as a time:
        // otherwise every year ("2024" = 20:24) would put 20, 8 and 24 in
        // the pool and hide a wrong number next to it.
        if t.seps.is_empty() && t.groups[0].len() == 4 && time_marked(&text[..t.start], rest) {
            let v = parse_int(&t.groups[0]);
            let (h, mm) = ((v / 100.0).floor(), v % 100.0);
            if h <= 24.0 && mm < 60.0 {
                readings.push(vec![hour_set(h, None), vec![mm]]);
            }
        }
        // "1400-tallet" = "the 15th century".
        if t.seps.is_empty() {
            let v = parse_int(&t.groups[0]);
            let r: String = rest.chars().take(8).collect::<String>().to_lowercase();
            if v >= 100.0
                && v % 100.0 == 0.0
                && (r.starts_with("-tallet") || r.starts_with("-talet"))
            {
                readings.push(vec![vec![v, v / 100.0 + 1.0]]);
            }
        }
        // A plain integer right after "H:" is a minute; an hour before a
        // colon may be 12-hour.
        if t.seps.is_empty() && text[t.end..].starts_with(':') {
            if let Some(next) = tokens.get(ti + 1) {
                if next.start == t.end + 1 {
                    let h = parse_int(&t.groups[0]);
                    let after = &text[next.end..];
                    if h <= 24.0 {
                        readings.push(vec![hour_set(h, after_is_pm(after))]);
                    }
                }
            }
        }
        if t.seps.is_empty() {
            if let Some(pm) = after_is_pm(rest) {
                let h = parse_int(&t.groups[0]);
                if h <= 12.0 {
                    readings.push(vec![hour_set(h, Some(pm))]);
                }
            }
        }
        // Range completion: "2022–24" also reads 2024.
        if ti > 0 && t.seps.is_empty() {
            let prev = &tokens[ti - 1];
            let between = &text[prev.end..t.start];
            if matches!(between, "-" | "–" | "—" | "/") && prev.seps.is_empty() {
                let a = &prev.groups[0];
                let b = &t.groups[0];
                if b.len() < a.len() {
                    let completed = format!("{}{}", &a[..a.len() - b.len()], b);
                    readings.push(vec![vec![parse_int(&completed)]]);
                }
            }
        }
        if readings.is_empty() {
            readings.push(vec![vec![parse_int(&t.groups.concat())]]);
        }
        for r in &readings {
            for set in r {
                for v in set {
                    out.pool.insert(key(*v));
                }
            }
        }
        let mut approx = Vec::new();
        let mut optional = false;
        if let Some((imperial, factors)) = unit_after(rest) {
            optional = imperial;
            for v in plain_readings(t) {
                for f in &factors {
                    // -1 marks Celsius → Fahrenheit.
                    approx.push(if *f < 0.0 {
                        v * 9.0 / 5.0 + 32.0
                    } else {
                        v * f
                    });
                }
            }
        }
        // The minutes of a full hour ("kl. 7:00") may be left out on the
        // other side ("7 a.m."); the hour itself is still required.
        if t.seps.is_empty() && t.groups[0] == "00" && ti > 0 {
            let prev = &tokens[ti - 1];
            if prev.seps.is_empty() && prev.end + 1 == t.start && text[..t.start].ends_with(':') {
                optional = true;
            }
        }
        let unit = unit_word(rest).or_else(|| range_unit(rest));
        out.mentions.push(Mention {
            bytes: t.start..t.end,
            text: text[t.start..t.end].to_string(),
            readings,
            approx,
            optional,
            unit,
        });
    }
    // Words: number words and month names feed the pool only.
    let ws = text.split_word_bound_indices_compat();
    for (k, &(pos, w)) in ws.iter().enumerate() {
        if let Some(v) = word_value(w) {
            out.pool.insert(key(v));
            // "twenty-four", "twenty fourth": tens then a unit.
            if let Some(&(npos, nw)) = ws.get(k + 1) {
                let between = &text[pos + w.len()..npos];
                if (20.0..=90.0).contains(&v) && v % 10.0 == 0.0 && matches!(between, "-" | " ") {
                    if let Some(u) = word_value(nw).filter(|u| (1.0..=9.0).contains(u)) {
                        out.pool.insert(key(v + u));
                    }
                }
            }
        } else if let Some(v) = compound_value(w) {
            out.pool.insert(key(v));
        } else if let Some(v) = numeral_prefix(w) {
            out.pool.insert(key(v));
        }
        if let Some(m) = month_value(w) {
            out.pool.insert(key(m as f64));
        }
    }
    out
}

fn hour_set(h: f64, pm: Option<bool>) -> Vec<f64> {
    let mut s = vec![h];
    match pm {
        Some(true) if h < 12.0 => s.push(h + 12.0),
        Some(false) if h == 12.0 => s.push(0.0),
        None if h > 12.0 => s.push(h - 12.0),
        None if h < 12.0 => s.push(h + 12.0),
        _ => {}
    }
    if h == 24.0 {
        s.push(0.0);
    }
    s
}

fn date_parts(t: &Token, text: &str) -> Option<(f64, f64, f64)> {
    let _ = text;
    if t.groups.len() == 3 && t.seps.iter().all(|&s| s == '.') {
        let (d, m, y) = (&t.groups[0], &t.groups[1], &t.groups[2]);
        if d.len() <= 2 && m.len() <= 2 && (y.len() == 4 || y.len() == 2) {
            let (d, m) = (parse_int(d), parse_int(m));
            if (1.0..=31.0).contains(&d) && (1.0..=12.0).contains(&m) {
                return Some((d, m, parse_int(y)));
            }
        }
    }
    None
}

/// Word iteration without pulling in a second tokenizer: splits on
/// non-alphabetic characters (apostrophes kept inside words).
trait WordsCompat {
    fn split_word_bound_indices_compat(&self) -> Vec<(usize, &str)>;
}

impl WordsCompat for str {
    fn split_word_bound_indices_compat(&self) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in self.char_indices() {
            let inside = c.is_alphabetic() || (c == '\'' && start.is_some());
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, &self[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, &self[s..]));
        }
        out
    }
}

/// True when `m` has a reading whose every value set meets `pool`.
pub fn matched(m: &Mention, pool: &BTreeSet<i128>) -> bool {
    m.optional
        || m.readings.iter().any(|r| {
            r.iter()
                .all(|set| set.iter().any(|v| pool.contains(&key(*v))))
        })
        || m.approx.iter().any(|a| {
            pool.iter().any(|&k| {
                let v = k as f64 / 10_000.0;
                *a != 0.0 && ((v - a) / a).abs() <= APPROX
            })
        })
}

/// Digit numbers of `src` missing from `tgt`, and of `tgt` missing from
/// `src`, as written.
pub fn mismatches(src: &str, tgt: &str) -> (Vec<Mention>, Vec<Mention>) {
    let a = extract(src);
    let b = extract(tgt);
    let missing = |x: &Numbers, y: &Numbers| -> Vec<Mention> {
        let y_has_imperial = y.mentions.iter().any(|m| m.optional);
        let y_approx: Vec<f64> = y.mentions.iter().flat_map(|m| m.approx.clone()).collect();
        x.mentions
            .iter()
            .filter(|m| {
                if !m.optional {
                    return !matched(m, &y.pool);
                }
                // An imperial number is required only when the other side
                // gives imperial numbers too and none converts to it.
                let v = m
                    .readings
                    .iter()
                    .flatten()
                    .flatten()
                    .copied()
                    .collect::<Vec<_>>();
                let exact = v.iter().any(|v| y.pool.contains(&key(*v)));
                let converted = v.iter().any(|v| {
                    y_approx
                        .iter()
                        .any(|a| *a != 0.0 && ((v - a) / a).abs() <= APPROX)
                });
                y_has_imperial && !exact && !converted
            })
            .cloned()
            .collect()
    };
    (missing(&a, &b), missing(&b, &a))
}

/// Split missing numbers (as from [`mismatches`]) into those explained by a
/// unit conversion and the rest: a missing number is explained when it
/// measures in a unit and the other text gives a measure of the same kind
/// in the other unit system (metric ↔ imperial). Returns (explained on
/// the source side, explained on the target side); the explained mentions
/// are removed from `src_missing` and `tgt_missing`.
pub fn take_conversions(
    src: &str,
    tgt: &str,
    src_missing: &mut Vec<Mention>,
    tgt_missing: &mut Vec<Mention>,
) -> (Vec<Mention>, Vec<Mention>) {
    let units =
        |t: &str| -> Vec<Unit> { extract(t).mentions.iter().filter_map(|m| m.unit).collect() };
    let (su, tu) = (units(src), units(tgt));
    // converted: the other side measures the same thing in the other
    // system only (with the same system there too, the number should
    // have been there as written)
    let converted = |m: &Mention, other: &[Unit]| {
        m.unit.is_some_and(|u| {
            let same_dim = || other.iter().filter(|o| o.dimension == u.dimension);
            same_dim().any(|o| o.imperial != u.imperial)
                && !same_dim().any(|o| o.imperial == u.imperial)
        })
    };
    let (a, rest): (Vec<_>, Vec<_>) = src_missing.drain(..).partition(|m| converted(m, &tu));
    *src_missing = rest;
    let (b, rest): (Vec<_>, Vec<_>) = tgt_missing.drain(..).partition(|m| converted(m, &su));
    *tgt_missing = rest;
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str, tgt: &str) -> bool {
        let (a, b) = mismatches(src, tgt);
        a.is_empty() && b.is_empty()
    }

    #[test]
    fn thousands_and_decimals_in_either_locale() {
        assert!(ok(
            "Budsjettet er 1 097,3 millioner kroner.",
            "The budget is NOK 1,097.3 million."
        ));
        assert!(ok(
            "Det gjelder 15\u{a0}000 personer.",
            "It concerns 15,000 people."
        ));
        assert!(ok(
            "Det gjelder 15.000 personer.",
            "It concerns 15,000 people."
        ));
        assert!(ok("Veksten var 2,5 prosent.", "Growth was 2.5 per cent."));
        assert!(ok("Veksten var 2,5 %.", "Growth was 2.5%."));
        assert!(!ok("Veksten var 2,5 prosent.", "Growth was 2.6 per cent."));
        assert!(!ok(
            "Det gjelder 15 000 personer.",
            "It concerns 16,000 people."
        ));
    }

    #[test]
    fn scales_dates_ordinals_ranges() {
        assert!(ok("3,5 mill. kroner", "NOK 3.5 million"));
        assert!(ok("3,5 mrd. kroner", "NOK 3.5 billion"));
        assert!(ok("3,5 mrd. kroner", "NOK 3,500 million"));
        assert!(ok("Den 17. mai 2024 kom de.", "They came on 17 May 2024."));
        assert!(ok("Den 17. mai kom de.", "They came on May 17."));
        assert!(ok("Den 17.05.2024 kom de.", "They came on May 17th, 2024."));
        assert!(ok("i perioden 2022–2024", "in the period 2022-2024"));
        assert!(ok("i perioden 2022–24", "from 2022 to 2024"));
        assert!(ok("på 1990-tallet", "in the 1990s"));
        assert!(ok("kl. 14.30", "at 2:30 pm"));
        assert!(ok("tre av fire", "3 of 4"));
        assert!(!ok("Den 17. mai kom de.", "They came on May 18."));
    }

    #[test]
    fn identifiers_are_not_numbers() {
        assert!(ok("G20-landene", "the G20 countries"));
        assert!(ok("G20-landene", "the countries of the group"));
        assert!(ok("Formel-1 er populært", "F1 is popular"));
        assert!(ok("på telefon 22 00 00 00", "on +47 22 00 00 00"));
        assert!(!ok("over +30°C", "above +33°C"));
        assert!(ok("klokken 12:00 GMT", "at 1200 GMT"));
        assert!(ok("kl. 1430", "at 2:30 pm"));
        // a year is no clock time: 2024 is not 20:24
        assert!(!ok("24 prosent i 2024", "20 percent in 2024"));
        assert!(ok("på 1400-tallet", "in the 15th century"));
        assert!(ok("kom på 24. plass", "finished twenty-fourth"));
        assert!(ok(
            "en by 50 kilometer unna",
            "a city 50 kilometers (31 miles) away"
        ));
        assert!(ok("enkelte steder 9,5 km bred", "at times six miles wide"));
        assert!(!ok("enkelte steder 30 km bred", "at times six miles wide"));
        assert!(!ok(
            "ca. 65 km (40 miles) sør for Butte",
            "about 65 km (53 miles) south of Butte"
        ));
        assert!(ok(
            "ca. 65 km (40 miles) sør for Butte",
            "about 65 km (40 miles) south of Butte"
        ));
        assert!(ok("kom på 24. plass", "kom på tjuefjerde plass"));
        assert!(ok(
            "en perfekt dag for sjumannsrugby",
            "a perfect day for 7's rugby"
        ));
        assert!(ok("10 millionvis av dollar", "tens of millions of dollars"));
    }
}
