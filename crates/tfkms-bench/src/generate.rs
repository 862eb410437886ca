//! A deterministic generator of Terraform monorepos shaped like real ones:
//! shared local modules under `modules/` (KMS keys, KMS access policies,
//! buckets, VPCs, Lambda functions, and services composing them) called from
//! many root stacks under `live/ENV/REGION/STACK/`, with variables, tfvars,
//! locals, `for` expressions, `dynamic` statements and conditions, chained
//! policy documents, `jsonencode` and heredoc policies, and plenty of
//! ordinary resources for bulk.
//!
//! Alias risks are planted at known places, each a distinct source literal or
//! reference that tfkms must report exactly once, and their count per rule is
//! written to [`MANIFEST`]. Everything else is written to be clean under
//! every rule in RULES.md: principals in key policies are built from
//! `data.aws_caller_identity`, alias conditions outside the planted ones name
//! aliases exactly, and KMS-relevant values use only functions the evaluator
//! implements, so no `TFKMS010` note is expected either.

use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The manifest's file name, inside the generated directory. Discovery skips
/// it: it is neither `.tf` nor `.tf.json`.
pub const MANIFEST: &str = ".tfkms-bench.json";

pub const ALIAS_ARN_IN_RESOURCE: &str = "TFKMS001";
pub const WILDCARD_ALIAS_CONDITION: &str = "TFKMS002";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub seed: u64,
    /// Terraform files written (`.tf` and `.tfvars`).
    pub files: usize,
    pub bytes: u64,
    pub root_modules: usize,
    pub shared_modules: usize,
    pub module_calls: usize,
    /// Findings expected per rule code; a rule not listed expects none.
    pub expected: BTreeMap<String, usize>,
    /// Whether `expected` is what was planted. A tree of real repositories
    /// plants nothing: its findings are reported, not checked.
    #[serde(default = "planted_by_default")]
    pub planted: bool,
}

fn planted_by_default() -> bool {
    true
}

impl Manifest {
    pub fn read(dir: &Path) -> io::Result<Manifest> {
        let text = std::fs::read_to_string(dir.join(MANIFEST))?;
        serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    pub fn write(&self, dir: &Path) -> io::Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(io::Error::other)?;
        std::fs::write(dir.join(MANIFEST), json + "\n")
    }
}

/// Creates `dir`, which must not exist or be empty.
pub fn ensure_empty_dir(dir: &Path) -> io::Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is not empty; generate into a new directory",
                dir.display()
            ),
        ));
    }
    std::fs::create_dir_all(dir)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    KmsKey,
    KmsAccess,
    Bucket,
    Vpc,
    Lambda,
    /// Composes a Lambda function, a bucket and a KMS access policy.
    Service,
}

const KINDS: [(Kind, &str, usize); 6] = [
    // (kind, directory prefix, share of shared modules in percent)
    (Kind::KmsKey, "kms-key", 20),
    (Kind::KmsAccess, "kms-access", 20),
    (Kind::Bucket, "s3-bucket", 15),
    (Kind::Vpc, "vpc", 10),
    (Kind::Lambda, "lambda-function", 20),
    (Kind::Service, "service", 15),
];

const ENVS: [(&str, &str); 4] = [
    ("prod", "111122223333"),
    ("staging", "222233334444"),
    ("dev", "333344445555"),
    ("sandbox", "444455556666"),
];
const REGIONS: [&str; 5] = [
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-2",
];
const TEAMS: [&str; 12] = [
    "payments",
    "orders",
    "identity",
    "search",
    "billing",
    "ledger",
    "catalog",
    "shipping",
    "analytics",
    "fraud",
    "notifications",
    "platform",
];
const COMPONENTS: [&str; 10] = [
    "api",
    "worker",
    "ingest",
    "reports",
    "export",
    "sync",
    "gateway",
    "scheduler",
    "stream",
    "archive",
];

/// Writes a monorepo of about `files` Terraform files into `dir`, which must
/// not exist or be empty, and its manifest.
pub fn generate(dir: &Path, files: usize, seed: u64) -> io::Result<Manifest> {
    ensure_empty_dir(dir)?;
    let mut g = Gen {
        dir: dir.to_path_buf(),
        rng: Rng::new(seed),
        files: 0,
        bytes: 0,
        expected: BTreeMap::new(),
        module_calls: 0,
        plant_seq: 0,
    };
    let shared = g.shared_modules(files)?;
    let mut uncalled: BTreeMap<Kind, Vec<usize>> = BTreeMap::new();
    for (kind, list) in &shared {
        uncalled.insert(*kind, (0..list.len()).rev().collect());
    }
    // Services call leaf modules; those calls count towards coverage too.
    for s in &shared[&Kind::Service] {
        for (kind, i) in &s.calls {
            uncalled.entry(*kind).or_default().retain(|u| u != i);
        }
    }
    let mut roots = 0;
    let mut stack = 0;
    while g.files < files {
        let env = ENVS[stack % ENVS.len()];
        let region = REGIONS[(stack / ENVS.len()) % REGIONS.len()];
        let team = TEAMS[g.rng.below(TEAMS.len())];
        let component = COMPONENTS[g.rng.below(COMPONENTS.len())];
        let name = format!("{team}-{component}-{stack}");
        let rel = format!("live/{}/{region}/{name}", env.0);
        g.root(&rel, env, region, team, &name, &shared, &mut uncalled)?;
        roots += 1;
        stack += 1;
    }
    // Tiny trees may leave a shared module without a caller; it would then
    // be scanned as a root with its required variables unset.
    for (kind, idx) in uncalled
        .iter()
        .flat_map(|(k, v)| v.iter().map(move |i| (*k, *i)))
        .collect::<Vec<_>>()
    {
        let rel = format!("live/shared/coverage-{}", shared[&kind][idx].dir_name);
        g.coverage_root(&rel, &shared[&kind][idx])?;
        roots += 1;
    }
    let manifest = Manifest {
        seed,
        files: g.files,
        bytes: g.bytes,
        root_modules: roots,
        shared_modules: shared.values().map(Vec::len).sum(),
        module_calls: g.module_calls,
        expected: g
            .expected
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
        planted: true,
    };
    manifest.write(dir)?;
    Ok(manifest)
}

struct Shared {
    kind: Kind,
    dir_name: String,
    /// Leaf modules a service calls.
    calls: Vec<(Kind, usize)>,
}

struct Gen {
    dir: PathBuf,
    rng: Rng,
    files: usize,
    bytes: u64,
    expected: BTreeMap<&'static str, usize>,
    module_calls: usize,
    /// Makes every planted alias name unique, so each is easy to find.
    plant_seq: usize,
}

/// Replaces `@key@` placeholders; HCL's own braces stay readable.
fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("@{k}@"), v);
    }
    debug_assert!(!out.contains("@@"), "unfilled placeholder");
    out
}

fn uuid(rng: &mut Rng) -> String {
    format!(
        "{}-{}-4{}-8{}-{}",
        rng.hex(8),
        rng.hex(4),
        rng.hex(3),
        rng.hex(3),
        rng.hex(12)
    )
}

impl Gen {
    fn write(&mut self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        self.files += 1;
        self.bytes += text.len() as u64;
        Ok(())
    }

    /// Root stack files start with the header monorepos put on them.
    fn write_root(&mut self, stack: &str, rel: &str, text: &str) -> io::Result<()> {
        let text = format!(
            "# Stack {stack}.\n# Managed by Terraform: plan and apply through CI only (docs/runbooks/stacks.md).\n\n{text}"
        );
        self.write(rel, &text)
    }

    fn plant(&mut self, code: &'static str) -> usize {
        *self.expected.entry(code).or_default() += 1;
        self.plant_seq += 1;
        self.plant_seq
    }

    fn shared_modules(&mut self, files: usize) -> io::Result<BTreeMap<Kind, Vec<Shared>>> {
        // About 4% of the files: one shared module directory per 100 files.
        let total = (files / 100).max(KINDS.len());
        let mut out: BTreeMap<Kind, Vec<Shared>> = BTreeMap::new();
        for (kind, prefix, share) in KINDS {
            let n = (total * share / 100).max(1);
            let list = (0..n)
                .map(|i| Shared {
                    kind,
                    dir_name: format!("{prefix}-{i}"),
                    calls: Vec::new(),
                })
                .collect();
            out.insert(kind, list);
        }
        let leaves = |k: Kind| out[&k].len();
        let (lambdas, buckets, accesses) = (
            leaves(Kind::Lambda),
            leaves(Kind::Bucket),
            leaves(Kind::KmsAccess),
        );
        for i in 0..out[&Kind::Service].len() {
            // Round robin first, so every leaf gets a caller even in small trees.
            let calls = vec![
                (Kind::Lambda, i % lambdas),
                (Kind::Bucket, i % buckets),
                (Kind::KmsAccess, i % accesses),
            ];
            if let Some(list) = out.get_mut(&Kind::Service) {
                list[i].calls = calls;
            }
        }
        for list in out.values() {
            for m in list {
                self.shared_module(m)?;
            }
        }
        Ok(out)
    }

    fn shared_module(&mut self, m: &Shared) -> io::Result<()> {
        let base = format!("modules/{}", m.dir_name);
        self.write(&format!("{base}/versions.tf"), VERSIONS_TF)?;
        match m.kind {
            Kind::KmsKey => {
                self.write(&format!("{base}/variables.tf"), &kms_key_variables())?;
                self.write(&format!("{base}/main.tf"), KMS_KEY_MAIN)?;
                self.write(&format!("{base}/outputs.tf"), &kms_key_outputs())?;
            }
            Kind::KmsAccess => {
                self.write(&format!("{base}/variables.tf"), &kms_access_variables())?;
                // Some copies keep a legacy statement naming an alias ARN:
                // one finding, however many callers the module has.
                let legacy = if self.rng.percent(25) {
                    let n = self.plant(ALIAS_ARN_IN_RESOURCE);
                    fill(
                        KMS_ACCESS_LEGACY,
                        &[("alias", &format!("legacy-{}-{n}", m.dir_name))],
                    )
                } else {
                    String::new()
                };
                let main = fill(KMS_ACCESS_MAIN, &[("legacy", &legacy)]);
                self.write(&format!("{base}/main.tf"), &main)?;
                self.write(&format!("{base}/outputs.tf"), &kms_access_outputs())?;
            }
            Kind::Bucket => {
                self.write(&format!("{base}/variables.tf"), &bucket_variables())?;
                self.write(&format!("{base}/main.tf"), BUCKET_MAIN)?;
                self.write(&format!("{base}/policy.tf"), BUCKET_POLICY)?;
                self.write(&format!("{base}/outputs.tf"), &bucket_outputs())?;
            }
            Kind::Vpc => {
                self.write(&format!("{base}/variables.tf"), &vpc_variables())?;
                self.write(&format!("{base}/main.tf"), VPC_MAIN)?;
                let role = service_role(
                    ("flow_logs_assume", "flow_logs"),
                    "vpc-flow-logs.amazonaws.com",
                    r#""${var.name}-flow-logs""#,
                    true,
                );
                let flow_logs = fill(VPC_FLOW_LOGS, &[("service_role", &role)]);
                self.write(&format!("{base}/flow-logs.tf"), &flow_logs)?;
                self.write(&format!("{base}/outputs.tf"), &vpc_outputs())?;
            }
            Kind::Lambda => {
                self.write(&format!("{base}/variables.tf"), &lambda_variables())?;
                let role =
                    service_role(("assume", "this"), "lambda.amazonaws.com", "var.name", true);
                let iam = fill(LAMBDA_IAM, &[("service_role", &role)]);
                self.write(&format!("{base}/iam.tf"), &iam)?;
                self.write(&format!("{base}/main.tf"), LAMBDA_MAIN)?;
                self.write(&format!("{base}/outputs.tf"), &lambda_outputs())?;
            }
            Kind::Service => {
                let dir_of = |k: Kind| {
                    m.calls
                        .iter()
                        .find(|(c, _)| *c == k)
                        .map(|(_, i)| *i)
                        .unwrap_or(0)
                };
                let main = fill(
                    SERVICE_MAIN,
                    &[
                        (
                            "lambda",
                            &format!("lambda-function-{}", dir_of(Kind::Lambda)),
                        ),
                        ("bucket", &format!("s3-bucket-{}", dir_of(Kind::Bucket))),
                        ("access", &format!("kms-access-{}", dir_of(Kind::KmsAccess))),
                    ],
                );
                self.module_calls += 3;
                self.write(&format!("{base}/variables.tf"), &service_variables())?;
                self.write(&format!("{base}/main.tf"), &main)?;
                self.write(&format!("{base}/queues.tf"), SERVICE_QUEUES)?;
                self.write(&format!("{base}/outputs.tf"), &service_outputs())?;
            }
        }
        Ok(())
    }

    /// Picks the shared module of `kind` a root calls: uncalled ones first,
    /// then popular ones more often.
    fn pick(
        &mut self,
        kind: Kind,
        shared: &BTreeMap<Kind, Vec<Shared>>,
        uncalled: &mut BTreeMap<Kind, Vec<usize>>,
    ) -> String {
        self.module_calls += 1;
        let i = match uncalled.get_mut(&kind).and_then(Vec::pop) {
            Some(i) => i,
            None => self.rng.zipf(shared[&kind].len()),
        };
        format!("../../../../modules/{}", shared[&kind][i].dir_name)
    }

    #[allow(clippy::too_many_arguments)]
    fn root(
        &mut self,
        rel: &str,
        (env, account): (&str, &str),
        region: &str,
        team: &str,
        name: &str,
        shared: &BTreeMap<Kind, Vec<Shared>>,
        uncalled: &mut BTreeMap<Kind, Vec<usize>>,
    ) -> io::Result<()> {
        let key_id = uuid(&mut self.rng);
        let other_key_id = uuid(&mut self.rng);
        let key_arn = format!("arn:aws:kms:{region}:{account}:key/{key_id}");
        let vars: Vec<(&str, &str)> = vec![
            ("env", env),
            ("account", account),
            ("region", region),
            ("team", team),
            ("name", name),
            ("path", rel),
            ("key_id", &key_id),
            ("other_key_id", &other_key_id),
        ];

        // Where this stack's planted risks go, if any.
        let alias_arn_at = self.rng.percent(18).then(|| self.rng.below(8));
        let wildcard_at = self.rng.percent(12).then(|| self.rng.below(4));
        let plant_arn = |g: &mut Gen, place: usize| -> Option<String> {
            (alias_arn_at == Some(place)).then(|| {
                let n = g.plant(ALIAS_ARN_IN_RESOURCE);
                format!("arn:aws:kms:{region}:{account}:alias/{team}-{n}")
            })
        };
        let plant_wildcard = |g: &mut Gen, place: usize| -> Option<String> {
            (wildcard_at == Some(place)).then(|| {
                let n = g.plant(WILDCARD_ALIAS_CONDITION);
                format!("alias/{team}-{n}-*")
            })
        };

        let backend = fill(ROOT_VERSIONS, &vars);
        self.write_root(rel, &format!("{rel}/versions.tf"), &backend)?;
        self.write_root(rel, &format!("{rel}/variables.tf"), &root_variables())?;

        // terraform.tfvars: place 0 puts the alias ARN here.
        let extra_key_arns = match plant_arn(self, 0) {
            Some(arn) => format!("[\n  \"{key_arn}\",\n  \"{arn}\",\n]"),
            None if self.rng.percent(50) => format!("[\n  \"{key_arn}\",\n]"),
            None => "[]".to_string(),
        };
        // Place 0 of the wildcard: alias patterns for the decrypt statement.
        let alias_patterns = match plant_wildcard(self, 0) {
            Some(p) => format!("[\"alias/{team}-{env}\", \"{p}\"]"),
            None => format!("[\"alias/{team}-{env}\"]"),
        };
        let owners = format!(
            "[\"{}\", \"{}\"]",
            TEAMS[self.rng.below(TEAMS.len())],
            TEAMS[self.rng.below(TEAMS.len())]
        );
        let tfvars = fill(
            &fill(
                ROOT_TFVARS,
                &[
                    ("extra_key_arns", &extra_key_arns),
                    ("alias_patterns", &alias_patterns),
                    ("owners", &owners),
                    ("cost_center", &format!("{}", 1000 + self.rng.below(9000))),
                    ("retention", *self.rng.pick(&["14", "30", "90", "365"])),
                ],
            ),
            &vars,
        );
        self.write_root(rel, &format!("{rel}/terraform.tfvars"), &tfvars)?;

        // Consumers of the stack's key: module calls with for_each.
        let consumer_a = COMPONENTS[self.rng.below(COMPONENTS.len())];
        let consumer_b = COMPONENTS[self.rng.below(COMPONENTS.len())];
        let consumer_b = if consumer_b == consumer_a {
            "audit"
        } else {
            consumer_b
        };
        let consumer_arn = match plant_arn(self, 1) {
            Some(arn) => format!(",\n        \"{arn}\","),
            None => String::new(),
        };
        let consumer_pattern =
            plant_wildcard(self, 1).unwrap_or_else(|| format!("alias/{team}-{consumer_a}"));
        let consumer_test = if consumer_pattern.ends_with('*') {
            "ForAnyValue:StringLike"
        } else {
            "ForAnyValue:StringEquals"
        };
        let locals = fill(
            &fill(
                ROOT_LOCALS,
                &[
                    ("consumer_a", consumer_a),
                    ("consumer_b", consumer_b),
                    ("consumer_arn", &consumer_arn),
                    ("consumer_pattern", &consumer_pattern),
                    ("consumer_test", consumer_test),
                ],
            ),
            &vars,
        );
        self.write_root(rel, &format!("{rel}/locals.tf"), &locals)?;

        let kms_key = self.pick(Kind::KmsKey, shared, uncalled);
        let access = self.pick(Kind::KmsAccess, shared, uncalled);
        let mut main = fill(
            &fill(
                ROOT_MAIN,
                &[("kms_key", kms_key.as_str()), ("access", access.as_str())],
            ),
            &vars,
        );

        // iam.tf: a policy document with a chained base, an inline role
        // policy with jsonencode, a managed policy from heredoc JSON, and a
        // dynamic statement over a local map.
        let doc_resource = plant_arn(self, 2)
            .map(|a| format!("\"{a}\""))
            .unwrap_or_else(|| "module.kms.key_arn".to_string());
        let json_resource = plant_arn(self, 3).unwrap_or_else(|| key_arn.clone());
        let json_effect = if alias_arn_at == Some(3) && self.rng.percent(50) {
            "Deny"
        } else {
            "Allow"
        };
        let heredoc_resource = plant_arn(self, 4)
            .unwrap_or_else(|| format!("arn:aws:kms:{region}:{account}:key/{other_key_id}"));
        let typed_alias = if alias_arn_at == Some(5) {
            self.plant(ALIAS_ARN_IN_RESOURCE);
            "aws_kms_alias.reports.arn"
        } else {
            "aws_kms_key.reports.arn"
        };
        let map_resource = plant_arn(self, 6).unwrap_or_else(|| key_arn.clone());
        let request_alias = plant_wildcard(self, 2).unwrap_or_else(|| format!("alias/{name}"));
        let request_test = if request_alias.ends_with('*') {
            "StringLike"
        } else {
            "StringEquals"
        };
        let json_alias = plant_wildcard(self, 3).unwrap_or_else(|| format!("alias/{name}-jobs"));
        let json_test = if json_alias.ends_with('*') {
            "StringLike"
        } else {
            "StringEquals"
        };
        let app_role = service_role(
            ("assume", "app"),
            "ecs-tasks.amazonaws.com",
            r#""${local.name_prefix}-app""#,
            false,
        );
        let iam = fill(
            &fill(
                ROOT_IAM,
                &[
                    ("service_role", &app_role),
                    ("doc_resource", doc_resource.as_str()),
                    ("json_resource", &json_resource),
                    ("json_effect", json_effect),
                    ("heredoc_resource", &heredoc_resource),
                    ("typed_alias", typed_alias),
                    ("map_resource", &map_resource),
                    ("request_alias", &request_alias),
                    ("request_test", request_test),
                    ("json_alias", &json_alias),
                    ("json_test", json_test),
                ],
            ),
            &vars,
        );
        self.write_root(rel, &format!("{rel}/iam.tf"), &iam)?;
        // Place 7: the service module's grants, through two module levels.
        let service_arn = plant_arn(self, 7);

        if self.rng.percent(75) {
            let vpc = self.pick(Kind::Vpc, shared, uncalled);
            let net = fill(
                &fill(
                    ROOT_NETWORK,
                    &[
                        ("vpc", vpc.as_str()),
                        ("cidr", &format!("10.{}.0.0/16", self.rng.below(250))),
                    ],
                ),
                &vars,
            );
            self.write_root(rel, &format!("{rel}/network.tf"), &net)?;
        }
        if self.rng.percent(60) || service_arn.is_some() {
            let service = self.pick(Kind::Service, shared, uncalled);
            let extra = match &service_arn {
                Some(arn) => format!(
                    "\n        LegacyReports = {{\n          actions    = [\"kms:Decrypt\"]\n          resources  = [\"{arn}\"]\n          conditions = []\n        }}"
                ),
                None => String::new(),
            };
            let svc = fill(
                &fill(
                    ROOT_SERVICES,
                    &[("service", service.as_str()), ("extra_grant", &extra)],
                ),
                &vars,
            );
            main.push('\n');
            main.push_str(&svc);
        }
        if self.rng.percent(60) {
            let bucket = self.pick(Kind::Bucket, shared, uncalled);
            let storage = fill(&fill(ROOT_STORAGE, &[("bucket", bucket.as_str())]), &vars);
            main.push('\n');
            main.push_str(&storage);
        }
        if self.rng.percent(30) {
            main.push('\n');
            main.push_str(&fill(ROOT_DNS, &vars));
        }
        self.write_root(rel, &format!("{rel}/main.tf"), &main)?;
        if self.rng.percent(60) {
            self.write_root(
                rel,
                &format!("{rel}/database.tf"),
                &fill(ROOT_DATABASE, &vars),
            )?;
        }
        if self.rng.percent(75) {
            self.write(
                &format!("{rel}/monitoring.tf"),
                &fill(ROOT_MONITORING, &vars),
            )?;
        }
        if self.rng.percent(80) {
            self.write_root(
                rel,
                &format!("{rel}/compute.tf"),
                &fill(ROOT_COMPUTE, &vars),
            )?;
        }
        self.write_root(rel, &format!("{rel}/outputs.tf"), &root_outputs())?;
        Ok(())
    }

    fn coverage_root(&mut self, rel: &str, m: &Shared) -> io::Result<()> {
        self.module_calls += 1;
        let text = fill(
            COVERAGE_ROOT,
            &[
                ("source", &format!("../../../modules/{}", m.dir_name)),
                ("args", coverage_args(m.kind)),
            ],
        );
        self.write_root(rel, &format!("{rel}/main.tf"), &text)
    }
}

fn coverage_args(kind: Kind) -> &'static str {
    match kind {
        Kind::KmsKey => "  name = \"coverage\"",
        Kind::KmsAccess => {
            "  name     = \"coverage\"\n  key_arns = [\"arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000001\"]"
        }
        Kind::Bucket | Kind::Lambda | Kind::Service => {
            "  name        = \"coverage\"\n  kms_key_arn = \"arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000001\""
        }
        Kind::Vpc => "  name = \"coverage\"\n  cidr = \"10.0.0.0/16\"",
    }
}

const VERSIONS_TF: &str = r#"terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30, < 6.0"
    }
  }
}
"#;

const COVERAGE_ROOT: &str = r#"# Calls a shared module no stack uses yet, so it is checked with arguments.
module "coverage" {
  source = "@source@"
@args@
}
"#;

/// The trust policy document letting an AWS service assume a role, and the
/// role. Module roles carry the module's tags.
fn service_role((document, role): (&str, &str), service: &str, name: &str, tagged: bool) -> String {
    let tags = if tagged {
        "  tags               = var.tags\n"
    } else {
        ""
    };
    format!(
        r#"data "aws_iam_policy_document" "{document}" {{
  statement {{
    actions = ["sts:AssumeRole"]

    principals {{
      type        = "Service"
      identifiers = ["{service}"]
    }}
  }}
}}

resource "aws_iam_role" "{role}" {{
  name               = {name}
  assume_role_policy = data.aws_iam_policy_document.{document}.json
{tags}}}
"#
    )
}

/// A `variable` block: its description, type and default, if any.
fn variable(name: &str, description: &str, ty: &str, default: Option<&str>) -> String {
    let description = format!("\"{description}\"");
    let mut arguments = vec![("description", description.as_str()), ("type", ty)];
    arguments.extend(default.map(|d| ("default", d)));
    block("variable", name, &arguments)
}

/// A variable block with `validation` (or other nested blocks) after its
/// arguments.
fn validated(variable: String, nested: &str) -> String {
    let arguments = variable.strip_suffix("}\n").unwrap_or(&variable);
    format!("{arguments}\n{nested}\n}}\n")
}

fn output(name: &str, description: &str, value: &str) -> String {
    let description = format!("\"{description}\"");
    block(
        "output",
        name,
        &[("description", &description), ("value", value)],
    )
}

/// A block of arguments laid out as `terraform fmt` does: each run of
/// one-line arguments aligned on `=`, a multi-line argument on its own.
fn block(kind: &str, name: &str, arguments: &[(&str, &str)]) -> String {
    let mut out = format!("{kind} \"{name}\" {{\n");
    for run in arguments.chunk_by(|a, b| !a.1.contains('\n') && !b.1.contains('\n')) {
        let width = run.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (k, v) in run {
            out.push_str(&format!("  {k:width$} = {v}\n"));
        }
    }
    out.push_str("}\n");
    out
}

/// The type of the `grants` variables: extra policy statements by sid.
const GRANTS_TYPE: &str = r#"map(object({
    actions   = list(string)
    resources = list(string)
    conditions = list(object({
      test     = string
      variable = string
      values   = list(string)
    }))
  }))"#;

fn kms_key_variables() -> String {
    [
        variable(
            "name",
            "Name of the key; also its primary alias (alias/NAME).",
            "string",
            None,
        ),
        variable(
            "description",
            "Description shown in the KMS console.",
            "string",
            Some(r#""Managed by Terraform""#),
        ),
        variable(
            "deletion_window_in_days",
            "Waiting period before the key is deleted, between 7 and 30 days.",
            "number",
            Some("30"),
        ),
        variable(
            "enable_key_rotation",
            "Rotate the key material every year.",
            "bool",
            Some("true"),
        ),
        variable(
            "multi_region",
            "Create a multi-Region primary key.",
            "bool",
            Some("false"),
        ),
        variable(
            "key_administrators",
            "Names of IAM roles in this account that administer the key.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "key_users",
            "Names of IAM roles in this account that use the key for cryptographic operations.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "aliases",
            "Additional alias names, without the alias/ prefix.",
            "list(string)",
            Some("[]"),
        ),
        variable("tags", "Tags for the key.", "map(string)", Some("{}")),
    ]
    .join("\n")
}

const KMS_KEY_MAIN: &str = r#"data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_root = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
  role_prefix  = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role"
  alias_names  = toset(concat([var.name], var.aliases))
}

resource "aws_kms_key" "this" {
  description             = var.description
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = var.enable_key_rotation
  multi_region            = var.multi_region
  tags                    = merge(var.tags, { Name = var.name })

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = local.account_root }
        Action    = "kms:*"
        Resource  = "*"
      }],
      length(var.key_administrators) > 0 ? [{
        Sid       = "KeyAdministration"
        Effect    = "Allow"
        Principal = { AWS = [for role in var.key_administrators : "${local.role_prefix}/${role}"] }
        Action = [
          "kms:Describe*",
          "kms:Enable*",
          "kms:List*",
          "kms:Put*",
          "kms:Update*",
          "kms:Revoke*",
          "kms:Disable*",
          "kms:Get*",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion",
        ]
        Resource = "*"
      }] : [],
      length(var.key_users) > 0 ? [{
        Sid       = "KeyUsage"
        Effect    = "Allow"
        Principal = { AWS = [for role in var.key_users : "${local.role_prefix}/${role}"] }
        Action = [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:DescribeKey",
        ]
        Resource = "*"
      }] : [],
    )
  })
}

resource "aws_kms_alias" "this" {
  for_each      = local.alias_names
  name          = "alias/${each.value}"
  target_key_id = aws_kms_key.this.key_id
}
"#;

fn kms_key_outputs() -> String {
    [
        output(
            "key_arn",
            "ARN of the key: name the key by this ARN in IAM policies, never by an alias ARN.",
            "aws_kms_key.this.arn",
        ),
        output("key_id", "ID of the key.", "aws_kms_key.this.key_id"),
        output(
            "alias_names",
            "Alias names of the key, with the alias/ prefix.",
            r#"[for a in local.alias_names : "alias/${a}"]"#,
        ),
    ]
    .join("\n")
}

fn kms_access_variables() -> String {
    [
        variable("name", "Name prefix of the policy.", "string", None),
        variable(
            "key_arns",
            "ARNs of the KMS keys the policy grants use of.",
            "list(string)",
            None,
        ),
        variable(
            "grants",
            "Additional statements, by sid.",
            GRANTS_TYPE,
            Some("{}"),
        ),
        variable(
            "role_names",
            "Roles the policy is attached to.",
            "list(string)",
            Some("[]"),
        ),
        variable("tags", "Tags for the policy.", "map(string)", Some("{}")),
    ]
    .join("\n")
}

const KMS_ACCESS_LEGACY: &str = r#"
  statement {
    sid       = "LegacyAliasAccess"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:*:*:alias/@alias@"]
  }
"#;

const KMS_ACCESS_MAIN: &str = r#"data "aws_iam_policy_document" "base" {
  statement {
    sid    = "UseKeys"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:Encrypt",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]
    resources = var.key_arns
  }
@legacy@}

data "aws_iam_policy_document" "this" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  dynamic "statement" {
    for_each = var.grants
    content {
      sid       = statement.key
      effect    = "Allow"
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = statement.value.conditions
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_policy" "this" {
  name        = "${var.name}-kms-access"
  description = "Use of KMS keys for ${var.name}"
  policy      = data.aws_iam_policy_document.this.json
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = toset(var.role_names)
  role       = each.value
  policy_arn = aws_iam_policy.this.arn
}
"#;

fn kms_access_outputs() -> String {
    [
        output(
            "policy_arn",
            "ARN of the managed policy.",
            "aws_iam_policy.this.arn",
        ),
        output(
            "policy_json",
            "The rendered policy.",
            "data.aws_iam_policy_document.this.json",
        ),
    ]
    .join("\n")
}

fn bucket_variables() -> String {
    [
        variable("name", "Bucket name.", "string", None),
        variable(
            "kms_key_arn",
            "ARN of the KMS key for default encryption.",
            "string",
            None,
        ),
        variable(
            "reader_role_arns",
            "Roles that may read objects.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "versioning",
            "Keep every version of every object.",
            "bool",
            Some("true"),
        ),
        variable(
            "lifecycle_rules",
            "Expiration rules by prefix.",
            r#"list(object({
    id     = string
    prefix = string
    days   = number
  }))"#,
            Some("[]"),
        ),
        variable("tags", "Tags for the bucket.", "map(string)", Some("{}")),
    ]
    .join("\n")
}

const BUCKET_MAIN: &str = r#"resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags   = var.tags
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count  = length(var.lifecycle_rules) > 0 ? 1 : 0
  bucket = aws_s3_bucket.this.id

  dynamic "rule" {
    for_each = var.lifecycle_rules
    content {
      id     = rule.value.id
      status = "Enabled"

      filter {
        prefix = rule.value.prefix
      }

      expiration {
        days = rule.value.days
      }

      noncurrent_version_expiration {
        noncurrent_days = rule.value.days
      }
    }
  }
}
"#;

const BUCKET_POLICY: &str = r#"data "aws_iam_policy_document" "bucket" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this.arn,
      "${aws_s3_bucket.this.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  dynamic "statement" {
    for_each = length(var.reader_role_arns) > 0 ? [var.reader_role_arns] : []
    content {
      sid       = "AllowReaders"
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

      principals {
        type        = "AWS"
        identifiers = statement.value
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.bucket.json
}
"#;

fn bucket_outputs() -> String {
    [
        output("bucket_arn", "ARN of the bucket.", "aws_s3_bucket.this.arn"),
        output(
            "bucket_name",
            "Name of the bucket.",
            "aws_s3_bucket.this.id",
        ),
    ]
    .join("\n")
}

fn vpc_variables() -> String {
    [
        variable(
            "name",
            "Name of the VPC and prefix of its resources.",
            "string",
            None,
        ),
        variable("cidr", "IPv4 CIDR block of the VPC.", "string", None),
        variable(
            "azs",
            "Availability zones, by short name.",
            "map(number)",
            Some(
                r#"{
    a = 0
    b = 1
    c = 2
  }"#,
            ),
        ),
        variable(
            "enable_nat_gateway",
            "Give private subnets a route to the internet.",
            "bool",
            Some("true"),
        ),
        variable(
            "flow_log_retention_days",
            "Retention of the VPC flow logs.",
            "number",
            Some("90"),
        ),
        variable(
            "tags",
            "Tags for every resource.",
            "map(string)",
            Some("{}"),
        ),
    ]
    .join("\n")
}

const VPC_MAIN: &str = r#"data "aws_region" "current" {}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-igw" })
}

resource "aws_subnet" "public" {
  for_each                = var.azs
  vpc_id                  = aws_vpc.this.id
  availability_zone       = "${data.aws_region.current.name}${each.key}"
  cidr_block              = cidrsubnet(var.cidr, 8, each.value)
  map_public_ip_on_launch = false
  tags                    = merge(var.tags, { Name = "${var.name}-public-${each.key}", Tier = "public" })
}

resource "aws_subnet" "private" {
  for_each          = var.azs
  vpc_id            = aws_vpc.this.id
  availability_zone = "${data.aws_region.current.name}${each.key}"
  cidr_block        = cidrsubnet(var.cidr, 4, each.value + 1)
  tags              = merge(var.tags, { Name = "${var.name}-private-${each.key}", Tier = "private" })
}

resource "aws_eip" "nat" {
  for_each = var.enable_nat_gateway ? var.azs : {}
  domain   = "vpc"
  tags     = merge(var.tags, { Name = "${var.name}-nat-${each.key}" })
}

resource "aws_nat_gateway" "this" {
  for_each      = var.enable_nat_gateway ? var.azs : {}
  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.public[each.key].id
  tags          = merge(var.tags, { Name = "${var.name}-nat-${each.key}" })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }

  tags = merge(var.tags, { Name = "${var.name}-public" })
}

resource "aws_route_table" "private" {
  for_each = var.azs
  vpc_id   = aws_vpc.this.id

  dynamic "route" {
    for_each = var.enable_nat_gateway ? [each.key] : []
    content {
      cidr_block     = "0.0.0.0/0"
      nat_gateway_id = aws_nat_gateway.this[route.value].id
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-private-${each.key}" })
}

resource "aws_route_table_association" "public" {
  for_each       = var.azs
  subnet_id      = aws_subnet.public[each.key].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  for_each       = var.azs
  subnet_id      = aws_subnet.private[each.key].id
  route_table_id = aws_route_table.private[each.key].id
}

resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-default" })
}
"#;

const VPC_FLOW_LOGS: &str = r#"resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "/aws/vpc/${var.name}/flow-logs"
  retention_in_days = var.flow_log_retention_days
  tags              = var.tags
}

@service_role@
data "aws_iam_policy_document" "flow_logs" {
  statement {
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
    ]
    resources = ["${aws_cloudwatch_log_group.flow_logs.arn}:*"]
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  name   = "flow-logs"
  role   = aws_iam_role.flow_logs.id
  policy = data.aws_iam_policy_document.flow_logs.json
}

resource "aws_flow_log" "this" {
  vpc_id          = aws_vpc.this.id
  traffic_type    = "ALL"
  iam_role_arn    = aws_iam_role.flow_logs.arn
  log_destination = aws_cloudwatch_log_group.flow_logs.arn
  tags            = var.tags
}
"#;

fn vpc_outputs() -> String {
    [
        output("vpc_id", "ID of the VPC.", "aws_vpc.this.id"),
        output(
            "private_subnet_ids",
            "IDs of the private subnets, by availability zone.",
            "{ for az, s in aws_subnet.private : az => s.id }",
        ),
        output(
            "public_subnet_ids",
            "IDs of the public subnets, by availability zone.",
            "{ for az, s in aws_subnet.public : az => s.id }",
        ),
    ]
    .join("\n")
}

fn lambda_variables() -> String {
    [
        variable("name", "Function name.", "string", None),
        variable(
            "kms_key_arn",
            "ARN of the KMS key that encrypts the function's secrets.",
            "string",
            None,
        ),
        variable(
            "runtime",
            "Lambda runtime.",
            "string",
            Some(r#""python3.12""#),
        ),
        variable(
            "handler",
            "Entry point.",
            "string",
            Some(r#""app.handler""#),
        ),
        variable("memory_size", "Memory in MB.", "number", Some("256")),
        variable("timeout", "Timeout in seconds.", "number", Some("30")),
        variable(
            "environment",
            "Environment variables.",
            "map(string)",
            Some("{}"),
        ),
        variable(
            "subnet_ids",
            "Subnets for a VPC function; empty for none.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "tags",
            "Tags for every resource.",
            "map(string)",
            Some("{}"),
        ),
    ]
    .join("\n")
}

const LAMBDA_IAM: &str = r#"@service_role@
resource "aws_iam_role_policy" "secrets" {
  name = "decrypt-secrets"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DecryptSecrets"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = var.kms_key_arn
      },
      {
        Sid      = "WriteLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.this.arn}:*"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "vpc" {
  count      = length(var.subnet_ids) > 0 ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}
"#;

const LAMBDA_MAIN: &str = r#"resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = 30
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_security_group" "this" {
  count       = length(var.subnet_ids) > 0 ? 1 : 0
  name_prefix = "${var.name}-"
  description = "Egress for ${var.name}"

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.this.arn
  runtime       = var.runtime
  handler       = var.handler
  memory_size   = var.memory_size
  timeout       = var.timeout
  filename      = "${path.module}/build/${var.name}.zip"
  kms_key_arn   = var.kms_key_arn

  environment {
    variables = merge(var.environment, { LOG_LEVEL = "info" })
  }

  dynamic "vpc_config" {
    for_each = length(var.subnet_ids) > 0 ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = [aws_security_group.this[0].id]
    }
  }

  tracing_config {
    mode = "Active"
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.this]
}
"#;

fn lambda_outputs() -> String {
    [
        output(
            "function_arn",
            "ARN of the function.",
            "aws_lambda_function.this.arn",
        ),
        output(
            "role_name",
            "Name of the function's role.",
            "aws_iam_role.this.name",
        ),
        output(
            "role_arn",
            "ARN of the function's role.",
            "aws_iam_role.this.arn",
        ),
    ]
    .join("\n")
}

fn service_variables() -> String {
    [
        variable("name", "Service name.", "string", None),
        variable(
            "kms_key_arn",
            "ARN of the service's KMS key.",
            "string",
            None,
        ),
        variable(
            "grants",
            "Additional KMS statements for the service role, by sid.",
            GRANTS_TYPE,
            Some("{}"),
        ),
        variable(
            "subnet_ids",
            "Subnets of the function.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "tags",
            "Tags for every resource.",
            "map(string)",
            Some("{}"),
        ),
    ]
    .join("\n")
}

const SERVICE_MAIN: &str = r#"locals {
  function_environment = {
    BUCKET    = module.bucket.bucket_name
    QUEUE_URL = aws_sqs_queue.this.url
    TOPIC_ARN = aws_sns_topic.this.arn
  }
}

module "function" {
  source = "../@lambda@"

  name        = var.name
  kms_key_arn = var.kms_key_arn
  environment = local.function_environment
  subnet_ids  = var.subnet_ids
  tags        = var.tags
}

module "bucket" {
  source = "../@bucket@"

  name             = "${var.name}-data"
  kms_key_arn      = var.kms_key_arn
  reader_role_arns = [module.function.role_arn]
  lifecycle_rules = [
    { id = "tmp", prefix = "tmp/", days = 7 },
    { id = "exports", prefix = "exports/", days = 90 },
  ]
  tags = var.tags
}

module "access" {
  source = "../@access@"

  name       = var.name
  key_arns   = [var.kms_key_arn]
  grants     = var.grants
  role_names = [module.function.role_name]
  tags       = var.tags
}
"#;

const SERVICE_QUEUES: &str = r#"resource "aws_sqs_queue" "dead_letter" {
  name                      = "${var.name}-dlq"
  kms_master_key_id         = var.kms_key_arn
  message_retention_seconds = 1209600
  tags                      = var.tags
}

resource "aws_sqs_queue" "this" {
  name                       = var.name
  kms_master_key_id          = var.kms_key_arn
  visibility_timeout_seconds = 180
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = 5
  })
  tags = var.tags
}

resource "aws_sns_topic" "this" {
  name              = var.name
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "queue" {
  topic_arn = aws_sns_topic.this.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.this.arn
}

resource "aws_lambda_event_source_mapping" "queue" {
  event_source_arn = aws_sqs_queue.this.arn
  function_name    = module.function.function_arn
  batch_size       = 10
}
"#;

fn service_outputs() -> String {
    [
        output(
            "function_arn",
            "ARN of the service's function.",
            "module.function.function_arn",
        ),
        output(
            "queue_url",
            "URL of the service's queue.",
            "aws_sqs_queue.this.url",
        ),
        output(
            "bucket_name",
            "Name of the service's bucket.",
            "module.bucket.bucket_name",
        ),
    ]
    .join("\n")
}

const ROOT_VERSIONS: &str = r#"terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket         = "acme-terraform-state-@account@"
    key            = "@path@/terraform.tfstate"
    region         = "us-east-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = var.region

  assume_role {
    role_arn     = "arn:aws:iam::@account@:role/terraform-deployer"
    session_name = "terraform-@name@"
  }

  default_tags {
    tags = local.common_tags
  }
}

# CloudFront certificates and WAF live in us-east-1 whatever the stack's Region.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::@account@:role/terraform-deployer"
    session_name = "terraform-@name@"
  }

  default_tags {
    tags = local.common_tags
  }
}
"#;

fn root_variables() -> String {
    [
        variable(
            "region",
            "AWS Region of the stack.",
            "string",
            Some(r#""us-east-1""#),
        ),
        variable("environment", "Deployment environment.", "string", None),
        variable("team", "Owning team.", "string", None),
        variable(
            "owners",
            "Teams allowed to administer the stack's key.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "cost_center",
            "Cost center for billing tags.",
            "string",
            Some(r#""0000""#),
        ),
        variable(
            "extra_key_arns",
            "ARNs of further KMS keys the application decrypts with.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "decrypt_alias_patterns",
            "Alias names whose keys the application may use.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "log_retention_days",
            "Retention of application logs.",
            "number",
            Some("30"),
        ),
        variable(
            "alarm_emails",
            "Addresses notified by alarms.",
            "list(string)",
            Some("[]"),
        ),
        variable(
            "container_image",
            "Image of the application container, with its tag.",
            "string",
            Some(r#""public.ecr.aws/docker/library/nginx:1.27""#),
        ),
        validated(
            variable(
                "container_cpu",
                "CPU units of the task (1024 = one vCPU).",
                "number",
                Some("512"),
            ),
            r#"  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.container_cpu)
    error_message = "container_cpu must be a Fargate CPU size."
  }"#,
        ),
        variable(
            "container_memory",
            "Memory of the task in MiB.",
            "number",
            Some("1024"),
        ),
        validated(
            variable(
                "desired_count",
                "Tasks to run when idle.",
                "number",
                Some("2"),
            ),
            r#"  validation {
    condition     = var.desired_count >= 0 && var.desired_count <= 100
    error_message = "desired_count must be between 0 and 100."
  }"#,
        ),
        variable(
            "max_capacity",
            "Upper bound of the task autoscaling.",
            "number",
            Some("10"),
        ),
        validated(
            variable(
                "allowed_cidrs",
                "Networks allowed to reach the load balancer.",
                "list(string)",
                Some(r#"["10.0.0.0/8"]"#),
            ),
            r#"  validation {
    condition     = alltrue([for c in var.allowed_cidrs : can(cidrhost(c, 0))])
    error_message = "Every entry of allowed_cidrs must be a CIDR block."
  }"#,
        ),
        variable(
            "feature_flags",
            "Feature flags passed to the application.",
            "map(bool)",
            Some(
                r#"{
    new_checkout = false
    async_export = true
  }"#,
            ),
        ),
        variable(
            "backup_retention_days",
            "Days AWS Backup keeps recovery points.",
            "number",
            Some("35"),
        ),
        variable(
            "deletion_protection",
            "Protect stateful resources from deletion.",
            "bool",
            Some("true"),
        ),
    ]
    .join("\n")
}

const ROOT_TFVARS: &str = r#"region      = "@region@"
environment = "@env@"
team        = "@team@"
owners      = @owners@
cost_center = "@cost_center@"

extra_key_arns = @extra_key_arns@

decrypt_alias_patterns = @alias_patterns@

log_retention_days = @retention@
alarm_emails       = ["@team@-oncall@example.com"]

container_image  = "@account@.dkr.ecr.@region@.amazonaws.com/@team@/@name@:v1.4.2"
container_cpu    = 1024
container_memory = 2048
desired_count    = 3
max_capacity     = 12

allowed_cidrs = [
  "10.0.0.0/8",
  "172.16.0.0/12",
]

feature_flags = {
  new_checkout = true
  async_export = true
  dark_mode    = false
}
"#;

const ROOT_LOCALS: &str = r#"data "aws_caller_identity" "current" {}

locals {
  name_prefix = "@name@"
  account_id  = data.aws_caller_identity.current.account_id

  common_tags = {
    Team        = var.team
    Environment = var.environment
    CostCenter  = var.cost_center
    Stack       = "@path@"
    ManagedBy   = "terraform"
  }

  schedules = {
    export  = "cron(0 3 * * ? *)"
    compact = "cron(30 4 ? * SUN *)"
    report  = "rate(6 hours)"
  }

  schedule_names = { for k, v in local.schedules : k => "${local.name_prefix}-${k}" if v != "" }

  subnet_tiers = {
    public   = { newbits = 8, offset = 0 }
    private  = { newbits = 4, offset = 1 }
    database = { newbits = 8, offset = 200 }
  }

  key_users = [for c in ["@consumer_a@", "@consumer_b@"] : format("%s-%s", local.name_prefix, c)]

  consumers = {
    @consumer_a@ = {
      grants = {
        ReadByAlias = {
          actions   = ["kms:Decrypt", "kms:DescribeKey"]
          resources = ["arn:aws:kms:@region@:@account@:key/*"]
          conditions = [{
            test     = "@consumer_test@"
            variable = "kms:ResourceAliases"
            values   = ["@consumer_pattern@"]
          }]
        }
      }
    }
    @consumer_b@ = {
      grants = {
        EncryptExports = {
          actions = ["kms:Encrypt", "kms:GenerateDataKey"]
          resources = [
            "arn:aws:kms:@region@:@account@:key/@other_key_id@"@consumer_arn@
          ]
          conditions = []
        }
      }
    }
  }
}
"#;

const ROOT_MAIN: &str = r#"module "kms" {
  source = "@kms_key@"

  name               = "@name@"
  description        = "Data key of @name@ (@env@)"
  key_administrators = [for t in var.owners : "${t}-admin"]
  key_users          = local.key_users
  aliases            = ["@name@-data"]
  tags               = local.common_tags
}

module "access" {
  source   = "@access@"
  for_each = local.consumers

  name       = "${local.name_prefix}-${each.key}"
  key_arns   = [module.kms.key_arn]
  grants     = each.value.grants
  role_names = ["${local.name_prefix}-${each.key}"]
  tags       = local.common_tags
}

resource "aws_ecr_repository" "app" {
  name                 = "@team@/@name@"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = module.kms.key_arn
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the last 30 release images"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["v"]
          countType     = "imageCountMoreThan"
          countNumber   = 30
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Expire untagged images after a week"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = 7
        }
        action = { type = "expire" }
      },
    ]
  })
}

resource "aws_sqs_queue" "events_dlq" {
  name                      = "${local.name_prefix}-events-dlq"
  kms_master_key_id         = module.kms.key_arn
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue" "events" {
  name                       = "${local.name_prefix}-events"
  kms_master_key_id          = module.kms.key_arn
  visibility_timeout_seconds = 120
  receive_wait_time_seconds  = 20
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.events_dlq.arn
    maxReceiveCount     = 4
  })
}
"#;

const ROOT_IAM: &str = r#"resource "aws_kms_key" "reports" {
  description         = "Reports of @name@"
  enable_key_rotation = true
}

resource "aws_kms_alias" "reports" {
  name          = "alias/@name@-reports"
  target_key_id = aws_kms_key.reports.key_id
}

data "aws_iam_policy_document" "app_base" {
  statement {
    sid       = "UseDataKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [@doc_resource@]
  }

  statement {
    sid       = "ReadConfig"
    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:@region@:@account@:parameter/@name@/*"]
  }
}

data "aws_iam_policy_document" "app" {
  source_policy_documents = [data.aws_iam_policy_document.app_base.json]

  statement {
    sid       = "UseReportsKey"
    actions   = ["kms:Encrypt", "kms:Decrypt"]
    resources = [@typed_alias@]
  }

  statement {
    sid       = "UseSharedKeys"
    actions   = ["kms:Decrypt"]
    resources = concat([module.kms.key_arn], var.extra_key_arns)
  }

  statement {
    sid       = "UseKeysByRequestAlias"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["arn:aws:kms:@region@:@account@:key/*"]

    condition {
      test     = "@request_test@"
      variable = "kms:RequestAlias"
      values   = ["@request_alias@"]
    }
  }

  dynamic "statement" {
    for_each = length(var.decrypt_alias_patterns) > 0 ? [var.decrypt_alias_patterns] : []
    content {
      sid       = "DecryptByAlias"
      actions   = ["kms:Decrypt"]
      resources = ["arn:aws:kms:@region@:@account@:key/*"]

      condition {
        test     = "ForAnyValue:StringLike"
        variable = "kms:ResourceAliases"
        values   = statement.value
      }
    }
  }
}

locals {
  key_access = {
    Ingest = {
      actions  = ["kms:GenerateDataKey", "kms:Encrypt"]
      resource = "@map_resource@"
    }
    Replay = {
      actions  = ["kms:Decrypt"]
      resource = "arn:aws:kms:@region@:@account@:key/@other_key_id@"
    }
  }
}

data "aws_iam_policy_document" "pipelines" {
  dynamic "statement" {
    for_each = local.key_access
    iterator = app
    content {
      sid       = app.key
      actions   = app.value.actions
      resources = [app.value.resource]
    }
  }
}

@service_role@
resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_role_policy" "pipelines" {
  name   = "pipelines"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.pipelines.json
}

resource "aws_iam_role_policy" "jobs" {
  name = "jobs"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "JobsDataKey"
        Effect   = "@json_effect@"
        Action   = ["kms:Decrypt", "kms:ReEncrypt*"]
        Resource = "@json_resource@"
      },
      {
        Sid      = "JobsByAlias"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:@region@:@account@:key/*"
        Condition = {
          @json_test@ = {
            "kms:RequestAlias" = "@json_alias@"
          }
        }
      },
    ]
  })
}

data "aws_iam_policy_document" "deploy_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::@account@:oidc-provider/token.actions.githubusercontent.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:acme/@team@:ref:refs/heads/main"]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${local.name_prefix}-deploy"
  assume_role_policy   = data.aws_iam_policy_document.deploy_assume.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid = "PushImages"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:CompleteLayerUpload",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = ["arn:aws:ecr:@region@:@account@:repository/@team@/@name@"]
  }

  statement {
    sid       = "LoginToRegistry"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "RollOutService"
    actions   = ["ecs:UpdateService", "ecs:DescribeServices", "ecs:RegisterTaskDefinition"]
    resources = ["*"]
  }

  statement {
    sid       = "PassTaskRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.app.arn]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}

resource "aws_iam_policy" "audit" {
  name        = "${local.name_prefix}-audit"
  description = "Read-only access for the audit pipeline"
  policy      = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "AuditDecrypt",
          "Effect": "Allow",
          "Action": ["kms:Decrypt", "kms:DescribeKey"],
          "Resource": "@heredoc_resource@"
        },
        {
          "Sid": "AuditLogs",
          "Effect": "Allow",
          "Action": ["logs:GetLogEvents", "logs:FilterLogEvents"],
          "Resource": "arn:aws:logs:@region@:@account@:log-group:/@name@/*"
        }
      ]
    }
  EOT
}
"#;

const ROOT_NETWORK: &str = r#"module "vpc" {
  source = "@vpc@"

  name                    = local.name_prefix
  cidr                    = "@cidr@"
  enable_nat_gateway      = var.environment == "prod"
  flow_log_retention_days = var.log_retention_days
  tags                    = local.common_tags
}

resource "aws_security_group" "app" {
  name        = "${local.name_prefix}-app"
  description = "Application traffic of @name@"
  vpc_id      = module.vpc.vpc_id

  dynamic "ingress" {
    for_each = {
      https = 443
      http  = 80
    }
    content {
      description = "${ingress.key} from the load balancer"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["@cidr@"]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "app" {
  name               = substr("${local.name_prefix}-alb", 0, 32)
  internal           = true
  load_balancer_type = "application"
  security_groups    = [aws_security_group.app.id]
  subnets            = values(module.vpc.private_subnet_ids)

  access_logs {
    bucket  = "acme-alb-logs-@account@"
    prefix  = local.name_prefix
    enabled = true
  }
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = toset(["ssm", "ssmmessages", "kms", "logs", "sts", "secretsmanager"])
  vpc_id              = module.vpc.vpc_id
  service_name        = "com.amazonaws.${var.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = values(module.vpc.private_subnet_ids)
  security_group_ids  = [aws_security_group.endpoints.id]
  tags                = merge(local.common_tags, { Name = "${local.name_prefix}-${each.value}" })
}

resource "aws_security_group" "endpoints" {
  name        = "${local.name_prefix}-endpoints"
  description = "Interface endpoints of @name@"
  vpc_id      = module.vpc.vpc_id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["@cidr@"]
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.app.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:@region@:@account@:certificate/@key_id@"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_target_group" "app" {
  name        = substr("${local.name_prefix}-tg", 0, 32)
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = module.vpc.vpc_id

  health_check {
    path                = "/healthz"
    healthy_threshold   = 2
    unhealthy_threshold = 3
    interval            = 15
  }
}
"#;

const ROOT_SERVICES: &str = r#"module "service" {
  source = "@service@"

  name        = "${local.name_prefix}-svc"
  kms_key_arn = module.kms.key_arn
  grants = {
    ReadSharedKey = {
      actions    = ["kms:Decrypt"]
      resources  = ["arn:aws:kms:@region@:@account@:key/@key_id@"]
      conditions = []
    }@extra_grant@
  }
  tags = local.common_tags
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "${local.name_prefix}-nightly"
  description         = "Nightly export of @name@"
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule      = aws_cloudwatch_event_rule.nightly.name
  target_id = "export"
  arn       = module.service.function_arn
  input = jsonencode({
    job    = "export"
    bucket = module.service.bucket_name
  })
}
"#;

const ROOT_STORAGE: &str = r#"module "bucket" {
  source = "@bucket@"

  name        = "acme-@name@-@env@"
  kms_key_arn = module.kms.key_arn
  lifecycle_rules = [
    { id = "expire-tmp", prefix = "tmp/", days = 3 },
  ]
  tags = local.common_tags
}

resource "aws_dynamodb_table" "state" {
  name         = "${local.name_prefix}-state"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.environment == "prod"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = module.kms.key_arn
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }
}

resource "aws_secretsmanager_secret" "app" {
  name       = "@name@/app"
  kms_key_id = module.kms.key_arn
}

resource "aws_ssm_parameter" "config" {
  for_each = {
    log_level   = "info"
    batch_size  = "100"
    feature_set = "stable"
  }
  name   = "/@name@/${each.key}"
  type   = "SecureString"
  value  = each.value
  key_id = module.kms.key_arn
}
"#;

const ROOT_MONITORING: &str = r#"resource "aws_sns_topic" "alarms" {
  name              = "@name@-alarms"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic_subscription" "alarms" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/@name@/app"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "@name@-errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "Errors"
  namespace           = "AWS/Lambda"
  period              = 300
  statistic           = "Sum"
  threshold           = 5
  alarm_description   = "Errors of @name@ over the last ten minutes"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  alarm_name          = "@name@-throttles"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = "Throttles"
  namespace           = "AWS/Lambda"
  period              = 60
  statistic           = "Sum"
  threshold           = 0
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

locals {
  alarms = {
    cpu_high = {
      namespace = "AWS/ECS"
      metric    = "CPUUtilization"
      statistic = "Average"
      threshold = 85
    }
    memory_high = {
      namespace = "AWS/ECS"
      metric    = "MemoryUtilization"
      statistic = "Average"
      threshold = 90
    }
    target_5xx = {
      namespace = "AWS/ApplicationELB"
      metric    = "HTTPCode_Target_5XX_Count"
      statistic = "Sum"
      threshold = 10
    }
    latency_p99 = {
      namespace = "AWS/ApplicationELB"
      metric    = "TargetResponseTime"
      statistic = "Maximum"
      threshold = 2
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "service" {
  for_each            = local.alarms
  alarm_name          = "@name@-${replace(each.key, "_", "-")}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.statistic
  period              = 60
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_log_metric_filter" "errors" {
  name           = "@name@-errors"
  log_group_name = aws_cloudwatch_log_group.app.name
  pattern        = "{ $.level = \"ERROR\" }"

  metric_transformation {
    name      = "ApplicationErrors"
    namespace = "@team@/@name@"
    value     = "1"
  }
}

resource "aws_cloudwatch_dashboard" "main" {
  dashboard_name = "@name@"
  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "metric"
        width  = 12
        height = 6
        properties = {
          title   = "Invocations"
          region  = var.region
          metrics = [["AWS/Lambda", "Invocations"], ["AWS/Lambda", "Errors"]]
        }
      },
    ]
  })
}
"#;

const ROOT_COMPUTE: &str = r#"resource "aws_ecs_cluster" "this" {
  name = local.name_prefix

  setting {
    name  = "containerInsights"
    value = var.environment == "prod" ? "enabled" : "disabled"
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${local.name_prefix}-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.container_cpu
  memory                   = var.container_memory
  execution_role_arn       = aws_iam_role.app.arn
  task_role_arn            = aws_iam_role.app.arn

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = var.container_image
      essential = true
      portMappings = [
        { containerPort = 8080, protocol = "tcp" },
      ]
      environment = [
        for k, v in var.feature_flags : { name = upper("FEATURE_${k}"), value = tostring(v) }
      ]
      secrets = [
        { name = "DATABASE_URL", valueFrom = "arn:aws:ssm:@region@:@account@:parameter/@name@/database_url" },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = "/@name@/app"
          awslogs-region        = var.region
          awslogs-stream-prefix = "app"
        }
      }
      healthCheck = {
        command  = ["CMD-SHELL", "curl -fsS http://localhost:8080/healthz || exit 1"]
        interval = 15
        retries  = 3
      }
    },
  ])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }
}

resource "aws_ecs_service" "app" {
  name                               = "app"
  cluster                            = aws_ecs_cluster.this.id
  task_definition                    = aws_ecs_task_definition.app.arn
  desired_count                      = var.desired_count
  launch_type                        = "FARGATE"
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_execute_command             = var.environment != "prod"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_appautoscaling_target" "app" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.app.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.desired_count
  max_capacity       = var.max_capacity
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "${local.name_prefix}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.app.service_namespace
  resource_id        = aws_appautoscaling_target.app.resource_id
  scalable_dimension = aws_appautoscaling_target.app.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 60
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

resource "aws_backup_plan" "this" {
  name = "${local.name_prefix}-backup"

  rule {
    rule_name         = "daily"
    target_vault_name = "default"
    schedule          = "cron(0 5 * * ? *)"

    lifecycle {
      delete_after = var.backup_retention_days
    }
  }
}
"#;

const ROOT_DATABASE: &str = r#"locals {
  db_parameters = {
    log_min_duration_statement          = "500"
    "rds.force_ssl"                     = "1"
    idle_in_transaction_session_timeout = "60000"
    shared_preload_libraries            = "pg_stat_statements"
  }
}

resource "aws_db_subnet_group" "this" {
  name       = local.name_prefix
  subnet_ids = ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60718"]
}

resource "aws_rds_cluster_parameter_group" "this" {
  name   = "${local.name_prefix}-pg16"
  family = "aurora-postgresql16"

  dynamic "parameter" {
    for_each = local.db_parameters
    content {
      name         = parameter.key
      value        = parameter.value
      apply_method = "pending-reboot"
    }
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier              = local.name_prefix
  engine                          = "aurora-postgresql"
  engine_version                  = "16.4"
  database_name                   = "app"
  master_username                 = "app_admin"
  manage_master_user_password     = true
  master_user_secret_kms_key_id   = module.kms.key_arn
  storage_encrypted               = true
  kms_key_id                      = module.kms.key_arn
  db_subnet_group_name            = aws_db_subnet_group.this.name
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  backup_retention_period         = var.environment == "prod" ? 35 : 7
  preferred_backup_window         = "02:00-03:00"
  deletion_protection             = var.deletion_protection
  skip_final_snapshot             = var.environment != "prod"
  final_snapshot_identifier       = "${local.name_prefix}-final"
  copy_tags_to_snapshot           = true
  enabled_cloudwatch_logs_exports = ["postgresql"]

  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = var.environment == "prod" ? 16 : 4
  }
}

resource "aws_rds_cluster_instance" "this" {
  count                        = var.environment == "prod" ? 2 : 1
  identifier                   = "${local.name_prefix}-${count.index}"
  cluster_identifier           = aws_rds_cluster.this.id
  instance_class               = "db.serverless"
  engine                       = aws_rds_cluster.this.engine
  engine_version               = aws_rds_cluster.this.engine_version
  performance_insights_enabled = true
  monitoring_interval          = 60
}
"#;

const ROOT_DNS: &str = r#"data "aws_route53_zone" "internal" {
  name         = "@env@.internal.example.com"
  private_zone = true
}

resource "aws_route53_record" "app" {
  zone_id = data.aws_route53_zone.internal.zone_id
  name    = "@name@.@env@.internal.example.com"
  type    = "CNAME"
  ttl     = 300
  records = ["@name@.@region@.elb.amazonaws.com"]
}

resource "aws_acm_certificate" "app" {
  domain_name       = "@name@.@env@.internal.example.com"
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}
"#;

fn root_outputs() -> String {
    [
        output(
            "key_arn",
            "ARN of the stack's data key.",
            "module.kms.key_arn",
        ),
        output(
            "app_role_arn",
            "ARN of the application role.",
            "aws_iam_role.app.arn",
        ),
        output(
            "reports_key_arn",
            "ARN of the reports key.",
            "aws_kms_key.reports.arn",
        ),
        output(
            "audit_policy_arn",
            "ARN of the audit policy.",
            "aws_iam_policy.audit.arn",
        ),
        output(
            "deploy_role_arn",
            "ARN of the role CI assumes to deploy the stack.",
            "aws_iam_role.deploy.arn",
        ),
        output(
            "repository_url",
            "URL of the image repository.",
            "aws_ecr_repository.app.repository_url",
        ),
        output(
            "events_queue_url",
            "URL of the events queue.",
            "aws_sqs_queue.events.url",
        ),
        output(
            "access_policy_arns",
            "Managed policies of the key's consumers.",
            "{ for k, m in module.access : k => m.policy_arn }",
        ),
    ]
    .join("\n")
}
