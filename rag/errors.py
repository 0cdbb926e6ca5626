"""The project's small error hierarchy.

Library code raises these; only the CLI and the UI turn them into messages for people.
"""


class RagError(Exception):
    """Base class for every error this package raises on purpose."""


class InvalidQuestion(RagError, ValueError):
    """The question cannot be used (empty, whitespace, too long, no usable characters)."""


class CorpusError(RagError):
    """The data folder has no usable document."""


class IndexDamaged(RagError):
    """An index file is missing, truncated, of another format version or built differently."""


class ConfigError(RagError, ValueError):
    """A setting (environment variable or argument) has a value we cannot use."""


class LLMUnavailable(RagError):
    """LLM answering was asked for but no endpoint is configured or it cannot be reached."""
