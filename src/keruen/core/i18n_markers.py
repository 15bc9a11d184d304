"""`N_` marks a message for translation without translating it (the gettext convention)."""


def N_(message: str) -> str:
    return message
