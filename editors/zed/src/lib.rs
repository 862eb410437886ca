//! A Zed extension that adds the `tfkms lsp` language server to the
//! Terraform languages of Zed's Terraform extension. It downloads nothing:
//! the server is the `tfkms` the user installed, found on the worktree's
//! `PATH`, or the one `lsp.tfkms.binary.path` names in Zed's settings.

use zed_extension_api::{self as zed, LanguageServerId, Result, Worktree, settings::LspSettings};

struct Tfkms;

impl zed::Extension for Tfkms {
    fn new() -> Self {
        Tfkms
    }

    fn language_server_command(
        &mut self,
        server: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<zed::Command> {
        let configured = LspSettings::for_worktree(server.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let (path, args, env) = match configured {
            Some(binary) => (binary.path, binary.arguments, binary.env),
            None => (None, None, None),
        };
        let (command, args) = server_command(path, args, || worktree.which("tfkms"))?;
        // The login shell's environment, so that `PATH` and AWS variables
        // are the ones a terminal in that folder would have.
        let mut env_vars = worktree.shell_env();
        env_vars.extend(env.into_iter().flatten());
        Ok(zed::Command {
            command,
            args,
            env: env_vars,
        })
    }

    fn language_server_initialization_options(
        &mut self,
        server: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        // `lsp.tfkms.initialization_options` in settings.json: `varFiles`
        // and `vars`, as every other client sends them.
        Ok(LspSettings::for_worktree(server.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.initialization_options))
    }
}

/// The program and its arguments: a configured path wins over the search of
/// `PATH`, and configured arguments replace `lsp` (as Zed does for the
/// servers it ships).
fn server_command(
    configured_path: Option<String>,
    configured_args: Option<Vec<String>>,
    find_on_path: impl FnOnce() -> Option<String>,
) -> Result<(String, Vec<String>)> {
    let command = match configured_path {
        Some(path) => path,
        None => find_on_path().ok_or_else(|| {
            "tfkms is not on PATH: install it (cargo install tfkms) or set \
             lsp.tfkms.binary.path in Zed's settings.json"
                .to_string()
        })?,
    };
    let args = configured_args.unwrap_or_else(|| vec!["lsp".to_string()]);
    Ok((command, args))
}

zed::register_extension!(Tfkms);

#[cfg(test)]
mod tests {
    use super::server_command;

    #[test]
    fn found_on_path_runs_lsp() {
        let found = server_command(None, None, || Some("/usr/local/bin/tfkms".into()));
        assert_eq!(
            found,
            Ok(("/usr/local/bin/tfkms".into(), vec!["lsp".into()]))
        );
    }

    #[test]
    fn a_configured_path_is_used_without_searching() {
        let found = server_command(Some("/opt/tfkms".into()), None, || {
            panic!("PATH searched although a path was configured")
        });
        assert_eq!(found, Ok(("/opt/tfkms".into(), vec!["lsp".into()])));
    }

    #[test]
    fn configured_arguments_replace_lsp() {
        let args = vec!["lsp".to_string(), "--verbose".to_string()];
        let found = server_command(None, Some(args.clone()), || Some("tfkms".into()));
        assert_eq!(found, Ok(("tfkms".into(), args)));
    }

    #[test]
    fn not_found_says_how_to_fix_it() {
        let error = server_command(None, None, || None).unwrap_err();
        assert!(error.contains("tfkms is not on PATH"), "{error}");
        assert!(error.contains("lsp.tfkms.binary.path"), "{error}");
    }
}
