"""The kinds of opening data a go-live import brings in, in the order they are applied (a
vehicle before its history, a customer before their open invoices)."""

from .base import Kind
from .claims import OpenClaims
from .context import Context
from .customers import CustomersVehicles
from .history import ServiceHistory
from .parts import PartsOnHand
from .policies import InsurancePolicies
from .receivables import OpenReceivables
from .template import template_workbook
from .vehicles import VehiclesForSale
from .warranty import OpenWarrantyClaims

KINDS = (
    PartsOnHand,
    VehiclesForSale,
    CustomersVehicles,
    ServiceHistory,
    OpenReceivables,
    InsurancePolicies,
    OpenClaims,
    OpenWarrantyClaims,
)

__all__ = ["KINDS", "Context", "Kind", "template_workbook"]
