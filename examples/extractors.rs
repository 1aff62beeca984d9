//! Each extractor alone, for the comparison in docs/extraction.md: reads
//! HTML pages (files or directories, `.gz` allowed), decodes them as
//! `wiretrace extract` does, and writes `{"id", "text"}` JSON Lines with the
//! text of one extractor: `trafilatura` (rs-trafilatura), `readability`
//! (dom_smoothie) or `wiretrace` (the two combined, as `extract` does).
//!
//! ```sh
//! cargo run --release --example extractors -- trafilatura ../shared/data/html/pages > traf.jsonl
//! python3 ../shared/score/score_extract.py --pred traf.jsonl
//! ```

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use wiretrace::corpus::html::{decode, extract, paragraphs};

fn pages(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            pages(&e, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: extractors trafilatura|readability|wiretrace PATH...";
    let which = args.get(1).ok_or(usage)?.clone();
    let mut files = Vec::new();
    for a in &args[2..] {
        pages(Path::new(a), &mut files)?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in files {
        let mut bytes = Vec::new();
        if path.extension().is_some_and(|e| e == "gz") {
            flate2::read::MultiGzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut bytes)?;
        } else {
            bytes = std::fs::read(&path)?;
        }
        let html = decode(&bytes, None);
        let text = match which.as_str() {
            "trafilatura" => rs_trafilatura::extract(&html).map(|r| paragraphs(&r.content_text)).unwrap_or_default(),
            "readability" => dom_smoothie::Readability::new(html.as_ref(), None, None)
                .ok()
                .and_then(|mut r| r.parse().ok())
                .map(|a| paragraphs(&a.text_content))
                .unwrap_or_default(),
            "wiretrace" => extract(&html, None).text,
            _ => return Err(usage.into()),
        };
        serde_json::to_writer(&mut out, &serde_json::json!({"id": path.display().to_string(), "text": text}))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
