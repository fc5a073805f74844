import MeetingModel
import Testing

@Suite("Byte strings packed in one buffer")
struct PackedBytesTests {
    /// Byte strings of every length up to 5 over a small alphabet with the extremes, empty ones among them, so
    /// that prefixes, equal strings and bytes past 0x7F all meet in the sort.
    static func strings(seed: UInt64) -> [[UInt8]] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let alphabet: [UInt8] = [0x00, 0x2E, 0x2F, 0x61, 0x62, 0x7F, 0x80, 0xC3, 0xFF]
        return (0..<400).map { _ in (0..<Int(next() % 6)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] } }
    }

    @Test("each string reads back as appended, and sorted() orders them as arrays of bytes compare", arguments: [1, 2, 3] as [UInt64])
    func readsBackAndSorts(seed: UInt64) {
        let strings = Self.strings(seed: seed)
        var packed = PackedBytes()
        for string in strings { packed.append(string) }
        #expect(packed.map { Array($0) } == strings)
        #expect(packed.sorted().map { Array($0) } == strings.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test("one list appended to another keeps both in order, with the second's offsets moved past the first")
    func appendsAList() {
        let first = Self.strings(seed: 4), second = Self.strings(seed: 5)
        var packed = PackedBytes(), other = PackedBytes()
        for string in first { packed.append(string) }
        for string in second { other.append(string) }
        packed.reserveCapacity(other.count, bytes: 100)
        packed.append(contentsOf: other)
        #expect(packed.map { Array($0) } == first + second)
    }

    @Test("ids come back as the same ids, in order")
    func ids() throws {
        let ids = try ["a", String(repeating: "f", count: 64), "doc-1", "0", String(repeating: "Z", count: 128)].map { try #require(DocumentID($0)) }
        var packed = PackedDocumentIDs()
        packed.reserveCapacity(ids.count)
        for id in ids { packed.append(id) }
        #expect(Array(packed) == ids)
        #expect(Array(PackedDocumentIDs(ids.reversed())) == ids.reversed())
    }
}
