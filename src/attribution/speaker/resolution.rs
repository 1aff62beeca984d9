//! Resolution: what a speaker phrase is (name, description, pronoun) and
//! the named person it stands for.

use super::super::lex::capitalized;
use super::context::Ctx;
use super::SpeakerKind;
use crate::corpus::ByteSpan;

impl<'a> Ctx<'a> {
    pub(super) fn kind_of(&self, span: ByteSpan) -> SpeakerKind {
        let phrase = &self.text[span.range()];
        let words: Vec<&str> = phrase.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if words.len() == 1 && self.lex.is_pronoun(&words[0].to_lowercase()) {
            return SpeakerKind::Pronoun;
        }
        if words.iter().all(|w| capitalized(w) || w.chars().all(|c| c.is_numeric())) {
            SpeakerKind::Name
        } else {
            SpeakerKind::Description
        }
    }

    /// The capitalized run ending a phrase (or its part before a comma):
    /// the name in "Russian presidential spokesman Dmitry Peskov".
    pub(super) fn name_in(&self, span: ByteSpan) -> Option<String> {
        let phrase = &self.text[span.range()];
        let head = phrase.split(',').next().unwrap_or(phrase);
        let words: Vec<&str> = head.split_whitespace().collect();
        let mut run: Vec<&str> = Vec::new();
        for w in words.iter().rev() {
            if capitalized(w) && !self.lex.is_pronoun(&w.to_lowercase()) {
                run.push(w);
            } else {
                break;
            }
        }
        if run.is_empty() || (run.len() == words.len() && words.len() == 1 && span.start == 0) {
            return None;
        }
        run.reverse();
        let name = run.join(" ");
        // a title alone ("The Kremlin") is no person: want a last word that is not the head of a description
        Some(name.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()).filter(|n| !n.is_empty())
    }

    /// A name after the title `head` before byte `before` ("spokesman
    /// Dmitry Peskov" for "the Kremlin spokesman").
    pub(super) fn name_for_title(&self, head: &str, before: usize) -> Option<String> {
        let head: String = head.to_lowercase().chars().take(5).collect();
        if head.chars().count() < 4 {
            return None;
        }
        let end = self.tok_at(before);
        for i in (end.saturating_sub(4000)..end.saturating_sub(1)).rev() {
            if !self.toks[i].is_word() || !self.lower(i).starts_with(&head) {
                continue;
            }
            let mut run = Vec::new();
            let mut j = i + 1;
            while j < end && self.toks[j].is_word() && capitalized(self.word(j)) && run.len() < 4 {
                run.push(self.word(j));
                j += 1;
            }
            if !run.is_empty() {
                return Some(run.join(" "));
            }
        }
        None
    }
}
