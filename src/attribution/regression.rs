//! The hand-written regression set `fixtures/quotes/regression.jsonl`: one
//! case a line, `{class, lang, text, quote, speaker, outlet?, absent?}`.
//! `quote` is the start of the quote's text, `speaker` the speaker as
//! `wiretrace quotes` reports it (a pronoun as the person it stands for),
//! `outlet` (when given) the outlet, `absent` a text that must not be
//! reported as a quote (an interview turn). The test prints the accuracy
//! per class (English and Russian separately) and checks that exactly the
//! cases in [`KNOWN_MISSES`] fail.

use super::{Attributor, SpeakerKind};
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
];

/// File and line number (1-based) of cases the rules do not get right yet.
const KNOWN_MISSES: &[(&str, usize)] = &[
    // "told Dawn": the gazetteer has no bare "Dawn" alias (a common word,
    // matched anywhere), only "Dawn newspaper", "Dawn.com", "Dawn News"
    ("regression-b3.jsonl", 28),
    // "the Inquirer": the gazetteer has only "Inquirer.net" and "Philippine
    // Daily Inquirer" (a bare "Inquirer" would also be the Philadelphia paper)
    ("regression-b4-en.jsonl", 43),
    // the name keeps the last word of the title's complement ("Minister for
    // Labour and Employment Begum X": where the complement ends is unknown
    // when no word is a known first name); the right person otherwise
    ("regression-b5-en.jsonl", 21),
    // b6 first try: a pronoun passes over the subject of the sentence before (Det Garda X told the court that Y ...)
    ("regression-b6-en.jsonl", 3),
    // b6 first try: an appositive name after 'Counsel for X,' is not taken over the description
    ("regression-b6-en.jsonl", 6),
    // b6 first try: a description resolved to the surname form, not the person's full name
    ("regression-b6-en.jsonl", 8),
    // b6 first try: a description resolved to the surname form, not the person's full name
    ("regression-b6-en.jsonl", 9),
    // b6 first try: a continuation after a paragraph whose speaker is a pronoun
    ("regression-b6-en.jsonl", 17),
    // b6 first try: 'he' after a sentence whose subject is 'The premier'
    ("regression-b6-en.jsonl", 22),
    // b6 first try: 'she' resolved to a man named in a relative clause (gender unknown from the list)
    ("regression-b6-en.jsonl", 25),
    // b6 first try: a photo credit '(Photo: X)' taken as an antecedent
    ("regression-b6-en.jsonl", 27),
    // b6 first try: 'the 23-year-old' resolved to the surname form, not the full name
    ("regression-b6-en.jsonl", 30),
    // b6 first try: 'he' passes over the subject of the sentence before ('Heslop, meanwhile, was')
    ("regression-b6-en.jsonl", 32),
    // b6 first try: a gerund 'saying' after a long predicate: the subject is the sentence's subject
    ("regression-b6-en.jsonl", 33),
    // b6 first try: a title's complement cut at 'and' ('... Commerce and Industry (FPCCI) President')
    ("regression-b6-en.jsonl", 38),
    // b6 first try: 'he' passes over the person of the paragraph before for an earlier one
    ("regression-b6-en.jsonl", 39),
    // b6 first try: Malaysian honorifics ('Datuk Seri') kept in the name
    ("regression-b6-en.jsonl", 43),
    // b6 first try: Malaysian honorifics and 'II' taken into the name
    ("regression-b6-en.jsonl", 45),
    // b6 first try: a trailing parenthesis (party-constituency) kept in the name
    ("regression-b6-en.jsonl", 46),
    // b6 first try: a pronoun reported as the surname form
    ("regression-b6-en.jsonl", 49),
    // b6 first try: a gerund 'saying': the subject of its sentence ('Her family')
    ("regression-b6-en.jsonl", 50),
    // b6 first try: the pronoun subject of a relative clause before the cue verb
    ("regression-b6-en.jsonl", 51),
    // b6 first try: an appositive name as the subject ('One of her first pupils, X, ...')
    ("regression-b6-en.jsonl", 57),
    // b6 first try: a continuation after a paragraph whose speaker is a pronoun
    ("regression-b6-en.jsonl", 61),
    // b6 first try: outlet not in the gazetteer (Zimbabwe's NewsDay)
    ("regression-b6-en.jsonl", 64),
    // b6 first try: an organisation name cut at its comma
    ("regression-b6-en.jsonl", 66),
    // b6 first try: outlet not in the gazetteer (Oman TV)
    ("regression-b6-en.jsonl", 70),
    // b6 first try: «Как» opening a sentence taken as a name
    ("regression-b6-ru.jsonl", 4),
    // b6 first try: a description resolved to a capitalized word of the title's complement
    ("regression-b6-ru.jsonl", 7),
    // b6 first try: a vocative in an interview question taken as a mention
    ("regression-b6-ru.jsonl", 21),
    // b6 first try: a cue verb with its subject after an adverbial («В последнем слове X заявил»)
    ("regression-b6-ru.jsonl", 26),
    // b6 first try: «экс-глава» not linked to «бывший глава»
    ("regression-b6-ru.jsonl", 27),
    // b6 first try: «экс-глава» not linked to «бывший глава»
    ("regression-b6-ru.jsonl", 28),
    // b6 first try: «показал» after «…», — is no cue
    ("regression-b6-ru.jsonl", 30),
    // b6 first try: «По словам вице-мэра»: the hyphenated description
    ("regression-b6-ru.jsonl", 33),
    // b6 first try: a description headed by a title that opens the sentence («Эколог, …»)
    ("regression-b6-ru.jsonl", 35),
    // b6 first try: «парламентарий» not linked to «депутат»
    ("regression-b6-ru.jsonl", 37),
    // b6 first try: an office name cut at its comma
    ("regression-b6-ru.jsonl", 40),
    // b6 first try: «акима»: an oblique title not linked to «Аким»
    ("regression-b6-ru.jsonl", 44),
];

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

/// Why a case failed, or `None` when it passed.
fn check(attributor: &Attributor, case: &Case) -> Option<String> {
    let text = case.text.as_str();
    let found = attributor.attribute(text);
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
    let mut per_class: BTreeMap<(&str, String, String), (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (file, cases) in FILES {
        for (n, line) in cases.lines().enumerate() {
            let case: Case = serde_json::from_str(line).unwrap_or_else(|e| panic!("{file} line {}: {e}", n + 1));
            let failed = check(&attributor, &case);
            let entry = per_class.entry((file, case.lang.clone(), case.class.clone())).or_default();
            entry.0 += 1;
            if let Some(why) = failed {
                eprintln!("{file} line {}: {}: {why}", n + 1, case.quote);
                misses.push((*file, n + 1));
            } else {
                entry.1 += 1;
            }
        }
    }
    for ((file, lang, class), (all, ok)) in &per_class {
        eprintln!("{file:<20} {lang} {class:<13} {ok:>3}/{all:<3} {:.2}", *ok as f64 / *all as f64);
    }
    assert_eq!(misses, KNOWN_MISSES);
}
