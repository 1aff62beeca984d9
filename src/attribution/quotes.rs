//! Quote extraction: the byte spans of quoted text (marks excluded).
//!
//! Recognised marks: “…” "…" «…» »…« „…“ „…” ‚…‘ ‘…’ '…' 「…」 『…』, nested in
//! one another (a quote inside a block quote, even with the same straight
//! mark), and paragraph-initial dashes for dialogue when the cue lexicon
//! names a dialogue dash.
//!
//! * **Dialogue**: a paragraph opening with a dialogue dash is quoted up to
//!   a spaced dash after punctuation (`— Да, это так, — сказал Песков.`);
//!   text after a further dash (`— сказал он. — Решение за вами.`) is a
//!   second segment of the same quotation. A dash line with no such cue is
//!   an interview turn (question or answer) and is not reported. The same
//!   cue between dashes inside guillemets (`«Все выгорело, — говорит он. —
//!   Такой засухи я не помню»`) splits the quote into two segments of one
//!   quotation, the cue outside both.
//!
//! * **Straight quotes** (`"`, `'`) take their direction from context: a
//!   mark after a space and before a word opens, one after a word and
//!   before a space or punctuation closes. A mark glued on both sides (text
//!   scraped with its spaces lost: `below:."The withdrawal`) is decided by
//!   what is open and by the next mark of the paragraph: with nothing open
//!   it opens; with a quote open it closes it, unless the next mark can only
//!   close, in which case it opens a nested quote.
//! * **Apostrophes** are never quotes: a `’`/`'` between letters, and an
//!   opening single mark that never closes in its paragraph, are dropped.
//! * **Paragraphs** (separated by a line break) end every open single
//!   quote. A double quote still open at the end of a paragraph continues
//!   when the next paragraph starts with an opening mark (the convention for
//!   quotations over several paragraphs): each paragraph gives a segment,
//!   and the segments share a [`Quote::group`]. Otherwise it is taken to run
//!   to the end of its paragraph (a lost closing mark), so one bad mark never
//!   swallows the rest of the document.

use crate::corpus::ByteSpan;

/// One quoted segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quoted text, marks and surrounding spaces excluded.
    pub span: ByteSpan,
    /// Byte offset of the opening mark (for a dialogue line, of the dash).
    pub open: usize,
    /// Byte offset just after the closing mark, when there is one.
    pub close: Option<usize>,
    /// Segments of one quotation share a group number (0, 1, ... in order
    /// of their opening marks).
    pub group: u32,
    /// Index (in the returned vector) of the smallest quote containing this
    /// one.
    pub parent: Option<usize>,
    /// The opening mark.
    pub mark: char,
}

/// Options of [`extract_quotes`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteConfig {
    /// Dashes that open a line of dialogue when they start a paragraph
    /// (`— Да, это так, — сказал Песков.`). Empty: no dialogue.
    pub dialogue_dashes: Vec<char>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    Corner,
    WhiteCorner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Glued on both sides: decided by what is open.
    Either,
    None,
}

#[derive(Clone, Copy, Debug)]
struct Open {
    family: Family,
    mark: char,
    at: usize,
    content: usize,
    group: u32,
}

fn family(c: char) -> Option<Family> {
    Some(match c {
        '"' | '“' | '”' | '„' | '‟' => Family::Double,
        '\'' | '‘' | '’' | '‚' => Family::Single,
        '«' | '»' => Family::Guillemet,
        '「' | '」' => Family::Corner,
        '『' | '』' => Family::WhiteCorner,
        _ => return None,
    })
}

fn opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '<' | '>')
                || family(p).is_some()
        }
    }
}

fn closing_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => {
            n.is_whitespace()
                || matches!(n, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…' | '/' | '<')
                || family(n).is_some()
        }
    }
}

/// The role of a straight or ambiguous mark from its neighbours alone.
fn context_role(prev: Option<char>, next: Option<char>) -> Role {
    match (opening_context(prev), closing_context(next)) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        (false, false) => Role::Either,
        (true, true) => Role::None,
    }
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Find the quoted segments of `text`, sorted by start.
pub fn extract_quotes(text: &str, config: &QuoteConfig) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut next_group = 0u32;
    let mut carry: Vec<Open> = Vec::new();
    let mut para_start = 0;
    while para_start <= text.len() {
        let para_end = text[para_start..].find('\n').map_or(text.len(), |i| para_start + i);
        let para = &text[para_start..para_end];
        if para.trim().is_empty() {
            // a blank line between paragraphs of one quotation
            if para_end == text.len() {
                break;
            }
            para_start = para_end + 1;
            continue;
        }
        carry = paragraph(text, para_start, para, carry, &mut next_group, config, &mut out);
        if para_end == text.len() {
            break;
        }
        para_start = para_end + 1;
    }
    out.sort_by_key(|q: &Quote| (q.span.start, std::cmp::Reverse(q.span.end)));
    out.dedup_by_key(|q| q.span);
    // parents: the innermost earlier-starting quote containing each quote
    // (sorted by start, longer first: a stack of open ancestors)
    let mut open: Vec<usize> = Vec::new();
    for i in 0..out.len() {
        let s = out[i].span;
        while let Some(&top) = open.last() {
            if out[top].span.end >= s.end && out[top].span.start <= s.start {
                break;
            }
            open.pop();
        }
        out[i].parent = open.last().copied();
        open.push(i);
    }
    out
}

/// Trimmed content span, or None when it holds no word.
fn content_span(text: &str, start: usize, end: usize) -> Option<ByteSpan> {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if !trimmed.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(ByteSpan::new(start + lead, start + lead + trimmed.len()))
}

fn emit(text: &str, o: &Open, end: usize, close: Option<usize>, out: &mut Vec<Quote>) {
    if let Some(span) = content_span(text, o.content, end) {
        if o.family == Family::Single && text[span.range()].chars().count() < 2 {
            return; // rock 'n' roll
        }
        out.push(Quote { span, open: o.at, close, group: o.group, parent: None, mark: o.mark });
    }
}

/// The longest cue (in words) between the dashes of `inner_cue`.
const INNER_CUE_WORDS: usize = 8;

/// The longest cue (in words) between the dashes of `inner_cue` when a
/// capitalized word ends it (a speaker named after a long title: `—
/// пояснил начальник отдела по борьбе с мошенничеством Иван Петров, —`).
const INNER_NAMED_CUE_WORDS: usize = 12;

/// A cue between spaced dialogue dashes inside a guillemet quote `o`
/// ending at `end`: `«A, — говорит он. — B»`, `«A, — пообещал он, — но B»`.
/// The first dash follows `,` `!` `?` or `…`, the cue opens in lower case,
/// has at most [`INNER_CUE_WORDS`] words ([`INNER_NAMED_CUE_WORDS`] when
/// its last word is capitalized, a name) and no quote mark, and the second
/// dash follows `.` `,` or `:`, with text after it. Returns the first
/// dash's offset and the offset after the second dash.
fn inner_cue(text: &str, o: &Open, end: usize, dashes: &[char]) -> Option<(usize, usize)> {
    if o.family != Family::Guillemet || dashes.is_empty() {
        return None;
    }
    let inner = &text[o.content..end];
    let spaced_dash = |i: usize, c: char| {
        let spaced = dashes.contains(&c) && inner[..i].ends_with(' ') && inner[i + c.len_utf8()..].starts_with(' ');
        inner[..i].trim_end().chars().last().filter(|_| spaced)
    };
    let (d1, c1) =
        inner.char_indices().find(|&(i, c)| spaced_dash(i, c).is_some_and(|p| matches!(p, ',' | '!' | '?' | '…')))?;
    let rest = &inner[d1 + c1.len_utf8()..];
    if !rest.trim_start().chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let from = d1 + c1.len_utf8();
    let (d2, c2) = inner[from..]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .find(|&(i, c)| spaced_dash(i, c).is_some_and(|p| matches!(p, '.' | ',' | ':')))?;
    let cue = &inner[from..d2];
    let named = cue.split_whitespace().last().and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
    let most = if named { INNER_NAMED_CUE_WORDS } else { INNER_CUE_WORDS };
    if cue.split_whitespace().count() > most || cue.contains(['«', '»', '"', '“', '”']) {
        return None;
    }
    if !inner[d2 + c2.len_utf8()..].chars().any(char::is_alphanumeric) {
        return None;
    }
    Some((o.content + d1, o.content + d2 + c2.len_utf8()))
}

/// Quotes open at once in one paragraph, at most: real text nests three or
/// four deep; beyond this an open mark is taken as never closed.
pub const MAX_NESTING: usize = 8;

/// Process one paragraph; `carry` holds double quotes left open by the
/// previous one. Returns the quotes left open at its end that continue.
fn paragraph(
    text: &str,
    base: usize,
    para: &str,
    carry: Vec<Open>,
    next_group: &mut u32,
    config: &QuoteConfig,
    out: &mut Vec<Quote>,
) -> Vec<Open> {
    let chars: Vec<(usize, char)> = para.char_indices().map(|(i, c)| (base + i, c)).collect();
    let first = chars.iter().position(|&(_, c)| !c.is_whitespace());
    let mut stack: Vec<Open> = Vec::new();
    let mut skip_first = false;
    // continuation of a quotation over the paragraph break
    if let Some(f) = first {
        let (at, c) = chars[f];
        let continues = family(c) == Some(Family::Double) || matches!(c, '«' | '„');
        if !carry.is_empty() && continues {
            let mut o = *carry.last().expect("not empty");
            o.at = at;
            o.mark = c;
            o.content = at + c.len_utf8();
            stack.push(o);
            skip_first = true;
        }
    }
    // dialogue line
    let mut dialogue: Option<Open> = None;
    if let Some(f) = first {
        let (at, c) = chars[f];
        if !skip_first
            && config.dialogue_dashes.contains(&c)
            && chars.get(f + 1).is_some_and(|&(_, n)| n.is_whitespace())
        {
            dialogue =
                Some(Open { family: Family::Double, mark: c, at, content: at + c.len_utf8(), group: *next_group });
            *next_group += 1;
        }
    }
    // a dialogue line is quoted only when a cue interrupts or ends it
    // (`— Да, — сказал он. — Мы …`): a line with none is an interview turn
    let dialogue_line = dialogue.is_some();
    let dialogue_group = dialogue.map_or(0, |o| o.group);
    let mut cued = false;
    for k in 0..chars.len() {
        let (at, c) = chars[k];
        if skip_first && Some(k) == first {
            continue;
        }
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let spaced = prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace);
        if dialogue_line && config.dialogue_dashes.contains(&c) && Some(k) != first && spaced && stack.is_empty() {
            let before = chars[..k].iter().rev().map(|&(_, p)| p).find(|p| !p.is_whitespace());
            match dialogue.take() {
                // `— Text, — said X.`: the dash after the text ends the segment
                Some(o) if before.is_some_and(|p| matches!(p, ',' | '.' | '!' | '?' | '…')) => {
                    emit(text, &o, at, Some(at + c.len_utf8()), out);
                    cued = true;
                }
                Some(o) => dialogue = Some(o),
                // `… — said X. — More text`: the quotation goes on
                None if cued && before.is_some_and(|p| matches!(p, '.' | ',' | ':')) => {
                    let group = dialogue_group;
                    dialogue = Some(Open { family: Family::Double, mark: c, at, content: at + c.len_utf8(), group });
                }
                None => {}
            }
            continue;
        }
        let Some(fam) = family(c) else { continue };
        let has_open = |f: Family, stack: &[Open]| stack.iter().any(|o| o.family == f);
        let role = match c {
            '"' => match context_role(prev, next) {
                // `important,' " Magel said`: a lone mark closes what is open
                Role::None if has_open(Family::Double, &stack) => Role::Close,
                // `" We will` at the start of a paragraph opens
                Role::None if prev.is_none() => Role::Open,
                r => r,
            },
            '“' => {
                let top_low = stack.last().is_some_and(|o| o.mark == '„');
                let r = context_role(prev, next);
                if top_low || (r == Role::Close && has_open(Family::Double, &stack)) {
                    Role::Close
                } else {
                    Role::Open
                }
            }
            '”' => {
                if has_open(Family::Double, &stack) {
                    Role::Close
                } else if context_role(prev, next) == Role::Open || prev.is_none() {
                    Role::Open
                } else {
                    Role::None
                }
            }
            '„' | '‟' => Role::Open,
            '«' | '»' => match stack.iter().rev().find(|o| o.family == Family::Guillemet) {
                Some(o) if o.mark != c => Role::Close,
                Some(_) => Role::Open,
                None if c == '«' || context_role(prev, next) == Role::Open => Role::Open,
                None => Role::None,
            },
            '「' | '『' => Role::Open,
            '」' | '』' => Role::Close,
            '‚' => {
                if opening_context(prev) {
                    Role::Open
                } else {
                    Role::None
                }
            }
            '‘' => {
                if stack.last().is_some_and(|o| o.mark == '‚') {
                    Role::Close
                } else if opening_context(prev) && next.is_some_and(|n| !n.is_whitespace()) {
                    Role::Open
                } else {
                    Role::None
                }
            }
            '’' | '\'' => {
                let r = context_role(prev, next);
                if is_letter(prev) && is_letter(next) {
                    Role::None
                } else if has_open(Family::Single, &stack) && r == Role::Close {
                    Role::Close
                } else if c == '\'' && r == Role::Open && is_letter(next) {
                    Role::Open
                } else {
                    Role::None
                }
            }
            _ => Role::None,
        };
        let role = if role == Role::Either {
            if !has_open(fam, &stack) {
                Role::Open
            } else {
                // the next straight mark of the paragraph decides
                let next_role = chars[k + 1..].iter().enumerate().find(|(_, &(_, n))| n == c).map(|(j, _)| {
                    let j = k + 1 + j;
                    context_role(Some(chars[j - 1].1), chars.get(j + 1).map(|&(_, n)| n))
                });
                if next_role == Some(Role::Close) {
                    Role::Open
                } else {
                    Role::Close
                }
            }
        } else {
            role
        };
        match role {
            Role::Open => {
                if stack.len() >= MAX_NESTING {
                    // an unclosed mark: the outermost is given up, so that a
                    // run of unclosed marks cannot nest every later quote in
                    // every earlier one (quadratic output)
                    stack.remove(0);
                }
                stack.push(Open { family: fam, mark: c, at, content: at + c.len_utf8(), group: *next_group });
                *next_group += 1;
            }
            Role::Close => {
                let at_top = |i: usize| fam != Family::Single || i + 1 == stack.len();
                if let Some(i) = stack.iter().rposition(|o| o.family == fam).filter(|&i| at_top(i)) {
                    // marks opened inside it and never closed are dropped
                    let o = stack[i];
                    stack.truncate(i);
                    match inner_cue(text, &o, at, &config.dialogue_dashes) {
                        Some((d1, d2)) => {
                            emit(text, &o, d1, Some(d1), out);
                            emit(text, &Open { at: d2, content: d2, ..o }, at, Some(at + c.len_utf8()), out);
                        }
                        None => emit(text, &o, at, Some(at + c.len_utf8()), out),
                    }
                }
            }
            Role::Either | Role::None => {}
        }
    }
    if let Some(o) = dialogue.filter(|_| cued) {
        emit(text, &o, base + para.len(), None, out);
    }
    // the end of the paragraph: single marks were apostrophes or lost;
    // double marks continue or end here
    let end = base + para.trim_end().len();
    let open_double: Vec<Open> = stack.into_iter().filter(|o| o.family != Family::Single).collect();
    let continues = next_paragraph_opens(text, base + para.len());
    for o in &open_double {
        emit(text, o, end, None, out);
    }
    if continues {
        open_double.into_iter().filter(|o| o.family == Family::Double || o.family == Family::Guillemet).collect()
    } else {
        Vec::new()
    }
}

/// Whether the paragraph after byte `at` (a line break or the end) starts
/// with an opening double mark.
fn next_paragraph_opens(text: &str, at: usize) -> bool {
    if at >= text.len() {
        return false;
    }
    let rest = &text[at + 1..];
    let rest = rest.trim_start();
    let mut it = rest.chars();
    match (it.next(), it.next()) {
        (Some('“' | '„' | '«'), _) => true,
        (Some('"'), n) => n.is_some_and(|n| !n.is_whitespace()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_between_dashes_splits_a_guillemet_quote() {
        let config = QuoteConfig { dialogue_dashes: vec!['—'] };
        let text = "«Дорогу починим, — пообещал он, — но не раньше весны». «Москва — большой город, — и все».";
        let q = extract_quotes(text, &config);
        let got: Vec<(&str, u32)> = q.iter().map(|q| (&text[q.span.range()], q.group)).collect();
        assert_eq!(got.len(), 3);
        assert_eq!((got[0].0, got[1].0), ("Дорогу починим,", "но не раньше весны"));
        assert_eq!(got[0].1, got[1].1);
        // no cue after the first dash (it follows no comma): one quote
        assert_eq!(got[2].0, "Москва — большой город, — и все");
        // a long cue ending in a name
        let text = "«Так и было, — пояснил заместитель начальника отдела по связям с общественностью Иван Петров, — \
                    все ушли рано».";
        let got: Vec<&str> = extract_quotes(text, &config).iter().map(|q| &text[q.span.range()]).collect();
        assert_eq!(got, vec!["Так и было,", "все ушли рано"]);
    }

    fn texts(text: &str) -> Vec<&str> {
        extract_quotes(text, &QuoteConfig::default()).iter().map(|q| &text[q.span.range()]).collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$($q:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let expected: Vec<&str> = vec![$($q),*];
                assert_eq!(texts($text), expected);
            }
        };
    }

    t!(curly, "He said “we will win,” and left.", ["we will win,"]);
    t!(straight, "He said \"we will win,\" and left.", ["we will win,"]);
    t!(guillemets, "Песков заявил: «Да, это так».", ["Да, это так"]);
    t!(german, "Er sagte „wir gewinnen“ und ging.", ["wir gewinnen"]);
    t!(german_single, "Er sagte ‚wir gewinnen‘ und ging.", ["wir gewinnen"]);
    t!(single, "He called it ‘a farce’ twice.", ["a farce"]);
    t!(corner, "彼は「勝つ」と言った。", ["勝つ"]);
    t!(white_corner, "彼は『勝つ』と言った。", ["勝つ"]);
    t!(nested_curly, "She said “he told me ‘no way’ yesterday” again.", ["he told me ‘no way’ yesterday", "no way"]);
    t!(nested_guillemets, "Он сказал: «Это „провал“ для нас».", ["Это „провал“ для нас", "провал"]);
    t!(apostrophes, "Trump’s voters don’t care, it's the '90s and rock 'n' roll.", []);
    t!(apostrophe_inside_quote, "He said “it’s Peskov’s call” today.", ["it’s Peskov’s call"]);
    t!(plural_possessive_outside, "The voters’ choice was “clear.”", ["clear."]);
    t!(two_quotes, "“A b,” he said. “C d.”", ["A b,", "C d."]);
    t!(unbalanced_recovers_next_paragraph, "He said “unclosed words\nThen “fine” here.", ["unclosed words", "fine"]);
    t!(stray_closer_ignored, "Odd” mark and “real quote” here.", ["real quote"]);
    t!(glued_straight, "It reads:\"Yes,\"he said.", ["Yes,"]);
    fn dialogue(text: &str) -> Vec<(&str, u32)> {
        extract_quotes(text, &QuoteConfig { dialogue_dashes: vec!['—'] })
            .iter()
            .map(|q| (&text[q.span.range()], q.group))
            .collect()
    }

    #[test]
    fn dialogue_keeps_the_part_after_the_cue() {
        let text = "— Мы готовы, — сказал он. — Решение за вами.";
        assert_eq!(dialogue(text), vec![("Мы готовы,", 0), ("Решение за вами.", 0)]);
        let text = "— Москва — большой город, — заметила она.";
        assert_eq!(dialogue(text), vec![("Москва — большой город,", 0)]);
    }

    #[test]
    fn interview_turns_are_no_quotes() {
        let text = "— Как вы оцениваете итоги года?\n— Мы довольны результатом.\n";
        assert!(dialogue(text).is_empty());
    }

    t!(
        seed_block,
        "reads below:.\"The withdrawal has begun, spokesman Dmitry Peskov confirmed.\"Yes, this is true,\" the Kremlin spokesman replied to them.\"History of it.",
        ["The withdrawal has begun, spokesman Dmitry Peskov confirmed.\"Yes, this is true,\" the Kremlin spokesman replied to them.", "Yes, this is true,"]
    );

    #[test]
    fn multi_paragraph_quote_has_one_segment_per_paragraph() {
        let text = "He said: “First part of it.\n\n“Second part.”\nAfter.";
        let qs = extract_quotes(text, &QuoteConfig::default());
        let got: Vec<&str> = qs.iter().map(|q| &text[q.span.range()]).collect();
        assert_eq!(got, vec!["First part of it.", "Second part."]);
        assert_eq!(qs[0].group, qs[1].group);
        assert_eq!(qs[0].close, None);
    }

    #[test]
    fn dialogue_needs_a_configured_dash() {
        let text = "— Да, это так, — ответил Песков.";
        assert!(extract_quotes(text, &QuoteConfig::default()).is_empty());
        let config = QuoteConfig { dialogue_dashes: vec!['—'] };
        let qs = extract_quotes(text, &config);
        assert_eq!(qs.len(), 1);
        assert_eq!(&text[qs[0].span.range()], "Да, это так,");
    }

    /// 2,000 unclosed marks in one paragraph: at most [`MAX_NESTING`]
    /// quotes stay open, so the output is linear (a63ac9d emitted every
    /// mark's quote to the paragraph end: 2,000 quotes of quadratic size).
    #[test]
    fn unclosed_marks_do_not_nest_without_bound() {
        let text: String = (0..2000).map(|i| format!("“w{i} said ")).collect();
        let quotes = extract_quotes(&text, &QuoteConfig::default());
        assert_eq!(quotes.len(), MAX_NESTING);
        let total: usize = quotes.iter().map(|q| q.span.len()).sum();
        assert!(total <= MAX_NESTING * 120, "{total} bytes of quotes");
        assert!(quotes.iter().all(|q| q.span.end as usize == text.trim_end().len()));
    }

    #[test]
    fn nested_quote_has_parent() {
        let text = "“a ‘b c’ d”";
        let qs = extract_quotes(text, &QuoteConfig::default());
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].parent, None);
        assert_eq!(qs[1].parent, Some(0));
    }

    proptest::proptest! {
        #[test]
        fn spans_are_inside_and_on_boundaries(s in "[a-z “”\"'’‘«»„\n.,]{0,80}") {
            for q in extract_quotes(&s, &QuoteConfig { dialogue_dashes: vec!['—'] }) {
                proptest::prop_assert!(q.span.end as usize <= s.len());
                proptest::prop_assert!(s.is_char_boundary(q.span.start as usize));
                proptest::prop_assert!(s.is_char_boundary(q.span.end as usize));
                proptest::prop_assert!(q.span.start < q.span.end);
            }
        }
    }
}
