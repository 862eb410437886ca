//! A module: the configuration of one directory, indexed for evaluation.

use std::collections::BTreeMap;

use crate::FastMap;
use std::path::PathBuf;
use tfkms_syntax::ast::{Attribute, Block, Body};
use tfkms_syntax::{FileId, Span};

/// A `resource` or `data` block's address parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Managed,
    Data,
}

#[derive(Debug, Default)]
pub struct Module {
    pub dir: PathBuf,
    /// The directory as shown to users (`.` for the working directory).
    pub display_dir: String,
    pub files: Vec<FileId>,
    pub variables: BTreeMap<String, Block>,
    pub locals: FastMap<String, Attribute>,
    pub outputs: BTreeMap<String, Block>,
    /// `resource` and `data` blocks in source order.
    pub resources: Vec<(Mode, Block)>,
    resource_index: FastMap<(Mode, String, String), usize>,
    pub module_calls: BTreeMap<String, Block>,
    /// `provider` blocks, in source order: where a root module says which
    /// accounts it deploys to.
    pub providers: Vec<Block>,
    /// Bodies of `terraform.tfvars` and `*.auto.tfvars[.json]` in the order
    /// Terraform reads them; they apply when this module is a root.
    pub auto_var_files: Vec<Body>,
    /// Problems found while indexing (duplicate declarations).
    pub problems: Vec<(Span, String)>,
}

impl Module {
    /// Indexes the bodies of the module's configuration files, given in
    /// lexical file order. Override files (`override.tf`, `*_override.tofu`, ...)
    /// are merged after the others, as Terraform merges them.
    pub fn new(
        dir: PathBuf,
        display_dir: String,
        mut configs: Vec<(FileId, String, Body)>,
        auto_var_files: Vec<Body>,
    ) -> Module {
        let mut m = Module {
            dir,
            display_dir,
            auto_var_files,
            ..Module::default()
        };
        let is_override = |name: &str| tfkms_syntax::tofu::is_override_file(name);
        configs.sort_by_key(|(_, name, _)| is_override(name));
        for (file, name, body) in configs {
            m.files.push(file);
            if is_override(&name) {
                m.merge_override(body);
            } else {
                m.add(body);
            }
        }
        m
    }

    fn add(&mut self, body: Body) {
        for block in body.blocks {
            match block.kind.as_str() {
                "variable" => {
                    if let Some(name) = block.label(0).map(str::to_string) {
                        if let Some(prev) = self.variables.get(&name) {
                            self.problems.push((
                                block.head_span(),
                                format!(
                                    "duplicate variable \"{name}\"; it was first declared at byte {}",
                                    prev.span.start
                                ),
                            ));
                        } else {
                            self.variables.insert(name, block);
                        }
                    }
                }
                "locals" => {
                    for attr in block.body.attributes {
                        if self.locals.contains_key(&attr.name) {
                            self.problems.push((
                                attr.name_span,
                                format!("duplicate local value \"{}\"", attr.name),
                            ));
                        } else {
                            self.locals.insert(attr.name.clone(), attr);
                        }
                    }
                }
                "output" => {
                    if let Some(name) = block.label(0).map(str::to_string) {
                        self.outputs.insert(name, block);
                    }
                }
                "module" => {
                    if let Some(name) = block.label(0).map(str::to_string) {
                        self.module_calls.insert(name, block);
                    }
                }
                "provider" => self.providers.push(block),
                "resource" | "data" => {
                    let mode = if block.kind == "data" {
                        Mode::Data
                    } else {
                        Mode::Managed
                    };
                    if let (Some(t), Some(n)) = (block.label(0), block.label(1)) {
                        let key = (mode, t.to_string(), n.to_string());
                        if self.resource_index.contains_key(&key) {
                            self.problems.push((
                                block.head_span(),
                                format!("duplicate {} \"{t}\" \"{n}\"", block.kind),
                            ));
                            continue;
                        }
                        self.resource_index.insert(key, self.resources.len());
                        self.resources.push((mode, block));
                    }
                }
                _ => {}
            }
        }
    }

    /// Terraform's override merge: attributes of an override block replace
    /// the original's, nested blocks of a type present in the override replace
    /// all of that type, and locals are replaced by name.
    fn merge_override(&mut self, body: Body) {
        for block in body.blocks {
            match block.kind.as_str() {
                "locals" => {
                    for attr in block.body.attributes {
                        self.locals.insert(attr.name.clone(), attr);
                    }
                }
                "variable" | "output" | "module" => {
                    let Some(name) = block.label(0).map(str::to_string) else {
                        continue;
                    };
                    let target = match block.kind.as_str() {
                        "variable" => self.variables.get_mut(&name),
                        "output" => self.outputs.get_mut(&name),
                        _ => self.module_calls.get_mut(&name),
                    };
                    if let Some(orig) = target {
                        merge_block(orig, block);
                    }
                }
                "resource" | "data" => {
                    let mode = if block.kind == "data" {
                        Mode::Data
                    } else {
                        Mode::Managed
                    };
                    if let (Some(t), Some(n)) = (block.label(0), block.label(1)) {
                        let key = (mode, t.to_string(), n.to_string());
                        if let Some(&i) = self.resource_index.get(&key) {
                            merge_block(&mut self.resources[i].1, block);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    pub fn resource(&self, mode: Mode, ty: &str, name: &str) -> Option<&Block> {
        self.resource_index
            .get(&(mode, ty.to_string(), name.to_string()))
            .map(|&i| &self.resources[i].1)
    }
}

fn merge_block(orig: &mut Block, over: Block) {
    for attr in over.body.attributes {
        match orig
            .body
            .attributes
            .iter_mut()
            .find(|a| a.name == attr.name)
        {
            Some(a) => *a = attr,
            None => orig.body.attributes.push(attr),
        }
    }
    let mut kinds: Vec<&str> = over.body.blocks.iter().map(|b| b.kind.as_str()).collect();
    kinds.dedup();
    let kinds: Vec<String> = kinds.into_iter().map(str::to_string).collect();
    orig.body.blocks.retain(|b| !kinds.contains(&b.kind));
    orig.body.blocks.extend(over.body.blocks);
}
