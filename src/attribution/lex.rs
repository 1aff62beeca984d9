//! A small lexer for attribution: words (runs of letters and digits),
//! punctuation marks and line breaks, each with its byte span. Spaces are
//! dropped; everything else is kept, so cue patterns can see commas,
//! colons, sentence ends and quote marks.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits.
    Word,
    /// One punctuation or symbol character.
    Punct(char),
    /// A line break (paragraph boundary).
    Break,
}

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    /// First byte.
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

impl Tok {
    /// The token's text.
    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// Whether it is a word.
    pub fn is_word(self) -> bool {
        self.kind == Kind::Word
    }

    /// Whether it is this punctuation mark.
    pub fn is(self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The tokens of `text`.
pub(crate) fn lex(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if word_char(c) {
            word.get_or_insert(i);
            continue;
        }
        if let Some(s) = word.take() {
            out.push(Tok { start: s, end: i, kind: Kind::Word });
        }
        if c == '\n' {
            out.push(Tok { start: i, end: i + 1, kind: Kind::Break });
        } else if !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{00ad}' | '\u{feff}') {
            out.push(Tok { start: i, end: i + c.len_utf8(), kind: Kind::Punct(c) });
        }
    }
    if let Some(s) = word {
        out.push(Tok { start: s, end: text.len(), kind: Kind::Word });
    }
    out
}

/// Whether a word starts with an upper-case letter.
pub(crate) fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_punct_breaks() {
        let text = "Peskov’s “yes,”\nТАСС.";
        let toks = lex(text);
        let shown: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(shown, vec!["Peskov", "’", "s", "“", "yes", ",", "”", "\n", "ТАСС", "."]);
        assert_eq!(toks[7].kind, Kind::Break);
    }
}
