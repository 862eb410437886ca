//! Terraform numbers.
//!
//! First cut: an `f64` behind an opaque type, formatted as Terraform prints
//! numbers (integers without a fraction). The representation is private so
//! it can become arbitrary precision without touching callers.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Number(f64);

impl Number {
    pub fn from_f64(v: f64) -> Number {
        Number(v)
    }

    pub fn from_i64(v: i64) -> Number {
        Number(v as f64)
    }

    /// Parses Terraform number syntax (`1`, `-2.5`, `1e3`).
    pub fn parse(s: &str) -> Option<Number> {
        let s = s.trim();
        if s.is_empty() || s.starts_with('+') {
            return None;
        }
        s.parse::<f64>().ok().filter(|v| v.is_finite()).map(Number)
    }

    pub fn as_f64(self) -> f64 {
        self.0
    }

    /// The value as an integer when it is one.
    pub fn as_i64(self) -> Option<i64> {
        (self.0.fract() == 0.0 && self.0.abs() < 9.0e15).then_some(self.0 as i64)
    }

    pub fn add(self, o: Number) -> Number {
        Number(self.0 + o.0)
    }
    pub fn sub(self, o: Number) -> Number {
        Number(self.0 - o.0)
    }
    pub fn mul(self, o: Number) -> Number {
        Number(self.0 * o.0)
    }
    pub fn div(self, o: Number) -> Option<Number> {
        (o.0 != 0.0).then(|| Number(self.0 / o.0))
    }
    pub fn rem(self, o: Number) -> Option<Number> {
        (o.0 != 0.0).then(|| Number(self.0 % o.0))
    }
    pub fn neg(self) -> Number {
        Number(-self.0)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = self.as_i64() {
            write!(f, "{i}")
        } else {
            write!(f, "{}", self.0)
        }
    }
}
