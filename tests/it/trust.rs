//! Findings a translator can trust: clean Bokmål–English pairs that once
//! raised false findings (each probe failed before the fix it is named
//! for), next to true errors that must still be found. The sentences are
//! ours.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{jsonl, tolk, write};

/// Findings of `check --pairs` over `pairs` (source, target), as JSON.
fn check(pairs: &[(&str, &str)], extra: &[&str]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("pair,src_ids,tgt_ids,src_text,tgt_text\n");
    for (i, (s, t)) in pairs.iter().enumerate() {
        let q = |x: &str| format!("\"{}\"", x.replace('"', "\"\""));
        csv += &format!("{i},{i},{i},{},{}\n", q(s), q(t));
    }
    let p = write(dir.path(), "pairs.csv", csv);
    let out = tolk()
        .args(["check", "--pairs"])
        .arg(&p)
        .args(["--src-lang", "nb", "--tgt-lang", "en", "--format", "jsonl"])
        .args(extra)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    jsonl(&out.stdout)
}

/// (kind, severity) of every finding above info.
fn serious(fs: &[Value]) -> Vec<(String, String)> {
    fs.iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_clean(src: &str, tgt: &str) {
    let fs = check(&[(src, tgt)], &[]);
    assert!(serious(&fs).is_empty(), "{src:?} | {tgt:?}: {fs:#?}");
}

// untranslated: English names, titles and quotations in a Norwegian
// sentence are not evidence that the sentence is English.

#[test]
fn english_name_in_norwegian_sentence_is_not_untranslated() {
    assert_clean(
        "Theresa May beskylder motstanderne for «taktisk spill» om Brexit",
        "Theresa May accuses her opponents of tactical games over Brexit",
    );
}

#[test]
fn quotation_after_a_name_is_not_evidence() {
    assert_clean(
        "May sa: «I fjor lovte jeg at jeg skulle gå av»",
        "May said: \"Last year I promised that I would step down\"",
    );
}

#[test]
fn english_title_in_norwegian_sentence_is_not_untranslated() {
    assert_clean(
        "Game of Thrones-skuespiller Kit Harington refser giftig maskulinitet",
        "Game of Thrones actor Kit Harington criticises toxic masculinity",
    );
    assert_clean(
        "The Hollywood Reporter skrev at serien kommer i mai.",
        "The Hollywood Reporter wrote that the series arrives in May.",
    );
}

#[test]
fn identical_names_and_quotation_only_is_info() {
    let fs = check(
        &[(
            "Kit Harington: «Winter is here»",
            "Kit Harington: \"Winter is here\"",
        )],
        &[],
    );
    assert!(serious(&fs).is_empty(), "{fs:#?}");
    assert!(fs.iter().any(|f| f["kind"] == "untranslated"), "{fs:#?}");
}

#[test]
fn untranslated_english_target_is_still_found() {
    let fs = check(
        &[(
            "Regjeringen la fram budsjettet for neste år i dag.",
            "Regjeringen la fram budsjettet for neste år i dag, sa ministeren.",
        )],
        &[],
    );
    assert!(
        serious(&fs).contains(&("untranslated".into(), "error".into())),
        "{fs:#?}"
    );
}

#[test]
fn english_pronoun_before_a_quotation_is_not_norwegian() {
    // "I" is also a Norwegian sentence's first word: no evidence alone
    assert_clean(
        "Jeg sa: «Vi drar i morgen.»",
        "I said, \u{201c}We leave tomorrow.\u{201d}",
    );
}

#[test]
fn norwegian_number_words_are_norwegian() {
    assert_clean(
        "Lias barn, tusen to hundre og to og tyve;",
        "The children of Lia, one thousand two hundred twenty-two.",
    );
}

#[test]
fn a_script_is_in_no_language() {
    assert_clean(
        "#!/bin/sh for f in $(ls /srv); do echo \"kopierer $f\"; done",
        "#!/bin/sh for f in $(ls /srv); do echo \"copying $f\"; done",
    );
}

#[test]
fn identical_product_name_with_a_model_code_is_info() {
    assert_clean("Roland Edirol um-1", "Roland edirol um-1");
}

// number_mismatch: the same number written another way.

#[test]
fn full_hour_without_minutes_is_the_same_time() {
    assert_clean(
        "Bussen går kl. 7:00 hver dag.",
        "The bus leaves at 7 a.m. every day.",
    );
    assert_clean(
        "Konserten begynner 19.30 på lørdag.",
        "The concert begins at 7:30 pm on Saturday.",
    );
}

#[test]
fn wrong_hour_is_still_a_number_mismatch() {
    let fs = check(
        &[(
            "Bussen går kl. 7:00 hver dag.",
            "The bus leaves at 8 a.m. every day.",
        )],
        &[],
    );
    assert!(
        serious(&fs).contains(&("number_mismatch".into(), "error".into())),
        "{fs:#?}"
    );
}

#[test]
fn number_word_inside_a_compound() {
    assert_clean(
        "En trettenåring fant skatten i fjæra.",
        "A 13-year-old found the treasure on the beach.",
    );
    assert_clean(
        "Åtteåringen vant konkurransen.",
        "The 8-year-old won the competition.",
    );
}

// name_mismatch

#[test]
fn sentence_initial_pronoun_is_not_a_name() {
    assert_clean(
        "«Jeg er ikke overrasket», sier Nilsen.",
        "\"I am not surprised,\" says Nilsen.",
    );
    assert_clean(
        "Han svarte: Jeg kommer i morgen.",
        "He replied: I will come tomorrow.",
    );
}

#[test]
fn acronym_rendered_by_words_is_not_above_info() {
    let rows = [
        (
            "Fire AMs stemte mot loven.",
            "Four representatives voted against the law.",
        ),
        ("AMs møtes hver tirsdag.", "AMs meet every Tuesday."),
    ];
    let fs = check(&rows, &[]);
    assert!(serious(&fs).is_empty(), "{fs:#?}");
}

#[test]
fn name_spelt_the_way_each_language_spells_it() {
    assert_clean("Hanok bygde en by.", "Enoch built a city.");
}

#[test]
fn name_written_together_on_the_other_side() {
    assert_clean(
        "Vi reiste til Hongkong i fjor.",
        "We travelled to Hong Kong last year.",
    );
}

#[test]
fn wrong_name_in_the_place_of_a_known_one_is_a_warning() {
    let rows = [
        ("Det regner ofte i Bergen.", "It often rains in Bergen."),
        (
            "Vi flyttet til Tromsø i fjor.",
            "We moved to Tromsø last year.",
        ),
        ("Vi besøkte Bergen i mai.", "We visited Tromsø in May."),
    ];
    let fs = check(&rows, &[]);
    assert!(
        fs.iter()
            .any(|f| f["pair"] == 2 && f["kind"] == "name_mismatch" && f["severity"] == "warning"),
        "{fs:#?}"
    );
}

#[test]
fn a_name_one_edition_always_uses_is_not_a_swap() {
    // "Beacon Service" is how the English edition names "Vardetjenesten",
    // in every pair: no evidence of a name put in the wrong place
    let rows = [
        (
            "Vardetjenesten la fram rapporten i Oslo.",
            "The Beacon Service presented the report in Oslo.",
        ),
        (
            "Vardetjenesten varslet politiet.",
            "The Beacon Service alerted the police.",
        ),
        (
            "Rapporten fra vardetjenesten kom i går.",
            "The report from the Beacon Service came yesterday.",
        ),
        (
            "Vardetjenesten og Oslo kommune samarbeider.",
            "The Beacon Service and the city work together.",
        ),
    ];
    let fs = check(&rows, &[]);
    assert!(serious(&fs).is_empty(), "{fs:#?}");
    // the same rendering beside a real swap: still a warning
    let mut rows = rows.to_vec();
    rows.push((
        "Vi besøkte Oslo i mai.",
        "The Beacon Service visited Tromsø in May.",
    ));
    rows.push((
        "Vi flyttet til Tromsø i fjor.",
        "We moved to Tromsø last year.",
    ));
    let fs = check(&rows, &[]);
    assert!(
        fs.iter()
            .any(|f| f["pair"] == 4 && f["kind"] == "name_mismatch" && f["severity"] == "warning"),
        "{fs:#?}"
    );
}

// unit_conversion

#[test]
fn converted_units_are_their_own_kind_at_warning() {
    let fs = check(
        &[(
            "Blomsten blir 3 til 10 cm høy.",
            "The flower grows 1 to 4 inches tall.",
        )],
        &[],
    );
    assert_eq!(
        serious(&fs),
        vec![("unit_conversion".to_string(), "warning".to_string())],
        "{fs:#?}"
    );
}

#[test]
fn exact_conversions_raise_nothing() {
    assert_clean("Hytta ligger 16 km unna.", "The cabin is 10 miles away.");
    assert_clean("Det var 30 °C i skyggen.", "It was 86 °F in the shade.");
    assert_clean("Sekken veier 20 kg.", "The backpack weighs 44 lb.");
}

#[test]
fn wrong_number_beside_both_unit_systems_is_still_an_error() {
    // the target gives miles too, so "40 miles" should have been there
    let fs = check(
        &[(
            "Stedet ligger 65 km (40 miles) sør for byen.",
            "The place is 65 km (53 miles) south of the town.",
        )],
        &[],
    );
    assert!(
        serious(&fs).contains(&("number_mismatch".into(), "error".into())),
        "{fs:#?}"
    );
}

#[test]
fn min_severity_warning_hides_info() {
    let rows = [
        // info: a name rendered by words
        (
            "Fire AMs stemte mot loven.",
            "Four representatives voted against the law.",
        ),
        // error: a wrong number
        ("Det kom 12 gjester.", "There were 14 guests."),
    ];
    let all = check(&rows, &[]);
    assert!(all.iter().any(|f| f["severity"] == "info"), "{all:#?}");
    let shown = check(&rows, &["--min-severity", "warning"]);
    assert!(
        !shown.is_empty() && shown.iter().all(|f| f["severity"] != "info"),
        "{shown:#?}"
    );
}

#[test]
fn pairs_without_id_columns_say_which_checks_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "noids.csv",
        "src_text,tgt_text\nDet kom 12 gjester.,There were 12 guests.\nHei.,\n",
    );
    tolk()
        .args(["check", "--pairs"])
        .arg(&p)
        .assert()
        .stderr(predicates::str::contains(
            "no src_ids/tgt_ids columns: omission, addition and reordering cannot run",
        ));
}

#[test]
fn editions_in_the_wrong_order_are_warned_about() {
    let c = crate::util::corpora();
    tolk()
        .arg("check")
        .arg(c.join("utsyn-2026.en.md"))
        .arg(c.join("utsyn-2026.nb.md"))
        .assert()
        .stderr(predicates::str::contains(
            "tolk expects the Norwegian edition first: swap them",
        ));
    // in the right order, no such warning
    tolk()
        .arg("check")
        .arg(c.join("utsyn-2026.nb.md"))
        .arg(c.join("utsyn-2026.en.md"))
        .assert()
        .stderr(predicates::str::contains("swap them").not());
}

// inconsistent_translation: a repeated sentence rendered once with a
// connective or a short word more is consistent; a changed word is not.

#[test]
fn repeated_sentence_differing_in_a_connective_or_short_word_is_consistent() {
    let src = "Styret møttes igjen og vedtok budsjettet.";
    let fs = check(
        &[
            (src, "The board met again and adopted the budget."),
            ("Vi ser fremover.", "We look ahead."),
            (src, "Then the board met again and adopted a budget."),
        ],
        &[],
    );
    assert!(serious(&fs).is_empty(), "{fs:#?}");
    let fs = check(
        &[
            (src, "The board met again and adopted the budget."),
            ("Vi ser fremover.", "We look ahead."),
            (src, "The board met again and rejected the budget."),
        ],
        &[],
    );
    assert_eq!(
        serious(&fs),
        [(
            "inconsistent_translation".to_string(),
            "warning".to_string()
        )]
    );
}

// name_mismatch: one name written as a compound on one side, or in two
// words on the other, is not two names.

#[test]
fn name_in_a_compound_or_in_two_words_is_one_name() {
    let fs = check(
        &[
            (
                "Turen gikk over Jotunheimfjellene og videre til Betsan.",
                "The trip crossed the mountains of Jotunheim and went on to Beth Shan.",
            ),
            (
                "Betsan ligger nord for Jotunheim.",
                "Beth Shan lies north of Jotunheim.",
            ),
        ],
        &[],
    );
    // not even at info
    assert!(fs.iter().all(|f| f["kind"] != "name_mismatch"), "{fs:#?}");
}
