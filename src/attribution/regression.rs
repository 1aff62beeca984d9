//! The hand-written regression set `fixtures/quotes/regression.jsonl`: one
//! case a line, `{class, lang, text, quote, speaker, outlet?, absent?}`.
//! `quote` is the start of the quote's text, `speaker` the speaker as
//! `wiretrace quotes` reports it (a pronoun as the person it stands for),
//! `outlet` (when given) the outlet, `absent` a text that must not be
//! reported as a quote (an interview turn). The test prints the accuracy
//! per class (English and Russian separately) and checks that exactly the
//! cases in [`KNOWN_MISSES`] fail.

use super::{Attributor, QuoteAttribution, SpeakerKind};
use crate::eval::quotes::{outlet_match, speaker_match};
use std::collections::BTreeMap;

/// The case files: the first regression set and the later batches, each
/// batch written and scored before the rules were changed for it.
const FILES: &[(&str, &str)] = &[
    ("regression.jsonl", include_str!("../../fixtures/quotes/regression.jsonl")),
    ("regression-b1.jsonl", include_str!("../../fixtures/quotes/regression-b1.jsonl")),
    ("regression-b2.jsonl", include_str!("../../fixtures/quotes/regression-b2.jsonl")),
    ("regression-b3.jsonl", include_str!("../../fixtures/quotes/regression-b3.jsonl")),
    ("regression-b4-ru.jsonl", include_str!("../../fixtures/quotes/regression-b4-ru.jsonl")),
    ("regression-b5-ru.jsonl", include_str!("../../fixtures/quotes/regression-b5-ru.jsonl")),
    ("regression-b4-en.jsonl", include_str!("../../fixtures/quotes/regression-b4-en.jsonl")),
    ("regression-b5-en.jsonl", include_str!("../../fixtures/quotes/regression-b5-en.jsonl")),
    ("regression-b6-en.jsonl", include_str!("../../fixtures/quotes/regression-b6-en.jsonl")),
    ("regression-b6-ru.jsonl", include_str!("../../fixtures/quotes/regression-b6-ru.jsonl")),
    ("regression-b7-en.jsonl", include_str!("../../fixtures/quotes/regression-b7-en.jsonl")),
    ("regression-b8-en.jsonl", include_str!("../../fixtures/quotes/regression-b8-en.jsonl")),
    ("regression-b8-ru.jsonl", include_str!("../../fixtures/quotes/regression-b8-ru.jsonl")),
    ("regression-b9-ru.jsonl", include_str!("../../fixtures/quotes/regression-b9-ru.jsonl")),
    ("regression-b10-en.jsonl", include_str!("../../fixtures/quotes/regression-b10-en.jsonl")),
    ("regression-b10-ru.jsonl", include_str!("../../fixtures/quotes/regression-b10-ru.jsonl")),
    ("regression-b11-en.jsonl", include_str!("../../fixtures/quotes/regression-b11-en.jsonl")),
    ("regression-b11-ru.jsonl", include_str!("../../fixtures/quotes/regression-b11-ru.jsonl")),
    ("regression-b12-en.jsonl", include_str!("../../fixtures/quotes/regression-b12-en.jsonl")),
    ("regression-b12-ru.jsonl", include_str!("../../fixtures/quotes/regression-b12-ru.jsonl")),
];

/// File and line number (1-based) of cases the rules do not get right yet.
const KNOWN_MISSES: &[(&str, usize)] = &[
    // a pronoun's person written first in an oblique case: this batch and
    // b4-ru 73 expect the name as first written ("Натальей Гусевой"); b8 (ru
    // 23, 39, 40) and the rule of `russian/nominative.rs` report the
    // nominative ("Наталья Гусева"). The conventions conflict; the rule
    // follows the later batch (a person is named in the nominative)
    ("regression.jsonl", 57),
    // «говорится в сообщении ведомства» after «В прокуратуре … сообщили»:
    // this batch reports the document ("сообщении ведомства"); b8 (ru 32,
    // the same construction) and the rule of `russian/documents.rs` report
    // the body «ведомства» points back to ("прокуратуре Ярославской
    // области"). The two batches' conventions conflict; the rule follows the
    // later one (the body speaks, not the document)
    ("regression-b4-ru.jsonl", 17),
    // (the nominative for a pronoun, as for regression.jsonl line 57)
    ("regression-b4-ru.jsonl", 73),
    // "the Inquirer": the gazetteer has only "Inquirer.net" and "Philippine
    // Daily Inquirer" (a bare "Inquirer" would also be the Philadelphia paper)
    ("regression-b4-en.jsonl", 43),
    // the name keeps the last word of the title's complement ("Minister for
    // Labour and Employment Begum X": where the complement ends is unknown
    // when no word is a known first name); the right person otherwise
    ("regression-b5-en.jsonl", 21),
    // NewsDay (Zimbabwe) and Newsday (US) differ only in case, and the
    // gazetteer folds case in its keys: one entry cannot be both
    ("regression-b6-en.jsonl", 64),
    // an organisation's name with a comma inside ("the Department of
    // Agricultural, Technical and Extension Services (Agritex)") is cut at
    // the comma, as a list would be
    ("regression-b6-en.jsonl", 66),
    // b7: 3 and 50 test a later sentence inside a quotation (expectation
    // errors: the test looks for a quote starting with the case's text);
    // 24 and 57 want a shorter form of the right speaker ("Lin Wei-chen"
    // for the continuation of "Chief Executive Officer Lin Wei-chen", "A
    // spokeswoman" for "A spokeswoman for the Scottish Conservatives")
    ("regression-b7-en.jsonl", 3),
    ("regression-b7-en.jsonl", 24),
    ("regression-b7-en.jsonl", 50),
    ("regression-b7-en.jsonl", 57),
    // b9 (Russian): 6 and 26 (the body named before a document) pass since
    // r12: the office's head noun is named in the nominative ("исполком
    // Казани", `russian/documents.rs`)
    // b10, first try (fixtures/quotes/README.md, "b10 first try"): wrong by
    // the scorer's rule too. English: "the unionist" not bound to "A union
    // leader, who asked not to be named" (7); the second half of an
    // interrupted quote bound to another name (31: both halves' "he", and
    // "the teenager" before them, go to the goalkeeper named last, the
    // scorer introduced before only by his surname).
    // (Fixed since: appositive names, 25, 32, 46, and a partial quote's
    // speaker taken from the words after it, 21: `apposition.rs`,
    // `embedded.rs`; outlets the gazetteer lacked, 6 "told Dawn", 24 Punch,
    // 33 SuperSport: credit-only aliases, `credit_only.rs`; "it said in a
    // statement" not resolved to the organisation, 16: `it_pronoun.rs`; r12:
    // "president and chief executive X" is no list, 11, `orgnames.rs`, in
    // FORM_MISSES: the title is kept)
    ("regression-b10-en.jsonl", 7),
    ("regression-b10-en.jsonl", 31),
    // Russian (after the b9 fixes; 10, 14 and 19 pass since; r12 fixed 1,
    // 35: the office after the verb past the outlet addressed, 9: «цитирует
    // издание X», 13: a continuation after «По мнению» + a genitive name):
    // «добавили в ведомстве» (6) wants the body named before, as b4-ru 75
    // and b6-ru 31 (the same construction) want «ведомстве»: the batches'
    // conventions conflict, the rule keeps the earlier batches' phrase
    // (r13 fixed 16, a three-word phrase after «называют»: a generic
    // naming verb gives a nickname, `marked_names.rs`)
    ("regression-b10-ru.jsonl", 6),
    // b11, first try with the rules after the b9 and b10 fixes
    // (fixtures/quotes/README.md, "b11 first try"): wrong by the scorer's
    // rule too. English: a court as the subject of a partial quote inside a
    // sentence (1); a pronoun bound to the wrong person (3); a surname-only
    // name (46). (r12 fixed 11: "told The Hindu" carried to a follow-up
    // quote of the same person, `credit.rs`; 37: a tie of "she" and "he"
    // after a name of unknown gender goes to the first, `resolution.rs`.)
    // Russian: all fixed
    // (6, 21 since `cut_quoting_outlet`; r12: 5 the office after the verb,
    // 8 and 10 the named person for a description, 9 «попросивший», 16 and
    // 27 the follow-up outlet, 22 the gesture lemmas, 36 «собеседник
    // агентства»; 30 «в решении суда» is in FORM_MISSES)
    ("regression-b11-en.jsonl", 1),
    ("regression-b11-en.jsonl", 3),
    ("regression-b11-en.jsonl", 46),
    // b12, first try with the rules after the r12 fixes
    // (fixtures/quotes/README.md, "b12 first try"): wrong by the scorer's
    // rule too. English: "its members" for the association named before
    // (23); a long apposition kept after the name (49: regression.jsonl 99
    // wants the apposition kept, "X, the traditional ruler of …"; the
    // conventions conflict, and "told The Daily Star" names no outlet the
    // gazetteer knows); a quote given to the person quoted before, not to
    // the one introduced in the paragraph (52, 53). (r13 fixed 37: "told
    // The Courier", a credit-only alias, `data/outlets.txt`.)
    ("regression-b12-en.jsonl", 23),
    ("regression-b12-en.jsonl", 49),
    ("regression-b12-en.jsonl", 52),
    ("regression-b12-en.jsonl", 53),
    // Russian (r13 fixed 4, «в сообщении мэрии» for the administration's
    // press service named before, `russian/documents.rs`, in FORM_MISSES:
    // the name keeps «пресс-служба»; 8 and 36, a nickname after «называют»
    // and a title after «выставка», `marked_names.rs`; 20, «собеседник
    // агентства» for «Источник в энергетической отрасли края»: a past-verb
    // ending after an adjective is a noun's, `russian/mod.rs`; 33, a
    // genitive name kept: the first name's gender, `russian/mod.rs`; 51, a
    // quote cut by a long cue ending in a name, `quotes.rs`, in
    // FORM_MISSES: the title is kept; 29, the outlet of the sentence
    // introducing the speaker, `ru_credit.rs`, and 39, «Северному краю» in
    // the nominative, `ru_interview.rs`, both in FORM_MISSES: a surname
    // without its first name): «в ведомстве» for the office named before
    // (60: b4-ru 75 and b6-ru 31, the same construction, want «ведомстве»;
    // the conventions conflict, as for b10-ru 6)
    ("regression-b12-ru.jsonl", 60),
];

/// Cases of the later batches whose speaker and outlet the quotes scorer's
/// rule accepts (`score_quotes.py`: a shared word, not much longer) but that
/// differ in form from the batch's own convention: a title kept before the
/// name ("Principal State Attorney X" for "X"), a leading "The" kept, a
/// surname where the batch wants the full name, an oblique Russian form.
/// Listed by file and line; the test fails when one of them passes exactly
/// (remove it) or stops being accepted by the scorer's rule.
const FORM_MISSES: &[(&str, &[usize])] = &[
    // "told Dawn": the outlet is reported as "Dawn" (its masthead), the
    // batch writes "Dawn newspaper"
    // (b11-ru 30: «говорится в решении суда» keeps the document's phrase,
    // named for the court named before; the batch reports the owner word
    // «суда», b4-ru 40 the phrase: r12 keeps the phrase)
    ("regression-b3.jsonl", &[28]),
    (
        "regression-b8-en.jsonl",
        &[
            2, 3, 4, 8, 9, 10, 13, 14, 17, 19, 20, 21, 22, 23, 24, 27, 28, 29, 30, 31, 32, 33, 34, 38, 39, 40, 41, 42,
            43, 46, 47, 48, 49, 51, 54, 55,
        ],
    ),
    (
        "regression-b8-ru.jsonl",
        &[1, 2, 4, 6, 7, 10, 13, 14, 15, 16, 17, 18, 19, 20, 22, 24, 25, 26, 27, 28, 30, 36, 37, 38, 42],
    ),
    ("regression-b9-ru.jsonl", &[1, 3, 4, 7, 11, 13, 17, 18, 20, 22, 23, 25, 27, 28, 29, 31, 32, 33, 36]),
    (
        "regression-b10-en.jsonl",
        &[
            1, 2, 3, 8, 11, 12, 13, 15, 17, 19, 21, 22, 23, 24, 26, 27, 28, 29, 30, 33, 34, 35, 38, 41, 42, 43, 44, 45,
            47,
        ],
    ),
    ("regression-b10-ru.jsonl", &[2, 4, 5, 8, 12, 14, 18, 20, 23, 24, 25, 28, 31, 32, 36, 37, 39]),
    (
        "regression-b11-en.jsonl",
        &[
            2, 4, 6, 8, 12, 13, 14, 15, 18, 19, 20, 22, 23, 24, 26, 27, 28, 29, 30, 34, 35, 38, 40, 41, 42, 43, 47, 48,
            50, 51, 52,
        ],
    ),
    ("regression-b11-ru.jsonl", &[1, 3, 6, 11, 14, 15, 21, 23, 24, 25, 26, 28, 29, 30, 32, 33, 34]),
    (
        "regression-b12-en.jsonl",
        &[
            2, 3, 4, 7, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 33, 34, 35, 41, 42,
            43, 46, 48, 50, 51, 56, 60, 62, 63, 64, 65, 66,
        ],
    ),
    (
        "regression-b12-ru.jsonl",
        &[
            1, 3, 4, 7, 9, 10, 12, 13, 14, 19, 21, 22, 23, 24, 26, 27, 29, 32, 37, 39, 40, 43, 44, 45, 46, 47, 50, 51,
            52, 58,
        ],
    ),
];

fn is_form_miss(file: &str, line: usize) -> bool {
    FORM_MISSES.iter().any(|(f, lines)| *f == file && lines.contains(&line))
}

#[derive(serde::Deserialize)]
struct Case {
    class: String,
    lang: String,
    text: String,
    quote: String,
    speaker: Option<String>,
    /// The person a description stands for ("the minister": the minister
    /// named before), when it is checked.
    #[serde(default)]
    name: Option<String>,
    #[serde(default, deserialize_with = "some")]
    outlet: Option<Option<String>>,
    #[serde(default)]
    absent: bool,
}

fn some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    use serde::Deserialize;
    Option::<String>::deserialize(d).map(Some)
}

/// Whether the quotes scorer's rule ([`speaker_match`], as
/// `score_quotes.py`) accepts `reported` for the case: against the expected
/// speaker or the person it stands for.
fn scorer_accepts(reported: Option<&str>, case: &Case) -> bool {
    let golds: Vec<&str> = case.speaker.iter().chain(&case.name).map(String::as_str).collect();
    match reported {
        None => case.speaker.is_none(),
        Some(_) => speaker_match(reported, &golds),
    }
}

/// How a case came out.
enum Outcome {
    Pass,
    /// Wrong by the case's exact expectation, right by the scorer's rule.
    ScorerPass(String),
    Fail(String),
}

/// How `case` comes out: exactly as expected, accepted by the scorer's
/// word-overlap rule only, or wrong.
fn outcome(attributor: &Attributor, case: &Case) -> Outcome {
    let text = case.text.as_str();
    let found = attributor.attribute(text);
    let Some(why) = check(&found, case) else { return Outcome::Pass };
    let Some(q) = found.iter().find(|q| text[q.span.range()].starts_with(&case.quote)) else {
        return Outcome::Fail(why);
    };
    if case.absent {
        return Outcome::Fail(why);
    }
    let speaker = match (q.speaker_kind, &q.speaker_name) {
        (Some(SpeakerKind::Pronoun), Some(name)) => Some(name.as_str()),
        _ => q.speaker_text(text),
    };
    let outlet_ok = match &case.outlet {
        Some(Some(want)) => q.outlet.as_deref().is_some_and(|got| outlet_match(got, &[want.as_str()])),
        Some(None) => q.outlet.is_none(),
        None => true,
    };
    if scorer_accepts(speaker, case) && outlet_ok {
        Outcome::ScorerPass(why)
    } else {
        Outcome::Fail(why)
    }
}

/// Why a case failed with the quotes `found` in its text, or `None` when
/// it passed.
fn check(found: &[QuoteAttribution], case: &Case) -> Option<String> {
    let text = case.text.as_str();
    let hit = found.iter().find(|q| text[q.span.range()].starts_with(&case.quote));
    if case.absent {
        return hit.map(|_| "reported as a quote".to_owned());
    }
    let Some(q) = hit else { return Some("quote not found".to_owned()) };
    let speaker = match (q.speaker_kind, &q.speaker_name) {
        (Some(SpeakerKind::Pronoun), Some(name)) => Some(name.clone()),
        _ => q.speaker_text(text).map(str::to_owned),
    };
    if speaker != case.speaker {
        return Some(format!("speaker {speaker:?}, want {:?}", case.speaker));
    }
    if case.name.is_some() && q.speaker_name != case.name {
        return Some(format!("name {:?}, want {:?}", q.speaker_name, case.name));
    }
    match &case.outlet {
        Some(want) if q.outlet != *want => Some(format!("outlet {:?}, want {want:?}", q.outlet)),
        _ => None,
    }
}

#[test]
fn regression_set_per_class() {
    let attributor = Attributor::builtin();
    // (cases, exact passes, passes by the scorer's rule) per file, language and class
    let mut per_class: BTreeMap<(&str, String, String), (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut form_misses = Vec::new();
    for (file, cases) in FILES {
        for (n, line) in cases.lines().enumerate() {
            let case: Case = serde_json::from_str(line).unwrap_or_else(|e| panic!("{file} line {}: {e}", n + 1));
            let entry = per_class.entry((file, case.lang.clone(), case.class.clone())).or_default();
            entry.0 += 1;
            match outcome(&attributor, &case) {
                Outcome::Pass => {
                    entry.1 += 1;
                    entry.2 += 1;
                }
                Outcome::ScorerPass(why) => {
                    eprintln!("{file} line {}: {}: {why} (the scorer's rule accepts it)", n + 1, case.quote);
                    if is_form_miss(file, n + 1) {
                        form_misses.push((*file, n + 1));
                    } else {
                        misses.push((*file, n + 1));
                    }
                    entry.2 += 1;
                }
                Outcome::Fail(why) => {
                    eprintln!("{file} line {}: {}: {why}", n + 1, case.quote);
                    misses.push((*file, n + 1));
                }
            }
        }
    }
    eprintln!("file                 lang class          exact        scorer's rule");
    for ((file, lang, class), (all, ok, lenient)) in &per_class {
        let share = |k: &usize| *k as f64 / *all as f64;
        eprintln!(
            "{file:<20} {lang} {class:<13} {ok:>3}/{all:<3} {:.2}  {lenient:>3}/{all:<3} {:.2}",
            share(ok),
            share(lenient)
        );
    }
    assert_eq!(misses, KNOWN_MISSES);
    let listed: Vec<(&str, usize)> =
        FORM_MISSES.iter().flat_map(|(file, lines)| lines.iter().map(move |&n| (*file, n))).collect();
    assert_eq!(form_misses, listed);
}
