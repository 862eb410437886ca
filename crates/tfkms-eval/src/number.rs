//! Terraform numbers.
//!
//! Terraform's numbers are Go `math/big.Float` values: a binary mantissa of
//! a per-value precision (512 bits for literals and parsed strings, 64 for
//! lengths and indices, 53 for results of `pow`/`log`), rounded to nearest
//! even, and printed as the shortest decimal that reads back to the same
//! value *at that precision*. That is why `1/3` prints 157 digits while
//! `pow(2, 64)` prints `18446744073709550000`: the precision travels with the
//! value, so it does here too.
//!
//! The arithmetic follows cty (Terraform's value library) operation by
//! operation, including which precision each result gets, so that rendered
//! numbers match `terraform console` digit for digit.
//!
//! Deliberate limit: binary exponents beyond ±[`MAX_EXP`] become infinity or
//! zero (Go's limit is ±2³¹). It keeps `x*x*x*...` from building numbers whose
//! decimal rendering would take megabytes; no real configuration comes near.

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;

/// The precision of numbers parsed from text (cty's `ParseNumberVal`).
pub const PARSE_PREC: u32 = 512;
/// Beyond ±2^MAX_EXP a value overflows to infinity (or underflows to zero).
pub const MAX_EXP: i64 = 100_000;

#[derive(Clone, Debug)]
pub struct Number {
    neg: bool,
    form: Form,
    /// For finite values: odd (trailing zero bits are folded into `exp`),
    /// at most `prec` bits. Value = mant × 2^exp.
    mant: BigUint,
    exp: i64,
    prec: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Zero,
    Finite,
    Inf,
    /// What Go panics on (∞−∞, 0×∞, 0/0): Terraform reports an error, which
    /// the `try_*` operations return; the plain operations keep it as a value
    /// that equals nothing so that no wrong number is invented.
    NaN,
}

/// Why an operation has no numeric result, worded as cty words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    OpposingInfinities,
    InfinityMinusItself,
    ZeroTimesInfinity,
    ZeroByZero,
    ModuloZeroInfinity,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NumberError::OpposingInfinities => "can't compute sum of opposing infinities",
            NumberError::InfinityMinusItself => "can't subtract infinity from itself",
            NumberError::ZeroTimesInfinity => "can't multiply zero by infinity",
            NumberError::ZeroByZero => "can't divide zero by zero or infinity by infinity",
            NumberError::ModuloZeroInfinity => "can't use modulo with zero and infinity",
        })
    }
}

fn bits(m: &BigUint) -> u64 {
    m.bits()
}

impl Number {
    fn special(form: Form, neg: bool, prec: u32) -> Number {
        Number {
            neg,
            form,
            mant: BigUint::zero(),
            exp: 0,
            prec,
        }
    }

    pub fn zero() -> Number {
        Number::special(Form::Zero, false, 64)
    }

    pub fn infinity(negative: bool) -> Number {
        Number::special(Form::Inf, negative, 0)
    }

    /// Rounds `mant × 2^exp` (exact, plus a `sticky` bit standing for
    /// nonzero bits below `mant`) to `prec` bits, to nearest even.
    fn round(neg: bool, mut mant: BigUint, mut exp: i64, prec: u32, sticky: bool) -> Number {
        if mant.is_zero() {
            return Number::special(Form::Zero, neg, prec);
        }
        let n = bits(&mant);
        if n > u64::from(prec) {
            let shift = n - u64::from(prec);
            let half = mant.bit(shift - 1);
            let below = sticky || lowest_set_bit(&mant) < shift - 1;
            mant >>= shift;
            exp += shift as i64;
            if half && (below || mant.bit(0)) {
                mant += 1u32;
            }
        } else {
            debug_assert!(
                !sticky,
                "inexact results carry more bits than the precision"
            );
        }
        let tz = lowest_set_bit(&mant);
        if tz > 0 {
            mant >>= tz;
            exp += tz as i64;
        }
        let top = exp + bits(&mant) as i64;
        if top > MAX_EXP {
            return Number::special(Form::Inf, neg, prec);
        }
        if top < -MAX_EXP {
            return Number::special(Form::Zero, neg, prec);
        }
        Number {
            neg,
            form: Form::Finite,
            mant,
            exp,
            prec,
        }
    }

    /// Go's `SetFloat64`: exact, precision 53.
    pub fn from_f64(v: f64) -> Number {
        if v.is_nan() {
            return Number::special(Form::NaN, false, 53);
        }
        if v.is_infinite() {
            return Number::special(Form::Inf, v < 0.0, 53);
        }
        if v == 0.0 {
            return Number::special(Form::Zero, v.is_sign_negative(), 53);
        }
        let b = v.to_bits();
        let raw_exp = ((b >> 52) & 0x7ff) as i64;
        let frac = b & ((1u64 << 52) - 1);
        let (m, e) = if raw_exp == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), raw_exp - 1075)
        };
        Number::round(v < 0.0, BigUint::from(m), e, 53, false)
    }

    /// Go's `SetInt64`: exact, precision 64.
    pub fn from_i64(v: i64) -> Number {
        Number::round(v < 0, BigUint::from(v.unsigned_abs()), 0, 64, false)
    }

    pub fn from_u64(v: u64) -> Number {
        Number::round(false, BigUint::from(v), 0, 64, false)
    }

    /// Go's `SetInt` on a fresh float: exact, precision max(64, bit length).
    pub fn from_bigint(v: &BigInt) -> Number {
        let prec = v.bits().max(64).min(u64::from(u32::MAX)) as u32;
        Number::round(
            v.sign() == Sign::Minus,
            v.magnitude().clone(),
            0,
            prec,
            false,
        )
    }

    /// Parses a decimal number as cty's `ParseNumberVal` does (Go's
    /// `big.ParseFloat` in base 10 at 512 bits): an optional sign, digits
    /// with an optional point, an optional `e` exponent, or `Inf`.
    pub fn parse(s: &str) -> Option<Number> {
        let (neg, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        if body == "Inf" || body == "inf" {
            return Some(Number::special(Form::Inf, neg, PARSE_PREC));
        }
        let (mantissa, exp10) = match body.find(['e', 'E']) {
            Some(i) => {
                let e = &body[i + 1..];
                let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                // Far beyond MAX_EXP either way; saturate rather than overflow.
                let v: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
                (&body[..i], if e.starts_with('-') { -v } else { v })
            }
            None => (body, 0),
        };
        let (int_part, frac_part) = match mantissa.find('.') {
            Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
            None => (mantissa, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part
            .bytes()
            .chain(frac_part.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let digits = format!("{int_part}{frac_part}");
        let digits = digits.trim_start_matches('0');
        let digits_trimmed = digits.trim_end_matches('0');
        let mut exp10 = exp10.saturating_sub(frac_part.len() as i64);
        exp10 = exp10.saturating_add((digits.len() - digits_trimmed.len()) as i64);
        if digits_trimmed.is_empty() {
            return Some(Number::special(Form::Zero, neg, PARSE_PREC));
        }
        // Out of range is known from the digit count alone, before the
        // digits are converted (quadratic in their number).
        let digit_count = digits_trimmed.len() as i64;
        if let Some(special) = Number::decimal_out_of_range(neg, digit_count, exp10, PARSE_PREC) {
            return Some(special);
        }
        let mant: BigUint = digits_trimmed.parse().ok()?;
        Some(Number::from_decimal(neg, mant, exp10, PARSE_PREC))
    }

    /// Infinity or zero when `digits` significant decimal digits times
    /// `10^exp10` is out of range.
    fn decimal_out_of_range(neg: bool, digits: i64, exp10: i64, prec: u32) -> Option<Number> {
        // The value lies in [10^(top-1), 10^top); log2(10) > 3.32.
        let top = exp10.saturating_add(digits);
        if top - 1 > MAX_EXP / 3 {
            return Some(Number::special(Form::Inf, neg, prec));
        }
        if top < -(MAX_EXP / 3) - 10 {
            return Some(Number::special(Form::Zero, neg, prec));
        }
        None
    }

    /// `mant × 10^exp10`, correctly rounded to `prec` bits, in range (see
    /// [`Number::decimal_out_of_range`]).
    fn from_decimal(neg: bool, mant: BigUint, exp10: i64, prec: u32) -> Number {
        if exp10 >= 0 {
            let m = mant * pow5(exp10 as u64);
            return Number::round(neg, m, exp10, prec, false);
        }
        // mant / 10^k = mant / 5^k × 2^-k, with enough quotient bits for a
        // correctly rounded result.
        let k = (-exp10) as u64;
        let den = pow5(k);
        let shift = (u64::from(prec) + 2 + bits(&den)).saturating_sub(bits(&mant));
        let num = mant << shift;
        let (q, r) = num_integer::Integer::div_rem(&num, &den);
        Number::round(neg, q, -(k as i64) - shift as i64, prec, !r.is_zero())
    }

    /// The bytes of the mantissa on the heap.
    pub fn heap_bytes(&self) -> u64 {
        bits(&self.mant).div_ceil(8)
    }

    pub fn is_finite(&self) -> bool {
        matches!(self.form, Form::Zero | Form::Finite)
    }

    pub fn is_infinite(&self) -> bool {
        self.form == Form::Inf
    }

    pub fn is_nan(&self) -> bool {
        self.form == Form::NaN
    }

    pub fn is_zero(&self) -> bool {
        self.form == Form::Zero
    }

    pub fn is_negative(&self) -> bool {
        self.neg && self.form != Form::Zero
    }

    /// Whether the sign bit is set (`-0` included).
    pub fn sign_bit(&self) -> bool {
        self.neg
    }

    /// The binary precision the value carries.
    pub fn precision(&self) -> u32 {
        self.prec
    }

    pub fn is_integer(&self) -> bool {
        match self.form {
            Form::Zero => true,
            Form::Finite => self.exp >= 0,
            _ => false,
        }
    }

    /// The nearest `f64` (Go's `Float64()`), saturating to infinity.
    pub fn as_f64(&self) -> f64 {
        let sign = if self.neg { -1.0 } else { 1.0 };
        match self.form {
            Form::Zero => sign * 0.0,
            Form::Inf => sign * f64::INFINITY,
            Form::NaN => f64::NAN,
            Form::Finite => {
                let r = Number::round(self.neg, self.mant.clone(), self.exp, 53, false);
                match r.form {
                    Form::Finite => {
                        let m = r.mant.to_u64().unwrap_or(0) as f64;
                        sign * ldexp(m, r.exp)
                    }
                    Form::Inf => sign * f64::INFINITY,
                    _ => sign * 0.0,
                }
            }
        }
    }

    /// The value as an integer when it is one and fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self.form {
            Form::Zero => Some(0),
            Form::Finite if self.exp >= 0 && self.exp < 64 => {
                let m = self.mant.to_u64()?;
                let v = m.checked_shl(self.exp as u32)?;
                if v >> self.exp != m {
                    return None;
                }
                if self.neg {
                    if v <= i64::MAX as u64 + 1 {
                        Some((v as i64).wrapping_neg())
                    } else {
                        None
                    }
                } else {
                    i64::try_from(v).ok()
                }
            }
            _ => None,
        }
    }

    /// The integer part, truncated towards zero (Go's `Int`); `None` for
    /// infinities.
    pub fn trunc_bigint(&self) -> Option<BigInt> {
        match self.form {
            Form::Zero => Some(BigInt::zero()),
            Form::Finite => {
                let mag = if self.exp >= 0 {
                    &self.mant << (self.exp as u64)
                } else {
                    &self.mant >> ((-self.exp) as u64)
                };
                let sign = if self.neg { Sign::Minus } else { Sign::Plus };
                Some(BigInt::from_biguint(sign, mag))
            }
            _ => None,
        }
    }

    /// `SetInt` on a float of this one's precision: the integer rounded to
    /// this precision (cty's `floor`/`ceil` results).
    pub fn with_integer(&self, i: &BigInt) -> Number {
        Number::round(
            i.sign() == Sign::Minus,
            i.magnitude().clone(),
            0,
            self.prec.max(1),
            false,
        )
    }

    fn nan(prec: u32) -> Number {
        Number::special(Form::NaN, false, prec)
    }

    /// Go's `Add` into a fresh float: precision max of the operands.
    pub fn try_add(&self, o: &Number) -> Result<Number, NumberError> {
        let prec = self.prec.max(o.prec);
        match (self.form, o.form) {
            (Form::NaN, _) | (_, Form::NaN) => Ok(Number::nan(prec)),
            (Form::Inf, Form::Inf) if self.neg != o.neg => Err(NumberError::OpposingInfinities),
            (Form::Inf, _) => Ok(Number::special(Form::Inf, self.neg, prec)),
            (_, Form::Inf) => Ok(Number::special(Form::Inf, o.neg, prec)),
            (Form::Zero, Form::Zero) => Ok(Number::special(Form::Zero, self.neg && o.neg, prec)),
            (Form::Zero, _) => Ok(Number::round(o.neg, o.mant.clone(), o.exp, prec, false)),
            (_, Form::Zero) => Ok(Number::round(
                self.neg,
                self.mant.clone(),
                self.exp,
                prec,
                false,
            )),
            (Form::Finite, Form::Finite) => Ok(add_finite(self, o, prec)),
        }
    }

    pub fn try_sub(&self, o: &Number) -> Result<Number, NumberError> {
        if self.form == Form::Inf && o.form == Form::Inf && self.neg == o.neg {
            return Err(NumberError::InfinityMinusItself);
        }
        self.try_add(&o.negated())
    }

    /// cty's `Multiply`: the product rounded to 512 bits, then labelled with
    /// the larger of the operands' precisions and the bits the product needs.
    pub fn try_mul(&self, o: &Number) -> Result<Number, NumberError> {
        let neg = self.neg != o.neg;
        let prec = self.prec.max(o.prec);
        match (self.form, o.form) {
            (Form::NaN, _) | (_, Form::NaN) => Ok(Number::nan(prec)),
            (Form::Inf, Form::Zero) | (Form::Zero, Form::Inf) => {
                Err(NumberError::ZeroTimesInfinity)
            }
            (Form::Inf, _) | (_, Form::Inf) => Ok(Number::special(Form::Inf, neg, prec)),
            (Form::Zero, _) | (_, Form::Zero) => Ok(Number::special(Form::Zero, neg, prec)),
            (Form::Finite, Form::Finite) => {
                let mut r = Number::round(neg, &self.mant * &o.mant, self.exp + o.exp, 512, false);
                let min_prec = bits(&r.mant) as u32;
                r.prec = prec.max(min_prec);
                Ok(r)
            }
        }
    }

    /// Go's `Quo` into a fresh float; `x/0` is an infinity, as in Terraform.
    pub fn try_div(&self, o: &Number) -> Result<Number, NumberError> {
        let neg = self.neg != o.neg;
        let prec = self.prec.max(o.prec);
        match (self.form, o.form) {
            (Form::NaN, _) | (_, Form::NaN) => Ok(Number::nan(prec)),
            (Form::Zero, Form::Zero) | (Form::Inf, Form::Inf) => Err(NumberError::ZeroByZero),
            (Form::Zero, _) | (_, Form::Inf) => Ok(Number::special(Form::Zero, neg, prec)),
            (Form::Inf, _) | (_, Form::Zero) => Ok(Number::special(Form::Inf, neg, prec)),
            (Form::Finite, Form::Finite) => {
                let shift = (u64::from(prec) + 2 + bits(&o.mant)).saturating_sub(bits(&self.mant));
                let num = &self.mant << shift;
                let (q, r) = num_integer::Integer::div_rem(&num, &o.mant);
                Ok(Number::round(
                    neg,
                    q,
                    self.exp - o.exp - shift as i64,
                    prec,
                    !r.is_zero(),
                ))
            }
        }
    }

    /// cty's `Modulo`: `a - b × trunc(a/b)` at `a`'s precision; `a % 0` is
    /// `a`, and infinities give an infinity.
    pub fn try_rem(&self, o: &Number) -> Result<Number, NumberError> {
        if self.is_nan() || o.is_nan() {
            return Ok(Number::nan(self.prec));
        }
        if self.is_infinite() || o.is_infinite() {
            return self.try_mul(o).map_err(|_| NumberError::ModuloZeroInfinity);
        }
        if o.is_zero() {
            return Ok(self.clone());
        }
        let rat = self
            .try_div(o)
            .map_err(|_| NumberError::ModuloZeroInfinity)?;
        let int = rat.trunc_bigint().unwrap_or_default();
        let p = self.prec;
        let work = Number::round(
            int.sign() == Sign::Minus,
            int.magnitude().clone(),
            0,
            p,
            false,
        );
        let prod = mul_at(o, &work, p);
        let r = add_finite_any(self, &prod.negated(), p);
        Ok(r)
    }

    // The by-value operations below predate the `try_*` forms and keep
    // their callers unchanged; `div` and `rem` return `Option`, so the
    // operator traits would not fit them anyway.
    #[allow(clippy::should_implement_trait)]
    pub fn add(self, o: Number) -> Number {
        self.try_add(&o).unwrap_or_else(|_| Number::nan(0))
    }

    #[allow(clippy::should_implement_trait)]
    pub fn sub(self, o: Number) -> Number {
        self.try_sub(&o).unwrap_or_else(|_| Number::nan(0))
    }

    #[allow(clippy::should_implement_trait)]
    pub fn mul(self, o: Number) -> Number {
        self.try_mul(&o).unwrap_or_else(|_| Number::nan(0))
    }

    /// `None` where Terraform reports an error (`0/0`, `∞/∞`).
    #[allow(clippy::should_implement_trait)]
    pub fn div(self, o: Number) -> Option<Number> {
        self.try_div(&o).ok()
    }

    #[allow(clippy::should_implement_trait)]
    pub fn rem(self, o: Number) -> Option<Number> {
        self.try_rem(&o).ok()
    }

    #[allow(clippy::should_implement_trait)]
    pub fn neg(self) -> Number {
        self.negated()
    }

    pub fn negated(&self) -> Number {
        let mut n = self.clone();
        if n.form != Form::NaN {
            n.neg = !n.neg;
        }
        n
    }

    pub fn abs(&self) -> Number {
        let mut n = self.clone();
        n.neg = false;
        n
    }

    /// The shortest decimal digits that read back to this value at its
    /// precision, and the decimal point position (Go's `roundShortest`).
    fn shortest_decimal(&self) -> Decimal {
        let mut d = Decimal::of(&self.mant, self.exp);
        if d.mant.is_empty() {
            return d;
        }
        // Scale the mantissa so that its lowest bit is half an ulp at the
        // value's precision.
        let b = bits(&self.mant) as i64;
        let s = b - (i64::from(self.prec) + 1);
        let (mant, exp) = if s < 0 {
            (&self.mant << ((-s) as u64), self.exp + s)
        } else {
            (&self.mant >> (s as u64), self.exp + s)
        };
        let lower = Decimal::of(&(&mant - 1u32), exp);
        let upper = Decimal::of(&(&mant + 1u32), exp);
        let inclusive = !mant.bit(1);
        let len = d.mant.len();
        for i in 0..len {
            let m = d.mant[i];
            let l = lower.at(i);
            let u = upper.at(i);
            let okdown = l != m || inclusive && i + 1 == lower.mant.len();
            let okup = m != u && (inclusive || m + 1 < u || i + 1 < upper.mant.len());
            match (okdown, okup) {
                (true, true) => {
                    d.round(i + 1);
                    return d;
                }
                (true, false) => {
                    d.round_down(i + 1);
                    return d;
                }
                (false, true) => {
                    d.round_up(i + 1);
                    return d;
                }
                _ => {}
            }
        }
        d
    }

    /// Go's `big.Float.Text(verb, prec)` for `e`, `E`, `f`, `g`, `G`;
    /// `prec: None` is Go's `-1`, the shortest exact rendering.
    pub fn text(&self, verb: char, prec: Option<usize>) -> String {
        let mut out = String::new();
        if self.neg && self.form != Form::NaN {
            out.push('-');
        }
        match self.form {
            Form::Inf => {
                if !self.neg {
                    out.push('+');
                }
                out.push_str("Inf");
                return out;
            }
            Form::NaN => return "NaN".into(),
            _ => {}
        }
        let shortest = prec.is_none();
        let (mut d, mut prec) = if let Some(p) = prec {
            let mut d = Decimal::of(&self.mant, self.exp);
            let mut p = p as i64;
            match verb {
                'e' | 'E' => d.round_at(1 + p),
                'f' => d.round_at(d.exp + p),
                _ => {
                    if p == 0 {
                        p = 1;
                    }
                    d.round_at(p)
                }
            }
            (d, p)
        } else {
            let d = self.shortest_decimal();
            let p = match verb {
                'e' | 'E' => d.mant.len() as i64 - 1,
                'f' => (d.mant.len() as i64 - d.exp).max(0),
                _ => d.mant.len() as i64,
            };
            (d, p)
        };
        match verb {
            'e' | 'E' => fmt_e(&mut out, verb, prec, &d),
            'f' => fmt_f(&mut out, prec, &d),
            _ => {
                let mut eprec = prec;
                if eprec > d.mant.len() as i64 && d.mant.len() as i64 >= d.exp {
                    eprec = d.mant.len() as i64;
                }
                if shortest {
                    eprec = 6;
                }
                let exp = d.exp - 1;
                if exp < -4 || exp >= eprec {
                    if prec > d.mant.len() as i64 {
                        prec = d.mant.len() as i64;
                    }
                    let e = if verb == 'G' { 'E' } else { 'e' };
                    fmt_e(&mut out, e, prec - 1, &d);
                } else {
                    if prec > d.exp {
                        prec = d.mant.len() as i64;
                    }
                    fmt_f(&mut out, (prec - d.exp).max(0), &d);
                }
            }
        }
        d.mant.clear();
        out
    }

    /// Parses an integer in a base from 2 to 62 (Go's `big.Int.SetString`,
    /// as `parseint` uses it).
    pub fn parse_int_radix(s: &str, base: u32) -> Option<Number> {
        let (neg, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        if body.is_empty() {
            return None;
        }
        let digit = |c: char| {
            let d = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'a'..='z' => c as u32 - 'a' as u32 + 10,
                'A'..='Z' if base <= 36 => c as u32 - 'A' as u32 + 10,
                'A'..='Z' => c as u32 - 'A' as u32 + 36,
                _ => return None,
            };
            (d < base).then_some(d)
        };
        let mut digits = Vec::with_capacity(body.len());
        for c in body.chars() {
            digits.push(digit(c)?);
        }
        let significant = &digits[digits.iter().position(|&d| d != 0).unwrap_or(digits.len())..];
        // The value is at least base^(n-1): past 2^MAX_EXP it is infinite,
        // known without building it (building it is quadratic in n).
        let min_bits = (significant.len().saturating_sub(1)) as f64 * f64::from(base).log2();
        if min_bits > (MAX_EXP + 1) as f64 {
            return Some(Number::special(Form::Inf, neg, 64));
        }
        let mut v = BigUint::zero();
        for &d in significant {
            v = v * base + d;
        }
        let sign = if neg { Sign::Minus } else { Sign::Plus };
        Some(Number::from_bigint(&BigInt::from_biguint(sign, v)))
    }
}

fn lowest_set_bit(m: &BigUint) -> u64 {
    m.trailing_zeros().unwrap_or(0)
}

fn pow5(k: u64) -> BigUint {
    num_traits::pow::pow(BigUint::from(5u32), k as usize)
}

fn ldexp(m: f64, e: i64) -> f64 {
    // Two steps so that an intermediate power of two cannot overflow while
    // the product is still representable.
    let e = e.clamp(-2200, 2200) as i32;
    let h = e / 2;
    m * 2f64.powi(h) * 2f64.powi(e - h)
}

/// The exact sum of two finite values, rounded to `prec`.
fn add_finite(a: &Number, b: &Number, prec: u32) -> Number {
    let (mut a, mut b) = (a.clone(), b.clone());
    let top_a = a.exp + bits(&a.mant) as i64;
    let top_b = b.exp + bits(&b.mant) as i64;
    // A much smaller operand only decides the rounding direction: stand it
    // in by a single bit far below the result's last place, so that adding
    // 1e-30000 to 1 does not build a 100000-bit integer.
    let guard = i64::from(prec) + 4;
    if top_b < top_a - guard {
        b.mant = BigUint::one();
        b.exp = top_a - guard - 1;
    } else if top_a < top_b - guard {
        a.mant = BigUint::one();
        a.exp = top_b - guard - 1;
    }
    let e = a.exp.min(b.exp);
    let ma = BigInt::from_biguint(
        if a.neg { Sign::Minus } else { Sign::Plus },
        &a.mant << ((a.exp - e) as u64),
    );
    let mb = BigInt::from_biguint(
        if b.neg { Sign::Minus } else { Sign::Plus },
        &b.mant << ((b.exp - e) as u64),
    );
    let sum = ma + mb;
    if sum.is_zero() {
        return Number::special(Form::Zero, false, prec);
    }
    Number::round(
        sum.sign() == Sign::Minus,
        sum.magnitude().clone(),
        e,
        prec,
        false,
    )
}

/// Addition of possibly-zero finite values at a fixed precision (Go's
/// `Sub`/`Add` into a float whose precision is already set).
fn add_finite_any(a: &Number, b: &Number, prec: u32) -> Number {
    match (a.form, b.form) {
        (Form::Zero, Form::Zero) => Number::special(Form::Zero, a.neg && b.neg, prec),
        (Form::Zero, _) => Number::round(b.neg, b.mant.clone(), b.exp, prec, false),
        (_, Form::Zero) => Number::round(a.neg, a.mant.clone(), a.exp, prec, false),
        _ => add_finite(a, b, prec),
    }
}

/// Go's `Mul` into a float whose precision is already `prec`.
fn mul_at(a: &Number, b: &Number, prec: u32) -> Number {
    let neg = a.neg != b.neg;
    if a.is_zero() || b.is_zero() {
        return Number::special(Form::Zero, neg, prec);
    }
    Number::round(neg, &a.mant * &b.mant, a.exp + b.exp, prec, false)
}

/// A decimal number `0.mant × 10^exp` with ASCII digits and no trailing
/// zeros, as Go's `math/big` formats through.
struct Decimal {
    mant: Vec<u8>,
    exp: i64,
}

impl Decimal {
    /// The exact decimal form of `m × 2^e`.
    fn of(m: &BigUint, e: i64) -> Decimal {
        if m.is_zero() {
            return Decimal {
                mant: Vec::new(),
                exp: 0,
            };
        }
        let (digits, shift10) = if e >= 0 {
            ((m << (e as u64)).to_string(), 0i64)
        } else {
            // m / 2^k = m × 5^k / 10^k
            let k = (-e) as u64;
            ((m * pow5(k)).to_string(), -(k as i64))
        };
        let mut mant = digits.into_bytes();
        let exp = mant.len() as i64 + shift10;
        while mant.last() == Some(&b'0') {
            mant.pop();
        }
        Decimal { mant, exp }
    }

    fn at(&self, i: usize) -> u8 {
        self.mant.get(i).copied().unwrap_or(b'0')
    }

    fn at_signed(&self, i: i64) -> u8 {
        if i < 0 { b'0' } else { self.at(i as usize) }
    }

    fn round_at(&mut self, n: i64) {
        if n < 0 || n as usize >= self.mant.len() {
            // Go leaves the digits alone for a negative count: `%.0f` of 0.4
            // still rounds through fmtF's digit reads, as Go does.
            return;
        }
        self.round(n as usize);
    }

    fn round(&mut self, n: usize) {
        if n >= self.mant.len() {
            return;
        }
        let up = if self.mant[n] == b'5' && n + 1 == self.mant.len() {
            n > 0 && (self.mant[n - 1] - b'0') & 1 != 0
        } else {
            self.mant[n] >= b'5'
        };
        if up {
            self.round_up(n);
        } else {
            self.round_down(n);
        }
    }

    fn round_up(&mut self, n: usize) {
        if n >= self.mant.len() {
            return;
        }
        let mut n = n;
        while n > 0 && self.mant[n - 1] >= b'9' {
            n -= 1;
        }
        if n == 0 {
            self.mant.clear();
            self.mant.push(b'1');
            self.exp += 1;
            return;
        }
        self.mant[n - 1] += 1;
        self.mant.truncate(n);
    }

    fn round_down(&mut self, n: usize) {
        if n >= self.mant.len() {
            return;
        }
        self.mant.truncate(n);
        while self.mant.last() == Some(&b'0') {
            self.mant.pop();
        }
        if self.mant.is_empty() {
            self.exp = 0;
        }
    }
}

fn fmt_e(out: &mut String, verb: char, prec: i64, d: &Decimal) {
    out.push(d.mant.first().map_or('0', |&c| c as char));
    if prec > 0 {
        out.push('.');
        let m = d.mant.len().min(prec as usize + 1);
        let mut i = 1;
        if i < m {
            out.extend(d.mant[i..m].iter().map(|&c| c as char));
            i = m;
        }
        while (i as i64) <= prec {
            out.push('0');
            i += 1;
        }
    }
    out.push(verb);
    let mut exp = if d.mant.is_empty() { 0 } else { d.exp - 1 };
    if exp < 0 {
        out.push('-');
        exp = -exp;
    } else {
        out.push('+');
    }
    if exp < 10 {
        out.push('0');
    }
    out.push_str(&exp.to_string());
}

fn fmt_f(out: &mut String, prec: i64, d: &Decimal) {
    if d.exp > 0 {
        let m = d.mant.len().min(d.exp as usize);
        out.extend(d.mant[..m].iter().map(|&c| c as char));
        for _ in m as i64..d.exp {
            out.push('0');
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 0..prec {
            out.push(d.at_signed(d.exp + i) as char);
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.partial_cmp(other) == Some(Ordering::Equal)
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Number) -> Option<Ordering> {
        let rank = |n: &Number| -> i8 {
            match (n.form, n.neg) {
                (Form::Inf, true) => -2,
                (Form::Finite, true) => -1,
                (Form::Zero, _) => 0,
                (Form::Finite, false) => 1,
                (Form::Inf, false) => 2,
                (Form::NaN, _) => 3,
            }
        };
        let (ra, rb) = (rank(self), rank(other));
        if ra == 3 || rb == 3 {
            return None;
        }
        if ra != rb || ra.abs() != 1 {
            return Some(ra.cmp(&rb));
        }
        // Both finite with the same sign: compare magnitudes.
        let top_a = self.exp + bits(&self.mant) as i64;
        let top_b = other.exp + bits(&other.mant) as i64;
        let mag = top_a.cmp(&top_b).then_with(|| {
            let e = self.exp.min(other.exp);
            let a = &self.mant << ((self.exp - e) as u64);
            let b = &other.mant << ((other.exp - e) as u64);
            a.cmp(&b)
        });
        Some(if self.neg { mag.reverse() } else { mag })
    }
}

impl fmt::Display for Number {
    /// As Terraform prints a number and converts it to a string: Go's
    /// `Text('f', -1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Integers whose every digit is significant at their precision print
        // as themselves; the general path would find the same digits slowly.
        if self.form == Form::Finite
            && self.exp >= 0
            && self.exp + bits(&self.mant) as i64 <= i64::from(self.prec)
            && self.exp + (bits(&self.mant) as i64) < 127
            && let Some(m) = self.mant.to_u128()
        {
            let v = m << self.exp;
            return write!(f, "{}{v}", if self.neg { "-" } else { "" });
        }
        if self.form == Form::Zero {
            return f.write_str(if self.neg { "-0" } else { "0" });
        }
        f.write_str(&self.text('f', None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Number {
        Number::parse(s).unwrap()
    }

    #[test]
    fn renders_like_terraform() {
        let third = n("1").div(n("3")).unwrap();
        assert_eq!(
            third.to_string(),
            "0.33333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333335"
        );
        assert_eq!(n("10").div(n("4")).unwrap().to_string(), "2.5");
        assert_eq!(n("2").div(n("3")).unwrap().mul(n("3")).to_string(), "2");
        assert_eq!(n("1e30").to_string(), "1000000000000000000000000000000");
        assert_eq!(n("0").neg().to_string(), "-0");
        assert_eq!(n("0.1").mul(n("3")).to_string(), "0.3");
        assert_eq!(n("0.1").add(n("0.2")).to_string(), "0.3");
        assert_eq!(n("1e-7").to_string(), "0.0000001");
        assert_eq!(
            Number::from_f64(18446744073709551616.0).to_string(),
            "18446744073709550000"
        );
        assert_eq!(n("-7").rem(n("3")).unwrap().to_string(), "-1");
        assert_eq!(n("7.5").rem(n("2")).unwrap().to_string(), "1.5");
        assert_eq!(
            Number::from_f64(2f64.sqrt()).to_string(),
            "1.4142135623730951"
        );
    }

    #[test]
    fn formats_verbs_like_go() {
        assert_eq!(n("1234567").text('g', None), "1.234567e+06");
        assert_eq!(n("3.14159").text('f', Some(2)), "3.14");
        assert_eq!(n("0.125").text('f', Some(2)), "0.12");
        assert_eq!(n("2.5").text('e', Some(3)), "2.500e+00");
        assert_eq!(n("0.0001").text('g', None), "0.0001");
        assert_eq!(n("0.00001").text('g', None), "1e-05");
        assert_eq!(n("0.4").text('f', Some(0)), "0");
    }

    #[test]
    fn compares_and_converts() {
        assert!(n("0.1") < n("0.2"));
        assert!(n("-1") < n("0"));
        assert_eq!(n("2.0"), Number::from_i64(2));
        assert_eq!(n("12").as_i64(), Some(12));
        assert_eq!(n("-12").as_i64(), Some(-12));
        assert_eq!(n("1.5").as_i64(), None);
        assert_eq!(n("0.1").as_f64(), 0.1);
        assert_eq!(n("1e400").as_f64(), f64::INFINITY);
        assert!(Number::parse("1e99999999999").unwrap().is_infinite());
        assert!(Number::parse("abc").is_none());
        assert!(Number::parse(".").is_none());
        assert_eq!(n(".5").to_string(), "0.5");
    }
}
