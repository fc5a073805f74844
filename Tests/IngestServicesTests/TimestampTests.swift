import Foundation
import Testing
@testable import IngestServices

/// Stored records and snapshots carry these timestamps, and readers parse them (the benchmark's latency, `ingest
/// show`): the hand-made form must be exactly what Foundation's ISO 8601 formatter writes.
@Suite("Timestamps")
struct TimestampTests {
    @Test("every instant is written as ISO8601DateFormatter writes it with fractional seconds")
    func sameAsFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SystemRandomNumberGenerator()
        let instants = [0, 0.0005, 0.9995, 59.999, 951_782_400, 1_704_067_199.999, 4_102_444_800] +
            (0..<5_000).map { _ in Double.random(in: 0..<4_102_444_800, using: &generator) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.string(from: date) == formatter.string(from: date), "\(seconds)")
        }
    }
}
