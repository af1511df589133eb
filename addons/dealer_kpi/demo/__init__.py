"""The demo store's year of after-sales activity, built when the addon is installed with demo
data (``demo/dealer_kpi_demo.xml`` calls it); kept apart from the models."""

from . import dealer_kpi_demo
