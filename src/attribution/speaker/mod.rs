//! Speaker attribution: who a quote is credited to, found from cue words
//! around it.
//!
//! For each quote, in this order:
//!
//! 1. **after the quote, verb first**: `"…," said Biden, who …`;
//! 2. **after the quote, speaker first** (unless the quote ends its
//!    sentence): `"…," the Kremlin spokesman replied`, `"…," Smith told
//!    reporters`, `"…," UPI quoted an official as saying`, any past-tense
//!    verb after a clause-ending quote (`"…," Oliver barked`), or the
//!    clause ending the sentence (`"…" for the victory, Sanders said.`);
//! 3. **before the quote**, in its sentence: the last cue verb and its
//!    subject (`Peskov told TASS: "…"`, `Harman called it "…"`; after a
//!    comma the sentence's subject, `Trump, in Kentucky, said "…"`, or for
//!    a gerund the earlier cue's speaker, `Fiorina said, adding that "…"`),
//!    "X quoted Y as saying", or a source phrase and its object (`According
//!    to the newspaper, "…"`); a sentence ending in a colon (`The report from
//!    TASS reads below:`) carries over to a quote starting the next sentence
//!    or paragraph, and a quote opening a sentence with no quote before it in
//!    the paragraph looks at the previous sentence;
//! 4. the speaker of the quotation's earlier segment;
//! 5. with no cue, the subject of the quote's sentence when it names
//!    someone (`Moore thanked him for "…"`);
//! 6. rule 2 for a quote ending its sentence;
//! 7. the speaker of the previous quote in the paragraph, or of the last
//!    quote of the previous paragraph when this one opens a paragraph (the
//!    same speaker goes on).
//!
//! Cue verbs count only in lower case and not after a determiner ("his
//! remarks"), "to" ("as if to say") or before "to be".
//!
//! The speaker phrase is reported as written; a pronoun, or a description
//! without a name ("the Kremlin spokesman"), is resolved to the nearest
//! matching named person before it where the text supports it: for a
//! pronoun the last named speaker or name, for a description the name
//! following the same title ("spokesman Dmitry Peskov"). The context of a
//! quote nested in another is the enclosing quote's text. The cue words are
//! data ([`Lexicon`]), so other languages need no code.

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

mod context;
mod gender;
mod resolution;
mod rules;

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
        // a quote that ends a clause (`"…," X barked`) allows any -ed verb after it
        let loose = content.trim_end().ends_with([',', '?', '!', '—']);
        let mut found = ctx.after_cue(&after, true, loose).map(|c| (c, CueSource::After));
        if found.is_none() && !ends_sentence {
            found = ctx.after_cue(&after, false, loose).map(|c| (c, CueSource::After));
        }
        if found.is_none() {
            found = ctx.before_cue(&before).map(|c| (c, CueSource::Before));
        }
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
                SpeakerKind::Description => ctx.name_in(span).or_else(|| {
                    let phrase = &ctx.text[span.range()];
                    let head = phrase.split(',').next().unwrap_or(phrase).split_whitespace().last().unwrap_or("");
                    ctx.name_for_title(head, span.start as usize)
                }),
                SpeakerKind::Pronoun => {
                    let subject = ctx.subject(&before, before.len());
                    ctx.resolve_pronoun(&ctx.text[span.range()], span.start as usize, subject)
                }
            };
            (kind, name)
        };
        let speaker = match found {
            Some(((span, cue), via)) => {
                let (kind, name) = describe(span);
                Some(Speaker { span, cue: Some(cue), kind, name, via, context: context.clone() })
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
                    let ((span, cue), via) = ctx.after_cue(&after, false, loose).map(|c| (c, CueSource::After))?;
                    let (kind, name) = describe(span);
                    Some(Speaker { span, cue: Some(cue), kind, name, via, context: context.clone() })
                };
                // the named subject of the previous sentence (`Clinton touted
                // her credentials. "…"`)
                let prev_subject = || {
                    let span = ctx.subject(&prev_sentence, prev_sentence.len())?;
                    let (kind, name) = describe(span);
                    (kind == SpeakerKind::Name).then(|| Speaker {
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
                            let mut own = context.clone();
                            own.append(&mut s.context);
                            s.context = own;
                            s
                        })
                    })
                    .or_else(|| ctx.previous_paragraph_person(q, &context))
            }
        };
        contexts[q] = speaker.as_ref().map_or(context, |s| s.context.clone());
        out[q] = speaker;
    }
    (out, contexts)
}

#[cfg(test)]
mod tests;
