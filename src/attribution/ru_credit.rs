//! Russian outlet credits the gazetteer alone does not give (the rules of
//! [`Attributor::attribute`] that look at how Russian names an outlet):
//!
//! * **A name in guillemets after a media noun** in any case form
//!   (`изданию «Вечерний Гродно»`, `в интервью газете «Заря»`, `сообщил
//!   телеканалу «Волга»`) is an outlet, reported as written: in apposition
//!   to the noun it stays in the nominative. A bare «Name» after «в беседе
//!   с», «в интервью» or a verb of speech is an outlet too, in the
//!   nominative (`ru_interview.rs`).
//! * **«— цитирует X «Name»»**: after the verb цитировать the phrase
//!   reads object, then subject; a «Name» closing it after a person's name
//!   (not after a title, whose genitive complement it would be: `тренера
//!   «Зенита»`) is the outlet that quotes, cut from the speaker phrase.
//! * **«— цитирует издание собеседника»**: a media noun opening the
//!   phrase after цитировать stands for the outlet named last before the
//!   quote; it is cut from the speaker phrase and that outlet credited.
//! * **An introduction's outlet**: a quote with no outlet of its own
//!   right after the sentence that names its speaker and credits an outlet
//!   after a verb of speech (`Иван Орлов рассказал ТАСС, что … «…», —
//!   сказал Орлов.`) has that outlet.
//! * **«— добавил собеседник агентства»**: the interlocutor of an outlet
//!   (собеседник or собеседница with a media noun) is the speaker of the
//!   nearest earlier quote credited to an outlet in its own sentence, with
//!   that outlet.

use super::lex::Tok;
use super::outlets::Mention;
use super::speaker::{Speaker, SpeakerKind};
use super::{Attributor, CreditKind, QuoteAttribution};
use crate::corpus::ByteSpan;

/// Stems of Russian media nouns: any case form of these names an outlet
/// (`газете`, `телеканалом`, `изданию`).
const MEDIA_STEMS: &[&str] = &[
    "агентств",
    "газет",
    "издани",
    "интернет-издани",
    "телеканал",
    "телекомпани",
    "радиостанци",
    "сайт",
    "портал",
    "журнал",
    "еженедельник",
    "ежедневник",
];

/// How far back (bytes) «собеседник агентства» looks for the quote it
/// continues.
const INTERLOCUTOR_REACH: usize = 1500;

/// Whether the (lower-case) word is a case form of a Russian media noun.
fn media_noun(w: &str) -> bool {
    MEDIA_STEMS.iter().any(|s| w.starts_with(s) && w.chars().count() <= s.chars().count() + 3)
}

/// The last word of `s` (letters, digits and hyphens), lower-cased.
fn last_word(s: &str) -> String {
    let w: String = s
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    w.to_lowercase()
}

/// Whether `name` (the text inside guillemets) can be an outlet's name: it
/// opens with a capital letter and has at most five words.
pub(super) fn outlet_like(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase) && name.split_whitespace().count() <= 5
}

/// The «…» groups of `text[from..to]` on one line: (byte of «, byte after
/// », the name inside).
pub(super) fn guillemets(text: &str, from: usize, to: usize) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some(o) = text[at..to].find('«') {
        let open = at + o;
        let inner = open + '«'.len_utf8();
        let Some(c) = text[inner..to].find(['»', '«', '\n']) else { break };
        let close = inner + c;
        if text[close..].starts_with('»') && close - inner <= 80 {
            out.push((open, close + '»'.len_utf8(), &text[inner..close]));
        }
        at = close;
    }
    out
}

impl Attributor {
    /// Outlets named «Name» right after a Russian media noun, the gazetteer's
    /// name when it knows them: (the name's span with its guillemets, name).
    pub(super) fn ru_media_outlets(&self, text: &str) -> Vec<(ByteSpan, String)> {
        if !text.contains('«') {
            return Vec::new();
        }
        guillemets(text, 0, text.len())
            .into_iter()
            .filter(|&(open, _, name)| outlet_like(name) && media_noun(&last_word(&text[..open])))
            .map(|(open, close, name)| {
                let outlet = self.gazetteer.lookup(name).map_or(name, |i| self.gazetteer.name_as_written(i, name));
                (ByteSpan::new(open, close), outlet.to_owned())
            })
            .collect()
    }

    /// The first outlet of `extra` inside one of `spans`.
    pub(super) fn extra_outlet_in(extra: &[(ByteSpan, String)], spans: &[ByteSpan]) -> Option<String> {
        spans.iter().find_map(|c| {
            extra.iter().find(|(m, _)| m.start >= c.start && m.end <= c.end).map(|(_, name)| name.clone())
        })
    }

    /// «— цитирует X «Name»»: the outlet closing the speaker phrase after
    /// the verb цитировать, cut from it. Returns the outlet's name.
    ///
    /// With another verb of speech before the speaker («— рассказал Сафонов
    /// «Областной газете» после заседания»), a «Name» right after the
    /// person's name is the outlet addressed: it and the words after it are
    /// cut from the speaker phrase, and the outlet is left to the interview
    /// frames of `ru_interview.rs` (it is written in the dative). Returns
    /// None then.
    pub(super) fn cut_quoting_outlet(&self, text: &str, sp: &mut Speaker) -> Option<String> {
        let cue = sp.cue?;
        if cue.start >= sp.span.start {
            return None;
        }
        let quoting = text[cue.range()].to_lowercase().starts_with("цитир");
        let (start, end) = (sp.span.start as usize, sp.span.end as usize);
        let marked = guillemets(text, start, end);
        let &(open, close, name) = if quoting { marked.last()? } else { marked.first()? };
        let tail_ok = close == end || (!quoting && text[close..end].trim_start().starts_with(char::is_lowercase));
        if !tail_ok || !outlet_like(name) {
            return None;
        }
        let head = text[start..open].trim_end();
        let before = last_word(head);
        // after a person's name, not after a title or a media noun
        let by_name = head.split_whitespace().last().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        if head.is_empty() || !by_name || media_noun(&before) || !head.ends_with(char::is_alphanumeric) {
            return None;
        }
        sp.span = ByteSpan::new(start, start + head.len());
        if !quoting {
            return None;
        }
        Some(self.gazetteer.lookup(name).map_or(name, |i| self.gazetteer.name_as_written(i, name)).to_owned())
    }

    /// «— цитирует издание собеседника»: after the verb цитировать, a media
    /// noun opening the speaker phrase (`издание`, `агентство`, `газета`)
    /// is the outlet that quotes, standing for the outlet named last before
    /// the quote (starting at `quote_start`; within [`INTERLOCUTOR_REACH`]
    /// bytes): it is cut from the
    /// speaker phrase (`собеседника`), and that outlet's name returned.
    pub(super) fn cut_quoting_media_noun(
        &self,
        text: &str,
        sp: &mut Speaker,
        quote_start: usize,
        mentions: &[Mention],
        extra: &[(ByteSpan, String)],
    ) -> Option<String> {
        let cue = sp.cue?;
        if cue.start >= sp.span.start || !text[cue.range()].to_lowercase().starts_with("цитир") {
            return None;
        }
        let (start, end) = (sp.span.start as usize, sp.span.end as usize);
        let phrase = &text[start..end];
        let noun = phrase.split_whitespace().next()?;
        let rest = phrase[noun.len()..].trim_start();
        if rest.is_empty() || !media_noun(&noun.to_lowercase()) || rest.starts_with('«') {
            return None;
        }
        let open = quote_start;
        let named = mentions
            .iter()
            .filter(|m| (m.span.end as usize) <= open && m.span.end as usize + INTERLOCUTOR_REACH >= open)
            .map(|m| (m.span.end, self.gazetteer.name_as_written(m.outlet, &text[m.span.range()]).to_owned()))
            .chain(
                extra
                    .iter()
                    .filter(|(s, _)| (s.end as usize) <= open && s.end as usize + INTERLOCUTOR_REACH >= open)
                    .map(|(s, n)| (s.end, n.clone())),
            )
            .max_by_key(|(e, _)| *e)?;
        sp.span = ByteSpan::new(end - rest.len(), end);
        Some(named.1)
    }

    /// «собеседник агентства» (a media noun's interlocutor): the speaker
    /// and outlet of the nearest earlier quote credited to an outlet in its
    /// own sentence.
    pub(super) fn ru_interlocutor(
        &self,
        text: &str,
        sp: &mut Speaker,
        outlet: &mut Option<(String, CreditKind)>,
        earlier: &[QuoteAttribution],
    ) {
        if sp.name.is_some() || sp.kind != SpeakerKind::Description {
            return;
        }
        let phrase = text[sp.span.range()].to_lowercase();
        let words: Vec<&str> = phrase.split_whitespace().collect();
        if words.len() != 2 || !words[0].starts_with("собеседни") || !media_noun(words[1]) {
            return;
        }
        let at = sp.span.start as usize;
        let prev = earlier.iter().rev().take_while(|o| o.span.end as usize + INTERLOCUTOR_REACH >= at).find(|o| {
            o.outlet.is_some()
                && matches!(o.outlet_kind, Some(CreditKind::Cue | CreditKind::Speaker))
                && o.speaker.is_some()
        });
        let Some(prev) = prev else { return };
        sp.name = prev.speaker_name.clone().or_else(|| prev.speaker_text(text).map(str::to_owned));
        *outlet = prev.outlet.clone().map(|o| (o, CreditKind::Cue));
    }
}

impl Attributor {
    /// The outlet of the sentence right before quote `q` in its paragraph
    /// (no kept quote between: `keep`) that names the quote's speaker `sp`
    /// (the last word of its name or phrase, as written) and credits an
    /// outlet after a verb of speech (`Полузащитник Иван Орлов рассказал
    /// ТАСС, что … «…», — сказал Орлов.`): the interview goes on.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn ru_intro_outlet(
        &self,
        text: &str,
        toks: &[Tok],
        mentions: &[Mention],
        quotes: &[super::quotes::Quote],
        keep: &[bool],
        q: &super::quotes::Quote,
        sp: &Speaker,
    ) -> Option<String> {
        let para = text[..q.open].rfind('\n').map_or(0, |i| i + 1);
        let before = text[para..q.open].trim_end();
        // the sentence before: from the sentence end before it
        let body = before.strip_suffix(['.', '!', '?', ':'])?;
        let from = para + body.rfind(['.', '!', '?']).map_or(0, |i| i + 1);
        if quotes.iter().zip(keep).any(|(o, &k)| k && o.open >= from && o.open < q.open) {
            return None;
        }
        let name = sp.name.as_deref().unwrap_or(&text[sp.span.range()]);
        let surname = name.split_whitespace().last()?;
        if !surname.starts_with(char::is_uppercase) || !surname.chars().all(|c| matches!(c, '\u{400}'..='\u{4ff}')) {
            return None;
        }
        let sentence = &text[from..q.open];
        let named = sentence.split(|c: char| !c.is_alphanumeric()).any(|w| w == surname);
        let m = mentions.iter().find(|m| {
            m.span.start as usize >= from && (m.span.end as usize) <= q.open && verb_before(self, text, toks, m)
        })?;
        named.then(|| self.outlet_name(text, m))
    }
}

/// Whether the word before mention `m` is a verb of speech, in the Russian
/// order verb then outlet (`сообщает РИА Новости`).
pub(super) fn verb_before(attr: &Attributor, text: &str, toks: &[Tok], m: &Mention) -> bool {
    let k = toks.partition_point(|t| t.end <= m.span.start as usize);
    let Some(t) = k.checked_sub(1).map(|i| toks[i]).filter(|t| t.is_word()) else { return false };
    attr.is_ru_speech_verb(&t.text(text).to_lowercase())
}

impl Attributor {
    /// Whether the lower-case word `w` is a Russian verb of speech (a form
    /// of a cue lemma: `сообщает`, `рассказал`).
    pub(super) fn is_ru_speech_verb(&self, w: &str) -> bool {
        w.starts_with(|c: char| matches!(c, '\u{400}'..='\u{4ff}'))
            && self.lexicon.match_phrase(&[w], super::lexicon::PhraseKind::Verb).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A quote's start, speaker phrase, name and outlet.
    type Row = (String, Option<String>, Option<String>, Option<String>);

    /// Each quote's row.
    fn run(text: &str) -> Vec<Row> {
        Attributor::builtin()
            .attribute(text)
            .into_iter()
            .map(|q| {
                let quote: String = text[q.span.range()].chars().take(12).collect();
                (quote, q.speaker_text(text).map(str::to_owned), q.speaker_name.clone(), q.outlet.clone())
            })
            .collect()
    }

    fn find(text: &str, quote: &str) -> (Option<String>, Option<String>, Option<String>) {
        let hit = run(text).into_iter().find(|r| quote.starts_with(&r.0) || r.0.starts_with(quote));
        let (_, sp, name, outlet) = hit.unwrap_or_else(|| panic!("no quote {quote:?}"));
        (sp, name, outlet)
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn more_verbs_of_speech_by_lemma() {
        let lex = &Attributor::builtin().lexicon;
        let verb = |w: &str| lex.match_phrase(&[w], super::super::lexicon::PhraseKind::Verb);
        for form in
            ["поделился", "поделилась", "посоветовала", "уверил", "убеждает", "вздохнула", "повторил", "делится"]
        {
            assert_eq!(verb(form), Some(1), "{form}");
        }
        // nouns sharing those stems are no cue
        for noun in ["дела", "совета", "повтор", "вздох"] {
            assert_eq!(verb(noun), None, "{noun}");
        }
        let text = "«Раньше такого не было», — поделился один из жильцов.";
        assert_eq!(find(text, "Раньше").0, s("один из жильцов"));
    }

    #[test]
    fn media_nouns_and_their_forms() {
        assert!(media_noun("газете") && media_noun("телеканалом") && media_noun("изданию"));
        assert!(!media_noun("газетчики-ветераны") && !media_noun("заявлению"));
        assert_eq!(last_word("сказал он газете "), "газете");
    }

    #[test]
    fn a_name_after_a_media_noun_is_an_outlet() {
        let text = "«Работы закончим к маю», — сказал Иван Сомов в интервью газете «Заречный вестник».";
        assert_eq!(find(text, "Работы"), (s("Иван Сомов"), s("Иван Сомов"), s("Заречный вестник")));
        // a bare unknown name after «в беседе с» is an outlet too, in the
        // nominative (ru_interview.rs)
        let text = "«Работы закончим к маю», — сказал Иван Сомов в беседе с «Заречным вестником».";
        assert_eq!(find(text, "Работы").2, s("Заречный вестник"));
    }

    #[test]
    fn a_known_outlet_in_an_oblique_case() {
        let text = "«Мы сыграли плохо», — сказал защитник Петр Лунев в беседе с «Советским спортом».";
        assert_eq!(find(text, "Мы сыграли"), (s("защитник Петр Лунев"), s("Петр Лунев"), s("Советский спорт")));
    }

    #[test]
    fn the_outlet_that_quotes_is_cut_from_the_speaker() {
        let text = "«Поле было тяжелым», — цитирует вратаря Олега Ракова «Вечерний Тамбов».";
        assert_eq!(find(text, "Поле").0, s("вратаря Олега Ракова"));
        assert_eq!(find(text, "Поле").2, s("Вечерний Тамбов"));
        // a club after a title is the title's complement, not an outlet
        let text = "«Поле было тяжелым», — цитирует сайт клуба главного тренера «Ротора».";
        assert_eq!(find(text, "Поле").2, None);
    }

    #[test]
    fn an_outlet_addressed_after_the_speakers_name_is_cut_from_the_speaker() {
        // an unknown outlet in the dative, then words after it
        let text = "«Снег убрали не везде», — рассказал Пётр Ракитин «Северному курьеру» после планерки.";
        assert_eq!(find(text, "Снег").0, s("Пётр Ракитин"));
        assert_eq!(find(text, "Снег").2, s("Северный курьер"));
        // a known one, the name a surname alone
        let text = "«Снег убрали не везде», — сказал Ракитин «Известиям».";
        assert_eq!((find(text, "Снег").0, find(text, "Снег").2), (s("Ракитин"), s("Известия")));
        // after a title the «Name» is its complement and stays
        let text = "«Снег убрали не везде», — сказал директор «Горсвета».";
        assert_eq!(find(text, "Снег").0, s("директор «Горсвета»"));
    }

    #[test]
    fn a_media_noun_quoting_stands_for_the_outlet_named_before() {
        let text = "Завод закроют к лету, сообщили «Ведомости» со ссылкой на источник в компании.\n\n\
                    «Спроса нет уже два года», — цитирует издание собеседника.";
        assert_eq!(find(text, "Спроса"), (s("собеседника"), None, s("Ведомости")));
        // no outlet named before: the phrase stays
        let text = "«Спроса нет уже два года», — цитирует издание собеседника.";
        assert_eq!(find(text, "Спроса").0, s("издание собеседника"));
    }

    #[test]
    fn the_interlocutor_of_an_outlet_is_the_last_speaker_it_quoted() {
        let text = "«Проверка идет», — пояснил «Интерфаксу» прокурор района Игорь Белов.\n\n\
                    «Дело передано в суд», — добавил собеседник агентства.";
        assert_eq!(find(text, "Дело"), (s("собеседник агентства"), s("Игорь Белов"), s("Интерфакс")));
    }

    #[test]
    fn an_outlet_reporting_before_in_russian_word_order() {
        let text = "Суд отправил директора под арест, сообщает РИА Новости.\n\n\
                    «Ходатайство удовлетворено», — говорится в сообщении пресс-службы.";
        assert_eq!(find(text, "Ходатайство").2, s("РИА Новости"));
    }

    #[test]
    fn the_outlet_of_the_sentence_introducing_the_speaker() {
        let text = "Матч закончился вничью.\n\nЗащитник «Ротора» Иван Орлов рассказал ТАСС, что команда устала. \
                    «Мы играли третий матч за неделю», — сказал Орлов.";
        assert_eq!(find(text, "Мы играли").2.as_deref(), Some("ТАСС"));
        // another person's sentence credits nothing
        let text = "Матч закончился вничью.\n\nЗащитник «Ротора» Иван Орлов рассказал ТАСС, что команда устала. \
                    «Мы играли третий матч за неделю», — сказал Петров.";
        assert_eq!(find(text, "Мы играли").2, None);
    }
}
