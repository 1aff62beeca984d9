//! Cue lexicons: the words that signal attribution in one language, as
//! data. English and Russian lists are built in (`data/cues-*.txt`);
//! another language is one more file in the same format, no code:
//!
//! ```text
//! # comment
//! verbs: said, says, told, pointed out
//! sources: according to
//! pronouns: he, she
//! dialogue: —
//! ```
//!
//! Keys: `verbs` (cue verbs, as written: irregular forms such as "said",
//! "told"), `stemmer` (the Snowball stemmer of the file's language:
//! `english`, `russian`, `german`, ...), `lemmas` (cue verbs by their
//! dictionary form, matched in every inflected form through the stemmer:
//! `объяснить` covers объяснил, объяснила, объясним ...), `sources` (phrases whose
//! object is the source: "according to X"), `pronouns`, `auxiliaries`
//! (words between a speaker and its verb: "has", "also"), `determiners`
//! ("the", "his": a cue verb after one is a noun), `possessives` ("his",
//! "своём": a preposition before one ends a speaker phrase, "написала
//! дипломат в своём Telegram-канале"), `openers` (words
//! opening an introductory phrase: "at", "instead"), `quoting` (verbs of
//! "X quoted Y as saying"), `boundaries`
//! (words that end a speaker phrase searched backwards from a verb),
//! `media` (nouns that stand for an outlet named earlier: "the newspaper"),
//! `credits` (phrases of credit lines: "contributed to this report") and
//! `dialogue` (dashes that open a line of dialogue). For resolving pronouns
//! to people: `masculine` and `feminine` (pronouns of one gender),
//! `plural` (pronouns of a group: "they", "они"),
//! `titles` (words that introduce a person's name: "Mr", "minister",
//! "spokesman"), `masculine-titles` and `feminine-titles` ("Mr", "Mrs"),
//! and `organisations` (words that make a capitalized phrase an
//! organisation or place, not a person: "Ministry", "Party"); `times` (time
//! words that may stand between a speaker and the verb: "on Sunday") and
//! `addressees` (words between a verb and the speaker after it: "заявил
//! журналистам глава МВД"); `relatives` (relative pronouns opening a
//! clause between a speaker and the verb: "X, who ..., said"). Several lexicons merge
//! into one: matching is case-insensitive and needs no language tag.

use crate::error::{Error, Result};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The built-in English lexicon.
pub const ENGLISH: &str = include_str!("data/cues-en.txt");
/// The built-in Russian lexicon.
pub const RUSSIAN: &str = include_str!("data/cues-ru.txt");

/// What a multi-word cue phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PhraseKind {
    /// A cue verb ("said", "pointed out").
    Verb,
    /// A source phrase whose object is the source ("according to").
    Source,
    /// A credit-line phrase ("contributed to this report").
    Credit,
    /// A noun standing for an outlet ("the newspaper").
    Media,
}

/// The grammatical gender of a person's pronoun, title or name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// "he", "Mr", "он".
    Masculine,
    /// "she", "Mrs", "она".
    Feminine,
}

/// Merged cue lists of one or more languages.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// First word (lower case) → phrases starting with it (lower-case words),
    /// longest first.
    phrases: HashMap<String, Vec<(Vec<String>, PhraseKind)>>,
    pronouns: HashSet<String>,
    auxiliaries: HashSet<String>,
    boundaries: HashSet<String>,
    determiners: HashSet<String>,
    openers: HashSet<String>,
    quoting: HashSet<String>,
    masculine: HashSet<String>,
    feminine: HashSet<String>,
    plural: HashSet<String>,
    possessives: HashSet<String>,
    titles: HashSet<String>,
    masculine_titles: HashSet<String>,
    feminine_titles: HashSet<String>,
    organisations: HashSet<String>,
    times: HashSet<String>,
    addressees: HashSet<String>,
    relatives: HashSet<String>,
    /// Verbs by lemma, per stemmer language.
    lemmas: Vec<LemmaTable>,
    /// Dialogue dashes.
    pub dialogue: Vec<char>,
}

impl Lexicon {
    /// English and Russian.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        for (name, src) in [("cues-en.txt", ENGLISH), ("cues-ru.txt", RUSSIAN)] {
            lex.add(name, src).expect("built-in lexicons are valid");
        }
        lex
    }

    /// Add the lists of one lexicon file (`name` is used in errors).
    pub fn add(&mut self, name: &str, src: &str) -> Result<()> {
        let mut lang: Option<Lang> = None;
        for (n, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, items)) = line.split_once(':') else {
                return Err(bad(name, n, "expected `key: item, item, ...`"));
            };
            let items = items.split(',').map(|i| i.trim().to_lowercase()).filter(|i| !i.is_empty());
            let key = key.trim();
            for item in items {
                match key {
                    "verbs" => self.phrase(&item, PhraseKind::Verb),
                    "stemmer" => {
                        lang =
                            Some(Lang::named(&item).ok_or_else(|| bad(name, n, &format!("unknown stemmer {item:?}")))?)
                    }
                    "lemmas" => {
                        let lang = lang.ok_or_else(|| bad(name, n, "`lemmas` needs a `stemmer` line before it"))?;
                        self.lemma(lang, &item);
                    }
                    "sources" => self.phrase(&item, PhraseKind::Source),
                    "credits" => self.phrase(&item, PhraseKind::Credit),
                    "media" => self.phrase(&item, PhraseKind::Media),
                    "pronouns" => drop(self.pronouns.insert(item)),
                    "auxiliaries" => drop(self.auxiliaries.insert(item)),
                    "boundaries" => drop(self.boundaries.insert(item)),
                    "determiners" => drop(self.determiners.insert(item)),
                    "openers" => drop(self.openers.insert(item)),
                    "quoting" => drop(self.quoting.insert(item)),
                    "masculine" => drop(self.masculine.insert(item)),
                    "feminine" => drop(self.feminine.insert(item)),
                    "plural" => drop(self.plural.insert(item)),
                    "possessives" => drop(self.possessives.insert(item)),
                    "titles" => drop(self.titles.insert(item)),
                    "masculine-titles" => drop(self.masculine_titles.insert(item)),
                    "feminine-titles" => drop(self.feminine_titles.insert(item)),
                    "organisations" => drop(self.organisations.insert(item)),
                    "times" => drop(self.times.insert(item)),
                    "addressees" => drop(self.addressees.insert(item)),
                    "relatives" => drop(self.relatives.insert(item)),
                    "dialogue" => self.dialogue.extend(item.chars().filter(|c| !c.is_whitespace())),
                    _ => return Err(bad(name, n, &format!("unknown key {key:?}"))),
                }
            }
        }
        Ok(())
    }

    fn phrase(&mut self, item: &str, kind: PhraseKind) {
        let words: Vec<String> = item.split_whitespace().map(str::to_owned).collect();
        let Some(first) = words.first().cloned() else { return };
        let list = self.phrases.entry(first).or_default();
        if !list.iter().any(|(w, k)| *w == words && *k == kind) {
            list.push((words, kind));
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    fn lemma(&mut self, lang: Lang, item: &str) {
        let stems: Vec<String> = item.split_whitespace().map(|w| lang.stem(w)).collect();
        if let Some(present) = lang.present_stem(item, &stems) {
            self.add_lemma_stems(lang, vec![present]);
        }
        self.add_lemma_stems(lang, stems);
    }

    fn add_lemma_stems(&mut self, lang: Lang, stems: Vec<String>) {
        let Some(first) = stems.first().cloned() else { return };
        let at = match self.lemmas.iter().position(|t| t.lang == lang) {
            Some(i) => i,
            None => {
                self.lemmas.push(LemmaTable { lang, stems: HashMap::new(), prefixes: HashSet::new() });
                self.lemmas.len() - 1
            }
        };
        self.lemmas[at].prefixes.insert(prefix(&first));
        let list = self.lemmas[at].stems.entry(first).or_default();
        if !list.contains(&stems) {
            list.push(stems);
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
    }

    /// Whether some phrase of `kind` starts with `word` (lower case).
    pub fn starts_phrase(&self, word: &str, kind: PhraseKind) -> bool {
        self.phrases.get(word).is_some_and(|list| list.iter().any(|(_, k)| *k == kind))
    }

    /// The longest phrase of `kind` starting at `words[0]` (lower-cased
    /// words): its length in words. Verbs match as written or, for the
    /// `lemmas` of a language, by stem.
    pub fn match_phrase(&self, words: &[&str], kind: PhraseKind) -> Option<usize> {
        let first = *words.first()?;
        let exact = self.phrases.get(first).and_then(|list| {
            list.iter()
                .filter(|(_, k)| *k == kind)
                .find(|(w, _)| w.len() <= words.len() && w.iter().zip(words).all(|(a, b)| a == b))
                .map(|(w, _)| w.len())
        });
        if exact.is_some() || kind != PhraseKind::Verb {
            return exact;
        }
        self.match_lemma(words)
    }

    /// The longest verb phrase given by lemma at `words[0]`.
    fn match_lemma(&self, words: &[&str]) -> Option<usize> {
        for table in &self.lemmas {
            let lang = table.lang;
            if !lang.may_inflect(words[0]) || !table.prefixes.contains(&prefix(words[0])) {
                continue;
            }
            let stem = lang.stem(words[0]);
            // a word that is its own stem is no inflected verb form in a
            // language that needs endings ("ответ" is a noun)
            if lang.needs_ending() && stem.chars().count() >= words[0].chars().count() || lang.noun_form(words[0]) {
                continue;
            }
            let Some(list) = table.stems.get(&stem) else { continue };
            let found = list
                .iter()
                .find(|w| w.len() <= words.len() && w[1..].iter().zip(&words[1..]).all(|(a, b)| *a == lang.stem(b)));
            if let Some(w) = found {
                return Some(w.len());
            }
        }
        None
    }

    /// Whether `word` (lower case) is a pronoun.
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.pronouns.contains(word)
    }

    /// Whether `word` (lower case) may stand between a speaker and its verb.
    pub fn is_auxiliary(&self, word: &str) -> bool {
        self.auxiliaries.contains(word)
    }

    /// Whether `word` (lower case) is a determiner or possessive ("the",
    /// "his"): a cue verb after it is a noun ("his remarks").
    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }

    /// Whether `word` (lower case) opens an introductory phrase before a
    /// sentence's subject ("At the rally, ...", "Instead, ...").
    pub fn is_opener(&self, word: &str) -> bool {
        self.openers.contains(word)
    }

    /// Whether `word` (lower case) is a quoting verb: "X quoted Y as
    /// saying".
    pub fn is_quoting(&self, word: &str) -> bool {
        self.quoting.contains(word)
    }

    /// Whether `word` (lower case) is a possessive ("his", "своём").
    pub fn is_possessive(&self, word: &str) -> bool {
        self.possessives.contains(word)
    }

    /// Whether `word` (lower case) is a pronoun of a group ("they").
    pub fn is_plural_pronoun(&self, word: &str) -> bool {
        self.plural.contains(word)
    }

    /// The gender of a pronoun (lower case) that stands for one person.
    pub fn pronoun_gender(&self, word: &str) -> Option<Gender> {
        if self.masculine.contains(word) {
            Some(Gender::Masculine)
        } else if self.feminine.contains(word) {
            Some(Gender::Feminine)
        } else {
            None
        }
    }

    /// The gender a title (lower case, no dot) gives a name: "mr", "mrs".
    pub fn title_gender(&self, word: &str) -> Option<Gender> {
        if self.masculine_titles.contains(word) {
            Some(Gender::Masculine)
        } else if self.feminine_titles.contains(word) {
            Some(Gender::Feminine)
        } else {
            None
        }
    }

    /// Whether `word` (lower case) introduces a person's name ("minister").
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word) || self.masculine_titles.contains(word) || self.feminine_titles.contains(word)
    }

    /// Whether `word` (lower case) makes a capitalized phrase an
    /// organisation or place ("ministry", "party").
    pub fn is_organisation(&self, word: &str) -> bool {
        self.organisations.contains(word)
    }

    /// Whether `word` (lower case) names a time ("sunday", "вчера"): a time
    /// phrase may stand between a speaker and the verb.
    pub fn is_time(&self, word: &str) -> bool {
        self.times.contains(word)
    }

    /// Whether `word` (lower case) is the addressee of a cue verb that may
    /// stand between the verb and the speaker after it ("заявил журналистам
    /// глава МВД").
    pub fn is_addressee(&self, word: &str) -> bool {
        self.addressees.contains(word)
    }

    /// Whether `word` (lower case) is a relative pronoun opening a clause
    /// between a speaker and its verb ("X, who ..., said").
    pub fn is_relative(&self, word: &str) -> bool {
        self.relatives.contains(word)
    }

    /// Whether `word` (lower case) ends a speaker phrase.
    pub fn is_boundary(&self, word: &str) -> bool {
        self.boundaries.contains(word)
    }
}

/// The verbs given by lemma in one language.
#[derive(Clone, Debug)]
struct LemmaTable {
    lang: Lang,
    /// First stem → phrases of stems, longest first.
    stems: HashMap<String, Vec<Vec<String>>>,
    /// The first three letters of every first stem: most words are ruled
    /// out without stemming them.
    prefixes: HashSet<(char, char, char)>,
}

/// The first three letters of a word (ё read as е).
fn prefix(word: &str) -> (char, char, char) {
    let mut it = word.chars().map(|c| if c == 'ё' { 'е' } else { c });
    (it.next().unwrap_or(' '), it.next().unwrap_or(' '), it.next().unwrap_or(' '))
}

/// A language with a Snowball stemmer, for `lemmas`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    English,
    Russian,
    German,
    French,
    Spanish,
    Italian,
    Portuguese,
    Dutch,
    Swedish,
    Norwegian,
    Danish,
    Finnish,
    Hungarian,
    Romanian,
    Turkish,
    Arabic,
    Greek,
    Tamil,
}

const LANGS: [(Lang, &str, Algorithm); 18] = [
    (Lang::English, "english", Algorithm::English),
    (Lang::Russian, "russian", Algorithm::Russian),
    (Lang::German, "german", Algorithm::German),
    (Lang::French, "french", Algorithm::French),
    (Lang::Spanish, "spanish", Algorithm::Spanish),
    (Lang::Italian, "italian", Algorithm::Italian),
    (Lang::Portuguese, "portuguese", Algorithm::Portuguese),
    (Lang::Dutch, "dutch", Algorithm::Dutch),
    (Lang::Swedish, "swedish", Algorithm::Swedish),
    (Lang::Norwegian, "norwegian", Algorithm::Norwegian),
    (Lang::Danish, "danish", Algorithm::Danish),
    (Lang::Finnish, "finnish", Algorithm::Finnish),
    (Lang::Hungarian, "hungarian", Algorithm::Hungarian),
    (Lang::Romanian, "romanian", Algorithm::Romanian),
    (Lang::Turkish, "turkish", Algorithm::Turkish),
    (Lang::Arabic, "arabic", Algorithm::Arabic),
    (Lang::Greek, "greek", Algorithm::Greek),
    (Lang::Tamil, "tamil", Algorithm::Tamil),
];

impl Lang {
    fn named(name: &str) -> Option<Lang> {
        LANGS.iter().find(|(_, n, _)| *n == name).map(|(l, _, _)| *l)
    }

    fn stemmer(self) -> &'static Stemmer {
        static STEMMERS: [OnceLock<Stemmer>; 18] = [const { OnceLock::new() }; 18];
        let i = LANGS.iter().position(|(l, _, _)| *l == self).expect("every language is listed");
        STEMMERS[i].get_or_init(|| Stemmer::create(LANGS[i].2))
    }

    /// The stem of a lower-case word (ё read as е). Russian verbs in
    /// -нуть keep their suffix in the Snowball stem (подчеркнуть,
    /// подчеркнул, подчеркнула all stem to themselves): their -ну- and
    /// ending are cut here, so every form shares the stem подчеркн.
    fn stem(self, word: &str) -> String {
        let stemmer = self.stemmer();
        if self == Lang::Russian {
            let stem = if word.contains('ё') {
                stemmer.stem(&word.replace('ё', "е")).into_owned()
            } else {
                stemmer.stem(word).into_owned()
            };
            return cut_nu(stem);
        }
        stemmer.stem(word).into_owned()
    }

    /// Whether a word can be in this language at all (cheap: by script), so
    /// the stemmer runs only on words it may stem.
    fn may_inflect(self, word: &str) -> bool {
        let c = word.chars().next().unwrap_or(' ');
        match self {
            Lang::Russian => matches!(c, '\u{400}'..='\u{4ff}'),
            Lang::Greek => matches!(c, '\u{370}'..='\u{3ff}'),
            Lang::Arabic => matches!(c, '\u{600}'..='\u{6ff}'),
            Lang::Tamil => matches!(c, '\u{b80}'..='\u{bff}'),
            _ => c.is_alphabetic() && (c.is_ascii() || matches!(c, '\u{c0}'..='\u{24f}')),
        }
    }

    /// The present-tense stem of a verb whose infinitive stem differs:
    /// Russian -овать/-евать (комментировать → комментир-ует) and -авать
    /// (признавать → призна-ёт); at least four letters, so no noun shares
    /// it by chance.
    fn present_stem(self, lemma: &str, stems: &[String]) -> Option<String> {
        if self != Lang::Russian || stems.len() != 1 {
            return None;
        }
        let stem = &stems[0];
        let cut = if lemma.ends_with("овать") || lemma.ends_with("евать") || lemma.ends_with("оваться")
        {
            "ова".len().min(stem.len())
        } else if lemma.ends_with("авать") || lemma.ends_with("аваться") {
            "ва".len()
        } else {
            return None;
        };
        let present = stem.get(..stem.len() - cut)?;
        (present.chars().count() >= 4).then(|| present.to_owned())
    }

    /// Whether a word has a suffix that makes a noun or adjective of a verb
    /// stem ("reporters", "confirmation", "announcement").
    fn noun_form(self, word: &str) -> bool {
        const ENGLISH: [&str; 14] =
            ["er", "ers", "or", "ors", "ion", "ions", "ment", "ments", "ance", "ence", "ive", "al", "ist", "ness"];
        self == Lang::English && ENGLISH.iter().any(|e| word.ends_with(e))
    }

    /// Whether verb forms always carry an ending, so a word equal to its
    /// stem is no verb form.
    fn needs_ending(self) -> bool {
        self == Lang::Russian
    }
}

/// A Russian stem ending in the -ну- suffix of a verb and its ending
/// (-нуть, -нул, -нула, -нули, -нуло, -нет, -нут) cut to the part before
/// the suffix's vowel, when at least four letters remain before it.
fn cut_nu(stem: String) -> String {
    const ENDINGS: [&str; 7] = ["нуть", "нула", "нули", "нуло", "нул", "нет", "нут"];
    for e in ENDINGS {
        if let Some(rest) = stem.strip_suffix(e) {
            if rest.chars().count() >= 4 {
                return format!("{rest}н");
            }
        }
    }
    stem
}

fn bad(name: &str, line: usize, msg: &str) -> Error {
    Error::from(crate::error::ErrorKind::Format { path: name.to_owned(), message: format!("line {}: {msg}", line + 1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_both_languages() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.match_phrase(&["said", "x"], PhraseKind::Verb), Some(1));
        assert_eq!(lex.match_phrase(&["pointed", "out", "that"], PhraseKind::Verb), Some(2));
        assert_eq!(lex.match_phrase(&["according", "to", "x"], PhraseKind::Source), Some(2));
        assert_eq!(lex.match_phrase(&["заявил"], PhraseKind::Verb), Some(1));
        // -нуть verbs in every form
        for w in ["подчеркнул", "подчеркнула", "подчеркнули", "подчеркнет", "воскликнул"]
        {
            assert_eq!(lex.match_phrase(&[w], PhraseKind::Verb), Some(1), "{w}");
        }
        assert!(lex.is_plural_pronoun("they") && lex.is_plural_pronoun("они") && !lex.is_plural_pronoun("she"));
        assert_eq!(lex.match_phrase(&["по", "словам"], PhraseKind::Source), Some(2));
        assert!(lex.is_pronoun("he") && lex.is_pronoun("она"));
        assert!(lex.dialogue.contains(&'—'));
        assert_eq!(lex.match_phrase(&["walked"], PhraseKind::Verb), None);
    }

    #[test]
    fn russian_verbs_match_by_lemma_in_every_form() {
        let lex = Lexicon::builtin();
        for form in
            ["объясняет", "разъясняет", "говорил", "описала", "рассказывает", "заявила", "подчёркивает", "сказали"]
        {
            assert_eq!(lex.match_phrase(&[form], PhraseKind::Verb), Some(1), "{form}");
        }
        // nouns sharing a verb's stem are no cue
        for noun in ["ответ", "ответа", "заявление", "рассказ", "москва", "сети", "комментарий"]
        {
            assert_eq!(lex.match_phrase(&[noun], PhraseKind::Verb), None, "{noun}");
        }
        assert_eq!(lex.match_phrase(&["ответила"], PhraseKind::Verb), Some(1));
        assert_eq!(lex.match_phrase(&["по", "мнению", "эксперта"], PhraseKind::Source), Some(2));
    }

    #[test]
    fn english_lemmas_cover_regular_forms() {
        let lex = Lexicon::builtin();
        for form in ["clarified", "clarifies", "underlined", "reiterating"] {
            assert_eq!(lex.match_phrase(&[form], PhraseKind::Verb), Some(1), "{form}");
        }
        for noun in ["clarity", "reporters", "confirmation", "announcement"] {
            assert_eq!(lex.match_phrase(&[noun], PhraseKind::Verb), None, "{noun}");
        }
    }

    #[test]
    fn lemmas_need_a_stemmer() {
        let mut lex = Lexicon::default();
        let err = lex.add("de.txt", "lemmas: sagen\n").unwrap_err();
        assert_eq!(err.to_string(), "de.txt: line 1: `lemmas` needs a `stemmer` line before it");
        let err = lex.add("xx.txt", "stemmer: klingon\n").unwrap_err();
        assert_eq!(err.to_string(), "xx.txt: line 1: unknown stemmer \"klingon\"");
        lex.add("fr.txt", "stemmer: french\nlemmas: expliquer\n").unwrap();
        assert_eq!(lex.match_phrase(&["expliqué"], PhraseKind::Verb), Some(1));
    }

    #[test]
    fn a_new_language_is_data() {
        let mut lex = Lexicon::default();
        lex.add("de.txt", "verbs: sagte, erklärte\npronouns: er\n").unwrap();
        assert_eq!(lex.match_phrase(&["sagte"], PhraseKind::Verb), Some(1));
        assert!(lex.is_pronoun("er"));
        let err = lex.add("bad.txt", "# ok\nnonsense line\n").unwrap_err();
        assert_eq!(err.to_string(), "bad.txt: line 2: expected `key: item, item, ...`");
        assert!(lex.add("bad.txt", "colours: red").is_err());
    }
}
