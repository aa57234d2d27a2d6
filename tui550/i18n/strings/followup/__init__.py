"""Strings of follow-up and supervision: the shared words (`core`), the commands (`cli`), the screens (`app`)."""
