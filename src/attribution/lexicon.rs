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
//! Keys: `verbs` (cue verbs, every inflected form), `sources` (phrases whose
//! object is the source: "according to X"), `pronouns`, `auxiliaries`
//! (words between a speaker and its verb: "has", "also"), `determiners`
//! ("the", "his": a cue verb after one is a noun), `openers` (words
//! opening an introductory phrase: "at", "instead"), `quoting` (verbs of
//! "X quoted Y as saying"), `boundaries`
//! (words that end a speaker phrase searched backwards from a verb),
//! `media` (nouns that stand for an outlet named earlier: "the newspaper"),
//! `credits` (phrases of credit lines: "contributed to this report") and
//! `dialogue` (dashes that open a line of dialogue). Several lexicons merge
//! into one: matching is case-insensitive and needs no language tag.

use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};

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
                    "sources" => self.phrase(&item, PhraseKind::Source),
                    "credits" => self.phrase(&item, PhraseKind::Credit),
                    "media" => self.phrase(&item, PhraseKind::Media),
                    "pronouns" => drop(self.pronouns.insert(item)),
                    "auxiliaries" => drop(self.auxiliaries.insert(item)),
                    "boundaries" => drop(self.boundaries.insert(item)),
                    "determiners" => drop(self.determiners.insert(item)),
                    "openers" => drop(self.openers.insert(item)),
                    "quoting" => drop(self.quoting.insert(item)),
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

    /// The longest phrase of `kind` starting at `words[0]` (lower-cased
    /// words): its length in words.
    pub fn match_phrase(&self, words: &[&str], kind: PhraseKind) -> Option<usize> {
        let list = self.phrases.get(*words.first()?)?;
        list.iter()
            .filter(|(_, k)| *k == kind)
            .find(|(w, _)| w.len() <= words.len() && w.iter().zip(words).all(|(a, b)| a == b))
            .map(|(w, _)| w.len())
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

    /// Whether `word` (lower case) ends a speaker phrase.
    pub fn is_boundary(&self, word: &str) -> bool {
        self.boundaries.contains(word)
    }
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
        assert_eq!(lex.match_phrase(&["по", "словам"], PhraseKind::Source), Some(2));
        assert!(lex.is_pronoun("he") && lex.is_pronoun("она"));
        assert!(lex.dialogue.contains(&'—'));
        assert_eq!(lex.match_phrase(&["walked"], PhraseKind::Verb), None);
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
