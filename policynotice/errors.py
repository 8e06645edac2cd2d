"""Domain errors. Each one renders as a single line a legal editor can act on:
which file, what was expected, how to fix it."""

from __future__ import annotations


class PolicyNoticeError(Exception):
    """Bad input or a violated rule. The CLI prints `Error: <message>` and exits 1."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        # One line, whatever the inputs contained.
        return " ".join(text.split())


class ConfigError(PolicyNoticeError):
    """mkdocs.yml / plugin configuration is wrong."""


class ReleaseLogError(PolicyNoticeError):
    """versions/<policy>.yml is malformed."""


class HistoryError(PolicyNoticeError):
    """Git history cannot be read or contradicts the release log."""


class UsageError(PolicyNoticeError):
    """Bad command-line usage: exit code 2."""
