//! Scoring quote attribution against gold attributions.
//!
//! **Gold**: JSON Lines, one attribution a line (the dev set's
//! `attrib/quotes.jsonl`): `{"doc": ID, "quotes": [{"text": STR, "b": [B, B]}],
//! "speaker": STR|null, "speaker_kind": KIND, "outlet": STR|null,
//! "outlet_surface": STR|null, "origin": STR}`. `quotes` are the quoted
//! segments (byte ranges, marks excluded); `speaker_kind` is one of
//! `name`, `other`, `outlet_affiliated`, `outlet`, `generic_media`,
//! `pronoun`, `none`.
//!
//! **Predictions**: `quotes --json` lines: `doc`, `start`, `end` (bytes),
//! `speaker` and `outlet` (strings or null).
//!
//! **Metrics**: segments of fewer than `min_words` words (default 3) are
//! ignored; a segment several attributions share is scored once, and any
//! of their speakers or outlets is accepted.
//! * `recall`: a segment is matched when one reported quote of the same
//!   document overlaps ≥ 50 % of its bytes (the best-overlapping quote, the
//!   first on ties, stands for it);
//! * `speaker_acc`, over matched segments with a non-pronoun gold speaker:
//!   the reported speaker shares a word with a gold speaker (lower-cased,
//!   ignoring stop words such as the/a/of/Mr/Ms/said) and has at most
//!   max(15, gold words + 5) words; for `outlet` gold speakers the reported
//!   outlet also counts;
//! * `outlet_acc`, over matched segments whose gold names an outlet: the
//!   reported outlet names the same one (aliases such as AP = Associated
//!   Press and TASS = ТАСС; "The", "News", "Agency" ... ignored).

use super::words::words;
use super::{format_error, load_jsonl, offset, offset_pair, DocTexts};
use crate::error::Result;
use regex::Regex;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

const STOP: [&str; 31] = [
    "the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "for", "to", "in", "on", "at", "s",
    "his", "her", "their", "its", "said", "says", "who", "which", "that", "with", "by", "from", "",
];

const OUTLET_ALIASES: [(&str, &str); 14] = [
    ("ap", "associated press"),
    ("afp", "agence france presse"),
    ("upi", "united press international"),
    ("nyt", "new york times"),
    ("wsj", "wall street journal"),
    ("wapo", "washington post"),
    ("тасс", "tass"),
    ("itar tass", "tass"),
    ("ria", "ria novosti"),
    ("риа новости", "ria novosti"),
    ("интерфакс", "interfax"),
    ("huffpost", "huffington post"),
    ("bbc news", "bbc"),
    ("cnn news", "cnn"),
];

const OUTLET_DROP: [&str; 16] = [
    "the",
    "news",
    "agency",
    "service",
    "newspaper",
    "daily",
    "online",
    "com",
    "unqualified",
    "australia",
    "magazine",
    "wire",
    "network",
    "radio",
    "tv",
    "",
];

/// Lower-cased words without stop words.
fn toks(s: Option<&str>) -> Vec<String> {
    let lower = s.unwrap_or("").to_lowercase();
    words(&lower).filter(|t| !STOP.contains(t)).map(str::to_string).collect()
}

fn nwords(s: &str) -> usize {
    words(s).count()
}

fn parens() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\(.*?\)").expect("valid regex"))
}

/// The words that identify an outlet name.
pub fn outlet_key(s: &str) -> HashSet<String> {
    let s = s.to_lowercase().replace('-', " ").replace('.', "");
    let s = parens().replace_all(&s, " ");
    let s = words(&s).collect::<Vec<_>>().join(" ");
    let s = OUTLET_ALIASES.iter().find(|(k, _)| *k == s).map_or(s.as_str(), |(_, v)| v).to_string();
    let k: HashSet<String> = s.split_whitespace().filter(|t| !OUTLET_DROP.contains(t)).map(str::to_string).collect();
    if k.is_empty() {
        s.split_whitespace().map(str::to_string).collect()
    } else {
        k
    }
}

/// Whether a reported outlet names one of the gold outlets.
pub fn outlet_match(pred: &str, golds: &[&str]) -> bool {
    let p = outlet_key(pred);
    if p.is_empty() {
        return false;
    }
    golds.iter().any(|g| {
        let gk = outlet_key(g);
        !gk.is_empty() && (gk.is_subset(&p) || p.is_subset(&gk))
    })
}

/// Whether a reported speaker counts as one of the gold speakers: it
/// shares a word with one (lower-cased, stop words ignored) and has at
/// most max(15, gold words + 5) words.
pub fn speaker_match(pred: Option<&str>, golds: &[&str]) -> bool {
    let pt: HashSet<String> = toks(pred).into_iter().collect();
    let limit = golds.iter().map(|g| nwords(g) + 5).max().unwrap_or(0).max(15);
    !pt.is_empty()
        && nwords(pred.unwrap_or("")) <= limit
        && golds.iter().any(|g| toks(Some(g)).iter().any(|t| pt.contains(t)))
}

/// A gold attribution's speaker: (kind, text, outlet).
type Speaker = (String, String, Option<String>);

/// One gold segment with everything the attributions sharing it say.
#[derive(Clone, Debug, Default)]
pub struct Segment {
    speakers: Vec<Speaker>,
    pronouns: Vec<String>,
    outlets: Vec<String>,
}

/// Gold segments keyed by `(doc, start, end)`.
pub type QuoteGold = BTreeMap<(String, usize, usize), Segment>;

fn opt_str(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_string)
}

/// Read gold attributions (see the module docs), keeping segments of at
/// least `min_words` words.
pub fn load_gold(path: &Path, min_words: usize) -> Result<QuoteGold> {
    let mut segs = QuoteGold::new();
    for (line, g) in load_jsonl(path)? {
        let err = |m: &str| format_error(path, Some(line), m.to_string());
        let doc = g.get("doc").and_then(Value::as_str).ok_or_else(|| err("no string field \"doc\""))?;
        let quotes = g.get("quotes").and_then(Value::as_array).ok_or_else(|| err("no \"quotes\" array"))?;
        for q in quotes {
            let text = q.get("text").and_then(Value::as_str).ok_or_else(|| err("a quote has no \"text\""))?;
            let (s, e) = offset_pair(q.get("b")).ok_or_else(|| err("a quote has no byte range \"b\""))?;
            if nwords(text) < min_words {
                continue;
            }
            let m = segs.entry((doc.to_string(), s, e)).or_default();
            let kind = opt_str(g.get("speaker_kind")).filter(|k| !k.is_empty()).unwrap_or_else(|| "none".into());
            let speaker = opt_str(g.get("speaker"));
            if kind == "pronoun" {
                m.pronouns.push(speaker.clone().unwrap_or_default());
            } else if kind != "none" && !toks(speaker.as_deref()).is_empty() {
                m.speakers.push((kind.clone(), speaker.clone().unwrap_or_default(), opt_str(g.get("outlet"))));
            }
            if let Some(o) = opt_str(g.get("outlet")).filter(|o| !o.is_empty()) {
                m.outlets.push(o);
                if let Some(surface) = opt_str(g.get("outlet_surface")).filter(|o| !o.is_empty()) {
                    m.outlets.push(surface);
                }
            }
        }
    }
    Ok(segs)
}

/// A reported quote.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Reported speaker.
    pub speaker: Option<String>,
    /// Reported outlet.
    pub outlet: Option<String>,
}

/// Read `quotes --json` output, by document in output order; with `docs`,
/// spans are checked against the texts.
pub fn load_predictions(path: &Path, docs: Option<&DocTexts>) -> Result<HashMap<String, Vec<Quote>>> {
    let mut out: HashMap<String, Vec<Quote>> = HashMap::new();
    for (line, r) in load_jsonl(path)? {
        let (Some(doc), Some(start), Some(end)) =
            (r.get("doc").and_then(Value::as_str), offset(r.get("start")), offset(r.get("end")))
        else {
            return Err(format_error(path, Some(line), "needs doc, start and end"));
        };
        if let Some(docs) = docs {
            let Some(text) = docs.bytes(doc) else {
                return Err(format_error(path, Some(line), format!("unknown document id {doc:?}")));
            };
            if start > end || end > text.len() {
                return Err(format_error(
                    path,
                    Some(line),
                    format!("span [{start},{end}) outside document {doc:?} of {} bytes", text.len()),
                ));
            }
        }
        out.entry(doc.to_string()).or_default().push(Quote {
            start,
            end,
            speaker: opt_str(r.get("speaker")),
            outlet: opt_str(r.get("outlet")),
        });
    }
    Ok(out)
}

/// Quote scores (the reference scorer's RESULT fields and counts).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteScores {
    /// Matched / gold segments.
    pub recall: f64,
    /// Correct / judged speakers.
    pub speaker_acc: f64,
    /// Correct / judged outlets.
    pub outlet_acc: f64,
    /// Gold segments.
    pub segments: u64,
    /// Segments matched by a reported quote.
    pub matched: u64,
    /// Speakers judged.
    pub speakers_judged: u64,
    /// Speakers correct.
    pub speakers_correct: u64,
    /// Outlets judged.
    pub outlets_judged: u64,
    /// Outlets correct.
    pub outlets_correct: u64,
    /// Pronoun-speaker segments judged (information only).
    pub pronouns_judged: u64,
    /// Pronoun-speaker segments whose reported speaker shares the pronoun.
    pub pronouns_correct: u64,
}

fn overlap(s1: usize, e1: usize, s2: usize, e2: usize) -> usize {
    e1.min(e2).saturating_sub(s1.max(s2))
}

/// Score reported quotes against gold segments (see the module docs).
pub fn score(gold: &QuoteGold, pred: &HashMap<String, Vec<Quote>>) -> QuoteScores {
    let mut sc = QuoteScores {
        recall: 0.0,
        speaker_acc: 0.0,
        outlet_acc: 0.0,
        segments: 0,
        matched: 0,
        speakers_judged: 0,
        speakers_correct: 0,
        outlets_judged: 0,
        outlets_correct: 0,
        pronouns_judged: 0,
        pronouns_correct: 0,
    };
    for ((doc, s, e), m) in gold {
        sc.segments += 1;
        let mut best: Option<&Quote> = None;
        let mut bo = 0;
        for r in pred.get(doc).map_or(&[][..], |v| v) {
            let o = overlap(*s, *e, r.start, r.end);
            if o > bo {
                best = Some(r);
                bo = o;
            }
        }
        let Some(best) = best.filter(|_| 2 * bo >= e - s) else { continue };
        sc.matched += 1;
        let ps = best.speaker.as_deref();
        let po = best.outlet.as_deref();
        if !m.speakers.is_empty() {
            let golds: Vec<&str> = m.speakers.iter().map(|(_, sp, _)| sp.as_str()).collect();
            let mut ok = speaker_match(ps, &golds);
            if !ok {
                if let Some(po) = po.filter(|p| !p.is_empty()) {
                    let pot: HashSet<String> = toks(Some(po)).into_iter().collect();
                    ok = m.speakers.iter().any(|(k, sp, o)| {
                        k == "outlet"
                            && (toks(Some(sp)).iter().any(|t| pot.contains(t))
                                || outlet_match(po, &[o.as_deref().unwrap_or(""), sp]))
                    });
                }
            }
            sc.speakers_judged += 1;
            sc.speakers_correct += u64::from(ok);
        } else if !m.pronouns.is_empty() {
            sc.pronouns_judged += 1;
            let lower = ps.unwrap_or("").to_lowercase();
            let pw: HashSet<&str> = words(&lower).collect();
            let ok = m.pronouns.iter().any(|p| {
                let pl = p.to_lowercase();
                let shared = words(&pl).any(|w| pw.contains(w));
                shared
            });
            sc.pronouns_correct += u64::from(ok);
        }
        if !m.outlets.is_empty() {
            sc.outlets_judged += 1;
            let golds: Vec<&str> = m.outlets.iter().map(String::as_str).collect();
            sc.outlets_correct += u64::from(po.is_some_and(|po| !po.is_empty() && outlet_match(po, &golds)));
        }
    }
    sc.recall = super::ratio(sc.matched, sc.segments);
    sc.speaker_acc = super::ratio(sc.speakers_correct, sc.speakers_judged);
    sc.outlet_acc = super::ratio(sc.outlets_correct, sc.outlets_judged);
    sc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, lines: &[serde_json::Value]) -> std::path::PathBuf {
        let p = dir.join(name);
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn outlet_keys() {
        let key = |s: &str| {
            let mut v: Vec<String> = outlet_key(s).into_iter().collect();
            v.sort();
            v
        };
        assert_eq!(key("The Washington Post"), ["post", "washington"]);
        assert_eq!(key("AP"), ["associated", "press"]);
        assert_eq!(key("ТАСС"), ["tass"]);
        assert_eq!(key("The Post (unqualified)"), ["post"]);
        assert_eq!(key("The News"), ["news", "the"]);
        assert!(outlet_match("Associated Press", &["AP"]));
        assert!(outlet_match("the Post", &["The Washington Post"]));
        assert!(!outlet_match("Reuters", &["The Washington Post"]));
        assert!(!outlet_match("", &["Reuters"]));
    }

    #[test]
    fn hand_computed_scores() {
        let dir = tempfile::tempdir().unwrap();
        let gold = write(
            dir.path(),
            "gold.jsonl",
            &[
                serde_json::json!({"doc": "a", "quotes": [{"text": "we will win this fight", "b": [10, 32]}],
                    "speaker": "Senator Jane Doe", "speaker_kind": "name", "outlet": null}),
                serde_json::json!({"doc": "a", "quotes": [{"text": "ok then", "b": [40, 47]}],
                    "speaker": "Jane Doe", "speaker_kind": "name"}),
                serde_json::json!({"doc": "a", "quotes": [{"text": "the economy is strong now", "b": [50, 75]}],
                    "speaker": "he", "speaker_kind": "pronoun"}),
                serde_json::json!({"doc": "b", "quotes": [{"text": "prices will rise next year", "b": [0, 26]}],
                    "speaker": "The Associated Press", "speaker_kind": "outlet", "outlet": "Associated Press"}),
            ],
        );
        let pred = write(
            dir.path(),
            "pred.jsonl",
            &[
                serde_json::json!({"doc": "a", "start": 12, "end": 32, "speaker": "Doe", "outlet": null}),
                serde_json::json!({"doc": "a", "start": 50, "end": 60, "speaker": "he", "outlet": null}),
                serde_json::json!({"doc": "a", "start": 55, "end": 75, "speaker": "She", "outlet": null}),
                serde_json::json!({"doc": "b", "start": 0, "end": 26, "speaker": null, "outlet": "AP"}),
            ],
        );
        let g = load_gold(&gold, 3).unwrap();
        assert_eq!(g.len(), 3); // "ok then" has two words
        let s = score(&g, &load_predictions(&pred, None).unwrap());
        assert_eq!((s.segments, s.matched, s.recall), (3, 3, 1.0));
        // "Doe" shares a word with the name; the outlet "AP" stands for an outlet speaker
        assert_eq!((s.speakers_judged, s.speakers_correct, s.speaker_acc), (2, 2, 1.0));
        // the best-overlapping quote (55-75) says "She", not "he"
        assert_eq!((s.pronouns_judged, s.pronouns_correct), (1, 0));
        assert_eq!((s.outlets_judged, s.outlets_correct, s.outlet_acc), (1, 1, 1.0));
        // half a segment is not enough: 10 of 22 bytes
        let short = write(dir.path(), "short.jsonl", &[serde_json::json!({"doc": "a", "start": 22, "end": 32})]);
        let s = score(&g, &load_predictions(&short, None).unwrap());
        assert_eq!((s.matched, s.speakers_judged), (0, 0));
    }

    #[test]
    fn long_or_stop_word_speakers_are_wrong() {
        let mut g = QuoteGold::new();
        g.insert(
            ("a".into(), 0, 10),
            Segment { speakers: vec![("name".into(), "Jane Doe".into(), None)], ..Segment::default() },
        );
        let pred = |speaker: &str| {
            HashMap::from([(
                "a".to_string(),
                vec![Quote { start: 0, end: 10, speaker: Some(speaker.into()), outlet: None }],
            )])
        };
        assert_eq!(score(&g, &pred("Ms. Doe")).speakers_correct, 1);
        assert_eq!(score(&g, &pred("the said Mr")).speakers_correct, 0);
        let long = format!("Doe {}", "and more words ".repeat(5)); // 16 words > max(15, 2 + 5)
        assert_eq!(score(&g, &pred(&long)).speakers_correct, 0);
    }
}
