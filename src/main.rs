//! The `wiretrace` command: parse arguments, run, map errors to exit codes.

use std::process::ExitCode;

/// mimalloc: reading, parsing and signing allocate a few strings and
/// vectors per document on every thread, where it is markedly cheaper than
/// the system allocator (see README "Performance").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
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
