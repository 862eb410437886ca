//! Hash functions and `uuidv5`, over the UTF-8 bytes of their argument.

use super::encoding::base64_encode;
use super::{Call, Res};
use crate::value::Value;
use sha2::Digest;

#[derive(Clone, Copy)]
pub enum Algo {
    Md5,
    Sha1,
    Sha256,
    Sha512,
}

pub fn digest(algo: Algo, data: &[u8]) -> Vec<u8> {
    match algo {
        Algo::Md5 => md5::Md5::digest(data).to_vec(),
        Algo::Sha1 => sha1::Sha1::digest(data).to_vec(),
        Algo::Sha256 => sha2::Sha256::digest(data).to_vec(),
        Algo::Sha512 => sha2::Sha512::digest(data).to_vec(),
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest as Terraform shows it: hex, or base64 for the `base64*`
/// functions.
pub fn render(algo: Algo, data: &[u8], base64: bool) -> String {
    let d = digest(algo, data);
    if base64 { base64_encode(&d) } else { hex(&d) }
}

fn hash(c: &Call, args: Vec<Value>, algo: Algo, base64: bool) -> Res {
    c.arity(&args, &["str"])?;
    let s = c.str(&args[0], "str")?;
    c.charge(s.len() / 64)?;
    Ok(c.string(render(algo, s.as_bytes(), base64)))
}

pub fn md5(c: &Call, args: Vec<Value>) -> Res {
    hash(c, args, Algo::Md5, false)
}

pub fn sha1(c: &Call, args: Vec<Value>) -> Res {
    hash(c, args, Algo::Sha1, false)
}

pub fn sha256(c: &Call, args: Vec<Value>) -> Res {
    hash(c, args, Algo::Sha256, false)
}

pub fn sha512(c: &Call, args: Vec<Value>) -> Res {
    hash(c, args, Algo::Sha512, false)
}

pub fn base64sha256(c: &Call, args: Vec<Value>) -> Res {
    hash(c, args, Algo::Sha256, true)
}

pub fn base64sha512(c: &Call, args: Vec<Value>) -> Res {
    hash(c, args, Algo::Sha512, true)
}

/// `uuidv5(namespace, name)`: deterministic, so known (RFC 4122 name-based
/// UUID over SHA-1, as Go's `uuid.NewSHA1` makes it).
pub fn uuidv5(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["namespace", "name"])?;
    let ns = c.str(&args[0], "namespace")?;
    let name = c.str(&args[1], "name")?;
    let namespace = match ns.as_ref() {
        "dns" => parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
        "url" => parse_uuid("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
        "oid" => parse_uuid("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
        "x500" => parse_uuid("6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
        other => parse_uuid(other),
    };
    let Some(namespace) = namespace else {
        return Err(c.fail(format!(
            "uuidv5() doesn't support namespace {ns} (invalid UUID length: {})",
            ns.len()
        )));
    };
    let mut data = namespace.to_vec();
    data.extend_from_slice(name.as_bytes());
    let d = digest(Algo::Sha1, &data);
    let mut u = [0u8; 16];
    u.copy_from_slice(&d[..16]);
    u[6] = (u[6] & 0x0f) | 0x50;
    u[8] = (u[8] & 0x3f) | 0x80;
    let h = hex(&u);
    Ok(c.string(format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )))
}

/// The forms Go's `uuid.Parse` accepts: plain, braced, `urn:uuid:`, and
/// 32 hex digits.
fn parse_uuid(s: &str) -> Option<[u8; 16]> {
    let s = match s.len() {
        36 => s,
        38 if s.starts_with('{') && s.ends_with('}') => &s[1..37],
        45 if s.to_ascii_lowercase().starts_with("urn:uuid:") => &s[9..],
        32 => s,
        _ => return None,
    };
    let hex_digits: String = if s.len() == 36 {
        let b = s.as_bytes();
        if b[8] != b'-' || b[13] != b'-' || b[18] != b'-' || b[23] != b'-' {
            return None;
        }
        s.chars().filter(|&ch| ch != '-').collect()
    } else {
        s.to_string()
    };
    if hex_digits.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(hex_digits.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}
