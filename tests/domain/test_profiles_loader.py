"""mobile_case.profiles: finding resources/, reading TOML files, errors naming file, field and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mobile_case import profiles
from mobile_case.domain.errors import ProfileError


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A copy of resources/communities in a temporary folder."""
    dst = tmp_path / "communities"
    shutil.copytree(profiles.communities_dir(), dst)
    return dst


def test_resources_dir_finds_the_checkout():
    root = profiles.resources_dir()
    assert (root / "communities" / "chortkiv.toml").is_file()
    assert (root / "communities" / "services.toml").is_file()


def test_resources_dir_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv(profiles.ENV_RESOURCES, str(tmp_path))
    assert profiles.resources_dir() == tmp_path
    assert profiles.communities_dir() == tmp_path / "communities"


def test_resources_dir_pyinstaller_bundle(monkeypatch, tmp_path):
    (tmp_path / "resources").mkdir()
    monkeypatch.delenv(profiles.ENV_RESOURCES, raising=False)
    monkeypatch.setattr(profiles.sys, "_MEIPASS", str(tmp_path), raising=False)
    assert profiles.resources_dir() == tmp_path / "resources"


def test_default_profile_is_chortkiv():
    profile = profiles.default_profile()
    assert profile.code == "chortkiv"
    assert profile is profiles.default_profile()  # cached, immutable


def test_available_profiles(folder):
    assert [code for code, _ in profiles.available_profiles(folder)] == ["chortkiv", "illintsi"]
    assert profiles.profile_path("illintsi", folder) == folder / "illintsi.toml"
    assert profiles.load_profile_by_code("illintsi", folder).age_threshold == 80
    with pytest.raises(ProfileError) as info:
        profiles.profile_path("lviv", folder)
    assert "lviv" in info.value.user_message


def test_available_profiles_lists_a_broken_file_by_name(folder):
    (folder / "broken.toml").write_text("code = [\n", encoding="utf-8")
    codes = [code for code, _ in profiles.available_profiles(folder)]
    assert "broken" in codes


def test_syntax_error_names_file_and_line(folder):
    path = folder / "chortkiv.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, ln in enumerate(lines) if ln.startswith("age_threshold"))
    lines[index] = "age_threshold = = 70"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        profiles.load_profile(path)
    err = info.value
    assert err.field == f"(рядок {index + 1})"
    assert "синтаксична помилка TOML" in err.problem and f"рядок {index + 1}" in err.problem
    assert "chortkiv.toml" in err.user_message


def test_field_error_from_file_names_the_file(folder):
    path = folder / "chortkiv.toml"
    text = path.read_text(encoding="utf-8").replace("age_threshold = 70", "age_threshold = 17")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        profiles.load_profile(path)
    assert info.value.field == "age_threshold"
    assert info.value.source.endswith("chortkiv.toml")
    assert "віковий поріг 17" in info.value.problem


def test_bad_catalogue_is_reported_against_the_catalogue(folder):
    path = folder / "services.toml"
    text = path.read_text(encoding="utf-8").replace('fee = "49.92"', "fee = 49.92", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        profiles.load_profile(folder / "chortkiv.toml")
    assert info.value.source.endswith("services.toml")
    assert info.value.field == "services[0].fee"


def test_missing_file(tmp_path):
    with pytest.raises(ProfileError) as info:
        profiles.load_profile(tmp_path / "nowhere.toml")
    assert "не знайдено" in info.value.problem


def test_not_utf8(tmp_path):
    path = tmp_path / "cp1251.toml"
    path.write_bytes('community_name = "Громада"\n'.encode("cp1251"))
    with pytest.raises(ProfileError) as info:
        profiles.load_profile(path)
    assert "UTF-8" in info.value.problem


def test_profile_without_catalogue_next_to_it(tmp_path, folder):
    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy(folder / "chortkiv.toml", lone / "chortkiv.toml")
    with pytest.raises(ProfileError) as info:
        profiles.load_profile(lone / "chortkiv.toml")
    assert info.value.field == "service_selection.include"
    profile = profiles.load_profile(lone / "chortkiv.toml", catalogue_path=folder / "services.toml")
    assert len(profile.services) >= 25
