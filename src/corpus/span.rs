//! The position types: a document's number, a byte range of its text, and
//! the line index that turns a byte offset into line:column.

use serde::{Deserialize, Serialize};

/// A document's number in its collection: its 0-based place in input order
/// (or in a reference index). Every stage names documents by it; the
/// string ids users gave are looked up only for output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub u32);

impl DocId {
    /// The number of the `i`-th document.
    pub fn new(i: usize) -> DocId {
        debug_assert!(i <= u32::MAX as usize);
        DocId(i as u32)
    }

    /// The number as a `usize`, for indexing.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A half-open byte range `[start, end)` into a document's original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ByteSpan {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl ByteSpan {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> ByteSpan {
        debug_assert!(start <= end);
        ByteSpan { start: start as u32, end: end as u32 }
    }

    /// The span as a `Range<usize>` for slicing a `&str`.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// A 1-based line and column (in characters) in a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// Where each line of a text starts, for 1-based line:column positions
/// (columns count characters, not bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        LineIndex::from_bytes(text.as_bytes())
    }

    /// Index the lines of bytes that may not be UTF-8 (for messages about
    /// invalid records); only [`LineIndex::line`] applies.
    pub fn from_bytes(bytes: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of byte `byte` of `text` (the text
    /// this index was made from; `byte` on a character boundary).
    pub fn line_col(&self, text: &str, byte: usize) -> LineCol {
        let line = self.starts.partition_point(|&s| s <= byte);
        let start = self.starts[line - 1];
        LineCol { line, column: text[start..byte].chars().count() + 1 }
    }

    /// The 1-based line of byte `byte`.
    pub fn line(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nçd ef\n\nx";
        let li = LineIndex::new(text);
        assert_eq!(li.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(li.line_col(text, 3), LineCol { line: 2, column: 1 });
        assert_eq!(li.line_col(text, 6), LineCol { line: 2, column: 3 });
        assert_eq!(li.line_col(text, 11), LineCol { line: 4, column: 1 });
        assert_eq!(li.line(11), 4);
        let text = "abc\ndéf g";
        let li = LineIndex::new(text);
        assert_eq!(li.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(li.line_col(text, 4), LineCol { line: 2, column: 1 });
        assert_eq!(li.line_col(text, 9), LineCol { line: 2, column: 5 });
    }
}
