//! Phrases between a speaker and its cue that are not the speaker: a
//! relative clause (`X, who ..., said`), an adverbial before a speaker that
//! follows its verb (`заявил после игры тренер X`, `Как отметил в беседе с
//! «X» аналитик Y`), an addressee before the office an impersonal verb
//! names (`пояснили ТАСС в прокуратуре`), and the description a name
//! stands in apposition to (`the party's National Publicity Secretary,
//! Comrade X, said`, `"…," X's lawyer, Y, told`).

use super::super::lex::capitalized;
use super::context::{Ctx, Item};
use crate::corpus::ByteSpan;

/// How many items back a relative clause may open before its verb.
const RELATIVE_REACH: usize = 30;

/// Whether `w` starts with a Cyrillic letter.
fn cyrillic(w: &str) -> bool {
    w.chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}'))
}

impl<'a> Ctx<'a> {
    /// The word token at `items[k]`, if it is one.
    fn word_item(&self, items: &[Item], k: usize) -> Option<usize> {
        items.get(k).and_then(|&it| self.tok_of(it)).filter(|&i| self.toks[i].is_word())
    }

    /// Whether `items[k]` is the punctuation `c`.
    fn punct_item(&self, items: &[Item], k: usize, c: char) -> bool {
        items.get(k).and_then(|&it| self.tok_of(it)).is_some_and(|i| self.toks[i].is(c))
    }

    /// `NP, who ..., VERB` with the verb at `p`: the phrase before the
    /// relative clause ("a resident, who asked not to be named, told";
    /// "Kenyan athlete X, who broke the record, said"; «X, который ...,
    /// заявил»).
    pub(super) fn before_relative(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        let mut e = p;
        while e > 0 && self.word_item(items, e - 1).is_some_and(|i| self.lex.is_auxiliary(&self.lower(i))) {
            e -= 1;
        }
        let c1 = e.checked_sub(1)?;
        if !self.punct_item(items, c1, ',') {
            return None;
        }
        for c0 in (c1.saturating_sub(RELATIVE_REACH).max(1)..c1).rev() {
            let Some(i) = self.tok_of(items[c0]) else { continue };
            if self.is_sentence_end(i) || self.toks[i].is(':') || self.toks[i].is(';') {
                return None;
            }
            if self.toks[i].is(',')
                && self.word_item(items, c0 + 1).is_some_and(|r| self.lex.is_relative(&self.lower(r)))
            {
                // an age between the name and the clause: `X, 24, who …, said`
                let age = c0 >= 2
                    && self.punct_item(items, c0 - 2, ',')
                    && self
                        .word_item(items, c0 - 1)
                        .is_some_and(|a| self.word(a).chars().all(|ch| ch.is_ascii_digit()));
                return self.phrase_backward(items, if age { c0 - 2 } else { c0 });
            }
        }
        None
    }

    /// Whether the phrase before the comma at `items[c]` is a description
    /// a name may stand in apposition to although its last word is
    /// capitalized: it has a title word and ends in a title or organisation
    /// word ("the party's National Publicity Secretary", "A spokesman for
    /// the Nigerian Army"), so it is no person's name itself.
    pub(super) fn titled_description(&self, items: &[Item], c: usize) -> bool {
        let Some(head) = c.checked_sub(1).and_then(|h| self.word_item(items, h)) else { return false };
        let head = self.lower(head);
        // (or a title with a complement: "Member of Parliament for St Andrew East Rural")
        let complement = || self.tok_of(items[c]).and_then(|t| self.title_with_complement(t)).is_some();
        if !(self.lex.is_title(&head) || self.lex.is_organisation(&head) || complement()) {
            return false;
        }
        let mut k = c;
        let mut words = 0;
        let mut titled = false;
        let mut lower_case = false;
        while k > 0 && words < 10 {
            let Some(i) = self.tok_of(items[k - 1]) else { break };
            if !self.toks[i].is_word() {
                if self.toks[i].is('\'') || self.toks[i].is('’') || self.toks[i].is('-') {
                    k -= 1;
                    continue;
                }
                break;
            }
            let w = self.lower(i);
            titled |= self.lex.is_title(&w);
            lower_case |= !capitalized(self.word(i));
            words += 1;
            k -= 1;
        }
        // a determiner or possessive in it, or a lower-case word: a description
        let first = self.word_item(items, k).map(|i| self.lower(i)).unwrap_or_default();
        titled && (lower_case || self.lex.is_determiner(&first))
    }

    /// Whether the speaker `sp` found before a verb is a name in apposition
    /// to a description that opens at item `p0` (right after the quote):
    /// `"…," X's lawyer, Y, told`: one comma, right before the name.
    pub(super) fn apposition_from(&self, items: &[Item], p0: usize, sp: ByteSpan) -> bool {
        let Some(at) =
            items.iter().position(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].start >= sp.start as usize))
        else {
            return false;
        };
        if at < p0 + 2 || !self.punct_item(items, at - 1, ',') {
            return false;
        }
        let mut words = 0;
        for &it in &items[p0..at - 1] {
            let Some(i) = self.tok_of(it) else { return false };
            let t = self.toks[i];
            if t.is_word() {
                words += 1;
            } else if t.is(',') || self.is_sentence_end(i) || t.is(':') || t.is(';') {
                return false;
            }
        }
        (1..=10).contains(&words) && self.word_item(items, p0).is_some_and(|i| !self.lex.is_boundary(&self.lower(i)))
    }

    /// A speaker phrase `sp` after a cue (starting at item `from`) that
    /// opens with a preposition: the part from its first title word on
    /// (`в беседе с «X» аналитик Y` → `аналитик Y`), else `sp`.
    pub(super) fn past_adverbial(&self, items: &[Item], from: usize, sp: ByteSpan) -> ByteSpan {
        let Some(i) = self.word_item(items, from) else { return sp };
        let first = self.lower(i);
        if (self.lex.is_boundary(&first) || self.lex.is_opener(&first)) && !self.lex.is_determiner(&first) {
            return self.speaker_past_adverbial(items, from, sp).unwrap_or(sp);
        }
        sp
    }

    /// The first of the Russian adjectives right before the title at
    /// `title` (not before `lo`): `главный тренер`, `олимпийская чемпионка`.
    pub(super) fn adjectives_before(&self, items: &[Item], lo: usize, title: usize) -> usize {
        let mut t = title;
        while t > lo {
            let Some(i) = self.word_item(items, t - 1) else { break };
            let w = self.word(i);
            let adjective = cyrillic(w)
                && !capitalized(w)
                && w.chars().count() > 4
                && ["ый", "ий", "ой", "ая", "яя"].iter().any(|e| w.ends_with(e));
            if !adjective {
                break;
            }
            t -= 1;
        }
        t
    }

    /// An impersonal plural cue verb at `p` (`пояснили`, `заявили`), an
    /// addressee (an outlet: `ТАСС`, `«Интерфаксу»`), then `в`: the office
    /// after the preposition is the speaker (`пояснили ТАСС в прокуратуре
    /// области` → `прокуратуре области`).
    pub(super) fn impersonal_office(&self, items: &[Item], p: usize, len: usize) -> Option<ByteSpan> {
        let v = self.word_item(items, p + len - 1)?;
        let verb = self.word(v);
        if !cyrillic(verb) || capitalized(verb) || !verb.ends_with("ли") {
            return None;
        }
        let mut k = p + len;
        let mut skipped = 0;
        while skipped < 3 {
            match items.get(k) {
                Some(&Item::Q(q)) if self.name_quote(q) => {}
                Some(&Item::T(i)) if self.toks[i].is_word() && capitalized(self.word(i)) => {}
                Some(&Item::T(i)) if self.toks[i].is_word() && self.lex.is_addressee(&self.lower(i)) => {}
                _ => break,
            }
            k += 1;
            skipped += 1;
        }
        let prep = self.word_item(items, k)?;
        if skipped == 0 || !matches!(self.lower(prep).as_str(), "в" | "во") {
            return None;
        }
        let sp = self.phrase_forward(items, k + 1)?;
        Some(self.office_list_after(items, sp))
    }

    /// The speaker after a cue verb or source phrase `items[p..p + len]`:
    /// the office an impersonal verb names, else the phrase after it past
    /// an adverbial (`Как отметил в беседе с «X» аналитик Y`).
    pub(super) fn forward_speaker(&self, items: &[Item], p: usize, len: usize) -> Option<ByteSpan> {
        self.impersonal_office(items, p, len)
            .or_else(|| self.phrase_forward(items, p + len).map(|sp| self.past_adverbial(items, p + len, sp)))
    }

    /// Whether the verb at `p` opens a relative clause's predicate ("who
    /// asked", "которая рассказала"; auxiliaries skipped).
    pub(super) fn relative_verb(&self, items: &[Item], p: usize) -> bool {
        let mut k = p;
        while k > 0 {
            let Some(i) = self.word_item(items, k - 1) else { return false };
            let w = self.lower(i);
            if self.lex.is_relative(&w) {
                return true;
            }
            if !self.lex.is_auxiliary(&w) {
                return false;
            }
            k -= 1;
        }
        false
    }

    /// Whether the Cyrillic cue verb at `p` follows «как» ("как подчеркнул
    /// X"): its speaker follows it.
    pub(super) fn after_kak(&self, items: &[Item], p: usize) -> bool {
        p > 0
            && self.word_item(items, p).is_some_and(|v| cyrillic(self.word(v)))
            && self.word_item(items, p - 1).is_some_and(|k| self.lower(k) == "как")
    }
}
