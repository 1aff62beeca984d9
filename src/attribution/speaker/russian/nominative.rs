//! The nominative of a Russian name reported for a pronoun («она», «он»):
//! the chain keeps a person's name as first written, often in an oblique
//! case («цитирует … Наталью Беспалову»), but the person a pronoun stands
//! for is reported in the nominative («Наталья Беспалова»). A small suffix
//! table by the pronoun's gender, for two-word names (first name and
//! surname) in Cyrillic:
//!
//! | | first name | surname |
//! |---|---|---|
//! | feminine | -ью/-ьи/-ье/-ьей → -ья, -ию/-ии → -ия, -у/-ы/-е/-ой → -а | -ову/-овой → -ова (-ев-, -ин-), -скую/-ской → -ская |
//! | masculine | -ея/-ею/-еем/-ее → -ей, -ия/-ию → -ий, -ая/-аю → -ай, -я/-ю/-ем → -ь, -а/-у/-ом/-е → drop | -ова/-ову/-овым/-ове → -ов (-ев, -ин), -ского/-скому/-ским → -ский |
//!
//! A word that matches no row is kept as written (already nominative, or
//! a name the table does not cover).

use super::super::super::lexicon::Gender;
use super::words::cyrillic;

/// Feminine first-name endings and their nominative.
const FEM_FIRST: &[(&str, &str)] = &[
    ("ьей", "ья"),
    ("ью", "ья"),
    ("ьи", "ья"),
    ("ье", "ья"),
    ("ией", "ия"),
    ("ию", "ия"),
    ("ии", "ия"),
    ("ой", "а"),
    ("у", "а"),
    ("ы", "а"),
    ("е", "а"),
];
/// Feminine surname endings.
const FEM_SURNAME: &[(&str, &str)] = &[
    ("ову", "ова"),
    ("евой", "ева"),
    ("овой", "ова"),
    ("еву", "ева"),
    ("иной", "ина"),
    ("ину", "ина"),
    ("ской", "ская"),
    ("скую", "ская"),
];
/// Masculine first-name endings.
const MASC_FIRST: &[(&str, &str)] = &[
    ("еем", "ей"),
    ("ея", "ей"),
    ("ею", "ей"),
    ("ее", "ей"),
    ("ием", "ий"),
    ("ия", "ий"),
    ("ию", "ий"),
    ("ая", "ай"),
    ("аю", "ай"),
    ("ем", "ь"),
    ("я", "ь"),
    ("ю", "ь"),
    ("ом", ""),
    ("а", ""),
    ("у", ""),
    ("е", ""),
];
/// Masculine surname endings.
const MASC_SURNAME: &[(&str, &str)] = &[
    ("овым", "ов"),
    ("евым", "ев"),
    ("иным", "ин"),
    ("ова", "ов"),
    ("ову", "ов"),
    ("ове", "ов"),
    ("ева", "ев"),
    ("еву", "ев"),
    ("ина", "ин"),
    ("ину", "ин"),
    ("ского", "ский"),
    ("скому", "ский"),
    ("ским", "ский"),
];

/// The word with the first matching ending of `table` replaced (at least
/// three letters left), else as written.
fn replace_ending(word: &str, table: &[(&str, &str)]) -> String {
    for (end, nominative) in table {
        if let Some(stem) = word.strip_suffix(end).filter(|s| s.chars().count() >= 3) {
            return format!("{stem}{nominative}");
        }
    }
    word.to_owned()
}

/// The nominative of a two-word Cyrillic name for a person of gender `g`;
/// any other name as written.
pub(in crate::attribution::speaker) fn nominative(name: &str, g: Gender) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let [first, surname] = words[..] else { return name.to_owned() };
    if !cyrillic(first) || !cyrillic(surname) || first.contains('.') {
        return name.to_owned();
    }
    let (f, s) = match g {
        Gender::Feminine => (FEM_FIRST, FEM_SURNAME),
        Gender::Masculine => (MASC_FIRST, MASC_SURNAME),
    };
    // only when the surname shows an oblique case: a nominative surname
    // means the name was written in the nominative
    let new_surname = replace_ending(surname, s);
    if new_surname == surname {
        return name.to_owned();
    }
    format!("{} {new_surname}", replace_ending(first, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oblique_names_to_the_nominative() {
        let t = |name: &str, g| nominative(name, g);
        assert_eq!(t("Наталью Беспалову", Gender::Feminine), "Наталья Беспалова");
        assert_eq!(t("Оксану Мельникову", Gender::Feminine), "Оксана Мельникова");
        assert_eq!(t("Марии Соколовой", Gender::Feminine), "Мария Соколова");
        assert_eq!(t("Ирину Вишневскую", Gender::Feminine), "Ирина Вишневская");
        assert_eq!(t("Сергея Лапина", Gender::Masculine), "Сергей Лапин");
        assert_eq!(t("Ивана Петрова", Gender::Masculine), "Иван Петров");
        assert_eq!(t("Дмитрию Горскому", Gender::Masculine), "Дмитрий Горский");
        assert_eq!(t("Игоря Носова", Gender::Masculine), "Игорь Носов");
        assert_eq!(t("Николаю Зимину", Gender::Masculine), "Николай Зимин");
        // already nominative, or not two Cyrillic words: as written
        assert_eq!(t("Ирина Захарова", Gender::Feminine), "Ирина Захарова");
        assert_eq!(t("Олег Носов", Gender::Masculine), "Олег Носов");
        assert_eq!(t("Тимур Насибуллин", Gender::Masculine), "Тимур Насибуллин");
        assert_eq!(t("Anna Smith", Gender::Feminine), "Anna Smith");
        assert_eq!(t("Беспаловой", Gender::Feminine), "Беспаловой");
    }

    #[test]
    fn a_pronoun_is_reported_in_the_nominative() {
        let text = "Суд выслушал Ольгу Ремизову и ее адвоката.\n\n«Я верну деньги», — пообещала она.";
        let rows = super::super::super::tests::run(text);
        let row = rows.iter().find(|r| r.0.starts_with("Я верну")).expect("the quote");
        assert_eq!(row.3.as_deref(), Some("Ольга Ремизова"));
    }
}
