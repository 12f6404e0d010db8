//! Shares kept exact, and the programme's indicator 1 (Programme 01-CTr/TU,
//! section "Chỉ tiêu": above 75% of organisations and of members rated
//! "Hoàn thành tốt nhiệm vụ" or better, every year).
//!
//! Every verdict compares whole numbers (4·good > 3·rated); a percentage is
//! rounded only for display, so 1,876 of 2,500 (75.04%) meets "above 75%"
//! although it shows as 75.0%.

use serde::{Deserialize, Serialize};

/// `part` out of `base`, exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub part: u64,
    pub base: u64,
}

impl Share {
    pub fn new(part: u64, base: u64) -> Share {
        Share { part, base }
    }

    /// The percentage rounded to one decimal, for display only; None when the base is 0.
    pub fn pct(&self) -> Option<f64> {
        super::report::percent(self.part, self.base)
    }

    /// Whether the share is strictly above `num`/`den` (compared as integers); None when the base is 0.
    pub fn above(&self, num: u64, den: u64) -> Option<bool> {
        (self.base > 0).then(|| self.part as u128 * den as u128 > self.base as u128 * num as u128)
    }

    /// Whether the share is at least `num`/`den` (compared as integers); None when the base is 0.
    pub fn at_least(&self, num: u64, den: u64) -> Option<bool> {
        (self.base > 0).then(|| self.part as u128 * den as u128 >= self.base as u128 * num as u128)
    }
}

/// The indicator's threshold: strictly above 3/4 (75%).
pub const INDICATOR_NUM: u64 = 3;
pub const INDICATOR_DEN: u64 = 4;
/// The threshold as a whole percentage, for labels ("> 75%").
pub const INDICATOR_PCT_LABEL: u32 = 75;

/// Whether a "good or better" share meets indicator 1 (strictly above 75%).
pub fn meets_indicator(share: Share) -> Option<bool> {
    share.above(INDICATOR_NUM, INDICATOR_DEN)
}

/// A share with its verdict against indicator 1, as reports and footers ship it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub share: Share,
    /// None when nothing is rated.
    pub met: Option<bool>,
}

impl Indicator {
    pub fn of(part: u64, base: u64) -> Indicator {
        let share = Share::new(part, base);
        Indicator {
            share,
            met: meets_indicator(share),
        }
    }

    pub fn pct(&self) -> Option<f64> {
        self.share.pct()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_against_rounded() {
        // 75.04% shows as 75.0% and meets "above 75%".
        let i = Indicator::of(1876, 2500);
        assert_eq!(i.pct(), Some(75.0));
        assert_eq!(i.met, Some(true));
        // Exactly 75% does not.
        assert_eq!(Indicator::of(1875, 2500).met, Some(false));
        // 74.96% shows as 75.0% and does not.
        assert_eq!(Indicator::of(1874, 2500).pct(), Some(75.0));
        assert_eq!(Indicator::of(1874, 2500).met, Some(false));
        assert_eq!(Indicator::of(0, 0).met, None);
        assert_eq!(Share::new(4, 5).at_least(4, 5), Some(true));
        assert_eq!(Share::new(u64::MAX, u64::MAX).above(3, 4), Some(true));
    }
}
