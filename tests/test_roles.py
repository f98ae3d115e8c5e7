"""The folder's roles file: `tracker central grant|revoke` and what readers make of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.central.roles import DamagedRoles, Roles, grant, load_roles, revoke
from tracker.errors import BadInput


@pytest.fixture
def admin(tmp_path: Path) -> Cli:
    share = tmp_path / "share"
    share.mkdir()
    cli = Cli(tmp_path / "admin")
    assert cli("config", "set", "export-dir", str(share)).code == 0
    return cli


def test_grant_and_revoke_write_a_sorted_roles_file_at_the_export_root(admin: Cli, tmp_path: Path) -> None:
    share = tmp_path / "share"
    for login, role in (("lead2", "lead"), ("fatima", "billing"), ("lead1", "lead"), ("lead1", "lead")):
        r = admin("central", "grant", login, "--role", role)
        assert r.code == 0, r.err
    assert json.loads((share / "roles.json").read_text(encoding="utf-8")) == {
        "billing": ["fatima"],
        "lead": ["lead1", "lead2"],
    }
    r = admin("central", "revoke", "lead2", "--role", "lead")
    assert r.code == 0 and "lead: lead1" in r.out
    roles = load_roles(share)
    assert roles == Roles(lead=frozenset({"lead1"}), billing=frozenset({"fatima"}))
    assert (
        roles.has("fatima", "billing") and not roles.has("fatima", "lead") and not roles.has("lead2", "lead")
    )
    assert not list(share.glob(".*tmp*"))  # written whole, no temp file left


def test_bad_grants_exit_2_naming_the_field_and_write_nothing(admin: Cli, tmp_path: Path) -> None:
    r = admin("central", "grant", "no body", "--role", "lead")
    assert r.code == 2 and "login" in r.err
    r = admin("central", "grant", "ana", "--role", "consultant")
    assert r.code == 2 and "--role" in r.err
    r = admin("central", "revoke", "ana", "--role", "lead")
    assert r.code == 2 and "login" in r.err
    assert not (tmp_path / "share" / "roles.json").exists()
    assert admin("central", "grant", "ana", "--role", "lead").code == 0
    r = admin("central", "revoke", "ana", "--role", "billing")
    assert r.code == 2 and "not listed" in r.err


def test_no_roles_file_trusts_everyone_and_a_damaged_one_is_an_error_naming_it(tmp_path: Path) -> None:
    assert load_roles(tmp_path) is None
    grant(tmp_path, "fatima", "billing")
    assert revoke(tmp_path, "fatima", "billing") == Roles()
    with pytest.raises(BadInput):
        grant(tmp_path, "fatima", "owner")
    for damaged in ('{"lead": "lead1"}', "[1, 2]", '{"boss": []}', '{"lead": ["no body"]}', "{"):
        (tmp_path / "roles.json").write_text(damaged, encoding="utf-8")
        with pytest.raises(DamagedRoles, match="roles.json"):
            load_roles(tmp_path)
        with pytest.raises(DamagedRoles):
            grant(tmp_path, "ana", "lead")  # never overwritten blindly


def test_a_damaged_roles_file_counts_no_rate_and_is_named(admin: Cli, tmp_path: Path) -> None:
    (tmp_path / "share" / "FORMAT").write_text("tracker-central-export 1\n", encoding="utf-8")
    (tmp_path / "share" / "roles.json").write_text("not json", encoding="utf-8")
    assert admin("config", "set", "role", "billing").code == 0
    r = admin("bill", "--month", "2026-11")
    assert r.code == 0 and "roles.json" in r.err and "damaged" in r.err


def test_grant_needs_the_export_folder_to_be_there(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "admin")
    assert cli("config", "set", "export-dir", str(tmp_path / "unmounted")).code == 0
    r = cli("central", "grant", "ana", "--role", "lead")
    assert r.code == 1 and "not there" in r.err
