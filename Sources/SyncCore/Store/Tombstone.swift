/// A row whose file is no longer listed: it gets `deleted_at`, and a reason when there is more to
/// say than "gone" (an exclude rule now leaves the file out).
package struct Tombstone: Sendable, Hashable {
    package var filePath: String
    /// Written to `status_reason`; `nil` keeps the row's last reason.
    package var reason: String?

    package init(filePath: String, reason: String? = nil) {
        self.filePath = filePath
        self.reason = reason
    }
}
