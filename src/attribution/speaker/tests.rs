//! Speaker rules, one table-driven case each.

use super::super::lex::lex;
use super::super::quotes::{extract_quotes, QuoteConfig};
use super::*;

/// Each quote's start, speaker phrase, cue and the name it stands for.
pub(super) type Row = (String, Option<String>, Option<String>, Option<String>);

/// [`Row`]s of every quote of `text`.
pub(super) fn run(text: &str) -> Vec<Row> {
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
                Some(s) => {
                    (quote, Some(text[s.span.range()].to_owned()), s.cue.map(|c| text[c.range()].to_owned()), s.name)
                }
                None => (quote, None, None, None),
            }
        })
        .collect()
}

fn speaker_of(text: &str) -> Option<String> {
    run(text)[0].1.clone()
}

macro_rules! t {
    ($name:ident, $text:expr, $speaker:expr, $cue:expr) => {
        #[test]
        fn $name() {
            let r = run($text);
            assert_eq!(r[0].1.as_deref(), $speaker, "speaker of {:?}", $text);
            assert_eq!(r[0].2.as_deref(), $cue, "cue of {:?}", $text);
        }
    };
}

t!(after_name_verb, "“We will win,” Trump said on Friday.", Some("Trump"), Some("said"));
t!(
    after_verb_name,
    "“We will win,” said Sen. Bernie Sanders, who spoke first.",
    Some("Sen. Bernie Sanders"),
    Some("said")
);
t!(after_description, "\"It is over,\" the Kremlin spokesman replied.", Some("the Kremlin spokesman"), Some("replied"));
t!(after_pronoun, "“Yes,” he added.", Some("he"), Some("added"));
t!(after_aux, "“Not now,” Smith has also said.", Some("Smith"), Some("said"));
t!(before_colon, "Peskov told TASS: “Yes, this is true.”", Some("Peskov"), Some("told"));
t!(
    before_called,
    "Former Rep. Jane Harman called it “the least bad option.”",
    Some("Former Rep. Jane Harman"),
    Some("called")
);
t!(before_that, "Cruz said he is certain Rubio will be “a champion for us.”", Some("Cruz"), Some("said"));
t!(according_to, "According to the newspaper, “the gun laws are weak.”", Some("the newspaper"), Some("According to"));
t!(
    appositive,
    "Minyon Moore, a senior adviser to the campaign, called it “a true wake-up call.”",
    Some("Minyon Moore"),
    Some("called")
);
t!(after_clause_boundary, "In an interview on Sunday, Trump said “it is rigged.”", Some("Trump"), Some("said"));
t!(russian, "Песков заявил: «Да, это так».", Some("Песков"), Some("заявил"));
t!(russian_dialogue, "— Да, это так, — сказал Песков.", Some("Песков"), Some("сказал"));
t!(no_cue, "The word “freedom” is on the wall.", None, None);
t!(any_ed_verb_after_clause_quote, "“Honestly, we may lose,” Oliver barked.", Some("Oliver"), Some("barked"));
t!(
    ed_verb_first,
    "“What a night,” beamed Donald Hartley of Madison.",
    Some("Donald Hartley of Madison"),
    Some("beamed")
);
t!(opener_skipped, "At the rally, Trump called it “a disgrace to the nation.”", Some("Trump"), Some("called"));
t!(
    capitalized_verb_is_no_cue,
    "Clinton told city leaders that the United States “should be governed by the wise.”",
    Some("Clinton"),
    Some("told")
);
t!(final_clause, "“A big night” for the victory, Sanders said.", Some("Sanders"), Some("said"));
t!(
    final_clause_verb_first,
    "“It” was to be a warning, said Susan Crawford, his agent.",
    Some("Susan Crawford"),
    Some("said")
);
t!(
    gerund_after_cue_takes_its_speaker,
    "The senator will play the card, Fiorina said, adding that it “will not work.”",
    Some("Fiorina"),
    Some("adding")
);
t!(
    opener_then_appositive,
    "At one point on Sunday, Trump, who has millions of followers, tweeted, “Is this the end?”",
    Some("Trump"),
    Some("tweeted")
);
t!(
    infinitive_is_no_cue,
    "Cruz said he is certain Rubio will continue to be “a champion for us.”",
    Some("Cruz"),
    Some("said")
);
t!(
    name_before_who_clause,
    "“We will win.” Cruz, who has proposed repealing it, said at the time.",
    Some("Cruz"),
    Some("said")
);
t!(signature_dash, "“We need a new leader.” ― Jorge Falcon, Texas", Some("Jorge Falcon"), Some("―"));
t!(
    whole_stretch_before_verb,
    "\"Vote for her,\" a voice-over in the ad states.",
    Some("a voice-over in the ad"),
    Some("states")
);
t!(
    stretch_with_and,
    "\"It failed.\" the Florida senator and Republican candidate said in a statement.",
    Some("the Florida senator and Republican candidate"),
    Some("said")
);
t!(dash_then_cue, "“We will win” — Trump said on Monday.", Some("Trump"), Some("said"));
t!(subject_without_cue, "Moore thanked him for “taking these steps.”", Some("Moore"), None);
t!(gerund_cue_takes_subject, "Trump went after Bush, calling him “a low energy guy.”", Some("Trump"), Some("calling"));
t!(comma_cue_takes_subject, "Trump, in Kentucky, said Rubio was “a choke artist.”", Some("Trump"), Some("said"));
t!(noun_is_no_cue, "Trump’s comments are “disgraceful,” the statement said.", Some("the statement"), Some("said"));

#[test]
fn second_segment_inherits() {
    let r = run("“A b c,” Canova said. “D e f.”\n\n“G h i.”\n\nThe end came, and “J k l” was over.");
    assert_eq!(r[1].1.as_deref(), Some("Canova"));
    assert_eq!(r[2].1.as_deref(), Some("Canova"));
    assert_eq!(r[3].1, None);
}

#[test]
fn previous_sentence_cue_when_quote_starts_a_sentence() {
    let r = run("Coan argues that his client was never violent. “They were the ones provoking,” he wrote.");
    assert_eq!(r[0].1.as_deref(), Some("he"));
    let r = run("Coan argues that his client was never violent. “They were the ones provoking.”");
    assert_eq!((r[0].1.as_deref(), r[0].2.as_deref()), (Some("Coan"), Some("argues")));
}

#[test]
fn pronoun_resolves_to_subject_of_its_sentence() {
    let r = run("Axel Berg spoke first. Fallon fired back: “As a guardian of it,” he wrote.");
    assert_eq!(r[0].3.as_deref(), Some("Fallon"));
}

#[test]
fn description_resolves_to_named_person() {
    let text = "Spokesman Dmitry Peskov spoke. “Yes, this is true,” the Kremlin spokesman replied.";
    let r = run(text);
    assert_eq!(r[0].1.as_deref(), Some("the Kremlin spokesman"));
    assert_eq!(r[0].3.as_deref(), Some("Dmitry Peskov"));
}

#[test]
fn pronoun_resolves_to_last_named_speaker() {
    let r = run("“A b c,” said Jeff Weaver. Later, “d e f,” he added.");
    assert_eq!(r[1].1.as_deref(), Some("he"));
    assert_eq!(r[1].3.as_deref(), Some("Jeff Weaver"));
    assert_eq!(speaker_of("“A b c,” said Jeff Weaver."), Some("Jeff Weaver".to_owned()));
}

t!(inverted_verb_opens_sentence, "Said Lena Berg, a nurse: “We are exhausted.”", Some("Lena Berg"), Some("Said"));
t!(
    appositive_name_after_description,
    "The singer’s agent, Tom Ruiz, told the paper it was “a misunderstanding.”",
    Some("Tom Ruiz"),
    Some("told")
);
t!(conjunction_is_no_name, "But Okoro insisted the plan was “the only way.”", Some("Okoro"), Some("insisted"));
t!(
    dateline_is_no_subject,
    "ACCRA, Ghana — The electoral commission rejected the claims, calling them “baseless.”",
    Some("The electoral commission"),
    Some("calling")
);
t!(
    time_phrase_is_no_subject,
    "Days later, Moreno returned, telling voters, “We will fix this.”",
    Some("Moreno"),
    Some("telling")
);
t!(
    hyphenated_name_kept_whole,
    "Lee Ji-hoon, a lawmaker, said the bill was “rushed.”",
    Some("Lee Ji-hoon"),
    Some("said")
);
t!(
    verb_inside_source_object,
    "According to the court report, the officer “acted lawfully.”",
    Some("the court report"),
    Some("According to")
);
t!(russian_source_with_verb, "Как заявили в мэрии, «работы завершены».", Some("мэрии"), Some("заявили в"));
t!(
    russian_lemma_cue,
    "«Мы справимся», — разъясняет губернатор Олег Ткачев.",
    Some("губернатор Олег Ткачев"),
    Some("разъясняет")
);

t!(
    gerund_after_quote_is_no_inversion,
    "Donald Trump defended “New York values,” saying the city embodied “bravery.”",
    Some("Donald Trump"),
    None
);
t!(
    adverb_before_verb_skipped,
    "Thomas Massie opposed Rand Paul, but now said Trump had “the chance to unite us.”",
    Some("Thomas Massie"),
    Some("said")
);

// phrases between a speaker and its cue (clauses.rs)
t!(
    relative_clause_after_quote,
    "\"The plant will close,\" a worker, who asked not to be named, told the newspaper.",
    Some("a worker"),
    Some("told")
);
t!(
    relative_clause_before_quote,
    "Chilean skier Ana Rojas, who won silver in 2022, said she was “ready to race.”",
    Some("Chilean skier Ana Rojas"),
    Some("said")
);
t!(
    relative_clause_after_an_age,
    "Ghanaian midfielder Kwame Mensah, 24, who joined in January, said he was “happy here”.",
    Some("Ghanaian midfielder Kwame Mensah"),
    Some("said")
);
t!(
    appositive_name_after_capitalized_description,
    "The Chief Executive of the port, Dr Lerato Mokoena, said: “Volumes are up.”",
    Some("Dr Lerato Mokoena"),
    Some("said")
);
t!(
    appositive_name_with_its_titles,
    "Japan's top government spokesman, Chief Cabinet Secretary Ken Sato, said Tokyo would “stay calm”.",
    Some("Chief Cabinet Secretary Ken Sato"),
    Some("said")
);
t!(
    russian_short_adjective_cue,
    "«Команда готова», — уверен главный тренер сборной Олег Белов.",
    Some("главный тренер сборной Олег Белов"),
    Some("уверен")
);
t!(
    appositive_name_after_possessive_description,
    "“He is innocent,” the singer's manager, Tomas Weber, told reporters.",
    Some("Tomas Weber"),
    Some("told reporters")
);
t!(
    hyphenated_ed_adjective_is_no_verb,
    "“Rates will fall,” Lagos-based economist Tunde Bello said.",
    Some("Lagos-based economist Tunde Bello"),
    Some("said")
);
t!(
    russian_adverbial_before_speaker,
    "«Мы сыграли плохо», — признал после игры главный тренер «Торпедо» Олег Кузнецов.",
    Some("главный тренер «Торпедо» Олег Кузнецов"),
    Some("признал")
);
t!(
    russian_kak_verb_speaker_after,
    "Кроме того, как подчеркнул мэр Олег Титов, «ремонт завершен».",
    Some("мэр Олег Титов"),
    Some("подчеркнул")
);
t!(
    russian_impersonal_office_after_addressee,
    "«Жертв нет», — сообщили ТАСС в полиции города.",
    Some("полиции города"),
    Some("сообщили")
);

#[test]
fn caption_names_are_no_antecedents() {
    let text = "Teacher Amina Yusuf opened the school in 2010.\n\nPHOTO: Pupils in Kano. (Fatima Bello)\n\n“We have 400 children now,” she said.";
    assert_eq!(run(text)[0].3.as_deref(), Some("Amina Yusuf"));
}

#[test]
fn russian_description_headed_by_its_first_word() {
    let text = "Глава Минфина Антон Орлов выступил в Госдуме. «Бюджет сбалансирован», — сказал руководитель ведомства.";
    let r = run(text);
    assert_eq!(r[0].1.as_deref(), Some("руководитель ведомства"));
    assert_eq!(r[0].3.as_deref(), Some("Антон Орлов"));
}

#[test]
fn cue_between_dashes_inside_guillemets() {
    let r = run("Фермер Иван Орлов показал поле. «Все сгорело, — говорит он. — Такого не было».");
    assert_eq!(r.len(), 2);
    assert_eq!((r[0].0.as_str(), r[0].2.as_deref()), ("Все сгорело,", Some("говорит")));
    assert_eq!((r[1].0.as_str(), r[1].3.as_deref()), ("Такого не было", Some("Иван Орлов")));
}

#[test]
fn an_and_between_two_titles_of_one_person_is_no_list() {
    let text = "\"We would rather wait,\" Acme Power president and chief executive Ramon Villa told Reuters.";
    let r = run(text);
    assert_eq!(r[0].1.as_deref(), Some("Acme Power president and chief executive Ramon Villa"));
    assert_eq!(r[0].3.as_deref(), Some("Ramon Villa"));
}

#[test]
fn a_tie_of_pronoun_genders_goes_to_the_first_after_the_name() {
    let text = "Intro.\n\nDr Lalith Perera said the ward was full.\n\nSandya Kumari said she had taken him to a \
                dispensary twice before he was referred here.\n\n\"They gave him paracetamol,\" she said.";
    let r = run(text);
    let hit = r.iter().find(|r| r.0.starts_with("They gave")).expect("quote");
    assert_eq!(hit.3.as_deref(), Some("Sandya Kumari"));
}
