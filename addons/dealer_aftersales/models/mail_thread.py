from odoo import models

from ..tools import context_sender


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """A user without an e-mail address posting through ``tools.as_sender``: still the author,
        the message goes out from the store's address instead of being refused."""
        sender = context_sender(self.env)
        if not sender:
            return super()._message_compute_author(author_id, email_from, raise_on_email)
        author_id, email_from = super()._message_compute_author(author_id, email_from, raise_on_email=False)
        return author_id, email_from or sender
