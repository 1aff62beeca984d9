//! Credit-only outlet aliases: a name that is also a common word or a
//! given name ("Dawn" in Pakistan, "Punch" in Nigeria) names the outlet
//! only where a text credits an outlet: after "told", "according to",
//! "reported by", "quoted by", "spoke to", "speaking to", "talking to",
//! "interview with", before "reported" or "reports", or alone in
//! parentheses (`(Dawn) -`). In the gazetteer such an alias is written
//! with a leading `~` (`[PK] ~Dawn | Dawn newspaper`); elsewhere in a text
//! the word is no mention ("Dawn broke over Lahore", "Dawn Smith said").

/// Words right before an alias that credit it.
const BEFORE: &[&str] = &["told", "tells", "tell", "telling"];
/// Two words right before an alias that credit it.
const BEFORE_PAIR: &[(&str, &str)] = &[
    ("according", "to"),
    ("reported", "by"),
    ("quoted", "by"),
    ("spoke", "to"),
    ("speaking", "to"),
    ("talking", "to"),
    ("talked", "to"),
    ("interview", "with"),
    ("told", "the"),
];
/// Words right after an alias that credit it.
const AFTER: &[&str] = &["reported", "reports"];

/// The prefix that marks a credit-only alias in a gazetteer file.
pub(crate) const MARK: char = '~';

/// Whether the alias at `start..end` of `text` stands where an outlet is
/// credited.
pub(crate) fn credited(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let after = &text[end..];
    // alone in parentheses: `(Dawn) -`
    if before.trim_end_matches(' ').ends_with('(') && after.trim_start_matches(' ').starts_with(')') {
        return true;
    }
    let words: Vec<String> = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .map(str::to_lowercase)
        .collect();
    // (only spaces between the words and the alias)
    let gap_ok = before.trim_end_matches(' ').ends_with(|c: char| c.is_alphanumeric());
    let last = words.first().map(String::as_str).unwrap_or("");
    let pair = (words.get(1).map(String::as_str).unwrap_or(""), last);
    let next: String = after.trim_start_matches(' ').chars().take_while(|c| c.is_alphanumeric()).collect();
    (gap_ok && (BEFORE.contains(&last) || BEFORE_PAIR.contains(&pair))) || AFTER.contains(&next.as_str())
}

#[cfg(test)]
mod tests {
    use super::super::outlets::Gazetteer;

    fn found(g: &Gazetteer, text: &str) -> Vec<String> {
        g.mentions(text).iter().map(|m| g.name(m.outlet).to_owned()).collect()
    }

    #[test]
    fn a_credit_only_alias_names_the_outlet_only_where_credited() {
        let mut g = Gazetteer::default();
        g.add("test", "[PK] ~Morning | Morning newspaper").expect("valid");
        assert_eq!(found(&g, "\"We wait,\" she told Morning."), ["Morning"]);
        assert_eq!(found(&g, "According to Morning, the mill shut."), ["Morning"]);
        assert_eq!(found(&g, "LAHORE (Morning) - The mill shut."), ["Morning"]);
        assert_eq!(found(&g, "Morning reported that the mill shut."), ["Morning"]);
        assert!(found(&g, "Morning came slowly. Morning Smith said so.").is_empty());
        // the other aliases match anywhere
        assert_eq!(found(&g, "The Morning newspaper said so."), ["Morning"]);
    }

    #[test]
    fn the_builtin_credit_only_aliases() {
        let g = Gazetteer::builtin();
        assert_eq!(found(&g, "\"We wait,\" she told Dawn."), ["Dawn"]);
        assert!(found(&g, "Dawn broke over the city.").is_empty());
        assert_eq!(found(&g, "\"It is late,\" he told Punch."), ["The Punch"]);
        assert!(found(&g, "Punch the air, the coach said.").is_empty());
        assert_eq!(found(&g, "\"We lost,\" the captain told SuperSport."), ["SuperSport"]);
        assert_eq!(found(&g, "\"We paint the stand,\" she told The Courier."), ["The Courier"]);
        assert!(found(&g, "The courier left the parcel at the gate.").is_empty());
        assert_eq!(found(&g, "\"It rained,\" he told The Courier-Mail."), ["The Courier-Mail"]);
    }
}
