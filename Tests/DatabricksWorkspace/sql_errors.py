"""A statement that failed: reported as state FAILED with an error class, SQLSTATE and message."""


class SQLError(Exception):
    def __init__(self, error_class, sql_state, message, error_code="BAD_REQUEST"):
        super().__init__(message)
        self.error_class = error_class
        self.sql_state = sql_state
        self.error_code = error_code
        self.message = message if message.startswith("[") else f"[{error_class}] {message}"
