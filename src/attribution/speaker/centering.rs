//! Centering: the person a text is about carries over from one sentence to
//! the next. A pronoun stands first for the subject of the sentence before
//! it ("Det Garda X told the court that Y had … ¶ He said …" is X, not Y),
//! or for the one person that sentence names; a quote after a paragraph
//! that opens with "She said …" continues that pronoun's person; and a
//! person found by a title or a surname is reported by the fullest name the
//! text gives ("the judge" after "Judge Catherine X" … "Judge X" is
//! "Catherine X").

use super::super::lex::{capitalized, Kind};
use super::super::lexicon::Gender;
use super::context::{Ctx, Item};
use super::{CueSource, Speaker, SpeakerKind};
use crate::corpus::ByteSpan;

/// How many sentences that are all quote the sentence before steps back
/// over.
const QUOTE_ONLY_STEPS: usize = 2;

impl<'a> Ctx<'a> {
    /// The first token of the sentence holding token `t` (sentence ends
    /// inside quotes do not count).
    fn sentence_start_tok(&self, t: usize) -> usize {
        let mut k = t;
        while k > 0 && (!self.is_sentence_end(k - 1) || self.in_quote(self.toks[k - 1].start)) {
            if self.toks[k - 1].kind == Kind::Break {
                break;
            }
            k -= 1;
        }
        k
    }

    /// The tokens (outside quotes) of the sentence before the one holding
    /// byte `at`, in the same or the previous paragraph; empty at the start.
    /// A sentence that is all quote ("…," X said. "…") is stepped back over,
    /// up to [`QUOTE_ONLY_STEPS`] times: its speaker is named before it.
    pub(super) fn previous_sentence_items(&self, at: usize) -> Vec<Item> {
        let mut pos = at;
        for _ in 0..=QUOTE_ONLY_STEPS {
            let Some((prev, end)) = self.previous_sentence_range(pos) else { return Vec::new() };
            let items: Vec<Item> = (prev..end)
                .filter(|&k| self.toks[k].kind != Kind::Break && !self.in_quote(self.toks[k].start))
                .map(Item::T)
                .collect();
            if items.iter().any(|&it| self.tok_of(it).is_some_and(|k| self.toks[k].is_word())) {
                return items;
            }
            pos = self.toks[prev].start;
        }
        Vec::new()
    }

    /// The token range of the sentence before the one holding byte `at`,
    /// in the same or the previous paragraph (captions skipped); `None` at
    /// the start.
    pub(super) fn previous_sentence_range(&self, at: usize) -> Option<(usize, usize)> {
        let t = self.tok_at(at);
        let own = self.sentence_start_tok(t);
        let mut end = own;
        // a paragraph break or a caption line is skipped back over
        while end > 0 && (self.toks[end - 1].kind == Kind::Break || self.in_caption(self.toks[end - 1].start)) {
            end -= 1;
            if end > 0 && self.toks[end - 1].kind != Kind::Break && self.in_caption(self.toks[end - 1].start) {
                end = self.sentence_start_tok(end - 1);
            }
        }
        if end == 0 {
            return None;
        }
        Some((self.sentence_start_tok(end - 1), end))
    }

    /// The person the subject of the sentence before byte `at` names, when
    /// known to be of gender `g`; else the one person that sentence names
    /// outside quotes (a possessive, "X's lawyer", is not one), when known
    /// to be of gender `g`. (A person of unknown gender is left to the
    /// rules of `resolve_pronoun`: the sentence before may name someone
    /// else of the pronoun's gender further back.)
    pub(super) fn previous_sentence_person(&self, at: usize, g: Gender) -> Option<String> {
        let items = self.previous_sentence_items(at);
        let (first, last) = (self.tok_of(*items.first()?)?, self.tok_of(*items.last()?)?);
        let (from, to) = (self.toks[first].start, self.toks[last].end);
        let chain = self.chain();
        let fits = |p: usize| chain.persons[p].gender == Some(g);
        let possessive = |end: usize| self.text[end..].starts_with("'s") || self.text[end..].starts_with("’s");
        let in_sentence: Vec<usize> = chain
            .mentions
            .iter()
            .filter(|m| m.at >= from && m.end <= to && !m.in_quote && !possessive(m.end))
            .map(|m| m.person)
            .collect();
        if let Some(s) = self.subject(&items, items.len()) {
            let hit = chain.mentions.iter().find(|m| m.at >= s.start as usize && m.at < s.end as usize);
            if let Some(m) = hit.filter(|m| !possessive(m.end)) {
                return fits(m.person).then(|| chain.persons[m.person].name.clone());
            }
            // "The premier said he would …": the person the title names
            let phrase = &self.text[s.range()];
            if let [det, head] = phrase.split_whitespace().collect::<Vec<_>>()[..] {
                if det.eq_ignore_ascii_case("the") && self.lex.is_title(&head.to_lowercase()) {
                    // (or the person the description stands for: "The
                    // epidemiologist said …" after "Dr X said")
                    let name = self
                        .name_for_title(head, s.start as usize)
                        .map(|n| self.fullest_name(&n, s.start as usize))
                        .or_else(|| self.resolve_description(s))?;
                    let person = chain.persons.iter().position(|p| p.name == name);
                    return person.is_none_or(|p| chain.persons[p].gender.is_none_or(|pg| pg == g)).then_some(name);
                }
            }
        }
        let one = *in_sentence.first()?;
        (in_sentence.iter().all(|&p| p == one) && fits(one)).then(|| chain.persons[one].name.clone())
    }

    /// The fullest name the text gives for `name` found at byte `at`: the
    /// chain's person of several words whose name ends with it, else the
    /// run of capitalized words ending in it earlier in the text
    /// ("Romario Heslop" for "Heslop").
    pub(super) fn fullest_name(&self, name: &str, at: usize) -> String {
        let chain = self.chain();
        if let Some(p) = chain.persons.iter().rev().find(|p| p.name.contains(' ') && p.name.ends_with(name)) {
            return p.name.clone();
        }
        if name.contains(' ') {
            return name.to_owned();
        }
        self.earlier_full_run(name, at).unwrap_or_else(|| name.to_owned())
    }

    /// The nearest run of two or three capitalized words before byte `at`
    /// ending in the word `surname` ("Kadeem Ottey" before "Ottey, who
    /// …"), titles, determiners and sentence-opening connectives left out.
    pub(super) fn earlier_full_run(&self, surname: &str, at: usize) -> Option<String> {
        let end = self.tok_at(at);
        for i in (end.saturating_sub(3000)..end).rev() {
            if !self.toks[i].is_word() || self.word(i) != surname {
                continue;
            }
            let mut s = i;
            while s > 0 && i - s < 2 && self.toks[s - 1].is_word() && self.toks[s].start == self.toks[s - 1].end + 1 {
                let w = self.lower(s - 1);
                if !capitalized(self.word(s - 1))
                    || self.lex.is_title(&w)
                    || self.lex.is_determiner(&w)
                    || self.lex.is_boundary(&w)
                    || self.lex.is_opener(&w)
                    || self.lex.is_time(&w)
                    || self.lex.is_organisation(&w)
                {
                    break;
                }
                s -= 1;
            }
            if s < i {
                return Some(self.text[self.toks[s].start..self.toks[i].end].to_owned());
            }
        }
        None
    }

    /// Continuation after a paragraph without quotes that opens with a
    /// personal pronoun and a cue verb ("She said she had borrowed …"):
    /// the person the pronoun stands for.
    pub(super) fn previous_paragraph_pronoun(&self, q: usize, context: &[ByteSpan]) -> Option<Speaker> {
        let (prev_start, _) = self.unquoted_paragraph_before(q)?;
        let t = self.tok_at(prev_start);
        let tok = self.toks.get(t).filter(|tok| tok.is_word() && tok.start >= prev_start)?;
        let pronoun = tok.text(self.text);
        self.lex.pronoun_gender(&pronoun.to_lowercase())?;
        if !self.cue_verb_after(t) {
            return None;
        }
        let name = self.resolve_pronoun(pronoun, tok.start, None)?;
        Some(Speaker {
            span: ByteSpan::new(tok.start, tok.end),
            cue: None,
            kind: SpeakerKind::Pronoun,
            name: Some(name),
            via: CueSource::Inherited,
            context: context.to_vec(),
        })
    }
}

impl<'a> Ctx<'a> {
    /// Whether the name at byte `at` follows a preposition ("coached by
    /// X", "a letter to X"): an object, whose gender a pronoun later in the
    /// sentence does not tell.
    pub(super) fn object_of_preposition(&self, at: usize) -> bool {
        let t = self.tok_at(at);
        t.checked_sub(1).filter(|&p| self.toks[p].is_word()).is_some_and(|p| {
            matches!(
                self.lower(p).as_str(),
                "by" | "to" | "with" | "from" | "for" | "against" | "of" | "about" | "at" | "on" | "than"
            )
        })
    }
}

/// Post-nominal letters that may close a person's name ("Brian X SC",
/// "Jane Y MP"): senior counsel, members of parliaments and assemblies,
/// honours.
pub(super) fn is_post_nominal(word: &str) -> bool {
    matches!(
        word,
        "SC" | "QC" | "KC" | "SAN" | "MP" | "MLA" | "MPP" | "MHA" | "MNA" | "TD" | "OBE" | "MBE" | "CBE" | "JP"
    )
}

/// Whether `word` is a Roman numeral of a rank ("Minister II").
fn is_roman(word: &str) -> bool {
    matches!(word, "II" | "III" | "IV")
}

impl<'a> Ctx<'a> {
    /// The end (exclusive item index) of the phrase `items[s..e]` without a
    /// trailing parenthesis after a name that is no abbreviation or short
    /// name: a person's age, party and constituency ("Hasnul X (PN-Pasir
    /// Mas)", "Darragh X (34)"); "the Agency (NEA)" keeps its parenthesis.
    pub(super) fn without_trailing_parenthesis(&self, items: &[Item], s: usize, e: usize) -> usize {
        if e <= s + 2 || !self.tok_of(items[e - 1]).is_some_and(|i| self.toks[i].is(')')) {
            return e;
        }
        let Some(open) = (s..e - 1).rev().find(|&k| self.tok_of(items[k]).is_some_and(|i| self.toks[i].is('('))) else {
            return e;
        };
        let inner: Vec<usize> = items[open + 1..e - 1].iter().filter_map(|&it| self.tok_of(it)).collect();
        // (one capitalized word: an abbreviation or short name, "(NEA)", "(Agritex)")
        let abbreviation = inner.len() == 1
            && self.toks[inner[0]].is_word()
            && self.word(inner[0]).chars().filter(|c| c.is_alphabetic()).count() >= 2
            && self.cap_at(inner[0]);
        let before = open.checked_sub(1).and_then(|b| self.tok_of(items[b]));
        let after_name = before.is_some_and(|b| self.toks[b].is_word() && self.cap_at(b));
        if abbreviation || !after_name || open <= s {
            return e;
        }
        open
    }

    /// The token after titles and rank numerals from token `j`: "II Datuk
    /// Seri" in "Finance Minister II Datuk Seri X" (each title's dot too).
    pub(super) fn past_titles(&self, mut j: usize, end: usize) -> usize {
        while j + 1 < end && self.toks[j].is_word() {
            let w = self.word(j);
            if !(is_roman(w) || self.lex.is_title(&w.to_lowercase()))
                || !self.toks[j + 1].is_word() && !self.toks[j + 1].is('.')
            {
                break;
            }
            j += 1;
            if self.toks[j].is('.') {
                j += 1;
            }
        }
        j
    }
}

/// Whether a lower-case word in -ly is an adverb ("reportedly"), not one
/// of the common nouns in -ly that head a speaker phrase ("her family",
/// "the assembly").
pub(super) fn ly_adverb(w: &str) -> bool {
    w.ends_with("ly")
        && !matches!(
            w,
            "family" | "ally" | "assembly" | "rally" | "supply" | "reply" | "monopoly" | "anomaly" | "bully" | "italy"
        )
}

impl<'a> Ctx<'a> {
    /// Whether the name at tokens `first..=last` is a vocative: an
    /// interviewer's address opening a dialogue turn that asks a question
    /// ("— Олег Николаевич, почему …?"), no mention of a person in the
    /// story.
    pub(super) fn vocative(&self, first: usize, last: usize) -> bool {
        let dash = first.checked_sub(1).filter(|&d| matches!(self.toks[d].kind, Kind::Punct('—' | '–')));
        let opens = dash.is_some_and(|d| d == 0 || self.toks[d - 1].kind == Kind::Break);
        if !opens || !self.toks.get(last + 1).is_some_and(|t| t.is(',')) {
            return false;
        }
        let from = self.toks[last].end;
        let line_end = self.text[from..].find('\n').map_or(self.text.len(), |i| from + i);
        self.text[from..line_end].trim_end().ends_with('?')
    }

    /// A Russian past-tense verb at `items[p]` after a quote's `, —`
    /// (`«…», — показал Кушнарев`): in Russian that dash introduces the
    /// words of speech, so any verb in the past tense there is the cue.
    pub(super) fn ru_past_after_dash(&self, items: &[Item], p: usize) -> bool {
        let Some(i) = items.get(p).and_then(|&it| self.tok_of(it)) else { return false };
        let w = self.word(i);
        let past = ["л", "ла", "ли", "лся", "лась", "лись"].iter().any(|e| w.ends_with(e));
        let cyrillic = w.starts_with(|c: char| matches!(c, '\u{430}'..='\u{44f}' | 'ё'));
        let dash = items[..p]
            .iter()
            .any(|&it| self.tok_of(it).is_some_and(|t| matches!(self.toks[t].kind, Kind::Punct('—' | '–'))));
        past && cyrillic && w.chars().count() >= 5 && dash
    }
}

impl<'a> Ctx<'a> {
    /// A Russian subject phrase found before a verb without the object of
    /// the preposition before it (`В последнем слове Сухов заявил` →
    /// `Сухов`): it starts at its first title word or named person.
    pub(super) fn past_preposition_object(&self, sp: ByteSpan) -> ByteSpan {
        let first = self.tok_at(sp.start as usize);
        let prep = first.checked_sub(1).filter(|&b| self.toks[b].is_word()).map(|b| self.lower(b));
        let cyrillic = self.word(first).starts_with(|c: char| matches!(c, '\u{430}'..='\u{44f}' | 'ё'));
        if !prep.is_some_and(|w| self.lex.is_boundary(&w) || self.lex.is_opener(&w)) || !cyrillic {
            return sp;
        }
        let end = self.tok_at(sp.end as usize);
        let chain = self.chain();
        let start = (first + 1..end).find(|&k| {
            self.toks[k].is_word()
                && (self.lex.is_title(&self.lower(k)) || chain.mentions.iter().any(|m| m.at == self.toks[k].start))
        });
        start.map_or(sp, |k| ByteSpan::new(self.toks[k].start, sp.end as usize))
    }

    /// An office name after «в» that goes on past a comma with a list of
    /// its lower-case words (`в Министерстве природных ресурсов, экологии
    /// и технического надзора, «…»`): the span through the list, when it
    /// holds «и», has no verb and ends at a comma, a quote or the end.
    pub(super) fn office_list_after(&self, items: &[Item], sp: ByteSpan) -> ByteSpan {
        let Some(k) =
            items.iter().position(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].start >= sp.end as usize))
        else {
            return sp;
        };
        if !self.tok_of(items[k]).is_some_and(|i| self.toks[i].is(',')) {
            return sp;
        }
        let mut end = None;
        let mut and = false;
        for (n, &it) in items[k + 1..].iter().enumerate() {
            let Some(i) = self.tok_of(it) else {
                end = (n > 0).then_some(n);
                break;
            };
            let t = self.toks[i];
            if !t.is_word() {
                end = (n > 0).then_some(n);
                break;
            }
            let w = self.word(i);
            let cyr = w.starts_with(|c: char| matches!(c, '\u{430}'..='\u{44f}' | 'ё'));
            if !cyr || n >= 8 || self.lex.match_phrase(&[w], super::super::lexicon::PhraseKind::Verb).is_some() {
                return sp;
            }
            and |= w == "и";
        }
        match end {
            Some(n) if and => {
                let last = self.tok_of(items[k + n]).map_or(sp.end as usize, |i| self.toks[i].end);
                ByteSpan::new(sp.start as usize, last)
            }
            _ => sp,
        }
    }
}

/// Whether lower-cased words `words` open with "per" in a measure ("per
/// cent", "per capita", "per day"), not the source "per" ("per Reuters",
/// "per the report").
pub(super) fn per_measure(words: &[&str]) -> bool {
    matches!(words, ["per", next, ..] if !matches!(*next, "the" | "a" | "an" | "his" | "her" | "their" | "its")
        && next.chars().all(|c| c.is_lowercase() || c == '-'))
}

impl<'a> Ctx<'a> {
    /// The end of a name with the abbreviation in parentheses right after
    /// it (`The State Bank of Pakistan (SBP)`): `e` moved past `(SBP)`, or
    /// `e` itself.
    pub(super) fn abbreviation_after(&self, items: &[Item], e: usize) -> usize {
        let tok = |k: usize| items.get(k).and_then(|&it| self.tok_of(it));
        let (Some(o), Some(w), Some(c)) = (tok(e), tok(e + 1), tok(e + 2)) else { return e };
        let abbreviation = self.toks[w].is_word()
            && self.word(w).chars().count() >= 2
            && self.word(w).chars().all(|ch| ch.is_uppercase() || ch.is_ascii_digit());
        let named = e > 0 && tok(e - 1).is_some_and(|p| self.toks[p].is_word() && self.cap_at(p));
        if self.toks[o].is('(') && self.toks[c].is(')') && abbreviation && named {
            e + 3
        } else {
            e
        }
    }
}

impl<'a> Ctx<'a> {
    /// The nominative pronoun ending `items[..end]` ("she" in "an
    /// experience she described"), when there is one.
    pub(super) fn pronoun_subject_at(&self, items: &[Item], end: usize) -> Option<ByteSpan> {
        let i = self.tok_of(*items.get(end.checked_sub(1)?)?)?;
        let w = self.lower(i);
        matches!(w.as_str(), "he" | "she" | "they" | "we" | "i")
            .then(|| ByteSpan::new(self.toks[i].start, self.toks[i].end))
    }

    /// Whether the "and" at `items[k]` joins two capitalized words of a
    /// name with an "of" complement ("Federation of Pakistan Chambers of
    /// Commerce and Industry", "Ministry of Labour and Employment").
    pub(super) fn and_in_name(&self, items: &[Item], k: usize) -> bool {
        let tok = |k: usize| items.get(k).and_then(|&it| self.tok_of(it)).filter(|&i| self.toks[i].is_word());
        let Some(a) = tok(k) else { return false };
        if self.lower(a) != "and" || k == 0 {
            return false;
        }
        let cap = |k: usize| tok(k).is_some_and(|i| capitalized(self.word(i)));
        if !cap(k - 1) || !cap(k + 1) {
            return false;
        }
        // an "of" between capitalized words within four words before
        (k.saturating_sub(5)..k - 1).any(|j| tok(j).is_some_and(|i| self.word(i) == "of") && j > 0 && cap(j - 1))
    }
}

/// Whether `w` followed by `next` opens a participle phrase before a
/// sentence's subject ("Born in …", "Elected in …", "Raised by …").
pub(super) fn participle_opener(w: &str, next: Option<String>) -> bool {
    (w == "born" || w.ends_with("ed") && w.len() > 4)
        && next
            .is_some_and(|n| matches!(n.as_str(), "in" | "at" | "on" | "by" | "to" | "from" | "with" | "after" | "as"))
}

impl<'a> Ctx<'a> {
    /// Whether the name at byte `b` follows a photo or credit label on its
    /// line ("(Photo: Garfield X)", "— Picture: X", "Фото: X"): a
    /// photographer, no antecedent.
    pub(super) fn credit_label_before(&self, b: usize) -> bool {
        let line = self.text[..b].rfind('\n').map_or(0, |i| i + 1);
        let mut from = b.saturating_sub(40).max(line);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let before = self.text[from..b].trim_end().to_lowercase();
        let Some(head) = before.strip_suffix(':') else { return false };
        ["photo", "photos", "picture", "image", "credit", "фото", "снимок"].iter().any(|l| head.ends_with(l))
    }
}
