//! The progress bar of a long run: on standard error, only when standard
//! error is a terminal (never in a pipe, a file or CI logs). Bytes read,
//! the rate in MB/s, records judged, and the ETA when the input's size is
//! known (regular files); a spinner otherwise. Cleared before the summary.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// The bar (hidden when standard error is not a terminal).
#[derive(Clone)]
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for an input of `total` bytes (`None`: unknown).
    pub fn start(total: Option<u64>) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress {
                bar: ProgressBar::hidden(),
            };
        }
        let (bar, template) = match total {
            Some(n) => (
                ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
                "{bar:30} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} {msg}",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                "{spinner} {decimal_bytes} {decimal_bytes_per_sec} {msg}",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar }
    }

    /// `n` more bytes were read.
    pub fn read(&self, n: u64) {
        self.bar.inc(n);
    }

    /// `n` records were judged so far.
    pub fn records(&self, n: u64) {
        self.bar.set_message(format!("{n} records"));
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
