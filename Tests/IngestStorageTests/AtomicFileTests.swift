import Foundation
import Testing
@testable import IngestStorage

@Suite("Atomic files")
struct AtomicFileTests {
    private let scratch = ScratchDirectories()

    @Test("a file is read back whole at every size around the read's first guess, and a file whose length the system does not know")
    func readsWhole() throws {
        let directory = try scratch.make()
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 4_095, 4_096, 4_097, 8_192, 100_003] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let path = directory + "/file-\(size)"
            try AtomicFile.write(bytes, to: path)
            #expect(try AtomicFile.read(path) == bytes, "\(size) bytes")
        }
        // /proc files report a length of 0 and still hold text: read until the end, not up to the length.
        let status = try AtomicFile.read("/proc/self/status")
        #expect(status.count > 100 && String(decoding: status, as: UTF8.self).contains("Name:"))
        #expect(throws: StorageError.self) { try AtomicFile.read(directory + "/missing") }
    }
}
