//! The word lists and word tests of the Russian rules: prepositions,
//! settings, agencies, surname endings, and the verb forms that show a
//! speaker's gender.

use crate::attribution::lexicon::Gender;
use crate::attribution::speaker::gender;
/// Prepositions: a phrase after one, right before the verb, is an
/// adverbial, not the subject.
pub(super) const PREPOSITIONS: &[&str] = &[
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
pub(super) const LOCATIVE: &[&str] = &["в", "во", "на", "из", "под", "над"];

/// Nouns whose prepositional complement belongs to them (`источник в
/// правительстве`), and the anonymous ones that stand for no named person.
pub(super) const SOURCE_NOUNS: &[&str] =
    &["источник", "собеседник", "собеседниц", "представител", "сотрудник", "сотрудниц"];
pub(super) const ANONYMOUS: &[&str] = &["источник", "собеседник", "собеседниц"];

/// Stems of the nouns of a speech setting: `на пресс-конференции`, `в
/// эфире`, `на заседании` after a speaker are an adverbial.
pub(super) const SETTINGS: &[&str] = &[
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

/// Stems of the settings of an interview, whose complement is the outlet
/// (`в беседе с РИА Новости`, `в интервью «Известиям»`).
pub(super) const INTERVIEW_SETTINGS: &[&str] = &["бесед", "интервью"];

/// Stems of federal ministries and agencies written as one capitalized
/// word (`Минэнерго`, `Росстата`): organisations, never persons.
pub(super) const AGENCIES: &[&str] = &[
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
pub(super) const NOT_NAMES: &[&str] =
    &["сам", "сама", "сами", "само", "даже", "именно", "лишь", "ранее", "теперь", "также"];

/// Whether `w` starts with a Cyrillic letter.
pub(in crate::attribution::speaker) fn cyrillic(w: &str) -> bool {
    w.chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}'))
}

/// Whether a (lower-case) word is a ministry or federal agency written as
/// one word.
pub(in crate::attribution::speaker) fn is_agency(w: &str) -> bool {
    w.chars().count() >= 6 && AGENCIES.iter().any(|a| w.starts_with(a))
}

/// Case endings of Russian surnames, longest first.
pub(super) const SURNAME_ENDINGS: &[&str] = &[
    "ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ым", "им", "ом", "ем", "ую", "юю", "ая", "яя", "ий", "ый",
    "ых", "их", "а", "я", "у", "ю", "е", "ы", "и",
];

/// A surname's form for matching across cases: a Cyrillic surname without
/// its case ending (`Семенцов`, `Семенцова`, `Семенцовым` → `семенцов`;
/// `Петровская`, `Петровского` → `петровск`), else the surname itself.
/// (The Snowball stemmer is no use here: it cuts `-ов` from `Семенцов`.)
pub(in crate::attribution::speaker) fn surname_key(surname: &str) -> String {
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
pub(in crate::attribution::speaker) fn same_surname(a: &str, b: &str) -> bool {
    a == b || (cyrillic(a) && cyrillic(b) && surname_key(a) == surname_key(b))
}

/// Whether two full names differ in their first names (`Анна Петрова`,
/// `Иван Петров`), in any case (`Олега`, `Олег` are one).
pub(in crate::attribution::speaker) fn other_first_name(a: &str, b: &str) -> bool {
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
pub(in crate::attribution::speaker) fn verb_gender(w: &str) -> Option<Gender> {
    if w.ends_with("ла") || w.ends_with("лась") {
        Some(Gender::Feminine)
    } else if w.ends_with('л') || w.ends_with("лся") {
        Some(Gender::Masculine)
    } else {
        None
    }
}

/// Whether a lower-case Cyrillic word looks like a past-tense verb.
pub(super) fn past_verb(w: &str) -> bool {
    w.chars().count() > 3 && ["л", "ла", "ли", "ло", "лся", "лась", "лись"].iter().any(|e| w.ends_with(e))
}

/// Lower-case territorial nouns after a place adjective (`Забайкальского
/// края`, `Павлодарской области`), in the cases news writes them.
pub(in crate::attribution::speaker) const TERRITORIES: &[&str] = &[
    "край",
    "края",
    "краю",
    "краем",
    "крае",
    "область",
    "области",
    "областью",
    "район",
    "района",
    "району",
    "районом",
    "районе",
    "округ",
    "округа",
    "округу",
    "округе",
    "республика",
    "республики",
    "республике",
    "поселок",
    "поселка",
    "посёлка",
    "село",
    "села",
    "город",
    "города",
    "муниципалитета",
    "улуса",
    "аймака",
];

/// Groups of Russian role nouns that name the same role (`форвард` and
/// `нападающий`, `парламентарий` and `депутат`): a description by one
/// stands for a person introduced by another.
const ROLE_SYNONYMS: &[&[&str]] = &[
    &["нападающ", "форвард"],
    &["вратар", "голкипер"],
    &["депутат", "парламентари"],
    &["тренер", "наставник"],
    &["мэр", "градоначальник"],
];

/// The other stems of `head`'s role (`форвард` → `нападающ`).
pub(in crate::attribution::speaker) fn role_synonyms(head: &str) -> impl Iterator<Item = &'static str> + '_ {
    ROLE_SYNONYMS
        .iter()
        .filter(move |g| g.iter().any(|s| head.starts_with(s)))
        .flat_map(move |g| g.iter().copied().filter(move |s| !head.starts_with(s)))
}

/// Ranks and degrees that open a second title in apposition (`кандидат
/// химических наук`, `заслуженный врач`).
pub(super) const RANKS: &[&str] = &[
    "кандидат",
    "доктор",
    "член-корреспондент",
    "заслуженный",
    "заслуженная",
    "народный",
    "народная",
    "почетный",
    "почётный",
    "старший",
    "старшая",
    "младший",
    "младшая",
    "ведущий",
    "ведущая",
    "главный",
    "главная",
];

/// Whether a word is an age adjective (`24-летний`, `19-летняя`).
pub(super) fn is_age_adjective(w: &str) -> bool {
    let Some((n, rest)) = w.split_once('-') else { return false };
    !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with("летн")
}

/// Stems of event nouns: a capitalized run opening with one (`Кубка
/// России`, `Чемпионате Европы`) names a competition or event, no person.
pub(super) const EVENTS: &[&str] = &[
    "кубк",
    "кубок",
    "чемпионат",
    "первенств",
    "турнир",
    "олимпиад",
    "спартакиад",
    "универсиад",
    "фестивал",
    "форум",
    "гран-при",
    "марафон",
];
