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
/// run's CPU. Peak memory is unchanged (freed memory is reused); the
/// environment variable `MIMALLOC_PURGE_DELAY` still decides when set.
fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: setting an option is allowed at any time, from any thread
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
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
