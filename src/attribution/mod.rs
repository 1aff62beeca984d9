//! Attribution: quotes, who said them, which outlet they are credited to,
//! and (in [`trace`]) where in a corpus the quoted text came from.
//!
//! Stages for one document, each a module:
//!
//! 1. [`quotes`]: quoted segments with byte spans;
//! 2. [`speaker`]: the speaker phrase and cue of each quote, from cue lists
//!    in a [`Lexicon`];
//! 3. outlets ([`outlets`]): the outlet each quote is credited to, in this
//!    order: the speaker phrase when it is an outlet ("The Hill
//!    reported"); an outlet named in the quote's sentence outside the
//!    speaker phrase ("according to CNN", "told The Associated Press", "The
//!    report from TASS reads:", "quoted as saying by Reuters"); an outlet in
//!    the speaker phrase ("Washington Post columnist Margaret Sullivan");
//!    the outlet of an earlier segment of the same quotation; an outlet
//!    reporting in the paragraph before a quote that opens its paragraph
//!    ("CNN reported that night ..." before a quoted block); the outlet of
//!    the quote it is nested in (a quote inside a credited block inherits
//!    it); and last a credit of the whole document or of the part of it
//!    where the quote stands: a dateline (`MOSCOW, April 17 (TASS) -`,
//!    `(Reuters) -`, `/ТАСС/`) or a credit line ("Reuters contributed to
//!    this report"). "The newspaper", "the agency" and the like stand for
//!    the last outlet named before them; "the Post" for the last outlet
//!    named whose name ends in "Post", else for "The Post".
//!
//! [`Attributor::attribute`] runs them. [`credit`] holds the rules for
//! what a whole document credits (datelines, credit lines) and which outlet
//! a copied passage is credited to ([`Attributor::passage_credits`], what
//! `check` uses); [`trace`] finds where quoted or copied text came from.
//!
//! # Example
//!
//! ```
//! use wiretrace::attribution::Attributor;
//!
//! let text = "The report from TASS reads: \"Yes, this is true,\" the Kremlin spokesman replied.";
//! let quotes = Attributor::builtin().attribute(text);
//! assert_eq!(quotes.len(), 1);
//! assert_eq!(&text[quotes[0].span.range()], "Yes, this is true,");
//! assert_eq!(quotes[0].speaker_text(text), Some("the Kremlin spokesman"));
//! assert_eq!(quotes[0].outlet.as_deref(), Some("TASS"));
//! ```

pub mod credit;
mod credit_only;
mod lex;
pub mod lexicon;
mod marked_names;
pub mod outlets;
pub mod quotes;
mod ru_credit;
mod ru_interview;
pub mod speaker;
pub mod trace;

use credit::follow_up_outlet;
pub use credit::{Credit, CreditKind, Credits, PassageCredits};

pub use lexicon::Lexicon;
pub use outlets::Gazetteer;
pub use quotes::{extract_quotes, Quote, QuoteConfig};
pub use speaker::{CueSource, SpeakerKind};

use crate::corpus::ByteSpan;
use lex::{capitalized, lex, Tok};
use lexicon::PhraseKind;
use outlets::Mention;

/// Cue lists, outlets and quote options: everything attribution needs.
#[derive(Clone, Debug)]
pub struct Attributor {
    /// Cue words: verbs of speech, source phrases, credit lines, pronouns.
    pub lexicon: Lexicon,
    /// The outlets (agencies, newspapers, broadcasters) and their aliases.
    pub gazetteer: Gazetteer,
}

/// One quote with its attribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteAttribution {
    /// The quoted text (marks excluded).
    pub span: ByteSpan,
    /// The quote segment as extracted (marks, group, parent).
    pub quote: Quote,
    /// The speaker phrase as written.
    pub speaker: Option<ByteSpan>,
    /// What the speaker phrase is.
    pub speaker_kind: Option<SpeakerKind>,
    /// The named person the speaker phrase refers to, when known.
    pub speaker_name: Option<String>,
    /// The cue words ("said", "according to").
    pub cue: Option<ByteSpan>,
    /// How the speaker was found.
    pub via: Option<CueSource>,
    /// The outlet the quote is credited to: its name in the script the
    /// text names it in ([`Gazetteer::name_as_written`]).
    pub outlet: Option<String>,
    /// How the outlet was found.
    pub outlet_kind: Option<CreditKind>,
}

impl QuoteAttribution {
    /// The speaker phrase.
    pub fn speaker_text<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.speaker.map(|s| &text[s.range()])
    }

    /// The cue words.
    pub fn cue_text<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.cue.map(|s| &text[s.range()])
    }
}

impl Default for Attributor {
    fn default() -> Self {
        Attributor::builtin()
    }
}

impl Attributor {
    /// The built-in English and Russian cues and the built-in gazetteer.
    pub fn builtin() -> Attributor {
        Attributor { lexicon: Lexicon::builtin(), gazetteer: Gazetteer::builtin() }
    }

    /// Quote options implied by the lexicon.
    pub fn quote_config(&self) -> QuoteConfig {
        QuoteConfig { dialogue_dashes: self.lexicon.dialogue.clone() }
    }

    /// Every quote of `text` with speaker and outlet, sorted by start.
    pub fn attribute(&self, text: &str) -> Vec<QuoteAttribution> {
        let toks = lex(text);
        let quotes = extract_quotes(text, &self.quote_config());
        let keep = marked_names::kept_quotes(text, &quotes, &self.lexicon);
        let ctx = speaker::Ctx::new(text, &toks, &quotes, &self.lexicon);
        let (speakers, contexts) = speaker::speakers(&ctx);
        let mentions = self.gazetteer.mentions_in(text, &toks);
        let doc_credits = self.document_credits(text, &toks, &mentions);
        let mut media_outlets = self.ru_media_outlets(text);
        // `в беседе с «Вечерней Казанью»` (ru_interview.rs)
        let frames = self.ru_interview_outlets(text);
        media_outlets.extend(frames.iter().cloned());
        let mut out: Vec<QuoteAttribution> = Vec::with_capacity(quotes.len());
        for ((q, mut s), context) in quotes.iter().zip(speakers).zip(contexts) {
            // `— пишет «Коммерсантъ»`: the name without its marks (marked_names.rs)
            let written_by = s.as_mut().and_then(|sp| self.unmark_speaker(text, sp));
            // "сообщил Песков ТАСС", "сообщил источник РИА Новости": an
            // outlet right after the speaker is the addressee, not part of it
            if let Some(sp) = s.as_mut() {
                // (the outlet's quotation marks too: "источник «Интерфакса»")
                let marks = |s: &str| s.chars().all(|c| matches!(c, '«' | '»' | '"' | '“' | '”'));
                if let Some(m) = mentions.iter().find(|m| {
                    m.span.end <= sp.span.end
                        && marks(&text[m.span.end as usize..sp.span.end as usize])
                        && m.span.start > sp.span.start
                }) {
                    let head = text[sp.span.start as usize..m.span.start as usize]
                        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '«' | '"' | '“'));
                    let last = head.split_whitespace().last().unwrap_or("").to_lowercase();
                    // ("собеседник агентства «Интерфакс»": an outlet after a
                    // media noun is in apposition to it)
                    let joins = self.lexicon.is_boundary(&last)
                        || self.lexicon.is_determiner(&last)
                        || self.lexicon.match_phrase(&[last.as_str()], PhraseKind::Media).is_some();
                    if !last.is_empty() && !joins && !self.lexicon.is_opener(&last) {
                        let cut = text[sp.span.start as usize + head.len()..sp.span.end as usize]
                            .trim_matches(|c: char| c.is_whitespace() || marks(&c.to_string()));
                        sp.span = ByteSpan::new(sp.span.start as usize, sp.span.start as usize + head.len());
                        // (and from the name: "Лукин ТАСС" → "Лукин")
                        if let Some(name) = sp.name.as_deref().and_then(|n| n.strip_suffix(cut)) {
                            let name = name.trim_end();
                            if !name.is_empty() {
                                sp.name = Some(name.to_owned());
                            }
                        }
                    }
                }
            }
            // "сказал ТАСС источник в правительстве": an outlet opening the
            // speaker phrase before a common noun is the addressee too
            if let Some(sp) = s.as_mut() {
                let marks = |s: &str| s.chars().all(|c| c.is_whitespace() || matches!(c, '«' | '»' | '"' | '“' | '”'));
                if let Some(m) = mentions.iter().find(|m| {
                    m.span.start >= sp.span.start
                        && m.span.end < sp.span.end
                        && marks(&text[sp.span.start as usize..m.span.start as usize])
                }) {
                    let rest = text[m.span.end as usize..sp.span.end as usize]
                        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '«' | '»' | '"' | '“' | '”'));
                    if rest.chars().next().is_some_and(char::is_lowercase) {
                        sp.span = ByteSpan::new(sp.span.end as usize - rest.len(), sp.span.end as usize);
                    }
                }
            }
            // "— цитирует X «Outlet»" (ru_credit.rs)
            let quoting = s.as_mut().and_then(|sp| self.cut_quoting_outlet(text, sp)).or_else(|| {
                // "— цитирует издание X" (ru_credit.rs)
                s.as_mut().and_then(|sp| self.cut_quoting_media_noun(text, sp, q.open, &mentions, &media_outlets))
            });
            let in_speaker = s.as_ref().and_then(|s| self.outlet_in(text, &toks, &mentions, s.span));
            // the speaker phrase is an outlet ("The Hill reported")
            let speaker_is_outlet = s.as_ref().is_some_and(|s| {
                mentions.iter().any(|m| {
                    m.span.start <= s.span.start + 4 && m.span.end + 1 >= s.span.end && m.span.start >= s.span.start
                })
            });
            let outside_speaker: Vec<ByteSpan> = context
                .iter()
                .flat_map(|c| match &s {
                    Some(s) if c.start <= s.span.start && c.end >= s.span.end => {
                        vec![ByteSpan { start: c.start, end: s.span.start }, ByteSpan { start: s.span.end, end: c.end }]
                    }
                    _ => vec![*c],
                })
                .collect();
            let mut outlet: Option<(String, CreditKind)> =
                if speaker_is_outlet { in_speaker.clone().map(|o| (o, CreditKind::Speaker)) } else { None };
            if outlet.is_none() {
                outlet = outside_speaker
                    .iter()
                    .find_map(|c| self.outlet_in(text, &toks, &mentions, *c))
                    .map(|o| (o, CreditKind::Cue));
            }
            if outlet.is_none() {
                outlet = quoting
                    .or_else(|| Self::extra_outlet_in(&media_outlets, &outside_speaker))
                    .map(|o| (o, CreditKind::Cue));
            }
            if outlet.is_none() {
                outlet = in_speaker.or(written_by).map(|o| (o, CreditKind::Speaker));
            }
            if outlet.is_none() {
                // an earlier segment of the same quotation
                outlet = out[out.len().saturating_sub(64)..]
                    .iter()
                    .rev()
                    .find(|o| o.quote.group == q.group && o.outlet.is_some())
                    .and_then(|o| o.outlet.clone())
                    .map(|o| (o, CreditKind::Block));
            }
            if outlet.is_none() {
                outlet = self.lead_in_outlet(text, &toks, &mentions, q).map(|o| (o, CreditKind::Cue));
            }
            if outlet.is_none() {
                if let Some(p) = q.parent {
                    outlet = out[p].outlet.clone().map(|o| (o, CreditKind::Block));
                }
            }
            if outlet.is_none() {
                outlet = ru_interview::frame_before(text, &quotes, &keep, q, &frames).map(|o| (o, CreditKind::Cue));
            }
            if outlet.is_none() {
                // `— сказал Лукин ТАСС. «…», — добавил он.` (credit.rs)
                outlet = s.as_ref().and_then(|sp| follow_up_outlet(text, &out, q, sp)).map(|o| (o, CreditKind::Cue));
            }
            if outlet.is_none() {
                // `X рассказал ТАСС, что … «…», — сказал X.` (ru_credit.rs)
                outlet = s
                    .as_ref()
                    .and_then(|sp| self.ru_intro_outlet(text, &toks, &mentions, &quotes, &keep, q, sp))
                    .map(|o| (o, CreditKind::Cue));
            }
            if outlet.is_none() {
                outlet = doc_credits
                    .iter()
                    .find(|c| c.span.start <= q.span.start && c.span.end >= q.span.end)
                    .map(|c| (c.outlet.clone(), c.kind));
            }
            if let Some(sp) = s.as_mut() {
                self.ru_interlocutor(text, sp, &mut outlet, &out);
            }
            out.push(QuoteAttribution {
                span: q.span,
                quote: *q,
                speaker: s.as_ref().map(|s| s.span),
                speaker_kind: s.as_ref().map(|s| s.kind),
                speaker_name: s.as_ref().and_then(|s| s.name.clone()),
                cue: s.as_ref().and_then(|s| s.cue),
                via: s.as_ref().map(|s| s.via),
                outlet_kind: outlet.as_ref().map(|o| o.1),
                outlet: outlet.map(|o| o.0),
            });
        }
        // names and scare quotes in «» are no quotes (marked_names.rs)
        marked_names::drop_marked_names(out, &keep)
    }

    /// The name reported for the outlet of mention `m`: in the script the
    /// text names it in ([`Gazetteer::name_as_written`]).
    fn outlet_name(&self, text: &str, m: &Mention) -> String {
        self.gazetteer.name_as_written(m.outlet, &text[m.span.range()]).to_owned()
    }

    /// The outlet named in byte range `span`: a gazetteer mention, "the
    /// Post"-like short names, or a media noun ("the newspaper") standing
    /// for the last outlet named before it.
    fn outlet_in(&self, text: &str, toks: &[Tok], mentions: &[Mention], span: ByteSpan) -> Option<String> {
        let (s, e) = (span.start, span.end);
        // the first mention
        if let Some(m) = mentions.iter().find(|m| m.span.start >= s && m.span.end <= e) {
            return Some(self.outlet_name(text, m));
        }
        let first = toks.partition_point(|t| (t.start as u32) < s);
        let last = toks.partition_point(|t| (t.end as u32) <= e);
        for i in first..last {
            let t = toks[i];
            if !t.is_word() || !t.text(text).eq_ignore_ascii_case("the") && !t.text(text).eq_ignore_ascii_case("this") {
                continue;
            }
            let words: Vec<String> = toks[i + 1..last.min(i + 4)]
                .iter()
                .take_while(|t| t.is_word())
                .map(|t| t.text(text).to_lowercase())
                .collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            if refs.is_empty() {
                continue;
            }
            let next = toks[i + 1].text(text);
            if let Some(len) = self.lexicon.match_phrase(&refs, PhraseKind::Media).filter(|_| !capitalized(next)) {
                // the last outlet named before the phrase, unless another body
                // with that head noun was named since ("the International
                // Atomic Energy Agency ... the agency said") or it is far back
                let head = &words[len - 1];
                let last = mentions.iter().rev().find(|m| (m.span.end as usize) <= t.start);
                if let Some(m) = last.filter(|m| t.start - m.span.end as usize <= MEDIA_REACH) {
                    if !named_since(text, toks, m.span.end as usize, t.start, head) {
                        return Some(self.outlet_name(text, m));
                    }
                }
                continue;
            }
            // "the Post": an outlet named by the last word of its name
            if capitalized(next) && toks.get(i + 2).is_none_or(|n| !n.is_word() || !capitalized(n.text(text))) {
                let short: Vec<usize> = (0..self.gazetteer.outlets().len())
                    .filter(|&o| {
                        let name = self.gazetteer.name(o);
                        name.split_whitespace().count() > 1 && name.split_whitespace().last() == Some(next)
                    })
                    .collect();
                if !short.is_empty() {
                    if let Some(m) =
                        mentions.iter().rev().find(|m| (m.span.end as usize) <= t.start && short.contains(&m.outlet))
                    {
                        return Some(self.outlet_name(text, m));
                    }
                    return Some(format!("The {next}"));
                }
            }
        }
        None
    }

    /// For a quote opening its paragraph: an outlet reporting in the
    /// previous paragraph, when that paragraph holds no quote ("CNN reported
    /// that night ..." before a quoted block whose colon was lost).
    fn lead_in_outlet(&self, text: &str, toks: &[Tok], mentions: &[Mention], q: &Quote) -> Option<String> {
        let line_start = text[..q.open].rfind('\n')?;
        if !text[line_start + 1..q.open].trim().is_empty() {
            return None;
        }
        let prev_end = text[..line_start].trim_end().len();
        let prev_start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
        let para = &text[prev_start..prev_end];
        if para.is_empty() || para.chars().any(|c| matches!(c, '"' | '“' | '”' | '«' | '»' | '„')) {
            return None;
        }
        mentions.iter().filter(|m| m.span.start as usize >= prev_start && m.span.end as usize <= prev_end).find_map(
            |m| {
                let next = toks.partition_point(|t| t.start < m.span.end as usize);
                let word = toks.get(next).filter(|t| t.is_word()).map(|t| t.text(text).to_lowercase());
                // (or before it, in Russian order: "сообщает РИА Новости")
                (word.is_some_and(|w| self.lexicon.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some())
                    || ru_credit::verb_before(self, text, toks, m))
                .then(|| self.outlet_name(text, m))
            },
        )
    }
}

/// How far back (bytes) "the agency", "the newspaper" look for the outlet
/// they stand for.
const MEDIA_REACH: usize = 2500;

/// Whether a capitalized name ending in the noun `head` ("Energy Agency")
/// stands in `text[from..to]`.
fn named_since(text: &str, toks: &[Tok], from: usize, to: usize, head: &str) -> bool {
    let first = toks.partition_point(|t| t.start < from);
    let last = toks.partition_point(|t| t.end <= to);
    (first + 1..last).any(|i| {
        let t = toks[i];
        let p = toks[i - 1];
        t.is_word()
            && p.is_word()
            && capitalized(t.text(text))
            && capitalized(p.text(text))
            && t.text(text).to_lowercase() == *head
    })
}

#[cfg(test)]
mod regression;
#[cfg(test)]
mod tests;
