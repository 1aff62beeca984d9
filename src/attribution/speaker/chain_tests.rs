//! The chain and aside rules for full-length articles (`chain.rs`,
//! `asides.rs`), one table-driven case each: the speaker phrase of the
//! quote that starts with the given words, and the person it stands for.

use super::super::lex::lex;
use super::super::quotes::{extract_quotes, QuoteConfig};
use super::*;

/// The speaker phrase and resolved name of the quote starting with `start`
/// (also for the other table-driven rule tests).
pub(super) fn speaker(text: &str, start: &str) -> (Option<String>, Option<String>) {
    let lexicon = Lexicon::builtin();
    let quotes = extract_quotes(text, &QuoteConfig { dialogue_dashes: lexicon.dialogue.clone() });
    let toks = lex(text);
    let ctx = Ctx::new(text, &toks, &quotes, &lexicon);
    let found = speakers(&ctx).0;
    let q = quotes.iter().position(|q| text[q.span.range()].starts_with(start)).expect("quote");
    match &found[q] {
        Some(s) => (Some(text[s.span.range()].to_owned()), s.name.clone()),
        None => (None, None),
    }
}

macro_rules! t {
    ($name:ident, $text:expr, $start:expr, $speaker:expr, $who:expr) => {
        #[test]
        fn $name() {
            let (speaker, who) = $crate::attribution::speaker::chain_tests::speaker($text, $start);
            assert_eq!(speaker.as_deref(), $speaker, "speaker in {:?}", $text);
            assert_eq!(who.as_deref(), $who, "person in {:?}", $text);
        }
    };
}
pub(super) use t;

t!(
    honorific_abbreviations,
    "The motion was moved by Hon. Ada Obi-Eze.\n\n\"We are tired of promises,\" she said.",
    "We are tired",
    Some("she"),
    Some("Ada Obi-Eze")
);
t!(
    office_alone_is_no_name,
    "The Speaker, Rt. Hon. Musa Dauda, adjourned the sitting.\n\n\"We resume on Monday,\" the Speaker said.",
    "We resume",
    Some("the Speaker"),
    Some("Musa Dauda")
);
t!(
    place_after_locative_is_no_person,
    "Premier Lindiwe Zungu spoke to residents in Orlando West on Friday.\n\n\"The money is there,\" she added.",
    "The money",
    Some("she"),
    Some("Lindiwe Zungu")
);
t!(
    particles_inside_names,
    "The firm's regional manager, Jan van der Berg, told reporters the plant was \"running at full capacity\".",
    "running",
    Some("Jan van der Berg"),
    Some("Jan van der Berg")
);
t!(
    particle_name_is_an_antecedent,
    "Mr Omar Farooq opened the debate. Vice Chancellor Dr Tariq ul Islam disagreed.\n\n\"Water is too cheap,\" he said.",
    "Water",
    Some("he"),
    Some("Tariq ul Islam")
);
t!(
    age_stands_for_the_person_before,
    "Her neighbour, Peter Otieno, travelled from Kisumu for treatment.\n\n\"Nobody told us anything,\" the 61-year-old said.",
    "Nobody",
    Some("the 61-year-old"),
    Some("Peter Otieno")
);
t!(
    however_between_name_and_verb,
    "Agency spokesperson Rosa Lim, however, said it was waiting for \"the final documents from the towns\".",
    "the final",
    Some("Agency spokesperson Rosa Lim"),
    Some("Rosa Lim")
);
t!(
    adverbial_between_appositive_and_verb,
    "The spokesperson for the firm, Ms Grace Eze, in a statement on Monday, said supplies had \"returned to normal levels\".",
    "returned",
    Some("Ms Grace Eze"),
    Some("Grace Eze")
);
t!(
    cue_inside_reported_clause,
    "Opposition leader Ravi Menon alleged that the dumping had continued \"under the eyes of officials\" for years.",
    "under the eyes",
    Some("Opposition leader Ravi Menon"),
    Some("Ravi Menon")
);
t!(
    participle_after_prepositional_object,
    "Chief Mary Cardinal said in a video posted to Facebook that the pumps had \"stopped working entirely\".",
    "stopped",
    Some("Chief Mary Cardinal"),
    Some("Mary Cardinal")
);
t!(
    title_with_complement_then_name,
    "Member of Parliament for Kingston Central, Joan Reid, described the delay as \"a disgrace to this country\".",
    "a disgrace",
    Some("Joan Reid"),
    Some("Joan Reid")
);
t!(
    salient_person_of_unknown_gender,
    "Mr Lee Kok Wah runs a stall.\n\nThe agency said rents were stable.\n\nMP Dr Ong Bee Lan, who visited on Friday, said a subsidy was being studied.\n\n\"We must keep this culture alive,\" he said.",
    "We must",
    Some("he"),
    Some("Ong Bee Lan")
);
t!(
    abbreviation_in_parentheses_kept,
    "The National Water Agency (NWA) said supplies had been \"restored to most homes\".",
    "restored",
    Some("The National Water Agency (NWA)"),
    None
);
t!(
    appositive_name_before_verb_is_a_person,
    "Nurses walked out on Monday.\n\nOne of the nurses, Sefa Talia, told reporters the wards were full.\n\n\"We cannot go on like this.\"",
    "We cannot",
    Some("Sefa Talia"),
    Some("Sefa Talia")
);
t!(
    name_after_title_complement,
    "Minister of Culture Ahmed Bin-Saleh wrote that the festival was \"a turning point for the arts\".\n\n\"We will host it every year,\" he added.",
    "We will host",
    Some("he"),
    Some("Ahmed Bin-Saleh")
);
t!(
    pronoun_after_title_subject,
    "The Minister for Roads and Highways, Dr Kojo Mensah-Bonsu, met contractors on Monday. Mr Yaw Owusu of the contractors' union said payments were late.\n\nThe Minister, however, warned contractors against shoddy work.\n\n\"Any contractor who cuts corners will be blacklisted,\" he said.",
    "Any contractor",
    Some("he"),
    Some("Kojo Mensah-Bonsu")
);
t!(
    two_people_one_surname,
    "Mrs Ada Okafor and her husband, Mr Chidi Okafor, lost their shop in the fire.\n\n\"Everything is gone,\" Mrs Okafor said.\n\n\"We have nothing left,\" her husband added.\n\n\"We will start again,\" she said.",
    "We will start",
    Some("she"),
    Some("Ada Okafor")
);
t!(
    description_with_appositive_name,
    "Mrs Ada Okafor and her husband, Mr Chidi Okafor, lost their shop in the fire.\n\n\"We have nothing left,\" her husband said.",
    "We have nothing",
    Some("her husband"),
    Some("Chidi Okafor")
);
