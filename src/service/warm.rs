//! Work the server does while it is quiet so that clerks do not wait for it
//! (the writer also keeps today's tree for the register, `warm_tree_window`):
//! the classification windows of the years opened most (this year and the
//! one before) are prepared: the tree at each year's end and the year's
//! records on the writer, the findings and layout on a reader. A clerk's first
//! year change after the server started is then a window read (at `--scale
//! large` a year not prepared took about 0.5 s the first time). So is the
//! search's index (the first keystroke built it: 0.4 s at large). An earlier
//! year is prepared when a clerk first opens it: each kept year holds 38-45
//! MB at large (its year-end tree, records and layout), and preparing two
//! years back left the server above 300 MB there (BENCHMARKS.md).

use super::api::ClassWindowQuery;
use super::{OffRead, Service};
use chrono::Datelike;

/// How many years back from this one are prepared.
const YEARS: i32 = 1;

impl Service {
    /// The years to prepare, newest first.
    pub fn warm_years(today: chrono::NaiveDate) -> Vec<i32> {
        let y = today.year();
        (y - YEARS..=y).rev().collect()
    }

    /// Build the search's index if it is not built. The quiet server does
    /// this before the years: the index reads every case from the store
    /// (memory keeps only their heads), and done right after the heads were
    /// loaded that pass finds the cases' pages in sled's cache; done after
    /// the years it left the server ~30-55 MB larger at `--scale large`.
    pub fn warm_search(&mut self) {
        if let Err(e) = self.search_ready() {
            tracing::debug!("search index not prepared: {}", e.en);
        }
    }

    /// Prepare one year's classification window: the writer's part here, the
    /// rest as a read for a reader thread (its answer is not needed).
    pub fn warm_year(&mut self, year: i32) -> Option<OffRead> {
        let query = ClassWindowQuery {
            year,
            height: 1,
            ..Default::default()
        };
        match self.class_window_job(query) {
            Ok(job) => Some(OffRead::ClassWindow(Box::new(job))),
            Err(e) => {
                tracing::debug!(year, "nothing to prepare: {}", e.en);
                None
            }
        }
    }
}
