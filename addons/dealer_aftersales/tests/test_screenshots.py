"""The main screens and printed documents of each role, opened in Chromium in Chinese on the demo
store by the role's demo login (README, "Who does what"): every one renders (no error dialog,
its content and title present) and is photographed. ``make screenshots`` copies the pictures
into docs/screenshots (docs/screenshots.md shows them by role); the store manager's are in
dealer_kpi."""

from odoo.tests import HttpCase, tagged

from .screens import Screenshots

ACTION = "/odoo/action-dealer_aftersales."
# role: (its demo login, [(name, url, what must be on the page once it is ready, a text it shows)])
SCREENS = {
    "advisor": (
        "advisor",
        [
            ("advisor_home", "/odoo", ".o_list_view .o_data_row", "今日接待"),
            ("repair_order", ACTION + "repair_order_action_dealer/{repair}", ".o_form_view .o_notebook", "工时"),
            ("repair_orders", ACTION + "repair_order_action_dealer", ".o_list_view .o_data_row", "维修工单"),
            ("appointments", ACTION + "dealer_appointment_action", ".o_calendar_view .fc-view", "预约"),
            ("vehicles", ACTION + "dealer_vehicle_action", ".o_kanban_record, .o_data_row", "客户车辆"),
            ("vehicle_history", ACTION + "dealer_vehicle_action/{vehicle}", ".o_form_view .o_notebook", "维修履历"),
            (
                "settlement_statement",
                "/report/html/dealer_aftersales.report_settlement/{repair}",
                ".page h2",
                "机动车维修结算清单",
            ),
        ],
    ),
    "technician": (
        "technician",
        [
            ("workshop_board", "/odoo", ".o_kanban_view .o_kanban_record", "车间看板"),
            ("workshop_tablet", ACTION + "dealer_repair_labor_action_tablet", ".o_dealer_workshop_tablet", "粤A"),
            ("workshop_tv", ACTION + "dealer_repair_labor_action_tv", ".o_dealer_workshop_tv .o_kanban_record", "粤A"),
            ("work_order", "/report/html/dealer_aftersales.report_work_order/{repair}", ".page h2", "派工单"),
        ],
    ),
    "parts": (
        "parts",
        [
            ("parts_desk", "/odoo", ".o_list_view .o_data_row", "配件工作台"),
            (
                "parts_aging",
                ACTION + "dealer_parts_aging_report_action",
                ".o_pivot, .o_graph_renderer, .o_data_row",
                "库龄",
            ),
        ],
    ),
    "accountant": (
        "accountant",
        [
            ("orders_to_invoice", "/odoo", ".o_list_view .o_data_row", "待开票工单"),
            ("claims", ACTION + "dealer_insurance_claim_action", ".o_data_row, .o_kanban_record", "保险理赔"),
            ("claim_file", "/report/html/dealer_aftersales.report_claim_file/{claim}", ".page h2", "理赔资料"),
            ("receivables_aging", ACTION + "dealer_receivable_aging_report_action", ".o_pivot, .o_data_row", "账龄"),
        ],
    ),
    "customer": (
        "customer",
        [
            ("portal_vehicles", "/my/vehicles", "table, .o_portal_my_doc_table, .o_portal_wrap", "粤A"),
            ("portal_repairs", "/my/repairs", "table", "待质检"),
        ],
    ),
}


@tagged("post_install", "-at_install")
class TestScreenshots(Screenshots, HttpCase):
    def test_main_screens_and_documents(self):
        store = self.env.ref("base.main_company")
        repair = self.env["repair.order"].search(
            [("company_id", "=", store.id), ("state", "=", "done"), ("labor_line_ids", "!=", False)],
            order="id desc",
            limit=1,
        )
        claim = self.env["dealer.insurance.claim"].search(
            [("company_id", "=", store.id), ("state", "in", ("invoiced", "partly_settled", "settled"))], limit=1
        )
        self.assertTrue(repair and claim, "the demo store has a finished order and an invoiced claim")
        for role, (login, screens) in SCREENS.items():
            for name, url, selector, text in screens:
                with self.subTest(role=role, screen=name):
                    self._shoot(
                        name,
                        url.format(repair=repair.id, claim=claim.id, vehicle=repair.vehicle_id.id),
                        selector,
                        text,
                        login=login,
                    )
