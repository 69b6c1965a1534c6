"""The `itexit` command: run the app, list evaluations, export and import them, start the next
review of one.

A thin layer over the library: parse the arguments, call the store and the export module, print
the result. Every failure prints one line on stderr and exits with status 1: a problem a user
can cause or a database fault says what to fix; anything else gives a reference to a log file
that holds the details.
Commands import the heavy modules (the evaluation model, pandas, plotly, Streamlit) only when
they need them, so `itexit list` and `itexit --help` start fast.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import tomllib
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itexit.paths import APP, STREAMLIT_CONFIG, default_database
from itexit.store import ENV_VAR, NotFound, Store, Stored, database_url

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `itexit` command; the exit status (1 with one line on stderr for a problem)."""
    args, unknown = _parser().parse_known_args(argv)
    if unknown and args.command != "run":
        _parser().error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        if args.command == "run":
            return _run(args.database_url, [*unknown, *args.streamlit_args])
        store = Store(args.database_url)
        try:
            return int(args.handler(store, args) or 0)
        finally:
            store.dispose()
    except Exception as exc:
        print(f"itexit: {_one_line(_explained(exc, args.database_url))}", file=sys.stderr)
        return 1


def _explained(error: Exception, url: str | None) -> str:
    """What the one line says: the message of a problem a user can fix, the database's own
    words for a database fault, else a reference to the details written to a log file."""
    from sqlalchemy.exc import DBAPIError

    from itexit.input import InvalidInput

    if isinstance(error, InvalidInput | NotFound | OSError):
        return str(error)
    if isinstance(error, DBAPIError):
        return _database_fault(error, url)
    return _logged(error)


_FAULT_ADVICE = {
    "readonly database": "make the file and its folder writable",
    "disk image is malformed": "restore the file from a backup",
    "not a database": "restore the file from a backup",
    "database is locked": "try again when the other program has finished",
}


def _database_fault(error: Exception, url: str | None) -> str:

    reason = " ".join(str(getattr(error, "orig", None) or error).split())
    if len(reason) > 200:
        reason = reason[:197] + "..."
    shown = _shown_url(url)
    advice = next((a for words, a in _FAULT_ADVICE.items() if words in reason), None)
    then = f"; {advice}" if advice else ""
    return f"The database {shown} failed (nothing was changed): {reason}{then}."


def _shown_url(url: str | None) -> str:
    """The database's URL as it may be printed: any password hidden."""
    from sqlalchemy.engine import make_url

    address = make_url(database_url(url))
    return address.render_as_string(hide_password=True) if address.password else str(address)


def _kept_in(url: str | None) -> str:
    """Where the evaluations are, in words: an SQLite database's file, else its URL."""
    shown = _shown_url(url)
    return shown.removeprefix("sqlite:///") if shown.startswith("sqlite:///") else shown


def _logged(error: Exception) -> str:
    reference = secrets.token_hex(4)
    log = Path(tempfile.gettempdir()) / f"itexit-error-{reference}.log"
    try:
        log.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    except OSError:
        return f"Unexpected error {reference}: {type(error).__name__}: {error}"
    return f"Unexpected error {reference}; the details are in {log}. Please report it."


def _list(store: Store, _args: argparse.Namespace) -> None:
    summaries = store.summaries()
    if not summaries:
        print("No evaluations yet.")
        return
    width = max(len(s.name) for s in summaries)
    print(f"{'ID':>4}  {'NAME':<{width}}  {'PROVIDERS':>9}  LAST CHANGE (UTC)")
    for s in summaries:
        changed = s.updated_at.strftime("%Y-%m-%d %H:%M")
        print(f"{s.id:>4}  {s.name:<{width}}  {s.provider_count:>9}  {changed}")


def _export(store: Store, args: argparse.Namespace) -> None:
    from itexit.export import comparison_csv, evaluation_document
    from itexit.input import InvalidInput

    if args.output is not None:
        _refuse_database_file(store, args.output)
    elif args.format == "xlsx" and sys.stdout.isatty():
        raise InvalidInput(
            "An Excel workbook cannot be shown in a terminal: write it to a file with -o FILE.xlsx."
        )
    try:
        found = store.find(args.evaluation, by=args.by)
    except InvalidInput as exc:
        raise InvalidInput(
            f"{exc} Say which with --by id or --by name (itexit list shows the ids)."
        ) from None
    evaluation = store.load(found.id).evaluation
    if args.format == "csv":
        data = comparison_csv(evaluation)
    elif args.format == "xlsx":
        data = _workbook(evaluation, store.tickets(found.id))
    elif args.format == "pdf":
        data = _board_report(store, found.id, evaluation)
    else:
        data = evaluation_document(evaluation, store.tickets(found.id)).encode("utf-8")
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(args.output).write_bytes(data)
        print(f"Wrote {args.output}", file=sys.stderr)


def _workbook(evaluation: Evaluation, tickets: bytes | None) -> bytes:
    """The comparison workbook as the Compare page downloads it today."""
    from datetime import date

    from itexit.decide.delivery import shortfalls_of
    from itexit.workbook import comparison_xlsx

    return comparison_xlsx(evaluation, date.today(), shortfalls_of(evaluation, tickets))


def _board_report(store: Store, evaluation_id: int, evaluation: Evaluation) -> bytes:
    """The board report as of today, with the service shortfalls of the imported tickets."""
    from datetime import date

    from itexit.decide.delivery import shortfalls_of
    from itexit.report import board_report_pdf

    body = store.tickets(evaluation_id) if evaluation.tickets is not None else None
    return board_report_pdf(evaluation, date.today(), shortfalls_of(evaluation, body))


def _refuse_database_file(store: Store, output: str) -> None:
    """InvalidInput if writing to `output` would overwrite the database in use."""
    from itexit.input import InvalidInput

    for file in store.files():
        if _same_file(Path(output), file):
            raise InvalidInput(
                f"{output} is the database in use ({file.name}); writing the export there would "
                "destroy it. Choose another file for -o."
            )


def _same_file(one: Path, other: Path) -> bool:
    """The same path once links are followed, or (both existing) the same file by another name."""
    if one.resolve() == other.resolve():
        return True
    return one.exists() and other.exists() and one.samefile(other)


def _import(store: Store, args: argparse.Namespace) -> None:
    from itexit.export import read_document_tickets, read_evaluation_document
    from itexit.input import InvalidInput

    try:
        text = Path(args.file).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {args.file}: {exc.strerror}") from None
    evaluation = read_evaluation_document(text, name=args.name)
    tickets = read_document_tickets(text, evaluation)
    try:
        stored = store.create(
            evaluation, tickets, summary=(f"Imported from {Path(args.file).name}",)
        )
    except InvalidInput as exc:
        hint = " Use --name to import it under another name." if args.name is None else ""
        raise InvalidInput(f"{exc}{hint}") from None
    print(f"Imported '{evaluation.name}' as evaluation {stored.id}.")


def _found(store: Store, args: argparse.Namespace) -> int:
    """The id of the evaluation EVALUATION names."""
    from itexit.input import InvalidInput

    try:
        return store.find(args.evaluation, by=args.by).id
    except InvalidInput as exc:
        raise InvalidInput(
            f"{exc} Say which with --by id or --by name (itexit list shows the ids)."
        ) from None


def _next_review(store: Store, args: argparse.Namespace) -> None:
    from datetime import date

    from itexit.series import review_name
    from itexit.series.views import start_next_review

    stored = store.load(_found(store, args))
    today = date.today()
    taken = (s.name for s in store.summaries())
    name = args.name if args.name is not None else review_name(stored.evaluation.name, today, taken)
    started = start_next_review(store, stored, name, today)
    print(
        f"Started '{name.strip()}' as evaluation {started.id}, the review of {today}. Its scores "
        "are the last review's, marked 'from the review of …': re-check them."
    )


def _history(store: Store, args: argparse.Namespace) -> None:
    from itexit.history import difference, history_rows, history_text

    evaluation_id = _found(store, args)
    if args.compare:
        older, newer = (_revision(store, evaluation_id, r) for r in args.compare)
        frame = difference(older.evaluation, newer.evaluation)
        print(f"From revision {older.revision} to revision {newer.revision}:")
        for what, before, after in frame.itertuples(index=False):
            print(f"  {what}: {before} → {after}")
        if frame.empty:
            print("  nothing differs")
        return
    if args.restore is not None:
        _restore(store, evaluation_id, args.restore)
        return
    sys.stdout.write(history_text(history_rows(store.history(evaluation_id))))


def _revision(store: Store, evaluation_id: int, revision: int) -> Stored:
    from itexit.input import InvalidInput

    try:
        return store.load(evaluation_id, revision)
    except NotFound:
        latest = store.summary(evaluation_id).revision
        raise InvalidInput(
            f"There is no revision {revision}: this evaluation has revisions 1 to {latest}."
        ) from None


def _restore(store: Store, evaluation_id: int, revision: int) -> None:
    from itexit.history import restore

    old = _revision(store, evaluation_id, revision)
    latest = store.load(evaluation_id)
    entry = next(r for r in store.history(evaluation_id) if r.revision == revision)
    plan = restore(latest.evaluation, old.evaluation, entry)
    if plan.changes_nothing:
        print(f"Revision {revision} is the same as the latest (revision {latest.revision}).")
        return
    saved = store.save(evaluation_id, plan.evaluation, latest.revision, summary=plan.summary)
    print(f"Restored revision {revision} as revision {saved.revision}.")


def _questionnaire(store: Store, args: argparse.Namespace) -> None:
    from datetime import date

    from itexit.input import InvalidInput
    from itexit.questionnaire import make_questionnaire
    from itexit.types import name_key

    _refuse_database_file(store, args.output)
    evaluation_id = _found(store, args)
    evaluation = store.load(evaluation_id).evaluation
    provider = next(
        (p for p in evaluation.candidates if name_key(p.name) == name_key(args.provider)), None
    ) or next((p for p in evaluation.candidates if p.id == args.provider), None)
    if provider is None:  # the current provider is not sent one: it would learn you are leaving
        names = ", ".join(p.name for p in evaluation.candidates) or "none yet"
        raise InvalidInput(
            f"No candidate '{args.provider}' in this evaluation (candidates: {names}); the current "
            "provider is never sent one."
        )
    asker = evaluation.exit.business_name if args.include_name else None
    if args.include_name and not asker:
        raise InvalidInput(
            "The evaluation has no company name to include: fill in your company's name on the "
            "Notice letter page, or leave out --include-name (the file then says 'the client')."
        )
    try:
        due = date.fromisoformat(args.due) if args.due else None
    except ValueError:
        raise InvalidInput(f"--due {args.due} is not a date like 2026-12-31.") from None
    if due is not None and due < date.today():
        raise InvalidInput(f"--due {args.due} is in the past: give the candidate a date ahead.")
    data = make_questionnaire(
        evaluation, evaluation_id, provider.id, made=date.today(), due=due, asker=asker
    )
    Path(args.output).write_bytes(data)
    print(
        f"Wrote {args.output}: the questionnaire for {provider.name}. Send it to them; read "
        "their answers back with `itexit answers`.",
        file=sys.stderr,
    )


def _answers(store: Store, args: argparse.Namespace) -> None:
    from datetime import date

    from itexit.input import InvalidInput
    from itexit.questionnaire import MAX_BYTES
    from itexit.questionnaire.views import accepted_items, answers_accepted, questionnaire_preview
    from itexit.words import plural

    evaluation_id = _found(store, args)
    stored = store.load(evaluation_id)
    try:
        if Path(args.file).stat().st_size > MAX_BYTES:
            raise InvalidInput(f"{args.file} is over 10 MB; a questionnaire is read up to 10 MB.")
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {args.file}: {exc.strerror}") from None
    preview = questionnaire_preview(stored.evaluation, evaluation_id, None, data)
    if preview.problem is not None or preview.returned is None:
        raise InvalidInput(f"{args.file}: {preview.problem}")
    print(preview.summary)
    if preview.differing:
        print(preview.differing)
    for row in preview.table.itertuples(index=False):
        tick = "[x]" if row[0] else "[ ]"
        print(f"{tick} {row[1]}: {row[2]} (now: {row[4] or row[5] or 'nothing'}). {row[6]}.")
    if not args.accept:
        print("Nothing was saved. Run again with --accept to accept the answers marked [x].")
        return
    items = preview.items if args.replace_verified else accepted_items(preview, {})
    changed = answers_accepted(
        stored.evaluation, preview.returned.provider, preview.returned, items, date.today()
    )
    from itexit.changes import summarised

    headline = f"Accepted questionnaire answers from {Path(args.file).name}"
    summary = (headline, *summarised(stored.evaluation, changed))
    store.save(evaluation_id, changed, base_revision=stored.revision, summary=summary)
    kept = len(preview.items) - len(items)
    also = f"; kept {kept} verified (--replace-verified replaces them)" if kept else ""
    print(f"Accepted {plural(len(items), 'answer')} as claimed{also}.")


def _run(url: str | None, streamlit_args: list[str]) -> int:
    from streamlit.web import cli as streamlit_cli

    streamlit_args = _refuse_exposure(streamlit_args)
    _warn_of_unknown_evaluations(url, streamlit_args)
    if url:
        os.environ[ENV_VAR] = url
    print(f"ITexit keeps the evaluations in {_kept_in(url)}", file=sys.stderr)
    # No official API starts Streamlit from a console script (streamlit issue #4162); this is
    # the common pattern. Our .streamlit/config.toml is passed as options so it applies
    # whatever folder the command runs from; options given on the command line come last, so
    # they win.
    sys.argv = ["streamlit", "run", str(APP), *_config_options(), *streamlit_args]
    streamlit_cli.main()
    return 0


def _refuse_exposure(streamlit_args: list[str]) -> list[str]:
    """The options for Streamlit, less ours; InvalidInput when the server would listen beyond
    this machine without sign-in (and without the override), or the allow-list is malformed."""
    from itexit.access import OVERRIDE, allow_list, refusal_to_serve
    from itexit.input import InvalidInput

    anyone = OVERRIDE in streamlit_args
    streamlit_args = [a for a in streamlit_args if a != OVERRIDE]
    secrets = _streamlit_secrets(streamlit_args)
    signed_in = "auth" in secrets
    if signed_in:
        allow_list(secrets)  # a malformed allow-list is refused now, not at the first visitor
    address = (_option(streamlit_args, "server.address") or [_configured_address()])[-1]
    refusal = refusal_to_serve(address, signed_in, anyone)
    if refusal is not None:
        raise InvalidInput(refusal)
    return streamlit_args


def _warn_of_unknown_evaluations(url: str | None, streamlit_args: list[str]) -> None:
    """One line on stderr for each evaluation the allow-list names that the database lacks."""
    from sqlalchemy.exc import SQLAlchemyError

    from itexit.access import allow_list, unknown_evaluations

    secrets = _streamlit_secrets(streamlit_args)
    if "auth" not in secrets:
        return
    try:
        store = Store(url)
        try:
            known = [(s.id, s.name) for s in store.summaries()]
        finally:
            store.dispose()
    except SQLAlchemyError:  # the app says so itself, and recovers once the database answers
        return
    for warning in unknown_evaluations(allow_list(secrets), known):
        print(warning, file=sys.stderr)


def _option(args: Sequence[str], name: str) -> list[str]:
    """Every value given to a Streamlit option, as `--name value` or `--name=value`."""
    values = []
    for at, arg in enumerate(args):
        if arg == f"--{name}" and at + 1 < len(args):
            values.append(args[at + 1])
        elif arg.startswith(f"--{name}="):
            values.append(arg.partition("=")[2])
    return values


def _streamlit_secrets(streamlit_args: Sequence[str]) -> dict[str, Any]:
    """The secrets the Streamlit started with these options will read."""
    return _secrets(_option(streamlit_args, "secrets.files") or _default_secrets_files())


def _default_secrets_files() -> list[str]:
    # Where Streamlit looks by default (its `secrets.files` option): the user's folder, the
    # folder the command runs from, then the app's own folder; later files win.
    places = [Path.home(), Path.cwd(), APP.parent]
    return list(dict.fromkeys(str(p / ".streamlit" / "secrets.toml") for p in places))


def _secrets(files: Sequence[str]) -> dict[str, Any]:
    """The secrets Streamlit will read from these files (or Kubernetes-style folders)."""
    merged: dict[str, Any] = {}
    for name in files:
        path = Path(name).expanduser()
        if path.is_dir():  # a section per folder, a value per file
            merged.update(
                {
                    folder.name: {f.name: f.read_text(encoding="utf-8") for f in folder.iterdir()}
                    for folder in path.iterdir()
                    if folder.is_dir()
                }
            )
        elif path.is_file():
            try:
                merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
            except tomllib.TOMLDecodeError as exc:
                raise OSError(f"{path} is not valid TOML: {exc}.") from None
    return merged


def _configured_address() -> str:
    config = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    return str(config.get("server", {}).get("address", "0.0.0.0"))


def _config_options() -> list[str]:
    config = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    return [
        f"--{section}.{option}={value}"
        for section, options in config.items()
        for option, value in options.items()
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itexit",
        description="Score your IT provider against the essentials, compare candidates,\n"
        "and export the comparison.",
        epilog=f"The evaluations are kept in {default_database()}\nunless --database-url or "
        f"${ENV_VAR} names another database.",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the lines as written
    )
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database-url",
        default=None,
        help=f"SQLAlchemy database URL (default: ${ENV_VAR}, else sqlite:///{default_database()})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        parents=[database],
        help="start the app in your browser (extra options go to Streamlit); it serves this "
        "machine only unless sign-in is configured or --allow-anyone-on-the-network is given",
    )
    run.add_argument("streamlit_args", nargs=argparse.REMAINDER, help="options for streamlit run")

    listing = commands.add_parser("list", parents=[database], help="list the evaluations")
    listing.set_defaults(handler=_list)

    _export_command(commands, database)
    importing = commands.add_parser(
        "import", parents=[database], help="add an evaluation from a JSON export"
    )
    importing.add_argument("file", metavar="FILE.json")
    importing.add_argument("--name", help="give the imported evaluation this name")
    importing.set_defaults(handler=_import)
    _next_review_command(commands, database)
    _questionnaire_commands(commands, database)
    _history_command(commands, database)
    return parser


def _naming() -> argparse.ArgumentParser:
    """The arguments of every command that works on one evaluation: EVALUATION and --by."""
    naming = argparse.ArgumentParser(add_help=False)
    naming.add_argument(
        "evaluation", metavar="EVALUATION", help="an evaluation's exact name, else its id"
    )
    naming.add_argument(
        "--by",
        choices=("name", "id"),
        help="read EVALUATION only as a name or only as an id (when a name is another's id)",
    )
    return naming


def _export_command(commands: Any, database: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export",
        parents=[database, _naming()],
        help="write the comparison (CSV or Excel), the evaluation (JSON) or the board report (PDF)",
    )
    export.add_argument(
        "--format",
        choices=("csv", "json", "xlsx", "pdf"),
        required=True,
        help="csv: the comparison; xlsx: the comparison as an Excel workbook; json: everything; "
        "pdf: the board report",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    export.set_defaults(handler=_export)


def _next_review_command(commands: Any, database: argparse.ArgumentParser) -> None:
    following = commands.add_parser(
        "next-review",
        parents=[database, _naming()],
        help="start the next dated review of an evaluation (a copy to re-check a year on)",
    )
    following.add_argument("--name", help="its name (default: 'NAME — review YYYY-MM')")
    following.set_defaults(handler=_next_review)


def _history_command(commands: Any, database: argparse.ArgumentParser) -> None:
    history = commands.add_parser(
        "history",
        parents=[database, _naming()],
        help="list every saved revision (when, who, what changed); compare two; restore one",
    )
    doing = history.add_mutually_exclusive_group()
    doing.add_argument(
        "--compare",
        nargs=2,
        type=int,
        metavar=("OLDER", "NEWER"),
        help="show what differs between two revisions",
    )
    doing.add_argument(
        "--restore",
        type=int,
        metavar="REVISION",
        help="make that revision the current one again, saved as a new revision",
    )
    history.set_defaults(handler=_history)


def _questionnaire_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    making = commands.add_parser(
        "questionnaire",
        parents=[database, _naming()],
        help="write the questionnaire workbook (.xlsx) a candidate fills in",
    )
    making.add_argument("provider", metavar="PROVIDER", help="the candidate's name (or id)")
    making.add_argument("-o", "--output", metavar="FILE.xlsx", required=True)
    making.add_argument(
        "--include-name",
        action="store_true",
        help="name your company as the asker (from the exit plan); else 'the client'",
    )
    making.add_argument("--due", metavar="YYYY-MM-DD", help="answer by (default: in 14 days)")
    making.set_defaults(handler=_questionnaire)
    reading = commands.add_parser(
        "answers",
        parents=[database, _naming()],
        help="show a returned questionnaire's answers beside the current scores; accept them",
    )
    reading.add_argument("file", metavar="FILE.xlsx")
    reading.add_argument(
        "--accept",
        action="store_true",
        help="save the answers marked [x] as the candidate's claimed scores",
    )
    reading.add_argument(
        "--replace-verified",
        action="store_true",
        help="with --accept, replace verified scores too (they are kept otherwise)",
    )
    reading.set_defaults(handler=_answers)


def _one_line(message: str) -> str:
    return " ".join(message.split())


if __name__ == "__main__":
    sys.exit(main())
