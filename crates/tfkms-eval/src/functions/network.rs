//! CIDR functions, with the arithmetic of Terraform's `go-cidr` helpers.
//! Addresses are `u128` with a width of 32 or 128 bits.

use super::{Call, Res};
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Clone, Copy, Debug)]
struct Net {
    ip: u128,
    prefix: u32,
    bits: u32,
}

impl Net {
    fn mask(prefix: u32, bits: u32) -> u128 {
        let all = if bits == 128 {
            u128::MAX
        } else {
            (1u128 << bits) - 1
        };
        if prefix == 0 {
            0
        } else {
            all & !((1u128 << (bits - prefix)) - 1).min(all)
        }
    }

    fn all(&self) -> u128 {
        if self.bits == 128 {
            u128::MAX
        } else {
            (1u128 << self.bits) - 1
        }
    }

    fn last(&self) -> u128 {
        self.ip | (self.all() & !Net::mask(self.prefix, self.bits))
    }

    fn contains(&self, ip: u128) -> bool {
        ip & Net::mask(self.prefix, self.bits) == self.ip
    }
}

fn ip_string(ip: u128, bits: u32) -> String {
    if bits == 32 {
        Ipv4Addr::from(ip as u32).to_string()
    } else {
        Ipv6Addr::from(ip).to_string()
    }
}

fn net_string(n: &Net) -> String {
    format!("{}/{}", ip_string(n.ip, n.bits), n.prefix)
}

/// IPv4 as Terraform's `ipaddr` reads it: leading zeros are decimal.
fn parse_v4(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut v = 0u32;
    for p in parts {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = p.parse().ok()?;
        if n > 255 {
            return None;
        }
        v = v << 8 | n;
    }
    Some(v)
}

fn parse_cidr(s: &str) -> Result<Net, String> {
    let err = || format!("invalid CIDR address: {s}");
    let (addr, len) = s.split_once('/').ok_or_else(err)?;
    if len.is_empty() || !len.bytes().all(|b| b.is_ascii_digit()) || len.len() > 3 {
        return Err(err());
    }
    let prefix: u32 = len.parse().map_err(|_| err())?;
    let (ip, bits) = if let Some(v4) = parse_v4(addr) {
        (u128::from(v4), 32)
    } else {
        let v6: Ipv6Addr = addr.parse().map_err(|_| err())?;
        (u128::from(v6), 128)
    };
    if prefix > bits {
        return Err(err());
    }
    Ok(Net {
        ip: ip & Net::mask(prefix, bits),
        prefix,
        bits,
    })
}

fn cidr_arg(c: &Call, v: &Value, param: &str) -> Result<Net, Value> {
    let s = c.str(v, param)?;
    parse_cidr(&s).map_err(|e| c.fail(format!("invalid CIDR expression: {e}")))
}

fn bigint_arg(c: &Call, v: &Value, param: &str) -> Result<BigInt, Value> {
    let n = c.num(v, param)?;
    if !n.is_integer() {
        return Err(c.bad(param, "value must be a whole number"));
    }
    n.trunc_bigint()
        .ok_or_else(|| c.bad(param, "value must be a whole number"))
}

pub fn cidrhost(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["prefix", "hostnum"])?;
    let net = cidr_arg(c, &args[0], "prefix")?;
    let num = bigint_arg(c, &args[1], "hostnum")?;
    let host_len = net.bits - net.prefix;
    let max_host: BigInt = (BigInt::from(1) << host_len) - 1;
    let host = if num.is_negative() {
        &max_host - (-&num - 1)
    } else {
        num.clone()
    };
    let magnitude = if num.is_negative() {
        -&num - 1
    } else {
        num.clone()
    };
    if magnitude > max_host || host.is_negative() {
        return Err(c.fail(format!(
            "prefix of {} bits cannot accommodate a host numbered {num}",
            net.prefix
        )));
    }
    let h = host.to_u128().unwrap_or(0);
    Ok(c.string(ip_string(net.ip | h, net.bits)))
}

pub fn cidrnetmask(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["prefix"])?;
    let net = cidr_arg(c, &args[0], "prefix")?;
    if net.bits != 32 {
        return Err(c.fail(format!(
            "IPv6 addresses cannot have a netmask: {}",
            c.str(&args[0], "prefix")?
        )));
    }
    Ok(c.string(ip_string(Net::mask(net.prefix, 32), 32)))
}

pub fn cidrsubnet(c: &Call, args: Vec<Value>) -> Res {
    c.arity(&args, &["prefix", "newbits", "netnum"])?;
    let net = cidr_arg(c, &args[0], "prefix")?;
    let newbits = c.int_arg(&args[1], "newbits")?;
    let num = bigint_arg(c, &args[2], "netnum")?;
    let new_prefix = i64::from(net.prefix) + newbits;
    if newbits < 0 || new_prefix > i64::from(net.bits) {
        return Err(c.fail(format!(
            "insufficient address space to extend prefix of {} by {newbits}",
            net.prefix
        )));
    }
    let max_num: BigInt = (BigInt::from(1) << newbits as u32) - 1;
    if num.is_negative() || num > max_num {
        return Err(c.fail(format!(
            "prefix extension of {newbits} does not accommodate a subnet numbered {num}"
        )));
    }
    let new_prefix = new_prefix as u32;
    let n = num.to_u128().unwrap_or(0);
    let shifted = if net.bits - new_prefix >= 128 {
        0
    } else {
        n << (net.bits - new_prefix)
    };
    let sub = Net {
        ip: net.ip | shifted,
        prefix: new_prefix,
        bits: net.bits,
    };
    Ok(c.string(net_string(&sub)))
}

pub fn cidrsubnets(c: &Call, args: Vec<Value>) -> Res {
    c.arity_range(&args, 1, None, &["prefix", "newbits"])?;
    let net = cidr_arg(c, &args[0], "prefix")?;
    let lengths = args[1..]
        .iter()
        .map(|a| c.int_arg(a, "newbits"))
        .collect::<Result<Vec<i64>, Value>>()?;
    if lengths.is_empty() {
        return Ok(c.list(vec![]));
    }
    let first = (lengths[0] + i64::from(net.prefix)).clamp(0, i64::from(net.bits)) as u32;
    // The subnet just before the base address, so that the first "next"
    // subnet starts at the base.
    let mask = Net::mask(first, net.bits);
    let mut current = Net {
        ip: net.ip.wrapping_sub(1) & net.all() & mask,
        prefix: first,
        bits: net.bits,
    };
    let mut out = Vec::new();
    for (i, &len) in lengths.iter().enumerate() {
        if len < 1 {
            return Err(c.bad(
                "newbits",
                format!(
                    "must extend prefix by at least one bit (argument {})",
                    i + 2
                ),
            ));
        }
        if len > 32 {
            return Err(c.bad("newbits", "may not extend prefix by more than 32 bits"));
        }
        let len = len + i64::from(net.prefix);
        if len > i64::from(net.bits) {
            let proto = if net.bits == 32 { "IPv4" } else { "IPv6" };
            return Err(c.bad(
                "newbits",
                format!(
                    "would extend prefix to {len} bits, which is too long for an {proto} address"
                ),
            ));
        }
        let len = len as u32;
        let mask = Net::mask(len, net.bits);
        let cur_last = current.last();
        let sub = Net {
            ip: cur_last & mask,
            prefix: len,
            bits: net.bits,
        };
        let next_ip = sub.last().wrapping_add(1) & net.all();
        let next = Net {
            ip: next_ip & mask,
            prefix: len,
            bits: net.bits,
        };
        if next_ip == 0 || !net.contains(next.ip) {
            return Err(c.fail(format!(
                "not enough remaining address space for a subnet with a prefix of {len} bits after {}",
                net_string(&current)
            )));
        }
        current = next;
        out.push(c.string(net_string(&current)));
    }
    Ok(c.list(out))
}
