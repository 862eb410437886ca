"""`tfkms lsp` end to end with pytest-lsp (pygls's client): the real binary
over stdio, an unsaved buffer diagnosed, fixed by its quick fix, and its
rule shown on hover.

    TFKMS=target/debug/tfkms python -m pytest scripts/pytest-lsp
"""
import atexit
import os
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

TFKMS = os.environ.get(
    "TFKMS", str(pathlib.Path(__file__).resolve().parents[2] / "target/debug/tfkms")
)

ON_DISK = """data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}
"""

UNSAVED = ON_DISK.replace(
    "key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/app"
)

WORKSPACE = pathlib.Path(tempfile.mkdtemp(prefix="tfkms-pytest-lsp-")).resolve()
atexit.register(shutil.rmtree, WORKSPACE, ignore_errors=True)
(WORKSPACE / "main.tf").write_text(ON_DISK)
MAIN = (WORKSPACE / "main.tf").as_uri()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[TFKMS, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=WORKSPACE.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


async def diagnostics_of(client: LanguageClient, version: int):
    """The diagnostics published for main.tf at `version`."""
    while True:
        note = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if note.uri == MAIN and note.version == version:
            return note.diagnostics


def apply(text: str, edits) -> str:
    lines = text.split("\n")

    def offset(p):
        return sum(len(l) + 1 for l in lines[: p.line]) + p.character

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


async def test_open_edit_fix_and_hover(client: LanguageClient):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=MAIN, language_id="terraform", version=1, text=UNSAVED
            )
        )
    )
    found = await diagnostics_of(client, 1)
    assert [d.code for d in found] == ["TFKMS001"]
    diagnostic = found[0]
    assert diagnostic.source == "tfkms"
    assert diagnostic.range.start == types.Position(line=3, character=17)

    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=MAIN),
            position=diagnostic.range.start,
        )
    )
    assert hover.contents.value.startswith("**TFKMS001 alias-arn-in-resource**")

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=MAIN),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    fix = next(a for a in actions if a.is_preferred)
    fixed = apply(UNSAVED, fix.edit.changes[MAIN])
    assert "alias/app" not in fixed.split("condition")[0]

    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=MAIN, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    assert list(await diagnostics_of(client, 2)) == []


async def test_broken_buffer_gives_tfkms000(client: LanguageClient):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=MAIN, language_id="terraform", version=1, text="resource \"x\" {\n"
            )
        )
    )
    assert [d.code for d in await diagnostics_of(client, 1)] == ["TFKMS000"]
