//! The `plan` stage: resolve the inputs once and cut them into shards,
//! consecutive pieces of the input in input order. Uncompressed line files
//! (JSON Lines, one document a line) are cut at line starts so one large
//! file makes many shards; other files go whole to one shard.

use crate::atomic_file::AtomicFile;
use crate::corpus::{Corpus, FilePart, InputFile, LineRange, ReaderConfig};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::Path;

/// The manifest's file name in a stage directory.
pub const MANIFEST: &str = "manifest.json";

/// What `plan` writes: how to read the input again, and its shards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `wiretrace-shards`.
    pub format: String,
    /// [`super::FORMAT_VERSION`].
    pub version: u32,
    /// How the records are read.
    pub reader: ReaderConfig,
    /// The input files in reading order, with their sizes when planned.
    pub files: Vec<PlannedFile>,
    /// Each shard's parts of the input, in order.
    pub shards: Vec<Vec<FilePart>>,
}

/// An input file and its size when it was planned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedFile {
    /// The file.
    #[serde(flatten)]
    pub file: InputFile,
    /// Its size in bytes.
    pub size: u64,
}

/// Cut the inputs into `shards` shards of about equal size and write the
/// manifest into `dir` (created if needed).
pub fn plan<P: AsRef<Path>>(inputs: &[P], reader: ReaderConfig, shards: usize, dir: &Path) -> Result<Manifest> {
    let corpus = Corpus::open(inputs, reader)?;
    for f in corpus.files() {
        if Path::new(&f.display) != f.path {
            return Err(Error::input(
                &f.display,
                "a plan needs regular files: standard input and pipes can be read only once",
            ));
        }
    }
    plan_corpus(&corpus, shards, dir)
}

/// [`plan`] for a corpus already open (its spooled inputs, if any, must
/// outlive the stages: an out-of-core run plans its own corpus).
pub fn plan_corpus(corpus: &Corpus, shards: usize, dir: &Path) -> Result<Manifest> {
    if shards == 0 || shards > u32::MAX as usize {
        return Err(Error::config("--shards must be at least 1"));
    }
    let reader = corpus.config().clone();
    let mut files = Vec::new();
    for f in corpus.files() {
        let size = std::fs::metadata(&f.path).map_err(|e| Error::io(f.display.clone(), e))?.len();
        // stages may run in another directory: read by absolute path, but
        // name documents and places as the user did
        let mut file = f.clone();
        file.path = std::fs::canonicalize(&f.path).map_err(|e| Error::io(f.display.clone(), e))?;
        files.push(PlannedFile { file, size });
    }
    let total: u64 = files.iter().map(|f| f.size).sum();
    // shard k starts at byte boundary(k) of the concatenated input
    let boundary = |k: usize| (k as u128 * total as u128 / shards as u128) as u64;
    let shard_at = |pos: u64| (1..shards).take_while(|&k| boundary(k) <= pos).count();
    let mut out: Vec<Vec<FilePart>> = vec![Vec::new(); shards];
    let mut start = 0u64;
    for (i, f) in files.iter().enumerate() {
        let file = i as u32;
        let first = shard_at(start);
        let cuts: Vec<(u64, usize)> = (first + 1..shards)
            .map(|k| (boundary(k), k))
            .filter(|&(b, _)| b > start && b < start + f.size)
            .map(|(b, k)| (b - start, k))
            .collect();
        if cuts.is_empty() || !f.file.splittable() {
            out[first].push(FilePart { file, range: None });
        } else {
            let offsets: Vec<u64> = cuts.iter().map(|c| c.0).collect();
            let lines = line_starts(&f.file, &offsets)?;
            // pieces [cut, next cut) with the shard of the last boundary
            // that moved to that cut (a long line can swallow several)
            let mut pieces: Vec<(u64, u64, usize)> = vec![(0, 1, first)];
            for ((offset, line), &(_, k)) in lines.into_iter().zip(&cuts) {
                match pieces.last_mut() {
                    Some(last) if last.0 == offset => last.2 = k,
                    _ => pieces.push((offset, line, k)),
                }
            }
            for (j, &(begin, first_line, k)) in pieces.iter().enumerate() {
                let end = pieces.get(j + 1).map_or(f.size, |p| p.0);
                if begin < end {
                    out[k].push(FilePart { file, range: Some(LineRange { start: begin, end, first_line }) });
                }
            }
        }
        start += f.size;
    }
    let manifest =
        Manifest { format: "wiretrace-shards".into(), version: super::FORMAT_VERSION, reader, files, shards: out };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let path = dir.join(MANIFEST);
    let mut w = AtomicFile::create(&path)?;
    let json = serde_json::to_string_pretty(&manifest).expect("the manifest serializes");
    w.write_all(json.as_bytes())
        .and_then(|_| w.write_all(b"\n"))
        .map_err(|e| Error::io(path.display().to_string(), e))?;
    w.commit()?;
    Ok(manifest)
}

/// For each offset (ascending, inside the file), the first line start at or
/// after it and that line's 1-based number; the file's size and the line
/// after the last when there is none.
fn line_starts(file: &InputFile, offsets: &[u64]) -> Result<Vec<(u64, u64)>> {
    let io = |e| Error::io(file.display.clone(), e);
    let mut f = std::fs::File::open(&file.path).map_err(io)?;
    let mut buf = vec![0u8; 1 << 20];
    let (mut pos, mut lines) = (0u64, 0u64);
    let mut out = Vec::with_capacity(offsets.len());
    loop {
        let n = f.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        for nl in memchr::memchr_iter(b'\n', &buf[..n]) {
            lines += 1;
            let line_start = pos + nl as u64 + 1;
            while out.len() < offsets.len() && offsets[out.len()] <= line_start {
                out.push((line_start, lines + 1));
            }
        }
        pos += n as u64;
        if out.len() == offsets.len() {
            break;
        }
    }
    while out.len() < offsets.len() {
        out.push((pos, lines + 1));
    }
    Ok(out)
}

impl Manifest {
    /// Read the manifest of a stage directory.
    pub fn load(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST);
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::format(&name, "missing: run `wiretrace shard plan` first")
            } else {
                Error::io(name.clone(), e)
            }
        })?;
        let m: Manifest =
            serde_json::from_slice(&bytes).map_err(|e| Error::format(&name, format!("not a shard manifest: {e}")))?;
        if m.format != "wiretrace-shards" || m.version != super::FORMAT_VERSION {
            return Err(Error::format(&name, format!("unsupported manifest {} version {}", m.format, m.version)));
        }
        Ok(m)
    }

    /// The plan's identity: a hash of everything it says, recorded in every
    /// stage file so that files of different plans are not mixed.
    pub fn id(&self) -> String {
        let json = serde_json::to_vec(self).expect("the manifest serializes");
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&json))
    }

    /// The whole input, read as planned; an error when a file changed size
    /// since the plan.
    pub fn corpus(&self) -> Result<Corpus> {
        for f in &self.files {
            let size = std::fs::metadata(&f.file.path).map_err(|e| Error::io(f.file.display.clone(), e))?.len();
            if size != f.size {
                return Err(Error::input(
                    &f.file.display,
                    format!("changed since the plan ({} bytes then, {size} now): plan again", f.size),
                ));
            }
        }
        let files = self.files.iter().map(|f| f.file.clone()).collect();
        Ok(Corpus::from_files(files, self.reader.clone()))
    }

    /// Shard `k` of the input.
    pub fn shard(&self, k: usize) -> Result<Corpus> {
        let Some(parts) = self.shards.get(k) else {
            return Err(Error::config(format!("shard {k} does not exist (the plan has {})", self.shards.len())));
        };
        self.corpus()?.restrict(parts.clone())
    }
}
