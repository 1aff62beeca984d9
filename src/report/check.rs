//! `check` outputs: compiler-style text, JSON Lines, SARIF 2.1.0 and GitHub
//! Actions annotations.

use super::{json_line, out_err, OutputFormat};
use crate::error::Result;
use crate::pipeline::{CheckReport, Finding};
use serde::Serialize;
use serde_json::json;
use std::io::Write;

/// GitHub shows at most this many annotations of one level per step; the
/// rest are summarized in a notice.
pub const GITHUB_ANNOTATION_LIMIT: usize = 10;

/// Rule id of an unattributed copy.
pub const RULE_UNATTRIBUTED: &str = "WT001";
/// Rule id of an attributed copy (reported, not failing unless strict).
pub const RULE_ATTRIBUTED: &str = "WT002";

/// Where a finding is, as `path:line:col` for a whole-file document, else
/// `path:record-line` plus the position inside the document.
pub fn position(f: &Finding) -> String {
    if f.whole_file {
        format!("{}:{}:{}", f.location.path, f.position.line, f.position.column)
    } else {
        format!("{}: {} {}:{}", f.location, f.doc, f.position.line, f.position.column)
    }
}

fn message(f: &Finding) -> String {
    let what = if f.near_duplicate { "near-duplicate of" } else { "copied" };
    let outlet = f.source.as_deref().unwrap_or("an unnamed source");
    let tail = match (f.attributed, &f.credited) {
        (true, _) => "credited".to_owned(),
        (false, Some(other)) => format!("credited to {other} instead"),
        (false, None) => "without credit".to_owned(),
    };
    if f.near_duplicate {
        format!("{what} {outlet} ({}), {} words, {tail}", f.source_id, f.words)
    } else {
        format!("{what} {} words from {outlet} ({}) {tail}", f.words, f.source_id)
    }
}

/// Whether a finding fails the check.
pub fn fails(f: &Finding, strict: bool) -> bool {
    strict || !f.attributed
}

/// Compiler-style lines, then a summary line.
fn write_check_text(w: &mut dyn Write, report: &CheckReport, strict: bool) -> Result<()> {
    for f in &report.findings {
        let level = if fails(f, strict) { "error" } else { "note" };
        writeln!(w, "{}: {level}: {}", position(f), message(f)).map_err(out_err)?;
    }
    writeln!(w, "{}", summary(report, strict)).map_err(out_err)
}

/// The one-line summary.
pub fn summary(report: &CheckReport, strict: bool) -> String {
    let failing = report.findings.iter().filter(|f| fails(f, strict)).count();
    format!(
        "wiretrace check: {} documents, {} findings: {} failing, {} attributed",
        report.documents,
        report.findings.len(),
        failing,
        report.findings.iter().filter(|f| f.attributed).count()
    )
}

/// The report in `format`; `strict` makes attributed findings fail too.
pub fn write_check(w: &mut dyn Write, report: &CheckReport, format: OutputFormat, strict: bool) -> Result<()> {
    match format {
        OutputFormat::Text => write_check_text(w, report, strict),
        OutputFormat::Json => write_check_json(w, report),
        OutputFormat::Sarif => write_check_sarif(w, report, strict),
        OutputFormat::Github => write_check_github(w, report, strict),
        OutputFormat::Html => Err(format.unsupported("check without the document texts (see report::html)")),
    }
}

/// One line of `check --json`, as DESIGN.md specifies (plus the credit
/// found, the source span and the near-duplicate flag).
#[derive(Debug, Serialize, PartialEq)]
pub struct FindingJson<'a> {
    /// Input document id.
    pub doc: &'a str,
    /// The input document's page URL (WARC target URI, or the URL an HTML
    /// page declares); left out when the input has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// First byte of the passage in the input document's text.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
    /// 1-based line of `start` in the document's text.
    pub line: usize,
    /// 1-based column (in characters) of `start`.
    pub column: usize,
    /// Words in the passage.
    pub words: usize,
    /// Id of the index document it was copied from.
    pub source_id: &'a str,
    /// That document's outlet.
    pub source: Option<&'a str>,
    /// Whether the input credits that outlet for the passage.
    pub attributed: bool,
    /// The outlet the input credits for the passage, if any.
    pub credited: Option<&'a str>,
    /// First byte of the passage in the index document's text.
    pub source_start: u32,
    /// One past its last byte.
    pub source_end: u32,
    /// The passage covers most of the index document.
    pub near_duplicate: bool,
}

/// The JSON form of a finding.
pub fn finding_json(f: &Finding) -> FindingJson<'_> {
    FindingJson {
        doc: &f.doc,
        url: f.url.as_deref(),
        start: f.span.start,
        end: f.span.end,
        line: f.position.line,
        column: f.position.column,
        words: f.words,
        source_id: &f.source_id,
        source: f.source.as_deref(),
        attributed: f.attributed,
        credited: f.credited.as_deref(),
        source_start: f.source_span.start,
        source_end: f.source_span.end,
        near_duplicate: f.near_duplicate,
    }
}

/// One JSON line per finding.
fn write_check_json(w: &mut dyn Write, report: &CheckReport) -> Result<()> {
    report.findings.iter().try_for_each(|f| json_line(w, &finding_json(f)))
}

/// A stable fingerprint of a finding for code scanning: the document, the
/// source document and the copied span (not its line, which moves as the
/// file is edited).
fn fingerprint(f: &Finding) -> String {
    let key = format!("{}\u{0}{}\u{0}{}\u{0}{}", f.doc, f.source_id, f.source_span.start, f.source_span.end);
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// A SARIF 2.1.0 log.
fn write_check_sarif(w: &mut dyn Write, report: &CheckReport, strict: bool) -> Result<()> {
    let results: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            let (line, column) = if f.whole_file {
                (f.position.line, f.position.column)
            } else {
                (f.location.line.unwrap_or(1) as usize, 1)
            };
            json!({
                "ruleId": if f.attributed { RULE_ATTRIBUTED } else { RULE_UNATTRIBUTED },
                "level": if fails(f, strict) { "error" } else { "note" },
                "message": {"text": message(f)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.location.path},
                        "region": {"startLine": line, "startColumn": column}
                    },
                    "logicalLocations": [{"name": f.doc, "kind": "document"}]
                }],
                "partialFingerprints": {"wiretraceCopy/v1": fingerprint(f)},
                "properties": {
                    "sourceId": f.source_id, "source": f.source, "words": f.words,
                    "byteStart": f.span.start, "byteEnd": f.span.end, "attributed": f.attributed
                }
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "wiretrace",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/wiretrace",
                "rules": [
                    {"id": RULE_UNATTRIBUTED, "name": "UnattributedCopy",
                     "shortDescription": {"text": "Text copied from a reference document without crediting its outlet"},
                     "defaultConfiguration": {"level": "error"}},
                    {"id": RULE_ATTRIBUTED, "name": "AttributedCopy",
                     "shortDescription": {"text": "Text copied from a reference document, credited to its outlet"},
                     "defaultConfiguration": {"level": "note"}}
                ]
            }},
            "results": results
        }]
    });
    serde_json::to_writer_pretty(&mut *w, &log).map_err(|e| out_err(e.into()))?;
    w.write_all(b"\n").map_err(out_err)
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: `::error`/`::notice` annotations up to
/// GitHub's per-step limit per level, a notice counting those not shown,
/// then the summary line.
fn write_check_github(w: &mut dyn Write, report: &CheckReport, strict: bool) -> Result<()> {
    let mut shown = [0usize; 2];
    let mut hidden = 0usize;
    for f in &report.findings {
        let failing = fails(f, strict);
        let slot = usize::from(!failing);
        if shown[slot] >= GITHUB_ANNOTATION_LIMIT {
            hidden += 1;
            continue;
        }
        shown[slot] += 1;
        let (line, col) = if f.whole_file {
            (f.position.line, f.position.column)
        } else {
            (f.location.line.unwrap_or(1) as usize, 1)
        };
        writeln!(
            w,
            "::{} file={},line={},col={},title={}::{}",
            if failing { "error" } else { "notice" },
            escape_property(&f.location.path),
            line,
            col,
            escape_property(if f.attributed { "Attributed copy" } else { "Unattributed copy" }),
            escape_data(&format!("{}: {}", f.doc, message(f)))
        )
        .map_err(out_err)?;
    }
    if hidden > 0 {
        writeln!(
            w,
            "::notice title=wiretrace::{hidden} more findings are not annotated (GitHub shows {GITHUB_ANNOTATION_LIMIT} per \
             level); run with --output-format text to see all"
        )
        .map_err(out_err)?;
    }
    writeln!(w, "{}", summary(report, strict)).map_err(out_err)
}
