//! The sharded stages give exactly the in-memory `dedup` answer: for random
//! corpora, files and shard counts through the library, and byte for byte
//! through the binary; they refuse files made with other parameters, and a
//! killed stage leaves nothing behind and runs again to the same result.

use crate::properties::{documents, write_jsonl};
use crate::util::{run, wiretrace};
use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use wiretrace::cluster::{Keep, Linkage};
use wiretrace::corpus::{Corpus, ReaderConfig};
use wiretrace::pipeline::{dedup, DedupConfig, DedupReport, Method};
use wiretrace::progress::NoProgress;
use wiretrace::shard;
use wiretrace::verify::Measure;

/// Run every stage over `inputs` cut into `shards` shards.
fn staged(
    inputs: &[PathBuf],
    reader: ReaderConfig,
    shards: usize,
    config: &DedupConfig,
) -> wiretrace::Result<DedupReport> {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let manifest = shard::plan(inputs, reader, shards, dir)?;
    assert_eq!(manifest.shards.len(), shards);
    for k in 0..shards {
        shard::sign(dir, k, config, &NoProgress)?;
    }
    shard::candidates(dir, config, &NoProgress)?;
    shard::verify(dir, config, &NoProgress)?;
    shard::components(dir, config)?;
    shard::finalize(dir, config, &NoProgress)
}

fn assert_same(staged: &DedupReport, single: &DedupReport) {
    assert_eq!(staged.ids, single.ids);
    assert_eq!(staged.places, single.places);
    assert_eq!(staged.clusters, single.clusters);
    assert_eq!(staged.stats, single.stats);
    assert_eq!(staged.rejected, single.rejected);
}

/// Documents with near-duplicates, exact copies and an empty one, split
/// over `files` files (the last gzip-compressed when `gzip`, so it is read
/// whole while the others are cut at lines).
fn corpus_files(dir: &Path, edits: &[(usize, usize, usize)], files: usize, gzip: bool) -> Vec<PathBuf> {
    let mut docs = documents(edits);
    let copies: Vec<(String, String)> =
        docs.iter().step_by(3).map(|(id, text)| (format!("{id}-copy"), text.clone())).collect();
    docs.extend(copies);
    docs.push(("empty".into(), "  ".into()));
    let per = docs.len().div_ceil(files);
    let mut paths = Vec::new();
    for (i, chunk) in docs.chunks(per).enumerate() {
        let last = i == docs.len().div_ceil(per) - 1;
        let path = if gzip && last && i > 0 {
            let path = dir.join(format!("part{i}.jsonl.gz"));
            let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), Default::default());
            for (id, text) in chunk {
                writeln!(gz, "{}", serde_json::json!({"id": id, "text": text})).unwrap();
            }
            gz.finish().unwrap();
            path
        } else {
            let path = dir.join(format!("part{i}.jsonl"));
            write_jsonl(&path, chunk);
            path
        };
        paths.push(path);
    }
    paths
}

fn config_of(pick: usize) -> DedupConfig {
    let method = if pick % 5 == 4 { Method::Simhash } else { Method::Minhash };
    let measure = if pick.is_multiple_of(2) { Measure::Jaccard } else { Measure::Containment };
    let keep = [Keep::First, Keep::Longest, Keep::Earliest][pick % 3];
    let linkage = if pick % 4 < 2 { Linkage::Components } else { Linkage::Centers };
    DedupConfig { method, measure, keep, linkage, threshold: 0.7, ..DedupConfig::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any corpus, any cut into files and shards, any method, measure, keep
    /// policy and linkage: the stages' report is the in-memory report.
    #[test]
    fn sharded_stages_give_the_in_memory_answer(
        edits in proptest::collection::vec((0usize..4, 0usize..80, 0usize..50), 2..40),
        files in 1usize..4,
        gzip: bool,
        shards in 1usize..8,
        pick in 0usize..60,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let inputs = corpus_files(dir.path(), &edits, files, gzip);
        let config = config_of(pick);
        let single = dedup(&Corpus::open(&inputs, ReaderConfig::default()).unwrap(), &config, &NoProgress).unwrap();
        let sharded = staged(&inputs, ReaderConfig::default(), shards, &config).unwrap();
        assert_same(&sharded, &single);
        // out of core, in one process: many shards, verification and
        // clustering in chunks of a few documents
        let limit = DedupConfig { memory_limit: Some(2048 + pick as u64 * 512), ..config };
        let out_of_core = dedup(&Corpus::open(&inputs, ReaderConfig::default()).unwrap(), &limit, &NoProgress).unwrap();
        assert_same(&out_of_core, &single);
    }
}

/// `dedup --memory-limit` writes what `dedup` writes, and leaves nothing
/// in its temporary directory.
#[test]
fn memory_limit_gives_the_same_output_and_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let edits: Vec<(usize, usize, usize)> = (0..80).map(|i| (i % 4, (i * 11) % 80, i % 7)).collect();
    let inputs = corpus_files(dir.path(), &edits, 2, false);
    let temp = dir.path().join("temp");
    std::fs::create_dir(&temp).unwrap();
    let d = |name: &str| dir.path().join(name).display().to_string();
    let outputs = |tag: &str, limit: &[&str]| {
        let (u, a) = (d(&format!("u{tag}.jsonl")), d(&format!("a{tag}.jsonl")));
        let mut args = vec!["dedup", "--json", "-q", "--unique-out", &u, "--annotate-out", &a];
        let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        args.extend(inputs.iter().map(String::as_str));
        args.extend(limit);
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        (r.stdout, std::fs::read(&u).unwrap(), std::fs::read(&a).unwrap())
    };
    let temp_arg = temp.display().to_string();
    let limited = outputs("1", &["--memory-limit", "8K", "--temp-dir", &temp_arg]);
    let unlimited = outputs("2", &[]);
    assert_eq!(limited, unlimited);
    assert_eq!(limited.0.lines().count(), 4);
    assert_eq!(std::fs::read_dir(&temp).unwrap().count(), 0, "temporary stage files were left behind");
    let r = run(&["dedup", "--memory-limit", "lots", "x.jsonl"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("\"lots\" is not a size"), "{}", r.stderr);
}

/// An id repeated in a later shard is the same error as in one pass, and
/// with --skip-invalid the same rejected record.
#[test]
fn ids_repeated_across_shards_are_rejected_as_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let edits: Vec<(usize, usize, usize)> = (0..30).map(|i| (i % 4, i * 7, i)).collect();
    let mut docs = documents(&edits);
    docs[25].0 = docs[2].0.clone();
    let path = dir.path().join("d.jsonl");
    write_jsonl(&path, &docs);
    let inputs = vec![path];
    let config = DedupConfig::default();
    let strict = ReaderConfig::default();
    let one = dedup(&Corpus::open(&inputs, strict.clone()).unwrap(), &config, &NoProgress).unwrap_err();
    let sharded = staged(&inputs, strict, 3, &config).unwrap_err();
    assert_eq!(sharded.to_string(), one.to_string());
    assert!(one.to_string().contains(":26: duplicate id \"d2\""), "{one}");
    let skip = ReaderConfig { skip_invalid: true, ..ReaderConfig::default() };
    let single = dedup(&Corpus::open(&inputs, skip.clone()).unwrap(), &config, &NoProgress).unwrap();
    let sharded = staged(&inputs, skip, 3, &config).unwrap();
    assert_eq!(single.stats.rejected, 1);
    assert_same(&sharded, &single);
}

/// Stage files made with another seed or shingle size are refused, naming
/// the parameter; so are files of another plan.
#[test]
fn stage_files_made_with_other_parameters_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = corpus_files(dir.path(), &[(0, 1, 1), (0, 2, 2), (1, 3, 3)], 1, false);
    let stages = dir.path().join("stages");
    let config = DedupConfig::default();
    shard::plan(&inputs, ReaderConfig::default(), 2, &stages).unwrap();
    shard::sign(&stages, 0, &config, &NoProgress).unwrap();
    shard::sign(&stages, 1, &DedupConfig { seed: 7, ..config.clone() }, &NoProgress).unwrap();
    let err = shard::candidates(&stages, &config, &NoProgress).unwrap_err().to_string();
    assert!(err.contains("sign-00001.parquet: was made with --seed 7 but this run has"), "{err}");
    shard::sign(&stages, 1, &config, &NoProgress).unwrap();
    let other = DedupConfig { shingle_size: 4, ..config.clone() };
    let err = shard::candidates(&stages, &other, &NoProgress).unwrap_err().to_string();
    assert!(err.contains("sign-00000.parquet: was made with --shingle-size 5 but this run has 4"), "{err}");
    shard::candidates(&stages, &config, &NoProgress).unwrap();
    let err =
        shard::verify(&stages, &DedupConfig { threshold: 0.5, ..config.clone() }, &NoProgress).unwrap_err().to_string();
    assert!(err.contains("candidates.parquet: was made with --threshold 0.8 but this run has 0.5"), "{err}");
    // a new plan (another shard count) makes the old files another plan's
    shard::plan(&inputs, ReaderConfig::default(), 3, &stages).unwrap();
    let err = shard::candidates(&stages, &config, &NoProgress).unwrap_err().to_string();
    assert!(err.contains("belongs to another plan"), "{err}");
    // and a missing file says which stage makes it
    let err =
        shard::verify(&tempfile::tempdir().unwrap().path().join("none"), &config, &NoProgress).unwrap_err().to_string();
    assert!(err.contains("manifest.json: missing: run `wiretrace shard plan` first"), "{err}");
}

/// The binary: the stage commands print the same clusters and write the
/// same `--unique-out` and `--annotate-out` bytes as `dedup`.
#[test]
fn shard_commands_write_what_dedup_writes() {
    let dir = tempfile::tempdir().unwrap();
    let edits: Vec<(usize, usize, usize)> = (0..60).map(|i| (i % 4, (i * 13) % 80, i % 9)).collect();
    let inputs = corpus_files(dir.path(), &edits, 2, true);
    let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let d = |name: &str| dir.path().join(name).display().to_string();
    let stages = d("stages");
    let mut args = vec!["dedup", "--json", "-q", "--measure", "containment"];
    args.extend(inputs.iter().map(String::as_str));
    let (unique, annotated) = (d("unique.jsonl"), d("annotated.jsonl"));
    args.extend(["--unique-out", &unique, "--annotate-out", &annotated]);
    let single = run(&args);
    assert_eq!(single.code, 0, "{}", single.stderr);
    assert_eq!(single.stdout.lines().count(), 4, "{}", single.stdout);

    let mut plan = vec!["shard", "plan", "--shards", "3", "--dir", &stages, "-q"];
    plan.extend(inputs.iter().map(String::as_str));
    assert_eq!(run(&plan).code, 0);
    for k in ["0", "1", "2"] {
        let r = run(&["shard", "sign", "--dir", &stages, "--shard", k, "--measure", "containment", "-q"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    for stage in ["candidates", "verify", "components"] {
        let r = run(&["shard", stage, "--dir", &stages, "--measure", "containment"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stderr.starts_with(&format!("wiretrace: shard {stage}: ")), "{}", r.stderr);
    }
    let (unique2, annotated2) = (d("unique2.jsonl"), d("annotated2.jsonl"));
    let fin = run(&[
        "shard",
        "finalize",
        "--dir",
        &stages,
        "--measure",
        "containment",
        "--json",
        "-q",
        "--unique-out",
        &unique2,
        "--annotate-out",
        &annotated2,
    ]);
    assert_eq!(fin.code, 0, "{}", fin.stderr);
    assert_eq!(fin.stdout, single.stdout);
    assert_eq!(std::fs::read(&unique2).unwrap(), std::fs::read(&unique).unwrap());
    assert_eq!(std::fs::read(&annotated2).unwrap(), std::fs::read(&annotated).unwrap());
    // a stage run with another measure is refused with exit code 2
    let r = run(&["shard", "finalize", "--dir", &stages, "--json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("was made with --measure \"containment\" but this run has \"jaccard\""), "{}", r.stderr);
}

/// A sign stage killed mid-run leaves no sign file (only a temporary at
/// most); run again, the stages give the in-memory answer.
#[test]
#[cfg(unix)]
fn a_killed_stage_runs_again_to_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let edits: Vec<(usize, usize, usize)> = (0..8_000).map(|i| (i % 4, (i * 31) % 80, i % 97)).collect();
    let inputs = corpus_files(dir.path(), &edits, 1, false);
    let stages = dir.path().join("stages");
    shard::plan(&inputs, ReaderConfig::default(), 1, &stages).unwrap();
    let sign = || {
        std::process::Command::new(wiretrace().get_program())
            .args(["shard", "sign", "--dir", stages.to_str().unwrap(), "--shard", "0", "-q", "--threads", "1"])
            .spawn()
            .unwrap()
    };
    // how long a whole run takes here, so the kill lands inside the next
    // run on a fast machine as on a slow one
    let started = std::time::Instant::now();
    assert!(sign().wait().unwrap().success());
    let whole = started.elapsed();
    std::fs::remove_file(shard::sign_file(&stages, 0)).unwrap();
    let mut killed = false;
    for part in [3, 6, 12, 24] {
        let mut child = sign();
        std::thread::sleep(whole / part);
        if child.try_wait().unwrap().is_some() {
            // it finished first: throw the output away, kill sooner
            std::fs::remove_file(shard::sign_file(&stages, 0)).unwrap();
            continue;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        killed = true;
        break;
    }
    assert!(killed, "the stage always ended before it could be killed");
    assert!(!shard::sign_file(&stages, 0).exists(), "a killed stage left its output");
    let config = DedupConfig::default();
    shard::sign(&stages, 0, &config, &NoProgress).unwrap();
    shard::candidates(&stages, &config, &NoProgress).unwrap();
    shard::verify(&stages, &config, &NoProgress).unwrap();
    shard::components(&stages, &config).unwrap();
    let sharded = shard::finalize(&stages, &config, &NoProgress).unwrap();
    let single = dedup(&Corpus::open(&inputs, ReaderConfig::default()).unwrap(), &config, &NoProgress).unwrap();
    assert_same(&sharded, &single);
}

/// Shards are consecutive pieces of the input cut at line starts, and
/// together read every record once, in order.
#[test]
fn a_plan_cuts_line_files_at_lines_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let edits: Vec<(usize, usize, usize)> = (0..50).map(|i| (i % 4, i, i)).collect();
    let inputs = corpus_files(dir.path(), &edits, 3, true);
    let stages = dir.path().join("stages");
    let manifest = shard::plan(&inputs, ReaderConfig::default(), 7, &stages).unwrap();
    let (whole, _) = Corpus::open(&inputs, ReaderConfig::default()).unwrap().read_all().unwrap();
    let mut read = Vec::new();
    for k in 0..7 {
        let (docs, _) = manifest.shard(k).unwrap().read_all().unwrap();
        read.extend(docs);
    }
    assert_eq!(read, whole);
    // the compressed file is one part, read whole
    let last = (inputs.len() - 1) as u32;
    let parts: Vec<_> = manifest.shards.iter().flatten().filter(|p| p.file == last).collect();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].range, None);
}
