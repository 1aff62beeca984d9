//! Naive oracle for `dedup --measure jaccard`: exact Jaccard of every pair
//! of documents (quadratic; for corpora of a few thousand documents), then
//! how many pairs at or above the threshold `dedup` put in one cluster, and
//! how many cluster pairs fall below it.
//!
//! ```sh
//! cargo run --release --example allpairs -- docs.jsonl [threshold]
//! ```

use rayon::prelude::*;
use wiretrace::corpus::{Corpus, ReaderConfig};
use wiretrace::normalize::Tokenizer;
use wiretrace::pipeline::{dedup, DedupConfig};
use wiretrace::progress::NoProgress;
use wiretrace::shingle::shingle_hashes;
use wiretrace::verify::jaccard;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: allpairs FILE [THRESHOLD]")?;
    let threshold: f64 = args.get(2).map_or(Ok(0.8), |t| t.parse())?;
    let config = DedupConfig { threshold, ..DedupConfig::default() };
    let corpus = Corpus::open(&[path], ReaderConfig::default())?;
    let (docs, _) = corpus.read_all()?;
    let sets: Vec<Vec<u64>> = docs
        .par_iter()
        .map_init(Tokenizer::default, |tok, d| {
            let tokens = tok.tokens(&d.text);
            let mut seq = Vec::new();
            shingle_hashes(&tokens, config.shingle_size, config.seed, &mut seq);
            seq.sort_unstable();
            seq.dedup();
            seq
        })
        .collect();
    let n = sets.len();
    let above: Vec<(usize, usize, f64)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let sets = &sets;
            (i + 1..n).filter_map(move |j| {
                let s = jaccard(&sets[i], &sets[j]);
                (s >= threshold).then_some((i, j, s))
            })
        })
        .collect();
    let report = dedup(&corpus, &config, &NoProgress)?;
    let cluster_of = report.cluster_of();
    let found = above.iter().filter(|&&(i, j, _)| cluster_of[i].is_some() && cluster_of[i] == cluster_of[j]).count();
    let mut cluster_pairs = 0usize;
    let mut below = 0usize;
    for c in &report.clusters {
        for (x, a) in c.members.iter().enumerate() {
            for b in &c.members[x + 1..] {
                cluster_pairs += 1;
                if jaccard(&sets[a.doc.index()], &sets[b.doc.index()]) < threshold {
                    below += 1;
                }
            }
        }
    }
    println!(
        "documents {n}; pairs with exact Jaccard >= {threshold}: {}; found in one cluster: {found} ({:.4}); \
         verified pairs {} (all >= threshold by construction); cluster pairs {cluster_pairs}, of which below \
         the threshold (joined through a third document): {below}",
        above.len(),
        if above.is_empty() { 1.0 } else { found as f64 / above.len() as f64 },
        report.stats.verified_pairs,
    );
    Ok(())
}
