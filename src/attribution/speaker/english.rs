//! Three English antecedent rules for pronouns (the b8 batch's causes):
//!
//! * A capitalized preposition opening a sentence is no part of a name:
//!   "In Kaloleni, Kahindi Charo …" names no person "In Kaloleni"; after a
//!   preposition of place ("In", "At", "Near" …) the run is a place, after
//!   another ("After", "During" …) the words after it are tried alone.
//! * An indefinite description introduced as a speaker ("A nurse at the
//!   district hospital, who asked not to be named because she is not
//!   authorised to speak, said …") is the antecedent of a "she"/"he" in the
//!   next sentence when it is that sentence's subject and the sentence gives
//!   it the pronoun's gender (a pronoun of that gender, none of the other);
//!   it is reported as written, its article in lower case ("a nurse at …").
//! * A run of capitalized words right after a title and its one-word
//!   complement is a person ("According to Seri Dagang Securities head of
//!   research Lim Wei Jie, …": Lim Wei Jie, a candidate for a later "he");
//!   "Securities", "Holdings", "Berhad" and other company words are
//!   organisation words (`cues-en.txt`), so the company is no person.

use super::super::lex::capitalized;
use super::super::lexicon::PhraseKind;
use super::context::Ctx;

/// Prepositions that may open a sentence before a capitalized word, each
/// with whether it is one of place (the run after one is a place).
const OPENING: &[(&str, bool)] = &[
    ("in", true),
    ("at", true),
    ("on", false),
    ("from", true),
    ("near", true),
    ("across", true),
    ("outside", true),
    ("inside", true),
    ("around", true),
    ("throughout", true),
    ("within", true),
    ("towards", true),
    ("toward", true),
    ("after", false),
    ("before", false),
    ("during", false),
    ("under", false),
    ("among", true),
    ("behind", true),
    ("beyond", true),
    ("along", true),
    ("through", true),
    ("amid", true),
    ("despite", false),
    ("since", false),
    ("until", false),
    ("over", false),
];

impl Ctx<'_> {
    /// For a run of capitalized words (token indices) opening with a
    /// sentence-opening preposition: `Some(true)` when it is one of place
    /// (the run is a place), `Some(false)` for another (skip the word).
    pub(super) fn opening_preposition(&self, words: &[usize]) -> Option<bool> {
        let (&first, rest) = words.split_first()?;
        let w = self.lower(first);
        let &(_, place) = OPENING.iter().find(|(p, _)| *p == w)?;
        (!rest.is_empty() && capitalized(self.word(first)) && self.opens_sentence(first)).then_some(place)
    }

    /// Whether a run of capitalized words (token indices) follows a title
    /// with a one-word complement: "head of research Lim Wei Jie" (a person,
    /// also after an organisation: "Seri Dagang Securities head of research
    /// …"), unlike "director of the Texas Politics Project", whose run
    /// follows a determiner.
    pub(super) fn after_title_complement(&self, words: &[usize]) -> bool {
        let Some(&first) = words.first().filter(|_| words.len() >= 2) else { return false };
        let word = |k: usize| Some(k).filter(|&k| self.toks[k].is_word()).map(|k| self.lower(k));
        let (Some(noun), Some(of), Some(title)) = (
            first.checked_sub(1).and_then(word),
            first.checked_sub(2).and_then(word),
            first.checked_sub(3).and_then(word),
        ) else {
            return false;
        };
        !capitalized(self.word(first - 1))
            && matches!(of.as_str(), "of" | "for")
            && self.lex.is_title(&title)
            && !self.lex.is_determiner(&noun)
            && !self.lex.is_title(&noun)
    }

    /// The indefinite description a "he"/"she" at byte `at` stands for: the
    /// subject ("A nurse at …", "One resident") of the sentence before, which
    /// reports speech and gives it the pronoun's gender.
    pub(super) fn description_antecedent(&self, pronoun: &str, at: usize) -> Option<String> {
        let g = self.lex.pronoun_gender(&pronoun.to_lowercase())?;
        let items = self.previous_sentence_items(at);
        let subject = self.subject(&items, items.len())?;
        let phrase = self.text[subject.range()].trim();
        let first = phrase.split_whitespace().next()?;
        if !matches!(first, "A" | "An" | "One") || phrase.split_whitespace().count() < 2 {
            return None;
        }
        let after_subject = self.tok_at(subject.end as usize);
        let (mut same, mut other, mut cue) = (false, false, false);
        for &it in &items {
            let Some(i) = self.tok_of(it).filter(|&i| self.toks[i].is_word()) else { continue };
            let w = self.lower(i);
            match self.lex.pronoun_gender(&w) {
                Some(pg) if pg == g => same = true,
                Some(_) => other = true,
                None => cue |= i >= after_subject && self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some(),
            }
        }
        // (a person named in the subject is the chain's: "A spokeswoman, Jane Doe,")
        let (s, e) = (subject.start as usize, subject.end as usize);
        let named = self.chain().mentions.iter().any(|m| m.at >= s && m.end <= e);
        (same && !other && cue && !named).then(|| phrase.replacen(first, &first.to_lowercase(), 1))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;

    /// The name the speaker of the quote starting with `quote` stands for.
    fn name(text: &str, quote: &str) -> Option<String> {
        run(text).into_iter().find(|r| r.0.starts_with(quote)).unwrap_or_else(|| panic!("no {quote:?}")).3
    }

    #[test]
    fn a_sentence_opening_preposition_names_no_one() {
        let text =
            "Floods hit the coast.\n\nIn Malindi, the water rose overnight.\n\n\"We lost everything,\" she said.";
        assert_eq!(name(text, "We lost"), None);
    }

    #[test]
    fn an_indefinite_description_with_a_pronoun_of_its_gender() {
        let text = "In Malindi, Juma Bakari, a fisherman, lost his boat. \"It sank,\" Bakari said.\n\n\
                    A teacher at Malindi Primary School, who asked not to be named because she is not allowed to \
                    speak to the press, said classes had stopped.\n\n\"We have no desks left,\" she said.";
        assert_eq!(name(text, "We have"), Some("a teacher at Malindi Primary School".into()));
        // a pronoun of the other gender in its sentence: no
        let text = "A teacher at Malindi Primary School, whose husband said he was afraid, said classes had \
                    stopped.\n\n\"We have no desks left,\" she said.";
        assert_eq!(name(text, "We have"), None);
    }

    #[test]
    fn a_person_after_an_organisation_and_a_title() {
        let text = "Shares of Kenanga Plantations rose 3 per cent on Monday.\n\nAccording to Bukit Maju Securities \
                    head of research Tan Boon Keat, the plan is \"a sensible hedge\", although risks remain.\n\n\
                    \"Their record is decent,\" he told Bernama.";
        assert_eq!(name(text, "Their record"), Some("Tan Boon Keat".into()));
        // the whole run is the name, though a later word is a given name
        let text = text.replace("Tan Boon Keat", "Lee Wei Ming");
        assert_eq!(name(&text, "Their record"), Some("Lee Wei Ming".into()));
    }
}
