//! «— говорится в ответе ведомства»: a quote credited to a document whose
//! owner is only an anaphoric noun (ведомства, министерства, компании) or
//! not given at all (`говорится в ответе на запрос редакции`). The document
//! does not speak, and «ведомство» only points back: the speaker is the body
//! the sentence before names with an impersonal plural verb («В
//! Роспотребнадзоре «Известиям» сообщили, что …»), reported as written,
//! with its nominative for a one-word federal agency (Роспотребнадзор), and
//! that sentence joins the quote's context, so the outlet it credits counts.
//! A document with a named or specific owner keeps its phrase
//! (`сообщении пресс-службы`, `заявлении МЧС России`): the owner is in it,
//! unless that one-word owner is the office such a sentence names
//! (`— говорится в сообщении исполкома` after `В исполкоме Казани
//! сообщили, что …`: `исполкоме Казани`; «мэрия» and «администрация»
//! name the same body: `— говорится в сообщении мэрии` after `Как сообщили
//! в пресс-службе администрации Томска, …`). The body is looked for in the
//! sentence before in the paragraph, else up to four sentences back (other
//! quotes may stand between: `В управлении … на запрос редакции ответили,
//! что … ¶ «…», — говорит она. ¶ «…», — говорится в ответе ведомства`); a
//! request (`на запрос редакции`) is no part of the office. The office may
//! also follow the verb, past an outlet addressed (`сообщили РИА Новости в
//! ГУ МЧС по области`, `Как сообщили «Газете» в департаменте …`, `как
//! сообщили в пресс-службе министерства …`), when the verb is a verb of
//! speech. The office is named in the nominative: its head noun, when it
//! is an office noun in the prepositional case, turned back
//! (`прокуратуре области` → `прокуратура области`, [`office_nominative`]);
//! a phrase opening with an abbreviation (`ГУ МЧС по области`) as written.
//! A court's document whose owner is the bare «суда» (`говорится в решении
//! суда`, also `постановлении`, `определении`, `приговоре`) keeps its
//! phrase, and its name is the court named last before it (`Арбитражный
//! суд Свердловской области`: a capitalized adjective, «суд», then its
//! capitalized complement and region noun), whose sentence joins the
//! quote's context (the outlet crediting the ruling counts).

use super::super::super::lex::capitalized;
use super::super::super::lexicon::PhraseKind;
use super::super::context::{Ctx, Item};
use super::super::gender;
use super::words::{cyrillic, is_agency, PREPOSITIONS};
use crate::corpus::ByteSpan;

/// Stems of nouns naming a document or statement.
const DOCUMENTS: &[&str] = &[
    "ответ",
    "сообщени",
    "заявлени",
    "письм",
    "документ",
    "пресс-релиз",
    "релиз",
    "комментари",
    "публикаци",
    "обращени",
    "справк",
    "отчет",
    "отчёт",
    "доклад",
    "телеграм-канал",
    // a court's documents
    "решени",
    "постановлени",
    "определени",
    "приговор",
];

/// Stems of owners that only point back to a body named before.
const ANAPHORIC_OWNERS: &[&str] =
    &["ведомств", "министерств", "учреждени", "организаци", "компани", "структур", "управлени", "служб"];

/// How far back (bytes) the court a «решении суда» stands for is looked for.
const COURT_REACH: usize = 2000;

/// Nouns of a region in the genitive that go on a court's name after a
/// capitalized adjective (`Свердловской области`).
const REGION_NOUNS: &[&str] = &["области", "края", "округа", "района", "республики", "города"];

/// How many sentences back a document's body is looked for.
const OFFICE_SENTENCES: usize = 4;

/// The stem of a document's owner that names a body itself (`сообщении
/// исполкома` → `исполком`), `Some(None)` for an anaphoric owner or none
/// (`ответе ведомства`, `сообщении`, `ответе на запрос`), `None` for an
/// owner of more words (`сообщении пресс-службы суда`: the document keeps
/// its phrase).
fn owner_of(phrase: &str) -> Option<Option<String>> {
    let mut words = phrase.split_whitespace().skip(1);
    let Some(o) = words.next() else { return Some(None) };
    if PREPOSITIONS.contains(&o) || has_stem(o, ANAPHORIC_OWNERS) {
        return Some(None);
    }
    let alone = words.next().is_none_or(|w| PREPOSITIONS.contains(&w));
    (alone && cyrillic(o)).then(|| Some(gender::russian_stem(o)))
}

/// Where an office phrase `items[from..end]` ends before a request
/// (`на запрос редакции`, `на вопрос агентства`, `по просьбе`): the index of
/// that preposition, else `end`.
pub(super) fn before_request(ctx: &Ctx<'_>, items: &[Item], from: usize, end: usize) -> usize {
    (from..end.saturating_sub(1))
        .find(|&k| {
            let word = |k: usize| items.get(k).and_then(|&it| ctx.tok_of(it)).map(|i| ctx.lower(i));
            matches!(word(k).as_deref(), Some("на" | "по"))
                && word(k + 1).is_some_and(|w| ["запрос", "вопрос", "просьб"].iter().any(|s| w.starts_with(s)))
        })
        .unwrap_or(end)
}

/// Stems of the words for a town's executive: «мэрия» and «администрация»
/// name the same body (`говорится в сообщении мэрии` after `Как сообщили в
/// пресс-службе администрации города`).
const CITY_HALL: &[&str] = &["мэри", "администрац", "горадминистрац"];

/// Whether the (lower-case) word names a town's executive ([`CITY_HALL`]).
fn city_hall(word: &str) -> bool {
    has_stem(word, CITY_HALL)
}

/// The (lower-case) word opens with one of `stems`.
fn has_stem(w: &str, stems: &[&str]) -> bool {
    stems.iter().any(|s| w.starts_with(s))
}

impl Ctx<'_> {
    /// For quote `q` whose speaker phrase `span` follows a source cue ending
    /// in «в» (`говорится в`): when the phrase is a document with an
    /// anaphoric owner or none, the body named by an impersonal verb in the
    /// sentence before: (its span, its nominative when known, that
    /// sentence).
    pub(in crate::attribution::speaker) fn ru_document_owner(
        &self,
        q: usize,
        span: ByteSpan,
        cue: ByteSpan,
    ) -> Option<(ByteSpan, Option<String>, ByteSpan)> {
        let cue_text = self.text[cue.range()].to_lowercase();
        if !cue_text.ends_with(" в") || !cyrillic(&cue_text) {
            return None;
        }
        let phrase = self.text[span.range()].to_lowercase();
        if !phrase.split_whitespace().next().is_some_and(|w| has_stem(w, DOCUMENTS)) {
            return None;
        }
        let owner = owner_of(&phrase)?;
        // `в решении суда` after `Арбитражный суд области удовлетворил …`
        if owner.as_deref() == Some("суд") {
            return self.court_named_before(self.quotes[q].open).map(|(court, sentence)| (span, Some(court), sentence));
        }
        // the sentence before in the paragraph, else up to
        // [`OFFICE_SENTENCES`] sentences back (a quote of someone else may
        // stand between: the office answered a request the article is about)
        let mut candidates: Vec<Vec<Item>> = vec![self.before_n(q, 1)];
        let mut at = self.quotes[q].open;
        for _ in 0..OFFICE_SENTENCES {
            let items = self.previous_sentence_items(at);
            let Some(first) = items.first().and_then(|&it| self.tok_of(it)) else { break };
            at = self.toks[first].start;
            candidates.push(items);
        }
        let (office, items) = candidates.into_iter().find_map(|items| {
            let office = (0..items.len()).rev().find_map(|p| self.ru_office_at(&items, p))?;
            // a named owner must be that office: `сообщении исполкома` after
            // `В исполкоме … сообщили`
            let fits = owner.as_ref().is_none_or(|o| {
                self.text[office.range()].split_whitespace().any(|w| {
                    let w = w.to_lowercase();
                    gender::russian_stem(&w) == *o
                        || city_hall(&w) && phrase.split_whitespace().nth(1).is_some_and(city_hall)
                })
            });
            fits.then_some((office, items))
        })?;
        let sentence = self.span_of(&items)?;
        let written = &self.text[office.range()];
        let lower = written.to_lowercase();
        let name = (!written.contains(' ') && is_agency(&lower))
            .then(|| gender::russian_stem(&lower))
            .filter(|stem| stem.len() < lower.len() && !stem.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я']))
            .map(|stem| {
                let mut chars = stem.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
            })
            .or_else(|| office_nominative(written));
        Some((office, name, sentence))
    }

    /// The name of an office speaker `span` that an impersonal plural cue
    /// `cue` names after «в» (`уточнили в пресс-службе суда`, `В
    /// прокуратуре области отметили`): the phrase in the nominative
    /// ([`office_nominative`]).
    pub(in crate::attribution::speaker) fn ru_office_name(&self, span: ByteSpan, cue: ByteSpan) -> Option<String> {
        let is_in = |w: &str| matches!(w.to_lowercase().as_str(), "в" | "во");
        // the cue is the verb, or a source phrase ending in «в» (`отметили в`)
        let words: Vec<&str> = self.text[cue.range()].split_whitespace().collect();
        let verb = match words.as_slice() {
            [.., verb, prep] if is_in(prep) => verb,
            [.., verb] => {
                let before = self.text[..span.start as usize].trim_end();
                if !before.rsplit(|c: char| !c.is_alphanumeric()).next().is_some_and(is_in) {
                    return None;
                }
                verb
            }
            [] => return None,
        };
        if !cyrillic(verb) || capitalized(verb) || !verb.ends_with("ли") {
            return None;
        }
        office_nominative(&self.text[span.range()])
    }

    /// The court named last before byte `at` (within [`COURT_REACH`]
    /// bytes): an adjective, «суд» in the nominative and its complement of
    /// capitalized words and region nouns (`Арбитражный суд Свердловской
    /// области`, `Мещанский суд Москвы`), with the span of its sentence.
    fn court_named_before(&self, at: usize) -> Option<(String, ByteSpan)> {
        let mut from = at.saturating_sub(COURT_REACH);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let window = &self.text[from..at];
        // the words with their byte offsets in the window
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut start = None;
        for (i, c) in window.char_indices().chain(std::iter::once((window.len(), ' '))) {
            match (c.is_alphanumeric() || c == '-', start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, &window[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        let k = (1..words.len()).rev().find(|&k| {
            let adj = words[k - 1].1;
            words[k].1 == "суд"
                && capitalized(adj)
                && cyrillic(adj)
                && ["ый", "ий", "ой"].iter().any(|e| adj.ends_with(e))
        })?;
        let mut end = k + 1;
        while end < words.len() && end < k + 5 {
            let w = words[end].1;
            let region = REGION_NOUNS.contains(&w) && end > k + 1 && capitalized(words[end - 1].1);
            // the complement goes on in the same run of words (no punctuation between)
            let joined = window[words[end - 1].0 + words[end - 1].1.len()..words[end].0].trim() == "";
            if !joined || !(capitalized(w) || region) {
                break;
            }
            end += 1;
        }
        let (start, stop) = (from + words[k - 1].0, from + words[end - 1].0 + words[end - 1].1.len());
        let sentence_start = self.text[..start].rfind(['.', '\n', '!', '?']).map_or(0, |i| i + 1);
        let sentence_end = self.text[stop..at].find(['.', '\n']).map_or(at, |i| stop + i);
        Some((self.text[start..stop].to_owned(), ByteSpan::new(sentence_start, sentence_end)))
    }

    /// The office an impersonal plural verb of speech at `items[p]` names
    /// in its clause: before it (`В пресс-службе суда уточнили`), or after
    /// it, past an outlet addressed (`сообщили РИА Новости в ГУ МЧС по
    /// области`, `Как сообщили «Вечерней газете» в департаменте …`, `как
    /// сообщили в пресс-службе министерства …`).
    fn ru_office_at(&self, items: &[Item], p: usize) -> Option<ByteSpan> {
        if let Some(office) = self.ru_office_before(items, p) {
            return Some(office);
        }
        let speech = self.tok_of(*items.get(p)?).is_some_and(|i| {
            self.toks[i].is_word() && self.lex.match_phrase(&[self.lower(i).as_str()], PhraseKind::Verb).is_some()
        });
        if !speech {
            return None;
        }
        self.impersonal_office(items, p, 1).or_else(|| self.ru_office_after(items, p, 1))
    }
}

/// Office nouns in the nominative: the head of an office phrase after «в»
/// (`прокуратуре области`, `пресс-службе министерства`) is reported in the
/// nominative for the office's name (`прокуратура области`).
const OFFICE_HEADS: &[&str] = &[
    "пресс-служба",
    "служба",
    "прокуратура",
    "администрация",
    "мэрия",
    "дума",
    "палата",
    "инспекция",
    "комиссия",
    "полиция",
    "ассоциация",
    "федерация",
    "организация",
    "компания",
    "корпорация",
    "дирекция",
    "больница",
    "академия",
    "министерство",
    "ведомство",
    "управление",
    "агентство",
    "учреждение",
    "правительство",
    "представительство",
    "объединение",
    "отделение",
    "общество",
    "департамент",
    "комитет",
    "суд",
    "совет",
    "центр",
    "фонд",
    "отдел",
    "штаб",
    "исполком",
    "горсовет",
    "горисполком",
    "союз",
    "банк",
    "институт",
    "университет",
    "профсоюз",
    "главк",
    "минздрав",
];

/// The prepositional (locative) singular of an office noun (`служба` →
/// `службе`, `комиссия` → `комиссии`, `управление` → `управлении`,
/// `министерство` → `министерстве`, `суд` → `суде`).
fn locative(head: &str) -> String {
    if let Some(stem) = head.strip_suffix("ия").or_else(|| head.strip_suffix("ие")) {
        format!("{stem}ии")
    } else if let Some(stem) = head.strip_suffix('а').or_else(|| head.strip_suffix('о')) {
        format!("{stem}е")
    } else {
        format!("{head}е")
    }
}

/// An office phrase written after «в» (`прокуратуре Вологодской области`,
/// `Ассоциации пекарей Поволжья`) with its head noun in the nominative
/// (`прокуратура Вологодской области`); one opening with an abbreviation
/// (`ГУ МЧС по области`, indeclinable) as written; `None` when its first
/// word is neither (an adjective: `региональном УМВД`).
pub(in crate::attribution::speaker) fn office_nominative(written: &str) -> Option<String> {
    let first = written.split_whitespace().next()?;
    if first.chars().count() >= 2 && first.chars().all(|c| c.is_uppercase()) && cyrillic(first) {
        return Some(written.to_owned());
    }
    let lower = first.to_lowercase().replace('ё', "е");
    let head = OFFICE_HEADS.iter().find(|h| locative(h) == lower)?;
    let head = if capitalized(first) {
        let mut chars = head.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        (*head).to_owned()
    };
    Some(format!("{head}{}", &written[first.len()..]))
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::run;

    /// The speaker phrase and name of the quote starting with `quote`.
    fn speaker(text: &str, quote: &str) -> (Option<String>, Option<String>) {
        let hit = run(text).into_iter().find(|r| r.0.starts_with(quote)).unwrap_or_else(|| panic!("no {quote:?}"));
        (hit.1, hit.3)
    }

    #[test]
    fn an_anaphoric_owner_stands_for_the_body_named_before() {
        let text = "В Росреестре сообщили, что сроки сократят. «Регистрация займет три дня», — говорится в ответе \
                    ведомства на запрос агентства.";
        assert_eq!(speaker(text, "Регистрация"), (Some("Росреестре".into()), Some("Росреестр".into())));
        let text = "В мэрии Тулы сообщили, что сроки сократят. «Регистрация займет три дня», — говорится в \
                    сообщении.";
        assert_eq!(speaker(text, "Регистрация").0.as_deref(), Some("мэрии Тулы"));
    }

    #[test]
    fn the_body_named_some_sentences_before() {
        let text = "В департаменте транспорта Омска на запрос газеты ответили, что маршрут сохранят. По словам \
                    Ирины Котовой, жители собрали подписи. «Мы просили об этом два года», — говорит она.\n\n\
                    «Решение принято с учетом мнения горожан», — говорится в ответе ведомства.";
        assert_eq!(speaker(text, "Решение").0.as_deref(), Some("департаменте транспорта Омска"));
        // a one-word owner that is the office itself
        let text = "В горсовете Твери сообщили, что парк откроют в мае. «Работы идут по графику», — говорится \
                    в заявлении горсовета.";
        assert_eq!(speaker(text, "Работы").0.as_deref(), Some("горсовете Твери"));
        // «мэрия» for the town's administration
        let text = "Как сообщили в пресс-службе администрации Томска, мост откроют в мае. «Работы идут по \
                    графику», — говорится в сообщении мэрии.";
        assert_eq!(speaker(text, "Работы").0.as_deref(), Some("пресс-службе администрации Томска"));
        // another one-word owner keeps the document
        let text = "В горсовете Твери сообщили, что парк откроют в мае. «Работы идут по графику», — говорится \
                    в заявлении подрядчика.";
        assert_eq!(speaker(text, "Работы").0.as_deref(), Some("заявлении подрядчика"));
    }

    #[test]
    fn the_office_after_the_verb_and_the_outlet_addressed() {
        let text = "Паром сел на мель, сообщили агентству «Волга-Инфо» в ГУ МЧС по Самарской области.\n\n\
                    «Пассажиров сняли катером», — говорится в сообщении ведомства.";
        assert_eq!(
            speaker(text, "Пассажиров"),
            (Some("ГУ МЧС по Самарской области".into()), Some("ГУ МЧС по Самарской области".into()))
        );
        let text = "Как сообщили «Вечерней Туле» в департаменте образования Тульской области, школу откроют в \
                    сентябре. «Подрядчик уложился в сроки», — говорится в ответе ведомства.";
        assert_eq!(
            speaker(text, "Подрядчик"),
            (
                Some("департаменте образования Тульской области".into()),
                Some("департамент образования Тульской области".into())
            )
        );
        let text = "Как сообщили в пресс-службе комитета по тарифам края, жалобы проверят. «Срок проверки — \
                    месяц», — говорится в ответе ведомства.";
        assert_eq!(
            speaker(text, "Срок"),
            (
                Some("пресс-службе комитета по тарифам края".into()),
                Some("пресс-служба комитета по тарифам края".into())
            )
        );
        // a verb that is no verb of speech names no office
        let text = "Рабочие были в управлении дорог Омска. «Ремонт начнется в мае», — говорится в ответе ведомства.";
        assert_eq!(speaker(text, "Ремонт").0.as_deref(), Some("ответе ведомства"));
    }

    #[test]
    fn an_office_an_impersonal_verb_names_in_the_nominative() {
        let text = "«Заявки принимают до мая», — уточнили в пресс-службе Минспорта Чувашии.";
        assert_eq!(speaker(text, "Заявки").1.as_deref(), Some("пресс-служба Минспорта Чувашии"));
        let text = "В Ассоциации фермеров Кубани отметили, что «урожай будет ниже прошлогоднего».";
        assert_eq!(speaker(text, "урожай").1.as_deref(), Some("Ассоциация фермеров Кубани"));
    }

    #[test]
    fn a_court_named_before_for_its_decision() {
        let text = "Арбитражный суд Омской области взыскал с подрядчика 40 млн рублей. Ответчик намерен \
                    обжаловать решение.\n\n«Сроки нарушены по вине подрядчика», — говорится в решении суда.";
        assert_eq!(
            speaker(text, "Сроки"),
            (Some("решении суда".into()), Some("Арбитражный суд Омской области".into()))
        );
        let text = "Вчера Мещанский суд Москвы арестовал бизнесмена. «Риск побега велик», — говорится в решении суда.";
        assert_eq!(speaker(text, "Риск").1.as_deref(), Some("Мещанский суд Москвы"));
        // no court named: the document alone
        let text = "Иск отклонили. «Доводы истца не доказаны», — говорится в решении суда.";
        assert_eq!(speaker(text, "Доводы"), (Some("решении суда".into()), None));
    }

    #[test]
    fn an_office_head_in_the_nominative() {
        assert_eq!(
            super::office_nominative("прокуратуре Орловской области").as_deref(),
            Some("прокуратура Орловской области")
        );
        assert_eq!(
            super::office_nominative("Ассоциации рыбаков Поморья").as_deref(),
            Some("Ассоциация рыбаков Поморья")
        );
        assert_eq!(super::office_nominative("управлении ЖКХ").as_deref(), Some("управление ЖКХ"));
        assert_eq!(super::office_nominative("министерстве спорта").as_deref(), Some("министерство спорта"));
        assert_eq!(super::office_nominative("комитете по тарифам").as_deref(), Some("комитет по тарифам"));
        assert_eq!(super::office_nominative("региональном УМВД"), None);
        assert_eq!(super::office_nominative("ГУ МЧС по краю").as_deref(), Some("ГУ МЧС по краю"));
    }

    #[test]
    fn a_named_owner_or_no_body_keeps_the_document() {
        let text = "В Росреестре сообщили, что сроки сократят. «Регистрация займет три дня», — говорится в \
                    сообщении пресс-службы суда.";
        assert_eq!(speaker(text, "Регистрация").0.as_deref(), Some("сообщении пресс-службы суда"));
        let text = "Сроки сократят. «Регистрация займет три дня», — говорится в ответе ведомства.";
        assert_eq!(speaker(text, "Регистрация").0.as_deref(), Some("ответе ведомства"));
    }
}
