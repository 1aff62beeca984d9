//! Small hashing helpers shared by the stages.

/// A 64-bit finalizer (from MurmurHash3): turns structured input into well
/// mixed bits. Used to derive per-purpose hashes from one shingle hash.
#[inline]
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}
