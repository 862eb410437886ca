//! Numeric functions, with cty's precisions: `pow` and `log` go through
//! `float64` (so `pow(2, 64)` prints `18446744073709550000`), `ceil` and
//! `floor` stay at the argument's precision.

use super::{Call, Res};
use crate::value::{Number, Value};

pub fn abs(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["num"])?;
    Ok(c.number(c.num(&args[0], "num")?.abs()))
}

pub fn ceil(c: &Call, args: Vec<Value>) -> Res {
    round(c, args, true)
}

pub fn floor(c: &Call, args: Vec<Value>) -> Res {
    round(c, args, false)
}

fn round(c: &Call, args: Vec<Value>, up: bool) -> Res {
    c.arity(&args, &["num"])?;
    let n = c.num(&args[0], "num")?;
    let Some(mut i) = n.trunc_bigint() else {
        return Ok(c.number(n));
    };
    if !n.is_integer() {
        // Truncation moved towards zero: one more step for the direction.
        if up && !n.is_negative() {
            i += 1;
        } else if !up && n.is_negative() {
            i -= 1;
        }
    }
    Ok(c.number(n.with_integer(&i)))
}

pub fn log(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["num", "base"])?;
    let n = c.num(&args[0], "num")?.as_f64();
    let b = c.num(&args[1], "base")?.as_f64();
    float_result(c, n.ln() / b.ln())
}

pub fn pow(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["num", "power"])?;
    let x = c.num(&args[0], "num")?.as_f64();
    let y = c.num(&args[1], "power")?.as_f64();
    float_result(c, go_pow(x, y))
}

/// Go panics on NaN when making a number of it; Terraform reports that as
/// a failed call.
fn float_result(c: &Call, v: f64) -> Res {
    if v.is_nan() {
        return Err(c.fail("the result is not a number"));
    }
    Ok(c.number(Number::from_f64(v)))
}

pub fn signum(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["num"])?;
    let n = c.num(&args[0], "num")?;
    if !n.is_integer() && !n.is_infinite() {
        return Err(c.bad("num", "value must be a whole number"));
    }
    Ok(c.int(if n.is_zero() {
        0
    } else if n.is_negative() {
        -1
    } else {
        1
    }))
}

pub fn min(c: &Call, args: Vec<Value>) -> Res {
    extreme(c, args, true)
}

pub fn max(c: &Call, args: Vec<Value>) -> Res {
    extreme(c, args, false)
}

fn extreme(c: &Call, args: Vec<Value>, min: bool) -> Res {
    if args.is_empty() {
        return Err(c.fail("must pass at least one number"));
    }
    let mut best: Option<Number> = None;
    for a in &args {
        let n = c.num(a, "numbers")?;
        let better = match &best {
            None => true,
            Some(b) => {
                if min {
                    n < *b
                } else {
                    n > *b
                }
            }
        };
        if better {
            best = Some(n);
        }
    }
    Ok(c.number(best.unwrap_or_else(Number::zero)))
}

pub fn parseint(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["number", "base"])?;
    let s = match &args[0].kind {
        crate::value::Kind::String(_) => c.str(&args[0], "number")?,
        crate::value::Kind::Unknown(u) => return Err(c.unknown_from(u)),
        _ => {
            return Err(c.bad(
                "number",
                format!(
                    "first argument must be a string, not {}",
                    super::friendly(&args[0])
                ),
            ));
        }
    };
    let base = c.int_arg(&args[1], "base")?;
    if !(2..=62).contains(&base) {
        return Err(c.bad(
            "base",
            "base must be a whole number between 2 and 62 inclusive",
        ));
    }
    c.charge(s.len() / 64)?;
    match Number::parse_int_radix(&s, base as u32) {
        Some(n) => Ok(c.number(n)),
        None => Err(c.bad(
            "number",
            format!("cannot parse {} as a base {base} integer", super::quote(&s)),
        )),
    }
}

/// Go's `math.Pow`, step for step: repeated squaring for the integer part
/// of the exponent, so results match Terraform's to the last bit.
pub fn go_pow(x: f64, y: f64) -> f64 {
    let is_odd_int = |v: f64| {
        if v.abs() >= (1u64 << 53) as f64 {
            return false;
        }
        let (xi, xf) = modf(v);
        xf == 0.0 && (xi as i64) & 1 == 1
    };
    if y == 0.0 || x == 1.0 {
        return 1.0;
    }
    if y == 1.0 {
        return x;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 {
        if y < 0.0 {
            if x.is_sign_negative() && is_odd_int(y) {
                return f64::NEG_INFINITY;
            }
            return f64::INFINITY;
        }
        if x.is_sign_negative() && is_odd_int(y) {
            return x;
        }
        return 0.0;
    }
    if y.is_infinite() {
        if x == -1.0 {
            return 1.0;
        }
        if (x.abs() < 1.0) == (y > 0.0) {
            return 0.0;
        }
        return f64::INFINITY;
    }
    if x.is_infinite() {
        if x < 0.0 {
            return go_pow(1.0 / x, -y);
        }
        if y < 0.0 {
            return 0.0;
        }
        return f64::INFINITY;
    }
    if y == 0.5 {
        return x.sqrt();
    }
    if y == -0.5 {
        return 1.0 / x.sqrt();
    }
    let (mut yi, mut yf) = modf(y.abs());
    if yf != 0.0 && x < 0.0 {
        return f64::NAN;
    }
    if yi >= 2f64.powi(63) {
        if x == -1.0 {
            return 1.0;
        }
        if (x.abs() < 1.0) == (y > 0.0) {
            return 0.0;
        }
        return f64::INFINITY;
    }
    let mut a1 = 1.0f64;
    let mut ae: i64 = 0;
    if yf != 0.0 {
        if yf > 0.5 {
            yf -= 1.0;
            yi += 1.0;
        }
        a1 = (yf * x.ln()).exp();
    }
    let (mut x1, mut xe) = frexp(x);
    let mut i = yi as i64;
    while i != 0 {
        if !(-(1 << 12)..=(1 << 12)).contains(&xe) {
            ae += xe;
            break;
        }
        if i & 1 == 1 {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if x1 < 0.5 {
            x1 += x1;
            xe -= 1;
        }
        i >>= 1;
    }
    if y < 0.0 {
        a1 = 1.0 / a1;
        ae = -ae;
    }
    go_ldexp(a1, ae)
}

fn modf(f: f64) -> (f64, f64) {
    let i = f.trunc();
    (i, f - i)
}

/// Go's `math.Frexp`: `f = frac × 2^exp` with `frac` in [0.5, 1).
fn frexp(f: f64) -> (f64, i64) {
    if f == 0.0 || f.is_infinite() || f.is_nan() {
        return (f, 0);
    }
    let (f, mut e) = if f.abs() < f64::MIN_POSITIVE {
        (f * (1u64 << 52) as f64, -52i64)
    } else {
        (f, 0)
    };
    let bits = f.to_bits();
    e += ((bits >> 52) & 0x7ff) as i64 - 1022;
    let bits = (bits & !(0x7ffu64 << 52)) | (1022u64 << 52);
    (f64::from_bits(bits), e)
}

/// Go's `math.Ldexp`, including its rounding of subnormal results.
fn go_ldexp(frac: f64, exp: i64) -> f64 {
    if frac == 0.0 || frac.is_infinite() || frac.is_nan() {
        return frac;
    }
    let (frac, e) = if frac.abs() < f64::MIN_POSITIVE {
        (frac * (1u64 << 52) as f64, -52)
    } else {
        (frac, 0)
    };
    let mut exp = exp + e;
    let mut x = frac.to_bits();
    exp += ((x >> 52) & 0x7ff) as i64 - 1023;
    if exp < -1075 {
        return 0.0f64.copysign(frac);
    }
    if exp > 1023 {
        return if frac < 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let mut m = 1.0f64;
    if exp < -1022 {
        exp += 53;
        m = 1.0 / (1u64 << 53) as f64;
    }
    x &= !(0x7ffu64 << 52);
    x |= ((exp + 1023) as u64) << 52;
    m * f64::from_bits(x)
}

#[cfg(test)]
mod tests {
    use super::go_pow;

    #[test]
    fn pow_matches_go() {
        assert_eq!(go_pow(2.0, 64.0), 18446744073709551616.0);
        assert_eq!(go_pow(2.0, 0.5), 2f64.sqrt());
        assert_eq!(go_pow(10.0, -2.0), 0.01);
        assert_eq!(go_pow(-2.0, 3.0), -8.0);
        assert!(go_pow(-2.0, 0.5).is_nan());
    }
}
