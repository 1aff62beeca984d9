//! "it" as a speaker (`The Energy Board said it would publish its review.
//! "…," it said in a statement.`): it stands for an organisation, never a
//! person: the subject of the sentence before when that is an
//! organisation's name (capitalized words ending in an organisation word,
//! "Commission", "Ministry", "Holdings", or an acronym, "NCDC"), reported
//! without a leading "The".

use super::super::lex::capitalized;
use super::context::Ctx;

impl Ctx<'_> {
    /// The organisation an "it" at byte `at` stands for; `None` for another
    /// pronoun. `Some(None)`: an "it" with no organisation before it (it
    /// names no person either).
    pub(super) fn it_antecedent(&self, pronoun: &str, at: usize) -> Option<Option<String>> {
        if !pronoun.eq_ignore_ascii_case("it") {
            return None;
        }
        let items = self.previous_sentence_items(at);
        let Some(subject) = self.subject(&items, items.len()) else { return Some(None) };
        let phrase = self.text[subject.range()].trim();
        let phrase = phrase.strip_prefix("The ").unwrap_or(phrase);
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let Some(last) = words.last() else { return Some(None) };
        let acronym = last.chars().count() > 1 && last.chars().all(|c| c.is_ascii_uppercase());
        let named = words.iter().all(|w| capitalized(w) || matches!(*w, "of" | "for" | "and" | "the" | "&"));
        let organisation = self.lex.is_organisation(&last.to_lowercase()) || acronym;
        Some((named && organisation && words.len() <= 8).then(|| phrase.to_owned()))
    }
}
