"""A store created as the README's "Installing per store" says, by the administrator in
Settings → Companies → New, with what Odoo does outside its tests."""

import threading
from contextlib import contextmanager

from odoo.tests import Form


@contextmanager
def outside_test_mode():
    """Odoo as in production while a company is created: stock's ``res.company.create`` makes the
    new company's warehouse only when the thread is testing, so a company made in Settings has
    none. (Odoo's chart of accounts for the company's country, which it loads when the request
    commits outside the tests, is left to the store's setup action here.)"""
    thread = threading.current_thread()
    testing = getattr(thread, "testing", False)
    thread.testing = False
    try:
        yield
    finally:
        thread.testing = testing


def new_store(env, name, country="base.cn", currency="base.CNY"):
    """The company form filled and saved by the administrator: name, address in ``country``, currency."""
    admin = env.ref("base.user_admin")
    with outside_test_mode():
        form = Form(env["res.company"].with_user(admin).with_context(lang="en_US"))
        form.name = name
        form.street = "佛山市南海区桂城街道南海大道北 88 号"
        form.city = "佛山"
        form.country_id = env.ref(country)
        form.currency_id = env.ref(currency)
        store = form.save()
    return store.with_env(env)
