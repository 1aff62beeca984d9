//! The `wiretrace` command: parse arguments, run, map errors to exit codes.

use std::process::ExitCode;

/// mimalloc: reading, parsing and signing allocate a few strings and
/// vectors per document on every thread, where it is markedly cheaper than
/// the system allocator (see README "Performance").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's `mi_option_purge_delay` (its place in `mi_option_e` of
/// `mimalloc.h`; libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keep freed memory for reuse instead of handing it back to the system
/// after 10 ms: the scan frees and allocates a batch's records over and
/// over, and zeroing the pages the system gives back cost a tenth of a
/// run's CPU. The cost is memory that one stage freed and the next does
/// not reuse: under `--memory-limit` the peak can pass the limit (1M
/// documents at 512M: 665 MB, against 372 MB with `MIMALLOC_PURGE_DELAY=10`,
/// which also made the run slower; README "Larger than memory"). That
/// environment variable still decides when set.
fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: setting an option is allowed at any time, from any thread
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

/// mimalloc 3's `mi_option_allow_thp`, as [`MI_OPTION_PURGE_DELAY`].
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// Fault memory in 4 KiB pages rather than transparent huge pages: with
/// huge pages each first touch zeroes 2 MiB at once, and on a
/// 200k-document `dedup` the kernel's page clearing took two to three
/// times the system time for no gain in user time (README "Performance"). mimalloc advises huge pages for its first
/// arena before `main` runs, so its option alone comes too late: the
/// process-wide switch of `prctl` covers that arena too (and is inherited
/// by child processes; wiretrace starts none). `MIMALLOC_ALLOW_THP` set
/// in the environment leaves both alone.
fn no_transparent_huge_pages() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return;
    }
    // SAFETY: setting an option is allowed at any time, from any thread
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0) };
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integers only and changes nothing
    // but the process's page-fault policy; a failure (an old kernel) is
    // harmless and ignored
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
    no_transparent_huge_pages();
    match wiretrace_cli::run() {
        Ok(code) => code,
        Err(err) => {
            if err.chain().any(is_broken_pipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("wiretrace: error: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, joined by ": ", each cause once: a
/// wiretrace error already shows its I/O cause, which the chain repeats.
fn message(err: &anyhow::Error) -> String {
    let mut msg = String::new();
    for e in err.chain() {
        let s = e.to_string();
        if !msg.contains(&s) {
            if !msg.is_empty() {
                msg.push_str(": ");
            }
            msg.push_str(&s);
        }
    }
    msg
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        return io.kind() == std::io::ErrorKind::BrokenPipe;
    }
    e.downcast_ref::<wiretrace::Error>().is_some_and(wiretrace::Error::is_broken_pipe)
}

#[path = "cli/mod.rs"]
mod wiretrace_cli;
