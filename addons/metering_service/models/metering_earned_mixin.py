# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError

# The addons of this suite: their read-only fields are earned.
SUITE_PREFIX = "metering_"
# The roles whose actions check them.
ROLE_GROUPS = {
    "team_leader": "metering_service.group_team_leader",
    "center_manager": "metering_service.group_center_manager",
}


def is_suite_field(field):
    """Whether only the suite's addons define this field."""
    return bool(field._modules) and all(
        module.startswith(SUITE_PREFIX) for module in field._modules
    )


class MeteringEarnedMixin(models.AbstractModel):
    """The suite's one protection of the compliance record: a proof is earned
    through the model's own actions, never written.

    In a model that inherits this mixin, every field the suite declares
    read-only (``readonly=True``: workflow states, approvals, reviews,
    clearances, overrides, verdicts, sequence numbers, and computed or related
    fields without an inverse) is writable only by the superuser, that is by
    the model's actions, which write it with ``sudo()`` after checking who
    acts. Create, write, import (``load``), copy and the web client all go
    through Odoo's field access hook (``_has_field_access``), which also makes
    the web client show these fields read-only.

    A model whose read-only field may nevertheless be written by its users
    lists it in ``_metering_user_editable``; ``_metering_sequence`` names the
    ``ir.sequence`` code of its ``name``, given on creation.
    """

    _name = "metering.earned.mixin"
    _description = "Compliance Record Protection"

    # Read-only fields that the users may write all the same (rare).
    _metering_user_editable = ()
    # ir.sequence code numbering the records' name, if any.
    _metering_sequence = None

    @api.model
    def _metering_is_earned(self, field):
        """Whether a field is earned: written by the model's actions only."""
        return (
            field.readonly
            and is_suite_field(field)
            and field.name not in self._metering_user_editable
        )

    @api.model
    def _has_field_access(self, field, operation):
        if operation == "write" and not self.env.su and self._metering_is_earned(field):
            return False
        return super()._has_field_access(field, operation)

    @api.model
    def _check_field_access(self, field, operation):
        if (
            operation == "write"
            and not self.env.su
            and self._metering_is_earned(field)
            and super()._has_field_access(field, operation)
        ):
            raise AccessError(
                self.env._(
                    "%(field)s of %(model)s is recorded by its own action (a button of "
                    "the record), never written directly.",
                    field=field._description_string(self.env),
                    model=self.env["ir.model"]._get(self._name).name,
                )
            )
        return super()._check_field_access(field, operation)

    def _prepare_create_values(self, vals_list):
        """The values a record earns at its creation (its sequence number, or
        what the model sets in `_metering_create_values`), given after the
        user's own values passed the field access check."""
        vals_list = super()._prepare_create_values(vals_list)
        self._metering_create_values(vals_list)
        return vals_list

    def _metering_create_values(self, vals_list):
        """Complete the values of the records to create (in place) with what
        they earn on creation; extended by the models."""
        if not self._metering_sequence:
            return vals_list
        Sequence = self.env["ir.sequence"].sudo()
        placeholders = {False, "/", "New", self.env._("New")}
        for vals in vals_list:
            if vals.get("name") in placeholders:
                vals["name"] = Sequence.next_by_code(self._metering_sequence)
        return vals_list

    def _metering_earn(self, vals):
        """Record what these records earned, from one of the model's actions
        that has checked who acts: the user must be allowed to change the
        records; the earned fields are written as superuser."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _metering_check_role(self, role):
        """Refuse the action unless the user has the role ("team_leader" or
        "center_manager"): always an AccessError, naming the role."""
        group = ROLE_GROUPS[role]
        label = {
            "team_leader": self.env._("team leader"),
            "center_manager": self.env._("center manager"),
        }[role]
        if not self.env.user.has_group(group):
            raise AccessError(self.env._("Only a %(role)s may do this.", role=label))

    def copy_data(self, default=None):
        """A copy earns its own proofs: earned fields are not copied (unless
        the caller, as superuser, gives them)."""
        vals_list = super().copy_data(default=default)
        earned = [
            name
            for name, field in self._fields.items()
            if self._metering_is_earned(field) and name not in (default or {})
        ]
        for vals in vals_list:
            for name in earned:
                vals.pop(name, None)
        return vals_list
