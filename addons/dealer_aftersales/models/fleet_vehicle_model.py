from odoo import api, models

# Context key of the after-sales screens: a model reads "丰田 致炫" (brand, a space, model)
# there instead of fleet's "丰田/致炫". Fleet's own screens do not set it.
MODEL_DISPLAY_KEY = "dealer_model_display"


class FleetVehicleModel(models.Model):
    _inherit = "fleet.vehicle.model"

    @api.depends("name", "brand_id.name")
    @api.depends_context(MODEL_DISPLAY_KEY)
    def _compute_display_name(self):
        if not self.env.context.get(MODEL_DISPLAY_KEY):
            super()._compute_display_name()
            return
        for model in self:
            model.display_name = " ".join(part for part in (model.brand_id.name, model.name) if part)
