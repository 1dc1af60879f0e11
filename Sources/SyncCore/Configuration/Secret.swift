/// A credential. Its description is always redacted, so it cannot leak through string
/// interpolation, logging or `dump`; read ``revealedValue`` only where the value goes on the wire.
package struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The credential itself.
    package let revealedValue: String

    package init(_ value: String) { self.revealedValue = value }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
}
