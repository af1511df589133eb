"""The main screens and printed documents, opened in Chromium in Chinese on the demo store as
each role sees them: every one renders (no error dialog, its content and title present) and is
photographed. ``make screenshots`` copies the pictures into docs/screenshots."""

from odoo.tests import HttpCase, tagged

from .screens import Screenshots

# name: (url, what must be on the page once it is ready, a text it shows in Chinese)
SCREENS = {
    "vehicles": ("/odoo/action-dealer_aftersales.dealer_vehicle_action", ".o_kanban_record, .o_data_row", "客户车辆"),
    "repair_order": (
        "/odoo/action-dealer_aftersales.repair_order_action_dealer/{repair}",
        ".o_form_view .o_notebook",
        "工时",
    ),
    "workshop_board": ("/odoo/action-dealer_aftersales.dealer_repair_labor_action_board", ".o_kanban_view", "车间看板"),
    "appointments": ("/odoo/action-dealer_aftersales.dealer_appointment_action", ".o_calendar_view .fc-view", "预约"),
    "claims": (
        "/odoo/action-dealer_aftersales.dealer_insurance_claim_action",
        ".o_data_row, .o_kanban_record",
        "保险理赔",
    ),
    "parts_aging": (
        "/odoo/action-dealer_aftersales.dealer_parts_aging_report_action",
        ".o_pivot, .o_graph_renderer, .o_data_row",
        "库龄",
    ),
    "vehicle_history": (
        "/odoo/action-dealer_aftersales.dealer_vehicle_action/{vehicle}",
        ".o_form_view .o_notebook",
        "维修履历",
    ),
    "work_order": ("/report/html/dealer_aftersales.report_work_order/{repair}", ".page h2", "派工单"),
    "settlement_statement": (
        "/report/html/dealer_aftersales.report_settlement/{repair}",
        ".page h2",
        "机动车维修结算清单",
    ),
    "claim_file": ("/report/html/dealer_aftersales.report_claim_file/{claim}", ".page h2", "理赔资料"),
    "portal_vehicles": ("/my/vehicles", "table, .o_portal_my_doc_table, .o_portal_wrap", "粤A"),
}


@tagged("post_install", "-at_install")
class TestScreenshots(Screenshots, HttpCase):
    def test_main_screens_and_documents(self):
        self.env.ref("base.user_admin").write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        repair = self.env["repair.order"].search(
            [
                ("company_id", "=", self.env.ref("base.main_company").id),
                ("state", "=", "done"),
                ("labor_line_ids", "!=", False),
            ],
            order="id desc",
            limit=1,
        )
        claim = self.env["dealer.insurance.claim"].search(
            [("state", "in", ("invoiced", "partly_settled", "settled"))], limit=1
        )
        self.assertTrue(repair and claim, "the demo store has a finished order and an invoiced claim")
        for name, (url, selector, text) in SCREENS.items():
            with self.subTest(screen=name):
                self._shoot(
                    name, url.format(repair=repair.id, claim=claim.id, vehicle=repair.vehicle_id.id), selector, text
                )
