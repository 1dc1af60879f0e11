import AsyncHTTPClient

public enum DatabricksPlaceholder {}
