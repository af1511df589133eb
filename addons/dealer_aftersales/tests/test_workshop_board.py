"""The workshop board (技师看板), its TV (车间大屏) and the technicians' tablet: what a card shows,
read as the web client reads it, at a cost that does not grow with the jobs; the notice each
store's boards get on the bus; who sees what."""

import json
from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.bus.models.bus import channel_with_db, json_dump
from odoo.addons.dealer_aftersales.models.dealer_repair_labor_board import BOARD_CHANNEL, BOARD_NOTIFICATION

from .access import ROLES
from .common import DealerRepairCase, make_vin

BOARD_VIEWS = {
    "board": "dealer_aftersales.dealer_repair_labor_view_kanban",
    "tv": "dealer_aftersales.dealer_repair_labor_view_kanban_tv",
    "tablet": "dealer_aftersales.dealer_repair_labor_view_kanban_tablet",
}


def kanban_spec(Model, arch):
    """The web client's specification of a kanban's fields: relational fields with their
    display name, in the context the view gives them."""
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        name = node.get("name")
        field = Model._fields[name]
        if field.type in ("many2one", "many2many", "one2many"):
            entry = {"fields": {"display_name": {}}}
            if node.get("context"):
                entry["context"] = safe_eval(node.get("context"))
            spec[name] = entry
        else:
            spec.setdefault(name, {})
    return spec


@tagged("post_install", "-at_install")
class TestWorkshopBoard(DealerRepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        users = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        cls.tech_user = new_test_user(cls.env, login="board_tech", groups=ROLES["Technician"], **users)
        cls.tech = cls.env["hr.employee"].create(
            {"name": "赵技师", "user_id": cls.tech_user.id, "dealer_is_technician": True}
        )
        cls.advisor = new_test_user(cls.env, login="board_sa", name="李顾问", groups=ROLES["Service Advisor"], **users)
        cls.parts_user = new_test_user(cls.env, login="board_parts", groups=ROLES["Parts"], **users)
        cls.accountant = new_test_user(cls.env, login="board_acc", groups=ROLES["Accountant"], **users)
        cls.bay = cls.env["dealer.bay"].create({"name": "3号工位"})
        cls.Labor = cls.env["dealer.repair.labor"]
        # Another store, with its own job.
        cls.other_store = cls.env["res.company"].create({"name": "佛山南海粤丰丰田（看板测试）"})
        cls.other_tech_user = new_test_user(
            cls.env,
            login="board_tech_other",
            groups=ROLES["Technician"],
            company_id=cls.other_store.id,
            company_ids=[Command.set(cls.other_store.ids)],
        )
        other_env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.other_store.ids))
        other_vehicle = other_env["dealer.vehicle"].create(
            {
                "vin": make_vin(990001),
                "model_id": cls.model.id,
                "license_plate": "粤E·99999",
                "company_id": cls.other_store.id,
            }
        )
        cls.other_repair = other_env["repair.order"].create(
            {
                "vehicle_id": other_vehicle.id,
                "company_id": cls.other_store.id,
                "labor_line_ids": [Command.create({"name": "佛山店保养", "hours": 1, "pay_type": "customer"})],
            }
        )
        cls.serial = 700000

    # Helpers ---------------------------------------------------------------------------------

    def _spec(self, view="board", user=None):
        Labor = self.Labor.with_user(user or self.tech_user)
        view_id = self.env.ref(BOARD_VIEWS[view]).id
        arch = Labor.get_views([(view_id, "kanban")])["views"]["kanban"]["arch"]
        return kanban_spec(Labor, arch)

    def _card(self, job, view="board", user=None):
        [card] = job.with_user(user or self.tech_user).web_read(self._spec(view, user))
        return card

    def _board(self, domain, spec, user=None):
        """The board as the web client loads it: its groups by state, then each group's first 40
        cards (and, for a fuller group, its count for the pager)."""
        Labor = self.Labor.with_user(user or self.tech_user)
        groups = Labor.web_read_group(domain, [], ["state"])["groups"]
        return [
            Labor.web_search_read(group["__domain"], spec, limit=40, count_limit=10001)["records"] for group in groups
        ]

    def _open_order(self, promised=None, parts=(), **values):
        repair = self._order(
            labor=[(self.oil_change, None, "customer")],
            parts=parts,
            user_id=self.advisor.id,
            bay_id=self.bay.id,
            promised_delivery_time=promised,
            **values,
        )
        repair.action_validate()
        return repair

    def _bus_since(self, last_id):
        """{channel: [message]} of the notifications sent since ``last_id``."""
        self.env.cr.precommit.run()
        sent = {}
        for note in self.env["bus.bus"].sudo().search([("id", ">", last_id)], order="id"):
            sent.setdefault(note.channel, []).append(json.loads(note.message))
        return sent

    def _bus_last_id(self):
        self.env.cr.precommit.run()
        return self.env["bus.bus"].sudo()._bus_last_id()

    def _channel(self, store):
        return json_dump(channel_with_db(self.env.cr.dbname, (store, BOARD_CHANNEL)))

    # The card --------------------------------------------------------------------------------

    @freeze_time("2030-06-03 08:00:00")
    def test_card_shows_the_order_and_lateness(self):
        repair = self._open_order(promised=datetime(2030, 6, 3, 9, 30))
        job = repair.labor_line_ids
        job.technician_ids = self.tech
        card = self._card(job)
        self.assertEqual(card["repair_id"]["display_name"], repair.name)
        self.assertEqual(card["license_plate"], "粤A·12345")
        self.assertEqual(card["vehicle_model_id"]["display_name"], "Test Brand Test Sedan", "brand, a space, model")
        self.assertEqual(card["advisor_id"]["display_name"], "李顾问")
        self.assertEqual(card["bay_id"]["display_name"], "3号工位")
        self.assertEqual([tech["display_name"] for tech in card["technician_ids"]], ["赵技师"])
        self.assertEqual(card["promised_delivery_time"], datetime(2030, 6, 3, 9, 30))
        self.assertEqual((card["is_late"], card["board_color"]), (False, 0))
        # Nothing is written when the promised time passes: the card reads late.
        with freeze_time("2030-06-03 10:00:00"):
            self.env.invalidate_all()
            card = self._card(job)
            self.assertEqual((card["is_late"], card["board_color"]), (True, 1), "red on the board")
            self.assertEqual(self.Labor.search([("is_late", "=", True), ("id", "=", job.id)]), job)
            job.with_user(self.tech_user).action_start()
            job.with_user(self.tech_user).action_finish()
            card = self._card(job)
            self.assertEqual((card["state"], card["is_late"], card["board_color"]), ("done", False, 0))
            self.assertFalse(self.Labor.search([("is_late", "=", True), ("id", "=", job.id)]))

    @freeze_time("2030-06-03 12:00:00")
    def test_order_without_promise_or_finished_is_not_late(self):
        no_promise = self._open_order().labor_line_ids
        done = self._open_order(promised=datetime(2030, 6, 3, 9, 0), checkin_time=datetime(2030, 6, 3, 7, 0))
        self._card(done.labor_line_ids)  # read before the order is finished
        done.action_repair_start()
        done.action_repair_end()
        self.assertEqual(done.state, "done")
        jobs = no_promise | done.labor_line_ids
        self.assertEqual(
            [(card["is_late"], card["board_color"]) for card in jobs.with_user(self.tech_user).web_read(self._spec())],
            [(False, 0), (False, 0)],
        )

    def test_waiting_for_parts(self):
        in_stock = self._open_order(parts=[(self.brake_pads, 1, "customer")])
        short = self._open_order(parts=[(self.oil_filter, 50, "customer")])  # 20 on hand
        no_parts = self._open_order()
        self.assertEqual(in_stock.move_ids.state, "assigned")
        self.assertIn(short.move_ids.state, ("confirmed", "partially_available"))
        jobs = (in_stock | short | no_parts).labor_line_ids
        cards = jobs.with_user(self.tech_user).web_read(self._spec())
        self.assertEqual([card["waiting_parts"] for card in cards], [False, True, False])
        Labor = self.Labor.with_user(self.tech_user)
        self.assertEqual(Labor.search([("waiting_parts", "=", True), ("id", "in", jobs.ids)]), short.labor_line_ids)
        self.assertEqual(
            Labor.search([("waiting_parts", "=", False), ("id", "in", jobs.ids)]),
            (in_stock | no_parts).labor_line_ids,
        )
        # The parts arrive: the badge goes.
        stock = short.move_ids.location_id
        self.env["stock.quant"]._update_available_quantity(self.oil_filter, stock, 100)
        short.move_ids._action_assign()
        self.assertEqual(short.move_ids.state, "assigned")
        self.assertFalse(self._card(short.labor_line_ids)["waiting_parts"])

    def test_every_board_view_reads_its_cards(self):
        repair = self._open_order(promised=datetime(2030, 6, 3, 9, 30))
        for view in BOARD_VIEWS:
            with self.subTest(view=view):
                card = self._card(repair.labor_line_ids, view)
                self.assertEqual(card["license_plate"], "粤A·12345")
                self.assertEqual(card["vehicle_model_id"]["display_name"], "Test Brand Test Sedan")
                self.assertIn("is_late", card)
                self.assertIn("waiting_parts", card)

    # The cost of the board ---------------------------------------------------------------------

    def _more_jobs(self, count, repairs):
        """``count`` open jobs on new orders of new vehicles, two jobs an order, with their
        advisors, bays, technicians and promised times; every other job paused."""
        advisors = [self.advisor, self.env.ref("base.user_admin")]
        bays = self.bay | self.env["dealer.bay"].create({"name": "4号工位"})
        techs = self.tech | self.env["hr.employee"].create({"name": "钱技师", "dealer_is_technician": True})
        vehicles = self.Vehicle.create(
            [
                {
                    "vin": make_vin(self.serial + index),
                    "model_id": self.model.id,
                    "partner_id": self.owner.id,
                    "license_plate": f"粤A·B{self.serial + index}",
                }
                for index in range(count // 2)
            ]
        )
        type(self).serial += count
        new = self.env["repair.order"].create(
            [
                {
                    "vehicle_id": vehicle.id,
                    "user_id": advisors[index % 2].id,
                    "bay_id": bays[index % 2].id,
                    "promised_delivery_time": datetime(2030, 6, 3, 9 + index % 8, 0),
                    "labor_line_ids": [
                        Command.create(
                            {"name": "保养", "hours": 1, "pay_type": "customer", "technician_ids": techs[:1].ids}
                        ),
                        Command.create({"name": "检查", "hours": 0.5, "pay_type": "warranty"}),
                    ],
                }
                for index, vehicle in enumerate(vehicles)
            ]
        )
        for repair in new:
            repair.action_validate()
        new.labor_line_ids[1::2].sudo().state = "paused"
        repairs |= new
        return repairs

    def test_board_query_count_is_flat(self):
        repairs = self._more_jobs(20, self.env["repair.order"])
        domain = [("repair_id", "in", repairs.ids)]
        for view in ("board", "tablet", "tv"):
            spec = self._spec(view)
            self._board(domain, spec)  # the views, rules and translations in their caches
        self.env.invalidate_all()
        counts = {}
        for view in ("board", "tablet", "tv"):
            spec = self._spec(view)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._board(domain, spec)
            counts[view] = self.env.cr.sql_log_count - before
        repairs = self._more_jobs(180, repairs)
        domain = [("repair_id", "in", repairs.ids)]
        self.assertEqual(len(self.Labor.search(domain)), 200)
        for view, count in counts.items():
            spec = self._spec(view)
            with self.subTest(view=view):
                self.env.invalidate_all()
                # The same queries for 200 jobs as for 20, but the pager's count of each group of
                # more than 40 cards (2 groups of 100), as the web client asks it.
                with self.assertQueryCount(count + 2):
                    cards = self._board(domain, spec)
                self.assertEqual([len(group) for group in cards], [40, 40], "two groups of 40 cards")
        # The whole board at once (a TV showing every open job) costs the same.
        Labor = self.Labor.with_user(self.tech_user)
        spec = self._spec("tv")
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        Labor.web_search_read(domain, spec, limit=20)
        count = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        with self.assertQueryCount(count):
            records = Labor.web_search_read(domain, spec, limit=200)["records"]
        self.assertEqual(len(records), 200)
        self.assertTrue(all(record["license_plate"] and record["vehicle_model_id"] for record in records))

    # The TV follows the store's jobs -------------------------------------------------------------

    def test_bus_notification_per_store(self):
        repair = self._open_order()
        job = repair.labor_line_ids
        here, there = self._channel(self.company), self._channel(self.other_store)
        expected = {
            "type": BOARD_NOTIFICATION,
            "payload": {"company_id": self.company.id, "labor_ids": job.ids, "repair_ids": repair.ids},
        }
        for step in ("action_start", "action_pause", "action_start", "action_finish"):
            with self.subTest(step=step):
                last = self._bus_last_id()
                getattr(job.with_user(self.tech_user), step)()
                sent = self._bus_since(last)
                self.assertEqual(sent.get(here), [expected], "one notice for the store, whatever changed")
                self.assertNotIn(there, sent)
        # The order's own steps tell the board too.
        last = self._bus_last_id()
        repair.action_repair_end()
        sent = self._bus_since(last)
        self.assertEqual(len(sent[here]), 1)
        self.assertEqual(sent[here][0]["payload"]["company_id"], self.company.id)
        self.assertIn(repair.id, sent[here][0]["payload"]["repair_ids"])
        self.assertNotIn(there, sent)
        # The other store's order: its own channel only.
        last = self._bus_last_id()
        self.other_repair.action_validate()
        sent = self._bus_since(last)
        self.assertNotIn(here, sent)
        self.assertEqual(
            sent[there],
            [
                {
                    "type": BOARD_NOTIFICATION,
                    "payload": {
                        "company_id": self.other_store.id,
                        "labor_ids": [],
                        "repair_ids": self.other_repair.ids,
                    },
                }
            ],
        )

    def test_board_channel_only_for_own_store(self):
        asked = [f"{BOARD_CHANNEL}:{self.company.id}", f"{BOARD_CHANNEL}:{self.other_store.id}", f"{BOARD_CHANNEL}:x"]
        Websocket = self.env["ir.websocket"]
        self.assertEqual(
            Websocket.with_user(self.tech_user)._dealer_board_channels([*asked, "other"]),
            ["other", (self.company, BOARD_CHANNEL)],
        )
        self.assertEqual(
            Websocket.with_user(self.other_tech_user)._dealer_board_channels(asked),
            [(self.other_store, BOARD_CHANNEL)],
        )
        employee = new_test_user(self.env, login="board_no_role", groups="base.group_user")
        self.assertEqual(Websocket.with_user(employee)._dealer_board_channels(asked), [])

    # Who sees what -------------------------------------------------------------------------------

    def test_technicians_see_their_store_only(self):
        job = self._open_order().labor_line_ids
        other_job = self.other_repair.labor_line_ids
        domain = [("id", "in", (job | other_job).ids)]
        for user, visible in ((self.tech_user, job), (self.other_tech_user, other_job)):
            with self.subTest(user=user.login):
                for view in BOARD_VIEWS:
                    cards = [card for group in self._board(domain, self._spec(view, user), user) for card in group]
                    self.assertEqual([card["id"] for card in cards], visible.ids)
        with self.assertRaises(AccessError):
            self.Labor.with_user(self.tech_user).with_context(allowed_company_ids=self.other_store.ids).search(domain)

    def test_menus_and_actions_by_role(self):
        Menu = self.env["ir.ui.menu"]
        tv = self.env.ref("dealer_aftersales.dealer_repair_labor_menu_tv")
        tablet = self.env.ref("dealer_aftersales.dealer_repair_labor_menu_tablet")
        for user in (self.tech_user, self.advisor, self.parts_user, self.accountant):
            with self.subTest(user=user.login):
                visible = Menu.with_user(user)._visible_menu_ids()
                self.assertIn(tv.id, visible)
                self.assertEqual(tablet.id in visible, user == self.tech_user)
        self.assertIn(tablet.id, Menu.with_user(self.tech_user)._visible_menu_ids())
        employee = new_test_user(self.env, login="board_no_role2", groups="base.group_user")
        self.assertNotIn(tv.id, Menu.with_user(employee)._visible_menu_ids())
        with self.assertRaises(AccessError):
            self.Labor.with_user(employee).web_search_read([], self._spec("tv"))
        action = self.env.ref("dealer_aftersales.dealer_repair_labor_action_tv")
        self.assertEqual((action.target, action.view_id), ("fullscreen", self.env.ref(BOARD_VIEWS["tv"])))
        tablet_action = self.env.ref("dealer_aftersales.dealer_repair_labor_action_tablet")
        self.assertEqual(safe_eval(tablet_action.context), {"search_default_open_jobs": 1, "search_default_my_jobs": 1})

    def test_my_jobs_filter_keeps_open_jobs_only(self):
        """The tablet's two default filters are both applied (not one or the other)."""
        mine = self._open_order().labor_line_ids
        mine.technician_ids = self.tech
        mine.with_user(self.tech_user).action_start()
        mine.with_user(self.tech_user).action_finish()
        open_mine = self._open_order().labor_line_ids
        open_mine.technician_ids = self.tech
        self._open_order()  # not given to the technician
        tablet_action = self.env.ref("dealer_aftersales.dealer_repair_labor_action_tablet")
        views = self.Labor.with_user(self.tech_user).get_views([(False, "search")], {"load_filters": False})
        search = views["views"]["search"]["arch"]
        filters = {node.get("name"): node for node in etree.fromstring(search).iter("filter")}
        self.assertTrue(set(safe_eval(tablet_action.context)) <= {f"search_default_{name}" for name in filters})
        # Separated filters are AND-ed by the search view: the technician sees their open job.
        tree = etree.fromstring(search)
        children = [node for node in tree if node.tag in ("filter", "separator")]
        names = [node.get("name") if node.tag == "filter" else "|" for node in children]
        self.assertLess(names.index("open_jobs"), names.index("|"), "a separator between Open Jobs and My Jobs")
        self.assertLess(names.index("|"), names.index("my_jobs"))
        uid = self.tech_user.id
        domain = [
            *safe_eval(filters["open_jobs"].get("domain")),
            *safe_eval(filters["my_jobs"].get("domain"), {"uid": uid}),
        ]
        self.assertEqual(self.Labor.with_user(self.tech_user).search(domain), open_mine)

    def test_technicians_write_nothing_new(self):
        repair = self._open_order(promised=datetime(2030, 6, 3, 9, 30))
        job = repair.labor_line_ids
        for values in (
            {"promised_delivery_time": "2030-06-04 09:00:00"},
            {"license_plate": "粤A·00000"},
            {"advisor_id": self.tech_user.id},
            {"is_late": False},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                job.with_user(self.tech_user).write(values)
        # An advisor, who edits jobs, does not change the order through the card's fields.
        job.with_user(self.advisor).write({"promised_delivery_time": "2030-06-04 09:00:00", "license_plate": "X"})
        self.env.invalidate_all()
        self.assertEqual(repair.promised_delivery_time, datetime(2030, 6, 3, 9, 30))
        self.assertEqual(repair.vehicle_id.license_plate, "粤A·12345")


@tagged("post_install", "-at_install")
class TestWorkshopBoardTour(HttpCase):
    """In Chromium: the technician's tablet and the workshop's TV."""

    def test_tablet_and_tv(self):
        user = new_test_user(
            self.env, login="board_tour_tech", password="board_tour_tech", groups=ROLES["Technician"], lang="en_US"
        )
        technician = self.env["hr.employee"].create(
            {"name": "看板技师", "dealer_is_technician": True, "user_id": user.id}
        )
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Brand"})
        model = self.env["fleet.vehicle.model"].create({"name": "Tour Sedan", "brand_id": brand.id})
        vehicle = self.env["dealer.vehicle"].create(
            {"vin": make_vin(990777), "model_id": model.id, "license_plate": "粤A·T0001"}
        )
        repair = self.env["repair.order"].create(
            {
                "vehicle_id": vehicle.id,
                "checkin_time": datetime(2020, 1, 6, 8, 0),
                "promised_delivery_time": datetime(2020, 1, 6, 17, 0),
                "labor_line_ids": [
                    Command.create(
                        {"name": "看板巡检", "hours": 0.8, "pay_type": "customer", "technician_ids": technician.ids}
                    )
                ],
            }
        )
        repair.action_validate()
        self.start_tour("/odoo", "dealer_aftersales_workshop_tablet_tour", login="board_tour_tech")
        self.assertEqual(repair.labor_line_ids.state, "running")
        self.start_tour("/odoo", "dealer_aftersales_workshop_tv_tour", login="board_tour_tech")
