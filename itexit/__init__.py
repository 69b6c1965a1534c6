"""ITexit: leave a failing managed IT services provider, with evidence, and pick a better one.

The package is the domain: `evaluation` (the aggregate), the shared ground (`types`, `input`,
`words`, `style`, `checklist`), one package per area (`compare`, `decide`, `cost`, `service`,
`exit`, and `diligence`), the files (`export`, and `workbook` for the comparison as an Excel
workbook), persistence (`store`), the command line (`cli`) and `ui`, the one module that knows
Streamlit. Import what you need from its module.
"""

__all__: list[str] = []
