"""The workbook of templates the go-live wizard hands out: an instructions sheet, then one sheet
per kind with the Chinese column titles (the English ones are accepted too) and an example row."""

import io


def template_workbook(env):
    import openpyxl
    from openpyxl.styles import Font

    from . import KINDS

    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "说明"
    notes.append(
        [env._("Go-live templates: fill one sheet per kind, keep the column titles, delete the example rows.")]
    )
    notes.append(
        [env._("Dates as 2024-03-05; amounts in yuan without a currency sign; one row per receipt of a part.")]
    )
    notes.append([env._("Check the file in the go-live wizard first: nothing is imported while a row is wrong.")])
    for kind in KINDS:
        sheet = workbook.create_sheet(kind.sheet_names[0])
        sheet.append([titles[0] for titles in kind.columns.values()])
        sheet.append([kind.example.get(key, "") for key in kind.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
