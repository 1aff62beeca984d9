//! The per-document context the speaker rules read: tokens, quotes, and
//! the walks that collect a quote's sentence before and after it, a
//! sentence's subject and the phrase after a cue verb (the phrase before
//! it is in `backward.rs`).

use super::super::lex::{capitalized, Kind, Tok};
use super::super::lexicon::{Lexicon, PhraseKind};
use super::super::quotes::Quote;
use crate::corpus::ByteSpan;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Item {
    T(usize),
    Q(usize),
}

pub(super) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "gov", "gen", "lt", "col", "st", "jr", "sr", "inc", "co", "corp",
    "no", "vs", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "prof", "rev", "sgt", "capt", "adm", "maj",
    "pres", "supt", "ft", "mt", "sens", "messrs", "atty", "lt", "cmdr", "det", "insp", "ave", "blvd", "dept", "univ",
    "assn", "hon", "rt", "brig", "engr", "barr", "mdm", "cllr", "cr", "pte", "cpl",
];

/// Per-document context for attribution.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub quotes: &'a [Quote],
    pub lex: &'a Lexicon,
    /// For each quote: its outer range (marks included).
    pub(super) outer: Vec<(usize, usize)>,
    /// The document's mention chain, built when a pronoun needs it.
    pub(super) chain: std::cell::OnceCell<super::mentions::Chain>,
    /// How deep topic lookups nest now (`topic.rs`): a bound on chains of
    /// pronouns and descriptions resolved through one another.
    pub(super) topic_depth: std::cell::Cell<u8>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok], quotes: &'a [Quote], lex: &'a Lexicon) -> Ctx<'a> {
        let outer =
            quotes.iter().map(|q| (q.open, q.close.unwrap_or(q.span.end as usize).max(q.span.end as usize))).collect();
        Ctx { text, toks, quotes, lex, outer, chain: std::cell::OnceCell::new(), topic_depth: std::cell::Cell::new(0) }
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    pub(super) fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    /// Index of the first token starting at or after byte `b`.
    pub(super) fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.start < b)
    }

    /// The range a quote's context may use: its parent's text, or all.
    pub(super) fn scope(&self, q: usize) -> (usize, usize) {
        match self.quotes[q].parent {
            Some(p) => (self.quotes[p].span.start as usize, self.quotes[p].span.end as usize),
            None => (0, self.text.len()),
        }
    }

    /// A sibling quote (same parent, not `q`) whose outer range holds byte `b`.
    pub(super) fn sibling_at(&self, q: usize, b: usize) -> Option<usize> {
        let parent = self.quotes[q].parent;
        // quotes are sorted by start: look back from the last one opening at
        // or before `b` (a bounded number, so dense quoting stays linear)
        let upto = self.outer.partition_point(|o| o.0 <= b);
        (upto.saturating_sub(64)..upto)
            .rev()
            .find(|&s| s != q && self.quotes[s].parent == parent && self.outer[s].0 <= b && b < self.outer[s].1)
    }

    pub(super) fn is_sentence_end(&self, i: usize) -> bool {
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
        // "PM2.5", "Dawn.com": a dot inside a word ends nothing
        let glued = |a: &crate::attribution::lex::Tok, b: &crate::attribution::lex::Tok| a.end == b.start;
        if t.is('.')
            && i > 0
            && self.toks[i - 1].is_word()
            && glued(&self.toks[i - 1], &t)
            && self.toks.get(i + 1).is_some_and(|n| n.is_word() && glued(&t, n))
        {
            return false;
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
    pub(super) fn verb_at(&self, items: &[Item], p: usize) -> Option<usize> {
        let i = self.tok_of(items[p])?;
        if capitalized(self.word(i)) && !self.inverted_verb(items, p) {
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
                // a plural possessive: "match officials' reports"
                if (self.toks[j].is('’') || self.toks[j].is('\''))
                    && j > 0
                    && self.toks[j - 1].is_word()
                    && self.toks[j - 1].end == self.toks[j].start
                    && self.word(j - 1).ends_with('s')
                {
                    return None;
                }
            }
        }
        Some(len)
    }

    /// A capitalized cue verb opening its sentence before a name: "Said
    /// Fatima Al-Sayed, a teacher: ..." (inverted order).
    fn inverted_verb(&self, items: &[Item], p: usize) -> bool {
        let opens = items[..p].iter().all(|&it| self.tok_of(it).is_some_and(|j| !self.toks[j].is_word()));
        let next_name = items.get(p + 1).and_then(|&it| self.tok_of(it)).is_some_and(|j| {
            self.toks[j].is_word() && capitalized(self.word(j)) && !self.lex.is_determiner(&self.lower(j))
        });
        opens && next_name
    }

    /// Whether the word at token `i` is capitalized, or continues a
    /// capitalized word after a hyphen ("Soo-jin", "Al-Sayed").
    pub(super) fn cap_at(&self, i: usize) -> bool {
        capitalized(self.word(i))
            || (i >= 2
                && self.toks[i - 1].is('-')
                && self.toks[i - 1].start == self.toks[i - 2].end
                && self.toks[i].start == self.toks[i - 1].end
                && capitalized(self.word(i - 2)))
    }

    /// A dateline opening the paragraph of `items` ("LAGOS, Nigeria —",
    /// "MOSCOW, March 3 (TASS) -"): the position after its dash, else 0.
    pub(super) fn after_dateline(&self, items: &[Item]) -> usize {
        let Some(i) = items.first().and_then(|&it| self.tok_of(it)) else { return 0 };
        let w = self.word(i);
        let caps = self.toks[i].is_word() && w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase());
        let line_start = i == 0 || self.toks[i - 1].kind == Kind::Break;
        if !caps || !line_start {
            return 0;
        }
        // (or a colon right after the place: "KARACHI: …")
        items
            .iter()
            .take(16)
            .enumerate()
            .position(|(k, &it)| {
                self.tok_of(it).is_some_and(|j| {
                    (matches!(self.toks[j].kind, Kind::Punct('—' | '–' | '-')) || (k == 1 && self.toks[j].is(':')))
                        && self.toks.get(j + 1).is_some_and(|n| n.start > self.toks[j].end)
                })
            })
            .map_or(0, |d| d + 1)
    }

    /// The subject of the sentence `items[..end]`: after an introductory
    /// phrase ("In a statement Tuesday,", "But"), a determiner phrase ("The
    /// two lawmakers") or a run of capitalized words ("Judicial Watch
    /// President Tom Fitton").
    pub(super) fn subject(&self, items: &[Item], end: usize) -> Option<ByteSpan> {
        let word = |k: usize| {
            items.get(k).filter(|_| k < end).and_then(|&it| self.tok_of(it)).filter(|&i| self.toks[i].is_word())
        };
        let mut k = self.after_dateline(&items[..end]);
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
                            || super::centering::ly_adverb(&w))
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
                // (or a participle before a preposition: "Born in X in 1945, …")
                // (not a title's participle: "Acting Superintendent X, head of …")
                if w.ends_with("ing") && w.len() > 5 && !self.lex.is_title(&w)
                    || (super::centering::participle_opener(&w, word(k + 1).map(|n| self.lower(n)))
                        && !super::gender::is_first_name(self.word(i)))
                {
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
                    let cap = self.cap_at(i);
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
        let e = if e == k { self.abbreviation_after(items, e) } else { e };
        self.span_of(&items[start..e])
    }

    /// Tokens of the sentence before quote `q`, in text order.
    pub(super) fn before(&self, q: usize) -> Vec<Item> {
        self.before_n(q, 0)
    }

    /// With `extra` > 0 and nothing before the quote in its sentence: the
    /// sentence before it in the paragraph ("Coan argues that .... \"…\"").
    pub(super) fn before_n(&self, q: usize, extra: usize) -> Vec<Item> {
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
    pub(super) fn colon_before(&self, j: usize) -> bool {
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
    pub(super) fn after(&self, q: usize) -> Vec<Item> {
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
    pub(super) fn words_from(&self, items: &[Item], p: usize) -> Vec<String> {
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

    pub(super) fn phrase_at(&self, items: &[Item], p: usize, kind: PhraseKind) -> Option<usize> {
        let words = self.words_from(items, p);
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        if refs.is_empty() {
            return None;
        }
        // "11 per cent", "per capita": "per" before a lower-case noun is no source
        let next_lower = items.get(p + 1).and_then(|&it| self.tok_of(it)).is_some_and(|i| !capitalized(self.word(i)));
        if kind == PhraseKind::Source && next_lower && super::centering::per_measure(&refs) {
            return None;
        }
        self.lex.match_phrase(&refs, kind)
    }

    pub(super) fn tok_of(&self, it: Item) -> Option<usize> {
        match it {
            Item::T(i) => Some(i),
            Item::Q(_) => None,
        }
    }

    pub(super) fn span_of(&self, items: &[Item]) -> Option<ByteSpan> {
        let first = items.iter().find_map(|&it| self.tok_of(it))?;
        let last = items.iter().rev().find_map(|&it| self.tok_of(it))?;
        Some(ByteSpan::new(self.toks[first].start, self.toks[last].end))
    }

    pub(super) fn is_abbrev_dot(&self, items: &[Item], k: usize) -> bool {
        let Some(i) = self.tok_of(items[k]) else { return false };
        self.toks[i].is('.') && !self.is_sentence_end(i)
    }

    /// The phrase after position `p` up to a comma, colon, sentence end or
    /// quote (at most 12 words): the speaker after a verb or source phrase.
    pub(super) fn phrase_forward(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        let mut end = p;
        let mut words = 0;
        let first_pronoun = items
            .get(p)
            .and_then(|&it| self.tok_of(it))
            .is_some_and(|i| self.toks[i].is_word() && self.lex.is_pronoun(&self.lower(i)));
        while end < items.len() {
            let i = match items[end] {
                Item::T(i) => i,
                // a quoted name inside the phrase: `гендиректора «АвтоВАЗа» X`
                Item::Q(q) if self.name_quote(q) && !first_pronoun => {
                    words += 1;
                    end += 1;
                    continue;
                }
                Item::Q(_) => break,
            };
            let t = self.toks[i];
            match t.kind {
                // a preposition before a possessive opens an adverbial: "the
                // minister on his Facebook page", "дипломат в своём канале"
                Kind::Word
                    if words > 0
                        && self.lex.is_opener(&self.lower(i))
                        && items
                            .get(end + 1)
                            .and_then(|&it| self.tok_of(it))
                            .is_some_and(|n| self.toks[n].is_word() && self.lex.is_possessive(&self.lower(n))) =>
                {
                    break
                }
                // "заявил он по итогам встречи": a pronoun is the whole
                // phrase; "сообщил министр журналистам": the addressee after
                // the speaker is not part of it
                Kind::Word if words > 0 && (first_pronoun || self.lex.is_addressee(&self.lower(i))) => break,
                Kind::Word => words += 1,
                Kind::Punct('.') if self.is_abbrev_dot(items, end) => {}
                Kind::Punct('’' | '\'' | '-' | '&' | '№') => {}
                _ => break,
            }
            if words > 12 {
                break;
            }
            end += 1;
        }
        let bounds = |it: Item| match it {
            Item::T(i) => (self.toks[i].start, self.toks[i].end),
            Item::Q(q) => self.outer[q],
        };
        let (first, last) = (items[p..end].first()?, items[p..end].last()?);
        Some(ByteSpan::new(bounds(*first).0, bounds(*last).1)).filter(|_| words > 0)
    }

    /// Whether quote `q` is a quoted name (`«Интерфакс»`, `«АвтоВАЗа»`): at
    /// most three words, capitalized, without sentence punctuation.
    pub(super) fn name_quote(&self, q: usize) -> bool {
        let inner = &self.text[self.quotes[q].span.range()];
        inner.split_whitespace().count() <= 3
            && inner.chars().next().is_some_and(char::is_uppercase)
            && !inner.contains(['.', ',', '!', '?', ':', ';'])
    }

    /// Whether an earlier quote with the same parent ends in the paragraph
    /// of quote `q`.
    pub(super) fn quote_earlier_in_paragraph(&self, q: usize) -> bool {
        let open = self.quotes[q].open;
        (q.saturating_sub(64)..q).any(|p| {
            self.quotes[p].parent == self.quotes[q].parent
                && self.outer[p].1 <= open
                && !self.text[self.outer[p].1..open].contains('\n')
        })
    }

    /// Whether a comma stands before the verb at `p` (auxiliaries skipped).
    pub(super) fn comma_before_verb(&self, items: &[Item], p: usize) -> bool {
        let mut k = p;
        while k > 0 {
            let Some(i) = self.tok_of(items[k - 1]) else { return false };
            if self.toks[i].is(',') {
                return true;
            }
            let w = self.lower(i);
            if self.toks[i].is_word()
                && (self.lex.is_auxiliary(&w) || (super::centering::ly_adverb(&w) && !capitalized(self.word(i))))
            {
                k -= 1;
            } else {
                return false;
            }
        }
        false
    }

    pub(super) fn cue_span(&self, items: &[Item], p: usize, len: usize) -> Option<ByteSpan> {
        self.span_of(&items[p..p + len])
    }
}
