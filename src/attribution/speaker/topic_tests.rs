//! The topic rules (`topic.rs`), one table-driven case each: the speaker
//! phrase of the quote that starts with the given words, and the person it
//! stands for.

use super::chain_tests::t;

t!(
    description_stands_for_the_one_person_of_the_sentence_before,
    "Port captain Hilda Voss closed the harbour at noon.\n\nLater Tomas Reyes, who fishes from the pier, described the storm. \"The waves were taller than the mast,\" the witness recalled.",
    "The waves",
    Some("the witness"),
    Some("Tomas Reyes")
);
t!(
    description_stands_for_the_subject_of_the_sentence_before,
    "Deputy Mayor Colin Barr opened the new bridge.\n\nEngineer Ruth Adeyemi had warned of cracks in March. Adeyemi said the steel was tested again by inspector Tom Kerr in May.\n\n\"The bridge is safe,\" the expert said.",
    "The bridge is safe",
    Some("the expert"),
    Some("Ruth Adeyemi")
);
t!(
    description_through_a_pronoun_subject,
    "Deputy Mayor Colin Barr praised the stall holders.\n\nThe market's oldest trader is Samuel Ochieng, 80. He still opens his stall at dawn.\n\n\"I will stop when my legs stop,\" the old hawker said.",
    "I will stop",
    Some("the old hawker"),
    Some("Samuel Ochieng")
);
t!(
    pronoun_after_a_description_subject_stands_for_its_person,
    "Dr Kofi Mensah, a virologist, joined the briefing. \"We have sequenced 40 samples,\" Dr Mensah said.\n\nThe virologist said the strain found by Paul Grant spread faster.\n\nHe said: \"Masks still work.\"",
    "Masks still work",
    Some("He"),
    Some("Kofi Mensah")
);
t!(
    quote_only_paragraph_after_a_pronoun_subject,
    "Retired nurse Eunice Barasa, 71, runs a soup kitchen in the old market.\n\nBarasa opened it during the drought of 2009. She still cooks every pot herself.\n\n\"Hunger does not take holidays.\"",
    "Hunger does not",
    Some("She"),
    Some("Eunice Barasa")
);
t!(
    quote_after_a_sentence_whose_subject_is_an_age,
    "Sprinter Kojo Asante, 24, won the final in 10.01 seconds. The 24-year-old thanked his coach. \"He believed in me before anyone did.\"",
    "He believed",
    Some("The 24-year-old"),
    Some("Kojo Asante")
);
t!(
    gender_from_a_pronoun_opening_the_next_sentence,
    "Dr Nicola Ferri presented the weekly figures.\n\n\"Cases are falling,\" Dr Ferri said. \"Admissions too.\"\n\nHe urged older people to book a booster.\n\n\"It is not over yet.\"",
    "It is not over",
    Some("He"),
    Some("Nicola Ferri")
);
t!(
    a_hyphenated_name_with_a_lower_case_part_stays_whole,
    "Managing Director Park Ji-won opened the plant.\n\nPark said output would double next year. He added: \"We need more engineers.\"",
    "We need more",
    Some("He"),
    Some("Park Ji-won")
);
t!(
    chief_executive_is_a_title,
    "Chief Executive Ana Lima opened the plant.\n\nLima said output would double. She added: \"We need more engineers.\"",
    "We need more",
    Some("She"),
    Some("Ana Lima")
);
t!(
    a_connective_opening_the_sentence_is_no_part_of_a_name,
    "Later Tomas Reyes described the storm.\n\n\"The waves were taller than the mast,\" he said.",
    "The waves",
    Some("he"),
    Some("Tomas Reyes")
);
t!(
    a_shared_surname_alone_is_the_person_introduced_first,
    "Carla Mendes runs the bakery with her husband, Rui Mendes.\n\nBut Mendes was worried: \"The ovens are old,\" she said.",
    "The ovens",
    Some("she"),
    Some("Carla Mendes")
);
t!(
    a_shared_surname_gives_no_gender_by_centering,
    "Carla Mendes runs the bakery with her husband, Rui Mendes, a former sailor.\n\nMendes opened it in 1998. She still bakes every loaf.\n\n\"We start at four.\"",
    "We start",
    Some("She"),
    Some("Carla Mendes")
);
t!(
    a_shared_surname_alone_is_the_person_mentioned_most,
    "Her brother Will Okafor runs the shop.\n\nAda Okafor has led the party since 2014, and Ada Okafor built it from nothing.\n\nOkafor, 58, hinted at the future. \"I have given enough,\" the 58-year-old said.",
    "I have given",
    Some("the 58-year-old"),
    Some("Ada Okafor")
);
