//! The allocator's settings, applied by the binary and by `tfkms-bench`
//! alike, so the benchmark measures what users run.

use std::ffi::c_long;

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t`
/// (`include/mimalloc.h`); libmimalloc-sys names only the v2 numbering, and
/// its version is pinned in the workspace for this reason.
const PURGE_DELAY: mi_option_t = 15;

/// How long freed memory stays committed before mimalloc returns it to the
/// system. mimalloc v3 waits a second; a scan frees each root's syntax
/// trees and values as it goes, and within that second the freed pages of
/// finished roots piled up: on the real-repository tree x8 the peak
/// resident memory was 170-199 MB for a 110 MB heap, 155-169 MB with
/// 25-100 ms, at the same CPU time within this machine's noise
/// (docs/performance.md).
const PURGE_DELAY_MS: c_long = 100;

/// Applies tfkms's allocator settings; call once, first thing in `main`.
/// A `MIMALLOC_PURGE_DELAY` in the environment still wins, for experiments.
pub fn configure() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: setting an option is a plain store into mimalloc's option
    // table, valid at any time; the option number is checked by the test
    // below against the library linked.
    unsafe { mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) }
}

/// The purge delay in force, in milliseconds.
pub fn purge_delay_ms() -> c_long {
    // SAFETY: reading an option has no precondition.
    unsafe { mi_option_get(PURGE_DELAY) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_number_is_the_purge_delay_of_the_linked_mimalloc() {
        // mimalloc v3's default purge delay is 1,000 ms, which no
        // neighbouring option has as its default: if the numbering moved,
        // this reads another option. (Unset MIMALLOC_PURGE_DELAY to run it.)
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(purge_delay_ms(), 1000);
            configure();
            assert_eq!(purge_delay_ms(), PURGE_DELAY_MS);
        }
    }
}
