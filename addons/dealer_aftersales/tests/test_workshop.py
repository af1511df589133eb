from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import DealerRepairCase


@tagged("post_install", "-at_install")
class TestWorkshop(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "dealer_aftersales.dealer_aftersales_group_"
        cls.tech_user = new_test_user(cls.env, login="ws_tech", groups=f"base.group_user,{group}technician")
        cls.foreman_user = new_test_user(cls.env, login="ws_foreman", groups=f"base.group_user,{group}technician")
        cls.tech = cls.env["hr.employee"].create(
            {"name": "刘建军", "user_id": cls.tech_user.id, "dealer_is_technician": True}
        )
        cls.foreman = cls.env["hr.employee"].create({"name": "陈工长", "user_id": cls.foreman_user.id})

    def test_clocking_totals(self):
        repair = self._order(labor=[(self.oil_change, None, "customer"), (self.brake_job, None, "customer")])
        repair.action_validate()
        oil, brake = repair.labor_line_ids.with_user(self.tech_user)
        with freeze_time("2030-06-03 01:00:00"):
            oil.action_start()
        self.assertEqual(repair.state, "under_repair", "the first clock-in starts the repair")
        with freeze_time("2030-06-03 01:20:00"), self.assertRaises(UserError) as caught:
            brake.action_start()
        self.assertIn("already working on", str(caught.exception))
        with freeze_time("2030-06-03 01:30:00"):
            oil.action_pause()
        with freeze_time("2030-06-03 01:40:00"):
            brake.action_start()
        with freeze_time("2030-06-03 03:10:00"):
            brake.action_finish()
        with freeze_time("2030-06-03 03:10:00"):
            oil.action_start()
        with freeze_time("2030-06-03 03:25:00"):
            oil.action_finish()
        # Oil change: 30 + 15 minutes against 0.5 h sold; brakes: 1.5 h against 1.2 h.
        self.assertEqual((oil.clocked_hours, brake.clocked_hours), (0.75, 1.5))
        self.assertEqual(repair.clocked_hours, 2.25)
        self.assertEqual(repair.labor_hours, 1.7)
        self.assertEqual(oil.technician_ids, self.tech)
        self.assertEqual(len(oil.clock_ids), 2)
        with self.assertRaises(UserError):
            oil.action_finish()

    def test_only_technicians_clock(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")])
        repair.action_validate()
        advisor = new_test_user(
            self.env, login="ws_sa", groups="base.group_user,dealer_aftersales.dealer_aftersales_group_user"
        )
        with self.assertRaises(UserError) as caught:
            repair.labor_line_ids.with_user(advisor).action_start()
        self.assertIn("Only technicians", str(caught.exception))
        self.assertFalse(repair.labor_line_ids.clock_ids)

    def test_final_inspection_and_reinspection(self):
        repair = self._order(labor=[(self.oil_change, None, "customer")])
        repair.action_validate()
        repair.labor_line_ids.with_user(self.tech_user).action_start()
        repair.labor_line_ids.with_user(self.tech_user).action_finish()
        with self.assertRaises(UserError):
            repair.with_user(self.foreman_user).action_qc_pass()  # not done yet
        repair.action_repair_end()
        with self.assertRaises(UserError) as caught:
            repair.with_user(self.tech_user).action_qc_pass()
        self.assertIn("another person inspects it", str(caught.exception))
        repair.with_user(self.foreman_user).action_qc_fail()
        self.assertEqual((repair.qc_state, repair.qc_attempts), ("failed", 1))
        repair.with_user(self.foreman_user).action_qc_pass()
        self.assertEqual((repair.qc_state, repair.qc_attempts, repair.qc_first_pass), ("passed", 2, False))
        # The customer hears the car is ready.
        ready = repair.message_ids.filtered(lambda m: self.owner in m.partner_ids)
        self.assertEqual(len(ready), 1)
        self.assertIn("ready for collection", ready.body)

    def test_multipoint_inspection_from_checklist(self):
        repair = self._order(service_type="maintenance")
        repair.action_validate()
        action = repair.action_multipoint_inspection()
        inspection = self.env["dealer.repair.inspection"].browse(action["res_id"])
        template = self.env.ref("dealer_aftersales.inspection_template_maintenance")
        self.assertEqual(inspection.kind, "multipoint")
        self.assertEqual(inspection.line_ids.mapped("name"), template.item_ids.mapped("name"))
        self.assertEqual(len(inspection.line_ids), 16)

    @freeze_time("2030-06-03 08:00:00")
    def test_delivery_schedules_follow_up_call(self):
        advisor = new_test_user(
            self.env, login="ws_sa2", groups="base.group_user,dealer_aftersales.dealer_aftersales_group_user"
        )
        repair = self._finish(self._order(labor=[(self.oil_change, None, "customer")], user_id=advisor.id))
        repair.action_qc_pass()
        repair.action_dealer_deliver()
        self.assertEqual(repair.delivery_time, datetime(2030, 6, 3, 8, 0))
        call = repair.activity_ids
        self.assertEqual(call.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(call.user_id, advisor)
        self.assertEqual(str(call.date_deadline), "2030-06-06")

    def test_delivery_sends_satisfaction_survey(self):
        survey = self.env["survey.survey"].create(
            {"title": "CSI", "access_mode": "token", "scoring_type": "scoring_without_answers"}
        )
        question = self.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "title": "How satisfied are you?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    (0, 0, {"value": "Very", "answer_score": 10}),
                    (0, 0, {"value": "Fairly", "answer_score": 8}),
                    (0, 0, {"value": "Not", "answer_score": 0}),
                ],
            }
        )
        self.company.dealer_csi_survey_id = survey
        repair = self._finish(self._order(labor=[(self.oil_change, None, "customer")]))
        repair.action_qc_pass()
        repair.action_dealer_deliver()
        answer = repair.survey_input_ids
        self.assertEqual((len(answer), answer.partner_id, answer.state), (1, self.owner, "new"))
        invitation = repair.message_ids.filtered(lambda m: "survey" in (m.body or ""))
        self.assertIn(answer.access_token, invitation.body)
        # The customer answers "Fairly": 8 of 10 points.
        answer._save_lines(question, question.suggested_answer_ids[1].id)
        answer._mark_done()
        self.assertEqual((answer.state, answer.scoring_percentage), ("done", 80.0))
