//! Helpers of the mention chain for full-length news articles: name
//! particles inside a name ("Pieter van der Merwe", "Nadeem ul Haque"),
//! places that look like names ("in Orlando East"), an age standing for
//! the person named before it ("the 58-year-old"), and salience: the
//! person an article is talking about in the last paragraphs is the
//! antecedent of a pronoun even when the text gives no gender for them.

use super::context::Ctx;
use super::mentions::{Chain, PersonMention};
use crate::corpus::ByteSpan;

/// Lower-case words that stand inside a name between capitalized words
/// (Dutch, German, Romance, Arabic, South Asian and Malay names).
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "ter", "de", "da", "du", "dos", "das", "del", "della", "di", "ul", "ud", "bin",
    "binti", "ibn", "bint", "al", "el",
];

/// Prepositions after which a capitalized run names a place, not a person
/// ("in Orlando East", "near Port Louis"); "from", "to", "with" and "by"
/// often take a person, so they are not here.
const LOCATIVES: &[&str] =
    &["in", "near", "across", "outside", "inside", "around", "throughout", "within", "towards", "toward"];

/// Whether `word` (as written) is a lower-case name particle.
pub(super) fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// Whether `word` is an age written as one hyphenated word: "58-year-old".
fn is_age(word: &str) -> bool {
    let mut parts = word.split('-');
    let n = parts.next().unwrap_or("");
    !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
        && parts.next().is_some_and(|y| y.eq_ignore_ascii_case("year"))
        && parts.next().is_some_and(|o| o.eq_ignore_ascii_case("old"))
}

impl<'a> Ctx<'a> {
    /// Whether token `i` is a name particle between capitalized words,
    /// other particles in between ("van der" in "Pieter van der Merwe"),
    /// each one space apart.
    pub(super) fn particle_at(&self, i: usize) -> bool {
        let toks = self.toks;
        let particle = |k: usize| toks[k].is_word() && is_particle(self.word(k));
        if !particle(i) {
            return false;
        }
        let spaced = |a: usize, b: usize| toks[b].start.checked_sub(toks[a].end) == Some(1);
        let mut b = i;
        while b > 0 && spaced(b - 1, b) && particle(b - 1) {
            b -= 1;
        }
        let mut a = i;
        while a + 1 < toks.len() && spaced(a, a + 1) && particle(a + 1) {
            a += 1;
        }
        let cap = |k: usize| toks[k].is_word() && super::super::lex::capitalized(self.word(k));
        b > 0 && spaced(b - 1, b) && cap(b - 1) && a + 1 < toks.len() && spaced(a, a + 1) && cap(a + 1)
    }

    /// Whether the capitalized run opening at token `first` follows a
    /// locative preposition: a place ("in Orlando East").
    pub(super) fn after_locative(&self, first: usize) -> bool {
        first
            .checked_sub(1)
            .filter(|&p| self.toks[p].is_word())
            .is_some_and(|p| LOCATIVES.contains(&self.lower(p).as_str()))
    }

    /// The title word of a description with a complement ending at the
    /// comma at token `c`: "Member of Parliament for St Andrew East Rural,
    /// Juliet X," (up to eight words back, capitalized or "of", "for",
    /// "the", "and"; no other punctuation).
    pub(super) fn title_with_complement(&self, c: usize) -> Option<usize> {
        let mut b = c;
        for _ in 0..8 {
            b = b.checked_sub(1)?;
            let t = self.toks[b];
            if !t.is_word() {
                return None;
            }
            let w = self.lower(b);
            if self.lex.is_title(&w) {
                return Some(b);
            }
            if !(super::super::lex::capitalized(self.word(b)) || matches!(w.as_str(), "of" | "for" | "the" | "and")) {
                return None;
            }
        }
        None
    }

    /// The token after a title's complement and its comma, from token
    /// `j` right after the title: "Minister for Food and Agriculture, Dr X"
    /// and "husband, Mr X" give the token of "Dr", "Mr"; `j` itself when no
    /// comma or "of"/"for" complement of capitalized words follows.
    pub(super) fn past_title_complement(&self, j: usize, end: usize) -> usize {
        let word = |k: usize| (k < end && self.toks[k].is_word()).then(|| self.lower(k));
        // an appositive name right after the title: "her husband, Mr Chidi X"
        if j + 1 < end && self.toks[j].is(',') && self.toks[j + 1].is_word() && self.cap_at(j + 1) {
            return j + 1;
        }
        if !matches!(word(j).as_deref(), Some("of" | "for")) {
            return j;
        }
        let mut k = j + 1;
        while let Some(w) = word(k) {
            if !(super::super::lex::capitalized(self.word(k)) || matches!(w.as_str(), "and" | "of" | "the")) {
                return j;
            }
            k += 1;
        }
        if k < end && self.toks[k].is(',') && k > j + 1 {
            k + 1
        } else {
            j
        }
    }

    /// The person a pronoun at byte `at` of gender `g` stands for when it
    /// opens its sentence after one whose subject is a title alone ("The
    /// Minister, however, cautioned dealers. ¶ "…," he warned."): the person
    /// that title names, when of the pronoun's gender or unknown.
    pub(super) fn previous_subject_person(&self, at: usize, g: super::super::lexicon::Gender) -> Option<String> {
        let t = self.tok_at(at);
        // the start of the pronoun's sentence, then of the one before
        let sentence_start = |from: usize| {
            let mut k = from;
            while k > 0 && (!self.is_sentence_end(k - 1) || self.in_quote(self.toks[k - 1].start)) {
                k -= 1;
            }
            k
        };
        let own = sentence_start(t);
        if own == 0 {
            return None;
        }
        let prev = sentence_start(own - 1);
        let items: Vec<super::context::Item> = (prev..own)
            .filter(|&k| self.toks[k].kind != super::super::lex::Kind::Break)
            .map(super::context::Item::T)
            .collect();
        if items.iter().any(|&it| self.tok_of(it).is_some_and(|k| self.in_quote(self.toks[k].start))) {
            return None;
        }
        let subject = self.subject(&items, items.len())?;
        let phrase = &self.text[subject.range()];
        let mut words = phrase.split_whitespace();
        let (Some(det), Some(head), None) = (words.next(), words.next(), words.next()) else { return None };
        if !det.eq_ignore_ascii_case("the") || !self.lex.is_title(&head.to_lowercase()) {
            return None;
        }
        let name = self.name_for_title(head, subject.start as usize)?;
        let chain = self.chain();
        let person = chain.persons.iter().find(|p| p.name.ends_with(&name) || name.ends_with(&p.name));
        person.is_none_or(|p| p.gender.is_none_or(|pg| pg == g)).then_some(name)
    }

    /// A definite description by age ("the 58-year-old", "the 42-year-old
    /// mother of three") stands for the nearest person named before it
    /// outside quotes and captions.
    pub(super) fn resolve_age(&self, span: ByteSpan) -> Option<String> {
        let phrase = &self.text[span.range()];
        let mut words = phrase.split_whitespace();
        if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("the")) || !words.next().is_some_and(is_age) {
            return None;
        }
        let at = span.start as usize;
        let chain = self.chain();
        chain.recent(at).next().map(|m| chain.persons[m.person].name.clone())
    }

    /// Salience: the person of unknown gender a pronoun at byte `at` stands
    /// for although a person of its gender is named further back. The
    /// article is talking about someone named in the pronoun's paragraph
    /// or the paragraph before it (captions and one-line labels skipped):
    /// when exactly one person is named there outside quotes and none of
    /// them has the pronoun's gender, that person is the antecedent
    /// ("Dr Tan Wei Ming ... said ...¶"…," he said" after "Mr Lim" three
    /// paragraphs earlier).
    pub(super) fn salient_unknown(
        &self,
        chain: &Chain,
        at: usize,
        fits_gender: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let from = self.recent_paragraphs_start(at);
        let upto = chain.mentions.partition_point(|m| m.at < at);
        let recent: Vec<&PersonMention> =
            chain.mentions[..upto].iter().filter(|m| m.at >= from && !m.in_quote).collect();
        let first = recent.first()?.person;
        if recent.iter().any(|m| m.person != first) || fits_gender(first) {
            return None;
        }
        chain.persons[first].gender.is_none().then_some(first)
    }

    /// The first byte of the paragraph before the one holding byte `at`
    /// (a short line without a sentence end, such as a caption, a label
    /// or a "READ MORE" line, does not count as a paragraph).
    fn recent_paragraphs_start(&self, at: usize) -> usize {
        let mut start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let mut seen = 0;
        while start > 0 && seen < 1 {
            let end = self.text[..start].trim_end().len();
            let prev = self.text[..end].rfind('\n').map_or(0, |i| i + 1);
            let line = self.text[prev..end].trim();
            let label = line.chars().count() < 80 && !line.ends_with(['.', '"', '”', '?', '!']);
            if !line.is_empty() && !label {
                seen += 1;
            }
            start = prev;
        }
        start
    }
}

#[cfg(test)]
mod tests {
    use super::is_age;

    #[test]
    fn ages() {
        assert!(is_age("58-year-old"));
        assert!(is_age("7-Year-Old"));
        assert!(!is_age("year-old"));
        assert!(!is_age("58-year"));
        assert!(!is_age("five-year-old"));
    }
}
