"""A text field stored encrypted (see ``outreach.cases.crypto``)."""

from django.db import models

from outreach.cases import crypto


class EncryptedTextField(models.TextField):
    """Plain text in Python, a Fernet token in the database.

    It cannot be filtered, ordered or searched on (the database holds only ciphertext), so
    cases are found by their pseudonymous code. Reading a value no key opens raises.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return crypto.decrypt(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return crypto.encrypt(str(value))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "outreach.cases.fields.EncryptedTextField", args, kwargs
