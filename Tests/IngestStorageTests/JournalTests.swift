import Foundation
import Testing
@testable import IngestStorage

@Suite("Journal")
struct JournalTests {
    private let scratch = ScratchDirectories()

    @Test("records survive a reopen, in order; a new file gets the permissions asked for")
    func reopen() throws {
        let path = try scratch.make() + "/j"
        do {
            let journal = try Journal(path: path, permissions: 0o600)
            try journal.append(Array("Hòa Bình".utf8))
            try journal.append([])
            try journal.append([0, 1, 2, 255])
            #expect(journal.hasUncommitted)
            try journal.commit()
            #expect(!journal.hasUncommitted)
            #expect(try fileSize(path) == journal.committedBytes)
        }
        let reopened = try Journal(path: path)
        #expect(try records(reopened) == [Array("Hòa Bình".utf8), [], [0, 1, 2, 255]])
        #expect(reopened.recovery == JournalRecovery(records: 3, truncatedTailBytes: 0, damagedBytes: 0, salvagedRecords: 0, damagedCopy: nil))
        let permissions = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(permissions == 0o600)
    }

    @Test("a batch appended in one write reads back in order among single appends; a batch holding a record over the limit writes none of it")
    func batchAppend() throws {
        let path = try scratch.make() + "/j"
        let batch = (0..<50).map { Array("entry \($0) Đắk Lắk".utf8) + [UInt8](repeating: UInt8($0), count: $0) }
        do {
            let journal = try Journal(path: path)
            try journal.append(Array("first".utf8))
            try journal.append(contentsOf: batch)
            try journal.append(contentsOf: [])
            try journal.append(Array("last".utf8))
            let before = try fileSize(path)
            #expect(throws: StorageError.self) { try journal.append(contentsOf: [Array("fits".utf8), [UInt8](repeating: 1, count: Journal.maxRecordBytes + 1)]) }
            #expect(try fileSize(path) == before, "nothing of the refused batch is written")
            try journal.commit()
            #expect(try fileSize(path) == journal.committedBytes)
        }
        #expect(try records(at: path) == [Array("first".utf8)] + batch + [Array("last".utf8)])
    }

    @Test("a torn tail is cut off and later appends follow the last good record")
    func tornTail() throws {
        let path = try scratch.make() + "/j"
        do {
            let journal = try Journal(path: path)
            try journal.append(Array("one".utf8))
            try journal.append(Array("two".utf8))
            try journal.commit()
        }
        var bytes = try AtomicFile.read(path)
        bytes.removeLast(2)
        try AtomicFile.write(bytes, to: path)
        do {
            let journal = try Journal(path: path)
            #expect(try records(journal) == [Array("one".utf8)])
            #expect(journal.recovery.truncatedTailBytes == 9)
            #expect(journal.recovery.damagedBytes == 0)
            #expect(journal.recovery.damagedCopy == nil)
            #expect(try fileSize(path) == 11)
            try journal.append(Array("three".utf8))
            try journal.commit()
        }
        #expect(try records(at: path) == [Array("one".utf8), Array("three".utf8)])
    }

    @Test("a corrupt last record is a tail, cut off without a damaged copy")
    func corruptLastRecord() throws {
        let directory = try scratch.make()
        let path = directory + "/j"
        do {
            let journal = try Journal(path: path)
            for word in ["a", "b"] { try journal.append(Array(word.utf8)) }
            try journal.commit()
        }
        var bytes = try AtomicFile.read(path)
        bytes[bytes.count - 1] ^= 0xFF
        try AtomicFile.write(bytes, to: path)
        let journal = try Journal(path: path)
        #expect(try records(journal) == [Array("a".utf8)])
        #expect(journal.recovery.truncatedTailBytes == 9)
        #expect(try Directory.list(directory) == ["j"])
    }

    @Test("zeroed bytes, as a crash can leave, are never read as empty records")
    func zeroedTail() throws {
        let path = try scratch.make() + "/j"
        do {
            let journal = try Journal(path: path)
            try journal.append([1, 2, 3])
            try journal.commit()
        }
        try AtomicFile.write(try AtomicFile.read(path) + [UInt8](repeating: 0, count: 4096), to: path)
        let journal = try Journal(path: path)
        #expect(try records(journal) == [[1, 2, 3]])
        #expect(journal.recovery.truncatedTailBytes == 4096)
    }

    @Test("records written with the earlier payload-only checksum still open")
    func earlierFormat() throws {
        let path = try scratch.make() + "/j"
        var bytes: [UInt8] = []
        for payload in [Array("old".utf8), Array("format".utf8)] {
            for value in [UInt32(payload.count), CRC32.checksum(payload)] {
                for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
            }
            bytes += payload
        }
        try AtomicFile.write(bytes, to: path)
        let journal = try Journal(path: path)
        #expect(try records(journal) == [Array("old".utf8), Array("format".utf8)])
        #expect(journal.recovery.truncatedTailBytes == 0)
    }

    @Test("a payload over the limit throws, writes nothing, and the journal goes on")
    func overLimit() throws {
        let path = try scratch.make() + "/j"
        let journal = try Journal(path: path)
        try journal.append([1])
        #expect {
            try journal.append([UInt8](repeating: 7, count: Journal.maxRecordBytes + 1))
        } throws: { error in
            (error as? StorageError)?.reason == .recordTooLarge(bytes: Journal.maxRecordBytes + 1, limit: Journal.maxRecordBytes)
        }
        try journal.append([2])
        try journal.commit()
        #expect(try records(at: path) == [[1], [2]])
    }

    @Test("forEachRecord streams a file many chunks long, records bigger than a chunk included, in order")
    func streaming() throws {
        let path = try scratch.make() + "/j"
        let chunk = 64 << 10
        // 16 MB: records of up to 3 chunks and many small ones, each tagged with its index.
        var sizes: [Int] = []
        var generator = SystemRandomNumberGenerator()
        var total = 0
        while total < 16 << 20 {
            let size = sizes.count % 50 == 0 ? 3 * chunk + 17 : Int.random(in: 4...(40 << 10), using: &generator)
            sizes.append(size)
            total += size + 8
        }
        func payload(_ index: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: sizes[index])
            withUnsafeBytes(of: UInt32(index).littleEndian) { for (offset, byte) in $0.enumerated() { bytes[offset] = byte } }
            return bytes
        }
        do {
            let journal = try Journal(path: path, permissions: 0o640, chunkBytes: chunk)
            for index in sizes.indices { try journal.append(payload(index)) }
            try journal.commit()
        }
        let journal = try Journal(path: path, permissions: 0o640, chunkBytes: chunk)
        #expect(journal.recovery.records == sizes.count)
        #expect(try fileSize(path) > 100 * chunk)
        var next = 0
        try journal.forEachRecord { record in
            #expect(record == payload(next))
            next += 1
        }
        #expect(next == sizes.count)
    }

    @Test("rewrite replaces the records atomically; appends follow the new ones")
    func rewrite() throws {
        let directory = try scratch.make()
        let journal = try Journal(path: directory + "/j")
        try journal.append([1])
        try journal.commit()
        try journal.append([2])
        try journal.rewrite([[7], [8, 9]].lazy.map { $0 })
        #expect(!journal.hasUncommitted)
        try journal.append([10])
        try journal.commit()
        #expect(try records(at: directory + "/j") == [[7], [8, 9], [10]])
        #expect(try Directory.list(directory) == ["j"])
    }

    @Test("forEachRecord throws when the file was damaged after opening, instead of stopping quietly")
    func damageAfterOpen() throws {
        let path = try scratch.make() + "/j"
        let journal = try Journal(path: path)
        for word in ["a", "b", "c"] { try journal.append(Array(word.utf8)) }
        try journal.commit()
        let descriptor = open(path, O_WRONLY)
        defer { close(descriptor) }
        var garbage: UInt8 = 0xEE
        #expect(pwrite(descriptor, &garbage, 1, 9 + 8) == 1)
        #expect(throws: StorageError.self) { try journal.forEachRecord { _ in } }
    }

    @Test("CRC-32 matches the standard check value")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    /// The definition, a bit at a time: what the eight-byte steps must agree with.
    static func bitwiseCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    @Test("CRC-32 in eight-byte steps agrees with the bitwise definition at every length and alignment, whole or in pieces")
    func crcSlices() {
        var generator = SystemRandomNumberGenerator()
        for length in Array(0...40) + [255, 256, 4_099, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Self.bitwiseCRC(bytes)
            #expect(CRC32.checksum(bytes) == expected, "length \(length)")
            // From an odd offset, and split at every point of a short prefix: a running state spans pieces.
            for split in 0...min(length, 11) {
                let state = bytes.withUnsafeBytes { raw in
                    CRC32.update(CRC32.update(CRC32.initial, UnsafeRawBufferPointer(rebasing: raw[0..<split])), UnsafeRawBufferPointer(rebasing: raw[split...]))
                }
                #expect(CRC32.finish(state) == expected, "length \(length), split at \(split)")
            }
        }
    }
}
