//! `file:` URIs to paths and back. Only `file:` URIs name something tfkms
//! can scan; every byte outside the unreserved set is percent-encoded.

use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only the local host names a path here.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if &rest[..i] == "localhost" => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(path)?;
    Some(PathBuf::from(windows_drive(&decoded)))
}

pub fn from_path(path: &Path) -> Uri {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (b == b':' && cfg!(windows)) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).expect("a percent-encoded file URI is a valid URI")
}

fn percent_decode(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `/C:/x` is `C:/x` on Windows; elsewhere the path is kept as it is.
fn windows_drive(path: &str) -> &str {
    let b = path.as_bytes();
    if cfg!(windows) && b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
        &path[1..]
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_paths_with_spaces_and_non_ascii() {
        let path = Path::new("/work/my stack/clé #1/main.tf");
        let uri = from_path(path);
        assert_eq!(
            uri.as_str(),
            "file:///work/my%20stack/cl%C3%A9%20%231/main.tf"
        );
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }

    #[test]
    fn only_local_file_uris_are_paths() {
        let parse = |s: &str| to_path(&Uri::from_str(s).unwrap());
        assert_eq!(
            parse("file://localhost/a/b.tf"),
            Some(PathBuf::from("/a/b.tf"))
        );
        assert_eq!(parse("file://server/share/b.tf"), None);
        assert_eq!(parse("untitled:Untitled-1"), None);
        // Not UTF-8 once decoded: no path to scan.
        assert_eq!(parse("file:///a/%FF.tf"), None);
        assert_eq!(percent_decode("/a/%ZZ"), None);
    }
}
