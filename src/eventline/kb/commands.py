"""`eventline kb import` and `eventline kb check`: extend the knowledge base and validate it.

Imported entities are written as JSONL (one KB entry per line) into a user KB folder, by default
./eventline-kb/, which `KnowledgeBase.default()` reads on top of the bundled data.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from eventline.kb import DEFAULT_USER_DIR, KnowledgeBase
from eventline.kb.importers import CSV_HELP, csv_entries, wikidata_entries
from eventline.kb.loader import Problem, bundled_files, entry_to_entity, read_file, role_keys, user_files


@click.group()
def kb() -> None:
    """Manage the knowledge base (people, organisations, countries, places)."""


def _country_qids() -> dict[str, str]:
    """Wikidata QID -> ISO code for the countries whose QID the bundled KB records."""
    out = {}
    for e in KnowledgeBase.bundled().entities():
        if e.type == "country" and e.wikidata and e.country:
            out[e.wikidata] = e.country
    return out


def _positions(extra: Path | None = None) -> dict[str, dict]:
    """Position QIDs (Wikidata P39 values) -> office, from kb/data/roles.yaml `wikidata_positions`,
    then the user's `--positions` file (a `wikidata_positions:` mapping, or the mapping itself)."""
    import yaml

    from eventline.kb.loader import DATA_ROOT

    data = yaml.safe_load((DATA_ROOT / "roles.yaml").read_text(encoding="utf-8")) or {}
    out = dict(data.get("wikidata_positions") or {})
    if extra is not None:
        mine = yaml.safe_load(extra.read_text(encoding="utf-8")) or {}
        if not isinstance(mine, dict):
            raise click.ClickException(f"{extra}: expected a mapping QID -> {{role, role_key, country}}")
        out.update(mine.get("wikidata_positions", mine) or {})
    return out


@kb.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["wikidata", "csv"]), default=None,
              help="input format; by default .csv is csv and anything else Wikidata JSON (one entity per line)")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path(DEFAULT_USER_DIR),
              show_default=True, help="user knowledge-base folder (read by every eventline command run here)")
@click.option("--positions", "positions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="YAML mapping of more Wikidata position QIDs (P39 values) to offices: "
                                 "Q123: {role: Minister of Defence, role_key: defense_minister, country: GB}")
def import_cmd(file: Path, fmt: str | None, out_dir: Path, positions_file: Path | None) -> None:
    """Import FILE (Wikidata JSON or CSV) into the user knowledge base."""
    fmt = fmt or ("csv" if file.suffix.lower() == ".csv" else "wikidata")
    text = file.read_text(encoding="utf-8")
    problems: list[Problem] = []
    if fmt == "csv":
        rows = list(csv_entries(text, str(file), problems))
    else:
        rows = list(wikidata_entries(text, str(file), problems, _country_qids(), _positions(positions_file)))
    known = role_keys()
    entries = []
    for lineno, entry in rows:
        before = len(problems)
        ent = entry_to_entity(entry, f"import:{file.name}", str(file), lineno, problems, known)
        if ent is not None and len(problems) == before:  # an entry with a problem is skipped whole
            entries.append({k: v for k, v in entry.items() if v not in (None, "", [], {})})
    for p in problems:
        click.echo(f"warning: {p}", err=True)
    if not entries:
        raise click.ClickException(f"{file}: no usable entities ({len(problems)} problem(s) above); {CSV_HELP}" if fmt == "csv"
                                   else f"{file}: no usable entities ({len(problems)} problem(s) above)")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{file.stem}.jsonl"
    with target.open("w", encoding="utf-8") as fh:
        for entry in entries:
            fh.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
    click.echo(f"imported {len(entries)} entities into {target} ({len(problems)} skipped or with warnings)")


@kb.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
def check_cmd(path: Path | None) -> None:
    """Validate a knowledge base: PATH (a file or folder), or the bundled data plus ./eventline-kb/."""
    if path is None:
        files = [*bundled_files(), *user_files([DEFAULT_USER_DIR])]
    else:
        files = list(user_files([path]))
    if not files:
        raise click.ClickException(f"{path}: no .yaml, .jsonl or .csv files to check")
    problems: list[Problem] = []
    count = 0
    for f in files:
        loaded = read_file(f)
        count += len(loaded.entities)
        problems.extend(loaded.problems)
    for p in problems:
        click.echo(str(p))
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {len(files)} file(s); fix the fields named above")
    click.echo(f"ok: {count} entries in {len(files)} file(s)")
