//! Asides between a speaker and its cue verb, and cue verbs that are not
//! the verb of the speaker: a parenthetical between commas (`X, however,
//! said`, `the spokesperson, Y, in a statement on Tuesday, said`), a cue
//! verb inside the clause another cue verb reports (`alleged that the
//! mining had continued "…"`), and a participle after a prepositional
//! object (`said in a video posted to Facebook that …`).

use super::context::{Ctx, Item};

/// Words opening a parenthetical between a subject and its verb: sentence
/// adverbs and the prepositions of an adverbial ("in a statement").
const ASIDE_OPENERS: &[&str] = &[
    "however",
    "meanwhile",
    "though",
    "too",
    "also",
    "moreover",
    "nevertheless",
    "nonetheless",
    "instead",
    "therefore",
    "separately",
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "via",
    "through",
    "speaking",
    "addressing",
    "writing",
];

/// Prepositions whose object a participle may follow ("in a video posted
/// to", "on a page shared by").
const OBJECT_PREPOSITIONS: &[&str] = &["in", "on", "at", "via", "through", "with", "by"];

/// How many items a parenthetical may span.
const ASIDE_REACH: usize = 12;

impl<'a> Ctx<'a> {
    fn lower_item(&self, items: &[Item], k: usize) -> Option<String> {
        let i = items.get(k).and_then(|&it| self.tok_of(it))?;
        self.toks[i].is_word().then(|| self.lower(i))
    }

    fn comma_item(&self, items: &[Item], k: usize) -> bool {
        items.get(k).and_then(|&it| self.tok_of(it)).is_some_and(|i| self.toks[i].is(','))
    }

    /// A parenthetical right before the cue verb at `p` (auxiliaries
    /// skipped): `, however,` or `, in a statement on Tuesday evening,`.
    /// Returns the position of its opening comma, so that the subject is
    /// looked for before it.
    pub(super) fn aside_before(&self, items: &[Item], p: usize) -> Option<usize> {
        let mut e = p;
        while e > 0 && self.lower_item(items, e - 1).is_some_and(|w| self.lex.is_auxiliary(&w)) {
            e -= 1;
        }
        let close = e.checked_sub(1).filter(|&c| self.comma_item(items, c))?;
        for open in (close.saturating_sub(ASIDE_REACH)..close).rev() {
            let i = self.tok_of(items[open])?;
            if self.toks[i].is_word() {
                if self.lex.match_phrase(&[self.lower(i).as_str()], super::super::lexicon::PhraseKind::Verb).is_some() {
                    return None;
                }
                continue;
            }
            if !self.toks[i].is(',') {
                return None;
            }
            let first = self.lower_item(items, open + 1)?;
            return (open + 2 <= close && open >= 1 && ASIDE_OPENERS.contains(&first.as_str())).then_some(open);
        }
        None
    }

    /// Whether the cue verb at `p` is not the speaker's verb: it stands in
    /// the clause an earlier cue verb reports ("alleged that the mining had
    /// continued") and does not itself introduce the quote with a colon or
    /// comma, or it is a participle after the object of a preposition ("in
    /// a video posted to Facebook").
    pub(super) fn embedded_verb(&self, items: &[Item], p: usize, len: usize) -> bool {
        let introduces = items
            .get(p + len)
            .and_then(|&it| self.tok_of(it))
            .is_some_and(|i| self.toks[i].is(':') || self.toks[i].is(','));
        if !introduces {
            let reported = (1..p).any(|t| {
                self.lower_item(items, t).as_deref() == Some("that")
                    && (0..t).rev().take(3).any(|v| self.verb_at(items, v).is_some_and(|l| v + l == t))
            });
            if reported {
                return true;
            }
        }
        // PREP DET? WORD? NOUN VERB-ed: all lower case
        let Some(verb) = self.lower_item(items, p) else { return false };
        if !verb.ends_with("ed") {
            return false;
        }
        let mut k = p;
        for _ in 0..3 {
            let Some(w) = k.checked_sub(1).and_then(|b| self.lower_item(items, b)) else { return false };
            k -= 1;
            let i = self.tok_of(items[k]).unwrap_or(0);
            if super::super::lex::capitalized(self.word(i)) {
                return false;
            }
            if OBJECT_PREPOSITIONS.contains(&w.as_str()) {
                return k + 1 < p && self.lower_item(items, k + 1).is_some_and(|d| self.lex.is_determiner(&d));
            }
        }
        false
    }
}
