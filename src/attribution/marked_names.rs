//! Text in guillemets that is a name or a scare-quoted word, not a
//! quotation: Russian (like French) sets the names of newspapers,
//! companies, clubs, programmes and ships in «»: `пишут «Известия»`, `ПАО
//! «Волжский полимер»`, `по программе «Земский учитель»`, `обсуждали
//! «оптимизацию» школы`. Such a span is dropped from the quotes before
//! speakers are looked for, so it is neither reported nor taken as the
//! quote a cue belongs to, and the name stays in the text around the
//! quotes (where the speaker and outlet rules see it: `— пишут
//! «Известия»` gives the speaker «Известия»).
//!
//! A «…» span is a name when all of these hold:
//!
//! * it is closed on its line, holds one to three words and no sentence
//!   punctuation (`.,:;!?…`), and is not nested in another quotation's
//!   marks of the same kind at its start;
//! * a word stands right before it (a cue verb, a preposition, a media
//!   noun, `ПАО`: mid-sentence, not after a colon or a dash, nor opening a
//!   paragraph);
//! * no cue dash follows it (`«Нет», — ответил он` is a one-word quote);
//! * it holds no personal pronoun (`сказал «Мы не сдадимся»`), and three
//!   words are not right after a verb of speech (`ответил «Решение уже
//!   принято»`);
//! * its words are capitalized as a name (the first word with a capital
//!   letter), or it is one lower-case word (a scare quote: `«оптимизацию»`)
//!   not after a naming verb (`назвала повышение «несвоевременным»` is a
//!   partial quote).
//!
//! Two lower-case words (`играла «на характере»`) stay a partial quote,
//! and so does any span with punctuation inside; but up to three words
//! after a generic naming verb (`в городе называют «заводским трамваем»`:
//! «называют», «именуют», «зовут», with no one's words behind them) are a
//! nickname, and a title right after a noun of a work or an event
//! (`выставка «Сундук и судьба: купеческий Ярославль»`, `фильм`,
//! `спектакль`, `фестиваль`: its first letter a capital, up to eight words,
//! no sentence end inside, no cue dash after it) is a name even with
//! inner punctuation. English double quotes are
//! untouched: titles in them (`the film "Heat"`) are left to the cue rules.

use super::lexicon::{Lexicon, PhraseKind};
use super::quotes::Quote;
use super::speaker::{Speaker, SpeakerKind};
use super::{Attributor, QuoteAttribution};
use crate::corpus::ByteSpan;

/// How many words a name in guillemets has at most.
const MAX_NAME_WORDS: usize = 3;

/// Whether quote `q` of `text` is a name or a scare-quoted word in «».
pub(crate) fn is_marked_name(text: &str, q: &Quote, lex: &Lexicon) -> bool {
    if q.mark != '«' || !text[q.open..].starts_with('«') {
        return false;
    }
    let Some(close) = q.close else { return false };
    let from = q.open + '«'.len_utf8();
    if !text[..close].ends_with('»') || close < from + '»'.len_utf8() {
        return false;
    }
    let inner = &text[from..close - '»'.len_utf8()];
    if inner.contains(['\n', '«', '»']) {
        return false;
    }
    // a title after a noun of a work or an event (`выставка «Сундук и
    // судьба: купеческий Ярославль»`): a name even with inner punctuation
    if title_after_noun(text, q.open, close, inner) {
        return true;
    }
    if inner.chars().any(|c| matches!(c, '.' | ',' | ':' | ';' | '!' | '?' | '…' | '"' | '“' | '„')) {
        return false;
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_NAME_WORDS {
        return false;
    }
    // a word right before the opening mark, on the same line
    let before = text[..q.open].trim_end_matches([' ', '\u{a0}']);
    if before.len() == text[..q.open].len() && !before.is_empty() {
        return false; // glued to the word before: not a mark in running text
    }
    if !before.ends_with(char::is_alphanumeric) {
        return false;
    }
    // no cue dash after it: «Нет», — ответил он
    let after = text[close..].trim_start_matches([' ', '\u{a0}', ',', '.', '!', '?', '…']);
    let after = after.trim_start_matches([' ', '\u{a0}']);
    if after.starts_with(['—', '–']) || text[close..].trim_start().starts_with('-') {
        return false;
    }
    // a personal pronoun makes a sentence, not a name (`сказал «Мы не
    // сдадимся»`), and so does a three-word span right after a verb of
    // speech (`ответил «Решение уже принято»`; `пишут «Известия»` stays a name)
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    if lower.iter().any(|w| lex.is_pronoun(w)) {
        return false;
    }
    let previous = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    if words.len() == MAX_NAME_WORDS && lex.match_phrase(&[previous.as_str()], PhraseKind::Verb).is_some() {
        return false;
    }
    // a generic naming verb (`в городе называют «заводским трамваем»`)
    // gives a nickname, not anyone's words
    if generic_naming_before(before) {
        return true;
    }
    let first = words[0];
    let capital = first.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
        || first.chars().next().is_some_and(|c| c.is_ascii_digit());
    if capital {
        return true;
    }
    // one lower-case word, unless a naming verb puts it in someone's mouth:
    // `назвала повышение «несвоевременным»`
    let scare = words.len() == 1 && first.chars().all(|c| c.is_lowercase() || c == '-');
    scare && !naming_verb_before(before)
}

/// Stems of verbs that name or characterize something (`назвал`,
/// `называют`, `охарактеризовала`): a word in «» after them is the
/// speaker's word, a partial quote.
const NAMING_STEMS: &[&str] = &["назва", "назыв", "назов", "охарактериз", "окрести"];

/// Whether one of the (at most four) words before the end of `before`, in
/// its clause, is a naming verb.
fn naming_verb_before(before: &str) -> bool {
    let clause = &before[before.rfind(['.', '!', '?', ',', ';', ':', '\n']).map_or(0, |i| i + 1)..];
    clause.split_whitespace().rev().take(4).any(|w| {
        let w = w.to_lowercase();
        NAMING_STEMS.iter().any(|s| w.starts_with(s))
    })
}

/// Present plural forms of verbs of naming with no one's words behind
/// them: what «называют» (`в городе давно называют …`, `между собой
/// называют …`) puts in «» is a nickname in use, not a quotation.
const GENERIC_NAMING: &[&str] = &["называют", "именуют", "зовут"];

/// Whether one of the (at most four) words before the end of `before`, in
/// its clause, is a generic naming verb ([`GENERIC_NAMING`]).
fn generic_naming_before(before: &str) -> bool {
    let clause = &before[before.rfind(['.', '!', '?', ',', ';', ':', '\n']).map_or(0, |i| i + 1)..];
    clause.split_whitespace().rev().take(4).any(|w| GENERIC_NAMING.contains(&w.to_lowercase().as_str()))
}

/// Stems of nouns of a work or an event whose title follows in «»
/// (`выставка`, `фильм`, `спектакль`, `фестиваль`), matched on a word at
/// most three letters longer than the stem (its case endings).
const TITLE_NOUNS: &[&str] = &[
    "выставк",
    "фотовыставк",
    "экспозици",
    "фильм",
    "спектакл",
    "книг",
    "роман",
    "повест",
    "сборник",
    "альбом",
    "песн",
    "сериал",
    "мюзикл",
    "фестивал",
    "конкурс",
    "постановк",
];

/// How many words a title after a noun of a work has at most.
const MAX_TITLE_WORDS: usize = 8;

/// Whether the «» span `inner` (opening at `open`, closing at `close`) is a
/// title right after a noun of a work or event ([`TITLE_NOUNS`]): its
/// first letter a capital, at most [`MAX_TITLE_WORDS`] words, no sentence
/// end inside and no cue dash after it.
fn title_after_noun(text: &str, open: usize, close: usize, inner: &str) -> bool {
    let words = inner.split_whitespace().count();
    let capital = inner.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    if words == 0 || words > MAX_TITLE_WORDS || !capital || inner.contains(['.', '!', '?', '…']) {
        return false;
    }
    let before = text[..open].trim_end_matches([' ', '\u{a0}']);
    if before.len() == open {
        return false;
    }
    let noun = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    let is_title_noun =
        TITLE_NOUNS.iter().any(|s| noun.starts_with(s) && noun.chars().count() <= s.chars().count() + 3);
    let after = text[close..].trim_start_matches([' ', '\u{a0}', ',', '.', '!', '?', '…']);
    is_title_noun && !after.starts_with(['—', '–', '-'])
}

/// For each quote of `text`, whether it is kept: not a name or scare
/// quote in «» ([`is_marked_name`]).
pub(crate) fn kept_quotes(text: &str, quotes: &[Quote], lex: &Lexicon) -> Vec<bool> {
    quotes.iter().map(|q| !is_marked_name(text, q, lex)).collect()
}

/// The attributions whose quote is kept (`keep`, one per attribution),
/// parents renumbered (a quote whose parent was dropped gets that quote's
/// parent).
pub(crate) fn drop_marked_names(mut out: Vec<QuoteAttribution>, keep: &[bool]) -> Vec<QuoteAttribution> {
    if keep.iter().all(|&k| k) {
        return out;
    }
    // new index of each kept quote
    let mut new_index = vec![None; keep.len()];
    let mut n = 0;
    for (i, &k) in keep.iter().enumerate() {
        if k {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    let parents: Vec<Option<usize>> = out.iter().map(|a| a.quote.parent).collect();
    let parent_of = |mut p: Option<usize>| {
        while let Some(i) = p {
            if keep[i] {
                return new_index[i];
            }
            p = parents[i];
        }
        None
    };
    for a in &mut out {
        a.quote.parent = parent_of(a.quote.parent);
    }
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    out
}

impl Attributor {
    /// A speaker phrase that is one name in «» (`— пишет «Коммерсантъ»`)
    /// loses its marks. Returns the name as an outlet when the cue is a form
    /// of писать (`пишет «Заречный вестник»`: who writes is a publication),
    /// in the gazetteer's name when it knows it.
    pub(super) fn unmark_speaker(&self, text: &str, sp: &mut Speaker) -> Option<String> {
        let phrase = &text[sp.span.range()];
        let inner = phrase.strip_prefix('«')?.strip_suffix('»')?;
        if inner.contains(['«', '»']) || inner.trim().is_empty() {
            return None;
        }
        let start = sp.span.start as usize + '«'.len_utf8();
        sp.span = ByteSpan::new(start, start + inner.len());
        sp.kind = SpeakerKind::Name;
        let cue = sp.cue.map(|c| text[c.range()].to_lowercase()).unwrap_or_default();
        let writes = cue.split_whitespace().any(|w| w.starts_with("пиш") || w.starts_with("напис"));
        match self.gazetteer.lookup(inner) {
            Some(i) => Some(self.gazetteer.name_as_written(i, inner).to_owned()),
            None => writes.then(|| inner.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::quotes::{extract_quotes, QuoteConfig};
    use super::*;

    /// The quotes reported for `text`, as text.
    fn kept(text: &str) -> Vec<&str> {
        Attributor::builtin().attribute(text).into_iter().map(|q| &text[q.span.range()]).collect()
    }

    #[test]
    fn names_in_guillemets_are_no_quotes() {
        let text = "«Мост откроют летом», — пишет «Вечерний Омск». Об этом сообщил завод «Прогресс» в Самаре.";
        assert_eq!(kept(text), vec!["Мост откроют летом"]);
        let text = "Она уехала по программе «Сельский врач», а сын служит на крейсере «Адмирал Макаров».";
        assert_eq!(kept(text), Vec::<&str>::new());
    }

    #[test]
    fn a_scare_quoted_word_is_no_quote() {
        let text = "Жители опасаются, что «реформа» закроет больницу.";
        assert_eq!(kept(text), Vec::<&str>::new());
        // after a naming verb it is the speaker's word, a partial quote
        let text = "Мэр назвал эту реформу «преждевременной».";
        assert_eq!(kept(text), vec!["преждевременной"]);
    }

    #[test]
    fn a_nickname_after_a_generic_naming_verb_is_no_quote() {
        let text = "Этот мост в городе давно называют «горбатым великаном».";
        assert_eq!(kept(text), Vec::<&str>::new());
        // a person's naming verb: a partial quote
        let text = "Мэр назвал эту реформу «большой ошибкой».";
        assert_eq!(kept(text), vec!["большой ошибкой"]);
    }

    #[test]
    fn a_title_after_a_noun_of_a_work_is_no_quote() {
        let text = "В музее открылась выставка «Лодки и люди: рыбацкий Онего», на ней сто предметов.";
        assert_eq!(kept(text), Vec::<&str>::new());
        let text = "Театр покажет спектакль «Сад, который мы сажали» в марте.";
        assert_eq!(kept(text), Vec::<&str>::new());
        // a sentence after such a noun, or a cue dash after it, stays a quote
        let text = "Он вспомнил книгу. «Книг у нас было мало. Читали всё», — сказал он.";
        assert_eq!(kept(text), vec!["Книг у нас было мало. Читали всё"]);
    }

    #[test]
    fn short_quotes_stay_quotes() {
        // a cue dash after it
        assert_eq!(kept("«Нет», — ответил министр."), vec!["Нет"]);
        assert_eq!(kept("«Согласен» — коротко ответил министр."), vec!["Согласен"]);
        // after a colon, or opening the paragraph
        assert_eq!(kept("Министр ответил: «Нет»."), vec!["Нет"]);
        // a partial quote of two lower-case words, or with punctuation
        assert_eq!(kept("Тренер сказал, что команда играла «через силу»."), vec!["через силу"]);
        assert_eq!(kept("Он назвал план «Ошибкой, и большой»."), vec!["Ошибкой, и большой"]);
        // a pronoun, or three words after a verb of speech: a short quote
        assert_eq!(kept("Директор сказал «Мы не сдадимся» и ушел."), vec!["Мы не сдадимся"]);
        assert_eq!(kept("Министр ответил «Решение уже принято» и ушел."), vec!["Решение уже принято"]);
        assert_eq!(kept("Его приняли в «Союз молодых художников» весной."), Vec::<&str>::new());
        // four words or more
        assert_eq!(kept("Он повторил «Мы будем работать дальше»."), vec!["Мы будем работать дальше"]);
        // straight and curly quotes are untouched
        assert_eq!(kept("He saw the film \"Heat\" again."), vec!["Heat"]);
    }

    #[test]
    fn parents_are_renumbered() {
        let text = "«Мы дружим с «Ростом» много лет, — сказал он. — И «Ростом» гордимся». Затем «Факел» уехал.";
        let quotes = extract_quotes(text, &QuoteConfig { dialogue_dashes: vec!['—'] });
        assert_eq!(kept_quotes(text, &quotes, &Lexicon::builtin()).iter().filter(|&&k| !k).count(), 3);
        let out = Attributor::builtin().attribute(text);
        let spans: Vec<&str> = out.iter().map(|q| &text[q.span.range()]).collect();
        assert_eq!(spans, vec!["Мы дружим с «Ростом» много лет,", "И «Ростом» гордимся"]);
        assert!(out.iter().all(|q| q.quote.parent.is_none()));
    }

    /// Each reported quote's start, speaker and outlet.
    fn rows(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        Attributor::builtin()
            .attribute(text)
            .into_iter()
            .map(|q| {
                let start: String = text[q.span.range()].chars().take(10).collect();
                (start, q.speaker_text(text).map(str::to_owned), q.outlet.clone())
            })
            .collect()
    }

    fn row(start: &str, speaker: &str, outlet: Option<&str>) -> (String, Option<String>, Option<String>) {
        (start.to_owned(), Some(speaker.to_owned()), outlet.map(str::to_owned))
    }

    #[test]
    fn a_name_in_guillemets_after_a_trailing_cue_is_the_speaker() {
        let text = "«Завод закроют на ремонт до осени», — пишут «Ведомости». «Рабочих переведут на \
                    другие участки», — сообщает РИА Новости. «Ремонт обойдется в миллиард рублей», — передает \
                    «Коммерсантъ».";
        assert_eq!(
            rows(text),
            vec![
                row("Завод закр", "Ведомости", Some("Ведомости")),
                row("Рабочих пе", "РИА Новости", Some("РИА Новости")),
                row("Ремонт обо", "Коммерсантъ", Some("Коммерсантъ")),
            ]
        );
        // an unknown name: an outlet after писать, else a speaker only
        let text = "«Паром пойдет с мая», — пишет «Северный берег». «Билеты подорожают», — сообщает «Речфлот».";
        assert_eq!(
            rows(text),
            vec![row("Паром пойд", "Северный берег", Some("Северный берег")), row("Билеты под", "Речфлот", None)]
        );
    }
}
