import Logging

extension Logger {
    /// A logger that reports only problems at `level` or above: for the emulator, the demo, the
    /// tests and the benchmarks, which want their own output clean.
    package static func quiet(_ label: String, level: Logger.Level = .warning) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
