//! A reproducible generator of news-like corpora with planted
//! near-duplicates, trimmed copies, exact copies and pasted passages, and a
//! truth file, for benchmarks and method comparisons.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 10000 --seed 1 --out corpus.jsonl --truth truth.json
//! ```
//!
//! Documents are JSON Lines `{id, text, date, source, title}` of about 900
//! words (5 kB) in paragraphs of sentences drawn from a Zipf-distributed
//! vocabulary of pronounceable pseudo-words, so token statistics resemble
//! news text while no real text is used. Of every hundred documents, about
//! 70 are originals and the rest derived from an earlier original: 2 exact
//! copies, 10 lightly edited copies (a word substituted every 12 to 25
//! words, a sentence dropped), 6 trimmed copies (45-80 % of the paragraphs,
//! lightly edited), 6 originals with a pasted paragraph from another
//! original (partial reuse, not duplicates), 6 re-headlined copies.
//!
//! The truth file has the format `wiretrace eval` and the scorers read:
//! `{"clusters": [{"id", "members": [...]}], "pairs": [{"a", "b", "label"}]}`
//! where `label` is `exact_duplicate`, `near_duplicate` or `partial_reuse`.

use std::io::{BufWriter, Write};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

struct Vocab {
    words: Vec<String>,
    /// cumulative Zipf weights
    cdf: Vec<f64>,
}

impl Vocab {
    fn new(rng: &mut Rng, size: usize) -> Vocab {
        const ONSETS: &[&str] = &[
            "b", "br", "c", "ch", "d", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "sh", "st", "t",
            "tr", "v", "w", "z",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
        const CODAS: &[&str] = &["", "", "n", "r", "s", "t", "l", "nd", "st", "m"];
        let mut seen = std::collections::HashSet::new();
        let mut words = Vec::with_capacity(size);
        while words.len() < size {
            let syllables = 1 + rng.below(2) + usize::from(words.len() > 12_000);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
                w.push_str(VOWELS[rng.below(VOWELS.len())]);
                w.push_str(CODAS[rng.below(CODAS.len())]);
            }
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        // frequent words are short, as in real text
        words.sort_by_key(String::len);
        let mut cdf = Vec::with_capacity(size);
        let mut total = 0.0;
        for rank in 1..=size {
            total += 1.0 / (rank as f64).powf(1.05);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        Vocab { words, cdf }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let i = self.cdf.partition_point(|&c| c < u).min(self.words.len() - 1);
        &self.words[i]
    }
}

fn sentence(rng: &mut Rng, vocab: &Vocab) -> String {
    let n = rng.range(8, 30);
    let mut s = String::new();
    for i in 0..n {
        let w = vocab.word(rng);
        if i == 0 {
            let mut c = w.chars();
            let first = c.next().expect("non-empty word");
            s.extend(first.to_uppercase());
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            if rng.chance(0.02) {
                s.push_str(&rng.range(2, 2024).to_string());
                continue;
            }
            s.push_str(w);
            if i + 1 < n && rng.chance(0.06) {
                s.push(',');
            }
        }
    }
    if rng.chance(0.08) {
        format!("\u{201C}{s},\u{201D} {} said.", vocab.word(rng))
    } else {
        s.push('.');
        s
    }
}

fn article(rng: &mut Rng, vocab: &Vocab) -> Vec<Vec<String>> {
    let paragraphs = rng.range(10, 20);
    (0..paragraphs).map(|_| (0..rng.range(2, 5)).map(|_| sentence(rng, vocab)).collect()).collect()
}

fn render(paragraphs: &[Vec<String>]) -> String {
    paragraphs.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n")
}

/// Substitute a word every 12-25 words and drop one sentence.
fn light_edit(rng: &mut Rng, vocab: &Vocab, paragraphs: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = paragraphs.to_vec();
    let total: usize = out.iter().map(Vec::len).sum();
    if total > 3 {
        let mut drop = rng.below(total);
        'outer: for p in &mut out {
            if drop < p.len() {
                if p.len() > 1 {
                    p.remove(drop);
                }
                break 'outer;
            }
            drop -= p.len();
        }
    }
    let mut countdown = rng.range(12, 25);
    for p in &mut out {
        for s in p.iter_mut() {
            let words: Vec<&str> = s.split(' ').collect();
            let mut rebuilt = Vec::with_capacity(words.len());
            for w in words {
                countdown -= 1;
                if countdown == 0 {
                    countdown = rng.range(12, 25);
                    let punct: String = w.chars().filter(|c| !c.is_alphanumeric()).collect();
                    rebuilt.push(format!("{}{}", vocab.word(rng), punct));
                } else {
                    rebuilt.push(w.to_owned());
                }
            }
            *s = rebuilt.join(" ");
        }
    }
    out
}

struct Args {
    docs: usize,
    seed: u64,
    out: String,
    truth: Option<String>,
}

fn parse_args() -> Args {
    let mut a = Args { docs: 10_000, seed: 1, out: "corpus.jsonl".into(), truth: None };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < argv.len() {
        let v = argv.get(i + 1).cloned().unwrap_or_default();
        match argv[i].as_str() {
            "--docs" => a.docs = v.parse().expect("--docs N"),
            "--seed" => a.seed = v.parse().expect("--seed N"),
            "--out" => a.out = v,
            "--truth" => a.truth = Some(v),
            other => panic!("unknown argument {other}; usage: --docs N --seed N --out FILE [--truth FILE]"),
        }
        i += 2;
    }
    a
}

fn main() -> std::io::Result<()> {
    let args = parse_args();
    let mut rng = Rng(args.seed);
    let vocab = Vocab::new(&mut rng, 30_000);
    let sources = ["Coast Wire", "Daily Harbour", "North Post", "Valley Times", "Metro Ledger", "Island Courier"];
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&args.out)?);
    // originals kept for deriving copies: a bounded pool so memory stays flat
    let mut pool: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    // the original each document duplicates (itself when it is none)
    let mut parent: Vec<usize> = Vec::with_capacity(args.docs);
    let mut pairs: Vec<(String, String, &str)> = Vec::new();
    let mut index_of = std::collections::HashMap::new();
    for i in 0..args.docs {
        let id = format!("g{i:07}");
        let roll = rng.below(100);
        let date = format!("2024-{:02}-{:02}", 1 + i * 12 / args.docs.max(1), 1 + rng.below(28));
        let source = sources[rng.below(sources.len())];
        let (title, paragraphs, derived) = if pool.len() < 20 || roll < 70 {
            let p = article(&mut rng, &vocab);
            (sentence(&mut rng, &vocab), p, None)
        } else {
            let (base_id, base) = pool[rng.below(pool.len())].clone();
            match roll {
                70..=71 => (String::new(), base, Some((base_id, "exact_duplicate"))),
                72..=81 => (String::new(), light_edit(&mut rng, &vocab, &base), Some((base_id, "near_duplicate"))),
                82..=87 => {
                    let keep = (base.len() * rng.range(45, 80) / 100).max(1);
                    (String::new(), light_edit(&mut rng, &vocab, &base[..keep]), Some((base_id, "near_duplicate")))
                }
                88..=93 => {
                    let mut host = article(&mut rng, &vocab);
                    let para = base[rng.below(base.len())].clone();
                    let at = rng.below(host.len() + 1);
                    host.insert(at, para);
                    (sentence(&mut rng, &vocab), host, Some((base_id, "partial_reuse")))
                }
                _ => {
                    let mut p = base.clone();
                    p.insert(0, vec![format!("UPDATE 1-{}", sentence(&mut rng, &vocab))]);
                    (String::new(), p, Some((base_id, "near_duplicate")))
                }
            }
        };
        let text = render(&paragraphs);
        let is_original = derived.is_none();
        parent.push(i);
        if let Some((base_id, label)) = derived {
            let b = index_of[&base_id];
            if label != "partial_reuse" {
                parent[i] = b;
            }
            pairs.push((base_id, id.clone(), label));
        }
        let title = if title.is_empty() { None } else { Some(title) };
        let rec = serde_json::json!({"id": id, "text": text, "date": date, "source": source, "title": title});
        serde_json::to_writer(&mut out, &rec)?;
        out.write_all(b"\n")?;
        index_of.insert(id.clone(), i);
        if is_original {
            if pool.len() < 2000 {
                pool.push((id, paragraphs));
            } else {
                let slot = rng.below(pool.len());
                pool[slot] = (id, paragraphs);
            }
        }
    }
    out.flush()?;
    if let Some(path) = args.truth {
        // clusters: documents derived (as duplicates) from one original
        let mut groups: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
        for (i, &p) in parent.iter().enumerate() {
            if p != i {
                groups.entry(p).or_insert_with(|| vec![format!("g{p:07}")]).push(format!("g{i:07}"));
            }
        }
        let clusters: Vec<serde_json::Value> = groups
            .values()
            .enumerate()
            .map(|(n, m)| serde_json::json!({"id": format!("c{n}"), "members": m}))
            .collect();
        let pairs: Vec<serde_json::Value> = pairs
            .iter()
            .map(|(a, b, l)| serde_json::json!({"a": a, "b": b, "label": l, "origin": "generated"}))
            .collect();
        let truth = serde_json::json!({"clusters": clusters, "pairs": pairs});
        std::fs::write(path, serde_json::to_vec(&truth)?)?;
    }
    Ok(())
}
