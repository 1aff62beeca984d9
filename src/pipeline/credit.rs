//! Which outlet a document credits, for the whole document or near a
//! passage: the part of attribution `check` needs.
//!
//! Whole-document credits: a dateline `(X) -` near the start, or a credit
//! line `X contributed to this report`. Passage credits: an outlet named in
//! the passage's paragraph before it, or in the 300 bytes before it ("the
//! report from X reads below:", "according to X, ..."). Outlet names are
//! matched through a small gazetteer of aliases (TASS/ТАСС, AP/Associated
//! Press ...), case-insensitively on word boundaries.

use crate::corpus::ByteSpan;

/// Aliases per canonical outlet name.
const OUTLETS: &[(&str, &[&str])] = &[
    ("TASS", &["tass", "itar-tass", "тасс", "итар-тасс"]),
    ("RIA Novosti", &["ria novosti", "ria", "риа новости"]),
    ("Interfax", &["interfax", "интерфакс"]),
    ("Sputnik", &["sputnik"]),
    ("Reuters", &["reuters"]),
    ("Associated Press", &["associated press", "ap"]),
    ("AFP", &["afp", "agence france-presse", "agence france presse"]),
    ("Xinhua", &["xinhua", "新华社"]),
    ("Bloomberg", &["bloomberg"]),
    ("UPI", &["upi", "united press international"]),
    ("Anadolu", &["anadolu", "anadolu agency"]),
    ("dpa", &["dpa", "deutsche presse-agentur"]),
    ("EFE", &["efe"]),
    ("ANSA", &["ansa"]),
    ("Kyodo", &["kyodo"]),
    ("Yonhap", &["yonhap"]),
];

/// The canonical name of an outlet (its own name when unknown).
pub fn canonical(name: &str) -> String {
    let key = name.trim().trim_start_matches("The ").trim_start_matches("the ").to_lowercase();
    for (canon, aliases) in OUTLETS {
        if aliases.iter().any(|a| *a == key) || canon.to_lowercase() == key {
            return (*canon).to_owned();
        }
    }
    name.trim().to_owned()
}

/// Whether two outlet names name the same outlet.
pub fn same_outlet(a: &str, b: &str) -> bool {
    canonical(a).eq_ignore_ascii_case(&canonical(b))
}

/// The outlet credits found in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credits {
    /// Outlets credited for the whole document (dateline, credit line).
    pub whole: Vec<String>,
    /// Outlets named in the text, with where.
    pub mentions: Vec<(ByteSpan, String)>,
    text_len: usize,
    paragraphs: Vec<usize>,
}

/// Find the credits of `text`.
pub fn credits(text: &str) -> Credits {
    let lower = text.to_lowercase();
    // to_lowercase can change byte lengths (rarely); fall back to ASCII folding then
    let hay = if lower.len() == text.len() { lower } else { text.to_ascii_lowercase() };
    let mut mentions = Vec::new();
    for (canon, aliases) in OUTLETS {
        for alias in aliases.iter().copied().chain(std::iter::once(*canon)) {
            let alias = alias.to_lowercase();
            let mut from = 0;
            while let Some(i) = hay[from..].find(&alias) {
                let s = from + i;
                let e = s + alias.len();
                from = s + alias.len().max(1);
                let before_ok = hay[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after_ok = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                // a short all-capital acronym must be written in capitals
                let case_ok = alias.len() > 3 || text[s..e].chars().all(|c| !c.is_lowercase());
                if before_ok && after_ok && case_ok {
                    mentions.push((ByteSpan::new(s, e), (*canon).to_owned()));
                }
            }
        }
    }
    mentions.sort();
    mentions.dedup_by(|a, b| a.0.start < b.0.end && b.0.start < a.0.end);
    let mut whole = Vec::new();
    for (span, outlet) in &mentions {
        let (s, e) = (span.start as usize, span.end as usize);
        let dateline = s < 300 && text[..s].ends_with('(') && {
            let rest = text[e..].trim_start_matches(')').trim_start();
            rest.starts_with('-') || rest.starts_with('\u{2013}') || rest.starts_with('\u{2014}')
        };
        let credit_line = hay[e..].trim_start().starts_with("contributed to this report");
        if dateline || credit_line {
            whole.push(outlet.clone());
        }
    }
    let paragraphs = std::iter::once(0).chain(text.match_indices("\n\n").map(|(i, _)| i + 2)).collect();
    Credits { whole, mentions, text_len: text.len(), paragraphs }
}

impl Credits {
    /// The outlet credited for a passage: a whole-document credit, else the
    /// last outlet named before the passage within its paragraph or the 300
    /// bytes before it, else one named inside the passage's first sentence.
    pub fn outlet_for(&self, span: ByteSpan) -> Option<String> {
        if let Some(w) = self.whole.first() {
            return Some(w.clone());
        }
        let start = span.start as usize;
        let para = self.paragraphs.iter().rev().find(|&&p| p <= start).copied().unwrap_or(0);
        let from = para.min(start.saturating_sub(300));
        self.mentions
            .iter()
            .rfind(|(m, _)| (m.start as usize) >= from && (m.start as usize) < start)
            .or_else(|| {
                self.mentions.iter().find(|(m, _)| m.start >= span.start && m.start < span.end.min(span.start + 200))
            })
            .map(|(_, o)| o.clone())
            .filter(|_| start <= self.text_len)
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
        let p = "the passage that was copied";
        assert_eq!(credited(&format!("The report from TASS reads below: \"{p}\""), p).as_deref(), Some("TASS"));
        assert_eq!(credited(&format!("According to Reuters, {p}."), p).as_deref(), Some("Reuters"));
        assert_eq!(credited(&format!("MOSCOW, April 17 (TASS) - Intro.\n\nMore.\n\n{p}"), p).as_deref(), Some("TASS"));
        assert_eq!(
            credited(&format!("Intro.\n\n{p}\n\nAP contributed to this report."), p).as_deref(),
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
    }
}
