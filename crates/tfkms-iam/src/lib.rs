//! The IAM side of tfkms: the policy model rules check, its extraction from
//! evaluated Terraform, the KMS action table, ARN recognition and IAM
//! wildcard matching.

pub mod actions;
pub mod arn;
pub mod extract;
pub mod glob;
pub mod jsonpolicy;
pub mod model;
pub mod render;

pub use model::*;

/// Sets `doc.rendered` for a policy document data source to the JSON the
/// provider would render (unknown parts as `${...}`), and records what the
/// provider would reject. Documents from resource arguments keep the text
/// they were given, set at extraction.
pub fn render_document(doc: &mut Document) {
    let Some(input) = &doc.render_input else {
        return;
    };
    let hcl = render::HclDocument {
        version: input.version.as_ref().map(Item::display),
        policy_id: input.policy_id.as_ref().map(Item::display),
        source_policy_documents: input.source_documents.clone(),
        override_policy_documents: input.override_documents.clone(),
        statements: input.statements.iter().map(hcl_statement).collect(),
    };
    match render::render(&hcl) {
        Ok(r) => {
            doc.rendered = Some(r.json);
            doc.rendered_id = Some(r.id);
        }
        // With unknown parts the provider would not render yet; the
        // placeholders are no evidence of an error.
        Err(_) if !doc.complete => {}
        // A source that failed to evaluate is reported where it failed; its
        // placeholder text failing to parse would say it twice, and wrongly.
        Err(e) if unevaluated(input, &e.location) => {}
        Err(e) => {
            let span = match e.location {
                render::ErrorLocation::Version => input
                    .version
                    .as_ref()
                    .map(|v| v.used_at)
                    .unwrap_or(doc.span),
                render::ErrorLocation::Statement { index } => input
                    .statements
                    .get(index)
                    .map(|s| s.head)
                    .unwrap_or(doc.span),
                render::ErrorLocation::SourceDocument { .. }
                | render::ErrorLocation::OverrideDocument { .. } => doc.span,
            };
            doc.errors.push(DocumentError::new(span, e.message));
        }
    }
}

fn unevaluated(input: &RenderInput, location: &render::ErrorLocation) -> bool {
    let element = match *location {
        render::ErrorLocation::SourceDocument { index } => (false, index),
        render::ErrorLocation::OverrideDocument { index } => (true, index),
        _ => return false,
    };
    input.unevaluated_documents.contains(&element)
}

fn field_strings(f: &Field) -> Option<Vec<String>> {
    match f {
        Field::Absent => None,
        Field::Items(items) => Some(items.iter().map(Item::display).collect()),
        Field::Unknown(i) => Some(vec![i.display()]),
    }
}

fn hcl_statement(s: &Statement) -> render::HclStatement {
    let principals = |ps: &[Principals]| {
        ps.iter()
            .map(|p| render::HclPrincipals {
                r#type: p.r#type.display(),
                identifiers: field_strings(&p.identifiers).unwrap_or_default(),
            })
            .collect()
    };
    render::HclStatement {
        sid: s.sid.as_ref().map(Item::display),
        effect: s.effect.as_ref().map(Item::display),
        actions: field_strings(&s.actions),
        not_actions: field_strings(&s.not_actions),
        resources: field_strings(&s.resources),
        not_resources: field_strings(&s.not_resources),
        principals: principals(&s.principals),
        not_principals: principals(&s.not_principals),
        conditions: s
            .conditions
            .iter()
            .map(|c| render::HclCondition {
                test: c.test.display(),
                variable: c.variable.display(),
                values: field_strings(&c.values).unwrap_or_default(),
            })
            .collect(),
    }
}
