"""The KPIs of sections 3, 4 and 5 of the domain reference (output and profit, service quality and
workshop, customers) against figures worked out by hand.

A store of its own (with a chart of accounts, counting its days in Beijing time, UTC+8) works
through March 2026 the way a store does: appointments booked and arrived, repair orders opened,
clocked by technicians, inspected by the foreman, handed over, followed up by phone, surveyed;
technicians' attendance, staff costs and expenses posted. All times below are Beijing time.

Repair orders of March (customer 150, insurance 180, warranty 120, internal 80 an hour):

=====  ==========  ============================================  ==============================
order  vehicle     lines (untaxed; cost of parts)                what happens
=====  ==========  ============================================  ==============================
H      v_early     oil change 0.5 h customer                     in 1 March 07:30 (28 Feb in
                                                                 UTC); clocked, not finished
J      v_feb       brake job 1.2 h customer 180,                 in 26 February, promised 27 Feb,
                   brake pads 400 customer (cost 220)            done 2 March: late
A      car         oil change 0.5 h customer 75,                 from appointment 2 March 09:00;
                   oil filter 80 customer (cost 40)              on time, first-pass QC, called
B      v_body      body work 4 h insurance 720, paint 2 x 150    body bay; late done, QC failed
                   insurance (cost 2 x 60), brake pads 400       once, late hand-over, no call
                   insurance (cost 220)
C      v_warranty  ECU 2 h warranty 240, ECU 300 warranty        on time, not inspected, not
                   (cost 260)                                    handed over
D      v_other     oil change 0.5 h customer 75, car wash 1 h    other brand; internal lines
                   internal, oil filter internal                 left out; handed over on the
                                                                 minute promised, no call
F      v_new       PDI 1 h internal                              PDI: left out of everything
G      v_warranty  free check 0.5 h internal                     internal only: left out
E      car         noise check 1 h customer 150                  comeback of A; on time, called
K      v_later     oil change                                    cancelled
I      v_april     oil change                                    in 1 April 07:30 (31 March in
                                                                 UTC): April
=====  ==========  ============================================  ==============================
"""

import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.dealer_aftersales.tests.common import DealerRepairCase, make_vin

from .test_kpi_definition import REFERENCE_CODES

D = datetime.date

# The domain reference's sections 3 (output), 4 (quality) and 5 (market).
SECTION_3 = REFERENCE_CODES["output"]
SECTION_4 = REFERENCE_CODES["quality"]
SECTION_5 = REFERENCE_CODES["market"]
CODES = SECTION_3 + SECTION_4 + SECTION_5
MARCH = ("2026-03-01", "2026-03-31")


def march(day):
    return D(2026, 3, day)


def at(day, hour, minute=0):
    """``hour:minute`` Beijing time on ``day``, as the naive UTC datetime Odoo stores."""
    return datetime.datetime.combine(day, datetime.time(hour, minute)) - datetime.timedelta(hours=8)


class _KpiStoreFirst(TransactionCase):
    """Comes right after DealerVehicleCase in the MRO of the test class, so that the fixtures of
    DealerRepairCase (rates, parts in stock, vehicle, operations) are made in a store of their
    own: a company with a chart of accounts whose working calendar counts days in Beijing time.
    The database's demo store has repair orders and appointments of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"].create({"name": "广州店工作时间", "tz": "Asia/Shanghai"})
        cls.store = cls.env["res.company"].create(
            {"name": "广州测试丰田 4S 店 (KPI)", "resource_calendar_id": calendar.id}
        )
        calendar.company_id = cls.store
        cls.env.user.company_ids |= cls.store
        cls.env["account.chart.template"].try_loading("generic_coa", company=cls.store, install_demo=False)
        if not cls.store.account_fiscal_country_id:
            cls.store.account_fiscal_country_id = cls.env.ref("base.us")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.store.id], tz="Asia/Shanghai"))


@tagged("post_install", "-at_install", "is_query_count")
class TestKpiService(DealerRepairCase, _KpiStoreFirst):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert cls.company == cls.store
        cls.Engine = cls.env["dealer.kpi.engine"]
        # _order and _finish are instance helpers of DealerRepairCase: the month is entered once
        # for the class through an instance that is never run.
        desk = cls("setUp")
        cls._workshop()
        cls._history(desk)
        cls._march_work(desk)
        cls._follow_up()
        cls._attendance()
        cls._accounts()

    # -- the store --------------------------------------------------------------------------

    @classmethod
    def _workshop(cls):
        """3 bays in use (an archived one), 2 technicians and a foreman; a store holiday on
        Tuesday 10 March; the store is franchised for the fixtures' brand only."""
        cls.store.dealer_brand_ids = cls.brand
        Bay = cls.env["dealer.bay"]
        cls.quick_bay, cls.general_bay, cls.body_bay, _old_bay = Bay.create(
            [
                {"name": "快保 1", "bay_type": "quick"},
                {"name": "机修 1", "bay_type": "general"},
                {"name": "钣金 1", "bay_type": "body"},
                {"name": "旧洗车位", "bay_type": "wash", "active": False},
            ]
        )
        groups = "base.group_user,dealer_aftersales.dealer_aftersales_group_technician"

        def staff(login, name, technician):
            user = new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.store.id,
                company_ids=[Command.set(cls.store.ids)],
            )
            employee = cls.env["hr.employee"].create(
                {"name": name, "user_id": user.id, "dealer_is_technician": technician, "company_id": cls.store.id}
            )
            return user, employee

        cls.tech_a_user, cls.tech_a = staff("kpi_svc_tech_a", "技师甲", True)
        cls.tech_b_user, cls.tech_b = staff("kpi_svc_tech_b", "技师乙", True)
        cls.foreman_user, cls.foreman = staff("kpi_svc_foreman", "陈工长", False)
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "店休",
                "calendar_id": cls.store.resource_calendar_id.id,
                "date_from": at(D(2026, 3, 10), 0),
                "date_to": at(D(2026, 3, 10), 23, 59),
            }
        )
        # Paint and auxiliary materials (油漆辅料): 150 a tin, 60 at cost.
        paint_category = cls.env["product.category"].create({"name": "油漆辅料", "dealer_consumable": "paint"})
        cls.paint = cls.env["product.product"].create(
            {
                "name": "水性面漆",
                "is_storable": True,
                "categ_id": paint_category.id,
                "lst_price": 150,
                "standard_price": 60,
                "taxes_id": cls.vat13.ids,
            }
        )
        stock = cls.env["stock.warehouse"].search([("company_id", "=", cls.store.id)], limit=1).lot_stock_id
        cls.env["stock.quant"]._update_available_quantity(cls.paint, stock, 20)
        # The satisfaction survey: very 10 points (100 %), fairly 8 (80 %), not 0 (0 %).
        cls.survey = cls.env["survey.survey"].create(
            {"title": "售后满意度", "access_mode": "token", "scoring_type": "scoring_without_answers"}
        )
        cls.question = cls.env["survey.question"].create(
            {
                "survey_id": cls.survey.id,
                "title": "How satisfied are you?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    Command.create({"value": "Very", "answer_score": 10}),
                    Command.create({"value": "Fairly", "answer_score": 8}),
                    Command.create({"value": "Not", "answer_score": 0}),
                ],
            }
        )
        cls.store.dealer_csi_survey_id = cls.survey

    @classmethod
    def _history(cls, desk):
        """Vehicles and their visits before March (brand interval 6 months / 7 500 km, grace 30
        days, base window 12 months)."""
        other_brand = cls.env["fleet.vehicle.model.brand"].create(
            {"name": "Other Brand", "service_interval_months": 6, "service_interval_km": 10000}
        )
        other_model = cls.env["fleet.vehicle.model"].create({"name": "Other SUV", "brand_id": other_brand.id})
        vehicle = cls._vehicle
        cls.car = cls.vehicle
        cls.v_body = vehicle(make_vin(201), license_plate="粤A·20001")
        cls.v_warranty = vehicle(make_vin(202), license_plate="粤A·20002")
        cls.v_other = vehicle(make_vin(203), license_plate="粤A·20003", model_id=other_model.id)
        cls.v_time = vehicle(make_vin(204), license_plate="粤A·20004")
        # Sold 24 May 2025 (a reading of 0 km), 16 000 km on 20 November: 16 000 / 180 days.
        cls.v_km = vehicle(make_vin(205), license_plate="粤A·20005", sale_date=D(2025, 5, 24))
        cls.v_later = vehicle(make_vin(206), license_plate="粤A·20006")
        cls.v_lost_before = vehicle(make_vin(207), license_plate="粤A·20007")
        cls.v_old = vehicle(make_vin(208), license_plate="粤A·20008", service_interval_months=13)
        cls.v_new = vehicle(make_vin(209))
        cls.v_early = vehicle(make_vin(210), license_plate="粤A·20010")
        cls.v_april = vehicle(make_vin(211), license_plate="粤A·20011")
        cls.v_feb = vehicle(make_vin(212), license_plate="粤A·20012")
        for car, day, mileage in (
            (cls.car, D(2025, 10, 20), 10000),
            (cls.v_time, D(2025, 8, 15), 20000),
            (cls.v_km, D(2025, 11, 20), 16000),
            (cls.v_later, D(2025, 12, 10), 30000),
            (cls.v_lost_before, D(2025, 3, 5), 40000),
            (cls.v_old, D(2025, 1, 20), 50000),
        ):
            visit = desk._order(
                labor=[(cls.oil_change, None, "customer")],
                vehicle_id=car.id,
                mileage_in=mileage,
                checkin_time=at(day, 9),
            )
            with freeze_time(at(day, 11)):
                desk._finish(visit)
        # Appointments booked on 20 February: 2 March (arrives), 20 March (no-show), 23 March
        # (cancelled), 1 April (not due in March).
        Appointment = cls.env["dealer.appointment"]
        with freeze_time(at(D(2026, 2, 20), 10)):
            cls.ap_arrived, cls.ap_no_show, ap_cancelled, cls.ap_april = Appointment.create(
                [
                    {"vehicle_id": cls.car.id, "start": at(D(2026, 3, 2), 9)},
                    {"vehicle_id": cls.v_later.id, "start": at(D(2026, 3, 20), 10)},
                    {"vehicle_id": cls.v_body.id, "start": at(D(2026, 3, 23), 10)},
                    {"vehicle_id": cls.car.id, "start": at(D(2026, 4, 1), 9)},
                ]
            )
            ap_cancelled.action_cancel()
        # J: checked in 26 February, promised 27 February 17:00; 2 h clocked on the 27th.
        cls.ro_j = desk._order(
            labor=[(cls.brake_job, None, "customer")],
            parts=[(cls.brake_pads, 1, "customer")],
            vehicle_id=cls.v_feb.id,
            checkin_time=at(D(2026, 2, 26), 10),
            promised_completion_time=at(D(2026, 2, 27), 17),
        )
        cls.ro_j.action_validate()
        cls._clock(cls.ro_j.labor_line_ids, cls.tech_b_user, at(D(2026, 2, 27), 14), at(D(2026, 2, 27), 16))

    @classmethod
    def _march_work(cls, desk):
        # H: checked in on Sunday 1 March at 07:30 (23:30 UTC on 28 February).
        cls.ro_h = desk._order(
            labor=[(cls.oil_change, None, "customer")], vehicle_id=cls.v_early.id, checkin_time=at(march(1), 7, 30)
        )
        cls.ro_h.action_validate()
        # A: the appointment of 2 March 09:00 arrives at 08:50; promised for 10:00 (the
        # appointment's end) and to be handed over at 12:00.
        with freeze_time(at(march(2), 8, 50)):
            cls.ap_arrived.action_arrive()
        cls.ro_a = cls.ap_arrived.repair_id
        cls.ro_a.write(
            {
                "labor_line_ids": [Command.create({"operation_id": cls.oil_change.id, "pay_type": "customer"})],
                "move_ids": [
                    Command.create(
                        {
                            "product_id": cls.oil_filter.id,
                            "product_uom_qty": 1,
                            "repair_line_type": "add",
                            "dealer_pay_type": "customer",
                        }
                    )
                ],
                "complaint_ids": [Command.create({"name": "底盘异响", "symptom_id": cls.noise.id})],
                "promised_delivery_time": at(march(2), 12),
            }
        )
        cls.ro_a.action_validate()
        cls._clock(cls.ro_a.labor_line_ids, cls.tech_a_user, at(march(2), 9), at(march(2), 9, 45))
        cls._complete(cls.ro_a, at(march(2), 9, 50))
        cls._inspect(cls.ro_a, at(march(2), 10), "pass")
        cls._deliver(cls.ro_a, at(march(2), 11, 30))
        # J is finished on 2 March 11:00; H is clocked 14:00-14:30 and left unfinished.
        cls._complete(cls.ro_j, at(march(2), 11))
        cls._clock(cls.ro_h.labor_line_ids, cls.tech_a_user, at(march(2), 14), at(march(2), 14, 30))
        # B: accident work in the body bay, promised for 5 March 17:00 and handed over on 6 March
        # 12:00; clocked 10:00-15:00 on the 3rd, finished on the 6th 10:00, fails its first
        # final inspection, handed over at 16:00.
        cls.ro_b = desk._order(
            labor=[("钣金喷漆 右前翼子板", 4, "insurance")],
            parts=[(cls.paint, 2, "insurance"), (cls.brake_pads, 1, "insurance")],
            vehicle_id=cls.v_body.id,
            service_type="accident",
            bay_id=cls.body_bay.id,
            insurer_id=cls.insurer.id,
            checkin_time=at(march(3), 9),
            promised_completion_time=at(march(5), 17),
            promised_delivery_time=at(march(6), 12),
        )
        cls.ro_b.action_validate()
        cls._clock(cls.ro_b.labor_line_ids, cls.tech_b_user, at(march(3), 10), at(march(3), 15))
        # C: warranty, in 4 March 14:00, promised 18:00, done 17:00.
        cls.ro_c = desk._order(
            labor=[("更换发动机控制单元", 2, "warranty")],
            parts=[(cls.ecu, 1, "warranty")],
            vehicle_id=cls.v_warranty.id,
            service_type="warranty",
            checkin_time=at(march(4), 14),
            promised_completion_time=at(march(4), 18),
        )
        with freeze_time(at(march(4), 17)):
            desk._finish(cls.ro_c)
        # D: another brand; the car wash (clocked 13:00-14:00) and the oil filter are internal.
        cls.ro_d = desk._order(
            labor=[(cls.oil_change, None, "customer"), ("洗车", 1, "internal")],
            parts=[(cls.oil_filter, 1, "internal")],
            vehicle_id=cls.v_other.id,
            checkin_time=at(march(5), 10),
            promised_completion_time=at(march(5), 16),
            promised_delivery_time=at(march(5), 16),
        )
        cls.ro_d.action_validate()
        wash = cls.ro_d.labor_line_ids.filtered(lambda line: line.pay_type == "internal")
        cls._clock(wash, cls.tech_b_user, at(march(5), 13), at(march(5), 14))
        cls._complete(cls.ro_d, at(march(5), 15))
        cls._inspect(cls.ro_d, at(march(5), 15, 30), "pass")
        cls._deliver(cls.ro_d, at(march(5), 16))
        cls._complete(cls.ro_b, at(march(6), 10))
        cls._inspect(cls.ro_b, at(march(6), 10, 30), "fail")
        cls._inspect(cls.ro_b, at(march(6), 11), "pass")
        cls._deliver(cls.ro_b, at(march(6), 16))
        # F: pre-delivery inspection of a new car; G: a free check paid internally.
        cls.ro_f = desk._order(
            labor=[("新车 PDI 检查", 1, "internal")],
            vehicle_id=cls.v_new.id,
            service_type="pdi",
            mileage_in=8,
            checkin_time=at(march(9), 9),
        )
        with freeze_time(at(march(9), 11)):
            desk._finish(cls.ro_f)
        cls.ro_g = desk._order(
            labor=[("免费安全检测", 0.5, "internal")],
            vehicle_id=cls.v_warranty.id,
            service_type="repair",
            checkin_time=at(march(12), 9),
        )
        with freeze_time(at(march(12), 10)):
            desk._finish(cls.ro_g)
        # E: the car is back on 16 March with the same noise: a comeback of A.
        cls.ro_e = desk._order(
            labor=[("检查底盘异响", 1, "customer")],
            vehicle_id=cls.car.id,
            checkin_time=at(march(16), 9),
            promised_completion_time=at(march(16), 17),
            promised_delivery_time=at(march(16), 18),
            complaint_ids=[Command.create({"name": "还是有异响", "symptom_id": cls.noise.id})],
        )
        assert cls.ro_e.comeback_of_id == cls.ro_a
        cls.ro_e.action_validate()
        cls._clock(cls.ro_e.labor_line_ids, cls.tech_a_user, at(march(16), 10), at(march(16), 11))
        cls._complete(cls.ro_e, at(march(16), 16))
        cls._inspect(cls.ro_e, at(march(16), 16, 30), "pass")
        cls._deliver(cls.ro_e, at(march(16), 17, 30))
        # K: opened and cancelled on 20 March; the appointment of that day is a no-show.
        cls.ro_k = desk._order(
            labor=[(cls.oil_change, None, "customer")],
            vehicle_id=cls.v_later.id,
            mileage_in=31000,
            checkin_time=at(march(20), 9),
        )
        cls.ro_k.action_repair_cancel()
        with freeze_time(at(march(20), 12)):
            cls.ap_no_show.action_no_show()
        # I: checked in on 1 April at 07:30 (23:30 UTC on 31 March).
        cls.ro_i = desk._order(
            labor=[(cls.oil_change, None, "customer")], vehicle_id=cls.v_april.id, checkin_time=at(D(2026, 4, 1), 7, 30)
        )

    @classmethod
    def _follow_up(cls):
        """Calls made for A (5 March) and E (18 March), not for B and D. Surveys: A fairly (80 %)
        on 6 March, B very (100 %) on 7 March, E not (0 %) on 1 April 07:30 (31 March in UTC),
        D's not answered."""
        call = cls.env.ref("mail.mail_activity_data_call")
        for repair, when in ((cls.ro_a, at(D(2026, 3, 5), 10)), (cls.ro_e, at(D(2026, 3, 18), 10))):
            with freeze_time(when):
                repair.activity_ids.filtered(lambda a: a.activity_type_id == call).action_feedback("车况良好")
        very, fairly, poor = cls.question.suggested_answer_ids
        for repair, choice, when in (
            (cls.ro_a, fairly, at(D(2026, 3, 6), 20)),
            (cls.ro_b, very, at(D(2026, 3, 7), 9)),
            (cls.ro_e, poor, at(D(2026, 4, 1), 7, 30)),
        ):
            answer = repair.survey_input_ids
            with freeze_time(when):
                answer._save_lines(cls.question, choice.id)
                answer._mark_done()
        assert cls.ro_d.survey_input_ids.state == "new"

    @classmethod
    def _attendance(cls):
        """Technicians' attendance (the 12:00-13:00 lunch of the calendar is not worked)."""
        cls.env["hr.attendance"].create(
            [
                {"employee_id": cls.tech_a.id, "check_in": at(D(2026, 3, 2), 8), "check_out": at(D(2026, 3, 2), 17)},
                {"employee_id": cls.tech_a.id, "check_in": at(D(2026, 3, 16), 8), "check_out": at(D(2026, 3, 16), 12)},
                {"employee_id": cls.tech_b.id, "check_in": at(D(2026, 3, 3), 8), "check_out": at(D(2026, 3, 3), 17)},
                {"employee_id": cls.tech_b.id, "check_in": at(D(2026, 3, 5), 13), "check_out": at(D(2026, 3, 5), 17)},
                # February, and the foreman (not a technician): left out.
                {"employee_id": cls.tech_b.id, "check_in": at(D(2026, 2, 27), 13), "check_out": at(D(2026, 2, 27), 17)},
                {"employee_id": cls.foreman.id, "check_in": at(D(2026, 3, 3), 8), "check_out": at(D(2026, 3, 3), 17)},
            ]
        )

    @classmethod
    def _accounts(cls):
        """March: after-sales salaries 292 (the staff account), rent 2 015, depreciation 268,
        posted; a draft salary entry and April's salaries are left out."""

        def account(code, name, account_type):
            return cls.env["account.account"].create(
                {"code": code, "name": name, "account_type": account_type, "company_ids": [Command.set(cls.store.ids)]}
            )

        salaries = account("660101", "售后人员工资", "expense")
        rent = account("660201", "售后车间租金", "expense")
        depreciation = account("660301", "举升机折旧", "expense_depreciation")
        payable = account("224101", "其他应付款", "liability_current")
        cls.store.dealer_staff_account_ids = salaries
        journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.store.id), ("type", "=", "general")], limit=1
        )

        def entry(day, account, amount, post=True):
            move = cls.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": day,
                    "line_ids": [
                        Command.create({"name": account.name, "account_id": account.id, "debit": amount}),
                        Command.create({"name": account.name, "account_id": payable.id, "credit": amount}),
                    ],
                }
            )
            if post:
                move.action_post()

        entry(D(2026, 3, 31), salaries, 292)
        entry(D(2026, 3, 15), rent, 2015)
        entry(D(2026, 3, 31), depreciation, 268)
        entry(D(2026, 3, 31), salaries, 1000, post=False)
        entry(D(2026, 4, 1), salaries, 500)

    # -- flows at a given time ----------------------------------------------------------------

    @classmethod
    def _clock(cls, line, user, start, stop):
        with freeze_time(start):
            line.with_user(user).action_start()
        with freeze_time(stop):
            line.with_user(user).action_finish()

    @classmethod
    def _complete(cls, repair, when):
        """End the work of an order its technicians started."""
        with freeze_time(when):
            repair.action_repair_end()
        assert repair.state == "done"

    @classmethod
    def _inspect(cls, repair, when, result):
        with freeze_time(when):
            repair = repair.with_user(cls.foreman_user)
            if result == "pass":
                repair.action_qc_pass()
            else:
                repair.action_qc_fail()

    @classmethod
    def _deliver(cls, repair, when):
        with freeze_time(when):
            repair.action_dealer_deliver()

    def _values(self, codes, date_from=MARCH[0], date_to=MARCH[1]):
        values = self.Engine.compute(codes, date_from, date_to, self.store.ids)
        return {code: values[code][self.store.id] for code in codes}

    # -- section 3 --------------------------------------------------------------------------

    def test_output_revenue_and_profit(self):
        """Completed in March: A, B, C, D, E and J (J checked in in February); H is counted but
        not finished. Revenue of their lines not paid internally:
        labor 75 (A) + 720 (B) + 240 (C) + 75 (D) + 150 (E) + 180 (J) = 1 440,
        parts 80 (A) + 700 (B) + 300 (C) + 400 (J) = 1 480, total 2 920;
        warranty 240 + 300 = 540; hours 0.5 + 4 + 2 + 0.5 + 1 + 1.2 = 9.2;
        parts cost 40 (A) + 120 + 220 (B) + 260 (C) + 220 (J) = 860 (D's internal filter left out)."""
        v = self._values(SECTION_3)
        self.assertEqual(v["ro_count"], 6)  # A, B, C, D, E, H; not F (PDI), G (internal), I (April), J, K
        self.assertEqual(round(v["revenue_total"], 2), 2920.0)  # 1 440 + 1 480
        self.assertEqual(round(v["revenue_per_ro"], 4), 396.6667)  # (2 920 - 540 warranty) / 6
        self.assertEqual(round(v["labor_hours_sold"], 4), 9.2)  # 0.5 + 4 + 2 + 0.5 + 1 + 1.2
        self.assertEqual(round(v["labor_hours_per_ro"], 4), 1.5333)  # 9.2 / 6
        self.assertEqual(round(v["effective_labor_rate"], 4), 156.5217)  # 1 440 / 9.2
        self.assertEqual(round(v["parts_labor_ratio"], 4), 1.0278)  # 1 480 / 1 440
        self.assertEqual(round(v["labor_revenue_share"], 4), 49.3151)  # 1 440 / 2 920 x 100
        self.assertEqual(round(v["gross_profit"], 2), 2060.0)  # 2 920 - 860
        self.assertEqual(round(v["gross_margin"], 4), 70.5479)  # 2 060 / 2 920 x 100
        self.assertEqual(round(v["paint_material_ratio"], 4), 8.4507)  # paint 2 x 60 / B's 720 + 700 x 100
        self.assertEqual(round(v["labor_cost_ratio"], 4), 10.0)  # staff account 292 / 2 920 x 100
        self.assertEqual(round(v["absorption_rate"], 4), 80.0)  # 2 060 / (292 + 2 015 + 268) x 100

    def test_labor_cost_ratio_needs_staff_accounts(self):
        self.store.dealer_staff_account_ids = False
        v = self._values(["labor_cost_ratio", "absorption_rate"])
        self.assertIsNone(v["labor_cost_ratio"])
        self.assertEqual(round(v["absorption_rate"], 4), 80.0)  # 2 060 / 2 575 x 100: expenses stay

    # -- section 4 --------------------------------------------------------------------------

    def test_service_quality(self):
        v = self._values(SECTION_4[:8])
        # A from an appointment among A, B, C, E, H (D is of another brand): 1 / 5.
        self.assertEqual(round(v["appointment_rate"], 4), 20.0)  # 1 / 5 x 100
        # Due in March: 2 March (arrived) and 20 March (no-show); cancelled and April left out.
        self.assertEqual(round(v["appointment_show_rate"], 4), 50.0)  # 1 / 2 x 100
        # Completed A 09:50 <= 10:00, C 17:00 <= 18:00, D 15:00 <= 16:00, E 16:00 <= 17:00;
        # B 6 March > 5 March, J 2 March > 27 February.
        self.assertEqual(round(v["ontime_completion_rate"], 4), 66.6667)  # 4 / 6 x 100
        # Handed over A 11:30 <= 12:00, D 16:00 <= 16:00, E 17:30 <= 18:00; B 16:00 > 12:00.
        self.assertEqual(round(v["ontime_delivery_rate"], 4), 75.0)  # 3 / 4 x 100
        self.assertEqual(round(v["first_time_fix_rate"], 4), 83.3333)  # (6 completed - 1 comeback E) / 6 x 100
        # Inspected A, B, D, E (not C, J); B failed its first inspection.
        self.assertEqual(round(v["qc_pass_rate"], 4), 75.0)  # 3 / 4 x 100
        # A 80 % and B 100 % in March; E's 0 % answered on 1 April (Beijing), D's unanswered.
        self.assertEqual(round(v["csi_score"], 4), 90.0)  # (80 + 100) / 2
        # Delivered A, B, D, E; called A and E.
        self.assertEqual(round(v["callback_rate"], 4), 50.0)  # 2 / 4 x 100

    def test_workshop(self):
        """March 2026 has 22 weekdays, less the store holiday of 10 March: 21 working days.
        Clocked in March: A 0.75 + H 0.5 (2nd), B 5 (3rd), D's car wash 1 (5th), E 1 (16th) =
        8.25 h; J's 2 h were clocked in February. Attended by technicians: 8 + 4 (A) + 8 + 4 (B)
        = 24 h."""
        v = self._values(SECTION_4[8:])
        self.assertEqual(round(v["bay_turnover"], 4), 0.0952)  # 6 completed / (3 bays x 21 days)
        self.assertEqual(round(v["bay_staff_ratio"], 4), 0.6667)  # 2 technicians / 3 bays
        # Flat-rate hours of the completed orders' paid jobs that were clocked, A 0.5 + B 4 + E 1 +
        # J 1.2 = 6.7, against the hours clocked on them, A 0.75 + B 5 + E 1 + J 2 = 8.75 (C and
        # D's oil change were not clocked, so they count in neither).
        self.assertEqual(round(v["labor_efficiency"], 4), 76.5714)  # 6.7 / 8.75 x 100
        self.assertEqual(round(v["productivity"], 4), 34.375)  # 8.25 / 24 x 100
        self.assertEqual(round(v["capacity_utilization"], 4), 2.7381)  # 9.2 / (2 x 8 h x 21) x 100

    # -- section 5 --------------------------------------------------------------------------

    def test_customers(self):
        """Visits (not cancelled, not PDI) up to 31 March; base at the end: a visit in
        (31 March 2025, 31 March 2026]; base at the start: a visit in [1 March 2025, 1 March 2026).

        car         20 Oct 2025, 2 and 16 March    both bases, returned
        v_time      15 Aug 2025                    both bases; due 15 Feb + 30 = 17 March: churned
        v_km        20 Nov 2025 at 16 000 km       both bases; 7 500 km / (16 000 / 180) = 84.4 days:
                                                   12 Feb + 30 = 14 March: churned (by time: May)
        v_later     10 Dec 2025 (20 March cancelled)  both bases; due June
        v_lost_before  5 Mar 2025                  base at the start only; churned in October 2025
        v_feb       26 Feb 2026 (J)                both bases, not new, not returned
        v_old       20 Jan 2025, 13-month interval  no base; 20 Feb + 30 = 22 March but not in
                                                   the base: not churned
        v_body, v_warranty, v_other, v_early       first visit in March: new, base at the end
        v_new (PDI only), v_april (1 April)        no visit in the period
        """
        v = self._values(SECTION_5)
        self.assertEqual(v["customer_base"], 9)  # car, v_time, v_km, v_later, v_feb + 4 new
        self.assertEqual(v["new_customers"], 4)  # v_body, v_warranty, v_other, v_early
        self.assertEqual(v["churned_customers"], 2)  # v_time (by time), v_km (by mileage)
        # Base at the start: car, v_time, v_km, v_later, v_lost_before, v_feb = 6.
        self.assertEqual(round(v["churn_rate"], 4), 33.3333)  # 2 / 6 x 100
        self.assertEqual(round(v["return_rate"], 4), 16.6667)  # car / 6 x 100

    def test_earlier_visits_count_like_orders(self):
        """A vehicle whose only visit is in the old system (15 Aug 2025, imported at go-live, as
        ``dealer.service.history``) is in both bases and churns on 17 March like v_time; its
        internal and PDI visits do not count."""
        v_imported = self._vehicle(make_vin(213), license_plate="粤A·20013")
        History = self.env["dealer.service.history"]
        History.create(
            [
                {"vehicle_id": v_imported.id, "company_id": self.store.id, "date": D(2025, 8, 15), "odometer": 20000},
                # Neither is a customer visit: a PDI, and work paid internally in March.
                {
                    "vehicle_id": v_imported.id,
                    "company_id": self.store.id,
                    "date": D(2025, 6, 1),
                    "service_type": "pdi",
                },
                {
                    "vehicle_id": v_imported.id,
                    "company_id": self.store.id,
                    "date": D(2026, 3, 2),
                    "pay_type": "internal",
                    "reference": "WX-INT",
                },
            ]
        )
        v = self._values(SECTION_5)
        self.assertEqual(v["customer_base"], 10)  # the 9 of test_customers + v_imported
        self.assertEqual(v["new_customers"], 4)
        self.assertEqual(v["churned_customers"], 3)  # v_time, v_km, v_imported
        self.assertEqual(round(v["churn_rate"], 4), 42.8571)  # 3 / 7 x 100
        self.assertEqual(v_imported.last_service_date, D(2025, 8, 15))

    # -- the store's day, the group, drill-down, queries ------------------------------------

    def test_store_day(self):
        """H checked in on 1 March 07:30 Beijing time, 23:30 UTC on 28 February; I on 1 April
        07:30, 23:30 UTC on 31 March; E's survey answered on 1 April 07:30."""
        self.assertEqual(self._values(["ro_count"], "2026-02-28", "2026-02-28")["ro_count"], 0)
        self.assertEqual(self._values(["ro_count"], "2026-03-01", "2026-03-01")["ro_count"], 1)  # H
        self.assertEqual(self._values(["ro_count"], "2026-03-31", "2026-03-31")["ro_count"], 0)
        april_first = self._values(["ro_count", "csi_score", "new_customers"], "2026-04-01", "2026-04-01")
        self.assertEqual(april_first, {"ro_count": 1, "csi_score": 0.0, "new_customers": 1})  # I, E's 0 %, v_april

    def test_group_is_the_ratio_of_the_sums(self):
        """A second store completes one order on time in March: an oil filter (80, no labor rates
        set there). Revenue per RO: 396.67 and 80, the group (2 380 + 80) / (6 + 1) = 351.43, not
        the mean 238.33. On-time completion: 66.67 % and 100 %, the group 5 / 7 = 71.43 %, not
        83.33 %."""
        other = self.env["res.company"].create({"name": "佛山测试丰田 4S 店 (KPI)"})
        other.resource_calendar_id.tz = "Asia/Shanghai"
        self.env.user.company_ids |= other
        self.env = self.env(context=dict(self.env.context, allowed_company_ids=[other.id, self.store.id]))
        stock = self.env["stock.warehouse"].search([("company_id", "=", other.id)], limit=1).lot_stock_id
        self.env["stock.quant"]._update_available_quantity(self.oil_filter, stock, 5)
        car = self.env["dealer.vehicle"].create(
            {"vin": make_vin(301), "model_id": self.model.id, "partner_id": self.owner.id, "company_id": other.id}
        )
        repair = self._order(
            parts=[(self.oil_filter, 1, "customer")],
            vehicle_id=car.id,
            checkin_time=at(D(2026, 3, 10), 9),
            promised_completion_time=at(D(2026, 3, 10), 17),
        )
        self.assertEqual(repair.company_id, other)
        with freeze_time(at(D(2026, 3, 10), 11)):
            self._finish(repair)
        values = self.Engine.compute(["revenue_per_ro", "ontime_completion_rate"], *MARCH, (self.store | other).ids)
        per_ro, ontime = values["revenue_per_ro"], values["ontime_completion_rate"]
        self.assertEqual(round(per_ro[self.store.id], 2), 396.67)  # 2 380 / 6
        self.assertEqual(round(per_ro[other.id], 2), 80.0)  # 80 / 1
        self.assertEqual(round(per_ro[False], 2), 351.43)  # (2 380 + 80) / (6 + 1)
        self.assertEqual(round(ontime[self.store.id], 2), 66.67)  # 4 / 6 x 100
        self.assertEqual(round(ontime[other.id], 2), 100.0)  # 1 / 1 x 100
        self.assertEqual(round(ontime[False], 2), 71.43)  # (4 + 1) / (6 + 1) x 100

    def test_drilldown_lists_what_is_counted(self):
        parts = self.Engine._compute_parts(
            ["ro_count", "first_time_fix_rate", "ontime_completion_rate", "churned_customers", "csi_score"],
            *MARCH,
            self.store.ids,
        )
        parts = {code: values[self.store.id] for code, values in parts.items()}

        def listed(code, model):
            action = self.Engine.drilldown(code, *MARCH, self.store.ids)
            self.assertEqual(action["res_model"], model)
            [(field, operator, ids)] = action["domain"]
            self.assertEqual((field, operator), ("id", "in"))
            return self.env[model].browse(ids)

        counted = listed("ro_count", "repair.order")
        self.assertEqual(len(counted), parts["ro_count"]["value"])  # 6
        self.assertEqual(counted, self.ro_a | self.ro_b | self.ro_c | self.ro_d | self.ro_e | self.ro_h)
        # The comebacks: completed - fixed the first time = 6 - 5.
        fix = parts["first_time_fix_rate"]
        comebacks = listed("first_time_fix_rate", "repair.order")
        self.assertEqual(len(comebacks), fix["denominator"] - fix["numerator"])
        self.assertEqual(comebacks, self.ro_e)
        # The late orders: completed - completed on time = 6 - 4.
        ontime = parts["ontime_completion_rate"]
        late = listed("ontime_completion_rate", "repair.order")
        self.assertEqual(len(late), ontime["denominator"] - ontime["numerator"])
        self.assertEqual(late, self.ro_b | self.ro_j)
        churned = listed("churned_customers", "dealer.vehicle")
        self.assertEqual(len(churned), parts["churned_customers"]["value"])  # 2
        self.assertEqual(churned, self.v_time | self.v_km)
        self.assertEqual(listed("appointment_show_rate", "dealer.appointment"), self.ap_no_show)
        answers = listed("csi_score", "survey.user_input")
        self.assertEqual(len(answers), parts["csi_score"]["denominator"])  # 2
        self.assertEqual(answers, (self.ro_a | self.ro_b).survey_input_ids)

    def test_query_count_does_not_grow_with_the_orders(self):
        """All section 3-5 KPIs of a store in a fixed number of queries, with 2 or 6 orders."""

        def orders(days):
            for day in days:
                repair = self._order(
                    labor=[(self.oil_change, None, "customer")],
                    parts=[(self.oil_filter, 1, "customer")],
                    vehicle_id=self._vehicle(make_vin(400 + day)).id,
                    checkin_time=at(D(2026, 6, day), 9),
                    promised_completion_time=at(D(2026, 6, day), 17),
                )
                with freeze_time(at(D(2026, 6, day), 15)):
                    self._finish(repair)

        june = ("2026-06-01", "2026-06-30")
        orders([1, 2])
        self.Engine.compute(CODES, *june, self.store.ids)
        with self.assertQueryCount(10):  # JIT off and 9 statements
            values = self.Engine.compute(CODES, *june, self.store.ids)
        self.assertEqual((values["ro_count"][self.store.id], values["new_customers"][self.store.id]), (2, 2))
        orders([8, 9, 10, 11])
        self.Engine.compute(CODES, *june, self.store.ids)
        with self.assertQueryCount(10):  # JIT off and 9 statements
            values = self.Engine.compute(CODES, *june, self.store.ids)
        self.assertEqual((values["ro_count"][self.store.id], values["new_customers"][self.store.id]), (6, 6))
        self.assertEqual(round(values["revenue_total"][self.store.id], 2), 930.0)  # 6 x (75 + 80)
