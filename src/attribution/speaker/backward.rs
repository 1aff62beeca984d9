//! The phrase before a cue verb, walking back from it: the subject with
//! its titles and adverbials skipped (`Amit Shah on Sunday said`), and a
//! name in apposition to a description (`the coach, Luis Herrera, said`).
//! Moved out of `context.rs` unchanged but for the rules of issue 15 it
//! calls (`centering.rs`).

use super::super::lex::{capitalized, Kind};
use super::super::lexicon::PhraseKind;
use super::context::{Ctx, Item};
use crate::corpus::ByteSpan;

impl<'a> Ctx<'a> {
    /// The subject before a cue verb at position `p`, walking back.
    pub(super) fn phrase_backward(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        // `a resident, who asked not to be named, told`: the phrase before
        // the relative clause
        if let Some(sp) = self.before_relative(items, p) {
            return Some(sp);
        }
        let mut k = p;
        // auxiliaries and adverbs between the subject and the verb
        while k > 0 {
            let Some(i) = self.tok_of(items[k - 1]) else { break };
            let w = self.lower(i);
            if self.toks[i].is_word()
                && (self.lex.is_auxiliary(&w) || (super::centering::ly_adverb(&w) && !capitalized(self.word(i))))
            {
                k -= 1;
            } else if self.toks[i].is_word() && self.lex.is_time(&w) && k >= 2 {
                // `Amit Shah on Sunday said`: a time phrase before the verb
                k -= 1;
                if self.tok_of(items[k - 1]).is_some_and(|j| self.lex.is_boundary(&self.lower(j))) {
                    k -= 1;
                }
            } else {
                break;
            }
        }
        let end = k;
        // `an experience she described … as`: a nominative pronoun right
        // before the verb is its subject
        if let Some(sp) = self.pronoun_subject_at(items, end) {
            return Some(sp);
        }
        let mut words = 0;
        let mut commas = 0;
        while k > 0 {
            let Some(i) = self.tok_of(items[k - 1]) else { break };
            let t = self.toks[i];
            match t.kind {
                Kind::Word => {
                    let w = self.lower(i);
                    // "But Tanaka insisted": a conjunction opening the sentence is no name
                    // ("Chambers of Commerce and Industry": an "and" inside a name is)
                    // ("president and chief executive X": an "and" between titles too)
                    let joins = self.and_inside_name(items, k - 1) || self.and_between_titles(items, k - 1);
                    if self.lex.is_boundary(&w) && !(capitalized(self.word(i)) && self.lex.is_determiner(&w)) && !joins
                    {
                        break;
                    }
                    if self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some() && words > 0 {
                        break;
                    }
                    words += 1;
                }
                Kind::Punct(',') => {
                    // `X, a senior adviser, called`: one appositive
                    if k == end && commas == 0 {
                        commas += 1;
                    } else if commas == 1 && words > 0 && k < end {
                        // `the party's National Publicity Secretary, Comrade
                        // X, said`: a name in apposition to a capitalized
                        // description
                        if let Some(sp) = self.appositive_name(items, k, end) {
                            return Some(sp);
                        }
                        // the name before the appositive, if capitalized
                        let before = items[..k - 1].iter().rev().find_map(|&it| self.tok_of(it));
                        if before.is_some_and(|b| self.toks[b].is_word() && self.cap_at(b)) {
                            commas += 1;
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                Kind::Punct('.') if self.is_abbrev_dot(items, k - 1) => {}
                Kind::Punct('’' | '\'' | '-' | '&' | '(' | ')') => {}
                _ => break,
            }
            if words > 15 {
                break;
            }
            k -= 1;
        }
        // `the coach, Luis Herrera, said`, `X's agent, Y, told`: the name
        // in apposition to a description
        if commas == 1 && words > 0 && k >= 2 {
            return self.appositive_name(items, k, end);
        }
        // `warning, said`: a comma with no appositive before it is no subject
        if words == 0 || commas == 1 {
            return None;
        }
        // drop a leading comma left by a stopped appositive walk
        let mut s = k;
        while s < end && self.tok_of(items[s]).is_some_and(|i| !self.toks[i].is_word()) {
            s += 1;
        }
        let mut e = end;
        while e > s && self.tok_of(items[e - 1]).is_some_and(|i| !self.toks[i].is_word()) {
            e -= 1;
        }
        // keep the parenthesis closing an abbreviation: "the Agency (NEA)"
        if e < end && self.tok_of(items[e]).is_some_and(|i| self.toks[i].is(')')) {
            let inner = self.span_of(&items[s..e]).map(|sp| &self.text[sp.range()]);
            if inner.is_some_and(|t| t.matches('(').count() > t.matches(')').count()) {
                e += 1;
            }
        }
        let e = self.without_trailing_parenthesis(items, s, e);
        self.span_of(&items[s..e])
    }

    /// The appositive name before a verb at `p`: `the coach, Luis Herrera, said`.
    pub(super) fn appositive_at(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        let mut end = p;
        while end > 0 && self.tok_of(items[end - 1]).is_some_and(|i| self.lex.is_auxiliary(&self.lower(i))) {
            end -= 1;
        }
        if end < 4 || !self.tok_of(items[end - 1]).is_some_and(|i| self.toks[i].is(',')) {
            return None;
        }
        let mut k = end - 1;
        while k > 0 && self.tok_of(items[k - 1]).is_some_and(|i| !self.toks[i].is(',')) && end - k < 10 {
            k -= 1;
        }
        if k < 2 || !self.tok_of(items[k - 1]).is_some_and(|i| self.toks[i].is(',')) {
            return None;
        }
        self.appositive_name(items, k, end)
    }

    /// `DESCRIPTION, NAME, verb`: the name between the commas at `k - 1`
    /// and `end - 1`, when it is a person's name and the description before
    /// it ends in a common noun ("the coach", "Kowalski's lawyer").
    pub(super) fn appositive_name(&self, items: &[Item], k: usize, end: usize) -> Option<ByteSpan> {
        let comma = self.tok_of(items[k - 1])?;
        let head = self.tok_of(items[k - 2])?;
        if !self.toks[comma].is(',') || !self.toks[head].is_word() {
            return None;
        }
        if capitalized(self.word(head)) && !self.titled_description(items, k - 1) {
            return None;
        }
        let name = &items[k..end - 1];
        let all_cap = name.iter().all(|&it| {
            self.tok_of(it).is_some_and(|i| {
                !self.toks[i].is_word() || self.cap_at(i) || self.toks[i - 1].is('\'') || self.particle_at(i)
            })
        });
        let span = self.span_of(name)?;
        // the person test on the name after its titles: `Chief Cabinet
        // Secretary Yoshimasa Hayashi`; the last word is the surname, even
        // when it is also a title: `Dr Ada Oba`
        let titles = name[..name.len().saturating_sub(1)].iter().rposition(|&it| {
            self.tok_of(it).is_some_and(|i| self.toks[i].is_word() && self.lex.is_title(&self.lower(i)))
        });
        let bare = titles.map_or(Some(span), |t| self.span_of(&name[t + 1..]))?;
        (all_cap && self.could_be_person(bare)).then_some(span)
    }
}
