//! Small sampling helpers over the seeded ChaCha generator.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub type R = ChaCha8Rng;

/// A whole number in `lo..=hi`.
pub fn range(rng: &mut R, lo: u32, hi: u32) -> u32 {
    if hi <= lo {
        lo
    } else {
        rng.gen_range(lo..=hi)
    }
}

/// A real number in `lo..hi`.
pub fn real(rng: &mut R, lo: f64, hi: f64) -> f64 {
    if hi <= lo {
        lo
    } else {
        rng.gen_range(lo..hi)
    }
}

pub fn chance(rng: &mut R, p: f64) -> bool {
    rng.gen::<f64>() < p
}

pub fn pick<'a, T>(rng: &mut R, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// An index drawn with the given (non-negative) weights.
pub fn weighted(rng: &mut R, weights: &[f64]) -> usize {
    let sum: f64 = weights.iter().sum();
    let mut x = rng.gen::<f64>() * sum;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// Fisher-Yates shuffle.
pub fn shuffle<T>(rng: &mut R, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.gen_range(0..=i);
        items.swap(i, j);
    }
}

/// Round `x` up or down at random, keeping the expectation.
pub fn round_random(rng: &mut R, x: f64) -> u32 {
    let f = x.max(0.0).floor();
    let frac = x.max(0.0) - f;
    f as u32 + chance(rng, frac) as u32
}

/// Split `total` into parts proportional to `weights`, each at least `min`
/// (largest remainder; if `total` is too small every part gets `min`).
pub fn split(total: u32, weights: &[f64], min: u32) -> Vec<u32> {
    let k = weights.len();
    if k == 0 {
        return Vec::new();
    }
    let base = min.saturating_mul(k as u32);
    if total <= base {
        return vec![min; k];
    }
    let rest = (total - base) as f64;
    let sum: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let mut parts: Vec<u32> = Vec::with_capacity(k);
    let mut fracs: Vec<(f64, usize)> = Vec::with_capacity(k);
    let mut given = 0u32;
    for (i, w) in weights.iter().enumerate() {
        let exact = rest * w / sum;
        let whole = exact.floor() as u32;
        given += whole;
        parts.push(min + whole);
        fracs.push((exact - whole as f64, i));
    }
    let mut left = (total - base).saturating_sub(given);
    fracs.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
    for (_, i) in fracs {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

/// A Poisson draw (Knuth for small means, a rounded normal for large ones).
pub fn poisson(rng: &mut R, lambda: f64) -> u32 {
    if lambda <= 0.0 {
        return 0;
    }
    if lambda > 30.0 {
        let n = normal(rng) * lambda.sqrt() + lambda;
        return n.round().max(0.0) as u32;
    }
    let l = (-lambda).exp();
    let mut k = 0u32;
    let mut p = 1.0;
    loop {
        p *= rng.gen::<f64>();
        if p <= l {
            return k;
        }
        k += 1;
    }
}

/// A standard normal draw (Box-Muller).
pub fn normal(rng: &mut R) -> f64 {
    let u1: f64 = rng.gen::<f64>().max(1e-12);
    let u2: f64 = rng.gen::<f64>();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// A date in `from..=to`.
pub fn date_in(rng: &mut R, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    if to <= from {
        return from;
    }
    let span = (to - from).num_days() as u64;
    from + Days::new(rng.gen_range(0..=span))
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_total_and_minimum() {
        let parts = split(100, &[1.0, 2.0, 3.0, 0.0], 3);
        assert_eq!(parts.iter().sum::<u32>(), 100);
        assert!(parts.iter().all(|p| *p >= 3));
        assert_eq!(split(5, &[1.0, 1.0, 1.0], 3), vec![3, 3, 3]);
    }
}
