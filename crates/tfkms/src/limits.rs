//! The `[limits]` table of `.tfkms.toml`: the evaluation limits that keep a
//! hostile tree from taking unbounded time or memory, each under the name of
//! its [`Limits`] field.
//!
//! ```toml
//! [limits]
//! max_time = 5                 # seconds per root module tree
//! max_scan_time = 60           # seconds for all root module trees
//! max_value_bytes = 268435456  # bytes of values built per root module tree
//! ```

use serde::Deserialize;
use std::time::Duration;
use tfkms_eval::Limits;
use toml::Spanned;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLimits {
    max_steps: Option<Spanned<i64>>,
    max_time: Option<Spanned<f64>>,
    max_depth: Option<Spanned<i64>>,
    max_collection: Option<Spanned<i64>>,
    max_string: Option<Spanned<i64>>,
    max_module_depth: Option<Spanned<i64>>,
    max_value_bytes: Option<Spanned<i64>>,
    max_scan_time: Option<Spanned<f64>>,
    max_scan_value_bytes: Option<Spanned<i64>>,
    max_file_bytes: Option<Spanned<i64>>,
    max_file_elements: Option<Spanned<i64>>,
    max_generated_units: Option<Spanned<i64>>,
}

/// A value that cannot be a limit: where it is, and what to write instead.
pub(crate) struct BadLimit {
    pub span: std::ops::Range<usize>,
    pub message: String,
}

impl RawLimits {
    /// The default limits with the configured ones in their place.
    pub(crate) fn apply(&self) -> Result<Limits, BadLimit> {
        let mut l = Limits::default();
        set_count(&mut l.max_steps, &self.max_steps, "max_steps")?;
        set_count(&mut l.max_depth, &self.max_depth, "max_depth")?;
        set_count(
            &mut l.max_collection,
            &self.max_collection,
            "max_collection",
        )?;
        set_count(&mut l.max_string, &self.max_string, "max_string")?;
        set_count(
            &mut l.max_module_depth,
            &self.max_module_depth,
            "max_module_depth",
        )?;
        set_count(
            &mut l.max_value_bytes,
            &self.max_value_bytes,
            "max_value_bytes",
        )?;
        set_count(
            &mut l.max_scan_value_bytes,
            &self.max_scan_value_bytes,
            "max_scan_value_bytes",
        )?;
        set_count(
            &mut l.max_file_bytes,
            &self.max_file_bytes,
            "max_file_bytes",
        )?;
        set_count(
            &mut l.max_file_elements,
            &self.max_file_elements,
            "max_file_elements",
        )?;
        set_count(
            &mut l.max_generated_units,
            &self.max_generated_units,
            "max_generated_units",
        )?;
        set_seconds(&mut l.max_time, &self.max_time, "max_time")?;
        set_seconds(&mut l.max_scan_time, &self.max_scan_time, "max_scan_time")?;
        Ok(l)
    }
}

fn set_count<T: TryFrom<i64>>(
    field: &mut T,
    raw: &Option<Spanned<i64>>,
    name: &str,
) -> Result<(), BadLimit> {
    let Some(raw) = raw else { return Ok(()) };
    match T::try_from(*raw.get_ref()) {
        Ok(v) if *raw.get_ref() > 0 => {
            *field = v;
            Ok(())
        }
        _ => Err(BadLimit {
            span: raw.span(),
            message: format!("`{name}` must be a positive whole number that fits its type"),
        }),
    }
}

fn set_seconds(
    field: &mut Duration,
    raw: &Option<Spanned<f64>>,
    name: &str,
) -> Result<(), BadLimit> {
    let Some(raw) = raw else { return Ok(()) };
    match Duration::try_from_secs_f64(*raw.get_ref()) {
        Ok(d) if !d.is_zero() => {
            *field = d;
            Ok(())
        }
        _ => Err(BadLimit {
            span: raw.span(),
            message: format!("`{name}` must be a positive number of seconds"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::parse_str;
    use std::time::Duration;

    #[test]
    fn configured_limits_replace_the_defaults_and_others_stay() {
        let c = parse_str(
            ".tfkms.toml",
            "[limits]\nmax_time = 2.5\nmax_scan_time = 30\nmax_value_bytes = 1024\n",
        )
        .unwrap();
        assert_eq!(c.limits.max_time, Duration::from_millis(2500));
        assert_eq!(c.limits.max_scan_time, Duration::from_secs(30));
        assert_eq!(c.limits.max_value_bytes, 1024);
        let defaults = tfkms_eval::Limits::default();
        assert_eq!(c.limits.max_steps, defaults.max_steps);
        assert_eq!(c.limits.max_string, defaults.max_string);
    }

    #[test]
    fn the_generated_units_limit_is_configured_like_the_others() {
        let c = parse_str(".tfkms.toml", "[limits]\nmax_generated_units = 20000\n").unwrap();
        assert_eq!(c.limits.max_generated_units, 20000);
        let e = parse_str(".tfkms.toml", "[limits]\nmax_generated_units = 0\n").unwrap_err();
        assert!(
            e.message()
                .contains("`max_generated_units` must be a positive")
        );
    }

    #[test]
    fn a_limit_that_is_not_positive_is_an_error_at_its_value() {
        let e = parse_str(".tfkms.toml", "[limits]\nmax_value_bytes = -1\n").unwrap_err();
        assert_eq!(e.location(), ".tfkms.toml:2:19");
        assert!(e.message().contains("`max_value_bytes` must be a positive"));
        let e = parse_str(".tfkms.toml", "[limits]\nmax_time = 0\n").unwrap_err();
        assert_eq!(e.location(), ".tfkms.toml:2:12");
        let e = parse_str(".tfkms.toml", "[limits]\nmax_depth = 5000000000\n").unwrap_err();
        assert!(e.message().contains("fits its type"), "{}", e.message());
    }

    #[test]
    fn an_unknown_limit_is_an_error() {
        let e = parse_str(".tfkms.toml", "[limits]\nmax_memory = 5\n").unwrap_err();
        assert_eq!(e.location(), ".tfkms.toml:2:1");
    }
}
