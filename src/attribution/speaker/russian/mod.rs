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
use super::mentions::{Chain, PersonMention};
use crate::corpus::ByteSpan;

mod documents;
mod interlocutor;
mod mentions;
mod nominative;
mod words;

pub(super) use nominative::nominative;
use words::*;
pub(super) use words::{cyrillic, is_agency, other_first_name, same_surname, verb_gender};
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
    pub(super) fn ru_phrase_before(&self, items: &[Item], e: usize) -> Option<ByteSpan> {
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
            // (a past-tense ending after a preposition or an oblique
            // adjective is a noun's: `в энергетической отрасли края`)
            let verb_like = past_verb(&w) && !self.after_preposition_or_adjective(items, k - 1);
            if k < e && lower_case && (verb_like || self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some()) {
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

    /// Whether the word before `items[p]` is a preposition or a lower-case
    /// adjective in an oblique case (`энергетической`, `городских`): the
    /// word at `p` is then a noun, whatever its ending (`отрасли`, `мысли`).
    fn after_preposition_or_adjective(&self, items: &[Item], p: usize) -> bool {
        const OBLIQUE: &[&str] = &["ой", "ей", "ых", "их", "ого", "его", "ому", "ему", "ым", "им", "ую"];
        let Some(i) = p.checked_sub(1).and_then(|k| self.word_at(items, k)) else { return false };
        let w = self.lower(i);
        PREPOSITIONS.contains(&w.as_str())
            || (!capitalized(self.word(i)) && w.chars().count() >= 5 && OBLIQUE.iter().any(|e| w.ends_with(e)))
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
        // `В управлении … на запрос редакции ответили`: the request is no
        // part of the office
        end = documents::before_request(self, items, at + 2, end);
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
    /// comma wins over a phrase without one (`одна из них, Елена Ковригина`),
    /// also after a second title or rank after a title (`руководитель
    /// лаборатории, кандидат химических наук Марина Ветрова` → `Марина
    /// Ветрова`).
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
            // (an interview's setting names the outlet, not the speaker:
            // `признался Рябов в беседе с РИА Новости`)
            let interview = (k + 1..end).filter_map(|j| self.word_at(items, j)).any(|j| {
                let l = self.lower(j);
                INTERVIEW_SETTINGS.iter().any(|s| l.starts_with(s))
            });
            if setting && (!named || interview) && !matches!(items[k - 1], Item::Q(_)) {
                if let Some(cut) = self.span_of(&items[from..k]) {
                    return cut;
                }
            }
        }
        // a name in apposition after a comma
        let named = (from..end).any(|k| self.word_at(items, k).is_some_and(|i| capitalized(self.word(i))));
        if !named && matches!(items.get(end), Some(Item::T(i)) if self.toks[*i].is(',')) {
            let mut k = end + 1;
            // a second title before the name (`руководитель лаборатории,
            // кандидат химических наук Марина Ветрова`), after a title
            if self.word_at(items, from).is_some_and(|i| self.role_word(&self.lower(i))) {
                let opens = self.word_at(items, k).is_some_and(|i| {
                    let w = self.lower(i);
                    self.role_word(&w) || RANKS.contains(&w.as_str())
                });
                if opens {
                    while let Some(i) = self.word_at(items, k).filter(|&i| !capitalized(self.word(i))) {
                        if k > end + 6 || PREPOSITIONS.contains(&self.lower(i).as_str()) || !cyrillic(self.word(i)) {
                            break;
                        }
                        k += 1;
                    }
                }
            }
            let name_from = k;
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
            if (2..=3).contains(&words) && closes && self.holds_person(items, name_from, k) {
                if let Some(name) = self.span_of(&items[name_from..k]) {
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
    /// «Теплосети»`, `23-летний футболист`, also an age before any noun:
    /// `24-летний биатлонист`): `Some` with the person it
    /// stands for (none for an anonymous source: `источник`, `собеседник`),
    /// `None` when it is no Russian role phrase (then the general rules
    /// decide). The person: the one named after the same title before,
    /// else the nearest person named before it outside quotes whose gender
    /// fits the cue verb's (`уточнила`) or the noun's.
    pub(super) fn ru_describe(&self, span: ByteSpan) -> Option<Option<String>> {
        // `экс-глава` is the `бывший глава` named before
        let phrase = self.text[span.range()].replace("экс-", "").replace("Экс-", "");
        let phrase = phrase.as_str();
        let words: Vec<&str> = phrase.split_whitespace().collect();
        if !words.first().is_some_and(|w| cyrillic(w) || w.starts_with(|c: char| c.is_ascii_digit())) {
            return None;
        }
        // an anonymous source names no one
        if words.iter().take(2).any(|w| ANONYMOUS.iter().any(|a| w.to_lowercase().starts_with(a))) {
            return Some(None);
        }
        // the head: the first role word among the first three, after
        // adjectives; after an age (`24-летний биатлонист`) any noun
        let aged = words.len() == 2
            && is_age_adjective(words[0])
            && cyrillic(words[1])
            && !capitalized(words[1])
            && words[1].chars().count() > 3;
        let head = if aged {
            words[1].to_lowercase()
        } else {
            words.iter().take(3).map(|w| w.to_lowercase()).find(|w| self.role_word(w))?
        };
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
        let mut fallback = None;
        for m in chain.recent(at) {
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

    /// The person an inherited speaker `s` of quote `q` stands for, when
    /// `q` opens a paragraph of its own and `s` is a Russian description
    /// resolved to a named person (two words or more): without a name in
    /// it (`Жительница Х Валентина Кузьмина … — говорит пенсионерка. ¶
    /// «…»`: Валентина Кузьмина), or in the genitive after «по словам» /
    /// «по мнению» (`По мнению аналитика Марины Осиповой, «…». ¶ «…»`:
    /// Марина Осипова, in the nominative, of the first name's gender when
    /// it is known: `Николая Сафронова` is Николай Сафронов). A phrase with the name in the
    /// nominative (`мэр Андрей Кузьмин`) stays.
    pub(super) fn ru_described_person(&self, s: &super::Speaker, q: usize) -> Option<String> {
        let phrase = &self.text[s.span.range()];
        let opens_paragraph = self.text[..self.quotes[q].open].trim_end_matches([' ', '\t']).ends_with('\n');
        let name = s.name.as_ref().filter(|n| n.split_whitespace().count() >= 2 && *n != phrase)?;
        if s.kind != super::SpeakerKind::Description || !cyrillic(phrase) || !opens_paragraph {
            return None;
        }
        let bare = phrase.split_whitespace().skip(1).all(|w| !capitalized(w));
        if bare {
            return Some(name.clone());
        }
        let cue = s.cue.map(|c| self.text[c.range()].to_lowercase()).unwrap_or_default();
        // the name ending the phrase: its last two words
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let [.., first, last] = words.as_slice() else { return None };
        let named = [first, last].iter().all(|w| capitalized(w) && cyrillic(w) && w.chars().all(char::is_alphabetic));
        if !cue.starts_with("по ") || !named || !gender::is_first_name(first) {
            return None;
        }
        // the first name's gender first: a masculine surname in the
        // genitive (`Николая Сафронова`) ends as a feminine one
        let g = gender::first_name_gender(first).or_else(|| gender::russian_surname_gender(last))?;
        Some(nominative(&format!("{first} {last}"), g))
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
        for m in chain.recent(at) {
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
                        || words.iter().any(|w| role_synonyms(w).any(|s| t.starts_with(s)))
                        || stems.iter().any(|st| {
                            t.starts_with(st.as_str())
                                || t.strip_prefix("мин").is_some_and(|r| r.starts_with(st.as_str()))
                        })
                })
            })
            .map(|m| m.person)
    }
}

#[cfg(test)]
mod tests;
