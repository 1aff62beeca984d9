//! Command-line front end: clap arguments → validated library configs →
//! library calls → output. Every corpus command runs in the same
//! [`frame::Frame`] (threads, corpus, progress, rejected records, output,
//! summary). Nothing here is needed to use the library.

mod args;
mod check;
mod dedup;
mod eval;
mod extract;
mod frame;
mod html;
mod index;
mod passages;
mod progress;
mod quotes;
mod shard;

use clap::Parser;
use std::process::ExitCode;

pub use args::{Cli, Command};

/// Parse the command line and run the subcommand.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    // on SIGINT, SIGTERM or SIGHUP, remove the temporaries (outputs being
    // written, spooled input) before exiting as interrupted shells do
    let _ = ctrlc::set_handler(|| {
        wiretrace::atomic_file::remove_temporaries();
        std::process::exit(130);
    });
    match cli.command {
        Command::Dedup(args) => dedup::run(args),
        Command::Index(args) => index::run(args),
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Quotes(args) => quotes::run(args),
        Command::Passages(args) => passages::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Shard(args) => shard::run(args),
    }
}
