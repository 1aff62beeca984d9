//! The centering rules (`centering.rs`) and the Russian rules added with
//! them, one table-driven case each: the speaker phrase of the quote that
//! starts with the given words, and the person it stands for.

use super::super::lex::lex;
use super::super::quotes::{extract_quotes, QuoteConfig};
use super::chain_tests::t;
use super::*;

t!(
    pronoun_is_the_subject_of_the_sentence_before,
    "Inspector Paul Mercer told the hearing that Gary Dunne had fled.\n\nHe said cameras showed the van \"leaving at speed\" that night.",
    "leaving at speed",
    Some("He"),
    Some("Paul Mercer")
);
t!(
    pronoun_after_a_sentence_whose_subject_is_a_title_with_a_quote,
    "Health Minister Robert Kells opened the clinic.\n\nCritic Alan Frost called it \"a photo opportunity\".\n\nThe minister said he would \"take any questions,\" but left early.\n\n\"The figures speak for themselves,\" he said.",
    "The figures",
    Some("he"),
    Some("Robert Kells")
);
t!(
    continuation_after_a_paragraph_opening_with_she_said,
    "Farmer Grace Moyo showed us her field.\n\nShe said the rain had come too late for the crop.\n\n\"We will plant again in March.\"",
    "We will plant",
    Some("She"),
    Some("Grace Moyo")
);
t!(
    description_reports_the_fullest_name,
    "Judge Helen Farrow imposed the sentence.\n\nJudge Farrow said the case was serious.\n\n\"It was a planned attack,\" the judge said.",
    "It was a planned",
    Some("the judge"),
    Some("Helen Farrow")
);
t!(
    a_surname_alone_takes_the_name_written_before,
    "In the final, Tavish Obeng won easily.\n\nObeng, who is 19, was delighted.\n\n\"I trained for this,\" the 19-year-old said.",
    "I trained",
    Some("the 19-year-old"),
    Some("Tavish Obeng")
);
t!(
    a_possessive_her_does_not_give_a_man_her_gender,
    "One of her former students, Wiremu Kake, remembered her lessons.\n\n\"She was strict,\" he said.",
    "She was strict",
    Some("he"),
    Some("Wiremu Kake")
);
t!(
    photo_credits_are_no_antecedents,
    "Coach Reynaldo Pryce praised his runner.\n\nThe runner crosses the line. (Photo: Garfield Ames)\n\n\"She is ready,\" he said.",
    "She is ready",
    Some("he"),
    Some("Reynaldo Pryce")
);
t!(
    malay_honorifics_and_rank_numerals_are_titles,
    "Deputy Minister II Datuk Seri Azman Hafiz Rahim spoke first.\n\n\"Prices will hold,\" the minister said.",
    "Prices will hold",
    Some("the minister"),
    Some("Azman Hafiz Rahim")
);
t!(
    trailing_parenthesis_after_a_name_is_dropped,
    "Opposition backbencher Hasnul Osman (PN-Kota Bharu) called the plan \"chaotic from day one\".",
    "chaotic",
    Some("Opposition backbencher Hasnul Osman"),
    Some("Hasnul Osman")
);
t!(
    a_gerund_after_a_long_predicate_takes_the_subject_with_its_abbreviation,
    "LAHORE: The Punjab Food Authority (PFA) on Friday sealed 12 shops at 30 per cent of sites, saying they sold \"unfit for consumption\" milk.",
    "unfit",
    Some("The Punjab Food Authority (PFA)"),
    None
);
t!(
    family_is_a_noun,
    "Her family announced the death, saying he had died \"peacefully at home\".",
    "peacefully",
    Some("Her family"),
    None
);
t!(
    and_inside_an_organisation_name,
    "Chamber of Commerce and Industry President Tom Reyes called it \"a missed chance\".",
    "a missed chance",
    Some("Chamber of Commerce and Industry President Tom Reyes"),
    Some("Tom Reyes")
);
t!(
    a_pronoun_subject_of_a_relative_clause,
    "Born in Otaki in 1950, Mere Hapi was caned at school, an experience she called \"the start of my work\".",
    "the start",
    Some("she"),
    Some("Mere Hapi")
);
t!(
    russian_kak_is_no_name,
    "«Эвакуация завершена», — сказал глава района Виктор Ямщиков.\n\nКак отметил чиновник, люди вернутся завтра.\n\n«Школа открыта», — пояснил он.",
    "Школа открыта",
    Some("он"),
    Some("Виктор Ямщиков")
);
t!(
    russian_place_adjective_after_a_title_is_no_name,
    "«Ветер сильный», — сказал губернатор Забайкальского края Павел Кудрин.\n\n«Окурок может стоить дома», — подчеркнул губернатор.",
    "Окурок",
    Some("губернатор"),
    Some("Павел Кудрин")
);
t!(
    russian_ex_title,
    "Суд приговорил бывшего главу района Геннадия Сухова. Бывший глава района Геннадий Сухов вину не признал.\n\n«Я служил району», — говорил экс-глава.",
    "Я служил",
    Some("экс-глава"),
    Some("Геннадий Сухов")
);
t!(
    russian_role_synonyms,
    "Шайбу забросил нападающий Никита Щербаков. Наставник гостей Вячеслав Корнилов был краток.\n\n— Бросал наудачу, — рассказал 21-летний форвард.",
    "Бросал",
    Some("21-летний форвард"),
    Some("Никита Щербаков")
);
t!(
    russian_past_tense_after_dash_is_a_cue,
    "Свидетель Вадим Кушнарев дал показания.\n\n«Так было заведено», — показал Кушнарев.",
    "Так было",
    Some("Кушнарев"),
    Some("Кушнарев")
);
t!(
    russian_subject_after_a_prepositional_phrase,
    "В последнем слове Сухов заявил, что стал жертвой «мести подрядчика».",
    "мести",
    Some("Сухов"),
    Some("Сухов")
);
t!(
    russian_office_name_with_a_list,
    "Как сообщили «Кабару» в Министерстве природных ресурсов, экологии и технического надзора, «данные публикуются онлайн».",
    "данные",
    Some("Министерстве природных ресурсов, экологии и технического надзора"),
    // (the office in the nominative: russian/documents.rs)
    Some("Министерство природных ресурсов, экологии и технического надзора")
);
t!(
    a_dot_inside_a_word_ends_no_sentence,
    "По словам вице-мэра, концентрация PM2.5 «превышала норму в 12 раз».",
    "превышала",
    Some("вице-мэра"),
    None
);

t!(
    a_first_name_in_ed_is_no_participle,
    "Talks resumed in Cairo.\n\nMohammed on Tuesday rejected the offer, saying it was \"not ready\".",
    "not ready",
    Some("Mohammed"),
    Some("Mohammed")
);

#[test]
fn vocative_in_an_interview_question_is_no_mention() {
    let text =
        "Наставник «Авангарда» Вячеслав Корнилов был краток.\n\n— Вячеслав Игоревич, состав изменится?\n\n— Посмотрим.";
    let lexicon = Lexicon::builtin();
    let quotes = extract_quotes(text, &QuoteConfig { dialogue_dashes: lexicon.dialogue.clone() });
    let toks = lex(text);
    let ctx = Ctx::new(text, &toks, &quotes, &lexicon);
    let names: Vec<&str> = ctx.chain().persons.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Вячеслав Корнилов"]);
}

#[test]
fn per_as_a_measure_is_no_source() {
    assert!(centering::per_measure(&["per", "cent"]));
    assert!(centering::per_measure(&["per", "capita"]));
    assert!(!centering::per_measure(&["per", "the", "report"]));
    assert!(!centering::per_measure(&["according", "to"]));
}
