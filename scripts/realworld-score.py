#!/usr/bin/env python3
"""Score a tfkms binary against the real-world regression set (issue #11).

The cases (scripts/realworld/cases.toml) name public Terraform files by
repository, commit and path, with findings expected from AWS semantics. This
script copies each case's files out of local git mirrors (fetched beforehand,
one bare repository per project, e.g. /work/.mirror/OWNER+NAME/repo) into a
cache outside this repository, scans each case with the given binary
(`--format json`), and prints what matched, what was missed and what was
reported wrongly, then a total.

Not part of CI: the mirrors are not in the repository and never will be.

    scripts/realworld-score.py                       # target/release/tfkms
    scripts/realworld-score.py --bin /path/to/tfkms --save before.json
    scripts/realworld-score.py --only govwifi-backup-requestalias-exact -v

Exit status: 0 whatever the score; 2 when the script itself cannot run (no
binary, unreadable cases file). Cases that cannot be materialized or scanned
are listed as such and left out of the score, never silently.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

SCRIPT_DIR = Path(__file__).resolve().parent
DEFAULT_CASES = SCRIPT_DIR / "realworld" / "cases.toml"
DEFAULT_BIN = SCRIPT_DIR.parent / "target" / "release" / "tfkms"
DEFAULT_CACHE = Path(os.environ.get("REALWORLD_CACHE", "/work/.realworld-cache"))
DEFAULT_MIRRORS = Path(os.environ.get("REALWORLD_MIRRORS", "/work/.mirror"))
DEFAULT_IGNORE = ("TFKMS010",)
SCAN_TIMEOUT_SECONDS = 120
# Bumped when the layout of a materialized case changes, so old copies are
# rebuilt rather than trusted.
CACHE_FORMAT = "1"


class ScriptError(Exception):
    """A failure of the script itself (exit status 2), not of a case."""


@dataclass(frozen=True)
class Key:
    """What a finding is compared on: where, which rule, how severe."""

    path: str
    line: int
    code: str
    severity: str

    def __str__(self) -> str:
        return f"{self.code} {self.severity} {self.path}:{self.line}"


@dataclass
class Expectation:
    key: Key
    why: str


@dataclass
class Case:
    id: str
    repo: str
    commit: str
    root: str
    files: list[str]
    expect: list[Expectation]
    allow: list[Expectation]
    ignore: set[str]
    vars: list[str]


@dataclass
class Outcome:
    case: Case
    skipped: str | None = None
    true_positives: list[Expectation] = field(default_factory=list)
    false_negatives: list[Expectation] = field(default_factory=list)
    allowed: list[Expectation] = field(default_factory=list)
    false_positives: list[tuple[Key, str]] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)

    @property
    def fully_right(self) -> bool:
        return self.skipped is None and not self.false_negatives and not self.false_positives


def parse_at(at: str, code: str, severity: str) -> Key:
    path, _, line = at.rpartition(":")
    if not path or not line.isdigit():
        raise ScriptError(f"`at = {at!r}` is not PATH:LINE")
    return Key(path, int(line), code, severity)


def load_cases(path: Path) -> list[Case]:
    try:
        document = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ScriptError(f"cannot read {path}: {error}") from error
    cases = []
    for raw in document.get("case", []):
        def expectations(name: str) -> list[Expectation]:
            return [
                Expectation(parse_at(e["at"], e["code"], e["severity"]), e.get("why", ""))
                for e in raw.get(name, [])
            ]

        cases.append(
            Case(
                id=raw["id"],
                repo=raw["repo"],
                commit=raw["commit"],
                root=raw.get("root", "."),
                files=list(raw["files"]),
                expect=expectations("expect"),
                allow=expectations("allow"),
                ignore=set(raw.get("ignore", DEFAULT_IGNORE)),
                vars=list(raw.get("vars", [])),
            )
        )
    ids = Counter(case.id for case in cases)
    duplicated = [case_id for case_id, count in ids.items() if count > 1]
    if duplicated:
        raise ScriptError(f"duplicate case ids in {path}: {', '.join(duplicated)}")
    return cases


def safe_relative(path: str) -> PurePosixPath:
    """A repository path that stays inside the case directory once joined."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts:
        raise ValueError(f"path {path!r} leaves the case directory")
    return pure


def git_dir_for(mirrors: Path, repo: str) -> Path | None:
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def git(git_dir: Path, *args: str) -> bytes:
    result = subprocess.run(
        ["git", f"--git-dir={git_dir}", *args],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise LookupError(result.stderr.decode(errors="replace").strip() or f"git {args[0]} failed")
    return result.stdout


def files_of_entry(git_dir: Path, commit: str, entry: str) -> list[str]:
    """The blobs an entry names: one file, or every file under `dir/`."""
    if not entry.endswith("/"):
        return [entry]
    listing = git(git_dir, "ls-tree", "-r", "--name-only", "-z", commit, "--", entry)
    paths = [p for p in listing.decode().split("\0") if p]
    if not paths:
        raise LookupError(f"no files under {entry} at {commit[:12]}")
    return paths


def saved_copies(cache: Path, case: Case, entry: str) -> list[tuple[str, bytes]]:
    """Files saved by hand for a repository no mirror can be had of: the
    entry's file, or every file under the entry's directory."""
    base = cache / "_saved" / case.repo.replace("/", "+") / case.commit
    candidate = base / entry
    if entry.endswith("/") and candidate.is_dir():
        found = sorted(p for p in candidate.rglob("*") if p.is_file())
        return [(p.relative_to(base).as_posix(), p.read_bytes()) for p in found]
    if candidate.is_file():
        return [(entry, candidate.read_bytes())]
    return []


def stamp_of(case: Case) -> str:
    text = "\n".join([CACHE_FORMAT, case.repo, case.commit, *case.files])
    return hashlib.sha256(text.encode()).hexdigest()


def materialize(case: Case, cache: Path, mirrors: Path) -> Path:
    """Copy the case's files into the cache; raises LookupError when it cannot."""
    destination = cache / "cases" / case.id
    stamp = destination / ".realworld-stamp"
    if stamp.is_file() and stamp.read_text() == stamp_of(case):
        return destination
    git_dir = git_dir_for(mirrors, case.repo)
    if git_dir is not None:
        try:
            git(git_dir, "cat-file", "-e", f"{case.commit}^{{commit}}")
        except LookupError:
            git_dir = None
    paths: list[tuple[str, bytes]] = []
    for entry in case.files:
        safe_relative(entry)
        if git_dir is not None:
            for path in files_of_entry(git_dir, case.commit, entry):
                safe_relative(path)
                paths.append((path, git(git_dir, "cat-file", "blob", f"{case.commit}:{path}")))
            continue
        saved = saved_copies(cache, case, entry)
        if not saved:
            raise LookupError(
                f"no mirror of {case.repo} holding {case.commit[:12]} under {mirrors}, "
                f"and no saved copy of {entry} under {cache / '_saved'}"
            )
        paths.extend(saved)
    clear_directory(destination)
    for path, content in paths:
        target = destination / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    stamp.write_text(stamp_of(case))
    return destination


def clear_directory(directory: Path) -> None:
    if not directory.exists():
        directory.mkdir(parents=True)
        return
    for path in sorted(directory.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink()


def scan(binary: Path, case: Case, directory: Path, config: Path) -> dict:
    command = [
        str(binary), "scan", case.root,
        "--format", "json",
        "--fail-on", "never",
        "--color", "never",
        # An empty config, so no .tfkms.toml above the cache changes the result.
        "--config", str(config),
    ]
    for assignment in case.vars:
        command += ["--var", assignment]
    try:
        result = subprocess.run(
            command, cwd=directory, capture_output=True, timeout=SCAN_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise RuntimeError(f"scan took longer than {SCAN_TIMEOUT_SECONDS} s") from error
    if result.returncode not in (0, 1):
        stderr = result.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"tfkms exited with {result.returncode}: {stderr[:300]}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"tfkms printed no JSON report: {error}") from error


def reported_keys(report: dict) -> list[tuple[Key, str]]:
    keys = []
    for finding in report.get("findings", []):
        if finding.get("suppressed"):
            continue
        location = finding["location"]
        key = Key(location["path"], location["start"]["line"], finding["code"], finding["severity"])
        keys.append((key, finding.get("message", "")))
    return keys


def compare(case: Case, reported: list[tuple[Key, str]]) -> Outcome:
    outcome = Outcome(case)
    remaining = list(reported)

    def take(key: Key) -> bool:
        for index, (candidate, _) in enumerate(remaining):
            if candidate == key:
                del remaining[index]
                return True
        return False

    for expectation in case.expect:
        bucket = outcome.true_positives if take(expectation.key) else outcome.false_negatives
        bucket.append(expectation)
    for allowance in case.allow:
        # An allowed finding may appear or not; each appearance is absorbed.
        while take(allowance.key):
            outcome.allowed.append(allowance)
    for key, message in remaining:
        if key.code in case.ignore:
            outcome.ignored[key.code] += 1
        else:
            outcome.false_positives.append((key, message))
    return outcome


def run_case(case: Case, args: argparse.Namespace, config: Path) -> Outcome:
    try:
        directory = materialize(case, args.cache, args.mirrors)
    except (LookupError, ValueError, OSError) as error:
        return Outcome(case, skipped=f"not materialized: {error}")
    try:
        report = scan(args.bin, case, directory, config)
    except RuntimeError as error:
        return Outcome(case, skipped=f"not scanned: {error}")
    return compare(case, reported_keys(report))


def print_outcome(outcome: Outcome, verbose: bool) -> None:
    case = outcome.case
    where = f"{case.repo}@{case.commit[:10]}"
    if outcome.skipped:
        print(f"SKIP {case.id} ({where}): {outcome.skipped}")
        return
    status = "PASS" if outcome.fully_right else "FAIL"
    print(f"{status} {case.id} ({where})")
    if verbose or not outcome.fully_right:
        for expectation in outcome.true_positives:
            print(f"    TP {expectation.key}")
    for expectation in outcome.false_negatives:
        print(f"    FN {expectation.key}  (expected: {expectation.why})")
    for key, message in outcome.false_positives:
        print(f"    FP {key}  ({first_line(message)})")
    if verbose:
        for expectation in outcome.allowed:
            print(f"    allowed {expectation.key}")
        for code, count in sorted(outcome.ignored.items()):
            print(f"    ignored {count} x {code}")


def first_line(text: str, limit: int = 140) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def summarize(outcomes: list[Outcome], binary: Path) -> dict:
    scored = [o for o in outcomes if o.skipped is None]
    summary = {
        "binary": str(binary),
        "cases": len(outcomes),
        "scored": len(scored),
        "skipped": [o.case.id for o in outcomes if o.skipped is not None],
        "fully_right": sum(o.fully_right for o in scored),
        "tp": sum(len(o.true_positives) for o in scored),
        "fp": sum(len(o.false_positives) for o in scored),
        "fn": sum(len(o.false_negatives) for o in scored),
        "allowed": sum(len(o.allowed) for o in scored),
    }
    return summary


def print_summary(summary: dict) -> None:
    print()
    print(f"binary: {summary['binary']}")
    print(
        f"cases fully right: {summary['fully_right']}/{summary['scored']}"
        f" ({len(summary['skipped'])} of {summary['cases']} skipped)"
    )
    print(
        f"findings: TP {summary['tp']}  FP {summary['fp']}  FN {summary['fn']}"
        f"  (allowed either way: {summary['allowed']})"
    )
    if summary["skipped"]:
        print("skipped: " + ", ".join(summary["skipped"]))


def outcome_record(outcome: Outcome) -> dict:
    return {
        "id": outcome.case.id,
        "skipped": outcome.skipped,
        "fully_right": outcome.fully_right,
        "tp": [str(e.key) for e in outcome.true_positives],
        "fn": [str(e.key) for e in outcome.false_negatives],
        "fp": [{"finding": str(k), "message": m} for k, m in outcome.false_positives],
        "allowed": [str(e.key) for e in outcome.allowed],
        "ignored": dict(outcome.ignored),
    }


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", type=Path, default=DEFAULT_BIN, help="the tfkms binary to score (default: %(default)s)")
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="the cases file (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where cases are materialized; keep it outside the repository (default: %(default)s, or $REALWORLD_CACHE)")
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS, help="directory of bare git mirrors named OWNER+NAME (default: %(default)s, or $REALWORLD_MIRRORS)")
    parser.add_argument("--only", action="append", default=[], metavar="ID", help="score only this case (repeatable)")
    parser.add_argument("--save", type=Path, help="also write the per-case results and the total as JSON here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list true positives, allowed and ignored findings of passing cases too")
    return parser.parse_args()


def main() -> int:
    args = parse_arguments()
    try:
        args.bin = args.bin.resolve()
        if not os.access(args.bin, os.X_OK):
            raise ScriptError(f"no executable tfkms at {args.bin} (build it, or pass --bin)")
        args.cache = args.cache.resolve()
        if args.cache.is_relative_to(SCRIPT_DIR.parent):
            raise ScriptError(f"the cache {args.cache} is inside the repository; the cases' files must stay out of it")
        cases = load_cases(args.cases)
        unknown = set(args.only) - {case.id for case in cases}
        if unknown:
            raise ScriptError(f"no such case: {', '.join(sorted(unknown))}")
        if args.only:
            cases = [case for case in cases if case.id in args.only]
        args.cache.mkdir(parents=True, exist_ok=True)
        config = args.cache / "empty.tfkms.toml"
        config.write_text("")
    except (ScriptError, OSError) as error:
        print(f"realworld-score: {error}", file=sys.stderr)
        return 2
    outcomes = []
    for case in cases:
        outcome = run_case(case, args, config)
        print_outcome(outcome, args.verbose)
        outcomes.append(outcome)
    summary = summarize(outcomes, args.bin)
    print_summary(summary)
    if args.save:
        record = {"summary": summary, "cases": [outcome_record(o) for o in outcomes]}
        args.save.write_text(json.dumps(record, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
