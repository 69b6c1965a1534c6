"""Keeps evaluations as append-only revisions in SQLite (the default) or any SQLAlchemy database.

Each save writes the whole evaluation as a new revision and names the revision it started from.
The key (evaluation_id, revision) is unique, so when two sessions save on top of the same
revision the later one fails with `Conflict` instead of silently overwriting the other's work.
The small `evaluations` table holds what a list needs, so listing never parses a body.

Opening a store upgrades the database to the schema this code uses (Alembic, `itexit/migrations`)
and refuses one that a newer ITexit has upgraded. Each revision records its body's format
version; older bodies are upgraded by `BODY_UPGRADES` as they load. This module imports neither
the evaluation model nor Alembic until it needs them, so `itexit list` starts fast.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
)

from itexit.paths import default_database

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "BODY_UPGRADES",
    "BODY_VERSION",
    "ENV_VAR",
    "SCHEMA_HEAD",
    "VERSION_TABLE",
    "Conflict",
    "NotFound",
    "Revision",
    "Store",
    "Stored",
    "Summary",
    "database_url",
    "engine_for",
    "local_author",
    "metadata",
    "parse_body",
    "revisions",
    "saved_by",
    "upgrade_body",
]

ENV_VAR = "ITEXIT_DATABASE_URL"

VERSION_TABLE = "itexit_schema_version"
"""Where Alembic keeps the schema revision: a name of our own, so another Alembic-managed app
sharing a PostgreSQL schema is never taken for a newer ITexit."""
SCHEMA_HEAD = "0006"
"""The newest revision in itexit/migrations/versions (a test keeps the two equal), so opening
an up-to-date database costs one query and never loads Alembic."""

BODY_VERSION = 1
"""The format version of the evaluation bodies this code writes."""

BodyUpgrade = Callable[[dict[str, Any]], dict[str, Any]]
BODY_UPGRADES: dict[int, BodyUpgrade] = {}
"""BODY_UPGRADES[v] turns a body of format version v into version v + 1: a pure function on the
parsed JSON, applied as a revision loads, before validation. One for every version below
BODY_VERSION; never remove one, since old revisions stay as they were written."""


def database_url(explicit: str | None = None) -> str:
    """The URL to use: the one given, else $ITEXIT_DATABASE_URL, else the SQLite file
    `paths.default_database()` names (data/itexit.db in a clone, else the user's data folder)."""
    return explicit or os.environ.get(ENV_VAR) or f"sqlite:///{default_database()}"


class NotFound(LookupError):
    """No evaluation with that id or name."""


class Conflict(RuntimeError):
    """Someone else saved this evaluation after it was loaded; reload and redo the change."""


@dataclass(frozen=True)
class Summary:
    """What a list of evaluations shows of one, read without parsing its body."""

    id: int
    name: str
    revision: int
    provider_count: int
    updated_at: datetime


@dataclass(frozen=True)
class Stored:
    """One saved revision of an evaluation: which evaluation, which revision, when, and what."""

    id: int
    revision: int
    saved_at: datetime
    evaluation: Evaluation


@dataclass(frozen=True)
class Revision:
    """One line of an evaluation's history: which revision, when, by whom, what it changed."""

    revision: int
    saved_at: datetime
    author: str | None
    """Who saved it; None for revisions saved before ITexit recorded authors."""
    summary: tuple[str, ...] | None
    """What it changed, one sentence each; None for revisions saved before ITexit kept it."""


metadata = MetaData()
evaluations = Table(
    "evaluations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # No length in the database: the domain's NAME_MAX is the one rule, the same on SQLite and
    # PostgreSQL, and the key (types.name_key) may be longer than the name ("ß" is "ss").
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, unique=True),
    Column("revision", Integer, nullable=False),
    Column("provider_count", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The review series the latest revision belongs to (migration 0006), so a series' reviews
    # are found by this index, never by reading every evaluation's body.
    Column("series", Text, nullable=True, index=True),
    sqlite_autoincrement=True,  # an id is never given to another evaluation (migration 0004)
)
revisions = Table(
    "revisions",
    metadata,
    Column(
        "evaluation_id",
        Integer,
        ForeignKey("evaluations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("revision", Integer, primary_key=True),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("body", Text, nullable=False),
    Column("body_version", Integer, nullable=False, server_default="1"),
    Column("author", Text, nullable=True),  # migration 0005: None before it
    Column("summary", Text, nullable=True),  # a JSON list of sentences; None before 0005
)
ticket_sets = Table(
    "ticket_sets",
    metadata,
    Column(
        "evaluation_id",
        Integer,
        ForeignKey("evaluations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("body", LargeBinary, nullable=False),
)
settings = Table(
    "settings",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)


class Store:
    """The evaluations in one database, kept as append-only revisions; opening it upgrades the
    schema first if an older ITexit made it."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        try:
            self.engine = engine_for(self.url)
            try:
                self._upgrade()
            except BaseException:
                self.engine.dispose()
                raise
        except (ArgumentError, DBAPIError, ImportError, OSError) as exc:
            from itexit.input import InvalidInput

            shown = self.url
            with suppress(ArgumentError):
                shown = make_url(self.url).render_as_string(hide_password=True)
            reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
            raise InvalidInput(f"Cannot open the database {shown}: {reason}") from None

    def dispose(self) -> None:
        """Close the database connections."""
        self.engine.dispose()

    def _upgrade(self) -> None:
        if _schema_revisions(self.engine) == [SCHEMA_HEAD]:
            return
        from itexit.input import InvalidInput
        from itexit.migrations import NewerSchema, upgrade

        try:
            upgrade(self.engine)
        except NewerSchema as newer:
            raise InvalidInput(
                f"This database was upgraded by a newer ITexit (schema {newer.revision}); "
                "install that version or newer to open it."
            ) from None

    # Reading ---------------------------------------------------------------------------------

    def summaries(self) -> list[Summary]:
        """Every evaluation, by name (ignoring case)."""
        with self._reading() as conn:
            rows = conn.execute(select(evaluations).order_by(evaluations.c.name_key)).all()
        return [_summary(row._mapping) for row in rows]

    def summary(self, evaluation_id: int) -> Summary:
        """One evaluation as a list shows it; NotFound if there is none with that id."""
        with self._reading() as conn:
            row = conn.execute(
                select(evaluations).where(evaluations.c.id == evaluation_id)
            ).one_or_none()
        if row is None:
            raise NotFound(f"There is no evaluation with id {evaluation_id}.")
        return _summary(row._mapping)

    def find(self, reference: str, by: Literal["name", "id"] | None = None) -> Summary:
        """An evaluation by its exact name, else by its id; `by` allows only one of the two.

        NotFound if nothing matches; InvalidInput if the reference could mean two evaluations
        (the name of one is the id of another).
        """
        wanted = unicodedata.normalize("NFC", reference.strip())
        matches: dict[int, Summary] = {}
        if by != "id":
            named = (s for s in self.summaries() if unicodedata.normalize("NFC", s.name) == wanted)
            matches.update((s.id, s) for s in named)
        number = _evaluation_id(wanted)
        if by != "name" and number is not None:
            with suppress(NotFound):
                matches.setdefault(number, self.summary(number))
        if len(matches) > 1:
            from itexit.input import InvalidInput

            meanings = " or ".join(f"evaluation {s.id} ('{s.name}')" for s in matches.values())
            raise InvalidInput(f"'{reference}' could mean {meanings}.")
        if not matches:
            what = by or "id or name"
            raise NotFound(f"There is no evaluation with the {what} '{reference}'.")
        return next(iter(matches.values()))

    def series(self, series: str) -> list[Summary]:
        """Every evaluation whose latest revision is a review of `series` (see itexit/series),
        by id; read through an index, without parsing a body."""
        with self._reading() as conn:
            rows = conn.execute(
                select(evaluations).where(evaluations.c.series == series).order_by(evaluations.c.id)
            ).all()
        return [_summary(row._mapping) for row in rows]

    def load(self, evaluation_id: int, revision: int | None = None) -> Stored:
        """A revision of an evaluation (the latest by default), upgraded to today's format."""
        wanted = revision if revision is not None else self.summary(evaluation_id).revision
        with self._reading() as conn:
            row = conn.execute(
                select(revisions.c.saved_at, revisions.c.body, revisions.c.body_version).where(
                    revisions.c.evaluation_id == evaluation_id, revisions.c.revision == wanted
                )
            ).one_or_none()
        if row is None:
            raise NotFound(f"Evaluation {evaluation_id} has no revision {wanted}.")
        evaluation = parse_body(row.body, row.body_version)
        return Stored(evaluation_id, wanted, _utc(row.saved_at), evaluation)

    def files(self) -> list[Path]:
        """The files an SQLite database lives in: the file itself and the -wal, -shm and
        -journal files beside it; none for a database server."""
        path = _sqlite_file(self.url)
        if path is None:
            return []
        return [path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))]

    def history(self, evaluation_id: int) -> list[Revision]:
        """Every saved revision of an evaluation, newest first, with who saved it and what it
        changed."""
        with self._reading() as conn:
            rows = conn.execute(
                select(
                    revisions.c.revision,
                    revisions.c.saved_at,
                    revisions.c.author,
                    revisions.c.summary,
                )
                .where(revisions.c.evaluation_id == evaluation_id)
                .order_by(revisions.c.revision.desc())
            ).all()
        return [
            Revision(
                row.revision,
                _utc(row.saved_at),
                row.author,
                None if row.summary is None else tuple(json.loads(row.summary)),
            )
            for row in rows
        ]

    # Writing ---------------------------------------------------------------------------------

    def create(
        self,
        evaluation: Evaluation,
        tickets: bytes | None = None,
        *,
        author: str | None = None,
        summary: Sequence[str] = ("Created",),
    ) -> Stored:
        """Add an evaluation as revision 1, with its ticket set if given, in one transaction;
        InvalidInput if its name is taken. `author` defaults as in `save`; `summary` says how it
        came to be ("Created", "Imported from a file")."""
        now = datetime.now(UTC)
        written = _written(evaluation, now, author, summary)
        try:
            evaluation_id = self._insert(evaluation, written, tickets)
        except IntegrityError:  # the same name, created at the same moment by someone else
            with self._reading() as conn:
                self._refuse_taken_name(conn, evaluation.name, None)
            raise
        return Stored(evaluation_id, 1, now, evaluation)

    def _insert(
        self, evaluation: Evaluation, written: dict[str, Any], tickets: bytes | None
    ) -> int:
        from itexit.types import name_key

        now = written["saved_at"]
        with self.engine.begin() as conn:
            self._refuse_taken_name(conn, evaluation.name, None)
            inserted = conn.execute(
                insert(evaluations).values(
                    name=evaluation.name,
                    name_key=name_key(evaluation.name),
                    revision=1,
                    provider_count=len(evaluation.providers),
                    updated_at=now,
                    series=_series(evaluation),
                )
            ).inserted_primary_key
            if not inserted:
                raise RuntimeError("the database gave the new evaluation no id")
            evaluation_id = int(inserted[0])
            conn.execute(
                insert(revisions).values(evaluation_id=evaluation_id, revision=1, **written)
            )
            if tickets is not None:
                conn.execute(
                    insert(ticket_sets).values(
                        evaluation_id=evaluation_id, saved_at=now, body=tickets
                    )
                )
        return evaluation_id

    def save(
        self,
        evaluation_id: int,
        evaluation: Evaluation,
        base_revision: int,
        tickets: bytes | None = None,
        *,
        author: str | None = None,
        summary: Sequence[str] | None = None,
    ) -> Stored:
        """Save a new revision on top of `base_revision` (with a new ticket set beside it, if
        given, in the same transaction); Conflict if it is no longer the latest, InvalidInput if
        it takes a name another evaluation has.

        `author` defaults to the one `saved_by` names, else `local_author()`; `summary` (what
        the save changed, in words)
        defaults to every change from `base_revision`, described as `itexit.changes` does.
        """
        if summary is None:
            summary = self._changed_since(evaluation_id, base_revision, evaluation)
        now = datetime.now(UTC)
        revision = base_revision + 1
        written = _written(evaluation, now, author, summary)
        try:
            with self.engine.begin() as conn:
                renamed = self._name_change(conn, evaluation_id, evaluation.name)
                conn.execute(
                    insert(revisions).values(
                        evaluation_id=evaluation_id, revision=revision, **written
                    )
                )
                moved = conn.execute(
                    update(evaluations)
                    .where(
                        evaluations.c.id == evaluation_id,
                        evaluations.c.revision == base_revision,
                    )
                    .values(
                        revision=revision,
                        provider_count=len(evaluation.providers),
                        updated_at=now,
                        series=_series(evaluation),
                        **renamed,
                    )
                ).rowcount
                if moved != 1:
                    raise Conflict(_CONFLICT)
                if tickets is not None:
                    _replace_tickets(conn, evaluation_id, tickets, now)
        except IntegrityError:
            self.summary(evaluation_id)  # NotFound if it was deleted meanwhile
            with self._reading() as conn:  # InvalidInput if the name was taken meanwhile
                self._refuse_taken_name(conn, evaluation.name, evaluation_id)
            raise Conflict(_CONFLICT) from None
        return Stored(evaluation_id, revision, now, evaluation)

    def _changed_since(
        self, evaluation_id: int, base_revision: int, evaluation: Evaluation
    ) -> tuple[str, ...]:
        from itexit.changes import summarised

        try:
            before = self.load(evaluation_id, base_revision).evaluation
        except NotFound:
            self.summary(evaluation_id)  # NotFound if the evaluation is gone
            raise Conflict(_CONFLICT) from None
        return summarised(before, evaluation)

    def rename(self, evaluation_id: int, name: str, base_revision: int) -> Stored:
        """Save the evaluation under a new name, on top of `base_revision`."""
        stored = self.load(evaluation_id, base_revision)
        return self.save(evaluation_id, stored.evaluation.renamed(name), base_revision)

    def duplicate(self, evaluation_id: int, name: str, *, author: str | None = None) -> Stored:
        """A full copy of the evaluation under a new name, its tickets included, in no review
        series (Start next review makes the next review of a series)."""
        stored = self.load(evaluation_id)
        source = stored.evaluation.name
        return self.create(
            # A copy (a snapshot, other weights to try) is no review of its original's series.
            stored.evaluation.renamed(name).with_review(None),
            self.tickets(evaluation_id),
            author=author,
            summary=(f"Copied from '{source}' (revision {stored.revision})",),
        )

    def tickets(self, evaluation_id: int) -> bytes | None:
        """The ticket set kept beside an evaluation (see itexit/service/kept.py), if any."""
        with self._reading() as conn:
            return conn.execute(
                select(ticket_sets.c.body).where(ticket_sets.c.evaluation_id == evaluation_id)
            ).scalar_one_or_none()

    def save_tickets(self, evaluation_id: int, body: bytes) -> None:
        """Replace the ticket set of an evaluation in one transaction."""
        with self.engine.begin() as conn:
            _replace_tickets(conn, evaluation_id, body, datetime.now(UTC))

    def delete(self, evaluation_id: int) -> None:
        """Remove an evaluation with its history and tickets; NotFound if it is gone."""
        with self.engine.begin() as conn:
            conn.execute(delete(ticket_sets).where(ticket_sets.c.evaluation_id == evaluation_id))
            conn.execute(delete(revisions).where(revisions.c.evaluation_id == evaluation_id))
            gone = conn.execute(delete(evaluations).where(evaluations.c.id == evaluation_id))
            if gone.rowcount != 1:
                raise NotFound(f"There is no evaluation with id {evaluation_id}.")

    def seed_once(self, make: Callable[[], Evaluation], summary: str = "Created") -> Stored | None:
        """On the very first start with an empty database, add what `make` returns.

        Runs once per database: a user who later deletes every evaluation gets an empty list,
        not the demo back. Returns the evaluation added, if any.
        """
        try:
            with self.engine.begin() as conn:
                seeded = conn.execute(select(settings.c.value).where(settings.c.key == "seeded"))
                if seeded.first() is not None:
                    return None
                conn.execute(
                    insert(settings).values(key="seeded", value=datetime.now(UTC).isoformat())
                )
                if conn.execute(select(func.count()).select_from(evaluations)).scalar_one():
                    return None
        except IntegrityError:  # another process seeded at the same moment
            return None
        return self.create(make(), summary=(summary,))

    # Helpers ---------------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(itexit_read_only=True) as conn:
            yield conn

    def _name_change(self, conn: Connection, evaluation_id: int, name: str) -> dict[str, str]:
        """The columns to update if the save renames the evaluation (checked first), else none:
        a name kept as it is is never checked again, so a name stored under older rules (or
        one of two names only today's rule finds equal) never blocks a save."""
        from itexit.types import name_key

        stored = conn.execute(
            select(evaluations.c.name).where(evaluations.c.id == evaluation_id)
        ).scalar_one_or_none()
        if stored is None or stored == name:
            return {}
        self._refuse_taken_name(conn, name, evaluation_id)
        return {"name": name, "name_key": name_key(name)}

    @staticmethod
    def _refuse_taken_name(conn: Connection, name: str, evaluation_id: int | None) -> None:
        from itexit.input import InvalidInput, clean_name
        from itexit.types import name_key

        clean_name(name, "evaluation name")
        taken = conn.execute(
            select(evaluations.c.id, evaluations.c.name).where(
                evaluations.c.name_key == name_key(name)
            )
        ).one_or_none()
        if taken is not None and taken.id != evaluation_id:
            raise InvalidInput(
                f"An evaluation called '{taken.name}' already exists (names are compared "
                "ignoring case). Choose another name."
            )


_CONFLICT = (
    "Someone else changed this evaluation after you opened it, so your change was not saved. "
    "Reload to see their version, then make your change again."
)


def parse_body(body: str, version: int | None = None) -> Evaluation:
    """The evaluation in a stored body of format `version` (default: the current one).

    An older body is upgraded step by step first; one newer than this code is refused.
    Loading skips the input rules (see `itexit.types.STORED`): a rule made stricter later
    never makes a saved revision unreadable.
    """
    from pydantic import ValidationError

    from itexit.evaluation import Evaluation
    from itexit.input import InvalidInput, describe
    from itexit.types import STORED

    version = BODY_VERSION if version is None else version
    if version > BODY_VERSION:
        raise InvalidInput(
            f"This evaluation was saved by a newer ITexit (body format {version}; this one reads "
            f"up to {BODY_VERSION}); install that version or newer to open it."
        )
    if version < BODY_VERSION:
        body = json.dumps(upgrade_body(json.loads(body), version))
    try:
        return Evaluation.model_validate_json(body, context=STORED)
    except ValidationError as exc:
        raise InvalidInput(describe(exc)) from None


def upgrade_body(body: dict[str, Any], version: int) -> dict[str, Any]:
    """A parsed body of format `version` brought to BODY_VERSION by the steps in BODY_UPGRADES."""
    for step in range(version, BODY_VERSION):
        body = BODY_UPGRADES[step](body)
    return body


def _sqlite_file(url: str) -> Path | None:
    """The file of an SQLite database URL (a plain path or a `file:` URI); None otherwise."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):  # an SQLite URI filename (uri=true)
        database = database.removeprefix("file:").split("?")[0]
    return Path(database)


def _evaluation_id(reference: str) -> int | None:
    """The id a reference spells, if it is a whole number an id column can hold."""
    if re.fullmatch("[0-9]{1,10}", reference) and int(reference) < 2**31:
        return int(reference)
    return None


def _schema_revisions(engine: Engine) -> list[str]:
    """The schema revisions the database says it has; none before its first upgrade."""
    with engine.connect().execution_options(itexit_read_only=True) as conn:
        try:
            return list(conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
        except (OperationalError, ProgrammingError):  # no such table
            return []


_AUTHOR: ContextVar[str | None] = ContextVar("itexit_author", default=None)


@contextmanager
def saved_by(author: str | None) -> Iterator[None]:
    """Within this block (in this thread), saves that name no author are recorded as `author`:
    the app wraps each page run in it, so every save a page makes, whichever way, records the
    signed-in person."""
    token = _AUTHOR.set(author)
    try:
        yield
    finally:
        _AUTHOR.reset(token)


def local_author() -> str:
    """Who saves from this computer when nobody is signed in: the operating-system user."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment or database
        return "unknown user"


def _written(
    evaluation: Evaluation, now: datetime, author: str | None, summary: Sequence[str]
) -> dict[str, Any]:
    """The columns of a new revision, apart from its evaluation and number."""
    return {
        "saved_at": now,
        "body": evaluation.model_dump_json(),
        "body_version": BODY_VERSION,
        "author": author or _AUTHOR.get() or local_author(),
        "summary": json.dumps(list(summary), ensure_ascii=False),
    }


def _series(evaluation: Evaluation) -> str | None:
    return evaluation.review.series if evaluation.review is not None else None


def _replace_tickets(conn: Connection, evaluation_id: int, body: bytes, now: datetime) -> None:
    conn.execute(delete(ticket_sets).where(ticket_sets.c.evaluation_id == evaluation_id))
    conn.execute(insert(ticket_sets).values(evaluation_id=evaluation_id, saved_at=now, body=body))


def _summary(row: Any) -> Summary:
    return Summary(
        id=row["id"],
        name=row["name"],
        revision=row["revision"],
        provider_count=row["provider_count"],
        updated_at=_utc(row["updated_at"]),
    )


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we write is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_BUSY_SECONDS = 30
"""How long an SQLite connection waits for another one's lock before it gives up."""


def _switch_to_wal(cursor: Any) -> None:
    """Put the SQLite file in WAL mode (a setting of the file, kept once made).

    While another connection switches a new file at the same moment, SQLite answers
    "database is locked" at once, without waiting for the busy timeout (two servers, or
    threads, opening a new database together); so try again, for as long as the timeout.
    """
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def engine_for(url: str) -> Engine:
    """An engine for the database at `url`; on SQLite, set up so concurrent saves never lose
    an update (the write lock is taken at BEGIN; reads never wait, thanks to WAL)."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    path = _sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)

    # SQLAlchemy's pysqlite recipe: take over transaction control from the driver, and take the
    # write lock at BEGIN, so concurrent read-modify-write cycles serialise instead of losing
    # updates. Plain reads begin deferred, so they never wait for a writer (WAL).
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_SECONDS * 1000}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get("itexit_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
