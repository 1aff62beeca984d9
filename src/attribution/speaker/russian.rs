//! Russian speaker phrases and mentions, for the long articles of the
//! Russian-language press: the subject before a cue verb past the
//! adverbials between them (`Х в эфире телеканала заявил`, `Х на совещании
//! в Гродно подчеркнула`, `Х в свою очередь призвал`) and with a title
//! whose complement holds «и» or a preposition (`министр сельского
//! хозяйства и продовольствия Х`); the office an impersonal plural verb
//! names (`В пресс-службе СК уточнили`, `добавили в ведомстве`); a name in
//! apposition after the verb (`сказала одна из них, Х`); a setting after
//! the speaker that is no part of it (`рассказал специалист на
//! пресс-конференции`); role nouns that stand for a person named before
//! (`— уточнила чиновница`, `— говорит механизатор`), resolved by the verb's
//! gender; and the mention chain's Russian rules (surnames matched in every
//! case, `Петрова` for `Петров`; initials; no places after `в`/`на`; no
//! ministries `Минэнерго`; a subject «Министр» as a mention of the minister
//! named before).

use super::super::lex::{capitalized, Kind};
use super::super::lexicon::{Gender, PhraseKind};
use super::context::{Ctx, Item};
use super::gender;
use super::resolution::{Chain, PersonMention};
use crate::corpus::ByteSpan;

/// Prepositions: a phrase after one, right before the verb, is an
/// adverbial, not the subject.
const PREPOSITIONS: &[&str] = &[
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "при",
    "после",
    "из",
    "от",
    "о",
    "об",
    "у",
    "за",
    "под",
    "над",
    "перед",
    "для",
    "к",
    "ко",
    "между",
    "до",
    "без",
    "через",
    "около",
    "возле",
    "среди",
];

/// Prepositions of place: a capitalized word after one is a place.
const LOCATIVE: &[&str] = &["в", "во", "на", "из", "под", "над"];

/// Nouns whose prepositional complement belongs to them (`источник в
/// правительстве`), and the anonymous ones that stand for no named person.
const SOURCE_NOUNS: &[&str] = &["источник", "собеседник", "собеседниц", "представител", "сотрудник", "сотрудниц"];
const ANONYMOUS: &[&str] = &["источник", "собеседник", "собеседниц"];

/// Stems of the nouns of a speech setting: `на пресс-конференции`, `в
/// эфире`, `на заседании` after a speaker are an adverbial.
const SETTINGS: &[&str] = &[
    "пресс-конференц",
    "конференц",
    "брифинг",
    "заседан",
    "совещан",
    "эфир",
    "интервью",
    "бесед",
    "коммента",
    "соцсет",
    "встреч",
    "форум",
    "сесси",
    "выступлен",
    "обращен",
    "разговор",
    "кулуар",
    "церемон",
    "трансляц",
    "пресс-подход",
    "собран",
    "слушан",
    "съезд",
];

/// Stems of federal ministries and agencies written as one capitalized
/// word (`Минэнерго`, `Росстата`): organisations, never persons.
const AGENCIES: &[&str] = &[
    "минэнерго",
    "минэк",
    "минтранс",
    "минсельхоз",
    "минюст",
    "минпромторг",
    "минцифр",
    "минстро",
    "минприрод",
    "минкульт",
    "минспорт",
    "минтруд",
    "минвостокразвит",
    "минобрнаук",
    "минпросвещ",
    "минздрав",
    "минфин",
    "минобороны",
    "мининформ",
    "минэнерг",
    "минсоцразвит",
    "росстат",
    "роспотребнадзор",
    "росавиац",
    "росгвард",
    "росреестр",
    "роскомнадзор",
    "росздравнадзор",
    "роснедр",
    "росимущ",
    "роскосмос",
    "росатом",
    "ростех",
    "роснефт",
    "ространсназор",
    "ростуризм",
    "рослесхоз",
    "росморречфлот",
    "росжелдор",
    "росавтодор",
];

/// Words that open a capitalized run without being part of a name: `Сам
/// Семенцов`, `Осенью Савельев`.
const NOT_NAMES: &[&str] = &["сам", "сама", "сами", "само", "даже", "именно", "лишь", "ранее", "теперь", "также"];

/// Whether `w` starts with a Cyrillic letter.
pub(super) fn cyrillic(w: &str) -> bool {
    w.chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}'))
}

/// Whether a (lower-case) word is a ministry or federal agency written as
/// one word.
pub(super) fn is_agency(w: &str) -> bool {
    w.chars().count() >= 6 && AGENCIES.iter().any(|a| w.starts_with(a))
}

/// Case endings of Russian surnames, longest first.
const SURNAME_ENDINGS: &[&str] = &[
    "ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ым", "им", "ом", "ем", "ую", "юю", "ая", "яя", "ий", "ый",
    "ых", "их", "а", "я", "у", "ю", "е", "ы", "и",
];

/// A surname's form for matching across cases: a Cyrillic surname without
/// its case ending (`Семенцов`, `Семенцова`, `Семенцовым` → `семенцов`;
/// `Петровская`, `Петровского` → `петровск`), else the surname itself.
/// (The Snowball stemmer is no use here: it cuts `-ов` from `Семенцов`.)
pub(super) fn surname_key(surname: &str) -> String {
    let lower = surname.to_lowercase().replace('ё', "е");
    if !cyrillic(surname) {
        return lower;
    }
    for e in SURNAME_ENDINGS {
        if let Some(stem) = lower.strip_suffix(e) {
            if stem.chars().count() >= 3 {
                return stem.to_owned();
            }
        }
    }
    lower
}

/// Whether two surnames name the same person: equal, or Cyrillic forms of
/// one surname.
pub(super) fn same_surname(a: &str, b: &str) -> bool {
    a == b || (cyrillic(a) && cyrillic(b) && surname_key(a) == surname_key(b))
}

/// Whether two full names differ in their first names (`Анна Петрова`,
/// `Иван Петров`), in any case (`Олега`, `Олег` are one).
pub(super) fn other_first_name(a: &str, b: &str) -> bool {
    let (Some(fa), Some(fb)) = (a.split_whitespace().next(), b.split_whitespace().next()) else { return false };
    let (wa, wb) = (a.split_whitespace().count(), b.split_whitespace().count());
    wa >= 2
        && wb >= 2
        && cyrillic(fa)
        && cyrillic(fb)
        && gender::is_first_name(fa)
        && gender::is_first_name(fb)
        && gender::russian_stem(fa) != gender::russian_stem(fb)
}

/// The gender a Russian past-tense verb shows: `заявила` feminine, `заявил`
/// masculine.
fn verb_gender(w: &str) -> Option<Gender> {
    if w.ends_with("ла") || w.ends_with("лась") {
        Some(Gender::Feminine)
    } else if w.ends_with('л') || w.ends_with("лся") {
        Some(Gender::Masculine)
    } else {
        None
    }
}

/// Whether a lower-case Cyrillic word looks like a past-tense verb.
fn past_verb(w: &str) -> bool {
    w.chars().count() > 3 && ["л", "ла", "ли", "ло", "лся", "лась", "лись"].iter().any(|e| w.ends_with(e))
}

impl<'a> Ctx<'a> {
    /// Whether the (lower-case) word names a person's role: a title in any
    /// case form (`чиновника`, `председателя`, `главы`).
    pub(super) fn role_word(&self, w: &str) -> bool {
        if self.lex.is_title(w) {
            return true;
        }
        if !cyrillic(w) {
            return false;
        }
        let stem = gender::russian_stem(w);
        [String::new(), "ь".into(), "а".into(), "й".into(), "ица".into()]
            .iter()
            .any(|e| self.lex.is_title(&format!("{stem}{e}")))
    }

    fn word_at(&self, items: &[Item], k: usize) -> Option<usize> {
        items.get(k).and_then(|&it| self.tok_of(it)).filter(|&i| self.toks[i].is_word())
    }

    /// Whether `items[a..b]` holds a person's name: a known first name or
    /// two capitalized Cyrillic words that are no organisation.
    fn holds_person(&self, items: &[Item], a: usize, b: usize) -> bool {
        let mut run = 0;
        for k in a..b {
            match self.word_at(items, k) {
                Some(i) => {
                    let w = self.word(i);
                    let caps = w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase());
                    if capitalized(w) && cyrillic(w) && !caps && !self.lex.is_organisation(&w.to_lowercase()) {
                        if gender::is_first_name(w) {
                            return true;
                        }
                        run += 1;
                        if run >= 2 {
                            return true;
                        }
                    } else {
                        run = 0;
                    }
                }
                None => run = 0,
            }
        }
        false
    }

    /// Whether a title word stands among the (at most 4) lower-case words
    /// before position `k` (`министр сельского хозяйства` before «и»).
    fn title_within(&self, items: &[Item], k: usize) -> bool {
        let mut j = k;
        for _ in 0..4 {
            let Some(i) = j.checked_sub(1).and_then(|p| self.word_at(items, p)) else { return false };
            let w = self.lower(i);
            if self.role_word(&w) {
                return true;
            }
            if capitalized(self.word(i)) || past_verb(&w) || self.lex.is_boundary(&w) {
                return false;
            }
            j -= 1;
        }
        false
    }

    /// The subject before the Cyrillic cue verb at `p`, past the
    /// adverbials between them: `Защитник «Шинника» Х в эфире телеканала
    /// заявил` → `Защитник «Шинника» Х`.
    pub(super) fn ru_subject(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        let v = self.word_at(items, p)?;
        if !cyrillic(self.word(v)) {
            return None;
        }
        self.ru_phrase_before(items, p)
    }

    /// The Russian noun phrase ending before position `e`.
    fn ru_phrase_before(&self, items: &[Item], e: usize) -> Option<ByteSpan> {
        let skip_aux = |mut e: usize| {
            while e > 0
                && self.word_at(items, e - 1).is_some_and(|i| {
                    let w = self.lower(i);
                    !capitalized(self.word(i)) && (self.lex.is_auxiliary(&w) || self.lex.is_time(&w))
                })
            {
                e -= 1;
            }
            e
        };
        let mut e = skip_aux(e);
        // `При этом он отметил`: a personal pronoun before the verb is the subject
        if let Some(i) = e.checked_sub(1).and_then(|k| self.word_at(items, k)) {
            if matches!(self.lower(i).as_str(), "он" | "она" | "оно" | "они" | "я" | "мы") {
                return Some(ByteSpan::new(self.toks[i].start, self.toks[i].end));
            }
        }
        let mut k = e;
        let mut discards = 0;
        while k > 0 {
            let i = match items[k - 1] {
                Item::Q(q) if self.name_quote(q) => {
                    k -= 1;
                    continue;
                }
                Item::Q(_) => break,
                Item::T(i) => i,
            };
            let t = self.toks[i];
            if !t.is_word() {
                let joins = t.is('-') || t.is('’') || t.is('\'') || t.is('№') || self.is_abbrev_dot(items, k - 1);
                if joins {
                    k -= 1;
                    continue;
                }
                break;
            }
            let w = self.lower(i);
            let lower_case = !capitalized(self.word(i));
            // (a preposition opening the sentence too, not an initial: `С. Петров`)
            let initial = self.initial_at(i) && self.toks.get(i + 1).is_some_and(|n| n.is('.') && n.start == t.end);
            if PREPOSITIONS.contains(&w.as_str()) && !initial {
                let of_source = k >= 2
                    && self.word_at(items, k - 2).is_some_and(|j| {
                        let s = self.lower(j);
                        SOURCE_NOUNS.iter().any(|n| s.starts_with(n))
                    });
                if of_source || self.holds_person(items, k, e) {
                    k -= 1;
                    continue;
                }
                // the phrase after the preposition is an adverbial
                if discards < 3 {
                    discards += 1;
                    e = skip_aux(k - 1);
                    k = e;
                    continue;
                }
                break;
            }
            if lower_case && (self.lex.is_boundary(&w) || self.lex.is_relative(&w)) {
                if w == "и" && self.holds_person(items, k, e) && self.title_within(items, k - 1) {
                    k -= 1;
                    continue;
                }
                break;
            }
            if k < e
                && lower_case
                && (past_verb(&w) || self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some())
            {
                break;
            }
            k -= 1;
        }
        // words that open the sentence but are no part of the phrase
        let mut s = k;
        while s < e
            && self.word_at(items, s).is_some_and(|i| {
                let w = self.lower(i);
                self.lex.is_opener(&w)
                    || self.lex.is_auxiliary(&w)
                    || self.lex.is_time(&w)
                    || NOT_NAMES.contains(&w.as_str())
            })
        {
            s += 1;
        }
        while s < e && matches!(items[s], Item::T(i) if !self.toks[i].is_word()) {
            s += 1;
        }
        let mut end = e;
        while end > s && matches!(items[end - 1], Item::T(i) if !self.toks[i].is_word()) {
            end -= 1;
        }
        if !(s..end).any(|k| self.word_at(items, k).is_some() || matches!(items[k], Item::Q(_))) {
            return None;
        }
        let first = &items[s];
        let last = &items[end - 1];
        let bounds = |it: &Item| match *it {
            Item::T(i) => (self.toks[i].start, self.toks[i].end),
            Item::Q(q) => self.outer[q],
        };
        Some(ByteSpan::new(bounds(first).0, bounds(last).1))
    }

    /// Whether the word at `items[p]` is an impersonal plural cue verb
    /// (`уточнили`, `сообщили`).
    fn impersonal_verb(&self, items: &[Item], p: usize) -> bool {
        self.word_at(items, p).is_some_and(|v| {
            let w = self.word(v);
            cyrillic(w) && !capitalized(w) && w.ends_with("ли")
        })
    }

    /// `В пресс-службе СК по региону уточнили`: an impersonal plural cue
    /// verb at `p` after a clause opening with «в»: the office.
    pub(super) fn ru_office_before(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        if !self.impersonal_verb(items, p) {
            return None;
        }
        // the clause: back to its start or a comma
        let mut c = p;
        while c > 0 {
            match items[c - 1] {
                Item::T(i) if self.toks[i].is(',') || self.is_sentence_end(i) || self.toks[i].is(':') => break,
                _ => c -= 1,
            }
        }
        let at = (c..p).find(|&k| {
            self.word_at(items, k).is_some_and(|i| matches!(self.lower(i).as_str(), "в" | "во"))
                && self.word_at(items, k + 1).is_some_and(|n| !self.lex.is_time(&self.lower(n)))
        })?;
        if p - at > 12 || at + 1 >= p {
            return None;
        }
        let mut end = p;
        while end > at + 2
            && self.word_at(items, end - 1).is_some_and(|i| {
                let w = self.lower(i);
                self.lex.is_auxiliary(&w) || self.lex.is_time(&w)
            })
        {
            end -= 1;
        }
        self.span_of(&items[at + 1..end])
    }

    /// `— добавили в ведомстве`: an impersonal plural cue verb
    /// `items[p..p + len]`, then «в» and the office.
    pub(super) fn ru_office_after(&self, items: &[Item], p: usize, len: usize) -> Option<ByteSpan> {
        if !self.impersonal_verb(items, p + len - 1) {
            return None;
        }
        let prep = self.word_at(items, p + len)?;
        if !matches!(self.lower(prep).as_str(), "в" | "во") {
            return None;
        }
        let next = self.word_at(items, p + len + 1)?;
        if self.lex.is_time(&self.lower(next)) {
            return None;
        }
        self.phrase_forward(items, p + len + 1)
    }

    /// `Собеседник «Коммерсанта», знакомый с ходом переговоров, пояснил`:
    /// a participle clause between commas before the verb at `p`: the
    /// phrase before it.
    pub(super) fn ru_participle_subject(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        if !self.word_at(items, p).is_some_and(|v| cyrillic(self.word(v))) {
            return None;
        }
        let c1 = (0..p).rev().find(|&k| matches!(items[k], Item::T(i) if self.toks[i].is(',')))?;
        let c0 = (c1.saturating_sub(12)..c1).rev().find(|&k| match items[k] {
            Item::T(i) => self.toks[i].is(',') || self.is_sentence_end(i),
            Item::Q(_) => false,
        })?;
        if !matches!(items[c0], Item::T(i) if self.toks[i].is(',')) {
            return None;
        }
        let first = self.word_at(items, c0 + 1)?;
        let w = self.word(first);
        let participle = cyrillic(w)
            && !capitalized(w)
            && w.chars().count() > 4
            && ["ый", "ий", "ой", "ая", "яя", "ые", "ие", "шийся", "шаяся"].iter().any(|e| w.ends_with(e));
        if !participle {
            return None;
        }
        self.ru_phrase_before(items, c0)
    }

    /// `Автор поправок, депутат Х, заявил`: a name (with its title) in
    /// apposition between commas before the Cyrillic verb at `p` wins over
    /// the description before it.
    pub(super) fn ru_appositive(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        if !self.word_at(items, p).is_some_and(|v| cyrillic(self.word(v))) {
            return None;
        }
        let c1 = (0..p).rev().find(|&k| matches!(items[k], Item::T(i) if self.toks[i].is(',')))?;
        if (c1 + 1..p).any(|k| self.word_at(items, k).is_some_and(|i| !self.lex.is_auxiliary(&self.lower(i)))) {
            return None;
        }
        let c0 = (c1.saturating_sub(8)..c1).rev().find(|&k| match items[k] {
            Item::T(i) => self.toks[i].is(',') || self.is_sentence_end(i),
            Item::Q(_) => false,
        })?;
        if c0 == 0 || !matches!(items[c0], Item::T(i) if self.toks[i].is(',')) {
            return None;
        }
        // the segment: lower-case title words, then the name ending it
        let last = self.word_at(items, c1 - 1)?;
        let first = self.word_at(items, c0 + 1)?;
        let titled = self.role_word(&self.lower(first)) || capitalized(self.word(first));
        if !capitalized(self.word(last)) || !titled || !self.holds_person(items, c0 + 1, c1) {
            return None;
        }
        // a description before it (`Автор поправок`), not a name
        let before = self.word_at(items, c0 - 1)?;
        if capitalized(self.word(before)) && self.holds_person(items, c0.saturating_sub(2), c0) {
            return None;
        }
        self.span_of(&items[c0 + 1..c1])
    }

    /// The speaker phrase `sp` found after a cue verb (from item `from`),
    /// made Russian: a setting after the speaker is dropped (`специалист на
    /// пресс-конференции` → `специалист`), and a name in apposition after a
    /// comma wins over a phrase without one (`одна из них, Елена Ковригина`).
    pub(super) fn ru_after_phrase(&self, items: &[Item], from: usize, sp: ByteSpan) -> ByteSpan {
        let Some(f) = self.word_at(items, from) else { return sp };
        if !cyrillic(self.word(f)) {
            return sp;
        }
        let end = items
            .iter()
            .skip(from)
            .position(|&it| match it {
                Item::T(i) => self.toks[i].start >= sp.end as usize,
                Item::Q(q) => self.outer[q].0 >= sp.end as usize,
            })
            .map_or(items.len(), |e| from + e);
        // a setting: a preposition, then no capitalized word, with a setting noun
        for k in from + 1..end {
            let Some(i) = self.word_at(items, k) else { continue };
            if !PREPOSITIONS.contains(&self.lower(i).as_str()) {
                continue;
            }
            let rest = (k + 1..end).filter_map(|j| self.word_at(items, j));
            let mut setting = false;
            let mut named = false;
            for j in rest {
                let w = self.word(j);
                named |= capitalized(w);
                let l = w.to_lowercase();
                setting |= SETTINGS.iter().any(|s| l.starts_with(s));
            }
            if setting && !named && !matches!(items[k - 1], Item::Q(_)) {
                if let Some(cut) = self.span_of(&items[from..k]) {
                    return cut;
                }
            }
        }
        // a name in apposition after a comma
        let named = (from..end).any(|k| self.word_at(items, k).is_some_and(|i| capitalized(self.word(i))));
        if !named && matches!(items.get(end), Some(Item::T(i)) if self.toks[*i].is(',')) {
            let mut k = end + 1;
            let mut words = 0;
            while let Some(i) = self.word_at(items, k) {
                if !capitalized(self.word(i)) || !cyrillic(self.word(i)) {
                    break;
                }
                words += 1;
                k += 1;
            }
            let closes = match items.get(k) {
                None => true,
                Some(Item::T(i)) => !self.toks[*i].is_word(),
                Some(Item::Q(_)) => false,
            };
            if (2..=3).contains(&words) && closes && self.holds_person(items, end + 1, k) {
                if let Some(name) = self.span_of(&items[end + 1..k]) {
                    return name;
                }
            }
        }
        sp
    }

    /// The gender of a Russian cue verb right before or after `span`
    /// (`— уточнила чиновница`, `чиновница уточнила`).
    fn cue_gender_near(&self, span: ByteSpan) -> Option<Gender> {
        let first = self.tok_at(span.start as usize);
        let after = self.tok_at(span.end as usize);
        let before = (first.saturating_sub(3)..first).rev().find(|&j| self.toks[j].is_word());
        let after = (after..(after + 3).min(self.toks.len())).find(|&j| self.toks[j].is_word());
        [before, after].into_iter().flatten().find_map(|j| {
            let w = self.word(j);
            if !cyrillic(w) || capitalized(w) {
                return None;
            }
            self.lex.match_phrase(&[w], PhraseKind::Verb)?;
            verb_gender(w).or_else(|| {
                // `уверен`, `уверена`: a short adjective agrees too
                let other = |o: &str| self.lex.match_phrase(&[o], PhraseKind::Verb).is_some();
                match w.strip_suffix('а') {
                    Some(m) if other(m) => Some(Gender::Feminine),
                    _ => other(&format!("{w}а")).then_some(Gender::Masculine),
                }
            })
        })
    }

    /// A Russian description without a name (`чиновница`, `глава
    /// «Теплосети»`, `23-летний футболист`): `Some` with the person it
    /// stands for (none for an anonymous source: `источник`, `собеседник`),
    /// `None` when it is no Russian role phrase (then the general rules
    /// decide). The person: the one named after the same title before,
    /// else the nearest person named before it outside quotes whose gender
    /// fits the cue verb's (`уточнила`) or the noun's.
    pub(super) fn ru_describe(&self, span: ByteSpan) -> Option<Option<String>> {
        let phrase = &self.text[span.range()];
        let words: Vec<&str> = phrase.split_whitespace().collect();
        if !words.first().is_some_and(|w| cyrillic(w) || w.starts_with(|c: char| c.is_ascii_digit())) {
            return None;
        }
        // an anonymous source names no one
        if words.iter().take(2).any(|w| ANONYMOUS.iter().any(|a| w.to_lowercase().starts_with(a))) {
            return Some(None);
        }
        // the head: the first role word among the first three, after adjectives
        let head = words.iter().take(3).map(|w| w.to_lowercase()).find(|w| self.role_word(w))?;
        if let Some(n) = self.name_in(span) {
            let chain = self.chain();
            let last = n.split_whitespace().last().unwrap_or("");
            if n.split_whitespace().count() >= 2 || chain.persons.iter().any(|p| same_surname(&p.surname, last)) {
                return Some(Some(n));
            }
        }
        let g = self.cue_gender_near(span).or_else(|| self.lex.title_gender(&head)).or_else(|| {
            ["ница", "щица", "чица", "нка", "тка", "ерка", "щина"]
                .iter()
                .any(|e| head.ends_with(e))
                .then_some(Gender::Feminine)
        });
        let at = span.start as usize;
        let chain = self.chain();
        let fits = |p: usize| g.is_none() || chain.persons[p].gender.is_none_or(|pg| Some(pg) == g);
        if let Some(p) = self.title_antecedent(chain, &phrase.to_lowercase(), at, g) {
            return Some(Some(chain.persons[p].name.clone()));
        }
        if let Some(n) = self.name_for_title(&head, at) {
            let last = n.split_whitespace().last().unwrap_or("");
            if let Some(p) = chain.persons.iter().position(|p| same_surname(&p.surname, last)) {
                if fits(p) {
                    return Some(Some(chain.persons[p].name.clone()));
                }
            }
        }
        let upto = chain.mentions.partition_point(|m| m.at < at);
        let mut fallback = None;
        for m in chain.mentions[..upto].iter().rev() {
            if m.in_quote || m.at + 3000 < at {
                continue;
            }
            let p = &chain.persons[m.person];
            if g.is_some() && p.gender == g || g.is_none() {
                return Some(Some(p.name.clone()));
            }
            if p.gender.is_none() && fallback.is_none() {
                fallback = Some(p.name.clone());
            }
        }
        Some(fallback)
    }

    /// The person a Russian title phrase (`phrase`, lower case: `глава
    /// ведомства`, `министр`, `глава минэнерго`) at byte `at` stands for,
    /// of gender `g` when known: the name right after the same phrase
    /// earlier (`глава ведомства Глеб Ракитин`), else the nearest person
    /// named with a title before it whose title shares the phrase's head
    /// (`министр` in `Вице-министр энергетики`) or a complement's stem
    /// (`Минэнерго` and `Министр энергетики`).
    fn title_antecedent(&self, chain: &Chain, phrase: &str, at: usize, g: Option<Gender>) -> Option<usize> {
        let fits = |p: usize| g.is_none() || chain.persons[p].gender.is_none_or(|pg| Some(pg) == g);
        let upto = chain.mentions.partition_point(|m| m.at < at);
        let before = &chain.mentions[..upto];
        // the same phrase right before a name
        for m in before.iter().rev().filter(|m| !m.in_quote && m.at + 3000 >= at) {
            let mut s = m.at.saturating_sub(phrase.len() + 2);
            while !self.text.is_char_boundary(s) {
                s += 1;
            }
            if self.text[s..m.at].to_lowercase().trim_end().ends_with(phrase) && fits(m.person) {
                return Some(m.person);
            }
        }
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let stem = |w: &str| -> String {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let w = if is_agency(w) { w.strip_prefix("мин").unwrap_or(w) } else { w };
            w.chars().take(4).collect()
        };
        let head = surname_key(words.first()?);
        let head = head.trim_end_matches('ь');
        let stems: Vec<String> = words[1..].iter().map(|w| stem(w)).filter(|s| s.chars().count() == 4).collect();
        before
            .iter()
            .rev()
            .filter(|m| !m.in_quote && m.titled && m.at + 3000 >= at && fits(m.person))
            .find(|m| {
                // the title: after the line's start and the mention before
                let line = self.text[..m.at].rfind('\n').map_or(0, |i| i + 1);
                let prev = before.iter().map(|o| o.end).filter(|&e| e <= m.at).max().unwrap_or(0);
                let mut s = m.at.saturating_sub(100).max(line).max(prev);
                while !self.text.is_char_boundary(s) {
                    s += 1;
                }
                let title = self.text[s..m.at].to_lowercase();
                title.split(|c: char| !c.is_alphanumeric() && c != '-').any(|t| {
                    t.contains(head)
                        || stems.iter().any(|st| {
                            t.starts_with(st.as_str())
                                || t.strip_prefix("мин").is_some_and(|r| r.starts_with(st.as_str()))
                        })
                })
            })
            .map(|m| m.person)
    }

    /// Whether the capitalized run starting at token `first` follows a
    /// preposition of place (`в Гродно`, `на Камчатке`): a place, unless it
    /// holds a known first name.
    pub(super) fn after_russian_locative(&self, first: usize, names: &[&str]) -> bool {
        let Some(b) = first.checked_sub(1).filter(|&b| self.toks[b].is_word()) else { return false };
        LOCATIVE.contains(&self.word(b)) && cyrillic(names[0]) && !names.iter().any(|n| gender::is_first_name(n))
    }

    /// How many words opening a Cyrillic run are no part of the name
    /// (`Сам Семенцов`, `Осенью Савельев`, `Ранее Петров`).
    pub(super) fn leading_not_name(&self, words: &[usize]) -> usize {
        words
            .iter()
            .take_while(|&&w| {
                let s = self.word(w);
                let l = s.to_lowercase();
                cyrillic(s)
                    && (self.lex.is_opener(&l)
                        || self.lex.is_auxiliary(&l)
                        || self.lex.is_time(&l)
                        || NOT_NAMES.contains(&l.as_str())
                        || self.lex.pronoun_gender(&l).is_some())
            })
            .count()
    }

    /// How many words opening a Cyrillic run at the start of a sentence or
    /// quote are a common noun before a known surname (`«Вина Семенцова`,
    /// `Сам Семенцов`): the word is no first name, and a person of that
    /// surname is known.
    pub(super) fn noun_before_surname(&self, words: &[usize], chain: &Chain) -> usize {
        let [first, .., last] = words else { return 0 };
        let w = self.word(*first);
        let opens = *first == 0 || {
            let p = self.toks[first - 1];
            p.kind == Kind::Break
                || self.is_sentence_end(first - 1)
                || matches!(p.kind, Kind::Punct('«' | '"' | '„' | '“'))
        };
        let known = chain.persons.iter().any(|p| same_surname(&p.surname, self.word(*last)));
        usize::from(cyrillic(w) && opens && !gender::is_first_name(w) && known && words.len() == 2)
    }

    /// Whether token `i` is a Cyrillic initial (`Н` before `.` in `Н. А.
    /// Тарасова`).
    pub(super) fn initial_at(&self, i: usize) -> bool {
        let w = self.word(i);
        w.chars().count() == 1 && cyrillic(w) && capitalized(w)
    }

    /// Add to the chain the subjects that are a bare title (`Министр
    /// также сообщил`, `Глава ведомства уверен`): a mention of the person
    /// that title stands for (the nearest person named before of the verb's
    /// gender, named with a title), so a later «он» finds the minister, not
    /// someone named between.
    pub(super) fn ru_title_mentions(&self, chain: &mut Chain) {
        let mut added = Vec::new();
        for i in 0..self.toks.len() {
            let t = self.toks[i];
            if !t.is_word() || !capitalized(self.word(i)) || !cyrillic(self.word(i)) {
                continue;
            }
            let opens = i == 0 || {
                let p = self.toks[i - 1];
                p.kind == Kind::Break || self.is_sentence_end(i - 1)
            };
            if !opens || !self.role_word(&self.lower(i)) {
                continue;
            }
            // no name in the phrase: up to the verb, lower-case words only
            let mut j = i + 1;
            let mut g = None;
            let mut verb = false;
            while j < self.toks.len() && j < i + 6 {
                let n = self.toks[j];
                if !n.is_word() || capitalized(self.word(j)) {
                    break;
                }
                let w = self.lower(j);
                if past_verb(&w) || self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some() {
                    g = verb_gender(&w);
                    verb = true;
                    break;
                }
                j += 1;
            }
            if !verb {
                continue;
            }
            let at = t.start;
            let g = g.or_else(|| self.lex.title_gender(&self.lower(i)));
            let phrase = self.text[at..self.toks[j - 1].end.max(t.end)].to_lowercase();
            // (the phrase up to the verb, without it)
            let phrase = if j > i + 1 { self.text[at..self.toks[j - 1].end].to_lowercase() } else { phrase };
            let phrase: String = phrase
                .split_whitespace()
                .filter(|w| !self.lex.is_auxiliary(w) && !self.lex.is_time(w))
                .take_while(|w| !PREPOSITIONS.contains(w))
                .collect::<Vec<_>>()
                .join(" ");
            let hit = self.title_antecedent(chain, &phrase, at, g).or_else(|| {
                let upto = chain.mentions.partition_point(|m| m.at < at);
                chain.mentions[..upto]
                    .iter()
                    .rev()
                    .filter(|m| !m.in_quote && m.titled && m.at + 3000 >= at)
                    .find(|m| g.is_none() || chain.persons[m.person].gender.is_none_or(|pg| Some(pg) == g))
                    .map(|m| m.person)
            });
            if let Some(person) = hit {
                added.push(PersonMention { at, end: t.end, person, in_quote: false, titled: true });
            }
        }
        if !added.is_empty() {
            chain.mentions.extend(added);
            chain.mentions.sort_by_key(|m| m.at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::lex::lex;
    use super::super::super::lexicon::Lexicon;
    use super::super::super::quotes::{extract_quotes, QuoteConfig};
    use super::super::speakers;
    use super::*;

    /// Each quote's start, speaker phrase and the name it stands for.
    fn run(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
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
                    Some(s) => (quote, Some(text[s.span.range()].to_owned()), s.name),
                    None => (quote, None, None),
                }
            })
            .collect()
    }

    fn speaker(text: &str, quote: &str) -> (Option<String>, Option<String>) {
        let r = run(text);
        let hit = r.into_iter().find(|(q, _, _)| q.starts_with(quote)).unwrap_or_else(|| panic!("no quote {quote:?}"));
        (hit.1, hit.2)
    }

    #[test]
    fn surnames_match_in_every_case() {
        assert_eq!(surname_key("Семенцов"), "семенцов");
        assert_eq!(surname_key("Семенцова"), "семенцов");
        assert_eq!(surname_key("Семенцовым"), "семенцов");
        assert_eq!(surname_key("Петровская"), surname_key("Петровского"));
        assert!(same_surname("Лапшин", "Лапшиным"));
        assert!(!same_surname("Озолс", "Озола"));
        assert!(other_first_name("Анна Петрова", "Иван Петров"));
        assert!(!other_first_name("Олега Носова", "Олег Носов"));
        assert!(is_agency("минэнерго") && is_agency("росстата") && !is_agency("минин"));
    }

    #[test]
    fn adverbials_between_subject_and_verb_are_skipped() {
        let text =
            "Нападающий «Факела» Роман Ильин в интервью клубному сайту признался, что «сезон получился тяжелым».";
        assert_eq!(speaker(text, "сезон").0.as_deref(), Some("Нападающий «Факела» Роман Ильин"));
        let text = "Министр природных ресурсов и экологии края Павел Орлов на встрече с жителями в Чите заявил, что «свалку закроют».";
        assert_eq!(
            speaker(text, "свалку").0.as_deref(),
            Some("Министр природных ресурсов и экологии края Павел Орлов")
        );
        let text = "Источник в мэрии сообщил агентству, что «решение уже принято».";
        assert_eq!(speaker(text, "решение").0.as_deref(), Some("Источник в мэрии"));
    }

    #[test]
    fn a_name_in_apposition_wins() {
        let text = "Автор законопроекта, сенатор Олег Баранов, заявил, что «документ доработан».";
        assert_eq!(speaker(text, "документ").0.as_deref(), Some("сенатор Олег Баранов"));
        let text = "Жительница Пскова Анна Орлова, пенсионерка, рассказала, что «пенсии не хватает».";
        assert_eq!(speaker(text, "пенсии").0.as_deref(), Some("Жительница Пскова Анна Орлова"));
    }

    #[test]
    fn impersonal_verbs_name_the_office() {
        let text = "В управлении Росреестра по области уточнили, что «документы принимаются в обычном режиме».";
        assert_eq!(speaker(text, "документы").0.as_deref(), Some("управлении Росреестра по области"));
        let text = "Мост закрыт. «Проверка продолжается», — добавили в полиции.";
        assert_eq!(speaker(text, "Проверка").0.as_deref(), Some("полиции"));
    }

    #[test]
    fn after_the_verb_settings_and_appositions() {
        let text = "«Мы готовы к игре», — сказал наставник на пресс-конференции.";
        assert_eq!(speaker(text, "Мы готовы").0.as_deref(), Some("наставник"));
        let text = "«Воды нет третий день», — пожаловался один из жильцов, Артем Гусев.";
        assert_eq!(speaker(text, "Воды нет").0.as_deref(), Some("Артем Гусев"));
        let text = "«Воды нет третий день», — пожаловался он «Известиям».";
        assert_eq!(speaker(text, "Воды нет").0.as_deref(), Some("он"));
    }

    #[test]
    fn role_nouns_stand_for_a_person_of_the_verbs_gender() {
        let text = "Глава района Игорь Титов и директор школы Ольга Левина осмотрели крышу.\n\n«Ремонт начнем летом», — пообещала чиновница.";
        assert_eq!(speaker(text, "Ремонт"), (Some("чиновница".into()), Some("Ольга Левина".into())));
        let text = "Глава района Игорь Титов и директор школы Ольга Левина осмотрели крышу.\n\n«Ремонт начнем летом», — пообещал чиновник.";
        assert_eq!(speaker(text, "Ремонт"), (Some("чиновник".into()), Some("Игорь Титов".into())));
        // an anonymous source stands for no one
        let text = "Глава района Игорь Титов осмотрел крышу.\n\n«Ремонт начнут летом», — сообщил источник в мэрии.";
        assert_eq!(speaker(text, "Ремонт"), (Some("источник в мэрии".into()), None));
    }

    #[test]
    fn a_subject_title_is_a_mention_of_the_titled_person() {
        let text = "Министр транспорта области Денис Жуков и депутат Олег Рябов приехали на стройку. Министр также сообщил, что мост откроют в мае.\n\n«Подрядчик работает по графику», — уточнил он.";
        assert_eq!(speaker(text, "Подрядчик"), (Some("он".into()), Some("Денис Жуков".into())));
        let text = "Министр энергетики Олег Рябов и депутат Денис Жуков провели встречу.\n\n«Цены не вырастут», — сказал глава Минэнерго.";
        assert_eq!(speaker(text, "Цены").1.as_deref(), Some("Олег Рябов"));
    }

    #[test]
    fn places_and_sentence_openers_are_no_names() {
        let text =
            "Глава МЧС Сергей Рыбин на брифинге в Тулуне заявил: «Эвакуация завершена». «Вода уходит», — добавил он.";
        assert_eq!(speaker(text, "Эвакуация").0.as_deref(), Some("Глава МЧС Сергей Рыбин"));
        assert_eq!(speaker(text, "Вода уходит").1.as_deref(), Some("Сергей Рыбин"));
        let text =
            "Бывшего мэра Игоря Носова задержали в среду. Сам Носов вину не признал.\n\n«Это ошибка», — сказал он.";
        assert_eq!(speaker(text, "Это ошибка").1.as_deref(), Some("Игоря Носова"));
        let text = "Осенью Носов говорил, что «денег нет».";
        assert_eq!(speaker(text, "денег нет").0.as_deref(), Some("Носов"));
        let text = "Депутат Олег Носов внес законопроект. При этом он отметил, что «размер выплат обсуждается».";
        assert_eq!(speaker(text, "размер"), (Some("он".into()), Some("Олег Носов".into())));
    }

    #[test]
    fn initials_join_the_name() {
        let text = "Начальник отдела Н. А. Тарасова провела прием.\n\n«Очередей больше нет», — сказала чиновница.";
        assert_eq!(speaker(text, "Очередей").1.as_deref(), Some("Н. А. Тарасова"));
    }
}
