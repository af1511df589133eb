"""The everyday screens cost the same number of queries whatever the number of records: each
screen is read as the web client reads it (its view's fields, as the service advisor), once
with a few records and again with many more, and the second read is pinned to the first's
query count."""

from lxml import etree

from odoo import Command
from odoo.tests import new_test_user, tagged

from .access import ROLES
from .common import DealerRepairCase, make_vin


def view_spec(Model, node):
    """The web client's read specification of the fields of a view (``node``: its root), the
    fields of x2many sub-views included."""
    spec = {}

    def walk(element):
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag != "field":
                walk(child)
                continue
            name = child.get("name")
            field = Model._fields.get(name)
            if field is None:
                continue
            if field.type == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif field.type in ("one2many", "many2many"):
                sub = next((view for view in child if view.tag in ("list", "kanban")), None)
                comodel = Model.env[field.comodel_name]
                spec[name] = {"fields": view_spec(comodel, sub) if sub is not None else {"display_name": {}}}
            else:
                spec[name] = {}

    walk(node)
    return spec


@tagged("post_install", "-at_install", "is_query_count")
class TestQueryCounts(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="queries_advisor",
            groups=ROLES["Service Advisor"],
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.serial = 500

    def _spec(self, model, view_type):
        Model = self.env[model].with_user(self.advisor)
        arch = Model.get_views([(False, view_type)])["views"][view_type]["arch"]
        return view_spec(Model, etree.fromstring(arch))

    def _more_orders(self, count):
        for _index in range(count):
            type(self).serial += 1
            vehicle = self._vehicle(make_vin(self.serial), license_plate=f"粤A·Q{self.serial}")
            repair = self._order(
                labor=[(self.oil_change, None, "customer"), (self.brake_job, None, "insurance")],
                parts=[(self.oil_filter, 1, "customer"), (self.brake_pads, 1, "insurance")],
                vehicle_id=vehicle.id,
            )
            repair.action_validate()

    def _queries(self, call):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        call()
        return self.env.cr.sql_log_count - before

    def _assert_flat(self, call, grow):
        """``call`` after ``grow()`` costs the queries it cost before."""
        call()  # warm the caches of views, rules and translations
        queries = self._queries(call)
        grow()
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            call()

    def test_repair_order_list(self):
        self._more_orders(2)
        Repair = self.env["repair.order"].with_user(self.advisor)
        spec = self._spec("repair.order", "list")
        self.assertIn("license_plate", spec)
        self._assert_flat(lambda: Repair.web_search_read([], spec, limit=80), lambda: self._more_orders(12))

    def test_repair_order_form_with_many_lines(self):
        self._more_orders(1)
        repair = self.env["repair.order"].search([], order="id desc", limit=1).with_user(self.advisor)
        spec = self._spec("repair.order", "form")
        self.assertIn("labor_line_ids", spec)

        def more_lines():
            repair.sudo().write(
                {
                    "labor_line_ids": [
                        Command.create({"name": f"附加工时 {index}", "hours": 0.5, "pay_type": "customer"})
                        for index in range(10)
                    ]
                }
            )

        self._assert_flat(lambda: repair.web_read(spec), more_lines)

    def test_vehicle_list_and_workshop_board(self):
        self._more_orders(2)
        vehicles = self.env["dealer.vehicle"].with_user(self.advisor)
        labor = self.env["dealer.repair.labor"].with_user(self.advisor)
        vehicle_spec = self._spec("dealer.vehicle", "list")
        board_spec = self._spec("dealer.repair.labor", "kanban")
        self._assert_flat(
            lambda: (
                vehicles.web_search_read([], vehicle_spec, limit=80),
                labor.web_search_read([], board_spec, limit=80),
            ),
            lambda: self._more_orders(10),
        )
