"""Entry forms: one dialog per kind of entry, complete from the keyboard."""
