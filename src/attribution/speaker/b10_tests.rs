//! The rules for the English causes of the blind batch b10 (`apposition.rs`
//! and the rules it names), one table-driven case each with sentences
//! written for the test: the speaker phrase of the quote that starts with
//! the given words, and the person it stands for.

use super::chain_tests::t;

t!(
    according_to_a_description_and_its_appositive_name,
    "Cholera cases rose again in Kisumu.\n\nAccording to the county health officer, Dr Achieng Otieno, \"the next two weeks will decide everything\" for the lakeside towns.",
    "the next two weeks",
    Some("Dr Achieng Otieno"),
    Some("Achieng Otieno")
);
t!(
    according_to_a_possessive_description_and_its_appositive_name,
    "The ferry terminal needs a new roof. According to the port authority's chief engineer, Paul Ferris, work could start \"before the winter storms\".",
    "before the winter storms",
    Some("Paul Ferris"),
    Some("Paul Ferris")
);
t!(
    a_description_its_appositive_name_and_a_second_apposition,
    "The Hawks lost 2-1 at home.\n\nTheir captain, Lindiwe Mthembu, the youngest player in the squad, said the team had \"run out of ideas in the second half\".",
    "run out of ideas",
    Some("Lindiwe Mthembu"),
    Some("Lindiwe Mthembu")
);
t!(
    a_name_and_an_appositive_description_keeps_the_name,
    "Wages are late at the mill. Amina Yusuf, a 41-year-old weaver, said she had not been paid \"for three whole months\".",
    "for three whole months",
    Some("Amina Yusuf"),
    Some("Amina Yusuf")
);
t!(
    according_to_after_a_read_more_line,
    "Mrs Wanjiku Kamau told reporters the clinic was full.\n\nRead more: Kisumu warns of early cholera season\n\nAccording to the county epidemiologist, Dr Peter Odhiambo, \"late treatment remains the main danger\" in the current outbreak.",
    "late treatment",
    Some("Dr Peter Odhiambo"),
    Some("Peter Odhiambo")
);
t!(
    an_appositive_name_whose_surname_is_also_a_title,
    "Measles cases doubled in Ondo.\n\nAccording to the state virologist, Dr Kemi Oba, \"most children were never vaccinated\" in the two districts.",
    "most children",
    Some("Dr Kemi Oba"),
    Some("Kemi Oba")
);
t!(
    a_partial_quote_inside_a_sentence_takes_the_subject_before_it,
    "Dengue cases keep rising.\n\nThe health ministry, in its monthly bulletin, said the province had \"almost half\" reported infections in the country.",
    "almost half",
    Some("The health ministry"),
    None
);
t!(
    a_quote_with_a_cue_after_it_keeps_that_cue,
    "The mayor opened the bridge. \"It is a great day for the town,\" said councillor Ruth Abara.",
    "It is a great day",
    Some("councillor Ruth Abara"),
    Some("Ruth Abara")
);
t!(
    the_teenager_stands_for_the_subject_of_the_sentence_before,
    "Striker Sipho Dlamini came on at half-time.\n\nDlamini, a Grade 10 learner from Umlazi, was lifted by his team-mates after beating keeper Jacob Mabaso from close range.\n\n\"I saw the gap,\" the teenager said, smiling.",
    "I saw the gap",
    Some("the teenager"),
    Some("Sipho Dlamini")
);
t!(
    the_second_half_of_an_interrupted_quote_keeps_the_first_halfs_person,
    "Sipho Dlamini, 17, scored twice against the Rovers, beating keeper Jacob Mabaso twice.\n\n\"I saw the gap,\" the teenager said.\n\n\"My father was watching,\" he said, \"so I had to do something special.\"",
    "so I had to",
    Some("he"),
    Some("Sipho Dlamini")
);
t!(
    it_stands_for_the_organisation_subject_of_the_sentence_before,
    "Tariffs are under review.\n\nThe National Water Board said it would publish new rates in August. \"No household will pay more this year,\" it said in a statement.",
    "No household",
    Some("it"),
    Some("National Water Board")
);
t!(
    it_never_stands_for_a_person,
    "Mayor Ruth Abara opened the plant.\n\n\"It works,\" it said on a sign by the door.",
    "It works",
    Some("it"),
    None
);
