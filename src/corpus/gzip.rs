//! Fast reading of gzip files made of many members, as `.warc.gz` files
//! are (one gzip member per WARC record): [`GzipMembers`] inflates each
//! member whole with libdeflate, which is about twice as fast as a
//! streaming inflater on members of a few kilobytes to a few megabytes,
//! and hands out the concatenated decompressed stream as a [`BufRead`].
//!
//! Memory stays bounded: the compressed input is read through a buffer of
//! [`INPUT_BUFFER`] bytes (grown, up to [`MAX_WHOLE_INPUT`], for a member
//! larger than it), and a member is inflated into a buffer of at most
//! [`MAX_WHOLE_OUTPUT`] bytes. A member too large for those buffers (a
//! file compressed as one member, a multi-megabyte record) is streamed
//! instead by flate2's decoder, and so is a damaged member, so that
//! corrupt or truncated input gives flate2's errors, after the bytes that
//! could still be decoded, exactly as the streaming reader did before.
//!
//! Not done here: splitting the members of one file across threads.

use std::io::{self, BufRead, Read};
use std::ptr::NonNull;

/// Size of the compressed-input buffer (members up to a quarter of it
/// never straddle a refill).
pub const INPUT_BUFFER: usize = 4 << 20;
/// The largest compressed member inflated whole; larger ones are streamed.
pub const MAX_WHOLE_INPUT: usize = 64 << 20;
/// The largest decompressed member inflated whole; larger ones are streamed.
pub const MAX_WHOLE_OUTPUT: usize = 16 << 20;
/// First size of the output buffer (it grows to the largest member seen,
/// up to [`MAX_WHOLE_OUTPUT`]).
const FIRST_OUTPUT: usize = 1 << 20;

/// The compressed input: a buffer over a reader.
struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
}

impl<R: Read> Input<R> {
    fn available(&self) -> &[u8] {
        &self.buf[self.pos..self.end]
    }

    /// Make at least `want` bytes available (fewer at the end of the
    /// input), growing the buffer when it is smaller than `want`.
    fn fill_to(&mut self, want: usize) -> io::Result<()> {
        if self.end - self.pos >= want || self.eof {
            return Ok(());
        }
        self.buf.copy_within(self.pos..self.end, 0);
        self.end -= self.pos;
        self.pos = 0;
        if self.buf.len() < want {
            self.buf.resize(want, 0);
        }
        while self.end < self.buf.len() {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// `Read::read` of a reader that keeps its own buffer: copy out of
/// [`BufRead::fill_buf`] and consume what was copied.
fn read_from_buffer(r: &mut impl BufRead, into: &mut [u8]) -> io::Result<usize> {
    let available = r.fill_buf()?;
    let n = available.len().min(into.len());
    into[..n].copy_from_slice(&available[..n]);
    r.consume(n);
    Ok(n)
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, into: &mut [u8]) -> io::Result<usize> {
        read_from_buffer(self, into)
    }
}

impl<R: Read> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            let want = self.buf.len();
            self.fill_to(want)?;
        }
        Ok(self.available())
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
    }
}

/// Where the next decompressed bytes come from.
enum Source<R> {
    /// Members inflated whole from the input buffer.
    Whole(Input<R>),
    /// One member streamed by flate2 (too large, or damaged); back to
    /// `Whole` at its end.
    Streamed(Box<flate2::bufread::GzDecoder<Input<R>>>),
    /// Only while switching between the two.
    Switching,
}

/// The decompressed stream of a gzip file of one or more members (see the
/// module docs).
pub struct GzipMembers<R> {
    source: Source<R>,
    inflater: Inflater,
    out: Vec<u8>,
    out_pos: usize,
    out_end: usize,
    limits: Limits,
    streamed: u64,
}

/// The buffer sizes (the constants, smaller in tests).
#[derive(Clone, Copy, Debug)]
struct Limits {
    input: usize,
    max_input: usize,
    first_output: usize,
    max_output: usize,
}

impl<R: Read> GzipMembers<R> {
    /// The decompressed stream of the gzip data `inner` reads.
    pub fn new(inner: R) -> GzipMembers<R> {
        let limits = Limits {
            input: INPUT_BUFFER,
            max_input: MAX_WHOLE_INPUT,
            first_output: FIRST_OUTPUT,
            max_output: MAX_WHOLE_OUTPUT,
        };
        GzipMembers::with_limits(inner, limits)
    }

    fn with_limits(inner: R, limits: Limits) -> GzipMembers<R> {
        let input = Input { inner, buf: vec![0; limits.input], pos: 0, end: 0, eof: false };
        GzipMembers {
            source: Source::Whole(input),
            inflater: Inflater::new(),
            out: Vec::new(),
            out_pos: 0,
            out_end: 0,
            limits,
            streamed: 0,
        }
    }

    /// How many members were streamed (too large to inflate whole, or
    /// damaged) so far.
    pub fn streamed_members(&self) -> u64 {
        self.streamed
    }

    /// Decompress the next bytes into `out`; false at the end of the input.
    fn refill(&mut self) -> io::Result<bool> {
        loop {
            match &mut self.source {
                Source::Streamed(decoder) => {
                    if self.out.len() < self.limits.first_output {
                        self.out.resize(self.limits.first_output, 0);
                    }
                    let n = decoder.read(&mut self.out)?;
                    if n > 0 {
                        (self.out_pos, self.out_end) = (0, n);
                        return Ok(true);
                    }
                    // the member is done: back to inflating whole members
                    let Source::Streamed(decoder) = std::mem::replace(&mut self.source, Source::Switching) else {
                        unreachable!("matched above")
                    };
                    self.source = Source::Whole(decoder.into_inner());
                }
                Source::Whole(input) => {
                    input.fill_to(self.limits.input / 4)?;
                    if input.available().is_empty() {
                        return Ok(false);
                    }
                    if self.out.len() < self.limits.first_output {
                        self.out.resize(self.limits.first_output, 0);
                    }
                    match self.inflater.gzip_member(input.available(), &mut self.out) {
                        Ok((used, made)) => {
                            input.consume(used);
                            (self.out_pos, self.out_end) = (0, made);
                            return Ok(true);
                        }
                        Err(Failure::OutputFull) if self.out.len() < self.limits.max_output => {
                            let larger = (self.out.len() * 2).min(self.limits.max_output);
                            self.out.resize(larger, 0);
                        }
                        // the member may go on past the buffered input
                        Err(Failure::BadData) if !input.eof && input.available().len() < self.limits.max_input => {
                            let more = (input.available().len() * 2).min(self.limits.max_input);
                            input.fill_to(more)?;
                        }
                        // too large to inflate whole, or damaged: flate2
                        // streams it (and names the damage)
                        Err(_) => {
                            let Source::Whole(input) = std::mem::replace(&mut self.source, Source::Switching) else {
                                unreachable!("matched above")
                            };
                            self.source = Source::Streamed(Box::new(flate2::bufread::GzDecoder::new(input)));
                            self.streamed += 1;
                        }
                    }
                }
                Source::Switching => unreachable!("never left switching"),
            }
        }
    }
}

impl<R: Read> Read for GzipMembers<R> {
    fn read(&mut self, into: &mut [u8]) -> io::Result<usize> {
        read_from_buffer(self, into)
    }
}

impl<R: Read> BufRead for GzipMembers<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.out_pos == self.out_end {
            if !self.refill()? {
                break;
            }
        }
        Ok(&self.out[self.out_pos..self.out_end])
    }

    fn consume(&mut self, n: usize) {
        self.out_pos = (self.out_pos + n).min(self.out_end);
    }
}

/// Why a member could not be inflated whole.
#[derive(Debug, PartialEq, Eq)]
enum Failure {
    /// Not a valid gzip member (or one that goes on past the input given).
    BadData,
    /// The output buffer is too small.
    OutputFull,
}

/// A libdeflate decompressor.
struct Inflater(NonNull<libdeflate_sys::libdeflate_decompressor>);

// SAFETY: a libdeflate decompressor is plain memory with no ties to the
// thread that made it; `&mut self` keeps its use to one thread at a time.
unsafe impl Send for Inflater {}

impl Inflater {
    fn new() -> Inflater {
        // SAFETY: no preconditions; NULL (out of memory) is checked.
        let p = unsafe { libdeflate_sys::libdeflate_alloc_decompressor() };
        Inflater(NonNull::new(p).expect("libdeflate_alloc_decompressor: out of memory"))
    }

    /// Inflate the gzip member at the start of `input` into `out`; return
    /// the bytes of `input` it took (header and trailer included) and the
    /// bytes it wrote. The trailer's CRC-32 and size are checked.
    fn gzip_member(&mut self, input: &[u8], out: &mut [u8]) -> Result<(usize, usize), Failure> {
        let (mut used, mut made) = (0usize, 0usize);
        // SAFETY: the pointers and lengths come from live slices, and
        // libdeflate reads only `input` and writes only `out`; the
        // decompressor is ours alone (`&mut self`).
        let result = unsafe {
            libdeflate_sys::libdeflate_gzip_decompress_ex(
                self.0.as_ptr(),
                input.as_ptr().cast(),
                input.len(),
                out.as_mut_ptr().cast(),
                out.len(),
                &mut used,
                &mut made,
            )
        };
        match result {
            libdeflate_sys::libdeflate_result_LIBDEFLATE_SUCCESS => Ok((used, made)),
            libdeflate_sys::libdeflate_result_LIBDEFLATE_INSUFFICIENT_SPACE => Err(Failure::OutputFull),
            _ => Err(Failure::BadData),
        }
    }
}

impl Drop for Inflater {
    fn drop(&mut self) {
        // SAFETY: allocated by libdeflate_alloc_decompressor, freed once.
        unsafe { libdeflate_sys::libdeflate_free_decompressor(self.0.as_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    /// Small buffers, so that tests reach every limit quickly.
    const SMALL: Limits = Limits { input: 4096, max_input: 16384, first_output: 1024, max_output: 8192 };

    fn read_all(data: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        GzipMembers::with_limits(data, SMALL).read_to_end(&mut out)?;
        Ok(out)
    }

    /// Bytes that do not compress well: a member of `n` of them is about
    /// `n` bytes compressed.
    fn noise(n: usize, seed: u64) -> Vec<u8> {
        let mut state = seed | 1;
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect()
    }

    #[test]
    fn members_are_concatenated() {
        let mut data = gzip(b"first record\n");
        data.extend(gzip(b""));
        data.extend(gzip(b"second record\n"));
        assert_eq!(read_all(&data).unwrap(), b"first record\nsecond record\n");
        assert_eq!(read_all(&[]).unwrap(), b"");
    }

    #[test]
    fn large_members_are_streamed_and_the_next_ones_inflated_whole() {
        // one member larger than the output and input limits, then small ones
        let big = noise(SMALL.max_input + 1000, 7);
        let small = noise(900, 9);
        let mut data = gzip(&small);
        data.extend(gzip(&big));
        data.extend(gzip(&small));
        data.extend(gzip(&small));
        let mut reader = GzipMembers::with_limits(&data[..], SMALL);
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        assert_eq!(out, [&small[..], &big, &small, &small].concat());
        assert_eq!(reader.streamed_members(), 1);
        assert!(matches!(reader.source, Source::Whole(_)), "back to whole members");
    }

    #[test]
    fn a_member_larger_than_the_input_buffer_is_read_whole() {
        // 6000 bytes compressed: more than the input buffer, less than the
        // output limit
        let big = noise(6000, 3);
        let mut data = gzip(b"a");
        data.extend(gzip(&big));
        let mut reader = GzipMembers::with_limits(&data[..], SMALL);
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        assert_eq!(out, [&b"a"[..], &big].concat());
        assert_eq!(reader.streamed_members(), 0);
    }

    #[test]
    fn damage_is_flate2s_error_after_the_good_members() {
        let mut data = gzip(b"good\n");
        let second = gzip(&noise(10_000, 5));
        data.extend_from_slice(&second[..second.len() / 2]);
        let mut reader = GzipMembers::with_limits(&data[..], SMALL);
        let mut out = Vec::new();
        let err = reader.read_to_end(&mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof, "{err}");
        assert!(out.starts_with(b"good\n"));

        // bytes after the last member that are not gzip
        let mut data = gzip(b"good\n");
        data.extend_from_slice(b"not gzip at all");
        let mut out = Vec::new();
        let err = GzipMembers::with_limits(&data[..], SMALL).read_to_end(&mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{err}");
        assert_eq!(out, b"good\n");

        // a bad checksum
        let mut data = gzip(b"checked\n");
        let n = data.len();
        data[n - 8] ^= 1;
        let err = read_all(&data).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{err}");
    }
}
