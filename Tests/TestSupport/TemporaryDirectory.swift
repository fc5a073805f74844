import Foundation

/// A directory under the system's temporary folder, removed with everything in it when the last reference
/// goes: a suite instance (one per test) holds it, so every test cleans up after itself.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
