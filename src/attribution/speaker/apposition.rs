//! Appositive names after a description (the b10 batch's English causes):
//!
//! * after a source phrase: `According to the state health officer, Dr X
//!   Y, "…"` or `According to the city's director of parks, X Y, work could
//!   start "…"`: the description is the name's role, so the speaker is the
//!   name between the two commas;
//! * before a cue verb with a second apposition: `Their coach, X Y, the
//!   only woman in charge of a league side, said`: the name between the
//!   first two commas (a single apposition, `X, a 38-year-old machine
//!   operator, said`, keeps the name before it: `backward.rs`).
//!
//! The name must pass the person test of an appositive name
//! ([`Ctx::appositive_name`]): capitalized words after a description whose
//! head is a common noun or a titled description.

use super::context::{Ctx, Item};
use crate::corpus::ByteSpan;

/// How many items a second apposition (`the only woman in charge of …`)
/// may have.
const SECOND_APPOSITION: usize = 24;
/// How many items an appositive name may have.
const NAME_ITEMS: usize = 8;

impl Ctx<'_> {
    /// Whether `items[k]` is the punctuation `c`.
    fn is_punct(&self, items: &[Item], k: usize, c: char) -> bool {
        items.get(k).and_then(|&it| self.tok_of(it)).is_some_and(|i| self.toks[i].is(c))
    }

    /// Whether `items[k]` ends a clause the apposition cannot cross: a
    /// quote, a sentence end, a colon or semicolon.
    fn closes_clause(&self, items: &[Item], k: usize) -> bool {
        match items.get(k) {
            Some(&Item::T(i)) => self.is_sentence_end(i) || self.toks[i].is(':') || self.toks[i].is(';'),
            Some(&Item::Q(_)) | None => true,
        }
    }

    /// The name in apposition right after the speaker phrase `sp` of a
    /// source phrase (`According to the X, NAME, …`): the name between the
    /// comma after `sp` and the next comma.
    pub(super) fn appositive_after(&self, items: &[Item], sp: ByteSpan) -> Option<ByteSpan> {
        let a = items.iter().position(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].start >= sp.end as usize))?;
        if !self.is_punct(items, a, ',') || a < 1 {
            return None;
        }
        let e = (a + 1..items.len().min(a + 2 + NAME_ITEMS)).find(|&k| self.is_punct(items, k, ','))?;
        if e == a + 1 || (a + 1..e).any(|k| self.closes_clause(items, k)) {
            return None;
        }
        self.appositive_name(items, a + 1, e + 1)
    }

    /// `DESCRIPTION, NAME, SECOND APPOSITION, verb` with the verb at `p`:
    /// the name (`Their coach, X Y, the only woman in charge of …, said`).
    /// The second apposition opens with a lower-case word.
    pub(super) fn double_appositive(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        let mut end = p;
        while end > 0 && self.tok_of(items[end - 1]).is_some_and(|i| self.lex.is_auxiliary(&self.lower(i))) {
            end -= 1;
        }
        let c2 = end.checked_sub(1).filter(|&c| self.is_punct(items, c, ','))?;
        let c1 = (c2.saturating_sub(SECOND_APPOSITION)..c2).rev().find(|&k| self.is_punct(items, k, ','))?;
        if c1 + 1 == c2 || (c1 + 1..c2).any(|k| self.closes_clause(items, k)) {
            return None;
        }
        let opener = self.tok_of(items[c1 + 1]).filter(|&i| self.toks[i].is_word())?;
        if self.word(opener).starts_with(char::is_uppercase) || self.lex.is_relative(&self.lower(opener)) {
            return None;
        }
        let c0 = (c1.saturating_sub(NAME_ITEMS + 1)..c1).rev().find(|&k| self.is_punct(items, k, ','))?;
        if c0 + 1 == c1 || (c0 + 1..c1).any(|k| self.closes_clause(items, k)) {
            return None;
        }
        self.appositive_name(items, c0 + 1, c1 + 1)
    }
}
