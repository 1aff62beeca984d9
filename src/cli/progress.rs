//! indicatif bars for the library's progress reports: one bar per stage on
//! stderr, only when stderr is a terminal and --quiet is not given.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use wiretrace::progress::{Progress, Stage};

/// Draws a bar per stage.
pub struct Bars {
    bar: Mutex<Option<ProgressBar>>,
    visible: bool,
}

impl Bars {
    /// Bars that show only on a terminal and when not quiet.
    pub fn new(quiet: bool) -> Bars {
        Bars { bar: Mutex::new(None), visible: !quiet && std::io::stderr().is_terminal() }
    }
}

impl Progress for Bars {
    fn begin(&self, stage: Stage, total: Option<u64>) {
        if !self.visible {
            return;
        }
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        let template = match (stage, total) {
            (Stage::Sign | Stage::Verify | Stage::Write | Stage::Fingerprint | Stage::Locate, Some(_)) => {
                "{msg:>28} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})"
            }
            (_, Some(_)) => "{msg:>28} [{bar:30}] {pos}/{len} ({eta})",
            (_, None) => "{msg:>28} {spinner} {pos} ({elapsed})",
        };
        bar.set_style(ProgressStyle::with_template(template).expect("valid template").progress_chars("=> "));
        bar.set_message(stage.label());
        if let Some(old) = self.bar.lock().expect("not poisoned").replace(bar) {
            old.finish_and_clear();
        }
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = &*self.bar.lock().expect("not poisoned") {
            bar.inc(n);
        }
    }

    fn end(&self) {
        if let Some(bar) = self.bar.lock().expect("not poisoned").take() {
            bar.finish_and_clear();
        }
    }
}
