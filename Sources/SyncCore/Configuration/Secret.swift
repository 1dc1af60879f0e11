/// A credential. Its description is always redacted, so it cannot leak through string
/// interpolation, logging or `dump`; read ``revealedValue`` only where the value goes on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The credential itself.
    public let revealedValue: String

    public init(_ value: String) { self.revealedValue = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
