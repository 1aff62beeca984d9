//! The page URLs of documents, looked up again by id once a command knows
//! which documents its output names (`dedup` and `passages` members): the
//! `WARC-Target-URI` of a WARC record, read from the record's header alone
//! (nothing is decoded or extracted), and the URL an HTML page declares
//! (its canonical link, as [`super::html::extract`] finds it).
//!
//! Only WARC files and the HTML pages asked for are read; a corpus of
//! other inputs (JSON Lines, text, lines, Parquet) has no URLs and is not
//! read at all, so outputs over it stay as they were. Records that cannot
//! be read are left out (the first pass already reported them).

use super::{warc, Corpus, FileKind};
use crate::error::Result;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// The URLs of the documents with ids in `wanted` that have one, by id.
pub fn urls_by_id(corpus: &Corpus, wanted: &HashSet<&str>) -> Result<HashMap<String, String>> {
    let mut urls = HashMap::new();
    let files: Vec<_> = corpus
        .files()
        .iter()
        .filter(|f| match f.kind {
            FileKind::Warc => true,
            // an HTML page's id is its path
            FileKind::Html => wanted.contains(f.display.as_str()),
            _ => false,
        })
        .cloned()
        .collect();
    if files.is_empty() || wanted.is_empty() {
        return Ok(urls);
    }
    let pages = Corpus::from_files(files, corpus.config().clone());
    let id_field = corpus.config().id_field.as_str();
    pages.scan(&mut |_| {}, &mut |batch| {
        let found: Vec<(String, String)> = batch
            .into_par_iter()
            .filter_map(|raw| {
                let (id, url) = match pages.files()[raw.at.file as usize].kind {
                    FileKind::Warc => warc::id_and_url(&raw.bytes, id_field).ok()?,
                    _ => pages.parse(&raw).ok().map(|doc| (doc.id, doc.url))?,
                };
                Some((id, url?)).filter(|(id, _)| wanted.contains(id.as_str()))
            })
            .collect();
        urls.extend(found);
        Ok(())
    })?;
    Ok(urls)
}
