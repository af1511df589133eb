from odoo import fields, models


class DealerGoliveImportError(models.Model):
    _name = "dealer.golive.import.error"
    _description = "Go-Live Import Problem"
    _order = "import_id, sequence, id"

    import_id = fields.Many2one("dealer.golive.import", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="import_id.company_id", store=True, index=True)
    sequence = fields.Integer()
    sheet = fields.Char()
    row = fields.Integer()
    column = fields.Char()
    value = fields.Char()
    message = fields.Char(required=True)
    blocking = fields.Boolean(default=True, help="A blocking problem stops the import; the others are warnings.")
