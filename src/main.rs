//! The `wiretrace` command: parse arguments, run, map errors to exit codes.

use std::process::ExitCode;

fn main() -> ExitCode {
    match wiretrace_cli::run() {
        Ok(code) => code,
        Err(err) => {
            if err.chain().any(is_broken_pipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("wiretrace: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        return io.kind() == std::io::ErrorKind::BrokenPipe;
    }
    e.downcast_ref::<wiretrace::Error>().is_some_and(wiretrace::Error::is_broken_pipe)
}

#[path = "cli/mod.rs"]
mod wiretrace_cli;
