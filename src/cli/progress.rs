//! indicatif bars for the library's progress reports: one bar per stage on
//! stderr, only when stderr is a terminal and --quiet is not given.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wiretrace::progress::{Progress, Stage};

/// Draws a bar per stage.
pub struct Bars {
    bar: Mutex<Option<ProgressBar>>,
    visible: bool,
    current: Mutex<Option<(Stage, Instant)>>,
    times: Mutex<Vec<(Stage, Duration)>>,
}

impl Bars {
    /// Bars that show only on a terminal and when not quiet.
    pub fn new(quiet: bool) -> Bars {
        Bars {
            bar: Mutex::new(None),
            visible: !quiet && std::io::stderr().is_terminal(),
            current: Mutex::new(None),
            times: Mutex::new(Vec::new()),
        }
    }

    /// Wall time per stage so far, as `label 1.23s, ...` (stages that ran
    /// twice are summed).
    pub fn timings(&self) -> String {
        let times = self.times.lock().expect("not poisoned");
        let mut merged: Vec<(Stage, Duration)> = Vec::new();
        for &(stage, d) in times.iter() {
            match merged.iter_mut().find(|(s, _)| *s == stage) {
                Some((_, total)) => *total += d,
                None => merged.push((stage, d)),
            }
        }
        merged.iter().map(|(s, d)| format!("{} {:.2}s", s.label(), d.as_secs_f64())).collect::<Vec<_>>().join(", ")
    }
}

impl Bars {
    fn close_stage(&self) {
        if let Some((stage, start)) = self.current.lock().expect("not poisoned").take() {
            self.times.lock().expect("not poisoned").push((stage, start.elapsed()));
        }
    }
}

impl Progress for Bars {
    fn begin(&self, stage: Stage, total: Option<u64>) {
        self.close_stage();
        *self.current.lock().expect("not poisoned") = Some((stage, Instant::now()));
        if !self.visible {
            return;
        }
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        let template = match (stage, total) {
            (
                Stage::Sign
                | Stage::Verify
                | Stage::Write
                | Stage::Quotes
                | Stage::Fingerprint
                | Stage::Locate
                | Stage::Extract,
                Some(_),
            ) => "{msg:>28} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
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
        self.close_stage();
        if let Some(bar) = self.bar.lock().expect("not poisoned").take() {
            bar.finish_and_clear();
        }
    }
}
