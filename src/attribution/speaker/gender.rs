//! First names and the gender they mostly name: the fallback for a
//! person's gender when the text gives none (no title, no pronoun used with
//! the name). The list is `data/names-gender.txt`, compiled in; its header
//! names its sources (US Census 1990 first-name lists, public domain, and a
//! hand-written supplement).

use super::super::lexicon::Gender;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The built-in name list.
const NAMES: &str = include_str!("../data/names-gender.txt");

fn table() -> &'static HashMap<&'static str, Gender> {
    static TABLE: OnceLock<HashMap<&'static str, Gender>> = OnceLock::new();
    TABLE.get_or_init(|| {
        NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, g) = l.split_once(' ')?;
                let g = match g.trim() {
                    "m" => Gender::Masculine,
                    "f" => Gender::Feminine,
                    _ => return None,
                };
                Some((name, g))
            })
            .collect()
    })
}

/// Cyrillic names by Snowball stem, so inflected forms match (Натальей,
/// Дмитрия); a stem two names of different gender share (Александр,
/// Александра) is left out.
fn stems() -> &'static HashMap<String, Option<Gender>> {
    static STEMS: OnceLock<HashMap<String, Option<Gender>>> = OnceLock::new();
    STEMS.get_or_init(|| {
        let mut out: HashMap<String, Option<Gender>> = HashMap::new();
        for (name, g) in table().iter().filter(|(n, _)| is_cyrillic(n)) {
            let entry = out.entry(russian_stem(name)).or_insert(Some(*g));
            if *entry != Some(*g) {
                *entry = None;
            }
        }
        out
    })
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}'))
}

pub(super) fn russian_stem(word: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    let stemmer = STEMMER.get_or_init(|| Stemmer::create(Algorithm::Russian));
    stemmer.stem(&word.to_lowercase().replace('ё', "е")).into_owned()
}

/// The gender a first name (as written, capitalized) mostly names; a
/// Cyrillic name in any case form.
pub(super) fn first_name_gender(name: &str) -> Option<Gender> {
    if let Some(g) = table().get(name) {
        return Some(*g);
    }
    if is_cyrillic(name) {
        return stems().get(&russian_stem(name)).copied().flatten();
    }
    None
}

/// Whether a word is a known first name.
pub(super) fn is_first_name(name: &str) -> bool {
    table().contains_key(name) || (is_cyrillic(name) && stems().contains_key(&russian_stem(name)))
}

/// The gender a Russian surname's ending shows, in the nominative or an
/// oblique case (Иванова, Ивановой, Петровская: f; Иванов, Ивановым,
/// Петровский: m); `None` for other words.
pub(in crate::attribution::speaker) fn russian_surname_gender(surname: &str) -> Option<Gender> {
    const FEMININE: [&str; 13] =
        ["ова", "ева", "ёва", "ина", "овой", "евой", "ёвой", "иной", "ская", "ской", "цкая", "цкой", "скую"];
    const MASCULINE: [&str; 14] =
        ["ов", "ев", "ёв", "ин", "овым", "евым", "иным", "ову", "еву", "ину", "ский", "цкий", "ского", "скому"];
    if surname.chars().count() < 4 {
        return None;
    }
    if FEMININE.iter().any(|e| surname.ends_with(e)) {
        Some(Gender::Feminine)
    } else if MASCULINE.iter().any(|e| surname.ends_with(e)) {
        Some(Gender::Masculine)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_surnames() {
        assert_eq!(first_name_gender("Mary"), Some(Gender::Feminine));
        assert_eq!(first_name_gender("Dmitry"), Some(Gender::Masculine));
        assert_eq!(first_name_gender("Мария"), Some(Gender::Feminine));
        assert_eq!(first_name_gender("Натальей"), Some(Gender::Feminine));
        assert_eq!(first_name_gender("Дмитрия"), Some(Gender::Masculine));
        assert_eq!(russian_surname_gender("Гусевой"), Some(Gender::Feminine));
        // names of both genders are left out
        assert_eq!(first_name_gender("Andrea"), None);
        assert_eq!(first_name_gender("Kentucky"), None);
        assert_eq!(russian_surname_gender("Захарова"), Some(Gender::Feminine));
        assert_eq!(russian_surname_gender("Песков"), Some(Gender::Masculine));
        assert_eq!(russian_surname_gender("Шойгу"), None);
    }
}
