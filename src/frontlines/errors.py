"""Named errors. A stage drops an item by raising one of these; the caller reports it and goes on."""


class FrontlinesError(Exception):
    """Base class for the product's own errors."""


class BadInput(FrontlinesError):
    """An input item cannot be used (binary, empty, wrong encoding, malformed, no article)."""

    def __init__(self, item: str, cause: str) -> None:
        super().__init__(f"{item}: {cause}")
        self.item = item
        self.cause = cause


class FetchError(BadInput):
    """A URL could not be fetched (unreachable, timeout, too large, refused)."""


class StoreError(FrontlinesError):
    """The store could not be opened or written."""
