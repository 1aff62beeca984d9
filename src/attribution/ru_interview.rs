//! Outlets in Russian interview frames that the gazetteer does not know:
//! `в беседе с «Вечерней Казанью»`, `в интервью «Заречному вестнику»`,
//! `сообщила «Чемпионату»`, `рассказал Сафонов «Областной газете»`. A
//! «Name» right after «в беседе с» (or «в разговоре с»), «интервью», or a
//! verb of speech (with the speaker's name, one or two capitalised words,
//! between them or not) is the outlet the person spoke to (b9 decision 10; this reverses b8's "only the gazetteer or a
//! media noun makes it an outlet": in these frames a club or company is
//! rare, an outlet the rule). It is reported in the nominative, by the case
//! the frame governs (instrumental after «с», dative otherwise) and a table
//! of endings, the last word read as a noun and the words before it as
//! adjectives (the same suffix-table approach as the nominative of
//! person names in `speaker/russian/nominative.rs`; the Snowball stemmer
//! the cue lemmas use only cuts endings and cannot restore one):
//!
//! | | adjective | noun |
//! |---|---|---|
//! | instrumental | -ским → -ский, -ым → -ый, -им → -ий, -ой → -ая, -ей → -яя | -ью → -ь, -ом → ∅, -ой → -а, -ей → -я, -ями → -я, -ами → -а |
//! | dative | -скому → -ский, -ому → -ый, -ему → -ий, -ой → -ая, -ей → -яя | -ям → -я, -ам → -а, -у → ∅, -ю → -й after a vowel (краю), else -ь, -е → -а, -и → -ь |
//!
//! A word no row matches is kept as written; a name the gazetteer knows
//! in any case form is reported by its name (`«Интерфаксу»` → Интерфакс). Such a frame in the sentence
//! before a quote also credits the quote (`Х в беседе с «Y» отметила, что
//! … «…», — сказала она`) when no other quote stands between them and the
//! quote has no outlet of its own.

use super::quotes::Quote;
use super::ru_credit::{guillemets, outlet_like};
use super::Attributor;
use crate::corpus::ByteSpan;

/// The case an interview frame governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Instrumental,
    Dative,
}

const INSTRUMENTAL_ADJ: &[(&str, &str)] = &[("ским", "ский"), ("ым", "ый"), ("им", "ий"), ("ой", "ая"), ("ей", "яя")];
const INSTRUMENTAL_NOUN: &[(&str, &str)] =
    &[("ями", "я"), ("ами", "а"), ("ью", "ь"), ("ом", ""), ("ой", "а"), ("ей", "я")];
const DATIVE_ADJ: &[(&str, &str)] = &[("скому", "ский"), ("ому", "ый"), ("ему", "ий"), ("ой", "ая"), ("ей", "яя")];
/// (a noun's «ю» after a vowel is a «й» stem's: `краю` → `край`, `музею` →
/// `музей`; after a consonant an «ь» stem's: `Кремлю` → `Кремль`)
const DATIVE_NOUN: &[(&str, &str)] = &[
    ("ям", "я"),
    ("ам", "а"),
    ("у", ""),
    ("аю", "ай"),
    ("ею", "ей"),
    ("ою", "ой"),
    ("ию", "ий"),
    ("ю", "ь"),
    ("е", "а"),
    ("и", "ь"),
];

/// How far (bytes) a frame in the sentence before reaches to the quote.
const FRAME_REACH: usize = 400;

/// `word` with the first ending of `table` it has replaced, keeping at
/// least three letters of its stem (with the letters the ending keeps).
fn replace_ending(word: &str, table: &[(&str, &str)]) -> String {
    for (from, to) in table {
        if let Some(stem) = word.strip_suffix(from) {
            // (a letter the ending keeps counts: `краю` → `край`)
            let kept = from.chars().zip(to.chars()).take_while(|(a, b)| a == b).count();
            if stem.chars().count() + kept >= 3 {
                return format!("{stem}{to}");
            }
        }
    }
    word.to_owned()
}

/// The nominative of an outlet's name written in `case`.
fn nominative(name: &str, case: Case) -> String {
    let (adj, noun) = match case {
        Case::Instrumental => (INSTRUMENTAL_ADJ, INSTRUMENTAL_NOUN),
        Case::Dative => (DATIVE_ADJ, DATIVE_NOUN),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    let cyrillic = |w: &str| w.chars().all(|c| matches!(c, '\u{400}'..='\u{4ff}' | '-'));
    words
        .iter()
        .enumerate()
        .map(|(i, w)| match (cyrillic(w), i == last) {
            (false, _) => (*w).to_owned(),
            (true, true) => replace_ending(w, noun),
            (true, false) => replace_ending(w, adj),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lower-case words of `s` (letters and hyphens), last `n`.
fn last_words(s: &str, n: usize) -> Vec<String> {
    let words: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words[words.len().saturating_sub(n)..].to_vec()
}

impl Attributor {
    /// Outlets the gazetteer does not know in an interview frame: (the
    /// name's span with its marks, its nominative).
    pub(super) fn ru_interview_outlets(&self, text: &str) -> Vec<(ByteSpan, String)> {
        if !text.contains('«') {
            return Vec::new();
        }
        guillemets(text, 0, text.len())
            .into_iter()
            .filter(|&(_, _, name)| outlet_like(name))
            .filter_map(|(open, close, name)| {
                let mut from = open.saturating_sub(60);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let before = &text[from..open];
                if !before.ends_with([' ', '\u{a0}']) {
                    return None;
                }
                // a verb of speech, then the speaker's name: «рассказал
                // Сафонов «Газете»» (one or two capitalised words, skipped)
                let names = before.split_whitespace().rev().take_while(|x| x.starts_with(char::is_uppercase)).count();
                let clause = !before.trim_end().ends_with(['.', ',', ':', ';', '!', '?', '—']);
                let skip = if (1..=2).contains(&names) && clause { names } else { 0 };
                let w = last_words(before, 3 + skip);
                let tail: Vec<&str> = w[..w.len().saturating_sub(skip)].iter().map(String::as_str).collect();
                let case = match tail.as_slice() {
                    [.., "в", "беседе" | "разговоре", "с" | "со"] => Case::Instrumental,
                    [.., "интервью"] => Case::Dative,
                    [.., v] if self.is_ru_speech_verb(v) => Case::Dative,
                    _ => return None,
                };
                // a known outlet by the gazetteer's name (in any case form)
                let known = self.gazetteer.mentions(name).into_iter().find(|m| m.span.range() == (0..name.len()));
                let outlet = match known {
                    Some(m) => self.gazetteer.name_as_written(m.outlet, name).to_owned(),
                    None => nominative(name, case),
                };
                Some((ByteSpan::new(open, close), outlet))
            })
            .collect()
    }
}

/// The outlet of an interview frame in the sentence before quote `q`, in
/// its paragraph, with no kept quote between them (`keep`: which of
/// `quotes` are reported).
pub(super) fn frame_before(
    text: &str,
    quotes: &[Quote],
    keep: &[bool],
    q: &Quote,
    frames: &[(ByteSpan, String)],
) -> Option<String> {
    let para = text[..q.open].rfind('\n').map_or(0, |i| i + 1);
    let (span, name) = frames.iter().rev().find(|(s, _)| {
        s.end as usize <= q.open && s.start as usize >= para && q.open - s.end as usize <= FRAME_REACH
    })?;
    // no quote in the frame's sentence or after it: a frame after a quote's
    // cue (`«…», — рассказал «X»`) belongs to that quote
    let sentence = text[..span.start as usize].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let between = quotes.iter().zip(keep).any(|(o, &k)| k && o.open >= sentence && o.open < q.open);
    (!between).then(|| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominative_of_outlet_names() {
        assert_eq!(nominative("Вечерним Курском", Case::Instrumental), "Вечерний Курск");
        assert_eq!(nominative("Северной Звездой", Case::Instrumental), "Северная Звезда");
        assert_eq!(nominative("Волжской зарей", Case::Instrumental), "Волжская заря");
        assert_eq!(nominative("Хроникой", Case::Instrumental), "Хроника");
        assert_eq!(nominative("Верхней Салдой", Case::Instrumental), "Верхняя Салда");
        assert_eq!(nominative("Заречному вестнику", Case::Dative), "Заречный вестник");
        assert_eq!(nominative("Городской газете", Case::Dative), "Городская газета");
        assert_eq!(nominative("Южному краю", Case::Dative), "Южный край");
        assert_eq!(nominative("Новому Кремлю", Case::Dative), "Новый Кремль");
        assert_eq!(nominative("Коммерсантъ", Case::Dative), "Коммерсантъ");
    }

    fn outlet_of(text: &str, quote: &str) -> Option<String> {
        let found = Attributor::builtin().attribute(text);
        let q = found.iter().find(|q| text[q.span.range()].starts_with(quote)).expect("the quote");
        q.outlet.clone()
    }

    #[test]
    fn an_unknown_outlet_in_an_interview_frame() {
        let text = "«Сезон был тяжелым», — сказал тренер Павел Гусев в беседе с «Северной Звездой».";
        assert_eq!(outlet_of(text, "Сезон").as_deref(), Some("Северная Звезда"));
        let text = "Тренер Павел Гусев рассказал «Заречному вестнику», что состав слаб. «Нам нужны два \
                    защитника», — сказал он.";
        assert_eq!(outlet_of(text, "Нам нужны").as_deref(), Some("Заречный вестник"));
        // in the sentence before, with no other quote between
        let text = "Тренер Павел Гусев в интервью «Хронике» признал, что состав слаб. «Нам нужны два \
                    защитника», — сказал он.";
        assert_eq!(outlet_of(text, "Нам нужны").as_deref(), Some("Хроника"));
        // a known outlet by its name
        let text = "Тренер Павел Гусев рассказал «Интерфаксу», что состав слаб. «Нам нужны два защитника», — \
                    сказал Гусев.";
        assert_eq!(outlet_of(text, "Нам нужны").as_deref(), Some("Интерфакс"));
        // a frame after another quote's cue is that quote's
        let text = "«Сезон был тяжелым», — рассказал «Хронике» тренер. «Нам нужны два защитника», — добавил он.";
        assert_eq!(outlet_of(text, "Нам нужны"), None);
        // a name after another word is no outlet
        let text = "Тренер Павел Гусев из клуба «Северная Звезда» признал, что состав слаб. «Нам нужны два \
                    защитника», — сказал он.";
        assert_eq!(outlet_of(text, "Нам нужны"), None);
    }
}
