"""The questionnaire workbook: made for one candidate of one evaluation, filled in by the
candidate in Excel or LibreOffice Calc, and read back, refusing any file that is not the one
made or that was changed where it must not be (docs/formats.md, "The questionnaire workbook").

The workbook carries, on a hidden sheet, what it was made for: the evaluation (its id in the
store), the candidate, and a hash of each criterion's and question's wording, so reading it
back can tell a file made for someone else, a checklist that changed since, and a question
cell the candidate edited. Locking the question cells guards against accidents, not against
someone set on changing them: the hashes catch that.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from itexit.checklist import Criterion
from itexit.diligence import Question, due_diligence_topics
from itexit.export import printable
from itexit.input import InvalidInput
from itexit.types import NOT_APPLICABLE, NOTE_MAX, UNKNOWN
from itexit.words import long_date, plural

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from itexit.evaluation import Evaluation

__all__ = [
    "ANSWER_CHOICES",
    "DUE_DAYS",
    "EVIDENCE_MAX",
    "FORMAT",
    "FORMAT_VERSION",
    "LINK_MAX",
    "MAX_BYTES",
    "XLSX_MIME",
    "Claim",
    "Reply",
    "Returned",
    "checklist_hash",
    "make_questionnaire",
    "read_questionnaire",
    "wording_hash",
]

FORMAT = "itexit-questionnaire"
FORMAT_VERSION = 1
"""The version written; the reader refuses any other."""
MAX_BYTES = 10 * 1024 * 1024
"""The largest file read back: 10 MB (a filled questionnaire is about 20 kB)."""
_MAX_UNPACKED = 50 * 1024 * 1024
"""The most a file may unpack to: a small file that unpacks to gigabytes is refused."""
EVIDENCE_MAX = 1500
LINK_MAX = 400
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DUE_DAYS = 14
"""A questionnaire asks for its answers this many days after it was made, unless told."""
ANSWER_CHOICES = ("0", "1", "2", "3", "4", "5", "don't know", "not applicable")
"""The answers the drop-down offers, in its order."""

QUESTIONS, DILIGENCE, INSTRUCTIONS, META = "Questions", "Due diligence", "Instructions", "itexit"
_HEADER_ROW = 4
_Q_COLUMNS = ("Ref", "Criterion", "Question", "0 means", "3 means", "5 means")
_Q_ANSWERS = ("Your answer", "Evidence", "Link to a document")
_D_COLUMNS = ("Ref", "Question", "Your answer")
_WIDTHS = {"A": 4, "B": 28, "C": 50, "D": 30, "E": 30, "F": 30, "G": 16, "H": 40, "I": 30}
_DONT_KNOW = frozenset({"don't know", "don’t know", "dont know", "unknown"})
_NOT_APPLICABLE = frozenset({"not applicable", "n/a", "na"})


@dataclass(frozen=True)
class Claim:
    """A candidate's answer on one criterion: its rating and what it says backs it."""

    criterion: str
    rating: int | Literal["unknown", "n/a"]
    evidence: str
    link: str


@dataclass(frozen=True)
class Reply:
    """A candidate's answer to one due-diligence question."""

    question: str
    text: str


@dataclass(frozen=True)
class Returned:
    """What a returned questionnaire holds, once read and checked."""

    provider: str
    """The id of the candidate it was made for."""
    reference: str
    """The questionnaire's own reference, made with it (`q-` and 8 hex digits)."""
    made: date
    claims: tuple[Claim, ...]
    """The criteria it answers that still read as they did when it was made."""
    replies: tuple[Reply, ...]
    differing: tuple[str, ...]
    """One sentence per criterion or question that changed since the file was made (its
    answer is left out; the others are still offered)."""


# Wording, as the file holds it ---------------------------------------------------------------


def _text(value: str) -> str:
    """Text as a workbook can hold it and reads back after Excel or Calc saved it: no control
    characters but line breaks, which are kept as single line feeds."""
    from itexit.export import writable

    return writable(value.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")


def _digest(texts: Iterable[str]) -> str:
    joined = "\x1f".join(_text(t).strip() for t in texts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def _criterion_texts(criterion: Criterion) -> tuple[str, ...]:
    return (
        criterion.name,
        criterion.question,
        criterion.means_0,
        criterion.means_3,
        criterion.means_5,
    )


def wording_hash(item: Criterion | Question) -> str:
    """A short hash of what the candidate reads for a criterion or a question."""
    if isinstance(item, Criterion):
        return _digest(_criterion_texts(item))
    return _digest((item.question,))


def checklist_hash(evaluation: Evaluation) -> str:
    """A short hash of the evaluation's criteria: their ids and wording, in order."""
    return _digest(f"{c.id}\x1e{wording_hash(c)}" for c in evaluation.checklist.criteria)


# Making ----------------------------------------------------------------------------------------


def make_questionnaire(
    evaluation: Evaluation,
    evaluation_id: int,
    provider_id: str,
    *,
    made: date,
    due: date | None = None,
    asker: str | None = None,
) -> bytes:
    """The questionnaire workbook for one candidate (.xlsx): instructions, one row per criterion
    grouped by essential, the due-diligence questions, and the hidden record of what it was made
    for. `asker` names who asks (None: "the client"); nothing else of the evaluation is in it."""
    from openpyxl import Workbook

    provider = evaluation.provider(provider_id)
    book = Workbook()
    book.properties.creator = "ITexit"
    book.properties.title = f"Questionnaire for {_text(provider.name)}"
    _instructions(
        book.active, provider.name, asker or "the client", due or made + timedelta(DUE_DAYS)
    )
    _questions(book.create_sheet(QUESTIONS), evaluation)
    _diligence(book.create_sheet(DILIGENCE))
    _meta(book.create_sheet(META), evaluation, evaluation_id, provider_id, made)
    for sheet in book.worksheets[:-1]:
        printable(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(sheet: Worksheet, row: int, column: int, value: object, **style: Any) -> None:
    """A cell of text (always text, never a formula, whatever it starts with) or a number."""
    cell = sheet.cell(row=row, column=column)
    cell.value = _text(value) if isinstance(value, str) else value
    if isinstance(value, str):
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)


def _instructions(sheet: Worksheet, provider: str, asker: str, due: date) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = INSTRUCTIONS
    wrap = Alignment(wrap_text=True, vertical="top")
    lines = [
        (f"Questionnaire for {provider}", Font(bold=True, size=14)),
        (f"Asked by: {asker}", Font(bold=True)),
        (f"Please send it back by: {long_date(due)}", Font(bold=True)),
        ("", None),
        ("How to answer", Font(bold=True)),
        *((line, None) for line in _HOW_TO_ANSWER),
    ]
    for row, (line, font) in enumerate(lines, start=1):
        if line:
            _put(sheet, row, 1, line, alignment=wrap, **({"font": font} if font else {}))
    sheet.column_dimensions["A"].width = 110
    sheet.protection.sheet = True


_HOW_TO_ANSWER = (
    "1. On the sheet 'Questions', read each question and what a score of 0, 3 and 5 means. In "
    "'Your answer', pick the score that fits best from the drop-down: a whole number from 0 to "
    "5 (1, 2 and 4 sit between the descriptions), 'don't know', or 'not applicable'.",
    "2. In 'Evidence', say what backs your answer: a report, a test, a certificate, a client who "
    "can confirm it. In 'Link to a document', give the address of a document we can read, if "
    "you have one. Leave a row empty if you prefer not to answer it.",
    "3. On the sheet 'Due diligence', answer each question in your own words.",
    "4. Only the answer cells (shaded) can be changed. The questions are locked so that they "
    "are not changed by accident; please do not unlock them, and do not add, remove or move "
    "rows or sheets: the file is read back automatically.",
    "5. Save the file as an Excel workbook (.xlsx), under any name, and send it back. Excel and "
    "LibreOffice Calc both work.",
    "6. Your answers are taken as what you claim until we have seen proof, so evidence and "
    "links help your answers count.",
)


def _header(sheet: Worksheet, names: Sequence[str]) -> None:
    from openpyxl.styles import Font

    for column, name in enumerate(names, start=1):
        _put(sheet, _HEADER_ROW, column, name, font=Font(bold=True), fill=_fill("DDDDDD"))
    sheet.freeze_panes = f"B{_HEADER_ROW + 1}"
    sheet.column_dimensions["A"].hidden = True
    for letter, width in list(_WIDTHS.items())[: len(names)]:
        sheet.column_dimensions[letter].width = width


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", start_color=colour, end_color=colour)


def _questions(sheet: Worksheet, evaluation: Evaluation) -> None:
    from openpyxl.styles import Alignment, Font, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    _put(sheet, 1, 2, "Questions", font=Font(bold=True, size=14))
    _put(sheet, 2, 2, "Pick an answer in each shaded cell; see the sheet 'Instructions'.")
    _header(sheet, (*_Q_COLUMNS, *_Q_ANSWERS))
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(ANSWER_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Pick an answer",
        error="Pick 0 to 5, don't know, or not applicable from the list.",
    )
    sheet.add_data_validation(choices)
    wrap, open_cell = Alignment(wrap_text=True, vertical="top"), Protection(locked=False)
    row = _HEADER_ROW
    for essential in evaluation.checklist.essentials:
        row += 1
        _put(sheet, row, 2, essential.name, font=Font(bold=True), fill=_fill("EEEEEE"))
        _put(sheet, row, 3, essential.summary, alignment=wrap, fill=_fill("EEEEEE"))
        for criterion in essential.criteria:
            row += 1
            _put(sheet, row, 1, criterion.id)
            for column, text in enumerate(_criterion_texts(criterion), start=2):
                _put(sheet, row, column, text, alignment=wrap)
            for column in (7, 8, 9):
                cell = sheet.cell(row=row, column=column)
                cell.protection, cell.alignment, cell.fill = open_cell, wrap, _fill("FFF2CC")
            choices.add(f"G{row}")
    sheet.protection.sheet = True


def _diligence(sheet: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font, Protection

    _put(sheet, 1, 2, "Due diligence", font=Font(bold=True, size=14))
    _put(sheet, 2, 2, "Answer each question in your own words in the shaded cell.")
    _header(sheet, _D_COLUMNS)
    sheet.column_dimensions["C"].width = 70
    wrap = Alignment(wrap_text=True, vertical="top")
    row = _HEADER_ROW
    for topic in due_diligence_topics():
        row += 1
        _put(sheet, row, 2, topic.name, font=Font(bold=True), fill=_fill("EEEEEE"))
        for question in topic.questions:
            row += 1
            _put(sheet, row, 1, question.id)
            _put(sheet, row, 2, question.question, alignment=wrap)
            cell = sheet.cell(row=row, column=3)
            cell.protection, cell.alignment = Protection(locked=False), wrap
            cell.fill = _fill("FFF2CC")
    sheet.protection.sheet = True


def _meta(
    sheet: Worksheet, evaluation: Evaluation, evaluation_id: int, provider_id: str, made: date
) -> None:
    rows: list[tuple[str, str]] = [
        ("format", FORMAT),
        ("version", str(FORMAT_VERSION)),
        ("evaluation", str(evaluation_id)),
        ("provider", provider_id),
        ("checklist", checklist_hash(evaluation)),
        ("made", made.isoformat()),
        ("reference", f"q-{secrets.token_hex(4)}"),
    ]
    rows += [(f"criterion:{c.id}", wording_hash(c)) for c in evaluation.checklist.criteria]
    rows += [
        (f"question:{q.id}", wording_hash(q)) for t in due_diligence_topics() for q in t.questions
    ]
    for row, (key, value) in enumerate(rows, start=1):
        _put(sheet, row, 1, key)
        _put(sheet, row, 2, value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


# Reading -----------------------------------------------------------------------------------------


def read_questionnaire(
    evaluation: Evaluation, evaluation_id: int, provider_id: str | None, data: bytes
) -> Returned:
    """The answers of a returned questionnaire, checked against the evaluation and candidate it
    must have been made for (None: the candidate it names, if still in the evaluation);
    InvalidInput, saying what is wrong, for a file that is not one."""
    book = _open(data)
    meta = _meta_of(book)
    provider_id = meta.get("provider", "") if provider_id is None else provider_id
    _refuse_another(evaluation, evaluation_id, provider_id, meta)
    claims, criteria_differ = _claims(book[QUESTIONS], evaluation, meta)
    replies, questions_differ = _replies(book[DILIGENCE], meta)
    return Returned(
        provider=provider_id,
        reference=meta.get("reference", ""),
        made=_day(meta.get("made")),
        claims=claims,
        replies=replies,
        differing=(*criteria_differ, *questions_differ),
    )


def _open(data: bytes) -> Any:
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; a questionnaire is read up to 10 MB "
            "(a filled one is about 20 kB). Send back the workbook ITexit made, without pictures "
            "or extra sheets."
        )
    not_a_workbook = InvalidInput(
        "This is not an Excel workbook (.xlsx). Open the questionnaire in Excel or LibreOffice "
        "Calc and save it as 'Excel workbook (.xlsx)', then read that file."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as packed:
            if sum(i.file_size for i in packed.infolist()) > _MAX_UNPACKED:
                raise InvalidInput(
                    "The file unpacks to more than 50 MB; it is not a questionnaire."
                )
        return load_workbook(io.BytesIO(data), data_only=True)
    except InvalidInput:
        raise
    except Exception:  # zipfile, XML and openpyxl each fail their own way on a stray file
        raise not_a_workbook from None


def _meta_of(book: Any) -> dict[str, str]:
    missing = [s for s in (QUESTIONS, DILIGENCE, META) if s not in book.sheetnames]
    if missing:
        raise InvalidInput(
            "This workbook is not a questionnaire made by ITexit (it has no sheet "
            f"{', '.join(repr(s) for s in missing)}). Make one on the Questionnaires page and "
            "send that."
        )
    meta: dict[str, str] = {}
    for key, value in book[META].iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(key, str):
            meta[key] = _cell_text(value)
    if meta.get("format") != FORMAT:
        raise InvalidInput("This workbook is not a questionnaire made by ITexit.")
    if meta.get("version") not in (str(FORMAT_VERSION), f"{FORMAT_VERSION}.0"):
        raise InvalidInput(
            f"This questionnaire has format version {meta.get('version')!r}; this ITexit reads "
            f"version {FORMAT_VERSION}. Read it with the ITexit that made it, or make a new one."
        )
    if not re.fullmatch(r"q-[0-9a-f]{8}", meta.get("reference", "")):
        raise InvalidInput("This questionnaire's hidden record was changed; make a new one.")
    return meta


def _refuse_another(
    evaluation: Evaluation, evaluation_id: int, provider_id: str, meta: dict[str, str]
) -> None:
    if meta.get("evaluation") not in (str(evaluation_id), f"{evaluation_id}.0"):
        raise InvalidInput(
            "This questionnaire was made for another evaluation, so nothing was read. Open the "
            "evaluation it was made for, or send this candidate a questionnaire made here."
        )
    if meta.get("provider") != provider_id:
        made_for = next(
            (p.name for p in evaluation.providers if p.id == meta.get("provider")), None
        )
        chosen = evaluation.provider(provider_id).name
        raise InvalidInput(
            f"This questionnaire was made for {made_for}, not {chosen}; choose {made_for} "
            "to read it."
            if made_for
            else f"This questionnaire was made for a provider that is no longer in this "
            f"evaluation, not for {chosen}, so nothing was read."
        )
    if provider_id not in {p.id for p in evaluation.providers}:
        raise InvalidInput(
            "This questionnaire was made for a provider that is no longer in this evaluation, "
            "so nothing was read."
        )


def _cell_text(value: object) -> str:
    """A cell as text, whichever way the program that saved it wrote it: a whole number may
    come back as 3 or 3.0, a date as a date or as a serial number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _text(str(value)).strip()


def _day(value: str | None) -> date:
    """The day the file was made: ISO text, or a serial number if a spreadsheet turned it
    into a date (Excel counts days from 30 December 1899)."""
    text = value or ""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return date(1899, 12, 30) + timedelta(days=int(float(text)))
    except (ValueError, OverflowError):
        raise InvalidInput(
            "This questionnaire does not say when it was made (its hidden record was changed); "
            "make a new one."
        ) from None


def _rows(sheet: Any, width: int) -> Iterable[tuple[int, tuple[Any, ...]]]:
    for row, values in enumerate(
        sheet.iter_rows(min_row=_HEADER_ROW + 1, max_col=width, values_only=True),
        start=_HEADER_ROW + 1,
    ):
        if isinstance(values[0], str) and values[0]:
            yield row, values


def _claims(
    sheet: Any, evaluation: Evaluation, meta: dict[str, str]
) -> tuple[tuple[Claim, ...], list[str]]:
    current = {c.id: c for c in evaluation.checklist.criteria}
    problems, claims, seen = _Problems(QUESTIONS), [], {}
    for row, values in _rows(sheet, 9):
        criterion_id = str(values[0])
        recorded = meta.get(f"criterion:{criterion_id}")
        if recorded is None:
            problems.add(row, "A", "a row that ITexit did not make")
            continue
        seen[criterion_id] = _cell_text(values[1])
        if _digest(_cell_text(v) for v in values[1:6]) != recorded:
            problems.add(row, "B–F", f"the question '{_cell_text(values[1])}' was edited")
            continue
        claim = _claim(criterion_id, values[6:9], row, problems)
        wording = current.get(criterion_id)
        if claim is not None and wording is not None and wording_hash(wording) == recorded:
            claims.append(claim)
    problems.check()
    return tuple(claims), _criteria_differing(evaluation, meta, seen)


def _claim(criterion_id: str, cells: Sequence[Any], row: int, problems: _Problems) -> Claim | None:
    answer, evidence, link = (_cell_text(c) for c in cells)
    rating = _rating(cells[0])
    if rating is None:
        problems.add(row, "G", f"'{answer}' is not one of 0 to 5, don't know or not applicable")
        return None
    for text, limit, column in ((evidence, EVIDENCE_MAX, "H"), (link, LINK_MAX, "I")):
        if len(text) > limit:
            problems.add(row, column, f"holds {len(text):,} characters; at most {limit:,} are read")
    if rating == "" or len(evidence) > EVIDENCE_MAX or len(link) > LINK_MAX:
        return None  # not answered, or refused above
    return Claim(criterion_id, rating, evidence, link)


def _rating(value: object) -> int | Literal["unknown", "n/a", ""] | None:
    """An answer cell's rating; "" for an empty cell; None for what is not an answer."""
    if value is None:
        return ""
    if isinstance(value, bool | datetime | date):
        return None
    if isinstance(value, int | float):
        return int(value) if value in range(6) else None
    text = " ".join(str(value).split()).casefold()
    if not text:
        return ""
    if text in _DONT_KNOW:
        return UNKNOWN
    if text in _NOT_APPLICABLE:
        return NOT_APPLICABLE
    return int(text) if text in ANSWER_CHOICES[:6] else None


def _criteria_differing(
    evaluation: Evaluation, meta: dict[str, str], seen: dict[str, str]
) -> list[str]:
    if meta.get("checklist") == checklist_hash(evaluation):
        return []
    current = {c.id: c for c in evaluation.checklist.criteria}
    sentences = []
    for criterion_id in sorted(set(seen) - set(current)):
        sentences.append(
            f"{seen[criterion_id]}: removed from the checklist since the file was made"
        )
    for criterion_id, criterion in current.items():
        recorded = meta.get(f"criterion:{criterion_id}")
        if recorded is None:
            sentences.append(f"{criterion.name}: added since the file was made, so not asked")
        elif recorded != wording_hash(criterion):
            sentences.append(f"{criterion.name}: its wording changed since the file was made")
    return sentences


def _replies(sheet: Any, meta: dict[str, str]) -> tuple[tuple[Reply, ...], list[str]]:
    current = {q.id: q for t in due_diligence_topics() for q in t.questions}
    problems, replies, differing = _Problems(DILIGENCE), [], []
    for row, values in _rows(sheet, 3):
        question_id, shown, text = str(values[0]), _cell_text(values[1]), _cell_text(values[2])
        recorded = meta.get(f"question:{question_id}")
        if recorded is None:
            problems.add(row, "A", "a row that ITexit did not make")
        elif _digest((shown,)) != recorded:
            problems.add(row, "B", f"the question '{shown}' was edited")
        elif len(text) > NOTE_MAX:
            problems.add(row, "C", f"holds {len(text):,} characters; at most {NOTE_MAX:,} are read")
        elif question_id not in current or wording_hash(current[question_id]) != recorded:
            differing.append(f"{shown}: this question changed since the file was made")
        elif text:
            replies.append(Reply(question_id, text))
    problems.check()
    return tuple(replies), differing


class _Problems:
    """The cells of one sheet that stop a file being read, each named; all are told at once."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.found: list[str] = []

    def add(self, row: int, column: str, problem: str) -> None:
        """Note a problem in a cell (or cells) of a row."""
        self.found.append(
            f"{column}{row}: {problem}" if len(column) == 1 else f"row {row}: {problem}"
        )

    def check(self) -> None:
        """InvalidInput naming every problem noted (at most 10 of them), if there is any."""
        if not self.found:
            return
        shown = "; ".join(self.found[:10])
        more = f"; and {len(self.found) - 10} more" if len(self.found) > 10 else ""
        raise InvalidInput(
            f"Nothing was read: the sheet '{self.sheet}' has "
            f"{plural(len(self.found), 'problem')}: {shown}{more}. Ask the candidate to fix "
            "them, or fix them yourself, and read the file again."
        )
