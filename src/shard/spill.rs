//! The texts a chunked stage needs, copied once from the input into a
//! temporary file.
//!
//! `verify` and `finalize` under a memory limit build shingle profiles a
//! chunk at a time. Reading each chunk's documents from the input again
//! costs a pass over the input per chunk, and for compressed input (a
//! `.jsonl.zst` cannot be entered in the middle) the whole decompression
//! too. So when a stage needs more than one chunk of an input that cannot
//! be read by offset (a compressed file; uncompressed line files are read
//! by seeking to each record, see
//! [`Corpus::fetch_seeks`](crate::corpus::Corpus::fetch_seeks)), it first copies the
//! texts of every document it will profile into an unnamed temporary file
//! (one pass over the input, in input order), and each chunk reads its
//! texts back from there by offset, in parallel. The profiles are the ones
//! [`load_profiles`](crate::pipeline::dedup::load_profiles) builds: the
//! same text goes through the same tokenizer and shingler.
//!
//! Memory: 16 bytes per spilled document (its offset and length); disk:
//! the spilled texts' bytes, removed when the stage ends (also when it is
//! killed: the file has no name).

use crate::corpus::{Corpus, DocId, RecordRef, Scan};
use crate::error::{Error, Result};
use crate::pipeline::dedup::{scratch, text_profile, Profiles, SignedDocs};
use crate::pipeline::DedupConfig;
use crate::progress::{Progress, Stage};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Spilled texts: an unnamed file and where each document's text is in it.
pub(super) struct TextSpill {
    file: File,
    /// For each spilled document: its text's offset and length in `file`.
    at: HashMap<DocId, (u64, usize)>,
    /// What the spill is named in errors.
    name: String,
}

impl TextSpill {
    /// Copy the texts of `needed` (sorted) from `corpus` into a new unnamed
    /// file in `dir`.
    pub(super) fn write<D: SignedDocs + ?Sized>(
        corpus: &Corpus,
        docs: &D,
        needed: &[DocId],
        dir: &Path,
        progress: &dyn Progress,
    ) -> Result<TextSpill> {
        let name = format!("the texts spilled to {}", dir.display());
        let file = tempfile::tempfile_in(dir).map_err(|e| Error::io(name.clone(), e))?;
        let places: Vec<RecordRef> = needed.iter().map(|&d| docs.signed(d).at).collect();
        let by_place: HashMap<RecordRef, DocId> = places.iter().copied().zip(needed.iter().copied()).collect();
        let mut at = HashMap::with_capacity(needed.len());
        let mut out = BufWriter::with_capacity(1 << 20, &file);
        let (mut offset, mut failed) = (0u64, None);
        progress.begin(Stage::Verify, None);
        Scan::new(corpus, progress).fetch(&places, || (), |_, doc| (doc.at, doc.text), &mut |(place, text): (
            RecordRef,
            String,
        )| {
            let Some(&d) = by_place.get(&place) else { return };
            if failed.is_none() {
                match out.write_all(text.as_bytes()) {
                    Ok(()) => {
                        at.insert(d, (offset, text.len()));
                        offset += text.len() as u64;
                    }
                    Err(e) => failed = Some(e),
                }
            }
        })?;
        progress.end();
        if let Some(e) = failed {
            return Err(Error::io(name, e));
        }
        out.flush().map_err(|e| Error::io(name.clone(), e))?;
        drop(out);
        if at.len() != needed.len() {
            return Err(Error::config("the input changed while it was being read (a record could not be found again)"));
        }
        Ok(TextSpill { file, at, name })
    }

    /// The shingle profiles of `wanted` (spilled documents), built in
    /// parallel from their spilled texts.
    pub(super) fn profiles(&self, wanted: &[DocId], config: &DedupConfig) -> Result<Profiles> {
        let make = scratch(config.seed);
        wanted
            .par_iter()
            .map_init(
                || (make(), Vec::new()),
                |(s, buf), &d| {
                    let (offset, len) = self.at[&d];
                    buf.resize(len, 0);
                    read_exact_at(&self.file, buf, offset).map_err(|e| Error::io(self.name.clone(), e))?;
                    let text = std::str::from_utf8(buf)
                        .map_err(|_| Error::format(self.name.clone(), "a spilled text is not UTF-8"))?;
                    Ok((d, text_profile(s, text, config)))
                },
            )
            .collect()
    }
}

/// Fill `buf` from `file` at `offset`, without moving a shared cursor (so
/// threads read at once).
#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Fill `buf` from `file` at `offset`, without moving a shared cursor (so
/// threads read at once).
#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ReaderConfig;
    use crate::pipeline::dedup::{load_profiles, sign_corpus};
    use crate::progress::NoProgress;
    use crate::verify::Measure;

    /// Profiles from spilled texts are the profiles read from the input,
    /// for any subset, in both measures, for plain and compressed input.
    #[test]
    fn spilled_profiles_are_the_input_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<String> = (0..40)
            .map(|i| {
                let text = format!("Dok {i}: «Привет», said the ČTK wire — {} words.", "more ".repeat(i % 7));
                serde_json::json!({"id": format!("d{i}"), "text": text}).to_string()
            })
            .collect();
        let plain = dir.path().join("a.jsonl");
        std::fs::write(&plain, lines.join("\n") + "\n").unwrap();
        let zst = dir.path().join("b.jsonl.zst");
        std::fs::write(&zst, zstd::encode_all((lines.join("\n") + "\n").as_bytes(), 3).unwrap()).unwrap();
        for (input, measure) in [(&plain, Measure::Jaccard), (&zst, Measure::Containment)] {
            let config = DedupConfig { measure, shingle_size: 2, ..DedupConfig::default() };
            let corpus = Corpus::open(std::slice::from_ref(input), ReaderConfig::default()).unwrap();
            let (docs, _) = sign_corpus(&corpus, &config, &NoProgress).unwrap();
            let all: Vec<DocId> = (0..docs.len()).map(DocId::new).collect();
            let spill = TextSpill::write(&corpus, &docs[..], &all[5..], dir.path(), &NoProgress).unwrap();
            let wanted: Vec<DocId> = all[5..].iter().copied().step_by(3).collect();
            let spilled = spill.profiles(&wanted, &config).unwrap();
            assert_eq!(spilled.len(), wanted.len());
            assert_eq!(spilled, load_profiles(&corpus, &docs[..], &wanted, &config, &NoProgress).unwrap());
        }
        // the spill has no name: nothing is left in the directory
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }
}
