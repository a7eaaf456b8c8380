"""Base class of the suite-level tests that need an Odoo environment.

pytest-odoo runs these tests on the database the addons were installed in
(bin/test passes --odoo-database). Odoo derives a test's tags and module from
its package, odoo.addons.<module>; these tests live outside any addon, so they
say it themselves.
"""

from typing import ClassVar

from odoo.tests import TransactionCase


class SuiteCase(TransactionCase):
    test_tags: ClassVar[set] = {"standard", "at_install"}
    test_module = "metering_service"
