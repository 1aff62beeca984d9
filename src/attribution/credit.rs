//! Credit: which outlet a text credits, for the whole document or for a
//! part of it. All credit rules live here; each takes the [`Attributor`]
//! (and so the gazetteer and cue lists in force) explicitly.
//!
//! * **Document credits** ([`Attributor::credits`]): a dateline at the
//!   start (`MOSCOW, April 17 (TASS) -`, `(Reuters) -`, `/ТАСС/`, `МОСКВА,
//!   12 мая — РИА Новости.`) or a
//!   credit line ("Reuters contributed to this report") credits the
//!   document (or, for a dateline further down, the rest of it from there);
//!   and every quote credited to an outlet credits its text.
//! * **Passage credit** ([`PassageCredits::outlet_for`], what `check`
//!   asks of a copied passage), in order:
//!   1. a document or quote credit covering the passage;
//!   2. else an outlet named in the passage's paragraph before it, or in
//!      the 300 bytes before it (`According to TASS, ...` without
//!      quotation marks), the nearest one;
//!   3. else an outlet named early in the passage itself (`TASS reported
//!      that ...` copied together with the text).
//! * **Follow-up credit** (`follow_up_outlet`): a quote with no outlet of
//!   its own, by the same person as the quote before it in the paragraph,
//!   keeps the outlet that quote's sentence credits (`— сказал Лукин ТАСС.
//!   «…», — добавил он`; `told The Hindu … "…," he said`), before a
//!   dateline's.
//!
//! Names are matched through the gazetteer, so aliases count (ТАСС = TASS,
//! AP = Associated Press). [`Attributor::with_known_outlets`] adds the
//! outlets a reference collection names in its `source` fields, so a
//! credit to a source the built-in gazetteer lacks still counts.

use super::lex::{lex, Kind, Tok};
use super::lexicon::PhraseKind;
use super::outlets::Mention;
use super::Attributor;
use crate::corpus::ByteSpan;

/// How a quote's outlet was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditKind {
    /// Named in the speaker phrase ("The Hill reported").
    Speaker,
    /// Named in the quote's sentence ("according to CNN").
    Cue,
    /// Inherited from the quote it is nested in.
    Block,
    /// A dateline ("(Reuters) -").
    Dateline,
    /// A credit line ("Reuters contributed to this report").
    CreditLine,
}

/// Text credited to an outlet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credit {
    /// The outlet's canonical name (or the name as written when it is not
    /// in the gazetteer).
    pub outlet: String,
    /// The credited text: a quote, or the part of the document a dateline
    /// or credit line covers.
    pub span: ByteSpan,
    /// Where the outlet is named.
    pub cue: ByteSpan,
    /// What kind of credit.
    pub kind: CreditKind,
}

/// The outlet credits of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credits {
    /// Datelines and credit lines, each with the part of the document it
    /// covers (the whole document for a dateline at its start or a credit
    /// line).
    pub document: Vec<Credit>,
    /// Quotes credited to an outlet.
    pub quotes: Vec<Credit>,
}

impl Credits {
    /// Every outlet credited for byte range `span`: by a quote containing
    /// it or by a document credit covering it.
    pub fn outlets_for(&self, span: ByteSpan) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .quotes
            .iter()
            .chain(&self.document)
            .filter(|c| c.span.start <= span.start && c.span.end >= span.end)
            .map(|c| c.outlet.as_str())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl Attributor {
    /// The outlet credits of `text`: datelines and credit lines, and every
    /// quote credited to an outlet.
    pub fn credits(&self, text: &str) -> Credits {
        let toks = lex(text);
        let mentions = self.gazetteer.mentions_in(text, &toks);
        let document = self.document_credits(text, &toks, &mentions);
        let quotes = self
            .attribute(text)
            .into_iter()
            .filter_map(|q| {
                let outlet = q.outlet?;
                let kind = q.outlet_kind?;
                let cue = match kind {
                    CreditKind::Speaker => q.speaker?,
                    _ => q.cue.unwrap_or(q.span),
                };
                Some(Credit { outlet, span: q.span, cue, kind })
            })
            .collect();
        Credits { document, quotes }
    }

    /// Datelines and credit lines.
    pub(super) fn document_credits(&self, text: &str, toks: &[Tok], mentions: &[Mention]) -> Vec<Credit> {
        let mut out = Vec::new();
        let whole = ByteSpan::new(0, text.len());
        // line starts and ends found once: on one long line with many
        // mentions, a search per mention would be quadratic
        let breaks: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        let line_of = |at: usize| {
            let i = breaks.partition_point(|&b| b < at);
            (if i == 0 { 0 } else { breaks[i - 1] + 1 }, breaks.get(i).copied().unwrap_or(text.len()))
        };
        for m in mentions {
            let (ms, me) = (m.span.start as usize, m.span.end as usize);
            let outlet = self.outlet_name(text, m);
            // dateline: "(Reuters) -", "(TASS) —", "/ТАСС/."
            let open = text[..ms].trim_end_matches(' ');
            let close = text[me..].trim_start_matches(' ');
            let bracketed =
                (open.ends_with('(') && close.starts_with(')')) || (open.ends_with('/') && close.starts_with('/'));
            // "МОСКВА, 12 мая — РИА Новости.": a dateline in capitals, a
            // dash, the outlet and a full stop
            let dashed = open.ends_with(['—', '–', '-']) && close.starts_with('.') && {
                let first = text[line_of(ms).0..].split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                first.chars().count() > 2 && first.chars().all(char::is_uppercase)
            };
            // "Москва. 21 марта. INTERFAX.RU - ": the outlet's web address
            // as a dateline, near the start of its line
            let webbed = close.starts_with('.') && {
                let rest = &close[1..];
                let domain = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len();
                (2..=4).contains(&domain) && rest[domain..].trim_start_matches(' ').starts_with(['-', '—', '–'])
            };
            if bracketed || dashed || webbed {
                let after = if dashed || webbed { "" } else { close[1..].trim_start_matches(' ') };
                let line_start = line_of(ms).0;
                let dateline = after.starts_with(['-', '—', '–', '.']) || after.is_empty() || after.starts_with('\n');
                let near_start = ms - line_start <= 80;
                if dateline && near_start {
                    let span = if line_start <= 300.min(text.len()) || ms <= 300 {
                        whole
                    } else {
                        ByteSpan::new(line_start, text.len())
                    };
                    out.push(Credit { outlet, span, cue: m.span, kind: CreditKind::Dateline });
                    continue;
                }
            }
            // credit line: a line naming the outlet with a credit phrase
            let (line_start, line_end) = line_of(ms);
            if line_end - line_start >= 300 {
                continue; // too long for a credit line
            }
            let first = toks.partition_point(|t| t.start < line_start);
            let last = toks.partition_point(|t| t.end <= line_end);
            let line_toks = &toks[first..last];
            let is_credit = line_toks.iter().enumerate().any(|(k, t)| {
                if t.kind == Kind::Punct('©') {
                    return true;
                }
                let words: Vec<String> = line_toks[k..]
                    .iter()
                    .take_while(|t| t.is_word())
                    .take(6)
                    .map(|t| t.text(text).to_lowercase())
                    .collect();
                let refs: Vec<&str> = words.iter().map(String::as_str).collect();
                !refs.is_empty() && self.lexicon.match_phrase(&refs, PhraseKind::Credit).is_some()
            });
            if is_credit {
                out.push(Credit { outlet, span: whole, cue: m.span, kind: CreditKind::CreditLine });
            }
        }
        out
    }

    /// The credits of `text` that `check` consults for a copied passage.
    pub fn passage_credits<'a>(&'a self, text: &str) -> PassageCredits<'a> {
        let toks = lex(text);
        PassageCredits {
            attributor: self,
            credits: self.credits(text),
            mentions: self.gazetteer.mentions_in(text, &toks),
            paragraphs: std::iter::once(0).chain(text.match_indices("\n\n").map(|(i, _)| i + 2)).collect(),
        }
    }

    /// This attributor with every name of `names` that the gazetteer does
    /// not know added as an outlet of its own: the sources a reference
    /// collection names. Names that start in lower case ("wire", "staff")
    /// are too generic to find in text and are left out, and so are names
    /// with `|` or `#` (the gazetteer file's syntax).
    pub fn with_known_outlets<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Attributor {
        let mut out = self.clone();
        let mut lines = String::new();
        let mut seen = std::collections::HashSet::new();
        for name in names {
            let name = name.trim();
            let usable = name.chars().next().is_some_and(|c| !c.is_lowercase() && c.is_alphanumeric())
                && !name.contains(['|', '#', '\n']);
            if usable && out.gazetteer.lookup(name).is_none() && seen.insert(name) {
                lines.push_str(name);
                lines.push('\n');
            }
        }
        if !lines.is_empty() {
            out.gazetteer.add("the reference sources", &lines).expect("plain names are valid gazetteer lines");
        }
        out
    }
}

/// The outlet credits of one document, ready to answer which outlet a
/// passage of it is credited to.
#[derive(Clone, Debug)]
pub struct PassageCredits<'a> {
    attributor: &'a Attributor,
    credits: Credits,
    mentions: Vec<Mention>,
    paragraphs: Vec<usize>,
}

impl PassageCredits<'_> {
    /// The outlet credited for a passage, if any (see the module docs).
    pub fn outlet_for(&self, span: ByteSpan) -> Option<String> {
        let g = &self.attributor.gazetteer;
        if let Some(o) = self.credits.outlets_for(span).first() {
            return Some((*o).to_owned());
        }
        let start = span.start as usize;
        let para = self.paragraphs.iter().rev().find(|&&p| p <= start).copied().unwrap_or(0);
        let from = para.min(start.saturating_sub(300));
        self.mentions
            .iter()
            .rfind(|m| (m.span.start as usize) >= from && (m.span.start as usize) < start)
            .or_else(|| {
                self.mentions
                    .iter()
                    .find(|m| m.span.start >= span.start && m.span.start < span.end.min(span.start + 200))
            })
            .map(|m| g.name(m.outlet).to_owned())
    }
}

/// A follow-up quote's outlet: the quote before `q` in the same paragraph
/// whose own sentence credits an outlet (`— сказал Лукин ТАСС`, `told The
/// Hindu`), by the same person as speaker `sp` (the same name, or one
/// name's last word the other's: `Лукин`, `Сергей Лукин`), passes that
/// outlet on (`«…», — добавил он`, `"…," he said`): the interview goes on.
pub(super) fn follow_up_outlet(
    text: &str,
    earlier: &[super::QuoteAttribution],
    q: &crate::attribution::quotes::Quote,
    sp: &super::speaker::Speaker,
) -> Option<String> {
    let prev = earlier.iter().rev().find(|o| o.span.end as usize <= q.open)?;
    if text[prev.span.end as usize..q.open].contains('\n') || prev.outlet_kind != Some(CreditKind::Cue) {
        return None;
    }
    let this = [sp.name.as_deref(), Some(&text[sp.span.range()])];
    let that = [prev.speaker_name.as_deref(), prev.speaker_text(text)];
    let last = |n: &str| n.split_whitespace().last().unwrap_or("").to_owned();
    let same = this.iter().flatten().any(|a| {
        that.iter()
            .flatten()
            .any(|b| a == b || (a.split_whitespace().count() != b.split_whitespace().count() && last(a) == last(b)))
    });
    same.then(|| prev.outlet.clone()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credited(text: &str, passage: &str) -> Option<String> {
        let s = text.find(passage).unwrap();
        Attributor::builtin().passage_credits(text).outlet_for(ByteSpan::new(s, s + passage.len()))
    }

    #[test]
    fn cases() {
        let p = "the passage that was copied from the wire";
        assert_eq!(credited(&format!("The report from TASS reads below: \"{p}\""), p).as_deref(), Some("TASS"));
        assert_eq!(credited(&format!("According to Reuters, {p}."), p).as_deref(), Some("Reuters"));
        assert_eq!(credited(&format!("MOSCOW, April 17 (TASS) - Intro.\n\nMore.\n\n{p}"), p).as_deref(), Some("TASS"));
        assert_eq!(
            credited(&format!("Intro.\n\n{p}\n\nThe Associated Press contributed to this report."), p).as_deref(),
            Some("Associated Press")
        );
        assert_eq!(credited(&format!("ТАСС сообщает: {p}"), p).as_deref(), Some("TASS"));
        assert_eq!(credited(&format!("Nothing credited here. {p}"), p), None);
        assert_eq!(credited(&format!("A rap concert. {p}"), p), None, "ap inside a word is no outlet");
        let far = "Filler words in between. ".repeat(14);
        assert_eq!(credited(&format!("TASS said so.\n\n{far}{p}"), p), None, "another paragraph, far before");
        assert_eq!(credited(&format!("The report from TASS reads below:\n\n{p}"), p).as_deref(), Some("TASS"));
    }

    #[test]
    fn web_address_dateline_credits_the_quotes() {
        let text = "Москва. 5 мая. INTERFAX.RU - Компания закрыла сделку.\n\nДругое.\n\n«Все условия выполнены», — сказал гендиректор Илья Зотов.";
        let quotes = Attributor::builtin().attribute(text);
        assert_eq!(quotes[0].outlet.as_deref(), Some("Interfax"));
    }

    #[test]
    fn aliases() {
        let g = Attributor::builtin().gazetteer;
        assert!(g.same_outlet("ТАСС", "TASS"));
        assert!(g.same_outlet("AP", "The Associated Press"));
        assert!(!g.same_outlet("Reuters", "TASS"));
        assert_eq!(g.canonical("ТАСС"), Some("TASS"));
    }

    #[test]
    fn sources_named_in_a_collection_become_outlets() {
        let p = "the passage that was copied from the wire";
        let text = format!("According to Nordavis, {p}.");
        let s = text.find(p).unwrap();
        let span = ByteSpan::new(s, s + p.len());
        let builtin = Attributor::builtin();
        assert_eq!(builtin.passage_credits(&text).outlet_for(span), None);
        let known = builtin.with_known_outlets(["Nordavis", "TASS", "lower case", ""]);
        assert_eq!(known.passage_credits(&text).outlet_for(span).as_deref(), Some("Nordavis"));
        assert!(known.gazetteer.lookup("lower case").is_none(), "a name in lower case is too generic");
        assert_eq!(known.gazetteer.outlets().len(), builtin.gazetteer.outlets().len() + 1);
    }
}
