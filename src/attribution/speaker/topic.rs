//! The topic of the sentence before: centering for descriptions and for
//! quotes after a sentence without one. A definite description ("the
//! witness", "the old tailor") with no earlier "witness X" stands, like a
//! pronoun, for the person the sentence before it is about: its subject (a
//! name, a pronoun or a description, each resolved), else the one person
//! it names; a quote-only paragraph after a paragraph whose last sentence's
//! subject is a pronoun or a definite description ("He remembers the day
//! clearly.") continues that person; and a "he"/"she" opening a sentence
//! after one whose subject is a person gives that person a gender when the
//! text gives none in the person's own sentences (before the first-name
//! list, which is wrong for names used by both sexes in some countries).

use super::super::lex::capitalized;
use super::super::lexicon::Gender;
use super::context::{Ctx, Item};
use super::mentions::Chain;
use super::{CueSource, Speaker, SpeakerKind};
use crate::corpus::ByteSpan;

/// How deep topic lookups may nest (a description resolved through a
/// pronoun resolved through a description …): each step goes one sentence
/// back, and the bound keeps a long run of such sentences linear.
const TOPIC_DEPTH: u8 = 3;

impl<'a> Ctx<'a> {
    /// The person the sentence before byte `at` is about, when of gender
    /// `g` or of unknown gender (`g` `None`: any person): the subject of
    /// that sentence (a name; a "he"/"she" or a definite description,
    /// resolved), else the one person it names outside quotes (not in a
    /// possessive). A sentence that is all quote is stepped back over.
    pub(super) fn topic_person(&self, at: usize, g: Option<Gender>) -> Option<String> {
        let depth = self.topic_depth.get();
        if depth >= TOPIC_DEPTH {
            return None;
        }
        self.topic_depth.set(depth + 1);
        let found = self.topic_of_items(&self.previous_sentence_items(at), g);
        self.topic_depth.set(depth);
        found
    }

    /// The person the sentence `items` (outside quotes) is about; see
    /// [`Ctx::topic_person`].
    fn topic_of_items(&self, items: &[Item], g: Option<Gender>) -> Option<String> {
        let (first, last) = (self.tok_of(*items.first()?)?, self.tok_of(*items.last()?)?);
        let (from, to) = (self.toks[first].start, self.toks[last].end);
        let chain = self.chain();
        let fits = |p: usize| g.is_none() || chain.persons[p].gender.is_none_or(|pg| Some(pg) == g);
        let fits_name = |name: &str| chain.persons.iter().position(|p| p.name == name).is_none_or(fits);
        if let Some(s) = self.subject(items, items.len()) {
            let (sa, se) = (s.start as usize, s.end as usize);
            if let Some(m) = chain.mentions.iter().find(|m| m.at >= sa && m.at < se && !self.possessive_at(m.end)) {
                return fits(m.person).then(|| chain.persons[m.person].name.clone());
            }
            let phrase = &self.text[s.range()];
            // a surname alone opening the sentence, which the chain does not
            // take for a mention: the person of that surname (`X, a Grade 10
            // learner, was mobbed …¶"…," the teenager said`)
            if !phrase.contains(' ') && capitalized(phrase) {
                let p = chain.persons.iter().rposition(|p| p.name.contains(' ') && p.name.ends_with(phrase));
                if let Some(p) = p {
                    return fits(p).then(|| chain.persons[p].name.clone());
                }
            }
            match self.kind_of(s) {
                SpeakerKind::Pronoun => {
                    let pg = self.lex.pronoun_gender(&phrase.to_lowercase());
                    if pg.is_some() && (g.is_none() || pg == g) && self.singular_pronoun(phrase) {
                        return self.resolve_pronoun(phrase, sa, None);
                    }
                }
                SpeakerKind::Description => {
                    if let Some(name) = self.definite_description_person(s) {
                        return fits_name(&name).then_some(name);
                    }
                }
                SpeakerKind::Name => {}
            }
        }
        let mut named = chain.mentions.iter().filter(|m| m.at >= from && m.end <= to && !m.in_quote);
        let named: Vec<usize> = named.by_ref().filter(|m| !self.possessive_at(m.end)).map(|m| m.person).collect();
        let one = *named.first()?;
        (named.iter().all(|&p| p == one) && fits(one)).then(|| chain.persons[one].name.clone())
    }

    /// Whether a possessive "'s" follows byte `end` ("X's lawyer"): X is
    /// not the phrase's person.
    pub(super) fn possessive_at(&self, end: usize) -> bool {
        self.text[end..].starts_with("'s") || self.text[end..].starts_with("’s")
    }

    /// Whether `pronoun` stands for one person ("he", "she", «он», «она»;
    /// not "his", "her" or "him", which are no subjects).
    fn singular_pronoun(&self, pronoun: &str) -> bool {
        matches!(pronoun.to_lowercase().as_str(), "he" | "she" | "он" | "она")
    }

    /// The person a definite description opening with "the" ("the
    /// minister", "the 38-year-old", "the old tailor") stands for.
    pub(super) fn definite_description_person(&self, span: ByteSpan) -> Option<String> {
        let phrase = &self.text[span.range()];
        let mut words = phrase.split_whitespace();
        if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("the")) || phrase.contains(',') {
            return None;
        }
        let head = words.last()?;
        self.name_for_title(head, span.start as usize)
            .map(|n| self.fullest_name(&n, span.start as usize))
            .or_else(|| self.resolve_description(span))
            .or_else(|| self.resolve_age(span))
    }

    /// Continuation after a paragraph without quotes whose last sentence's
    /// subject is a "he"/"she" or a definite description ("He remembers
    /// the day clearly.¶"…"", "The 38-year-old thanked her parents.¶"…""):
    /// the person it stands for.
    pub(super) fn previous_paragraph_topic(&self, q: usize, context: &[ByteSpan]) -> Option<Speaker> {
        self.unquoted_paragraph_before(q)?;
        let items = self.previous_sentence_items(self.quotes[q].open);
        let s = self.subject(&items, items.len())?;
        let phrase = &self.text[s.range()];
        let (kind, name) = match self.kind_of(s) {
            SpeakerKind::Pronoun if self.singular_pronoun(phrase) => {
                (SpeakerKind::Pronoun, self.resolve_pronoun(phrase, s.start as usize, None)?)
            }
            SpeakerKind::Description => (SpeakerKind::Description, self.definite_description_person(s)?),
            _ => return None,
        };
        Some(Speaker {
            span: s,
            cue: None,
            kind,
            name: Some(name),
            via: CueSource::Inherited,
            context: context.to_vec(),
        })
    }

    /// Genders from centering: a "he"/"she" (он, она) outside quotes that
    /// opens its sentence after a sentence whose subject is a person
    /// stands for that person ("Dr X said the numbers would climb.¶He
    /// urged families …"). A person whose gender the text does not give
    /// otherwise (a title, a pronoun in the name's own sentence) takes the
    /// gender most such pronouns give, before the first-name list.
    pub(super) fn genders_from_centering(&self, chain: &mut Chain) {
        let mut votes: Vec<[u32; 2]> = vec![[0; 2]; chain.persons.len()];
        for (i, t) in self.toks.iter().enumerate() {
            // "he", "she", "он", "она": at most 6 bytes
            if !t.is_word() || t.end - t.start > 6 {
                continue;
            }
            let w = self.lower(i);
            if !self.singular_pronoun(&w) || self.in_quote(t.start) || !self.opens_sentence(i) {
                continue;
            }
            let Some(g) = self.lex.pronoun_gender(&w) else { continue };
            let items = self.previous_sentence_items(t.start);
            let Some(s) = self.subject(&items, items.len()) else { continue };
            let (sa, se) = (s.start as usize, s.end as usize);
            let hit = chain.mentions.iter().find(|m| m.at >= sa && m.at < se && !m.in_quote);
            // (not when two people share the surname: "Fiorina" may be
            // either of "Carly Fiorina" and her husband "Frank Fiorina")
            let shared = |p: usize| chain.persons.iter().filter(|o| o.surname == chain.persons[p].surname).count() > 1;
            if let Some(m) = hit.filter(|m| !self.possessive_at(m.end) && !shared(m.person)) {
                votes[m.person][(g == Gender::Feminine) as usize] += 1;
            }
        }
        for (p, v) in chain.persons.iter_mut().zip(votes) {
            if p.gender_from_text || v == [0, 0] || v[0] == v[1] {
                continue;
            }
            p.gender = Some(if v[1] > v[0] { Gender::Feminine } else { Gender::Masculine });
            p.gender_from_text = true;
        }
    }
}
