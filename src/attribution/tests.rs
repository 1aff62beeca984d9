//! Attribution of whole documents: the seed article, outlet cues, credits.

use super::*;

const SEED: &str = include_str!("../../fixtures/seed.txt");

/// (quote, speaker, speaker name, outlet, cue) of every quote.
type Row = (String, Option<String>, Option<String>, Option<String>, Option<String>);

fn rows(text: &str) -> Vec<Row> {
    Attributor::builtin()
        .attribute(text)
        .into_iter()
        .map(|q| {
            (
                text[q.span.range()].to_owned(),
                q.speaker_text(text).map(str::to_owned),
                q.speaker_name.clone(),
                q.outlet.clone(),
                q.cue_text(text).map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn seed_block_quote_is_credited_to_tass() {
    let first = SEED.lines().next().unwrap();
    let r = rows(first);
    assert_eq!(r.len(), 2, "{r:?}");
    let (block, speaker, _, outlet, cue) = &r[0];
    assert!(block.starts_with("The withdrawal of Russian peacekeepers from Karabakh has begun"));
    assert!(block.ends_with("withdrawal of Russian peacekeepers from Karabakh."));
    assert_eq!(speaker.as_deref(), Some("TASS"));
    assert_eq!(cue.as_deref(), Some("reads"));
    assert_eq!(outlet.as_deref(), Some("TASS"));
}

#[test]
fn seed_inner_quote_is_peskov_inside_the_tass_block() {
    let first = SEED.lines().next().unwrap();
    let attributed = Attributor::builtin().attribute(first);
    let inner = &attributed[1];
    assert_eq!(&first[inner.span.range()], "Yes, this is true,");
    assert_eq!(inner.speaker_text(first), Some("the Kremlin spokesman"));
    assert_eq!(inner.speaker_name.as_deref(), Some("Dmitry Peskov"));
    assert_eq!(inner.cue_text(first), Some("replied"));
    assert_eq!(inner.outlet.as_deref(), Some("TASS"));
    assert_eq!(inner.outlet_kind, Some(CreditKind::Block));
    assert_eq!(inner.quote.parent, Some(0));
}

macro_rules! outlet {
    ($name:ident, $text:expr, $outlet:expr) => {
        #[test]
        fn $name() {
            let r = rows($text);
            assert_eq!(r[0].3.as_deref(), $outlet, "{:?}", r);
        }
    };
}

outlet!(according_to, "According to Reuters, Smith said \"we are leaving now.\"", Some("Reuters"));
outlet!(outlet_reported, "\"The talks failed,\" The Hill reported.", Some("The Hill"));
// (the outlet in the script the text names it in)
outlet!(told_outlet, "Peskov told ТАСС: «Да, это так, мы уходим».", Some("ТАСС"));
outlet!(
    interview_with,
    "In an interview with the Associated Press, Smith said: \"No deal.\"",
    Some("Associated Press")
);
outlet!(cited_by, "\"No deal was reached,\" the minister said, as cited by Interfax.", Some("Interfax"));
outlet!(quoted_as_saying_by, "\"It is over,\" Lichtman was quoted as saying by USA Today.", Some("USA Today"));
outlet!(carried_by, "A statement carried by Xinhua said \"the visit was a success.\"", Some("Xinhua"));
outlet!(columnist, "\"It was a rout,\" wrote Washington Post columnist Jane Doe.", Some("The Washington Post"));
outlet!(
    the_newspaper,
    "The New York Times ran a story. According to the newspaper, \"the plan is dead.\"",
    Some("The New York Times")
);
outlet!(the_post_unqualified, "\"He will run,\" the Post reported.", Some("The Post"));
outlet!(
    the_post_resolved,
    "The Washington Post wrote about it. \"He will run,\" the Post reported.",
    Some("The Washington Post")
);
outlet!(dateline, "MOSCOW, April 17 (TASS) - \"We are ready,\" Peskov said.", Some("TASS"));
outlet!(dateline_cyrillic, "МОСКВА, 17 апреля. /ТАСС/. «Мы готовы», — сказал Песков.", Some("ТАСС"));
outlet!(credit_line, "\"We are ready,\" Smith said.\n\nReuters contributed to this report.", Some("Reuters"));
outlet!(russian_dative_outlet, "«Мы не уходим», — сообщил Песков РИА Новости.", Some("РИА Новости"));
outlet!(quoted_y_as_saying, "RIA Novosti quoted Lavrov as saying: \"Moscow is ready for talks.\"", Some("RIA Novosti"));
outlet!(dateline_reuters, "ANKARA (Reuters) - \"We will respond,\" Erdogan told reporters.", Some("Reuters"));
outlet!(none, "\"We are ready,\" Smith said on Monday.", None);

#[test]
fn document_credits() {
    let g = Attributor::builtin();
    let text =
        "WASHINGTON (Reuters) - Talks stalled.\n\n\"No deal,\" a diplomat told AFP.\n\nAP contributed to this report.";
    let credits = g.credits(text);
    let doc: Vec<(&str, CreditKind)> = credits.document.iter().map(|c| (c.outlet.as_str(), c.kind)).collect();
    assert_eq!(doc, vec![("Reuters", CreditKind::Dateline), ("Associated Press", CreditKind::CreditLine)]);
    assert!(credits.document.iter().all(|c| c.span == ByteSpan::new(0, text.len())));
    assert_eq!(credits.quotes.len(), 1);
    assert_eq!(credits.quotes[0].outlet, "Agence France-Presse");
    let q = credits.quotes[0].span;
    assert_eq!(credits.outlets_for(q), vec!["Agence France-Presse", "Associated Press", "Reuters"]);
}

#[test]
fn uncredited_text_has_no_credits() {
    let credits = Attributor::builtin().credits("Talks stalled. \"No deal,\" a diplomat said.");
    assert!(credits.document.is_empty() && credits.quotes.is_empty());
}

proptest::proptest! {
    #[test]
    fn spans_on_boundaries_and_deterministic(s in "[a-zA-Zа-я “”\"'’«»„:,.\n—]{0,120}") {
        let a = Attributor::builtin();
        let first = a.attribute(&s);
        proptest::prop_assert_eq!(&first, &a.attribute(&s));
        for q in &first {
            for span in [Some(q.span), q.speaker, q.cue].into_iter().flatten() {
                proptest::prop_assert!(span.end as usize <= s.len());
                proptest::prop_assert!(s.is_char_boundary(span.start as usize) && s.is_char_boundary(span.end as usize));
            }
        }
    }
}

#[test]
fn quoted_as_saying_names_the_quoted_person() {
    let text = "RIA Novosti quoted Lavrov as saying: \"Moscow is ready for talks.\" \"We have seen no evidence,\" UPI quoted an official as saying.";
    let r = rows(text);
    assert_eq!((r[0].1.as_deref(), r[0].4.as_deref()), (Some("Lavrov"), Some("quoted Lavrov as saying")));
    assert_eq!((r[1].1.as_deref(), r[1].3.as_deref()), (Some("an official"), Some("United Press International")));
}

#[test]
fn outlet_after_a_name_is_not_part_of_the_speaker() {
    let r = rows("«Мы не уходим», — заявил Песков ТАСС.");
    assert_eq!(
        (r[0].1.as_deref(), r[0].3.as_deref(), r[0].4.as_deref()),
        (Some("Песков"), Some("ТАСС"), Some("заявил"))
    );
}

#[test]
fn a_follow_up_quote_of_the_same_speaker_keeps_the_outlet_credited_before() {
    let attr = Attributor::builtin();
    let outlet = |text: &str, quote: &str| {
        attr.attribute(text).into_iter().find(|q| text[q.span.range()].starts_with(quote)).and_then(|q| q.outlet)
    };
    let text = "Глава района Петр Зуев провел совещание. «Сроки сорваны», — сказал Зуев ТАСС. «Подрядчика \
                сменят», — добавил он.";
    assert_eq!(outlet(text, "Подрядчика").as_deref(), Some("ТАСС"));
    let text = "Fire chief Ann Moss told Reuters the blaze was \"contained by noon\". \"We were lucky,\" she said.";
    assert_eq!(outlet(text, "We were").as_deref(), Some("Reuters"));
    // another speaker, or another paragraph: no
    let text = "«Сроки сорваны», — сказал Петр Зуев ТАСС. «Подрядчика сменят», — добавила Анна Лось.";
    assert_eq!(outlet(text, "Подрядчика"), None);
    let text = "«Сроки сорваны», — сказал Петр Зуев ТАСС.\n\n«Подрядчика сменят», — добавил Зуев.";
    assert_eq!(outlet(text, "Подрядчика"), None);
}

#[test]
fn an_outlet_cut_from_the_speaker_is_cut_from_its_name_too() {
    let text = "«Сроки сорваны», — сказал Зуев ТАСС.";
    let q = Attributor::builtin().attribute(text).into_iter().next().expect("quote");
    assert_eq!((q.speaker_text(text), q.speaker_name.as_deref()), (Some("Зуев"), Some("Зуев")));
    assert_eq!(q.outlet.as_deref(), Some("ТАСС"));
}
