"""Who owes or pays: customers, insurers and manufacturers named in the old system's files."""

from .base import name_key

PAYER_KINDS = {
    "customer": ("客户", "Customer", "个人", "单位客户"),
    "insurer": ("保险公司", "Insurer", "保险"),
    "manufacturer": ("厂家", "Manufacturer", "主机厂", "厂家索赔"),
}


def insurers(env, company):
    """{folded name: insurer} of the store (the shared ones too)."""
    found = env["res.partner"].search([("dealer_is_insurer", "=", True), ("company_id", "in", [company.id, False])])
    result = {}
    for partner in found:
        result.setdefault(name_key(partner.name), partner)
        if partner.commercial_company_name:
            result.setdefault(name_key(partner.commercial_company_name), partner)
    return result


def manufacturers(env):
    """{folded name: partner} of the brands' warranty partners, by their name, the brand's and
    the brand's Chinese names."""
    from .customers import BRAND_ALIASES

    result = {}
    for brand in env["fleet.vehicle.model.brand"].search([("warranty_partner_id", "!=", False)]):
        for name in (brand.warranty_partner_id.name, brand.name, *BRAND_ALIASES.get(brand.name, ())):
            result.setdefault(name_key(name), brand.warranty_partner_id)
    return result
