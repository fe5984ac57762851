"""The command line: thin commands over library calls. Only here do errors become exit codes."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from eventline import __version__
from eventline.errors import EventlineError
from eventline.settings import Settings, from_env

FORMATS_EVENTS = click.Choice(["table", "jsonl", "csv"])
FORMATS_LIST = click.Choice(["table", "jsonl"])


class Group(click.Group):
    """Turns library errors into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EventlineError as exc:
            raise click.ClickException(str(exc)) from exc
        except KeyboardInterrupt:
            click.echo("interrupted; the store is consistent: run the same command again to finish", err=True)
            sys.exit(130)


@click.group(cls=Group)
@click.version_option(__version__, prog_name="eventline")
def main() -> None:
    """eventline: multilingual news text to a sourced timeline of events.

    Start with `eventline run FOLDER`, then `eventline timeline` or `eventline report -o report.html`.
    """


def db_option(f):
    return click.option(
        "--db", "db", default=None, metavar="FILE",
        help="The SQLite store (default ./eventline.db, or EVENTLINE_DB).",
    )(f)


def _settings(**changes: Any) -> Settings:
    return from_env().with_(**changes)


def _open_store(db: str | None, must_exist: bool = True):
    from eventline.store.db import Store

    settings = _settings(db=db)
    if must_exist and settings.db != ":memory:" and not Path(settings.db).exists():
        raise click.ClickException(
            f"{settings.db}: no such store; create it with `eventline run PATH --db {settings.db}`"
        )
    return Store(settings.db)


def filter_options(f):
    for opt in reversed([
        click.option("--actor", metavar="NAME", help="Events with this actor; any alias in any language."),
        click.option("--country", metavar="CC", help="Events with an actor from this country (ISO alpha-2)."),
        click.option("--type", "type_", metavar="T", help="PLOVER type, e.g. CONSULT."),
        click.option("--since", metavar="D", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", metavar="D", help="Up to this date, inclusive."),
    ]):
        f = opt(f)
    return f


def _check_date_filter(value: str | None, name: str) -> None:
    import re

    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise click.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", param_hint=name)


def _check_type(value: str | None) -> None:
    from eventline.document import PLOVER_TYPES

    if value is not None and value.upper() not in PLOVER_TYPES:
        raise click.BadParameter(f"{value!r}; allowed: {', '.join(PLOVER_TYPES)}", param_hint="--type")


def _events(db: str | None, actor, country, type_, since, until):
    from eventline.queries import filtered_events

    _check_date_filter(since, "--since")
    _check_date_filter(until, "--until")
    _check_type(type_)
    with _open_store(db) as store:
        return filtered_events(store, actor=actor, country=country, type=type_, since=since, until=until)


# -- run --------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--executor", type=click.Choice(["local", "ray"]), default=None, help="Where the work runs.")
@click.option("--max-bytes", type=int, default=None, help="Skip single inputs larger than this (default 10 MiB).")
@click.option("--quiet", is_flag=True, help="No progress bar and no per-file skip lines.")
def run(paths: tuple[str, ...], db: str | None, workers: int | None, executor: str | None,
        max_bytes: int | None, quiet: bool) -> None:
    """Ingest files, folders (recursively) or - (stdin) into the store and update the events.

    Reads .txt .html .htm .json .jsonl .warc .warc.gz and RSS/Atom. Re-running on the same
    inputs changes nothing; new inputs are added and merged into existing events.
    """
    from eventline.run import run as run_pipeline
    from eventline.store.db import Store

    settings = _settings(db=db, workers=workers, executor=executor, max_document_bytes=max_bytes)
    show_progress = not quiet and sys.stderr.isatty()

    def on_skip(path: str, reason: str) -> None:
        if not quiet:
            click.echo(f"skipped {path}: {reason}", err=True)

    stdin = sys.stdin.buffer if "-" in paths else None
    with Store(settings.db) as store:
        if show_progress:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            with Progress(
                TextColumn("[bold]eventline run"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[path]}"), TimeElapsedColumn(), transient=True,
            ) as bar:
                task = bar.add_task("run", total=None, path="")

                def on_result(path: str, n: int) -> None:
                    bar.update(task, completed=n, path=Path(path).name[-40:])

                summary = run_pipeline(paths, store, settings, stdin=stdin, on_result=on_result, on_skip=on_skip)
        else:
            summary = run_pipeline(paths, store, settings, stdin=stdin, on_skip=on_skip)
    s = summary
    click.echo(
        f"{s.inputs} inputs: {s.processed} processed, {s.duplicates} duplicates, "
        f"{s.skipped} skipped, {s.unchanged} unchanged (already in the store); "
        f"{s.events} events in {settings.db} ({s.seconds:.1f} s)"
    )
    reasons = s.as_dict()["skip_reasons"]
    for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]):  # type: ignore[union-attr]
        click.echo(f"  skipped {n}: {reason}")


def _print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A table on stdout, as wide as the terminal (160 columns when not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(*headers)
    for row in rows:
        table.add_row(*row)
    Console(file=sys.stdout, width=max(160, Console().width)).print(table)


def _print_jsonl(records: list[dict[str, Any]]) -> None:
    for r in records:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


# -- events / timeline ------------------------------------------------------------------------
@main.command()
@db_option
@click.option("--format", "fmt", type=FORMATS_EVENTS, default="table", show_default=True)
@filter_options
def events(db, fmt, actor, country, type_, since, until) -> None:
    """The canonical events; jsonl follows the contract's event.schema.json."""
    evs = _events(db, actor, country, type_, since, until)
    if fmt == "jsonl":
        _print_jsonl([ev.to_json() for ev in evs])
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["id", "date", "date_precision", "type", "mode", "status", "actors", "recipients",
                    "location", "independent_source_count", "sources", "summary"])
        for ev in evs:
            w.writerow([
                ev.id, ev.date, ev.date_precision, ev.type, ev.mode or "", ev.status,
                "; ".join(a.name for a in ev.actors), "; ".join(a.name for a in ev.recipients),
                ev.location.name if ev.location else "", ev.independent_source_count,
                len(ev.sources), ev.summary,
            ])
    else:
        _print_table(["date", "type", "actors", "location", "status", "sources", "id"], [
            [ev.date, ev.type + (f"/{ev.mode}" if ev.mode else ""),
             ", ".join(a.name for a in ev.actors + ev.recipients),
             ev.location.name if ev.location else "", ev.status,
             f"{len(ev.sources)} ({ev.independent_source_count} independent)", ev.id]
            for ev in evs
        ])


@main.command()
@db_option
@filter_options
def timeline(db, actor, country, type_, since, until) -> None:
    """The events as a human-readable timeline."""
    from eventline.report.text import render_timeline

    evs = _events(db, actor, country, type_, since, until)
    click.echo(render_timeline(evs), nl=False)


# -- documents / entities ---------------------------------------------------------------------
@main.command()
@db_option
@click.option("--format", "fmt", type=FORMATS_LIST, default="table", show_default=True)
@click.option("--id", "doc_id", default=None, metavar="ID",
              help="Audit one document: its cleaned text, then every removed piece and why.")
def documents(db, fmt, doc_id) -> None:
    """One record per input: processed, duplicate (of which) or skipped (why); jsonl has the cleaned text."""
    with _open_store(db) as store:
        records = list(store.document_records())
    if doc_id is not None:
        records = [r for r in records if r["id"] == doc_id]
        if not records:
            raise click.ClickException(f"no document {doc_id!r}; `eventline documents` lists the ids")
        if fmt == "table":
            click.echo(_audit(records[0]), nl=False)
            return
    if fmt == "jsonl":
        _print_jsonl(records)
        return
    rows = []
    for r in records:
        detail = r["reason"] if r["status"] != "processed" else (r["title"] or "")
        if r["status"] == "duplicate":
            detail = f"of {r['duplicate_of']}"
        rows.append([r["id"], r["status"], r["language"] or "", r["published"] or "", (detail or "")[:60], r["path"]])
    _print_table(["id", "status", "lang", "published", "title / reason", "path"], rows)


def _audit(r: dict[str, Any]) -> str:
    """The cleaner's decisions on one document, for a person to check."""
    lines = [f"{r['id']}  {r['path']}  [{r['status']}]",
             f"language {r['language']}, published {r['published']}, title {r['title']!r}",
             f"cited sources: {', '.join(r['cited_sources']) or 'none'}", "", "== cleaned text ==", r["text"], "",
             f"== removed ({len(r['removed'])} pieces; offsets into the raw text) =="]
    for piece in r["removed"]:
        text = " ".join(piece.get("text", "").split())
        lines.append(f"[{piece['start']}:{piece['end']}] {piece['reason']}: {text[:100]}")
    for note in r.get("notes", []):
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"


@main.command()
@db_option
@click.option("--format", "fmt", type=FORMATS_LIST, default="table", show_default=True)
def entities(db, fmt) -> None:
    """Canonical entities with every name observed or known, by language."""
    from eventline.queries import entity_records

    with _open_store(db) as store:
        records = entity_records(store)
    if fmt == "jsonl":
        _print_jsonl(records)
        return
    _print_table(["id", "type", "name", "country", "mentions", "names"], [
        [r["id"], r["type"], r["name"], r["country"] or "", str(r["mentions"]),
         "; ".join(f"{lang}: {', '.join(v[:3])}" for lang, v in sorted(r["names"].items())
                   if lang in ("en", "ja", "zh", "zh-Hans", "zh-Hant", "ko", "vi"))[:90]]
        for r in records
    ])


# -- code / dates -----------------------------------------------------------------------------
def _batch_lines(path: str) -> Iterator[tuple[Any, dict[str, Any] | None, str | None]]:
    """(input_id, object or None, error or None) per line of a JSONL batch file."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"line {n}: not JSON ({exc.msg} at column {exc.colno})"
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                yield (obj.get("id", n) if isinstance(obj, dict) else n), None, \
                    f"line {n}: needs an object with a string \"text\" field"
                continue
            yield obj.get("id", n), obj, None


def _emit(obj: dict[str, Any]) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def _run_batch(path: str, date_key: str, produce) -> None:  # type: ignore[no-untyped-def]
    """The batch form shared by `code` and `dates`: one output line per record `produce` yields,
    plus "input_id"; a line that cannot be read or coded yields {"input_id", "error"} and the
    batch goes on."""
    from eventline.pipeline.time import parse_date_arg

    for input_id, obj, error in _batch_lines(path):
        if error:
            _emit({"input_id": input_id, "error": error})
            continue
        assert obj is not None
        try:
            day = parse_date_arg(obj[date_key]) if obj.get(date_key) else None
            for record in produce(obj["text"], obj.get("lang"), day):
                _emit({**record, "input_id": input_id})
        except EventlineError as exc:
            _emit({"input_id": input_id, "error": str(exc)})


@main.command()
@click.argument("text", required=False)
@click.option("--lang", default=None, help="ISO 639-1 code; detected when absent.")
@click.option("--date", "date_", default=None, metavar="YYYY-MM-DD", help="Publication date, to resolve relative dates.")
@click.option("--jsonl", "jsonl", default=None, metavar="FILE",
              help='Batch: one {"id", "text", "lang"?, "date"?} per line; - for stdin.')
def code(text, lang, date_, jsonl) -> None:
    """Code one text into events (JSON lines, event schema), with no store."""
    from eventline.pipeline.events import code_text
    from eventline.pipeline.time import parse_date_arg

    if (text is None) == (jsonl is None):
        raise click.UsageError("give either TEXT or --jsonl FILE")
    if jsonl is None:
        if date_:
            parse_date_arg(date_)
        for ev in code_text(text, lang=lang, published=date_):
            _emit(ev.to_json())
        return
    _run_batch(jsonl, "date", lambda text, lang, day: (
        ev.to_json() for ev in code_text(text, lang=lang, published=day.isoformat() if day else None)))


@main.command()
@click.argument("text", required=False)
@click.option("--lang", default=None, help="ISO 639-1 code; detected when absent.")
@click.option("--ref", default=None, metavar="YYYY-MM-DD", help="Reference (publication) date.")
@click.option("--jsonl", "jsonl", default=None, metavar="FILE",
              help='Batch: one {"id", "text", "lang"?, "ref"?} per line; - for stdin.')
def dates(text, lang, ref, jsonl) -> None:
    """Print one JSON line per temporal expression, resolved against --ref."""
    from eventline.pipeline.lang import detect
    from eventline.pipeline.time import find_times, parse_date_arg

    if (text is None) == (jsonl is None):
        raise click.UsageError("give either TEXT or --jsonl FILE")
    if jsonl is None:
        if ref is None:
            raise click.UsageError("--ref YYYY-MM-DD is required with TEXT")
        for t in find_times(text, lang or detect(text), parse_date_arg(ref)):
            _emit(t.to_json())
        return
    default_ref = parse_date_arg(ref) if ref else None
    _run_batch(jsonl, "ref", lambda text, lang, day: (
        t.to_json() for t in find_times(text, lang or detect(text), day or default_ref)))


# -- report -----------------------------------------------------------------------------------
@main.command()
@db_option
@click.option("-o", "--output", required=True, metavar="FILE.html", help="Where to write the report.")
@filter_options
def report(db, output, actor, country, type_, since, until) -> None:
    """Write a self-contained HTML report: timeline, events with sources and quotes, entities."""
    from eventline.queries import entity_records
    from eventline.report.html import render_report

    evs = _events(db, actor, country, type_, since, until)
    with _open_store(db) as store:
        ents = entity_records(store)
        docs = {r["id"]: r for r in store.document_records()}
    try:
        Path(output).write_text(render_report(evs, ents, docs), encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write the report ({exc.strerror})") from exc
    click.echo(f"wrote {output}: {len(evs)} events, {len(ents)} entities")


from eventline.kb.commands import kb  # noqa: E402  (the `eventline kb ...` group)

main.add_command(kb)

if __name__ == "__main__":
    main()
