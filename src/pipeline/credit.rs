//! Which outlet a document credits for a passage: what `check` needs of
//! [`crate::attribution`].
//!
//! In order:
//!
//! 1. a credit [`Attributor::credits`] finds covering the passage: a
//!    dateline (`MOSCOW, April 17 (TASS) -`) or credit line (`Reuters
//!    contributed to this report`) for the whole document, or a quote
//!    credited to an outlet (`The report from TASS reads below: "..."`);
//! 2. else an outlet named in the passage's paragraph before it, or in the
//!    300 bytes before it (`According to TASS, ...` without quotation
//!    marks), the nearest one;
//! 3. else an outlet named early in the passage itself (`TASS reported that
//!    ...` copied together with the text).
//!
//! Names are matched through the attribution gazetteer, so aliases count
//! (ТАСС = TASS, AP = Associated Press).

use crate::attribution::outlets::Mention;
use crate::attribution::Attributor;
use crate::corpus::ByteSpan;
use std::sync::OnceLock;

/// The built-in attributor, built once.
fn attributor() -> &'static Attributor {
    static ATTRIBUTOR: OnceLock<Attributor> = OnceLock::new();
    ATTRIBUTOR.get_or_init(Attributor::builtin)
}

/// The canonical name of an outlet (its own name when unknown).
pub fn canonical(name: &str) -> String {
    attributor().gazetteer.canonical(name).unwrap_or(name.trim()).to_owned()
}

/// Whether two outlet names name the same outlet (aliases count).
pub fn same_outlet(a: &str, b: &str) -> bool {
    attributor().gazetteer.same_outlet(a, b)
}

/// The outlet credits of one document.
#[derive(Clone, Debug)]
pub struct Credits {
    credits: crate::attribution::Credits,
    mentions: Vec<Mention>,
    paragraphs: Vec<usize>,
}

/// Find the credits of `text`.
pub fn credits(text: &str) -> Credits {
    let a = attributor();
    Credits {
        credits: a.credits(text),
        mentions: a.gazetteer.mentions(text),
        paragraphs: std::iter::once(0).chain(text.match_indices("\n\n").map(|(i, _)| i + 2)).collect(),
    }
}

impl Credits {
    /// The outlet credited for a passage, if any (see the module docs).
    pub fn outlet_for(&self, span: ByteSpan) -> Option<String> {
        let g = &attributor().gazetteer;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn credited(text: &str, passage: &str) -> Option<String> {
        let s = text.find(passage).unwrap();
        credits(text).outlet_for(ByteSpan::new(s, s + passage.len()))
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
    fn aliases() {
        assert!(same_outlet("ТАСС", "TASS"));
        assert!(same_outlet("AP", "The Associated Press"));
        assert!(!same_outlet("Reuters", "TASS"));
        assert_eq!(canonical("ТАСС"), "TASS");
    }
}
