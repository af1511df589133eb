"""The VIN rule of dealer_aftersales, applied to a row (brand-aware where the base knows brands)."""

import inspect

from odoo.addons.dealer_aftersales.models.dealer_vehicle import normalize_vin


def vin_error(env, vin, brand=None):
    """The reason ``vin`` is refused, in the user's language, or None."""
    Vehicle = env["dealer.vehicle"]
    if brand is not None and "brand" in inspect.signature(Vehicle._vin_error).parameters:
        return Vehicle._vin_error(vin, brand=brand)
    return Vehicle._vin_error(vin)


__all__ = ["normalize_vin", "vin_error"]
