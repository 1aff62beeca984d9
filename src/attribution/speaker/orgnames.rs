//! Organisation names with an "and" inside that no "of" complement
//! announces: "The Downtown Owners and Merchants Association said …",
//! "the Fire and Rescue Service said …". The "and" joins two runs of
//! capitalized words, the first after "the", the second ending in an
//! organisation word right before the verb, so the whole is one name, not
//! a list of two speakers. Likewise an "and" between two lower-case titles
//! of one person ("Acme Power president and chief executive X told").

use super::super::lex::capitalized;
use super::context::{Ctx, Item};

/// The most capitalized words taken on either side of the "and".
const SIDE_WORDS: usize = 4;

/// Lower-case nouns for a company or body that its name follows ("chip
/// packaging firm X", "the club X", "lender X"); a name after one is the
/// organisation's, no person's. (Not the organisation words of the
/// lexicon, which also stand before titles: "police Inspector X".)
const ORGANISATION_NOUNS: &[&str] = &[
    "firm",
    "company",
    "startup",
    "start-up",
    "conglomerate",
    "lender",
    "insurer",
    "retailer",
    "carrier",
    "airline",
    "brewer",
    "manufacturer",
    "supplier",
    "broadcaster",
    "charity",
    "watchdog",
    "regulator",
    "utility",
    "giant",
    "subsidiary",
    "outfit",
    "band",
    "club",
    "group",
    "bank",
];

impl<'a> Ctx<'a> {
    /// Whether the capitalized run opening at token `first` follows an
    /// organisation noun in lower case ("firm Hsinlung Semiconductor",
    /// "carmaker X": a noun in "-maker" too), unless the run opens with a
    /// title ("the group's chairman" is no case: the noun must be right
    /// before the run).
    pub(super) fn after_organisation_noun(&self, first: usize) -> bool {
        let Some(b) = first.checked_sub(1).filter(|&b| self.toks[b].is_word()) else { return false };
        let w = self.word(b);
        if capitalized(w) || self.toks[first].start != self.toks[b].end + 1 {
            return false;
        }
        let w = w.to_lowercase();
        let noun = ORGANISATION_NOUNS.contains(&w.as_str()) || (w.ends_with("maker") && w.len() > 5);
        noun && !self.lex.is_title(&self.lower(first))
    }

    /// Whether the "and" at `items[k]` joins two titles of one person
    /// ("Acme Power president and chief executive X told"): a lower-case
    /// title right before it and a title among the two words after it, a
    /// capitalized name after that. No list of two speakers.
    pub(super) fn and_between_titles(&self, items: &[Item], k: usize) -> bool {
        let word = |k: usize| items.get(k).and_then(|&it| self.tok_of(it)).filter(|&i| self.toks[i].is_word());
        if k == 0 || word(k).is_none_or(|a| self.lower(a) != "and") {
            return false;
        }
        let title = |j: usize| word(j).is_some_and(|i| !capitalized(self.word(i)) && self.lex.is_title(&self.lower(i)));
        let named_after = (k + 1..k + 4).any(|j| word(j).is_some_and(|i| capitalized(self.word(i))));
        title(k - 1) && (title(k + 1) || title(k + 2)) && named_after
    }

    /// Whether the "and" at `items[k]` stands inside a name: after an "of"
    /// complement ("Chambers of Commerce and Industry") or in an
    /// organisation's name (below).
    pub(super) fn and_inside_name(&self, items: &[Item], k: usize) -> bool {
        self.and_in_name(items, k) || self.and_in_organisation(items, k)
    }

    /// Whether the "and" at `items[k]` stands inside an organisation's
    /// name: "The Owners and Merchants Association" (see the module doc).
    pub(super) fn and_in_organisation(&self, items: &[Item], k: usize) -> bool {
        let word = |k: usize| items.get(k).and_then(|&it| self.tok_of(it)).filter(|&i| self.toks[i].is_word());
        let cap =
            |k: usize| word(k).is_some_and(|i| capitalized(self.word(i)) && !self.lex.is_determiner(&self.lower(i)));
        if k == 0 || word(k).is_none_or(|a| self.lower(a) != "and") || !cap(k - 1) || !cap(k + 1) {
            return false;
        }
        // after the "and": capitalized words ending in an organisation word,
        // then no word, or a verb or auxiliary
        let mut e = k + 1;
        while e < items.len() && e - k <= SIDE_WORDS && cap(e) {
            e += 1;
        }
        let last = word(e - 1).map(|i| self.lower(i)).unwrap_or_default();
        let then_verb = word(e).is_none_or(|i| {
            let w = self.lower(i);
            self.lex.is_auxiliary(&w)
                || self.lex.match_phrase(&[w.as_str()], super::super::lexicon::PhraseKind::Verb).is_some()
        });
        if !self.lex.is_organisation(&last) || !then_verb || cap(e) {
            return false;
        }
        // before it: capitalized words (no organisation word) after "the"
        let mut b = k - 1;
        while b > 0 && k - b < SIDE_WORDS && cap(b - 1) {
            b -= 1;
        }
        let no_org = (b..k).all(|j| word(j).is_some_and(|i| !self.lex.is_organisation(&self.lower(i))));
        no_org && b > 0 && word(b - 1).is_some_and(|i| self.lower(i) == "the")
    }
}

#[cfg(test)]
mod tests {
    use super::super::chain_tests::speaker;

    #[test]
    fn and_inside_an_organisation_name() {
        let text = "The Harbour Fishers and Boatmen Union said it would \"fight the new levy\".";
        assert_eq!(speaker(text, "fight the new levy").0.as_deref(), Some("The Harbour Fishers and Boatmen Union"));
    }

    #[test]
    fn a_name_after_an_organisation_noun_is_no_person() {
        // no person is named, so "he" stands for no one (not the firm)
        let text = "Shoe firm Kestrel Footwear reported a loss on Monday.\n\nSales fell in every region. \"Winter will be hard,\" he said.";
        assert_eq!(speaker(text, "Winter will"), (Some("he".to_owned()), None));
    }

    #[test]
    fn and_between_a_person_and_an_organisation_is_no_name() {
        let text = "On Monday Jane Okoro and Health Department officials said the water was \"safe to drink\".";
        assert_eq!(speaker(text, "safe to drink").0.as_deref(), Some("Health Department officials"));
    }
}
