"""Reading the knowledge files shipped in ``data/kb``: one reader, one clear error per bad row.

``actors.jsonl`` (people, organisations, groups), ``places.jsonl`` (what GeoNames lacks:
oblasts, seas, renamed towns, small villages), ``countries.jsonl`` (country points and
names) and ``groups.json`` (demonyms and group nouns). A broken row raises
:class:`DataFileError` naming the file and the line; nothing is silently skipped.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.errors import DataFileError

KB_DIR = "kb"


def kb_path(name: str) -> Path:
    return Path(str(resources.files("sitroom") / "data" / KB_DIR / name))


def read_jsonl(path: Path, required: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if not path.exists():
        raise DataFileError(str(path), None, "knowledge file missing from the installation")
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFileError(str(path), lineno, f"invalid JSON: {exc.msg}") from exc
            if not isinstance(row, dict):
                raise DataFileError(str(path), lineno, "each line must be a JSON object")
            missing = [f for f in required if f not in row]
            if missing:
                raise DataFileError(str(path), lineno, f"missing field(s): {', '.join(missing)}")
            row["_line"] = lineno
            rows.append(row)
    return rows


def read_json(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise DataFileError(str(path), None, "knowledge file missing from the installation")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataFileError(str(path), exc.lineno, f"invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise DataFileError(str(path), None, "expected a JSON object")
    return data


def all_names(row: dict[str, Any], path: Path) -> list[tuple[str, str | None]]:
    """Every (name, language) of a row: ``names`` per language, then ``aliases``, ``former_names``."""
    out: list[tuple[str, str | None]] = []
    names = row.get("names", {})
    if not isinstance(names, dict):
        raise DataFileError(str(path), row.get("_line"), "'names' must map a language to a list of names")
    for lang, values in names.items():
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DataFileError(str(path), row.get("_line"), f"names[{lang!r}] must be a list of strings")
        out.extend((v, lang) for v in values if v.strip())
    for field in ("aliases", "former_names"):
        values = row.get(field, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DataFileError(str(path), row.get("_line"), f"'{field}' must be a list of strings")
        out.extend((v, None) for v in values if v.strip())
    return out


def coordinates(row: dict[str, Any], path: Path) -> tuple[float | None, float | None]:
    lat, lon = row.get("lat"), row.get("lon")
    if lat is None or lon is None:
        return None, None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError) as exc:
        raise DataFileError(str(path), row.get("_line"), f"bad coordinates: {exc}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataFileError(str(path), row.get("_line"), f"coordinates out of range: {lat}, {lon}")
    return lat, lon
