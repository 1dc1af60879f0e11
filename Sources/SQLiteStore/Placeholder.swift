import GRDB

public enum SQLiteStorePlaceholder {}
