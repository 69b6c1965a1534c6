"""Questionnaires: the Excel workbook a candidate fills in itself, and reading its answers back.

- `workbook`: making the workbook for one candidate and reading a returned one (what it holds,
  every refusal of a bad file, the criteria that changed since it was made);
- `views`: what the Questionnaires page shows (each answer beside the current score) and
  accepting answers as the candidate's claimed scores. It builds on the evaluation aggregate,
  so this package's `__init__` does not import it.
"""

from itexit.questionnaire.workbook import (
    FORMAT,
    FORMAT_VERSION,
    MAX_BYTES,
    XLSX_MIME,
    Claim,
    Reply,
    Returned,
    checklist_hash,
    make_questionnaire,
    read_questionnaire,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_BYTES",
    "XLSX_MIME",
    "Claim",
    "Reply",
    "Returned",
    "checklist_hash",
    "make_questionnaire",
    "read_questionnaire",
]
