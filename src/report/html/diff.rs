//! Word-level diffs for the reports: which words two passages share, and
//! which were inserted, deleted or replaced, as marked-up text.
//!
//! Words are whitespace-separated runs compared case-insensitively without
//! punctuation; the alignment is `similar`'s patience diff. The marked
//! text is the original text, byte for byte: marks only wrap it.

use super::layout::Verbatim;
use maud::{html, Markup};
use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};
use std::ops::Range;
use std::time::{Duration, Instant};

/// How long one diff may take before `similar` falls back to a coarser
/// (still correct) answer.
const DEADLINE: Duration = Duration::from_millis(250);

/// What a run of text is, relative to the other side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Between words of different kinds (whitespace).
    Plain,
    /// Words both sides share.
    Same,
    /// Words only on this (the newer) side.
    Ins,
    /// Words only on the other (the older) side, shown on the older side.
    Del,
    /// Words that replace words of the other side.
    Rep,
}

/// A run of text of one kind: a byte range of the text and its word count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Seg {
    /// Bytes of the text.
    pub range: Range<usize>,
    /// What the run is.
    pub kind: Kind,
    /// Words in the run (0 for `Plain`).
    pub words: usize,
}

/// Byte ranges of the whitespace-separated words of `text`.
pub(super) fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The comparison key of a word: lower case, letters and digits only (the
/// word itself when it has none).
fn key(word: &str) -> String {
    let k: String = word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    if k.is_empty() {
        word.to_owned()
    } else {
        k
    }
}

/// Diff `old` against `new`: the runs of each, covering each text from its
/// first byte to its last.
pub(super) fn diff(old: &str, new: &str) -> (Vec<Seg>, Vec<Seg>) {
    let (ow, nw) = (words(old), words(new));
    let ok: Vec<String> = ow.iter().map(|r| key(&old[r.clone()])).collect();
    let nk: Vec<String> = nw.iter().map(|r| key(&new[r.clone()])).collect();
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &ok, &nk, Some(Instant::now() + DEADLINE));
    let mut old_kinds = vec![Kind::Same; ow.len()];
    let mut new_kinds = vec![Kind::Same; nw.len()];
    for op in &ops {
        let (tag, o, n) = op.as_tag_tuple();
        let (ko, kn) = match tag {
            DiffTag::Equal => (Kind::Same, Kind::Same),
            DiffTag::Delete => (Kind::Del, Kind::Ins),
            DiffTag::Insert => (Kind::Del, Kind::Ins),
            DiffTag::Replace => (Kind::Rep, Kind::Rep),
        };
        old_kinds[o].iter_mut().for_each(|k| *k = ko);
        new_kinds[n].iter_mut().for_each(|k| *k = kn);
    }
    (segments(old, &ow, &old_kinds), segments(new, &nw, &new_kinds))
}

/// Group words of one kind into runs; whitespace between runs is `Plain`.
fn segments(text: &str, words: &[Range<usize>], kinds: &[Kind]) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut at = 0;
    for (w, &kind) in words.iter().zip(kinds) {
        match out.last_mut() {
            Some(last) if last.kind == kind && last.range.end == at => {
                last.range.end = w.end;
                last.words += 1;
            }
            _ => {
                if w.start > at {
                    out.push(Seg { range: at..w.start, kind: Kind::Plain, words: 0 });
                }
                out.push(Seg { range: w.start..w.end, kind, words: 1 });
            }
        }
        at = w.end;
    }
    if at < text.len() {
        out.push(Seg { range: at..text.len(), kind: Kind::Plain, words: 0 });
    }
    out
}

/// The runs of `text` up to its first `n` words (the last run cut after
/// the `n`-th word), and how many words were cut.
pub(super) fn first_words(text: &str, segs: &[Seg], n: usize) -> (Vec<Seg>, usize) {
    let total: usize = segs.iter().map(|s| s.words).sum();
    if total <= n {
        return (segs.to_vec(), 0);
    }
    let mut out = Vec::new();
    let mut left = n;
    for s in segs {
        if left == 0 {
            break;
        }
        if s.words <= left {
            left -= s.words;
            out.push(s.clone());
        } else {
            let piece = &text[s.range.clone()];
            let end = s.range.start + words(piece)[left - 1].end;
            out.push(Seg { range: s.range.start..end, kind: s.kind, words: left });
            left = 0;
        }
    }
    (out, total - n)
}

/// One run as markup.
fn run(kind: Kind, s: &str) -> Markup {
    html! {
        @match kind {
            Kind::Plain => (Verbatim(s)),
            Kind::Same => mark.same { (Verbatim(s)) },
            Kind::Ins => ins { (Verbatim(s)) },
            Kind::Del => del { (Verbatim(s)) },
            Kind::Rep => span.rep { (Verbatim(s)) },
        }
    }
}

/// The whole text with its runs marked.
pub(super) fn render(text: &str, segs: &[Seg]) -> Markup {
    html! { @for s in segs { (run(s.kind, &text[s.range.clone()])) } }
}

/// The text with its runs marked, but runs of more than `2 * keep + 1`
/// shared words cut to their first and last `keep` words around a note of
/// how many were left out.
pub(super) fn render_collapsed(text: &str, segs: &[Seg], keep: usize) -> Markup {
    html! {
        @for s in segs {
            @if s.kind == Kind::Same && s.words > 2 * keep + 1 {
                @let piece = &text[s.range.clone()];
                @let ws = words(piece);
                (run(Kind::Same, &piece[..ws[keep - 1].end]))
                " " span.gap { (format!("[… {} shared words …]", s.words - 2 * keep)) } " "
                (run(Kind::Same, &piece[ws[s.words - keep].start..]))
            } @else {
                (run(s.kind, &text[s.range.clone()]))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, segs: &[Seg]) -> Vec<(Kind, String)> {
        segs.iter().map(|s| (s.kind, text[s.range.clone()].to_owned())).collect()
    }

    #[test]
    fn marks_edits_on_both_sides() {
        let old = "The minister said the plan costs four billion roubles.";
        let new = "The regional minister said the plan costs five billion roubles";
        let (o, n) = diff(old, new);
        use Kind::*;
        assert_eq!(
            kinds(old, &o),
            vec![
                (Same, "The minister said the plan costs".into()),
                (Plain, " ".into()),
                (Rep, "four".into()),
                (Plain, " ".into()),
                (Same, "billion roubles.".into()),
            ]
        );
        assert_eq!(
            kinds(new, &n),
            vec![
                (Same, "The".into()),
                (Plain, " ".into()),
                (Ins, "regional".into()),
                (Plain, " ".into()),
                (Same, "minister said the plan costs".into()),
                (Plain, " ".into()),
                (Rep, "five".into()),
                (Plain, " ".into()),
                (Same, "billion roubles".into()),
            ]
        );
    }

    #[test]
    fn runs_cover_the_text() {
        let text = "  a b\n\nc  ";
        let (o, _) = diff(text, "a x c");
        let joined: String = o.iter().map(|s| &text[s.range.clone()]).collect();
        assert_eq!(joined, text);
        assert_eq!(o.iter().map(|s| s.words).sum::<usize>(), 3);
    }

    #[test]
    fn cuts_after_n_words() {
        let text = "a b c d e";
        let (segs, _) = diff("a b x d e", text);
        let (cut, left) = first_words(text, &segs, 3);
        assert_eq!(
            kinds(text, &cut),
            vec![(Kind::Same, "a b".into()), (Kind::Plain, " ".into()), (Kind::Rep, "c".into())]
        );
        assert_eq!(left, 2);
        let (all, left) = first_words(text, &segs, 9);
        assert_eq!((all, left), (segs, 0));
    }

    #[test]
    fn collapses_long_shared_runs() {
        let text = "one two three four five six seven";
        let (segs, _) = diff(text, text);
        let html = render_collapsed(text, &segs, 2).into_string();
        assert_eq!(
            html,
            "<mark class=\"same\">one two</mark> <span class=\"gap\">[… 3 shared words …]</span> \
             <mark class=\"same\">six seven</mark>"
        );
        assert_eq!(render(text, &segs).into_string(), format!("<mark class=\"same\">{text}</mark>"));
    }
}
