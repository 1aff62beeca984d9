//! Interrupted quotes (`"…," he said, "…"`): the second half always gets
//! the speaker of the first, as found for the first; its own cue words are
//! that same cue, so it is never resolved again (a pronoun could otherwise
//! be resolved to another person named in between or after).

use super::super::lex::Kind;
use super::context::Ctx;
use super::{CueSource, Speaker};
use crate::corpus::ByteSpan;

impl Ctx<'_> {
    /// The speaker of quote `q` when it is a later segment of a quotation
    /// whose previous segment has a speaker and ends in a comma inside its
    /// marks, with only a cue between them in one sentence (no sentence end,
    /// no line break, no other quote): that segment's speaker, with
    /// `context` (the quote's own) before its context.
    pub(super) fn interrupted_half(
        &self,
        found: &[Option<Speaker>],
        q: usize,
        context: &[ByteSpan],
    ) -> Option<Speaker> {
        let quote = self.quotes[q];
        let prev = q.checked_sub(1)?;
        let first = self.quotes[prev];
        if first.group != quote.group || first.parent != quote.parent {
            return None;
        }
        let close = first.close?;
        if !self.text[first.span.range()].trim_end().ends_with(',') || close > quote.open {
            return None;
        }
        let (from, to) = (self.tok_at(close), self.tok_at(quote.open));
        let words = (from..to).filter(|&i| self.toks[i].is_word()).count();
        let clean = (from..to).all(|i| self.toks[i].kind != Kind::Break && !self.is_sentence_end(i));
        if !clean || words == 0 || words > 12 {
            return None;
        }
        let mut s = found[prev].clone()?;
        // (the cue must lie between the halves: `"…," he said, "…"`)
        if !s.cue.is_some_and(|c| c.start as usize >= close && (c.end as usize) <= quote.open) {
            return None;
        }
        s.via = CueSource::Inherited;
        let mut own = context.to_vec();
        own.append(&mut s.context);
        s.context = own;
        Some(s)
    }
}
