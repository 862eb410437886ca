#!/usr/bin/env python3
"""Differential test of policy rendering: random Terraform programs, rendered
by the real Terraform (1.11, AWS provider 5.100, offline) and by
`tfkms policies`, compared byte for byte.

Every program ends in one `data "aws_iam_policy_document" "d"` and combines
the idioms real modules use to build it: for_each/count data sources and
modules taken as whole collections, splats, `for` over them,
source_policy_documents, dynamic statements, jsonencode, templatefile with
loops, and the built-in functions along the way. A program is a directory
that is a Terraform root for tfkms (`main.tf`, `modules/`, templates) and a
child module for Terraform, which renders a whole batch of programs in one
run (one root calling each program as a module).

    scripts/differential.py generate --seed 1 --count 300 --out DIR
    scripts/differential.py oracle DIR          # writes DIR/*/expected.json
    scripts/differential.py compare DIR [--tfkms BIN]

The committed corpus, checked by crates/tfkms/tests/differential.rs without
Terraform, is `generate --seed 3 --count 300 --out testdata/differential`
followed by `oracle testdata/differential`.

`generate` is deterministic in its seed. `oracle` needs terraform and a local
provider mirror (TF_PLUGIN_DIR, else found under a `tf-plugins` directory);
without them it says it skipped. A program Terraform rejects gets an
`expected-error.txt` with Terraform's error instead. `compare` prints each
difference and the byte-exact rate over the programs Terraform rendered.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ACCOUNT = "111122223333"
KEY_ARN = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/"
ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/"
# Keys whose byte order differs from their written order, digit runs
# ("a10" < "a2") and an upper-case key that sorts before every lower-case one.
KEYS = ["alpha", "beta", "gamma", "delta", "Zeta", "omega", "a1", "a10", "a2", "b_x", "c"]
ACTIONS = [
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKey*",
    "kms:DescribeKey",
    "kms:ReEncrypt*",
    "kms:CreateGrant",
    "kms:ListAliases",
]


def q(text):
    """An HCL quoted string for plain text (no `${`, `%{`)."""
    return json.dumps(text, ensure_ascii=False)


def hcl_list(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


class Program:
    """One program being generated: its declarations, files and the parts of
    the final document `d`."""

    def __init__(self, rng):
        self.rng = rng
        self.decls = []
        self.files = {}
        self.sources = []
        self.overrides = []
        self.statements = []
        self.features = []
        self.declared = set()

    def keys(self, low=1, high=4):
        return self.rng.sample(KEYS, self.rng.randint(low, high))

    def actions(self, low=1, high=3):
        return self.rng.sample(ACTIONS, self.rng.randint(low, high))

    def shuffled(self, items):
        items = list(items)
        self.rng.shuffle(items)
        return items

    # A collection of for_each keys, written as Terraform users write them.
    def for_each_of(self, name, keys):
        r = self.rng.randrange(5)
        if r == 0:
            return "toset(%s)" % hcl_list(self.shuffled(keys))
        if r == 1:
            body = "\n".join("    %s = %s" % (q(k), q(ROLE_ARN + k)) for k in self.shuffled(keys))
            return "{\n%s\n  }" % body
        if r == 2:
            self.decls.append("locals {\n  %s_keys = %s\n}\n" % (name, hcl_list(self.shuffled(keys))))
            return "toset(local.%s_keys)" % name
        if r == 3:
            return "{ for k in %s : k => upper(k) }" % hcl_list(self.shuffled(keys))
        extra = self.rng.choice([k for k in KEYS if k not in keys])
        self.decls.append(
            "locals {\n  %s_base = { for k in %s : k => %s }\n}\n"
            % (name, hcl_list(keys + [extra]), q(ROLE_ARN + "base"))
        )
        return "{ for k, v in local.%s_base : k => v if k != %s }" % (name, q(extra))

    def condition_block(self, indent):
        pad = " " * indent
        r = self.rng.randrange(4)
        if r == 0:
            test, var, values = "StringEquals", "kms:ViaService", hcl_list(["s3.us-east-1.amazonaws.com"])
        elif r == 1:
            test, var, values = "Bool", "aws:SecureTransport", "[tostring(true)]"
        elif r == 2:
            test, var, values = "NumericLessThan", "aws:MultiFactorAuthAge", "[tostring(3600)]"
        else:
            test, var = "ForAnyValue:StringLike", "kms:ResourceAliases"
            values = hcl_list(["alias/app-one", "alias/app-two"])
        return (
            "%scondition {\n%s  test     = %s\n%s  variable = %s\n%s  values   = %s\n%s}\n"
            % (pad, pad, q(test), pad, q(var), pad, values, pad)
        )


# ---------------------------------------------------------------- parts ---
# Each part adds declarations to the program and either source documents
# (an expression that is a list of JSON strings) or statements of `d`. The
# part's index `i` prefixes every Sid it makes, so Sids never collide across
# source documents (Terraform rejects that).


def part_for_each_data(p, i):
    keys = p.keys()
    name = "fe%d" % i
    fe = p.for_each_of(name, keys)
    resource = p.rng.choice(['"%s${each.key}"' % KEY_ARN, "each.value"]) if "k =>" in fe or "{\n" in fe or "local.%s_base" % name in fe else '"%s${each.key}"' % KEY_ARN
    cond = p.condition_block(4) if p.rng.random() < 0.3 else ""
    p.decls.append(
        'data "aws_iam_policy_document" "%s" {\n  for_each = %s\n\n  statement {\n'
        '    sid       = "P%dU${each.key}"\n    actions   = %s\n    resources = [%s]\n%s  }\n}\n'
        % (name, fe, i, hcl_list(p.actions()), resource, cond)
    )
    ref = "data.aws_iam_policy_document." + name
    k = p.rng.choice(keys)
    forms = [
        ("for", "[for d in %s : d.json]" % ref),
        ("for-if", "[for k, d in %s : d.json if k != %s]" % (ref, q(k))),
        ("values-splat", "values(%s)[*].json" % ref),
        ("index-key", "[%s[%s].json]" % (ref, q(k))),
        ("keys-reverse", "[for k in reverse(sort(keys(%s))) : %s[k].json]" % (ref, ref)),
        ("keys", "[for k in keys(%s) : %s[k].json]" % (ref, ref)),
        ("try-missing-key", "[try(%s[\"missing\"].json, %s[%s].json)]" % (ref, ref, q(k))),
        ("conditional-empty", "[for k, d in %s : k == %s ? d.json : \"\"]" % (ref, q(k))),
        ("lookup", "[lookup(%s, %s).json]" % (ref, q(k))),
        ("for-minified", "[for d in %s : d.minified_json]" % ref),
    ]
    form, expr = p.rng.choice(forms)
    p.features.append("for_each-data:" + form)
    p.sources.append(expr)


def part_count_data(p, i):
    n = p.rng.randint(1, 3)
    name = "cn%d" % i
    names = p.keys(n, n)
    r = p.rng.randrange(3)
    if r == 0:
        count = str(n)
    elif r == 1:
        p.decls.append("locals {\n  %s_names = %s\n}\n" % (name, hcl_list(names)))
        count = "length(local.%s_names)" % name
    else:
        p.decls.append("locals {\n  %s_on = %s\n}\n" % (name, "true"))
        count = "local.%s_on ? %d : 0" % (name, n)
    resource = (
        '"%s${local.%s_names[count.index]}"' % (KEY_ARN, name) if r == 1 else '"%sk${count.index}"' % KEY_ARN
    )
    p.decls.append(
        'data "aws_iam_policy_document" "%s" {\n  count = %s\n\n  statement {\n'
        '    sid       = "P%dN${count.index}"\n    effect    = %s\n    actions   = %s\n    resources = [%s]\n  }\n}\n'
        % (name, count, i, q(p.rng.choice(["Allow", "Deny"])), hcl_list(p.actions()), resource)
    )
    ref = "data.aws_iam_policy_document." + name
    j = p.rng.randrange(n)
    forms = [
        ("splat", "%s[*].json" % ref),
        ("index", "[%s[%d].json]" % (ref, j)),
        ("for", "[for d in %s : d.json]" % ref),
        ("reverse-splat", "reverse(%s[*].json)" % ref),
        ("element-wraps", "[element(%s[*].json, %d)]" % (ref, j + n * p.rng.randint(1, 3))),
        ("slice", "slice(%s[*].json, 0, %d)" % (ref, p.rng.randint(0, n))),
        ("for-index-if", "[for i, d in %s : d.json if i %% 2 == 0]" % ref),
        ("splat-minified", "%s[*].minified_json" % ref),
    ]
    if n == 1:
        forms.append(("one-splat", "[one(%s[*].json)]" % ref))
    form, expr = p.rng.choice(forms)
    p.features.append("count-data:" + form)
    p.sources.append(expr)


MODULE = """variable "name" {
  type = string
}

variable "actions" {
  type    = list(string)
  default = %(actions)s
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "P%(i)dG${var.name}"
    actions   = var.actions
    resources = ["%(key)s${var.name}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.this.json
}

output "arn" {
  value = "%(role)s${var.name}"
}

output "statements" {
  value = [
    {
      Sid      = "P%(i)dR${var.name}"
      Effect   = "Allow"
      Action   = %(stmt_action)s
      Resource = ["%(key)s${var.name}"]
    },
  ]
}
"""


def write_module(p, i):
    actions = p.actions()
    stmt_action = p.rng.choice([q(actions[0]), hcl_list(actions)])
    p.files["modules/m%d/main.tf" % i] = MODULE % {
        "i": i,
        "actions": hcl_list(actions),
        "key": KEY_ARN,
        "role": ROLE_ARN,
        "stmt_action": stmt_action,
    }


def principals_statement(p, i, identifiers):
    return (
        '  statement {\n    sid       = "P%dRoles"\n    actions   = %s\n    resources = ["*"]\n'
        '    principals {\n      type        = "AWS"\n      identifiers = %s\n    }\n  }\n'
        % (i, hcl_list(p.actions()), identifiers)
    )


def jsonencode_of_statements(statements):
    return '[jsonencode({ Version = "2012-10-17", Statement = %s })]' % statements


def part_for_each_module(p, i):
    keys = p.keys()
    write_module(p, i)
    fe = p.for_each_of("m%d" % i, keys)
    name = p.rng.choice(["each.key", "lower(each.key)"]) if "toset" in fe else "each.key"
    p.decls.append('module "m%d" {\n  for_each = %s\n  source   = "./modules/m%d"\n  name     = %s\n}\n' % (i, fe, i, name))
    ref = "module.m%d" % i
    k = p.rng.choice(keys)
    if name == "lower(each.key)":
        # The instance key is the written key; only the name is lowered.
        pass
    forms = [
        ("index-key", "src", "[%s[%s].json]" % (ref, q(k))),
        ("values-splat", "src", "values(%s)[*].json" % ref),
        ("for", "src", "[for k, m in %s : m.json]" % ref),
        ("for-values", "src", "[for m in values(%s) : m.json]" % ref),
        ("for-map-arns", "stmt", "values({ for k, m in %s : k => m.arn })" % ref),
        ("for-arns", "stmt", "[for m in %s : m.arn]" % ref),
        ("sort-splat-arns", "stmt", "sort(values(%s)[*].arn)" % ref),
        ("flatten-statements", "src", jsonencode_of_statements("flatten([for m in %s : m.statements])" % ref)),
        ("flatten-splat-statements", "src", jsonencode_of_statements("flatten(values(%s)[*].statements)" % ref)),
    ]
    form, kind, expr = p.rng.choice(forms)
    p.features.append("for_each-module:" + form)
    if kind == "src":
        p.sources.append(expr)
    else:
        p.statements.append(principals_statement(p, i, expr))


def part_count_module(p, i):
    n = p.rng.randint(1, 3)
    write_module(p, i)
    names = p.keys(n, n)
    name = p.rng.choice(['"n${count.index}"', "element(%s, count.index)" % hcl_list(names)])
    p.decls.append('module "m%d" {\n  count  = %d\n  source = "./modules/m%d"\n  name   = %s\n}\n' % (i, n, i, name))
    ref = "module.m%d" % i
    forms = [
        ("splat", "src", "%s[*].json" % ref),
        ("index", "src", "[%s[%d].json]" % (ref, p.rng.randrange(n))),
        ("for", "src", "[for m in %s : m.json]" % ref),
        ("splat-arns", "stmt", "%s[*].arn" % ref),
        ("flatten-statements", "src", jsonencode_of_statements("flatten(%s[*].statements)" % ref)),
    ]
    form, kind, expr = p.rng.choice(forms)
    p.features.append("count-module:" + form)
    if kind == "src":
        p.sources.append(expr)
    else:
        p.statements.append(principals_statement(p, i, expr))


def part_jsonencode(p, i):
    keys = p.keys()
    name = "je%d" % i
    r = p.rng.randrange(3)
    if r == 0:
        m = "{ %s }" % ", ".join("%s = %s" % (q(k), q(KEY_ARN + k)) for k in p.shuffled(keys))
        feature = "map"
    elif r == 1:
        half = len(keys) // 2
        a = "{ %s }" % ", ".join("%s = %s" % (q(k), q(KEY_ARN + "a-" + k)) for k in keys[:half + 1])
        b = "{ %s }" % ", ".join("%s = %s" % (q(k), q(KEY_ARN + "b-" + k)) for k in keys[half:])
        m = "merge(%s, %s)" % (a, b)
        feature = "merge"
    else:
        m = 'zipmap(%s, formatlist("%s%%s", %s))' % (hcl_list(keys), KEY_ARN, hcl_list(keys))
        feature = "zipmap-formatlist"
    acts = p.actions()
    action = p.rng.choice([q(acts[0]), hcl_list(acts)])
    cond = ""
    c = p.rng.randrange(4)
    if c == 1:
        cond = ', Condition = { Bool = { "aws:SecureTransport" = true } }'
        feature += "+bool"
    elif c == 2:
        cond = ', Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } }'
        feature += "+number"
    elif c == 3:
        cond = ', Condition = { StringEquals = { "kms:ViaService" = ["s3.us-east-1.amazonaws.com"] } }'
        feature += "+list"
    p.decls.append(
        "locals {\n  %s_keys = %s\n  %s = jsonencode({\n    Version = \"2012-10-17\"\n"
        "    Statement = [for k, v in local.%s_keys : { Sid = \"P%d${k}\", Effect = \"Allow\", Action = %s, Resource = v%s }]\n  })\n}\n"
        % (name, m, name, name, i, action, cond)
    )
    p.features.append("jsonencode:" + feature)
    if p.rng.random() < 0.2 and not p.overrides:
        p.overrides.append("[local.%s]" % name)
    else:
        p.sources.append("[local.%s]" % name)


def part_dynamic(p, i):
    keys = p.keys()
    name = "dy%d" % i
    objs = []
    for k in p.shuffled(keys):
        objs.append(
            "    %s = { effect = %s, actions = %s, resources = %s }"
            % (q(k), q(p.rng.choice(["Allow", "Deny"])), hcl_list(p.actions()), hcl_list([KEY_ARN + k]))
        )
    p.decls.append("locals {\n  %s = {\n%s\n  }\n}\n" % (name, "\n".join(objs)))
    r = p.rng.randrange(4)
    iterator = "statement"
    extra = ""
    if r == 0:
        fe, sid = "local.%s" % name, '"P%d${statement.key}"' % i
        feature = "map"
    elif r == 1:
        fe, sid = "values(local.%s)" % name, '"P%dI${statement.key}"' % i
        feature = "list"
    elif r == 2:
        fe = "{ for k, v in local.%s : k => v if v.effect == \"Allow\" }" % name
        sid = '"P%d${s.key}"' % i
        iterator = "s"
        extra = "    iterator = s\n"
        feature = "filtered-iterator"
    else:
        fe, sid = "local.%s" % name, '"P%d${statement.key}"' % i
        feature = "nested-condition"
    v = iterator + ".value"
    cond = ""
    if r == 3:
        cond = (
            '      dynamic "condition" {\n        for_each = %s.effect == "Deny" ? [1] : []\n'
            '        content {\n          test     = "Bool"\n          variable = "aws:SecureTransport"\n'
            '          values   = ["false"]\n        }\n      }\n' % v
        )
    p.statements.append(
        '  dynamic "statement" {\n    for_each = %s\n%s    content {\n      sid       = %s\n'
        "      effect    = %s.effect\n      actions   = %s.actions\n      resources = %s.resources\n%s    }\n  }\n"
        % (fe, extra, sid, v, v, v, cond)
    )
    p.features.append("dynamic:" + feature)


TEMPLATE_LIST = """{
  "Version": "2012-10-17",
  "Statement": [
%%{ for i, k in keys ~}
    {
      "Sid": "P%(i)dT${k}",
      "Effect": "Allow",
      "Action": ${jsonencode(actions)},
      "Resource": "%(key)s${k}"
    }%%{ if i < length(keys) - 1 },%%{ endif }
%%{ endfor ~}
  ]
}
"""

TEMPLATE_MAP = """{
  "Version": "2012-10-17",
  "Statement": ${jsonencode([for name, arn in roles : {
    Sid       = "P%(i)dT${name}"
    Effect    = "Allow"
    Action    = actions
    Resource  = "*"
    Principal = { AWS = arn }
  }])}
}
"""

TEMPLATE_DIRECTIVE_MAP = """{
  "Statement": [
%%{ for name, arn in roles ~}
    {"Sid": "P%(i)dT${name}", "Effect": "Allow", "Action": "${actions[0]}", "Resource": "*", "Principal": {"AWS": "${arn}"}}%%{ if name != last },%%{ endif }
%%{ endfor ~}
  ]
}
"""


def part_templatefile(p, i):
    keys = p.keys()
    acts = p.actions()
    r = p.rng.randrange(4)
    if r == 0:
        p.files["p%d.json.tftpl" % i] = TEMPLATE_LIST % {"i": i, "key": KEY_ARN}
        args = "{ keys = %s, actions = %s }" % (hcl_list(p.shuffled(keys)), hcl_list(acts))
        feature = "for-list"
    elif r == 1:
        p.files["p%d.json.tftpl" % i] = TEMPLATE_LIST % {"i": i, "key": KEY_ARN}
        args = "{ keys = sort(%s), actions = %s }" % (hcl_list(p.shuffled(keys)), hcl_list(acts))
        feature = "for-sorted-list"
    else:
        # Loops over the instances of a for_each module, as real modules do.
        write_module(p, i)
        fe = "toset(%s)" % hcl_list(p.shuffled(keys))
        p.decls.append('module "m%d" {\n  for_each = %s\n  source   = "./modules/m%d"\n  name     = each.key\n}\n' % (i, fe, i))
        roles = "{ for k, m in module.m%d : k => m.arn }" % i
        if r == 2:
            p.files["p%d.json.tftpl" % i] = TEMPLATE_MAP % {"i": i}
            args = "{ roles = %s, actions = %s }" % (roles, hcl_list(acts))
            feature = "jsonencode-for-over-module"
        else:
            p.files["p%d.json.tftpl" % i] = TEMPLATE_DIRECTIVE_MAP % {"i": i}
            args = "{ roles = %s, actions = %s, last = %s }" % (roles, hcl_list(acts), q(sorted(keys)[-1]))
            feature = "directive-for-over-module"
    p.sources.append('[templatefile("${path.module}/p%d.json.tftpl", %s)]' % (i, args))
    p.features.append("templatefile:" + feature)


# Expressions whose exact value Terraform defines: numbers printed by
# tostring, wrap-around indexing, ordering of keys and values.
NUMBER_EXPRS = [
    "10 / 4",
    "7 % 3",
    "1.5 * 2",
    "pow(2, 10)",
    "max(3, 7.5)",
    'parseint("ff", 16)',
    "floor(7.9)",
    "1e3",
    "0.1 + 0.2",
    "-0",
    "ceil(1.2)",
    "abs(-4.25)",
    "1 / 3",
    'length("héllo")',
    "2e-3",
]

ACTION_EXPRS = [
    ("slice", "slice({acts}, 0, 2)"),
    ("element-wraps", "[element({acts}, 7)]"),
    ("coalescelist", "coalescelist([], {acts})"),
    ("flatten", 'flatten([["kms:Decrypt"], [["kms:Encrypt", []]], []])'),
    ("can-regex", '[for a in {acts} : a if can(regex("^kms:(Gen|Enc)", a))]'),
    ("lookup-default", '[lookup({ read = "kms:Decrypt" }, "write", "kms:DescribeKey")]'),
    ("lookup", '[lookup({ read = "kms:Decrypt", write = "kms:Encrypt" }, "write")]'),
    ("compact", 'compact(["", "kms:Decrypt", ""])'),
    ("index", '[{acts}[index({acts}, {first})]]'),
    ("distinct-concat", "distinct(concat({acts}, {acts}))"),
    ("setsubtract", 'tolist(setsubtract({acts}, ["kms:Decrypt"]))'),
    ("keys-ordering", '[for k in keys({ "kms:Encrypt" = 1, "kms:Decrypt" = 2 }) : k]'),
]

RESOURCE_EXPRS = [
    ("formatlist", 'formatlist("arn:aws:kms:%s:{ACCOUNT}:key/%s", "us-east-1", {keys})'),
    ("regexall", '[for m in regexall("[a-z]+[0-9]*", "abc1 def22 g") : "{KEY}${m}"]'),
    ("coalesce", '[coalesce("", "{KEY}first")]'),
    ("try", '[try(local.missing_obj.nope, "{KEY}fallback")]'),
    ("values-zipmap", 'values(zipmap(["b", "a", "C"], ["{KEY}2", "{KEY}1", "{KEY}0"]))'),
    ("keys-merge", '[for k in keys(merge({ b = 1, a = 2 }, { B = 3 })) : "{KEY}${k}"]'),
    ("format", '[format("arn:aws:kms:us-east-1:%s:key/%s", "{ACCOUNT}", upper("k1"))]'),
    ("join-split", '[join("/", split(":", "arn:aws:kms"))]'),
    ("substr-title", '["{KEY}${title(substr("hello world", 0, 7))}"]'),
    ("replace-regex", '[replace("{KEY}alpha-1", "/-[0-9]+$/", "")]'),
    ("element-wraps", '[element(formatlist("{KEY}%s", {keys}), 5)]'),
    ("sort-numbers", '[for n in sort(["10", "9", "100"]) : "{KEY}${n}"]'),
    ("tostring-number", '["{KEY}${tostring({num})}"]'),
]


def fill(template, env):
    for name, value in env.items():
        template = template.replace("{%s}" % name, value)
    return template


def part_functions(p, i):
    acts = p.actions(2, 4)
    keys = p.keys(1, 3)
    num = p.rng.choice(NUMBER_EXPRS)
    env = {"acts": hcl_list(acts), "first": q(acts[0]), "keys": hcl_list(keys), "num": num,
           "KEY": KEY_ARN, "ACCOUNT": ACCOUNT}
    fa, action = p.rng.choice(ACTION_EXPRS)
    fr, resource = p.rng.choice(RESOURCE_EXPRS)
    if fr == "try" and "missing_obj" not in p.declared:
        p.declared.add("missing_obj")
        p.decls.append("locals {\n  missing_obj = { present = true }\n}\n")
    sid = '"P%dF${replace(tostring(%s), ".", "d")}"' % (i, num)
    cond = p.condition_block(4) if p.rng.random() < 0.3 else ""
    p.statements.append(
        "  statement {\n    sid       = %s\n    actions   = %s\n    resources = %s\n%s  }\n"
        % (sid, fill(action, env), fill(resource, env), cond)
    )
    p.features.append("functions:%s,%s,tostring(%s)" % (fa, fr, num))


def part_nfc(p, i):
    """Terraform normalizes string literals to NFC: a combining accent
    written after a letter is one precomposed character in the policy."""
    r = p.rng.randrange(3)
    if r == 0:
        p.statements.append(
            '  statement {\n    sid       = "P%dJose\\u0301"\n    actions   = ["kms:Decrypt"]\n'
            '    resources = ["%scafe\u0301"]\n  }\n' % (i, KEY_ARN)
        )
        feature = "quoted"
    else:
        p.decls.append(
            "locals {\n  nfc%d = <<-EOT\n    {\"Statement\": [{\"Sid\": \"P%dNfc\", \"Effect\": \"Allow\","
            " \"Action\": \"kms:Decrypt\", \"Resource\": \"%sr\u00e9sume\u0301\"}]}\n  EOT\n}\n" % (i, i, KEY_ARN)
        )
        p.sources.append("[local.nfc%d]" % i)
        feature = "heredoc"
    p.features.append("nfc:" + feature)


# Probes: string results of expressions, carried verbatim into the policy as
# condition values (a list: order and duplicates kept), so every character
# Terraform computes shows in the rendered document.
PROBES = [
    'format("%05.1f|%-6s|%x|%q", 3.14159, "ab", 255, "q\\"t")',
    'format("%d items, %s", 3, true)',
    'format("%.3e", 123456.789)',
    'format("%t-%v-%v", false, 12, "x")',
    'join(",", formatlist("%s=%d", ["a", "b"], [1, 2]))',
    'tostring(0.1 + 0.2)',
    'tostring(1 / 3)',
    'tostring(2e-3)',
    'tostring(1e21)',
    'tostring(12345678901234567890)',
    'tostring(-7 % 3)',
    'tostring(7.5 % 2)',
    'tostring(pow(2, 0.5))',
    'tostring(log(8, 2))',
    'tostring(signum(-3))',
    'tostring(sum([1, 2.5, 3]))',
    'tostring(min(4, -1.5, 2))',
    'tostring(parseint("-1F", 16))',
    'tostring(parseint("777", 8))',
    'jsonencode(0.1 + 0.2)',
    'jsonencode(1e3)',
    'jsonencode({ b = [1, "2", true], a = null, "<&>" = "x<y" })',
    'jsonencode(tolist(toset(["b", "a", "B", "_", "1"])))',
    'jsonencode(range(5, 0, -2))',
    'jsonencode(chunklist(["a", "b", "c"], 2))',
    'jsonencode(setproduct(["x", "y"], ["1", "2"]))',
    'jsonencode(transpose({ a = ["1", "2"], b = ["2"] }))',
    'jsonencode(regex("^(?P<svc>[a-z]+):(?P<op>[A-Za-z*]+)$", "kms:Decrypt"))',
    'jsonencode(regexall("[0-9]+", "a1b22c333"))',
    'jsonencode(split("/", "/a//b/"))',
    'jsonencode(matchkeys(["a", "b", "c"], ["1", "2", "3"], ["3", "1"]))',
    'jsonencode({ for k, v in { b = "x", a = "y", c = "x" } : v => k... })',
    'jsonencode(merge({ a = 1, b = { c = 1 } }, { b = { d = 2 } }))',
    'jsonencode(lookup({ a = "1" }, "b", null))',
    'jsonencode(try(tonumber("12x"), "not a number"))',
    'jsonencode(can(tonumber("0x10")))',
    'jsonencode(coalesce(null, "", "z"))',
    'jsonencode(distinct([1, "1", 2]))',
    'jsonencode(flatten([[], [[["deep"]]], "top"]))',
    'jsonencode(reverse(sort(["a10", "a9", "A", "b"])))',
    'jsonencode(index(["x", "y", "z"], "z"))',
    'jsonencode(contains(["1", "2"], 1))',
    'jsonencode(alltrue([]))',
    'jsonencode(anytrue([false, "true"]))',
    'jsonencode(keys({ "b" = 1, "B" = 2, "a" = 3, "_" = 4, "10" = 5, "9" = 6 }))',
    'jsonencode(values({ z = "last", a = "first", M = "middle" }))',
    'jsonencode(zipmap(["b", "a", "b"], [1, 2, 3]))',
    'jsonencode(tomap({ a = 1, b = "2" }))',
    'jsonencode(setunion(["c", "a"], ["b", "a"]))',
    'jsonencode(setintersection(["c", "a", "b"], ["b", "c"]))',
    'jsonencode(slice(["a", "b", "c", "d"], 1, 3))',
    'jsonencode(compact(["a", "", "b", ""]))',
    'jsonencode(concat(["a"], tolist(["b"]), [1]))',
    'jsonencode(one([]))',
    'jsonencode([for i, v in ["a", "b"] : "${i}:${v}"])',
    'jsonencode({ for s in ["b", "a"] : s => upper(s) if s != "c" })',
    'upper("straße ǆ")',
    'lower("ÀÉÎ İ")',
    'title("hello wORLD-and_more élan")',
    'substr("héllo wörld", 1, 4)',
    'substr("abc", -2, -1)',
    'strrev("abc déf")',
    'tostring(length("e\\u0301te\\u0301"))',
    'tostring(length("👍🏽ok"))',
    'replace("a-b-c", "-", "+")',
    'replace("kms:Decrypt", "/^(\\\\w+):(\\\\w+)$/", "$2@$1")',
    'replace("aaa", "/a*?/", "-")',
    'trim("?!hello?!", "!?")',
    'trimspace("\\n\\t hi \\r\\n")',
    'trimprefix("arn:aws:kms", "arn:")',
    'trimsuffix("file.json", ".json")',
    'chomp("line\\r\\n\\n")',
    'indent(2, "a\\nb\\n")',
    'join("|", split(",", "a,,b"))',
    'join("", [for c in regexall(".", "abc") : upper(c)])',
    'base64encode("kms:Décrypt")',
    'base64decode("a21zOkRlY3J5cHQ=")',
    'urlencode("a b&c=d/é")',
    'md5("kms")',
    'sha256("kms")',
    'sha1("kms")',
    'base64sha256("kms")',
    'uuidv5("dns", "example.com")',
    'cidrsubnet("10.0.0.0/16", 8, 2)',
    'cidrhost("10.0.0.0/24", -2)',
    'cidrnetmask("10.0.0.0/12")',
    'formatdate("YYYY-MM-DD hh:mm ZZZ", "2024-03-01T12:34:56Z")',
    'timeadd("2024-01-31T00:00:00Z", "25h")',
    'yamlencode({ b = [1, "two"], a = { c = true } })',
    'jsonencode(yamldecode("a: [1, 2.5, yes, null]\\nb: \'x\'"))',
    'jsonencode(jsondecode("{\\"b\\": 1.50, \\"a\\": [true, null, \\"\\\\u00e9\\"]}"))',
    'jsonencode(csvdecode("a,b\\n1,\\"x,y\\"\\n"))',
    'tostring(tonumber("1.50"))',
    'tostring(tobool("true"))',
    'jsonencode(tolist(["a", 1, true]))',
    'jsonencode(toset([3, 1, 2, 10]))',
    'jsonencode(sort([for n in [3, 1, 10] : tostring(n)]))',
    '"${1 + 2}-${5 / 2}-${true}-${"x"}"',
    '"%%{literal} $${literal}"',
    '<<-EOT\n      heredoc ${upper("x")}\n        kept indent\n      EOT\n',
    '"%{ for i, v in ["a", "b", "c"] }${i}${v}%{ if i < 2 },%{ endif }%{ endfor }"',
    '"%{ for v in ["a", "b"] ~} ${v} %{~ endfor }"',
    '"%{ if length("x") > 0 }yes%{ else }no%{ endif }"',
    'jsonencode(startswith("kms:Decrypt", "kms:"))',
    'jsonencode(strcontains("alias/app", "/"))',
    'jsonencode(endswith("x.json", ".JSON"))',
    'jsonencode(abs(-0.0))',
    'jsonencode(ceil(-1.5))',
    'jsonencode(floor(-1.5))',
    'jsonencode(max(-0, 0))',
    'jsonencode(1000000 * 1000000)',
    'jsonencode(9007199254740993)',
    'jsonencode(0.000001)',
    'jsonencode(1e-7)',
    'jsonencode(123456789012345678901234567890)',
    'jsonencode(-1.0)',
    'jsonencode(2.50)',
]


def part_probes(p, i):
    chosen = p.rng.sample(PROBES, p.rng.randint(1, 4))
    values = ",\n        ".join(chosen)
    p.statements.append(
        '  statement {\n    sid       = "P%dProbe"\n    actions   = ["kms:DescribeKey"]\n    resources = ["*"]\n'
        '    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalTag/probe"\n'
        "      values   = [\n        %s,\n      ]\n    }\n  }\n" % (i, values)
    )
    p.features.append("probes:" + " ; ".join(chosen).replace("\n", "\\n"))


TYPED_MODULE = """variable "grant" {
  type = object({
    name    = string
    actions = optional(list(string), ["kms:Decrypt"])
    keys    = set(string)
    tags    = optional(map(string), {})
    weight  = optional(number)
  })
}

locals {
  key_arns = [for k in var.grant.keys : "%(key)s${k}"]
}

output "statements" {
  value = [
    {
      Sid      = "P%(i)dT${var.grant.name}"
      Effect   = "Allow"
      Action   = var.grant.actions
      Resource = local.key_arns
      Condition = {
        StringEquals = merge({ "aws:PrincipalTag/weight" = tostring(coalesce(var.grant.weight, 0)) }, var.grant.tags)
      }
    },
  ]
}
"""


def part_typed_module(p, i):
    """A module input with a type constraint converts what it is given:
    optional attributes take their defaults, a set(string) is sorted and
    de-duplicated, numbers become strings in map(string)."""
    p.files["modules/t%d/main.tf" % i] = TYPED_MODULE % {"i": i, "key": KEY_ARN}
    grants = []
    for k in p.keys(1, 3):
        fields = ["name = %s" % q(k)]
        if p.rng.random() < 0.5:
            fields.append("actions = %s" % hcl_list(p.actions()))
        ks = p.shuffled(p.keys(1, 3))
        fields.append("keys = %s" % hcl_list(ks + ks[:1]))
        if p.rng.random() < 0.4:
            fields.append('tags = { "aws:PrincipalTag/team" = %s, "aws:PrincipalTag/level" = %d }'
                          % (q(p.rng.choice(KEYS)), p.rng.randint(1, 20)))
        if p.rng.random() < 0.5:
            fields.append("weight = %s" % p.rng.choice(["1.5", "10", "0.25", "\"7\""]))
        grants.append("    %s = { %s }" % (q(k), ", ".join(fields)))
    p.decls.append("locals {\n  t%d = {\n%s\n  }\n}\n" % (i, "\n".join(grants)))
    p.decls.append('module "t%d" {\n  for_each = local.t%d\n  source   = "./modules/t%d"\n  grant    = each.value\n}\n'
                   % (i, i, i))
    p.sources.append(jsonencode_of_statements("flatten([for m in module.t%d : m.statements])" % i))
    p.features.append("typed-module")


def part_splat_edges(p, i):
    """Splat on a single object wraps it in a list; on null it is empty."""
    r = p.rng.randrange(3)
    name = "sp%d" % i
    p.decls.append(
        'data "aws_iam_policy_document" "%s" {\n  statement {\n    sid       = "P%dSplat"\n'
        "    actions   = %s\n    resources = [\"%ssplat\"]\n  }\n}\n" % (name, i, hcl_list(p.actions()), KEY_ARN)
    )
    ref = "data.aws_iam_policy_document." + name
    if r == 0:
        expr, feature = "%s[*].json" % ref, "single-object"
    elif r == 1:
        p.decls.append("locals {\n  %s_none = null\n}\n" % name)
        expr, feature = "concat(local.%s_none[*], [%s.json])" % (name, ref), "null"
    else:
        expr, feature = "[for d in [%s] : d.json]" % ref, "for-over-tuple"
    p.sources.append(expr)
    p.features.append("splat:" + feature)


PARTS = [
    (part_for_each_data, 5),
    (part_count_data, 4),
    (part_for_each_module, 5),
    (part_count_module, 3),
    (part_jsonencode, 4),
    (part_dynamic, 4),
    (part_templatefile, 4),
    (part_functions, 6),
    (part_nfc, 1),
    (part_probes, 6),
    (part_typed_module, 3),
    (part_splat_edges, 2),
]


def generate_program(seed):
    rng = random.Random(seed)
    p = Program(rng)
    for i in range(1, rng.randint(1, 4) + 1):
        part = rng.choices([f for f, _ in PARTS], weights=[w for _, w in PARTS])[0]
        part(p, i)
    body = []
    if p.sources:
        if len(p.sources) == 1:
            body.append("  source_policy_documents = %s\n" % p.sources[0])
        else:
            combine = rng.choice(["concat(%s)", "flatten([%s])"])
            body.append("  source_policy_documents = %s\n" % (combine % ", ".join(p.sources)))
    if p.overrides:
        body.append("  override_policy_documents = %s\n" % p.overrides[0])
    body.extend("\n" + s for s in p.statements)
    main = "\n".join(p.decls)
    main += '\ndata "aws_iam_policy_document" "d" {\n%s}\n' % "".join(body)
    main += '\noutput "json" {\n  value = data.aws_iam_policy_document.d.json\n}\n'
    files = dict(p.files)
    files["main.tf"] = main
    return files, p.features


def cmd_generate(args):
    os.makedirs(args.out, exist_ok=True)
    for n in range(args.count):
        seed = args.seed * 1_000_000 + n
        files, features = generate_program(seed)
        d = os.path.join(args.out, "p%04d" % n)
        if os.path.exists(d):
            shutil.rmtree(d)
        for rel, text in files.items():
            path = os.path.join(d, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        with open(os.path.join(d, "features.txt"), "w") as f:
            f.write("seed %d\n%s\n" % (seed, "\n".join(features)))
    print("differential: %d programs from seed %d in %s" % (args.count, args.seed, args.out))


# --------------------------------------------------------------- oracle ---

HEADER = """terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "oracle"
  secret_key                  = "oracle"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
"""


def find_plugin_dir():
    plugin_dir = os.environ.get("TF_PLUGIN_DIR")
    if plugin_dir:
        return plugin_dir
    for base in ["/opt", "/usr/local", "/usr/share", os.path.expanduser("~")]:
        for root, dirs, _ in os.walk(base):
            if os.path.basename(root) == "tf-plugins" and "registry.terraform.io" in dirs:
                return root
            if root.count(os.sep) - base.count(os.sep) > 4:
                dirs[:] = []
    return None


def terraform(cwd, *argv):
    return subprocess.run(["nice", "terraform", *argv], cwd=cwd, capture_output=True, text=True)


def render_batch(programs, plugin_dir, work):
    """Renders programs in one Terraform root; returns {name: json} and
    {name: error}. A program Terraform rejects fails the whole apply, so it
    is set aside by the file its error names and the rest run again."""
    results, errors = {}, {}
    pending = list(programs)
    while pending:
        root = tempfile.mkdtemp(dir=work)
        main = HEADER
        for path in pending:
            name = os.path.basename(path)
            shutil.copytree(path, os.path.join(root, name))
            main += '\nmodule "%s" {\n  source = "./%s"\n}\n\noutput "%s" {\n  value = module.%s.json\n}\n' % (
                name, name, name, name)
        with open(os.path.join(root, "main.tf"), "w", encoding="utf-8") as f:
            f.write(main)
        init = terraform(root, "init", "-input=false", "-no-color", "-plugin-dir=" + plugin_dir)
        if init.returncode != 0:
            failed = blame(init.stdout + init.stderr, pending)
            if not failed:
                sys.exit("differential: terraform init failed:\n" + init.stderr)
            for name, message in failed.items():
                errors[name] = message
            pending = [p for p in pending if os.path.basename(p) not in failed]
            shutil.rmtree(root)
            continue
        apply = terraform(root, "apply", "-auto-approve", "-input=false", "-no-color", "-json")
        failed = {}
        for line in apply.stdout.splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("@level") != "error":
                continue
            diag = event.get("diagnostic", {})
            text = diag.get("summary", "") + ": " + diag.get("detail", "")
            filename = diag.get("range", {}).get("filename", "")
            name = filename.split("/")[0] if "/" in filename else None
            if name is None:
                address = diag.get("address", "") or ""
                name = address.split(".")[1] if address.startswith("module.") else None
            if name is None or name not in {os.path.basename(p) for p in pending}:
                sys.exit("differential: an error no program can be blamed for:\n" + text)
            failed.setdefault(name, text)
        if failed:
            errors.update(failed)
            pending = [p for p in pending if os.path.basename(p) not in failed]
            shutil.rmtree(root)
            continue
        out = terraform(root, "output", "-json", "-no-color")
        if out.returncode != 0:
            sys.exit("differential: terraform output failed:\n" + out.stderr)
        for name, value in json.loads(out.stdout).items():
            results[name] = value["value"]
        shutil.rmtree(root)
        pending = []
    return results, errors


def blame(text, pending):
    """The programs named by the `on FILE line N` of each error init printed."""
    names = {os.path.basename(path) for path in pending}
    failed = {}
    errors = text.split("Error: ")[1:]
    for error in errors:
        match = re.search(r"\bon (p[0-9]+)/", error)
        if match and match.group(1) in names:
            failed.setdefault(match.group(1), "Error: " + error.strip())
    return failed


def cmd_oracle(args):
    if shutil.which("terraform") is None:
        print("differential: SKIPPED: terraform is not on PATH; expected files left as they are.")
        return 0
    plugin_dir = find_plugin_dir()
    if not plugin_dir:
        print("differential: SKIPPED: no local AWS provider mirror found (set TF_PLUGIN_DIR).")
        return 0
    os.environ.update(TF_CLI_CONFIG_FILE="/dev/null", TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")
    programs = sorted(
        os.path.join(args.dir, d) for d in os.listdir(args.dir) if os.path.isfile(os.path.join(args.dir, d, "main.tf"))
    )
    work = tempfile.mkdtemp(prefix="tfkms-differential.")
    try:
        for start in range(0, len(programs), args.batch):
            batch = programs[start:start + args.batch]
            results, errors = render_batch(batch, plugin_dir, work)
            for path in batch:
                name = os.path.basename(path)
                for stale in ("expected.json", "expected-error.txt"):
                    if os.path.exists(os.path.join(path, stale)):
                        os.remove(os.path.join(path, stale))
                if name in results:
                    with open(os.path.join(path, "expected.json"), "w", encoding="utf-8") as f:
                        f.write(results[name])
                else:
                    with open(os.path.join(path, "expected-error.txt"), "w", encoding="utf-8") as f:
                        f.write(errors.get(name, "no output") + "\n")
            print("differential: rendered %d-%d: %d documents, %d errors" % (
                start, start + len(batch) - 1, len(results), len(batch) - len(results)), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


# -------------------------------------------------------------- compare ---


def tfkms_document(binary, path):
    run = subprocess.run([binary, "policies", ".", "--format", "json"], cwd=path, capture_output=True, text=True)
    try:
        documents = json.loads(run.stdout)["documents"]
    except (ValueError, KeyError):
        return None, "tfkms printed no JSON (exit %d): %s" % (run.returncode, run.stderr.strip()[:500])
    for doc in documents:
        if doc.get("address") == "data.aws_iam_policy_document.d":
            if not doc.get("complete"):
                return doc.get("json"), "incomplete"
            return doc.get("json"), None
    return None, "no document data.aws_iam_policy_document.d"


def cmd_compare(args):
    binary = os.path.abspath(args.tfkms) if os.sep in args.tfkms else args.tfkms
    programs = sorted(
        os.path.join(args.dir, d) for d in os.listdir(args.dir) if os.path.isfile(os.path.join(args.dir, d, "main.tf"))
    )
    rendered = same = errors = 0
    differences = []
    for path in programs:
        name = os.path.basename(path)
        expected_path = os.path.join(path, "expected.json")
        if not os.path.exists(expected_path):
            errors += os.path.exists(os.path.join(path, "expected-error.txt"))
            continue
        rendered += 1
        with open(expected_path, encoding="utf-8") as f:
            expected = f.read()
        got, problem = tfkms_document(binary, path)
        if got == expected and problem is None:
            same += 1
            continue
        with open(os.path.join(path, "features.txt")) as f:
            features = f.read().split("\n", 1)[1].strip().replace("\n", " ")
        differences.append((name, features, problem, expected, got))
    for name, features, problem, expected, got in differences:
        print("=== %s [%s]%s" % (name, features, " (%s)" % problem if problem else ""))
        if args.verbose:
            print("--- terraform\n%s\n--- tfkms\n%s" % (expected, got))
    print("differential: %d of %d programs byte-exact (%.1f%%); %d rejected by Terraform, not compared" % (
        same, rendered, 100.0 * same / max(rendered, 1), errors))
    return 0 if same == rendered else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--count", type=int, default=300)
    g.add_argument("--out", required=True)
    o = sub.add_parser("oracle")
    o.add_argument("dir")
    o.add_argument("--batch", type=int, default=60)
    c = sub.add_parser("compare")
    c.add_argument("dir")
    c.add_argument("--tfkms", default="tfkms")
    c.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    return {"generate": cmd_generate, "oracle": cmd_oracle, "compare": cmd_compare}[args.command](args) or 0


if __name__ == "__main__":
    sys.exit(main())
