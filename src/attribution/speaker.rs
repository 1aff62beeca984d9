//! Speaker attribution: who a quote is credited to, found from cue words
//! around it.
//!
//! For each quote, in this order:
//!
//! 1. **after the quote, verb first**: `"…," said Biden, who …`;
//! 2. **after the quote, speaker first** (unless the quote ends its
//!    sentence): `"…," the Kremlin spokesman replied`, `"…," Smith told
//!    reporters`, `"…," UPI quoted an official as saying`, any past-tense
//!    verb after a clause-ending quote (`"…," Oliver barked`), or the
//!    clause ending the sentence (`"…" for the victory, Sanders said.`);
//! 3. **before the quote**, in its sentence: the last cue verb and its
//!    subject (`Peskov told TASS: "…"`, `Harman called it "…"`; after a
//!    comma the sentence's subject, `Trump, in Kentucky, said "…"`, or for
//!    a gerund the earlier cue's speaker, `Fiorina said, adding that "…"`),
//!    "X quoted Y as saying", or a source phrase and its object (`According
//!    to the newspaper, "…"`); a sentence ending in a colon (`The report from
//!    TASS reads below:`) carries over to a quote starting the next sentence
//!    or paragraph, and a quote opening a sentence with no quote before it in
//!    the paragraph looks at the previous sentence;
//! 4. the speaker of the quotation's earlier segment;
//! 5. with no cue, the subject of the quote's sentence when it names
//!    someone (`Moore thanked him for "…"`);
//! 6. rule 2 for a quote ending its sentence;
//! 7. the speaker of the previous quote in the paragraph, or of the last
//!    quote of the previous paragraph when this one opens a paragraph (the
//!    same speaker goes on).
//!
//! Cue verbs count only in lower case and not after a determiner ("his
//! remarks"), "to" ("as if to say") or before "to be".
//!
//! The speaker phrase is reported as written; a pronoun, or a description
//! without a name ("the Kremlin spokesman"), is resolved to the nearest
//! matching named person before it where the text supports it: for a
//! pronoun the last named speaker or name, for a description the name
//! following the same title ("spokesman Dmitry Peskov"). The context of a
//! quote nested in another is the enclosing quote's text. The cue words are
//! data ([`Lexicon`]), so other languages need no code.

use super::lex::{capitalized, Kind, Tok};
use super::lexicon::{Lexicon, PhraseKind};
use super::quotes::Quote;
use crate::corpus::ByteSpan;

/// What kind of phrase names the speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A name ("Dmitry Peskov").
    Name,
    /// A description, possibly with a name ("the Kremlin spokesman").
    Description,
    /// A pronoun.
    Pronoun,
}

/// How a speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CueSource {
    /// A cue after the quote.
    After,
    /// A cue before the quote.
    Before,
    /// Inherited from an earlier segment or quote.
    Inherited,
    /// No cue: the subject of the quote's sentence.
    Subject,
}

/// The speaker found for one quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker phrase as written.
    pub span: ByteSpan,
    /// The cue words.
    pub cue: Option<ByteSpan>,
    /// What the phrase is.
    pub kind: SpeakerKind,
    /// The named person it refers to, when known.
    pub name: Option<String>,
    /// How it was found.
    pub via: CueSource,
    /// Byte ranges of the context the cue was found in (outside the quote):
    /// where outlet cues for this quote are looked for.
    pub context: Vec<ByteSpan>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    T(usize),
    Q(usize),
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "gov", "gen", "lt", "col", "st", "jr", "sr", "inc", "co", "corp",
    "no", "vs", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "prof", "rev", "sgt", "capt", "adm", "maj",
    "pres", "supt", "ft", "mt", "sens", "messrs", "atty", "lt", "cmdr", "det", "insp", "ave", "blvd", "dept", "univ",
    "assn",
];

/// Per-document context for attribution.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub quotes: &'a [Quote],
    pub lex: &'a Lexicon,
    /// For each quote: its outer range (marks included).
    outer: Vec<(usize, usize)>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok], quotes: &'a [Quote], lex: &'a Lexicon) -> Ctx<'a> {
        let outer =
            quotes.iter().map(|q| (q.open, q.close.unwrap_or(q.span.end as usize).max(q.span.end as usize))).collect();
        Ctx { text, toks, quotes, lex, outer }
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    /// Index of the first token starting at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.start < b)
    }

    /// The range a quote's context may use: its parent's text, or all.
    fn scope(&self, q: usize) -> (usize, usize) {
        match self.quotes[q].parent {
            Some(p) => (self.quotes[p].span.start as usize, self.quotes[p].span.end as usize),
            None => (0, self.text.len()),
        }
    }

    /// A sibling quote (same parent, not `q`) whose outer range holds byte `b`.
    fn sibling_at(&self, q: usize, b: usize) -> Option<usize> {
        let parent = self.quotes[q].parent;
        // quotes are sorted by start: look back from the last one opening at
        // or before `b` (a bounded number, so dense quoting stays linear)
        let upto = self.outer.partition_point(|o| o.0 <= b);
        (upto.saturating_sub(64)..upto)
            .rev()
            .find(|&s| s != q && self.quotes[s].parent == parent && self.outer[s].0 <= b && b < self.outer[s].1)
    }

    fn is_sentence_end(&self, i: usize) -> bool {
        let t = self.toks[i];
        if !(t.is('.') || t.is('!') || t.is('?')) {
            return false;
        }
        if t.is('.') && i > 0 && self.toks[i - 1].is_word() && self.toks[i - 1].end == t.start {
            let w = self.lower(i - 1);
            if w.chars().count() == 1 || ABBREVIATIONS.contains(&w.as_str()) {
                return false;
            }
        }
        // "R-Wis., said", "(D-Mo.) said", "Inc. and": no sentence ends here
        match self.toks.get(i + 1) {
            Some(n) if n.is(',') || n.is(')') || n.is(';') => false,
            Some(n)
                if n.is_word()
                    && n.start > t.end
                    && !capitalized(n.text(self.text))
                    && n.text(self.text).chars().next().is_some_and(char::is_alphabetic) =>
            {
                false
            }
            _ => true,
        }
    }

    /// Whether the word at `i` is a cue verb used as a verb: written in
    /// lower case and not after a determiner or possessive ("his remarks",
    /// "Trump's comments").
    fn verb_at(&self, items: &[Item], p: usize) -> Option<usize> {
        let i = self.tok_of(items[p])?;
        if capitalized(self.word(i)) {
            return None;
        }
        let len = self.phrase_at(items, p, PhraseKind::Verb)?;
        // `as if to say`, `will continue to be`: not a cue
        let word_at = |k: usize| items.get(k).and_then(|&it| self.tok_of(it)).map(|j| self.lower(j));
        if p > 0 && word_at(p - 1).as_deref() == Some("to") {
            return None;
        }
        if word_at(p + len).as_deref() == Some("to") && word_at(p + len + 1).as_deref() == Some("be") {
            return None;
        }
        if p > 0 {
            if let Some(j) = self.tok_of(items[p - 1]) {
                let prev = self.lower(j);
                if self.toks[j].is_word() && self.lex.is_determiner(&prev) {
                    return None;
                }
                // possessive: "Trump’s comments"
                if prev == "s" && j > 0 && (self.toks[j - 1].is('’') || self.toks[j - 1].is('\'')) {
                    return None;
                }
            }
        }
        Some(len)
    }

    /// The subject of the sentence `items[..end]`: after an introductory
    /// phrase ("In a statement Tuesday,", "But"), a determiner phrase ("The
    /// two lawmakers") or a run of capitalized words ("Judicial Watch
    /// President Tom Fitton").
    fn subject(&self, items: &[Item], end: usize) -> Option<ByteSpan> {
        let word = |k: usize| {
            items.get(k).filter(|_| k < end).and_then(|&it| self.tok_of(it)).filter(|&i| self.toks[i].is_word())
        };
        let mut k = 0;
        for _ in 0..3 {
            // leading conjunctions and adverbs
            while k < end {
                match self.tok_of(items[k]) {
                    Some(i) if !self.toks[i].is_word() => k += 1,
                    Some(i) => {
                        let w = self.lower(i);
                        if (self.lex.is_boundary(&w)
                            || self.lex.is_opener(&w)
                            || self.lex.is_auxiliary(&w)
                            || w.ends_with("ly"))
                            && !self.lex.is_determiner(&w)
                            && k + 1 < end
                        {
                            // an introductory phrase: skip to its comma
                            let comma = (k..end).find(|&c| self.tok_of(items[c]).is_some_and(|i| self.toks[i].is(',')));
                            let first_is_prep = (self.lex.is_boundary(&w) || self.lex.is_opener(&w))
                                && !matches!(w.as_str(), "and" | "but" | "so" | "or" | "then");
                            match comma {
                                Some(c) if first_is_prep || w.ends_with("ly") || w.ends_with("ing") => k = c + 1,
                                _ => k += 1,
                            }
                        } else if w.ends_with("ing") && !capitalized(self.word(i)) {
                            k += 1;
                        } else {
                            break;
                        }
                    }
                    None => k += 1,
                }
            }
            // "Speaking at a rally, Trump said": a capitalized -ing opener
            if let Some(i) = word(k) {
                let w = self.lower(i);
                if w.ends_with("ing") && w.len() > 5 {
                    if let Some(c) = (k..end).find(|&c| self.tok_of(items[c]).is_some_and(|i| self.toks[i].is(','))) {
                        k = c + 1;
                        continue;
                    }
                }
            }
            break;
        }
        let start = k;
        let mut words = 0;
        let det = word(k).is_some_and(|i| self.lex.is_determiner(&self.lower(i)));
        while k < end && words < 10 {
            let Some(i) = self.tok_of(items[k]) else { break };
            let t = self.toks[i];
            match t.kind {
                Kind::Word => {
                    let w = self.lower(i);
                    let cap = capitalized(self.word(i));
                    if words > 0 && !cap {
                        let stop = self.lex.is_auxiliary(&w)
                            || self.lex.is_boundary(&w) && w != "of"
                            || self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some()
                            || (w.ends_with("ed") && w.len() > 4)
                            || !det;
                        if stop {
                            break;
                        }
                    }
                    words += 1;
                }
                Kind::Punct('.') if !self.is_sentence_end(i) => {}
                Kind::Punct('’' | '\'' | '-' | '&') => {}
                _ => break,
            }
            k += 1;
        }
        if words == 0 {
            return None;
        }
        let mut e = k;
        while e > start && self.tok_of(items[e - 1]).is_some_and(|i| !self.toks[i].is_word()) {
            e -= 1;
        }
        self.span_of(&items[start..e])
    }

    /// Tokens of the sentence before quote `q`, in text order.
    fn before(&self, q: usize) -> Vec<Item> {
        self.before_n(q, 0)
    }

    /// With `extra` > 0 and nothing before the quote in its sentence: the
    /// sentence before it in the paragraph ("Coan argues that .... \"…\"").
    fn before_n(&self, q: usize, extra: usize) -> Vec<Item> {
        let mut passed = 0;
        let (scope_start, _) = self.scope(q);
        let mut items = Vec::new();
        let mut j = self.tok_at(self.quotes[q].open);
        let content = |items: &Vec<Item>| items.iter().any(|it| matches!(it, Item::T(i) if self.toks[*i].is_word()));
        while j > 0 && items.len() < 80 {
            j -= 1;
            let t = self.toks[j];
            if t.start < scope_start {
                break;
            }
            if let Some(s) = self.sibling_at(q, t.start) {
                // a quote ending its sentence ends the walk: `"It is over." "We…`
                let inner = self.text[self.quotes[s].span.range()].trim_end();
                if inner.ends_with(['.', '!', '?']) && self.quotes[s].close.is_some() {
                    break;
                }
                items.push(Item::Q(s));
                j = self.tok_at(self.outer[s].0);
                continue;
            }
            if t.kind == Kind::Break || self.is_sentence_end(j) {
                // a colon ending the previous sentence or paragraph carries on
                if !content(&items) && self.colon_before(j) {
                    continue;
                }
                if passed < extra && t.kind != Kind::Break && !content(&items) {
                    passed += 1;
                    items.clear();
                    continue;
                }
                break;
            }
            items.push(Item::T(j));
        }
        items.reverse();
        items
    }

    /// Whether the text before token `j` (a break or sentence end) ends in
    /// a colon, skipping breaks and dots (`reads below:.`).
    fn colon_before(&self, j: usize) -> bool {
        let mut k = j;
        while k > 0 {
            k -= 1;
            let t = self.toks[k];
            if t.is(':') {
                return true;
            }
            if !(t.kind == Kind::Break || t.is('.')) {
                return false;
            }
        }
        false
    }

    /// Tokens of the sentence after quote `q`, up to its end, a break or
    /// another quote.
    fn after(&self, q: usize) -> Vec<Item> {
        let (_, scope_end) = self.scope(q);
        let Some(close) = self.quotes[q].close else { return Vec::new() };
        let mut items = Vec::new();
        let mut j = self.tok_at(close);
        while j < self.toks.len() && items.len() < 40 {
            let t = self.toks[j];
            if t.start >= scope_end || t.kind == Kind::Break {
                break;
            }
            // a later quote of the sentence is opaque: `calls "X" - is "Y", reported Z`
            if let Some(s) = self.sibling_at(q, t.start) {
                items.push(Item::Q(s));
                j = self.tok_at(self.outer[s].1);
                continue;
            }
            items.push(Item::T(j));
            if self.is_sentence_end(j) {
                break;
            }
            j += 1;
        }
        items
    }

    /// Lower-case words of `items` from position `p` while they are
    /// consecutive word tokens.
    fn words_from(&self, items: &[Item], p: usize) -> Vec<String> {
        let mut out = Vec::new();
        for it in &items[p..] {
            match it {
                Item::T(i) if self.toks[*i].is_word() => out.push(self.lower(*i)),
                _ => break,
            }
            if out.len() == 6 {
                break;
            }
        }
        out
    }

    fn phrase_at(&self, items: &[Item], p: usize, kind: PhraseKind) -> Option<usize> {
        let words = self.words_from(items, p);
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        if refs.is_empty() {
            return None;
        }
        self.lex.match_phrase(&refs, kind)
    }

    fn tok_of(&self, it: Item) -> Option<usize> {
        match it {
            Item::T(i) => Some(i),
            Item::Q(_) => None,
        }
    }

    fn span_of(&self, items: &[Item]) -> Option<ByteSpan> {
        let first = items.iter().find_map(|&it| self.tok_of(it))?;
        let last = items.iter().rev().find_map(|&it| self.tok_of(it))?;
        Some(ByteSpan::new(self.toks[first].start, self.toks[last].end))
    }

    fn is_abbrev_dot(&self, items: &[Item], k: usize) -> bool {
        let Some(i) = self.tok_of(items[k]) else { return false };
        self.toks[i].is('.') && !self.is_sentence_end(i)
    }

    /// The phrase after position `p` up to a comma, colon, sentence end or
    /// quote (at most 12 words): the speaker after a verb or source phrase.
    fn phrase_forward(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        let mut end = p;
        let mut words = 0;
        while end < items.len() {
            let Some(i) = self.tok_of(items[end]) else { break };
            let t = self.toks[i];
            match t.kind {
                Kind::Word => words += 1,
                Kind::Punct('.') if self.is_abbrev_dot(items, end) => {}
                Kind::Punct('’' | '\'' | '-' | '&') => {}
                _ => break,
            }
            if words > 12 {
                break;
            }
            end += 1;
        }
        self.span_of(&items[p..end]).filter(|_| words > 0)
    }

    /// The subject before a cue verb at position `p`, walking back.
    fn phrase_backward(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        let mut k = p;
        // auxiliaries and adverbs between the subject and the verb
        while k > 0 {
            let Some(i) = self.tok_of(items[k - 1]) else { break };
            let w = self.lower(i);
            if self.toks[i].is_word()
                && (self.lex.is_auxiliary(&w) || (w.ends_with("ly") && !capitalized(self.word(i))))
            {
                k -= 1;
            } else {
                break;
            }
        }
        let end = k;
        let mut words = 0;
        let mut commas = 0;
        while k > 0 {
            let Some(i) = self.tok_of(items[k - 1]) else { break };
            let t = self.toks[i];
            match t.kind {
                Kind::Word => {
                    let w = self.lower(i);
                    if self.lex.is_boundary(&w) && !capitalized(self.word(i)) {
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
                        // the name before the appositive, if capitalized
                        let before = items[..k - 1].iter().rev().find_map(|&it| self.tok_of(it));
                        if before.is_some_and(|b| self.toks[b].is_word() && capitalized(self.word(b))) {
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
            if words > 12 {
                break;
            }
            k -= 1;
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
        self.span_of(&items[s..e])
    }

    /// Whether an earlier quote with the same parent ends in the paragraph
    /// of quote `q`.
    fn quote_earlier_in_paragraph(&self, q: usize) -> bool {
        let open = self.quotes[q].open;
        (q.saturating_sub(64)..q).any(|p| {
            self.quotes[p].parent == self.quotes[q].parent
                && self.outer[p].1 <= open
                && !self.text[self.outer[p].1..open].contains('\n')
        })
    }

    /// Whether a comma stands before the verb at `p` (auxiliaries skipped).
    fn comma_before_verb(&self, items: &[Item], p: usize) -> bool {
        let mut k = p;
        while k > 0 {
            let Some(i) = self.tok_of(items[k - 1]) else { return false };
            if self.toks[i].is(',') {
                return true;
            }
            let w = self.lower(i);
            if self.toks[i].is_word()
                && (self.lex.is_auxiliary(&w) || (w.ends_with("ly") && !capitalized(self.word(i))))
            {
                k -= 1;
            } else {
                return false;
            }
        }
        false
    }

    fn cue_span(&self, items: &[Item], p: usize, len: usize) -> Option<ByteSpan> {
        self.span_of(&items[p..p + len])
    }

    /// Rule 1 and 2: a cue after the quote.
    fn after_cue(&self, items: &[Item], strict: bool, loose: bool) -> Option<(ByteSpan, ByteSpan)> {
        // skip leading punctuation
        let p0 = items.iter().position(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].is_word()))?;
        if items[..p0].iter().any(|&it| self.tok_of(it).is_some_and(|i| self.is_sentence_end(i))) {
            return None;
        }
        if let Some(found) = self.verb_first(items, p0, loose) {
            return Some(found);
        }
        // a signature: `"…" ― Jorge Falcon`, `"…" -President Obama`
        if p0 > 0
            && self
                .tok_of(items[p0 - 1])
                .is_some_and(|i| matches!(self.toks[i].kind, Kind::Punct('―' | '—' | '–' | '-' | '/')))
        {
            let i = self.tok_of(items[p0])?;
            if capitalized(self.word(i)) {
                let sp = self.phrase_forward(items, p0)?;
                // `"…" — Trump said` is a speaker-first cue, not a signature
                let has_verb = self.text[sp.range()]
                    .split_whitespace()
                    .any(|w| self.lex.match_phrase(&[w.to_lowercase().as_str()], PhraseKind::Verb).is_some());
                if !has_verb {
                    let dash = self.toks[self.tok_of(items[p0 - 1])?];
                    return Some((sp, ByteSpan::new(dash.start, dash.end)));
                }
            }
        }
        if strict {
            return None;
        }
        // `"…," UPI quoted an official as saying`
        if let Some(found) = self.quoted_as(&items[p0..], 6) {
            return Some(found);
        }
        // speaker first: `the Kremlin spokesman replied`; else the clause
        // ending the sentence: `"…" for the victory, Sanders said.`
        self.speaker_first(items, p0, loose).or_else(|| self.final_clause(&items[p0..], loose))
    }

    /// Any past-tense verb after a clause-ending quote: "beamed", "barked".
    fn ed_verb(&self, items: &[Item], p: usize, loose: bool) -> Option<usize> {
        let i = self.tok_of(*items.get(p)?)?;
        let w = self.word(i);
        (loose && w.len() >= 5 && w.ends_with("ed") && !capitalized(w)).then_some(1)
    }

    /// `said Biden`, `according to CNN` at position `p0`.
    fn verb_first(&self, items: &[Item], p0: usize, loose: bool) -> Option<(ByteSpan, ByteSpan)> {
        let next_capitalized =
            items.get(p0 + 1).and_then(|&it| self.tok_of(it)).is_some_and(|i| capitalized(self.word(i)));
        let len = self
            .verb_at(items, p0)
            .or_else(|| self.phrase_at(items, p0, PhraseKind::Source))
            .or_else(|| self.ed_verb(items, p0, loose).filter(|_| next_capitalized))?;
        let sp = self.phrase_forward(items, p0 + len)?;
        // `said at the time`: a phrase opening with a preposition is no speaker
        let first = self.text[sp.range()].split_whitespace().next().unwrap_or("").to_lowercase();
        if self.lex.is_boundary(&first) || self.lex.is_opener(&first) && !self.lex.is_determiner(&first) {
            return None;
        }
        Some((sp, self.cue_span(items, p0, len)?))
    }

    /// `the Kremlin spokesman replied`: a phrase starting at `p0`, then a
    /// cue verb.
    fn speaker_first(&self, items: &[Item], p0: usize, loose: bool) -> Option<(ByteSpan, ByteSpan)> {
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
            if p == p0 {
                continue;
            }
            let ed = || self.ed_verb(items, p, loose).filter(|_| words <= 5 && first_capitalized);
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
                    .filter(|sp| sp.start as usize == from)
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
    fn final_clause(&self, items: &[Item], loose: bool) -> Option<(ByteSpan, ByteSpan)> {
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
            if let Some(found) = self.verb_first(clause, p1, loose).or_else(|| self.speaker_first(clause, p1, loose)) {
                return Some(found);
            }
        }
        None
    }

    /// "X quoted Y as saying": the speaker is Y, the cue "quoted ... as
    /// saying" (the quoting verbs are the lexicon's `quoting` list).
    fn quoted_as(&self, items: &[Item], within: usize) -> Option<(ByteSpan, ByteSpan)> {
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

    fn before_cue(&self, items: &[Item]) -> Option<(ByteSpan, ByteSpan)> {
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
                if let Some(sp) = self.phrase_forward(items, p + len) {
                    return Some((sp, self.cue_span(items, p, len)?));
                }
                continue;
            }
            if let Some(len) = self.verb_at(items, p) {
                // `X, who ..., said` and `..., calling it`: the sentence's subject
                let comma_before = self.comma_before_verb(items, p);
                let sp = if comma_before {
                    // `Fiorina said, adding that …`: the earlier cue's speaker
                    let earlier = if self.word(i).ends_with("ing") { self.before_cue(&items[..p]) } else { None };
                    earlier
                        .map(|(sp, _)| sp)
                        .or_else(|| self.subject(items, p))
                        .or_else(|| self.phrase_backward(items, p))
                } else {
                    self.phrase_backward(items, p).or_else(|| self.subject(items, p))
                };
                if let Some(sp) = sp.or_else(|| self.phrase_forward(items, p + len)) {
                    return Some((sp, self.cue_span(items, p, len)?));
                }
            }
        }
        None
    }

    fn kind_of(&self, span: ByteSpan) -> SpeakerKind {
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
    fn name_in(&self, span: ByteSpan) -> Option<String> {
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
    fn name_for_title(&self, head: &str, before: usize) -> Option<String> {
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

/// Find the speaker of every quote (same order as `ctx.quotes`), and the
/// context of each quote (its sentence outside the quote, and with an
/// inherited speaker also the context it was found in).
pub(crate) fn speakers(ctx: &Ctx<'_>) -> (Vec<Option<Speaker>>, Vec<Vec<ByteSpan>>) {
    let n = ctx.quotes.len();
    let mut out: Vec<Option<Speaker>> = vec![None; n];
    let mut contexts: Vec<Vec<ByteSpan>> = vec![Vec::new(); n];
    let mut last_name: Vec<(usize, String)> = Vec::new(); // (byte, name) of named speakers and names
    for q in 0..n {
        let quote = ctx.quotes[q];
        let content = &ctx.text[quote.span.range()];
        let ends_sentence = content.trim_end().ends_with(['.', '。']);
        let after = ctx.after(q);
        let before = ctx.before(q);
        let ctx_spans = |items: &[Item]| ctx.span_of(items).into_iter().collect::<Vec<_>>();
        // a quote that ends a clause (`"…," X barked`) allows any -ed verb after it
        let loose = content.trim_end().ends_with([',', '?', '!', '—']);
        let mut found = ctx.after_cue(&after, true, loose).map(|c| (c, CueSource::After));
        if found.is_none() && !ends_sentence {
            found = ctx.after_cue(&after, false, loose).map(|c| (c, CueSource::After));
        }
        if found.is_none() {
            found = ctx.before_cue(&before).map(|c| (c, CueSource::Before));
        }
        let mut prev_sentence = Vec::new();
        if found.is_none()
            && !before.iter().any(|&it| ctx.tok_of(it).is_some_and(|i| ctx.toks[i].is_word()))
            && !ctx.quote_earlier_in_paragraph(q)
        {
            // the previous sentence of the paragraph
            prev_sentence = ctx.before_n(q, 1);
            found = ctx.before_cue(&prev_sentence).map(|c| (c, CueSource::Before));
        }
        // the side the cue is on first: outlets are looked for in this order
        let mut context = ctx_spans(&before);
        if matches!(found, Some((_, CueSource::After))) {
            let mut first = ctx_spans(&after);
            first.append(&mut context);
            context = first;
        } else {
            context.extend(ctx_spans(&after));
        }
        if found.is_some() {
            context.extend(ctx_spans(&prev_sentence));
        }
        let describe = |span: ByteSpan, last_name: &[(usize, String)]| {
            let kind = ctx.kind_of(span);
            let name = match kind {
                SpeakerKind::Name => ctx.name_in(span),
                SpeakerKind::Description => ctx.name_in(span).or_else(|| {
                    let phrase = &ctx.text[span.range()];
                    let head = phrase.split(',').next().unwrap_or(phrase).split_whitespace().last().unwrap_or("");
                    ctx.name_for_title(head, span.start as usize)
                }),
                SpeakerKind::Pronoun => ctx
                    .subject(&before, before.len())
                    .filter(|s| s.start < span.start && ctx.kind_of(*s) == SpeakerKind::Name)
                    .and_then(|s| ctx.name_in(s))
                    .or_else(|| last_name.iter().rev().find(|(b, _)| *b < span.start as usize).map(|(_, n)| n.clone())),
            };
            (kind, name)
        };
        let speaker = match found {
            Some(((span, cue), via)) => {
                let (kind, name) = describe(span, &last_name);
                Some(Speaker { span, cue: Some(cue), kind, name, via, context: context.clone() })
            }
            None => {
                let group = inherit_group(ctx, &out, q);
                let subject = || {
                    let span = ctx.subject(&before, before.len())?;
                    let (kind, name) = describe(span, &last_name);
                    let phrase = &ctx.text[span.range()];
                    let mut words = phrase.split_whitespace();
                    let first = words.next().unwrap_or("");
                    let named =
                        words.any(capitalized) || (capitalized(first) && !ctx.lex.is_determiner(&first.to_lowercase()));
                    (named || kind == SpeakerKind::Pronoun).then(|| Speaker {
                        span,
                        cue: None,
                        kind,
                        name,
                        via: CueSource::Subject,
                        context: context.clone(),
                    })
                };
                let late_after = || {
                    let ((span, cue), via) = ctx.after_cue(&after, false, loose).map(|c| (c, CueSource::After))?;
                    let (kind, name) = describe(span, &last_name);
                    Some(Speaker { span, cue: Some(cue), kind, name, via, context: context.clone() })
                };
                // the named subject of the previous sentence (`Clinton touted
                // her credentials. "…"`)
                let prev_subject = || {
                    let span = ctx.subject(&prev_sentence, prev_sentence.len())?;
                    let (kind, name) = describe(span, &last_name);
                    (kind == SpeakerKind::Name).then(|| Speaker {
                        span,
                        cue: None,
                        kind,
                        name,
                        via: CueSource::Subject,
                        context: context.clone(),
                    })
                };
                group
                    .or_else(subject)
                    .or_else(|| if ends_sentence { late_after() } else { None })
                    .or_else(prev_subject)
                    .or_else(|| {
                        inherit(ctx, &out, q).map(|mut s| {
                            s.via = CueSource::Inherited;
                            let mut own = context.clone();
                            own.append(&mut s.context);
                            s.context = own;
                            s
                        })
                    })
            }
        };
        contexts[q] = speaker.as_ref().map_or(context, |s| s.context.clone());
        if let Some(s) = &speaker {
            if let Some(name) = &s.name {
                last_name.push((s.span.start as usize, name.clone()));
            }
        }
        out[q] = speaker;
    }
    (out, contexts)
}

/// Rule 4: the speaker of the quotation's earlier segment.
fn inherit_group(ctx: &Ctx<'_>, found: &[Option<Speaker>], q: usize) -> Option<Speaker> {
    let quote = ctx.quotes[q];
    // segments of one quotation follow one another closely
    let s = (q.saturating_sub(64)..q).rev().find(|&p| ctx.quotes[p].group == quote.group && found[p].is_some())?;
    let mut s = found[s].clone()?;
    s.via = CueSource::Inherited;
    Some(s)
}

/// Rule 6: the speaker of the previous quote in the paragraph, or of the
/// previous paragraph's last quote.
fn inherit(ctx: &Ctx<'_>, found: &[Option<Speaker>], q: usize) -> Option<Speaker> {
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

#[cfg(test)]
mod tests {
    use super::super::lex::lex;
    use super::super::quotes::{extract_quotes, QuoteConfig};
    use super::*;

    type Row = (String, Option<String>, Option<String>, Option<String>);

    fn run(text: &str) -> Vec<Row> {
        let lexicon = Lexicon::builtin();
        let quotes = extract_quotes(text, &QuoteConfig { dialogue_dashes: lexicon.dialogue.clone() });
        let toks = lex(text);
        let ctx = Ctx::new(text, &toks, &quotes, &lexicon);
        speakers(&ctx)
            .0
            .into_iter()
            .zip(&quotes)
            .map(|(s, q)| {
                let quote = text[q.span.range()].to_owned();
                match s {
                    Some(s) => (
                        quote,
                        Some(text[s.span.range()].to_owned()),
                        s.cue.map(|c| text[c.range()].to_owned()),
                        s.name,
                    ),
                    None => (quote, None, None, None),
                }
            })
            .collect()
    }

    fn speaker_of(text: &str) -> Option<String> {
        run(text)[0].1.clone()
    }

    macro_rules! t {
        ($name:ident, $text:expr, $speaker:expr, $cue:expr) => {
            #[test]
            fn $name() {
                let r = run($text);
                assert_eq!(r[0].1.as_deref(), $speaker, "speaker of {:?}", $text);
                assert_eq!(r[0].2.as_deref(), $cue, "cue of {:?}", $text);
            }
        };
    }

    t!(after_name_verb, "“We will win,” Trump said on Friday.", Some("Trump"), Some("said"));
    t!(
        after_verb_name,
        "“We will win,” said Sen. Bernie Sanders, who spoke first.",
        Some("Sen. Bernie Sanders"),
        Some("said")
    );
    t!(
        after_description,
        "\"It is over,\" the Kremlin spokesman replied.",
        Some("the Kremlin spokesman"),
        Some("replied")
    );
    t!(after_pronoun, "“Yes,” he added.", Some("he"), Some("added"));
    t!(after_aux, "“Not now,” Smith has also said.", Some("Smith"), Some("said"));
    t!(before_colon, "Peskov told TASS: “Yes, this is true.”", Some("Peskov"), Some("told"));
    t!(
        before_called,
        "Former Rep. Jane Harman called it “the least bad option.”",
        Some("Former Rep. Jane Harman"),
        Some("called")
    );
    t!(before_that, "Cruz said he is certain Rubio will be “a champion for us.”", Some("Cruz"), Some("said"));
    t!(
        according_to,
        "According to the newspaper, “the gun laws are weak.”",
        Some("the newspaper"),
        Some("According to")
    );
    t!(
        appositive,
        "Minyon Moore, a senior adviser to the campaign, called it “a true wake-up call.”",
        Some("Minyon Moore"),
        Some("called")
    );
    t!(after_clause_boundary, "In an interview on Sunday, Trump said “it is rigged.”", Some("Trump"), Some("said"));
    t!(russian, "Песков заявил: «Да, это так».", Some("Песков"), Some("заявил"));
    t!(russian_dialogue, "— Да, это так, — сказал Песков.", Some("Песков"), Some("сказал"));
    t!(no_cue, "The word “freedom” is on the wall.", None, None);
    t!(any_ed_verb_after_clause_quote, "“Honestly, we may lose,” Oliver barked.", Some("Oliver"), Some("barked"));
    t!(
        ed_verb_first,
        "“What a night,” beamed Donald Hartley of Madison.",
        Some("Donald Hartley of Madison"),
        Some("beamed")
    );
    t!(opener_skipped, "At the rally, Trump called it “a disgrace to the nation.”", Some("Trump"), Some("called"));
    t!(
        capitalized_verb_is_no_cue,
        "Clinton told city leaders that the United States “should be governed by the wise.”",
        Some("Clinton"),
        Some("told")
    );
    t!(final_clause, "“A big night” for the victory, Sanders said.", Some("Sanders"), Some("said"));
    t!(
        final_clause_verb_first,
        "“It” was to be a warning, said Susan Crawford, his agent.",
        Some("Susan Crawford"),
        Some("said")
    );
    t!(
        gerund_after_cue_takes_its_speaker,
        "The senator will play the card, Fiorina said, adding that it “will not work.”",
        Some("Fiorina"),
        Some("adding")
    );
    t!(
        opener_then_appositive,
        "At one point on Sunday, Trump, who has millions of followers, tweeted, “Is this the end?”",
        Some("Trump"),
        Some("tweeted")
    );
    t!(
        infinitive_is_no_cue,
        "Cruz said he is certain Rubio will continue to be “a champion for us.”",
        Some("Cruz"),
        Some("said")
    );
    t!(
        name_before_who_clause,
        "“We will win.” Cruz, who has proposed repealing it, said at the time.",
        Some("Cruz"),
        Some("said")
    );
    t!(signature_dash, "“We need a new leader.” ― Jorge Falcon, Texas", Some("Jorge Falcon"), Some("―"));
    t!(
        whole_stretch_before_verb,
        "\"Vote for her,\" a voice-over in the ad states.",
        Some("a voice-over in the ad"),
        Some("states")
    );
    t!(
        stretch_with_and,
        "\"It failed.\" the Florida senator and Republican candidate said in a statement.",
        Some("the Florida senator and Republican candidate"),
        Some("said")
    );
    t!(dash_then_cue, "“We will win” — Trump said on Monday.", Some("Trump"), Some("said"));
    t!(subject_without_cue, "Moore thanked him for “taking these steps.”", Some("Moore"), None);
    t!(
        gerund_cue_takes_subject,
        "Trump went after Bush, calling him “a low energy guy.”",
        Some("Trump"),
        Some("calling")
    );
    t!(comma_cue_takes_subject, "Trump, in Kentucky, said Rubio was “a choke artist.”", Some("Trump"), Some("said"));
    t!(noun_is_no_cue, "Trump’s comments are “disgraceful,” the statement said.", Some("the statement"), Some("said"));

    #[test]
    fn second_segment_inherits() {
        let r = run("“A b c,” Canova said. “D e f.”\n\n“G h i.”\n\nThe end came, and “J k l” was over.");
        assert_eq!(r[1].1.as_deref(), Some("Canova"));
        assert_eq!(r[2].1.as_deref(), Some("Canova"));
        assert_eq!(r[3].1, None);
    }

    #[test]
    fn previous_sentence_cue_when_quote_starts_a_sentence() {
        let r = run("Coan argues that his client was never violent. “They were the ones provoking,” he wrote.");
        assert_eq!(r[0].1.as_deref(), Some("he"));
        let r = run("Coan argues that his client was never violent. “They were the ones provoking.”");
        assert_eq!((r[0].1.as_deref(), r[0].2.as_deref()), (Some("Coan"), Some("argues")));
    }

    #[test]
    fn pronoun_resolves_to_subject_of_its_sentence() {
        let r = run("Axel Berg spoke first. Fallon fired back: “As a guardian of it,” he wrote.");
        assert_eq!(r[0].3.as_deref(), Some("Fallon"));
    }

    #[test]
    fn description_resolves_to_named_person() {
        let text = "Spokesman Dmitry Peskov spoke. “Yes, this is true,” the Kremlin spokesman replied.";
        let r = run(text);
        assert_eq!(r[0].1.as_deref(), Some("the Kremlin spokesman"));
        assert_eq!(r[0].3.as_deref(), Some("Dmitry Peskov"));
    }

    #[test]
    fn pronoun_resolves_to_last_named_speaker() {
        let r = run("“A b c,” said Jeff Weaver. Later, “d e f,” he added.");
        assert_eq!(r[1].1.as_deref(), Some("he"));
        assert_eq!(r[1].3.as_deref(), Some("Jeff Weaver"));
        assert_eq!(speaker_of("“A b c,” said Jeff Weaver."), Some("Jeff Weaver".to_owned()));
    }
}
