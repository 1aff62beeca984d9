//! Speaker attribution: who a quote is credited to.
//!
//! # The model
//!
//! 1. **Candidate speakers** come from cues around the quote, tried in this
//!    order, one rule function each (`rules.rs`):
//!    1. `verb_after_quote`: a cue verb or source phrase right after the
//!       quote, the speaker after it: `"…," said Biden`, `"…," according to
//!       CNN`, `— …, — ответил на вопрос депутат Андрей Картаполов`;
//!    2. `signature_after_quote`: `"…" ― Jorge Falcon`;
//!    3. `speaker_after_quote` (unless the quote ends its sentence): the
//!       speaker, then the verb: `"…," the Kremlin spokesman replied`,
//!       `"…," UPI quoted an official as saying`, any past-tense verb after
//!       a clause-ending quote (`"…," Oliver barked`), or the clause ending
//!       the sentence (`"…" for the victory, Sanders said.`);
//!    4. `before_cue`: in the quote's sentence before it, the last cue verb
//!       and its subject (`Peskov told TASS: "…"`; after a comma the
//!       appositive name, `the coach, Luis Herrera, said`, or the sentence's
//!       subject; for a gerund the earlier cue's speaker), "X quoted Y as
//!       saying", or a source phrase and its object (`According to the
//!       newspaper, "…"`, `Как заявили в Минобороны, «…»`); a sentence ending
//!       in a colon carries over to the next;
//!    5. `before_cue` on the previous sentence of the paragraph, for a quote
//!       opening its sentence;
//!    6. with no cue: the speaker of the quotation's earlier segment
//!       (`inherit_group`: interrupted quotes `"…," says X, "…"` and dash
//!       dialogue `— …, — сказал он. — …`), the named subject of the quote's
//!       sentence (`Moore thanked him for "…"`), rule 3 for a quote ending
//!       its sentence, the named subject of the previous sentence, the
//!       speaker of the previous quote of the paragraph or of the last quote
//!       of the previous paragraph (`inherit`), and last the first person
//!       named in the previous paragraph when it has no quote
//!       (`previous_paragraph_person`).
//!
//!    Non-names are no speakers: a dateline (`LAGOS, Nigeria —`), a
//!    sentence-opening conjunction or adverb (`But`, `As`), a time phrase
//!    (`Hours later,`), a cue verb inside a source's object (`According to
//!    the police report`); hyphenated names stay whole (`Kim Soo-jin`); a
//!    cue verb counts only in lower case (or opening its sentence before a
//!    name: `Said Fatima Al-Sayed: "…"`), not after a determiner ("his
//!    remarks"), "to" ("as if to say") or before "to be".
//!
//!    Phrases between a speaker and its cue (`clauses.rs`): a relative
//!    clause is skipped (`a resident, who asked not to be named, told`;
//!    its own verb is no cue); a name in apposition to a description wins
//!    over it (`the party's National Publicity Secretary, Comrade X,
//!    said`, `"…," X's lawyer, Y, told`); an adverbial before a speaker
//!    after the verb is dropped, from the first title word on, with its
//!    adjectives (`заявил после игры главный тренер «Урала» X`); «как»
//!    before a cue verb puts the speaker after it; an impersonal plural
//!    verb, an outlet and «в» name an office (`пояснили ТАСС в
//!    прокуратуре` → `прокуратуре`).
//! 2. **What the phrase is** ([`SpeakerKind`]): a name (capitalized words),
//!    a description ("the Kremlin spokesman") or a pronoun.
//! 3. **Resolution** (`resolution.rs`; the chain in `mentions.rs`): a *mention chain* per document holds
//!    every person named (runs of capitalized words that pass a person test:
//!    a known first name, a title before or in the run, a cue verb after
//!    it, or a repeated surname; never organisation or place words,
//!    captions in capitals or a lone sentence-opening word; a name on a
//!    short caption or label line, "PHOTO: …", is no antecedent), linking later
//!    mentions by surname. Each person has a gender, from the text first (a
//!    title such as Mr or Mrs, a pronoun used with the name in its
//!    sentence, a Russian verb's agreement: "заявила"), else from the
//!    first-name list (`gender.rs`, `data/names-gender.txt`) or a Russian surname's ending. A "he" or
//!    "she" (он, она) stands for the subject of its own sentence when that
//!    is a person of its gender, else the nearest person of that gender
//!    named before it outside quotes, however many sentences back. A
//!    description stands for the name following the same title earlier
//!    ("spokesman Dmitry Peskov"), else, when it is definite and headed by
//!    a title ("the minister", "the treasurer", «министр»), for the
//!    nearest person named with a title before it, of its gender. A plural
//!    "they" (они) stands for the plural subject of its sentence or the
//!    sentence before, with its complement ("Residents of Ward 14",
//!    "Жители поселка Сосновка"). A run of capitalized words whose later
//!    word is a known first name is a title and a name ("Госдумы Ирина
//!    Волкова"); names keep their hyphens and apostrophes.
//!
//! 4. **Full-length articles** (`chain.rs`, `asides.rs`): lower-case name
//!    particles stay in a name ("Pieter van der Merwe"); a run after a
//!    locative preposition ("in Orlando East") is a place; a title alone
//!    ("the Speaker", "the MP") names no one; "the 58-year-old" stands for
//!    the person named just before; a parenthetical between speaker and verb
//!    is skipped (`X, however, said`); a cue verb inside a clause another
//!    cue verb reports (`alleged that the mining had continued "…"`) or a
//!    participle after a prepositional object (`in a video posted to`) is no
//!    cue; and a pronoun stands for the one person of unknown gender the
//!    last two paragraphs name, rather than for someone of its gender named
//!    further back (salience); a title's complement is skipped to find its
//!    name ("Minister for Food and Agriculture, Dr X"), and a pronoun opening
//!    its sentence after one whose subject is "the TITLE" stands for the
//!    person that title names; two people with one surname stay two ("Mrs
//!    Ada Okafor and her husband, Mr Chidi Okafor"), a later "Mrs Okafor"
//!    being the one of the title's gender.
//! 5. **Centering** (`centering.rs`): a "he"/"she" stands first for the
//!    subject of the sentence before it, or the one person that sentence
//!    names, when known to be of its gender ("X told the court that Y …¶He
//!    said" is X); a quote after a paragraph that opens "She said …"
//!    continues that pronoun's person; a person found by title or surname is
//!    reported by the fullest name the text gives; a possessive pronoun
//!    gives a gender only when the name list has none; photo credits,
//!    vocatives in interview questions and "per cent" are no speakers.
//! 6. **Topic** (`topic.rs`, `orgnames.rs`): a definite description with no
//!    earlier "TITLE Name" for it ("the witness", "the senior officer",
//!    "the old tailor") stands, like a pronoun, for the person the sentence
//!    before is about (its subject: a name, or a "he"/"she" or definite
//!    description resolved in turn; else the one person it names outside
//!    quotes), when of a compatible gender, before the nearest titled
//!    person; a sentence that is all quote is stepped back over (its
//!    speaker is named before it), here and for pronouns; a "he"/"she"
//!    whose sentence before has a description as subject ("The
//!    epidemiologist said …¶She said") stands for that description's
//!    person. A quote opening its sentence after a sentence whose subject
//!    is a "he"/"she" or a definite description that stands for a person
//!    (`The 38-year-old thanked her parents. "…"`), or opening a paragraph
//!    after a paragraph without quotes whose last sentence has such a
//!    subject ("He remembers the day clearly.¶"…""), is that person's. A
//!    "he"/"she" opening a sentence after one whose subject is a person
//!    gives that person its gender when the text gives none otherwise,
//!    before the first-name list ("Dr Josefa X said …¶He urged …"), unless
//!    two people share the surname; a surname alone that two people share
//!    is the person of that written name, else the one mentioned most so
//!    far, else the one introduced first (the article's subject: "Carla X
//!    … her husband, Rui X … X was worried" is Carla; a headline's "Will
//!    X" is not the X the article names again and again). A run after a lower-case
//!    organisation noun ("chip packaging firm X", "carmaker Y") names an
//!    organisation, no person; a connective, preposition or time word
//!    opening the sentence is no part of a name ("Later Tomas X", "In
//!    China", although "In" is in the first-name list).
//!    Names keep a lower-case part after a hyphen ("Lin Wei-chen");
//!    "Acting", "Managing" and the like open a title, not a participle
//!    phrase; a cue word after a plural possessive is a noun ("match
//!    officials' reports"); an "and" joining two capitalized runs after
//!    "the", the second ending in an organisation word before the verb, is
//!    inside one name ("The Downtown Owners and Merchants Association").
//! 7. **Russian** (`russian.rs`): the subject before a cue verb past the
//!    adverbials between them, impersonal plural verbs naming an office,
//!    settings and appositions after the verb, role nouns («чиновница»,
//!    «глава Минэнерго») resolved by the cue verb's gender and the titles
//!    in the chain, and the chain's Russian rules (surnames in every case,
//!    initials, places after «в», one-word ministries, a subject «Министр»
//!    as a mention of the minister); a document with an anaphoric owner or
//!    none (`— говорится в ответе ведомства`) stands for the body the
//!    sentence before names with an impersonal verb (`russian/documents.rs`);
//!    the person a Russian pronoun stands for is reported in the nominative
//!    (`russian/nominative.rs`: «Наталью Беспалову» → «Наталья Беспалова»).
//!    A one-word owner of the document that is the office itself
//!    (`сообщении исполкома` after `В исполкоме Казани сообщили`) also
//!    stands for it, and the office is looked for up to four sentences back
//!    (`documents.rs`; a request, `на запрос редакции`, is cut from it). A
//!    bare «собеседник» is the speaker of the nearest cue in the three
//!    sentences before, an unnamed description (`Один из депутатов …,
//!    попросивший не называть его имени, признался`) reported like a
//!    pronoun's person (`russian/interlocutor.rs`). A speaker that is a name
//!    in guillemets after a trailing cue (`— пишут «Известия»`, `—
//!    сообщает «Речфлот»`) is reported without its marks, and is the outlet
//!    after писать or when the gazetteer knows it (`marked_names.rs`).
//! 7. **English openers and descriptions** (`english.rs`): a capitalized
//!    preposition opening a sentence is no part of a name ("In Kaloleni"); a
//!    run after a title and its one-word complement is a person ("head of
//!    research Lim Wei Jie"); a "she"/"he" stands for the indefinite
//!    description that is the subject of the sentence before when that
//!    sentence gives it the pronoun's gender ("A nurse …, who asked not to be
//!    named because she …, said").
//! 8. **Appositions, partial and interrupted quotes** (`apposition.rs`,
//!    `embedded.rs`, `interrupted.rs`): a name in apposition after a
//!    source phrase's description is the speaker (`According to the state
//!    epidemiologist, Dr X Y, "…"`), as is the name between a description
//!    and a second apposition before the verb (`Their coach, X Y, the only
//!    woman in charge of …, said`); the last word of an appositive name is
//!    its surname even when it is also a title ("Dr Ada Oba"); a quote
//!    inside a sentence (words before it, a lower-case word right after its
//!    closing mark, no punctuation at its end) takes the cue before it, not
//!    a verb after it (`X said the region had "nearly a third" confirmed
//!    cases`); the second half of `"…," he said, "…"` keeps the first
//!    half's speaker; a surname alone as a sentence's subject stands for the
//!    person of that surname when a definite description ("the teenager")
//!    is resolved to that sentence's topic.
//!
//! **Names in guillemets are no quotes** (`marked_names.rs`): one to three
//! words in «» without sentence punctuation, mid-sentence and with no cue
//! dash after them, capitalized (`пишут «Известия»`, `по программе «Земский
//! учитель»`) or one lower-case word not after a naming verb (scare quotes:
//! `обсуждали «оптимизацию»`; `назвала решение «преждевременным»` stays a
//! partial quote), take part in the speaker rules as names (`гендиректора
//! «АвтоВАЗа» X`) but are not reported.
//!
//! Outlet rules live beside the attributor (`credit.rs`, and for Russian
//! `ru_credit.rs`: «цитирует X «Outlet»», a «Name» after a media noun,
//! «собеседник агентства»; `ru_interview.rs`: a «Name» after `в беседе с`,
//! `в интервью` or a verb of speech is an outlet, in the nominative, and
//! credits the quote of the sentence after it too). An outlet is reported
//! in the script the text names it in (`Gazetteer::name_as_written`:
//! «Известиям» → Известия, "Izvestia" → Izvestia).
//!
//! The speaker phrase is reported as written, with the resolved name beside
//! it. The context of a quote nested in another is the enclosing quote's
//! text. The cue words are data ([`Lexicon`](super::Lexicon)), so other languages need no
//! code.

use super::lex::capitalized;
#[cfg(test)]
use super::lexicon::Lexicon;
use crate::corpus::ByteSpan;

/// What kind of phrase names the speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A name ("Dmitry Peskov").
    Name,
    /// A description, possibly with a name ("the Kremlin spokesman").
    Description,
    /// A pronoun.
    Pronoun,
}

/// How a speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CueSource {
    /// A cue after the quote.
    After,
    /// A cue before the quote.
    Before,
    /// Inherited from an earlier segment or quote.
    Inherited,
    /// No cue: the subject of the quote's sentence.
    Subject,
}

/// The speaker found for one quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker phrase as written.
    pub span: ByteSpan,
    /// The cue words.
    pub cue: Option<ByteSpan>,
    /// What the phrase is.
    pub kind: SpeakerKind,
    /// The named person it refers to, when known.
    pub name: Option<String>,
    /// How it was found.
    pub via: CueSource,
    /// Byte ranges of the context the cue was found in (outside the quote):
    /// where outlet cues for this quote are looked for.
    pub context: Vec<ByteSpan>,
}

/// A speaker phrase and its cue words.
pub(crate) type Cue = (ByteSpan, ByteSpan);

/// How a quote's text ends, which decides how loose the cue after it may
/// be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QuoteEnd {
    /// With a comma, question or exclamation mark or dash: a clause goes
    /// on, so any past-tense verb after it is a cue (`"…," Oliver barked`).
    Clause,
    /// Any other way.
    Other,
}

impl QuoteEnd {
    fn of(content: &str) -> QuoteEnd {
        if content.trim_end().ends_with([',', '?', '!', '—']) {
            QuoteEnd::Clause
        } else {
            QuoteEnd::Other
        }
    }
}

mod apposition;
mod asides;
mod backward;
mod centering;
mod chain;
mod clauses;
mod context;
mod embedded;
mod english;
mod gender;
mod interrupted;
mod it_pronoun;
mod mentions;
mod orgnames;
mod resolution;
mod rules;
mod russian;
mod topic;

pub(crate) use context::Ctx;
use context::Item;
use rules::{inherit, inherit_group};

/// Find the speaker of every quote (same order as `ctx.quotes`), and the
/// context of each quote (its sentence outside the quote, and with an
/// inherited speaker also the context it was found in).
pub(crate) fn speakers(ctx: &Ctx<'_>) -> (Vec<Option<Speaker>>, Vec<Vec<ByteSpan>>) {
    let n = ctx.quotes.len();
    let mut out: Vec<Option<Speaker>> = vec![None; n];
    let mut contexts: Vec<Vec<ByteSpan>> = vec![Vec::new(); n];
    for q in 0..n {
        let quote = ctx.quotes[q];
        let content = &ctx.text[quote.span.range()];
        let ends_sentence = content.trim_end().ends_with(['.', '。']);
        let after = ctx.after(q);
        let before = ctx.before(q);
        let ctx_spans = |items: &[Item]| ctx.span_of(items).into_iter().collect::<Vec<_>>();
        let end = QuoteEnd::of(content);
        // the cue rules, in order (a partial quote inside a sentence: the
        // cue before it first, embedded.rs)
        let embedded = ctx.embedded_quote(&before, &after, end, ends_sentence);
        let mut found = (if embedded { ctx.before_cue(&before).map(|c| (c, CueSource::Before)) } else { None })
            .or_else(|| ctx.verb_after_quote(&after, end).map(|c| (c, CueSource::After)))
            .or_else(|| ctx.signature_after_quote(&after).map(|c| (c, CueSource::After)))
            .or_else(|| {
                if ends_sentence {
                    None
                } else {
                    ctx.speaker_after_quote(&after, end).map(|c| (c, CueSource::After))
                }
            })
            .or_else(|| ctx.before_cue(&before).map(|c| (c, CueSource::Before)));
        let mut prev_sentence = Vec::new();
        if found.is_none()
            && !before.iter().any(|&it| ctx.tok_of(it).is_some_and(|i| ctx.toks[i].is_word()))
            && !ctx.quote_earlier_in_paragraph(q)
        {
            // the previous sentence of the paragraph
            prev_sentence = ctx.before_n(q, 1);
            found = ctx.before_cue(&prev_sentence).map(|c| (c, CueSource::Before));
        }
        // the side the cue is on first: outlets are looked for in this order
        let mut context = ctx_spans(&before);
        if matches!(found, Some((_, CueSource::After))) {
            let mut first = ctx_spans(&after);
            first.append(&mut context);
            context = first;
        } else {
            context.extend(ctx_spans(&after));
        }
        if found.is_some() {
            context.extend(ctx_spans(&prev_sentence));
        }
        let describe = |span: ByteSpan| {
            let kind = ctx.kind_of(span);
            let name = match kind {
                SpeakerKind::Name => ctx.name_in(span),
                SpeakerKind::Description => ctx.ru_describe(span).unwrap_or_else(|| ctx.name_in(span)).or_else(|| {
                    let phrase = &ctx.text[span.range()];
                    let head = phrase.split(',').next().unwrap_or(phrase).split_whitespace().last().unwrap_or("");
                    ctx.name_for_title(head, span.start as usize)
                        .map(|n| ctx.fullest_name(&n, span.start as usize))
                        .or_else(|| ctx.resolve_description(span))
                        .or_else(|| ctx.resolve_age(span))
                }),
                SpeakerKind::Pronoun => {
                    let subject = ctx.subject(&before, before.len());
                    let pronoun = &ctx.text[span.range()];
                    if ctx.lex.is_plural_pronoun(&pronoun.to_lowercase()) {
                        let sentence = ctx.before_n(q, 1);
                        let sentence = ctx.subject(&sentence, sentence.len());
                        ctx.resolve_group(span.start as usize, subject, sentence)
                    } else if let Some(org) = ctx.it_antecedent(pronoun, span.start as usize) {
                        // "it" stands for an organisation (it_pronoun.rs)
                        org
                    } else {
                        // ("A nurse …, who asked not to be named, said" before: english.rs)
                        ctx.description_antecedent(pronoun, span.start as usize)
                            .or_else(|| ctx.resolve_pronoun(pronoun, span.start as usize, subject))
                            // («Наталью Беспалову» → «Наталья Беспалова»: russian/nominative.rs)
                            .map(|n| match ctx.lex.pronoun_gender(&pronoun.to_lowercase()) {
                                Some(g) => russian::nominative(&n, g),
                                None => n,
                            })
                    }
                }
            };
            (kind, name)
        };
        // `"…," he said, "…"`: the first half's speaker (interrupted.rs)
        let half = ctx.interrupted_half(&out, q, &context);
        let speaker = match found {
            _ if half.is_some() => half,
            Some(((span, cue), via)) => {
                // «— говорится в ответе ведомства»: the body named before (russian/documents.rs)
                let owner = ctx.ru_document_owner(q, span, cue);
                let span = owner.as_ref().map_or(span, |o| o.0);
                let (kind, name) = describe(span);
                // «— уверен собеседник»: the unnamed speaker before, reported
                // like a pronoun's person (russian/interlocutor.rs)
                let mut introduced = None;
                let (kind, name) = match ctx.ru_bare_interlocutor(q, span) {
                    Some(n) => (SpeakerKind::Pronoun, Some(n)),
                    None => match ctx.ru_outlet_interlocutor(q, span) {
                        // `— сказал собеседник агентства` after `Источник …
                        // рассказал ТАСС, что …`
                        Some((n, sentence)) => {
                            introduced = Some(sentence);
                            (SpeakerKind::Pronoun, Some(n))
                        }
                        None => (kind, name),
                    },
                };
                // `уточнили в пресс-службе суда`: the office in the
                // nominative (russian/documents.rs)
                let name = owner.as_ref().and_then(|o| o.1.clone()).or_else(|| ctx.ru_office_name(span, cue)).or(name);
                let mut context = context.clone();
                context.extend(owner.map(|o| o.2));
                context.extend(introduced);
                Some(Speaker { span, cue: Some(cue), kind, name, via, context })
            }
            None => {
                let group = inherit_group(ctx, &out, q);
                let subject = || {
                    let span = ctx.subject(&before, before.len())?;
                    let (kind, name) = describe(span);
                    let phrase = &ctx.text[span.range()];
                    let mut words = phrase.split_whitespace();
                    let first = words.next().unwrap_or("");
                    let named =
                        words.any(capitalized) || (capitalized(first) && !ctx.lex.is_determiner(&first.to_lowercase()));
                    (named || kind == SpeakerKind::Pronoun).then(|| Speaker {
                        span,
                        cue: None,
                        kind,
                        name,
                        via: CueSource::Subject,
                        context: context.clone(),
                    })
                };
                let late_after = || {
                    let ((span, cue), via) = ctx.speaker_after_quote(&after, end).map(|c| (c, CueSource::After))?;
                    let (kind, name) = describe(span);
                    Some(Speaker { span, cue: Some(cue), kind, name, via, context: context.clone() })
                };
                // the named subject of the previous sentence (`Clinton touted
                // her credentials. "…"`)
                let prev_subject = || {
                    let span = ctx.subject(&prev_sentence, prev_sentence.len())?;
                    let (kind, name) = describe(span);
                    // (or a "he"/"she", or a definite description, that
                    // stands for a person: `The 38-year-old thanked her
                    // parents. "…"`)
                    let topic = name.is_some()
                        && match kind {
                            SpeakerKind::Pronoun => {
                                ctx.lex.pronoun_gender(&ctx.text[span.range()].to_lowercase()).is_some()
                            }
                            SpeakerKind::Description => ctx.definite_description_person(span).is_some(),
                            SpeakerKind::Name => false,
                        };
                    (kind == SpeakerKind::Name || topic).then(|| Speaker {
                        span,
                        cue: None,
                        kind,
                        name,
                        via: CueSource::Subject,
                        context: context.clone(),
                    })
                };
                group
                    .or_else(subject)
                    .or_else(|| if ends_sentence { late_after() } else { None })
                    .or_else(prev_subject)
                    .or_else(|| {
                        inherit(ctx, &out, q).map(|mut s| {
                            s.via = CueSource::Inherited;
                            // a Russian description the quote before was
                            // resolved to a named person (`— говорит
                            // пенсионерка`): a quote of its own paragraph is
                            // reported as that person (russian/mod.rs)
                            if let Some(person) = ctx.ru_described_person(&s, q) {
                                s.kind = SpeakerKind::Pronoun;
                                s.name = Some(person);
                            }
                            let mut own = context.clone();
                            own.append(&mut s.context);
                            s.context = own;
                            s
                        })
                    })
                    .or_else(|| ctx.previous_paragraph_pronoun(q, &context))
                    .or_else(|| ctx.previous_paragraph_topic(q, &context))
                    .or_else(|| ctx.previous_paragraph_person(q, &context))
            }
        };
        contexts[q] = speaker.as_ref().map_or(context, |s| s.context.clone());
        out[q] = speaker;
    }
    (out, contexts)
}

#[cfg(test)]
mod b10_tests;
#[cfg(test)]
mod centering_tests;
#[cfg(test)]
mod chain_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod topic_tests;
