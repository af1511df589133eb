from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DealerVehicleCase, make_vin

GROUP = "dealer_aftersales.dealer_aftersales_group_"


@tagged("post_install", "-at_install")
class TestVehicleAccess(DealerVehicleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_b = cls.env["res.company"].create({"name": "深圳福田店"})
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"dealer_{role}",
                groups=f"base.group_user,{GROUP}{role}",
                company_id=cls.company.id,
                company_ids=[cls.company.id],
                lang="en_US",
            )
            for role in ("technician", "user", "parts", "accountant", "manager")
        }
        cls.user_store_b = new_test_user(
            cls.env,
            login="dealer_manager_b",
            groups=f"base.group_user,{GROUP}manager",
            company_id=cls.store_b.id,
            company_ids=[cls.store_b.id],
        )
        cls.vehicle = cls._vehicle("11111111111111111")
        cls.Reading.create({"vehicle_id": cls.vehicle.id, "value": 1000})

    serial = 0

    def _can(self, user, operation, model="dealer.vehicle"):
        records = self.env[model].with_user(user)
        try:
            if operation == "read":
                target = self.vehicle if model == "dealer.vehicle" else self.vehicle.odometer_ids
                target.with_user(user).read(["display_name"])
            elif operation == "create" and model == "dealer.vehicle":
                with self.env.cr.savepoint():
                    self.serial += 1
                    records.create({"vin": make_vin(self.serial), "model_id": self.model.id})
            elif operation == "create":
                with self.env.cr.savepoint():
                    records.create({"vehicle_id": self.vehicle.id, "value": 2000})
            elif operation == "write":
                target = self.vehicle if model == "dealer.vehicle" else self.vehicle.odometer_ids
                with self.env.cr.savepoint():
                    values = {"color": "白"} if model == "dealer.vehicle" else {"source": "checkin"}
                    target.with_user(user).write(values)
            elif operation == "unlink":
                target = self.vehicle if model == "dealer.vehicle" else self.vehicle.odometer_ids
                with self.env.cr.savepoint():
                    target.with_user(user).unlink()
        except AccessError:
            return False
        return True

    def test_vehicle_matrix(self):
        expected = {
            # role:        read, create, write, unlink
            "technician": (True, False, False, False),
            "user": (True, True, True, False),
            "parts": (True, False, False, False),
            "accountant": (True, False, False, False),
            "manager": (True, True, True, True),
        }
        for role, rights in expected.items():
            for operation, allowed in zip(("read", "create", "write", "unlink"), rights, strict=True):
                with self.subTest(role=role, operation=operation):
                    self.assertEqual(self._can(self.users[role], operation), allowed)

    def test_odometer_matrix(self):
        expected = {
            # Readings are never edited or deleted, except by the manager.
            "technician": (True, True, False, False),
            "user": (True, True, False, False),
            "parts": (True, False, False, False),
            "accountant": (True, False, False, False),
            "manager": (True, True, True, True),
        }
        for role, rights in expected.items():
            for operation, allowed in zip(("read", "create", "write", "unlink"), rights, strict=True):
                with self.subTest(role=role, operation=operation):
                    self.assertEqual(self._can(self.users[role], operation, "dealer.vehicle.odometer"), allowed)

    def test_plain_employee_has_no_access(self):
        employee = new_test_user(self.env, login="dealer_employee", groups="base.group_user")
        self.assertFalse(self._can(employee, "read"))

    def test_store_isolation(self):
        manager_b = self.user_store_b
        self.assertFalse(self.env["dealer.vehicle"].with_user(manager_b).search([("id", "=", self.vehicle.id)]))
        self.assertFalse(self.env["dealer.vehicle.odometer"].with_user(manager_b).search([]))
        self.assertFalse(self.env["dealer.vehicle.owner"].with_user(manager_b).search([]))
        with self.assertRaises(AccessError):
            self.vehicle.with_user(manager_b).read(["vin"])
        # Store B registers the same VIN in its own file; store A does not see it.
        own = (
            self.env["dealer.vehicle"]
            .with_user(manager_b)
            .create({"vin": "11111111111111111", "model_id": self.model.id})
        )
        self.assertEqual(own.company_id, self.store_b)
        seen_by_a = self.env["dealer.vehicle"].with_user(self.users["manager"]).search([("vin", "=", own.vin)])
        self.assertEqual(seen_by_a, self.vehicle)
