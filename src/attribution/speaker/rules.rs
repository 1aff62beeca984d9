//! The speaker rules: each finds a speaker phrase and its cue for one
//! quote from one kind of evidence, and is one function named after what it
//! matches. [`super::speakers`] tries them in order.

use super::super::lex::{capitalized, Kind};
use super::super::lexicon::PhraseKind;
use super::context::{Ctx, Item};
use super::{Cue, CueSource, QuoteEnd, Speaker};
use crate::corpus::ByteSpan;

impl<'a> Ctx<'a> {
    /// Where the words after a quote start, unless a sentence ends first.
    fn after_start(&self, items: &[Item]) -> Option<usize> {
        let p0 = items.iter().position(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].is_word()))?;
        let ended = items[..p0].iter().any(|&it| self.tok_of(it).is_some_and(|i| self.is_sentence_end(i)));
        (!ended).then_some(p0)
    }

    /// Rule 1: a cue verb or source phrase right after the quote, the
    /// speaker after it: `"…," said Biden`, `"…," according to CNN`.
    pub(super) fn verb_after_quote(&self, items: &[Item], end: QuoteEnd) -> Option<Cue> {
        let p0 = self.after_start(items)?;
        self.verb_first(items, p0, end)
    }

    /// Rule 1b: a signature after a dash: `"…" ― Jorge Falcon`.
    pub(super) fn signature_after_quote(&self, items: &[Item]) -> Option<Cue> {
        let p0 = self.after_start(items)?;
        let dash = self.tok_of(*items.get(p0.checked_sub(1)?)?)?;
        if !matches!(self.toks[dash].kind, Kind::Punct('―' | '—' | '–' | '-' | '/')) {
            return None;
        }
        if !capitalized(self.word(self.tok_of(items[p0])?)) {
            return None;
        }
        let sp = self.phrase_forward(items, p0)?;
        // `"…" — Trump said` is a speaker-first cue, not a signature
        let has_verb = self.text[sp.range()]
            .split_whitespace()
            .any(|w| self.lex.match_phrase(&[w.to_lowercase().as_str()], PhraseKind::Verb).is_some());
        let dash = self.toks[dash];
        (!has_verb).then(|| (sp, ByteSpan::new(dash.start, dash.end)))
    }

    /// Rule 2: the speaker first, then the verb, after the quote: `"…," the
    /// Kremlin spokesman replied`, `"…," UPI quoted an official as saying`,
    /// or the clause ending the sentence: `"…" for the victory, Sanders
    /// said.`
    pub(super) fn speaker_after_quote(&self, items: &[Item], end: QuoteEnd) -> Option<Cue> {
        let p0 = self.after_start(items)?;
        self.quoted_as(&items[p0..], 6)
            .or_else(|| self.speaker_first(items, p0, end))
            .or_else(|| self.final_clause(&items[p0..], end))
    }

    /// Any past-tense verb after a clause-ending quote: "beamed", "barked".
    pub(super) fn ed_verb(&self, items: &[Item], p: usize, end: QuoteEnd) -> Option<usize> {
        let i = self.tok_of(*items.get(p)?)?;
        let w = self.word(i);
        // "Abu Dhabi-based", "state-owned": the second part of a compound
        // adjective is no verb
        let compound = i > 0 && self.toks[i - 1].is('-') && self.toks[i - 1].end == self.toks[i].start;
        (end == QuoteEnd::Clause && w.len() >= 5 && w.ends_with("ed") && !capitalized(w) && !compound
            || self.ru_past_after_dash(items, p))
        .then_some(1)
    }

    /// `said Biden`, `according to CNN` at position `p0`.
    pub(super) fn verb_first(&self, items: &[Item], p0: usize, end: QuoteEnd) -> Option<Cue> {
        let next_capitalized =
            items.get(p0 + 1).and_then(|&it| self.tok_of(it)).is_some_and(|i| capitalized(self.word(i)));
        // the longer of a verb and a source phrase: `говорится в заявлении X`;
        // a gerund (`"…," saying the city …`) is followed by what is said,
        // not by its speaker
        let gerund = self.tok_of(items[p0]).is_some_and(|i| {
            let w = self.word(i);
            w.ends_with("ing") && w.is_ascii()
        });
        let verb = self.verb_at(items, p0).filter(|_| !gerund);
        let source = self.phrase_at(items, p0, PhraseKind::Source);
        let len = verb.max(source).or_else(|| self.ed_verb(items, p0, end).filter(|_| next_capitalized))?;
        // `заявил журналистам глава МВД`: the addressee is no speaker
        let mut from = p0 + len;
        while items.get(from + 1).is_some()
            && self.tok_of(items[from]).is_some_and(|i| self.toks[i].is_word() && self.lex.is_addressee(&self.lower(i)))
        {
            from += 1;
        }
        // `пояснили ТАСС в прокуратуре области`: the office after "в"
        if let Some(sp) = self.impersonal_office(items, p0, len).or_else(|| self.ru_office_after(items, p0, len)) {
            return Some((sp, self.cue_span(items, p0, len)?));
        }
        let sp = self.phrase_forward(items, from)?;
        let sp = self.ru_after_phrase(items, from, sp);
        // `said at the time`: a phrase opening with a preposition is no
        // speaker, unless a title or name follows the adverbial (`ответил на
        // вопрос журналистов депутат Андрей Картаполов`)
        let first = self.text[sp.range()].split_whitespace().next().unwrap_or("").to_lowercase();
        if self.lex.is_boundary(&first) || self.lex.is_opener(&first) && !self.lex.is_determiner(&first) {
            let sp = self.speaker_past_adverbial(items, from, sp)?;
            return Some((sp, self.cue_span(items, p0, len)?));
        }
        Some((sp, self.cue_span(items, p0, len)?))
    }

    /// In the phrase `sp` after a verb (starting at item `p`) that opens
    /// with a preposition: the part from its first title word ("депутат",
    /// "minister") to its end, when a capitalized name ends it.
    pub(super) fn speaker_past_adverbial(&self, items: &[Item], p: usize, sp: ByteSpan) -> Option<ByteSpan> {
        // (a quoted name inside the phrase ends at its closing mark:
        // `нападающий «Спартака» X`)
        let end = items.iter().skip(p).position(|&it| match it {
            Item::T(i) => self.toks[i].start >= sp.end as usize,
            Item::Q(q) => self.outer[q].0 >= sp.end as usize,
        });
        let end = end.map_or(items.len(), |e| p + e);
        // the first title word, else what follows the preposition and its
        // noun (`написала в соцсетях олимпийская чемпионка X`)
        let title = (p + 1..end)
            .find(|&k| {
                self.tok_of(items[k]).is_some_and(|i| self.toks[i].is_word() && self.lex.is_title(&self.lower(i)))
            })
            .or_else(|| (p + 2 < end).then_some(p + 2))?;
        // adjectives before the title: `главный тренер`, `senior adviser`
        let title = self.adjectives_before(items, p + 1, title);
        let last = self.tok_of(items[end - 1])?;
        if !self.toks[last].is_word() || !capitalized(self.word(last)) {
            return None;
        }
        self.span_of(&items[title..end])
    }

    /// `the Kremlin spokesman replied`: a phrase starting at `p0`, then a
    /// cue verb.
    pub(super) fn speaker_first(&self, items: &[Item], p0: usize, end: QuoteEnd) -> Option<Cue> {
        let from = self.toks[self.tok_of(items[p0])?].start;
        let first_capitalized = capitalized(self.word(self.tok_of(items[p0])?));
        let mut words = 0;
        for p in p0..items.len() {
            let i = self.tok_of(items[p])?;
            let t = self.toks[i];
            if !t.is_word() {
                if self.is_sentence_end(i) || t.is(':') || t.is(';') {
                    return None;
                }
                continue;
            }
            words += 1;
            if words > 20 {
                return None;
            }
            // `a resident, who asked not to be named, told`: a verb of the
            // relative clause is not the cue
            if p == p0 || self.relative_verb(items, p) {
                continue;
            }
            let ed = || self.ed_verb(items, p, end).filter(|_| words <= 5 && first_capitalized);
            if let Some(len) = self.verb_at(items, p).or_else(ed) {
                // `Cruz, who has proposed it, said`: the name before the appositive
                let stretch = || {
                    // the whole stretch from the quote to the verb, when it has no
                    // comma and does not open with a preposition: `"…" a
                    // voice-over in the ad states`
                    let mut e = p;
                    while e > p0 && self.tok_of(items[e - 1]).is_some_and(|j| self.lex.is_auxiliary(&self.lower(j))) {
                        e -= 1;
                    }
                    let first = self.lower(self.tok_of(items[p0])?);
                    let comma = items[p0..e].iter().any(|&it| self.tok_of(it).is_some_and(|j| self.toks[j].is(',')));
                    let opens =
                        (self.lex.is_boundary(&first) || self.lex.is_opener(&first)) && !self.lex.is_determiner(&first);
                    if comma || opens || e == p0 {
                        return None;
                    }
                    self.span_of(&items[p0..e])
                };
                let sp = self
                    .phrase_backward(items, p)
                    .filter(|sp| sp.start as usize == from || self.apposition_from(items, p0, *sp))
                    .or_else(|| {
                        self.subject(&items[p0..], p - p0).filter(|sp| sp.start as usize == from && first_capitalized)
                    })
                    .or_else(stretch)?;
                return Some((sp, self.cue_span(items, p, len)?));
            }
            if words > 12 && !items[p0..p].iter().any(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].is(','))) {
                return None;
            }
        }
        None
    }

    /// The clause after one of the last commas of the sentence, when it is
    /// an attribution: `, Sanders said.` / `, said Susan Crawford, then …`.
    pub(super) fn final_clause(&self, items: &[Item], end: QuoteEnd) -> Option<Cue> {
        let commas: Vec<usize> =
            (0..items.len()).filter(|&k| self.tok_of(items[k]).is_some_and(|i| self.toks[i].is(','))).collect();
        for &c in commas.iter().rev().take(3) {
            let clause = &items[c + 1..];
            let Some(p1) = clause.iter().position(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].is_word())) else {
                continue;
            };
            let words = clause.iter().filter(|&&it| self.tok_of(it).is_some_and(|i| self.toks[i].is_word())).count();
            if words > 14 {
                continue;
            }
            if let Some(found) = self.verb_first(clause, p1, end).or_else(|| self.speaker_first(clause, p1, end)) {
                return Some(found);
            }
        }
        None
    }

    /// "X quoted Y as saying": the speaker is Y, the cue "quoted ... as
    /// saying" (the quoting verbs are the lexicon's `quoting` list).
    pub(super) fn quoted_as(&self, items: &[Item], within: usize) -> Option<Cue> {
        let mut words = 0;
        for p in 0..items.len() {
            let Some(i) = self.tok_of(items[p]) else { continue };
            if !self.toks[i].is_word() {
                continue;
            }
            words += 1;
            if words > within {
                return None;
            }
            if !self.lex.is_quoting(&self.lower(i)) {
                continue;
            }
            let as_at = (p + 1..items.len().min(p + 14)).find(|&k| {
                self.tok_of(items[k]).is_some_and(|j| self.lower(j) == "as")
                    && k + 1 < items.len()
                    && self.verb_at(items, k + 1).is_some()
            })?;
            let speaker = self.span_of(&items[p + 1..as_at])?;
            let len = self.verb_at(items, as_at + 1)?;
            return Some((speaker, self.span_of(&items[p..as_at + 1 + len])?));
        }
        None
    }

    /// Whether the words before a Cyrillic cue verb at `p` open with a
    /// preposition ("Об этом ... рассказал X"): then they are an object and
    /// the speaker follows the verb.
    fn object_before(&self, items: &[Item], p: usize) -> bool {
        let Some(v) = self.tok_of(items[p]) else { return false };
        if !self.word(v).starts_with(|c: char| matches!(c, '\u{400}'..='\u{4ff}')) {
            return false;
        }
        let first = items[..p].iter().find_map(|&it| self.tok_of(it).filter(|&i| self.toks[i].is_word()));
        // (`В последнем слове Сухов заявил`: a person named right before
        // the verb is its subject)
        let person_before = v > 0 && self.chain().mentions.iter().any(|m| m.end == self.toks[v - 1].end);
        !person_before
            && first.is_some_and(|i| self.lex.is_boundary(&self.lower(i)) && !self.lex.is_determiner(&self.lower(i)))
            && items[..p].iter().all(|&it| self.tok_of(it).is_some_and(|i| !self.toks[i].is(',')))
    }

    /// A source phrase before position `p` whose words or object cover it.
    fn source_covering(&self, items: &[Item], p: usize) -> Option<Cue> {
        let at = self.toks[self.tok_of(items[p])?].start as u32;
        (p.saturating_sub(12)..p).find_map(|s| {
            let first = self.tok_of(items[s]).filter(|&i| self.toks[i].is_word())?;
            if !self.lex.starts_phrase(&self.lower(first), PhraseKind::Source) {
                return None;
            }
            let len = self.phrase_at(items, s, PhraseKind::Source)?;
            let object = self.forward_speaker(items, s, len)?;
            let cue = self.cue_span(items, s, len)?;
            (cue.end > at || object.end > at).then_some((object, cue))
        })
    }

    pub(super) fn before_cue(&self, items: &[Item]) -> Option<Cue> {
        if let Some(found) = self.quoted_as(items, usize::MAX) {
            return Some(found);
        }
        for p in (0..items.len()).rev() {
            let Some(i) = self.tok_of(items[p]) else { continue };
            if !self.toks[i].is_word() {
                continue;
            }
            // "so-called", "to say"
            if p > 0
                && self
                    .tok_of(items[p - 1])
                    .is_some_and(|j| self.toks[j].is('-') && self.toks[j].end == self.toks[i].start)
            {
                continue;
            }
            if let Some(len) = self.phrase_at(items, p, PhraseKind::Source) {
                if let Some(sp) = self.forward_speaker(items, p, len) {
                    // `According to the X, NAME, …` (apposition.rs)
                    let sp = self.appositive_after(items, sp).unwrap_or(sp);
                    return Some((sp, self.cue_span(items, p, len)?));
                }
                // `По его словам, «…»`: the pronoun inside the source phrase
                if let Some(pronoun) =
                    (p..p + len).find(|&k| self.tok_of(items[k]).is_some_and(|j| self.lex.is_pronoun(&self.lower(j))))
                {
                    return Some((self.span_of(&items[pronoun..pronoun + 1])?, self.cue_span(items, p, len)?));
                }
                continue;
            }
            if let Some(len) = self.verb_at(items, p) {
                // `alleged that the mining had continued "…"`, `in a video posted to`
                if self.embedded_verb(items, p, len) {
                    continue;
                }
                // a verb inside a source phrase (`Как заявили в X`) or its
                // object (`According to the police report, ...`)
                if let Some(found) = self.source_covering(items, p) {
                    return Some(found);
                }
                // `X, who ..., said` and `..., calling it`: the sentence's subject
                let comma_before = self.comma_before_verb(items, p);
                // `X, however, said`, `X, in a statement on Tuesday, said`
                let aside = self.aside_before(items, p);
                let sp = if let Some(c) = aside {
                    self.phrase_backward(items, c)
                } else if comma_before {
                    // `Fiorina said, adding that …`: the earlier cue's speaker
                    let earlier = if self.word(i).ends_with("ing") { self.before_cue(&items[..p]) } else { None };
                    earlier
                        .map(|(sp, _)| sp)
                        .or_else(|| self.before_relative(items, p))
                        .or_else(|| self.appositive_at(items, p))
                        .or_else(|| self.double_appositive(items, p))
                        .or_else(|| self.ru_appositive(items, p))
                        .or_else(|| self.ru_participle_subject(items, p))
                        .or_else(|| self.subject(items, p))
                        .or_else(|| self.phrase_backward(items, p))
                } else if self.object_before(items, p) || self.after_kak(items, p) {
                    // `Об этом РИА Новости рассказал глава комитета X`,
                    // `Впрочем, как подчеркнул вице-губернатор X`
                    self.ru_office_before(items, p).or_else(|| self.forward_speaker(items, p, len))
                } else {
                    self.ru_subject(items, p)
                        .or_else(|| self.phrase_backward(items, p))
                        .or_else(|| self.subject(items, p))
                        .map(|sp| self.past_preposition_object(sp))
                };
                if let Some(sp) = sp.or_else(|| self.phrase_forward(items, p + len)) {
                    return Some((sp, self.cue_span(items, p, len)?));
                }
            }
        }
        None
    }
}

/// Rule 4: the speaker of the quotation's earlier segment.
pub(super) fn inherit_group(ctx: &Ctx<'_>, found: &[Option<Speaker>], q: usize) -> Option<Speaker> {
    let quote = ctx.quotes[q];
    // segments of one quotation follow one another closely
    let s = (q.saturating_sub(64)..q).rev().find(|&p| ctx.quotes[p].group == quote.group && found[p].is_some())?;
    let mut s = found[s].clone()?;
    s.via = CueSource::Inherited;
    Some(s)
}

/// Rule 6: the speaker of the previous quote in the paragraph, or of the
/// previous paragraph's last quote.
pub(super) fn inherit(ctx: &Ctx<'_>, found: &[Option<Speaker>], q: usize) -> Option<Speaker> {
    let quote = ctx.quotes[q];
    let prev = (0..q).rev().find(|&p| ctx.quotes[p].parent == quote.parent)?;
    let gap = &ctx.text[ctx.quotes[prev].span.end as usize..quote.open];
    let breaks = gap.matches('\n').count();
    let paragraphs = gap.split('\n').filter(|l| !l.trim().is_empty()).count();
    let same_paragraph = breaks == 0;
    // the previous paragraph's last quote, this quote opening its paragraph
    let opens_paragraph = ctx.text[..quote.open].trim_end_matches([' ', '\t']).ends_with('\n');
    if same_paragraph || (opens_paragraph && paragraphs <= 1) {
        return found[prev].clone();
    }
    None
}
