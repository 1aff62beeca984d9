//! The run frame every corpus command shares: size the thread pool, open
//! the corpus, draw progress, print warnings for rejected records, write
//! results to a buffered standard output, and print the summary unless
//! quiet.

use super::args::CommonArgs;
use super::progress::Bars;
use std::io::{BufWriter, StdoutLock, Write};
use wiretrace::corpus::{Corpus, Rejected};
use wiretrace::report::OutputFormat;

/// What a command runs in.
pub struct Frame {
    /// The input.
    pub corpus: Corpus,
    /// Progress bars (and stage timings).
    pub bars: Bars,
    /// The output format asked for.
    pub format: OutputFormat,
    quiet: bool,
}

impl Frame {
    /// Set up from the common options: threads first (the pool is global),
    /// then the corpus.
    pub fn open(common: &CommonArgs) -> anyhow::Result<Frame> {
        common.init_threads()?;
        let corpus = Corpus::open(&common.inputs, common.reader_config())?;
        Ok(Frame { corpus, bars: Bars::new(common.quiet), format: common.output_format(), quiet: common.quiet })
    }

    /// A frame around a corpus opened otherwise (a shard plan's input).
    pub fn with_corpus(corpus: Corpus, format: OutputFormat, quiet: bool) -> Frame {
        Frame { corpus, bars: Bars::new(quiet), format, quiet }
    }

    /// Report each rejected record as a warning on stderr.
    pub fn warn_rejected(&self, rejected: &[Rejected]) {
        for r in rejected {
            eprintln!("wiretrace: warning: {r} (skipped)");
        }
    }

    /// Write to standard output through `write`, then flush.
    pub fn output<E: Into<anyhow::Error>>(
        &self,
        write: impl FnOnce(&mut BufWriter<StdoutLock<'static>>) -> Result<(), E>,
    ) -> anyhow::Result<()> {
        let mut out = BufWriter::new(std::io::stdout().lock());
        write(&mut out).map_err(Into::into)?;
        out.flush()?;
        Ok(())
    }

    /// The WARC records the input held that were not documents, by
    /// reason (`5 WARC records not documents (metadata: 1, request: 2,
    /// ...)`), or `None` when there were none.
    pub fn warc_skipped(&self) -> Option<String> {
        let skipped = self.corpus.skipped();
        if skipped.is_empty() {
            return None;
        }
        let total: u64 = skipped.values().sum();
        let each: Vec<String> = skipped.iter().map(|(why, n)| format!("{why}: {n}")).collect();
        Some(format!("{total} WARC records not documents ({})", each.join(", ")))
    }

    /// A summary line `wiretrace: 5 WARC records not documents (...)` when
    /// the input held such records (for the summaries of the commands that
    /// read a corpus).
    pub fn write_warc_skipped(&self, err: &mut dyn Write) -> std::io::Result<()> {
        match self.warc_skipped() {
            Some(line) => writeln!(err, "wiretrace: {line}"),
            None => Ok(()),
        }
    }

    /// Print a summary on stderr unless quiet.
    pub fn summary(&self, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
        if !self.quiet {
            write(&mut std::io::stderr())?;
        }
        Ok(())
    }
}
