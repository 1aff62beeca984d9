//! The kernels against the library stages: the same sign rows, candidates
//! and edges.

use super::*;
use crate::pipeline::dedup::LeaderFeatures;
use crate::verify::Measure;

/// Texts with near-duplicates, contained excerpts and one story
/// copied 80 times (a bucket larger than `MAX_BUCKET`).
fn texts() -> Vec<String> {
    let words: Vec<String> = (0..400).map(|i| format!("w{}", crate::hash::mix64(i) % 97)).collect();
    let mut out = Vec::new();
    for s in 0..40usize {
        let base: Vec<&str> = words[s * 7..s * 7 + 60].iter().map(String::as_str).collect();
        out.push(base.join(" "));
        let mut edited = base.clone();
        edited[s % 50] = "changed";
        out.push(edited.join(" "));
        out.push(format!("a new lead {}", base[..35].join(" ")));
    }
    out.extend(std::iter::repeat_n(words[100..170].join(" "), 80));
    out
}

fn grouped(batch: &RecordBatch, key: &[&str]) -> RecordBatch {
    let cols: Vec<Vec<i64>> = key.iter().map(|k| ints("t", batch, k).unwrap()).collect();
    let ords = ints("t", batch, "ordinal").unwrap();
    let mut by: HashMap<Vec<i64>, Vec<i64>> = HashMap::new();
    for (i, &o) in ords.iter().enumerate() {
        by.entry(cols.iter().map(|c| c[i]).collect()).or_default().push(o);
    }
    // buckets in a scrambled order, each reversed: the kernels sort
    let mut lists: Vec<Vec<i64>> = by
        .into_values()
        .map(|mut v| {
            v.reverse();
            v
        })
        .collect();
    lists.sort_by_key(|v| crate::hash::mix64(v[0] as u64));
    let values: Vec<Option<Vec<Option<i64>>>> =
        lists.into_iter().map(|v| Some(v.into_iter().map(Some).collect())).collect();
    let list = arrow_array::ListArray::from_iter_primitive::<Int64Type, _, _>(values);
    RecordBatch::try_from_iter([("ordinals", Arc::new(list) as ArrayRef)]).unwrap()
}

fn pair_set(b: &RecordBatch) -> Vec<(u32, u32)> {
    let (a, bb) = (ints("t", b, "a").unwrap(), ints("t", b, "b").unwrap());
    let mut v: Vec<(u32, u32)> = a.iter().zip(&bb).map(|(&x, &y)| (x as u32, y as u32)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[test]
fn engine_candidates_equal_in_memory_candidates() {
    for measure in [Measure::Jaccard, Measure::Containment] {
        let config = DedupConfig { measure, threshold: 0.7, ..DedupConfig::default() };
        let texts = texts();
        let input = RecordBatch::try_from_iter([
            ("ordinal", Arc::new(Int64Array::from_iter_values(0..texts.len() as i64)) as ArrayRef),
            ("text", Arc::new(StringArray::from_iter_values(&texts)) as ArrayRef),
        ])
        .unwrap();
        let signed = sign(&input, &config).unwrap();
        let mut features = LeaderFeatures::new(config.lsh_params());
        for d in sign_texts(&texts.iter().map(String::as_str).collect::<Vec<_>>(), &config) {
            features.push(&d, &config);
        }
        let expected = features.candidates(&config);
        let keys = band_keys(&signed, &config).unwrap();
        let mut got = pair_set(&link_buckets(&grouped(&keys, &["band", "key"])).unwrap());
        // the 80 copies (ordinals 120..200) are not linked all pairs with all
        let copies = got.iter().filter(|p| p.0 >= 120).count();
        assert!((79..80 * 79 / 2).contains(&copies), "{copies}");
        if measure == Measure::Containment {
            let fps = fingerprints(&signed).unwrap();
            let fp_pairs = fingerprint_pairs(&grouped(&fps, &["fp"]), &config).unwrap();
            let (a, b) = (ints("t", &fp_pairs, "a").unwrap(), ints("t", &fp_pairs, "b").unwrap());
            let mut shared: HashMap<(i64, i64), i64> = HashMap::new();
            for (&x, &y) in a.iter().zip(&b) {
                *shared.entry((x, y)).or_default() += 1;
            }
            let count = |o: i64| (features.fps[o as usize].len()) as i64;
            type Row = ((i64, i64), i64);
            let rows: Vec<Row> = shared.into_iter().collect();
            let col =
                |f: &dyn Fn(&Row) -> i64| -> ArrayRef { Arc::new(Int64Array::from_iter_values(rows.iter().map(f))) };
            let batch = RecordBatch::try_from_iter([
                ("a", col(&|r| r.0 .0)),
                ("b", col(&|r| r.0 .1)),
                ("shared", col(&|r| r.1)),
                ("count_a", col(&|r| count(r.0 .0))),
                ("count_b", col(&|r| count(r.0 .1))),
            ])
            .unwrap();
            got.extend(pair_set(&overlap_keep(&batch, &config).unwrap()));
            got.sort_unstable();
            got.dedup();
        }
        assert_eq!(got, expected, "{measure:?}");
        assert!(expected.len() > 100, "{measure:?}: {}", expected.len());
    }
}

#[test]
fn verify_agrees_with_the_verify_stage_similarity() {
    let config = DedupConfig { threshold: 0.6, ..DedupConfig::default() };
    let texts = texts();
    let batch = RecordBatch::try_from_iter([
        ("a", Arc::new(Int64Array::from(vec![0, 0, 0])) as ArrayRef),
        ("b", Arc::new(Int64Array::from(vec![1, 2, 30])) as ArrayRef),
        ("text_a", Arc::new(StringArray::from_iter_values([&texts[0], &texts[0], &texts[0]])) as ArrayRef),
        ("text_b", Arc::new(StringArray::from_iter_values([&texts[1], &texts[2], &texts[30]])) as ArrayRef),
    ])
    .unwrap();
    let out = verify(&batch, &config).unwrap();
    let profile = |t: &str| {
        let (mut tok, mut tokens, mut sh) = (Tokenizer::new(config.seed), Vec::new(), Vec::new());
        tok.tokenize(t, &mut tokens);
        shingle_hashes(&tokens, config.shingle_size, config.seed, &mut sh);
        ShingleProfile::for_measure(&sh, tokens.len(), config.measure, &mut Default::default())
    };
    let s1 = similarity(&profile(&texts[0]), &profile(&texts[1]), config.measure, config.shingle_size);
    assert!(s1 >= 0.6);
    assert_eq!(pair_set(&out), vec![(0, 1)]);
    assert_eq!(out.column(2).as_primitive::<arrow_array::types::Float64Type>().value(0), s1);
}

#[test]
fn fingerprint_counts_summed_over_partitions_are_the_posting_list_pair_counts() {
    let config = DedupConfig { measure: Measure::Containment, threshold: 0.7, ..DedupConfig::default() };
    let texts = texts();
    let input = RecordBatch::try_from_iter([
        ("ordinal", Arc::new(Int64Array::from_iter_values(0..texts.len() as i64)) as ArrayRef),
        ("text", Arc::new(StringArray::from_iter_values(&texts)) as ArrayRef),
    ])
    .unwrap();
    let fps = fingerprints(&sign(&input, &config).unwrap()).unwrap();
    // one row per posting-list pair, counted here
    let fp_pairs = fingerprint_pairs(&grouped(&fps, &["fp"]), &config).unwrap();
    let mut expected: HashMap<(i64, i64), i64> = HashMap::new();
    for (&x, &y) in ints("t", &fp_pairs, "a").unwrap().iter().zip(&ints("t", &fp_pairs, "b").unwrap()) {
        *expected.entry((x, y)).or_default() += 1;
    }
    // the 80 copies' lists are longer than max_df: neighbours only
    assert_eq!(expected.get(&(120, 121)).copied(), expected.get(&(198, 199)).copied());
    assert_eq!(expected.get(&(120, 122)), None);
    // three partitions by fingerprint, rows reversed, each in two batches
    let (fp, ord) = (ints("t", &fps, "fp").unwrap(), ints("t", &fps, "ordinal").unwrap());
    let mut got: HashMap<(i64, i64), i64> = HashMap::new();
    for part in 0..3u64 {
        let rows: Vec<(i64, i64)> =
            fp.iter().zip(&ord).rev().filter(|(&f, _)| f as u64 % 3 == part).map(|(&f, &o)| (f, o)).collect();
        let half = rows.len() / 2;
        let batches: Vec<RecordBatch> = [&rows[..half], &rows[half..]]
            .iter()
            .map(|r| {
                RecordBatch::try_from_iter([
                    ("fp", Arc::new(Int64Array::from_iter_values(r.iter().map(|x| x.0))) as ArrayRef),
                    ("ordinal", Arc::new(Int64Array::from_iter_values(r.iter().map(|x| x.1))) as ArrayRef),
                ])
                .unwrap()
            })
            .collect();
        let out = fingerprint_counts(&batches, &config).unwrap();
        let (a, b, s) =
            (ints("t", &out, "a").unwrap(), ints("t", &out, "b").unwrap(), ints("t", &out, "shared").unwrap());
        let keys: Vec<(i64, i64)> = a.iter().copied().zip(b.iter().copied()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for (k, s) in keys.into_iter().zip(s) {
            *got.entry(k).or_default() += s;
        }
    }
    assert!(expected.len() > 100, "{}", expected.len());
    assert_eq!(got, expected);
    assert_eq!(fingerprint_counts(&[], &config).unwrap().num_rows(), 0);
    let err = fingerprint_counts(&[fps.clone(), fps.project(&[0]).unwrap()], &config).unwrap_err();
    assert_eq!(
        err.to_string(),
        "fingerprint_counts (batch 1) kernel: column \"ordinal\" is missing (the batch has fp)"
    );
}
