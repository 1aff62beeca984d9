//! A partial quote inside a sentence (`The agency, in its weekly report,
//! said the region accounted for "nearly a third" confirmed cases this
//! year.`): its speaker is the subject of the cue verb before it, never
//! words after it, which go on with the sentence ("confirmed" there is an
//! adjective, not a cue).

use super::super::lex::capitalized;
use super::super::lexicon::PhraseKind;
use super::context::{Ctx, Item};
use super::QuoteEnd;

impl Ctx<'_> {
    /// Whether quote `q`, whose sentence goes on after it (`after`, not
    /// ending its sentence), is embedded in a sentence with words before it:
    /// no punctuation inside its end or right after its closing mark, the
    /// next word in lower case and not a source phrase (`"…" according to
    /// X`).
    pub(super) fn embedded_quote(&self, before: &[Item], after: &[Item], end: QuoteEnd, ends_sentence: bool) -> bool {
        if end != QuoteEnd::Other || ends_sentence {
            return false;
        }
        let words_before = before.iter().any(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].is_word()));
        let next = after.first().and_then(|&it| self.tok_of(it)).filter(|&i| self.toks[i].is_word());
        words_before
            && next.is_some_and(|i| !capitalized(self.word(i)))
            && self.phrase_at(after, 0, PhraseKind::Source).is_none()
    }
}
