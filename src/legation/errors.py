"""Errors a user sees: one line, naming the file and the problem."""


class LegationError(Exception):
    """Base class for problems legation reports to its user instead of a traceback."""


class InputError(LegationError):
    """A source file cannot be read as the format it claims to be."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
