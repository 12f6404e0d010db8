//! The pace of admissions through a year and the projected year-end total.
//!
//! The pace to a target spreads it over the months by weights: the past
//! years' monthly shape (the city's admissions month by month in up to three
//! earlier years that have any) when every month of that shape has some,
//! otherwise a straight line (every month the same). Comparisons are made on
//! integers (done × all weights < target × weights to date), never on a
//! rounded share. The projected year-end total extrapolates the months done
//! with the same weights: "seasonal" with the past years' shape, "linear"
//! with the straight line.

use serde::{Deserialize, Serialize};

/// How many earlier years make the monthly shape.
pub const SHAPE_YEARS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaceMethod {
    /// The past years' monthly shape.
    PastYears,
    /// The same number every month.
    StraightLine,
}

impl PaceMethod {
    pub fn name_vi(self) -> &'static str {
        match self {
            PaceMethod::PastYears => "theo nhịp các năm trước",
            PaceMethod::StraightLine => "theo đường thẳng (chưa có số liệu các năm trước)",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            PaceMethod::PastYears => "past years' monthly shape",
            PaceMethod::StraightLine => "straight line (no earlier years)",
        }
    }
    /// The name of the projection made with these weights.
    pub fn projection(self) -> &'static str {
        match self {
            PaceMethod::PastYears => "seasonal",
            PaceMethod::StraightLine => "linear",
        }
    }
}

/// Monthly weights of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    pub method: PaceMethod,
    /// The earlier years the shape comes from (empty for a straight line).
    pub years: Vec<i32>,
    pub weights: [u64; 12],
}

impl Shape {
    pub fn straight() -> Shape {
        Shape {
            method: PaceMethod::StraightLine,
            years: Vec::new(),
            weights: [1; 12],
        }
    }

    /// From earlier years' city totals by month (any order): the latest
    /// `SHAPE_YEARS` with admissions, if every month of their sum has some.
    pub fn from_history(past: &[(i32, [u64; 12])]) -> Shape {
        let mut years: Vec<&(i32, [u64; 12])> = past.iter().filter(|(_, m)| m.iter().sum::<u64>() > 0).collect();
        years.sort_by_key(|(y, _)| std::cmp::Reverse(*y));
        years.truncate(SHAPE_YEARS);
        let mut weights = [0u64; 12];
        for (_, m) in &years {
            for (w, n) in weights.iter_mut().zip(m) {
                *w += n;
            }
        }
        if years.is_empty() || weights.contains(&0) {
            return Shape::straight();
        }
        let mut ys: Vec<i32> = years.iter().map(|(y, _)| *y).collect();
        ys.sort();
        Shape {
            method: PaceMethod::PastYears,
            years: ys,
            weights,
        }
    }

    /// (weights of the `active` months up to `as_of`, weights of all `active` months).
    pub fn share(&self, active: &[bool; 12], as_of: u32) -> (u128, u128) {
        let mut to_date = 0u128;
        let mut all = 0u128;
        for (m, (on, w)) in active.iter().zip(self.weights.iter()).enumerate() {
            if *on {
                all += *w as u128;
                if (m as u32) < as_of {
                    to_date += *w as u128;
                }
            }
        }
        (to_date, all)
    }

    /// The part of `target` due by the end of month `as_of` (0-12), rounded.
    pub fn due(&self, target: u64, active: &[bool; 12], as_of: u32) -> u64 {
        let (num, den) = self.share(active, as_of);
        if den == 0 {
            return 0;
        }
        ((target as u128 * num * 2 + den) / (den * 2)) as u64
    }

    /// The cumulative pace to `target` at the end of each month.
    pub fn curve(&self, target: u64) -> [u64; 12] {
        let all = [true; 12];
        std::array::from_fn(|m| self.due(target, &all, m as u32 + 1))
    }

    /// Whether `done` (by the end of month `as_of`) is behind the pace to
    /// `target`, exactly.
    pub fn behind(&self, done: u64, target: u64, active: &[bool; 12], as_of: u32) -> bool {
        let (num, den) = self.share(active, as_of);
        (done as u128) * den < (target as u128) * num
    }

    /// The year-end total `done` by the end of month `as_of` extrapolates to;
    /// None before any month with weight is over.
    pub fn project(&self, done: u64, active: &[bool; 12], as_of: u32) -> Option<u64> {
        let (num, den) = self.share(active, as_of);
        (num > 0).then(|| ((done as u128 * den * 2 + num) / (num * 2)) as u64)
    }
}

/// The months completed in `year` as of `today` (12 for past years, 0 for future ones).
pub fn months_done(year: i32, today: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    match year.cmp(&today.year()) {
        std::cmp::Ordering::Less => 12,
        std::cmp::Ordering::Greater => 0,
        std::cmp::Ordering::Equal => today.month() - 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [bool; 12] = [true; 12];

    #[test]
    fn straight_line_without_history() {
        let s = Shape::from_history(&[]);
        assert_eq!(s.method, PaceMethod::StraightLine);
        assert_eq!(s.due(1200, &ALL, 3), 300);
        assert_eq!(s.curve(1200)[11], 1200);
        // 299 done after 3 of 12 months: behind a pace of 300; 300 is not.
        assert!(s.behind(299, 1200, &ALL, 3));
        assert!(!s.behind(300, 1200, &ALL, 3));
        assert_eq!(s.project(310, &ALL, 3), Some(1240));
        assert_eq!(s.project(310, &ALL, 0), None);
        // A history with an empty month falls back to the straight line.
        let gap = Shape::from_history(&[(2024, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1])]);
        assert_eq!(gap.method, PaceMethod::StraightLine);
    }

    #[test]
    fn past_years_shape() {
        let y = |a: u64| [a, 2 * a, a, a, a, a, a, a, a, a, a, a];
        // 2019 is the fourth year back and is left out; 2020 had nothing.
        let s = Shape::from_history(&[(2019, [100; 12]), (2021, y(1)), (2022, y(2)), (2023, y(1)), (2020, [0; 12])]);
        assert_eq!(s.method, PaceMethod::PastYears);
        assert_eq!(s.years, vec![2021, 2022, 2023]);
        assert_eq!(s.weights, y(4));
        // 13 parts a year, February counts double: by the end of February 3/13.
        assert_eq!(s.due(1300, &ALL, 2), 300);
        assert!(s.behind(299, 1300, &ALL, 2));
        assert_eq!(s.project(330, &ALL, 2), Some(1430));
        // A committee that existed from July: half of its weight (6 of 6) by December.
        let second_half = std::array::from_fn(|m| m >= 6);
        assert_eq!(s.due(600, &second_half, 9), 300);
        assert_eq!(s.due(600, &second_half, 6), 0);
        assert!(!s.behind(0, 600, &second_half, 6));
    }

    #[test]
    fn months_done_by_date() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(months_done(2025, d), 12);
        assert_eq!(months_done(2026, d), 11);
        assert_eq!(months_done(2027, d), 0);
    }
}
