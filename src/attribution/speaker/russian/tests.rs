//! Tests of the Russian rules: each quote's start, speaker phrase and
//! the name it stands for, on short invented articles.

use super::*;

/// Each quote's start, speaker phrase and the name it stands for.
fn run(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    super::super::tests::run(text).into_iter().map(|(quote, phrase, _cue, name)| (quote, phrase, name)).collect()
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
    let text = "Нападающий «Факела» Роман Ильин в интервью клубному сайту признался, что «сезон получился тяжелым».";
    assert_eq!(speaker(text, "сезон").0.as_deref(), Some("Нападающий «Факела» Роман Ильин"));
    let text = "Министр природных ресурсов и экологии края Павел Орлов на встрече с жителями в Чите заявил, что «свалку закроют».";
    assert_eq!(speaker(text, "свалку").0.as_deref(), Some("Министр природных ресурсов и экологии края Павел Орлов"));
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
    let text = "Бывшего мэра Игоря Носова задержали в среду. Сам Носов вину не признал.\n\n«Это ошибка», — сказал он.";
    // (reported in the nominative: russian/nominative.rs)
    assert_eq!(speaker(text, "Это ошибка").1.as_deref(), Some("Игорь Носов"));
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

#[test]
fn gestures_close_a_dash_turn_like_a_verb_of_speech() {
    let text = "Тренер вышел к журналистам.\n\n— Мы сыграли неплохо, но не забили, — улыбнулась капитан команды.\n\n\
                — Судья ошибся, — пожал плечами вратарь.";
    assert_eq!(speaker(text, "Мы сыграли").0.as_deref(), Some("капитан команды"));
    assert_eq!(speaker(text, "Судья").0.as_deref(), Some("вратарь"));
    let text = "«Посмотрим, что будет весной», — рассмеялся Петр Сомов.";
    assert_eq!(speaker(text, "Посмотрим").0.as_deref(), Some("Петр Сомов"));
}

#[test]
fn a_continuation_of_a_described_person_names_the_person() {
    use crate::attribution::{Attributor, SpeakerKind};
    let text = "Жительница поселка Ольга Сомова ждет нового дома с 2020 года. «Трещины растут каждый год», — \
                говорит пенсионерка.\n\n«Ключей пока никто не видел».";
    let found = Attributor::builtin().attribute(text);
    let q = found.iter().find(|q| text[q.span.range()].starts_with("Ключей")).expect("quote");
    assert_eq!((q.speaker_kind, q.speaker_name.as_deref()), (Some(SpeakerKind::Pronoun), Some("Ольга Сомова")));
    // the quote with the cue keeps its description
    let q = found.iter().find(|q| text[q.span.range()].starts_with("Трещины")).expect("quote");
    assert_eq!(q.speaker_kind, Some(SpeakerKind::Description));
    // a phrase with the name in it stays as written
    let text = "«Лед тонкий», — сказал спасатель Игорь Носков.\n\n«Выходить на реку опасно».";
    let found = Attributor::builtin().attribute(text);
    let q = found.iter().find(|q| text[q.span.range()].starts_with("Выходить")).expect("quote");
    assert_eq!(q.speaker_text(text), Some("спасатель Игорь Носков"));
}

#[test]
fn a_name_after_a_second_title_in_apposition() {
    let text = "«Опыт удался с третьей попытки», — рассказала руководитель отдела, доктор физических наук \
                Ирина Белова.";
    assert_eq!(speaker(text, "Опыт").0.as_deref(), Some("Ирина Белова"));
    // no title before the comma: the phrase stays
    let text = "«Опыт удался», — сказал он, обращаясь к Ивану Петрову.";
    assert_eq!(speaker(text, "Опыт").0.as_deref(), Some("он"));
}

#[test]
fn an_age_before_any_noun_stands_for_the_person_named_before() {
    assert!(is_age_adjective("24-летний") && is_age_adjective("19-летняя") && !is_age_adjective("2024-й"));
    let text = "На этапе Кубка Сибири победил Олег Рыбин. «Я доволен», — признался Рыбин в беседе с ТАСС. \
                «Теперь отдохну», — добавил 22-летний лыжник.";
    assert_eq!(speaker(text, "Теперь").1.as_deref(), Some("Олег Рыбин"));
}

#[test]
fn an_event_name_is_no_person() {
    let text = "Этап Кубка Сибири прошел в Омске. На этапе Кубка Сибири победил Олег Рыбин. «Я доволен», — \
                признался Рыбин. «На Кубке Сибири такое впервые», — добавил 22-летний лыжник.";
    assert_eq!(speaker(text, "На Кубке").1.as_deref(), Some("Олег Рыбин"));
}

#[test]
fn an_interview_setting_after_the_speaker_is_cut_although_it_names_the_outlet() {
    let text = "«Сам не верю», — признался Олег Рыбин в беседе с РИА Новости.";
    assert_eq!(speaker(text, "Сам").0.as_deref(), Some("Олег Рыбин"));
}

#[test]
fn a_continuation_after_po_mneniyu_names_the_person_in_the_nominative() {
    use crate::attribution::{Attributor, SpeakerKind};
    let text = "По мнению эксперта фонда «Городские решения» Анны Лесковой, «парковки в центре не нужны».\n\n\
                «Город должен быть для пешеходов».";
    let found = Attributor::builtin().attribute(text);
    let q = found.iter().find(|q| text[q.span.range()].starts_with("Город")).expect("quote");
    assert_eq!((q.speaker_kind, q.speaker_name.as_deref()), (Some(SpeakerKind::Pronoun), Some("Анна Лескова")));
}

#[test]
fn a_genitive_name_after_po_mneniyu_in_the_nominative_by_its_first_name() {
    // a masculine surname in the genitive ends as a feminine one
    let text = "Матч прошел вяло. По мнению бывшего тренера клуба Петра Громова, «игре не хватило скорости».\n\n\
                «Команда устала к концу сезона».";
    assert_eq!(speaker(text, "Команда").1.as_deref(), Some("Петр Громов"));
}
