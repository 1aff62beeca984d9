//! Progress reporting. The library reports to a [`Progress`]; the command
//! line draws bars for it, tests and library users pass [`NoProgress`].

/// A stage of a pipeline, for labels such as `2/6: finding candidates`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading, tokenizing and signing documents (unit: bytes).
    Sign,
    /// Grouping identical documents.
    Exact,
    /// Finding candidate pairs.
    Candidates,
    /// Re-reading candidates and verifying pairs (unit: bytes, then pairs).
    Verify,
    /// Building clusters.
    Cluster,
    /// Writing output files (unit: bytes).
    Write,
    /// Building a fingerprint index.
    Index,
    /// Aligning document pairs.
    Align,
    /// Finding and attributing quotes (unit: bytes).
    Quotes,
    /// Tracing quotes to their origin (unit: documents).
    Trace,
    /// Reading, tokenizing and fingerprinting documents (unit: bytes).
    Fingerprint,
    /// Locating reported spans in their documents (unit: bytes).
    Locate,
    /// Reading documents and extracting text from pages (unit: bytes).
    Extract,
}

impl Stage {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Sign => "reading and signing",
            Stage::Exact => "grouping identical documents",
            Stage::Candidates => "finding candidates",
            Stage::Verify => "verifying candidates",
            Stage::Cluster => "clustering",
            Stage::Write => "writing outputs",
            Stage::Index => "indexing fingerprints",
            Stage::Align => "aligning passages",
            Stage::Quotes => "finding quotes",
            Stage::Trace => "tracing quotes",
            Stage::Fingerprint => "reading and fingerprinting",
            Stage::Locate => "locating passages",
            Stage::Extract => "reading and extracting",
        }
    }
}

/// Receives progress from long-running library calls. Implementations must
/// be cheap and thread-safe: `advance` is called from worker threads.
pub trait Progress: Sync {
    /// A stage begins; `total` is its amount of work when known.
    fn begin(&self, stage: Stage, total: Option<u64>);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
    /// The current stage ended.
    fn end(&self);
}

/// Ignores all progress.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn begin(&self, _: Stage, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
    fn end(&self) {}
}
