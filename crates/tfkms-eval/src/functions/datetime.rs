//! The pure date functions: `formatdate`, `timeadd`, `timecmp`, over RFC
//! 3339 timestamps as Go's `time.Parse(time.RFC3339, ...)` reads them.

use super::{Call, Res, quote};
use crate::value::Value;

/// An instant with the offset it was written in.
#[derive(Clone, Copy, Debug)]
struct Stamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    unix: i64,
    nanos: u32,
    /// Offset east of UTC in seconds; `None` for a literal `Z`.
    offset: Option<i32>,
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<i64> {
    let part = s.get(at..at + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(part).ok()?.parse().ok()
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_stamp(s: &str) -> Option<Stamp> {
    let b = s.as_bytes();
    let year = digits(b, 0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.get(10) != Some(&b'T') {
        return None;
    }
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    let (h, mi, sec) = (digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        let frac = &s[start..i.min(start + 9)];
        nanos = format!("{frac:0<9}").parse().ok()?;
    }
    let offset = match b.get(i)? {
        b'Z' => {
            i += 1;
            None
        }
        sign @ (b'+' | b'-') => {
            let oh = digits(b, i + 1, 2)?;
            if b.get(i + 3) != Some(&b':') {
                return None;
            }
            let om = digits(b, i + 4, 2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            i += 6;
            let v = (oh * 3600 + om * 60) as i32;
            Some(if *sign == b'-' { -v } else { v })
        }
        _ => return None,
    };
    if i != b.len() {
        return None;
    }
    let local = days_from_civil(year, month, day) * 86400 + h * 3600 + mi * 60 + sec;
    Some(Stamp {
        unix: local - i64::from(offset.unwrap_or(0)),
        nanos,
        offset,
    })
}

fn stamp_arg(c: &Call, v: &Value, param: &str) -> Result<Stamp, Value> {
    let s = c.str(v, param)?;
    parse_stamp(&s).ok_or_else(|| {
        c.bad(
            param,
            format!(
                "not a valid RFC3339 timestamp: cannot use {} as year",
                quote(&s)
            ),
        )
    })
}

/// The local civil fields of a stamp: (year, month, day, hour, min, sec,
/// weekday with Sunday = 0).
fn fields(t: &Stamp) -> (i64, i64, i64, i64, i64, i64, i64) {
    let local = t.unix + i64::from(t.offset.unwrap_or(0));
    let days = local.div_euclid(86400);
    let secs = local.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    let wd = (days + 4).rem_euclid(7);
    (y, m, d, secs / 3600, secs / 60 % 60, secs % 60, wd)
}

fn offset_text(t: &Stamp, colon: bool) -> String {
    let o = t.offset.unwrap_or(0);
    let sign = if o < 0 { '-' } else { '+' };
    let o = o.abs();
    if colon {
        format!("{sign}{:02}:{:02}", o / 3600, o / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}", o / 3600, o / 60 % 60)
    }
}

fn rfc3339(t: &Stamp) -> String {
    let (y, m, d, h, mi, s, _) = fields(t);
    let zone = match t.offset {
        None => "Z".to_string(),
        Some(_) => offset_text(t, true),
    };
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}{zone}")
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

pub fn formatdate(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["format", "time"])?;
    let spec = c.str(&args[0], "format")?;
    let t = stamp_arg(c, &args[1], "time")?;
    let (y, mo, d, h, mi, s, wd) = fields(&t);
    let chars: Vec<char> = spec.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if ch == '\'' {
            // Quoted literal; '' is a quote.
            let mut j = i + 1;
            if chars.get(j) == Some(&'\'') {
                out.push('\'');
                i = j + 1;
                continue;
            }
            loop {
                match chars.get(j) {
                    None => {
                        return Err(c.bad("format", "unterminated literal '"));
                    }
                    Some('\'') if chars.get(j + 1) == Some(&'\'') => {
                        out.push('\'');
                        j += 2;
                    }
                    Some('\'') => break,
                    Some(&x) => {
                        out.push(x);
                        j += 1;
                    }
                }
            }
            i = j + 1;
            continue;
        }
        if !ch.is_ascii_alphabetic() {
            out.push(ch);
            i += 1;
            continue;
        }
        let mut n = 1;
        while chars.get(i + n) == Some(&ch) {
            n += 1;
        }
        i += n;
        let tok: String = std::iter::repeat_n(ch, n).collect();
        let bad = || {
            c.bad(
                "format",
                format!("invalid date format verb {}", quote(&tok)),
            )
        };
        let h12 = if h % 12 == 0 { 12 } else { h % 12 };
        let piece = match (ch, n) {
            ('Y', 4) => format!("{y:04}"),
            ('Y', 2) => format!("{:02}", y % 100),
            ('M', 1) => mo.to_string(),
            ('M', 2) => format!("{mo:02}"),
            ('M', 3) => MONTHS[(mo - 1) as usize][..3].to_string(),
            ('M', 4) => MONTHS[(mo - 1) as usize].to_string(),
            ('D', 1) => d.to_string(),
            ('D', 2) => format!("{d:02}"),
            ('E', 3) => DAYS[wd as usize][..3].to_string(),
            ('E', 4) => DAYS[wd as usize].to_string(),
            ('h', 1) => h.to_string(),
            ('h', 2) => format!("{h:02}"),
            ('H', 1) => h12.to_string(),
            ('H', 2) => format!("{h12:02}"),
            ('A', 2) => if h < 12 { "AM" } else { "PM" }.to_string(),
            ('a', 2) => if h < 12 { "am" } else { "pm" }.to_string(),
            ('m', 1) => mi.to_string(),
            ('m', 2) => format!("{mi:02}"),
            ('s', 1) => s.to_string(),
            ('s', 2) => format!("{s:02}"),
            ('Z', 5) => offset_text(&t, true),
            ('Z', 4) => offset_text(&t, false),
            ('Z', 3) => match t.offset {
                None => "UTC".to_string(),
                Some(_) => offset_text(&t, false),
            },
            ('Z', 1) => match t.offset {
                None => "Z".to_string(),
                Some(_) => offset_text(&t, true),
            },
            _ => return Err(bad()),
        };
        out.push_str(&piece);
    }
    Ok(c.string(out))
}

/// Go's `time.ParseDuration`, in nanoseconds.
fn parse_duration(s: &str) -> Option<i128> {
    let (neg, mut rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    let mut exact: i128 = 0;
    while !rest.is_empty() {
        let num_end = rest
            .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
            .unwrap_or(rest.len());
        let num = &rest[..num_end];
        if num.is_empty() || num == "." {
            return None;
        }
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|ch: char| ch.is_ascii_digit() || ch == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        rest = &rest[unit_end..];
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        match num.split_once('.') {
            None => exact += num.parse::<i128>().ok()? * scale,
            Some((i, f)) => {
                let i: i128 = if i.is_empty() { 0 } else { i.parse().ok()? };
                exact += i * scale;
                if !f.is_empty() {
                    let frac: f64 = format!("0.{f}").parse().ok()?;
                    total += frac * scale as f64;
                }
            }
        }
        if exact > i64::MAX as i128 {
            return None;
        }
    }
    let v = exact + total as i128;
    Some(if neg { -v } else { v })
}

pub fn timeadd(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["timestamp", "duration"])?;
    let t = stamp_arg(c, &args[0], "timestamp")?;
    let d = c.str(&args[1], "duration")?;
    let Some(ns) = parse_duration(&d) else {
        return Err(c.bad("duration", format!("time: invalid duration {}", quote(&d))));
    };
    let total = i128::from(t.nanos) + ns;
    let secs = total.div_euclid(1_000_000_000);
    let nanos = total.rem_euclid(1_000_000_000) as u32;
    let out = Stamp {
        unix: t.unix + secs as i64,
        nanos,
        offset: t.offset,
    };
    Ok(c.string(rfc3339(&out)))
}

pub fn timecmp(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["timestamp_a", "timestamp_b"])?;
    let a = stamp_arg(c, &args[0], "timestamp_a")?;
    let b = stamp_arg(c, &args[1], "timestamp_b")?;
    let ord = (a.unix, a.nanos).cmp(&(b.unix, b.nanos));
    Ok(c.int(ord as i64))
}
