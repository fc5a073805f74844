import Foundation
import MeetingModel
import Testing

@Suite("the record's binary form")
struct BinaryFormTests {
    /// A record using every field, with the values that are easy to get wrong: empty and non-ASCII strings,
    /// negative and large integers, fractional and odd doubles, every enum case.
    static let full = MeetingRecord(
        title: "Hội nghị trực tuyến về chuyển đổi số", date: "2025-07-02", dateText: "Sáng 2/7", partOfDay: .evening,
        meetingKind: "hội nghị", format: .inPerson,
        chair: .init(name: "Trần Thị Bích", titles: ["Phó Chủ tịch UBND tỉnh", ""]),
        coChairs: [.init(name: "Lê Văn Cường", titles: [])],
        participants: [.init(name: "Phạm Hữu Đức", titles: ["Giám đốc Sở Tài chính"], province: "Gia Lai", location: nil),
                       .init(name: "Võ Thành Nam", titles: [], province: nil, location: "điểm cầu Quy Nhơn")],
        provinces: [.init(name: "Gia Lai", code: 52, roles: [.host, .bridgePoint, .discussant, .mentioned], mergedInto: "Gia Lai",
                          mergedIntoCode: 52, formedIn2025: true),
                    .init(name: "Bình Định", code: -7, roles: [], mergedInto: "Gia Lai", mergedIntoCode: nil)],
        locations: ["Quy Nhơn"], organizations: ["Sở Khoa học và Công nghệ"], topics: ["chuyển đổi số", ""],
        years: [2025, -1, Int(Int32.max) * 4], figures: [.init(text: "12,5%", value: 12.5, unit: "%"), .init(text: "âm", value: -0.0, unit: nil),
                                                         .init(text: "tỷ", value: 1e300, unit: "tỷ đồng")],
        captions: ["Ảnh: phóng viên"], warnings: ["no year in the text"])

    @Test("every field survives the round trip, and an empty record too")
    func roundTrip() throws {
        var spanned = Self.full
        spanned.startDate = "2025-07-01"
        spanned.endDate = "--07-03"
        for record in [Self.full, spanned, MeetingRecord(), MeetingRecord(partOfDay: .morning, format: .hybrid), MeetingRecord(format: .online)] {
            let bytes = record.binaryEncoded()
            #expect(bytes.first == MeetingRecord.binaryFormMarker)
            #expect(try MeetingRecord(binary: bytes) == record)
            #expect(try MeetingRecord(encoded: bytes) == record)
        }
    }

    @Test("JSON, as first-version workers sent and stores kept, still decodes through the same door")
    func jsonStillDecodes() throws {
        let json = Array(try JSONEncoder().encode(Self.full))
        #expect(try MeetingRecord(encoded: json) == Self.full)
        #expect(Self.full.binaryEncoded().count * 2 < json.count, "the binary form is the smaller")
    }

    @Test("every truncation of a record is an error, never a trap or a different record")
    func truncations() {
        let bytes = Self.full.binaryEncoded()
        for length in 0..<bytes.count {
            #expect(throws: BinaryFormError.self) { try MeetingRecord(binary: Array(bytes.prefix(length))) }
        }
        #expect(throws: BinaryFormError.trailingBytes(count: 1)) { try MeetingRecord(binary: bytes + [0]) }
    }

    @Test("hostile bytes: huge counts, overlong varints, bad UTF-8, unknown cases and versions are errors")
    func hostileBytes() {
        let header: [UInt8] = [MeetingRecord.binaryFormMarker, 1]
        // A title claiming 2^63 bytes must not allocate them.
        #expect(throws: BinaryFormError.self) { try MeetingRecord(binary: header + [1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) }
        // A varint of eleven bytes overflows 64 bits.
        #expect(throws: BinaryFormError.self) { try MeetingRecord(binary: header + [1] + [UInt8](repeating: 0xFF, count: 10) + [0x01]) }
        // A title of two bytes that are not UTF-8.
        #expect(throws: BinaryFormError.invalidUTF8(at: 4)) { try MeetingRecord(binary: header + [1, 2, 0xC3, 0x28]) }
        // partOfDay 9 is no case.
        #expect(throws: BinaryFormError.invalidValue(what: "partOfDay", value: 9, at: 7)) {
            try MeetingRecord(binary: header + [0, 0, 0, 0, 0, 9])
        }
        #expect(throws: BinaryFormError.unknownVersion(2)) { try MeetingRecord(binary: [MeetingRecord.binaryFormMarker, 2]) }
        // A presence byte other than 0 or 1.
        #expect(throws: BinaryFormError.self) { try MeetingRecord(binary: header + [7]) }
    }

    @Test("a string is refused exactly when the standard library's strict validation refuses it: overlong forms, surrogates, beyond U+10FFFF, cut sequences, stray continuations")
    func stringValidationMatchesTheStandardLibrary() {
        let header: [UInt8] = [MeetingRecord.binaryFormMarker, 1, 1]
        var cases: [[UInt8]] = [
            [], Array("Quảng Trị".utf8), Array("Nguyễn Văn An 😀".utf8), [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE1, 0xBA], [0x80], [0x41, 0xBF, 0x42], [0xEF, 0xBF, 0xBD], [0xFF],
        ]
        var generator = SplitMix(seed: 7)
        let alphabet: [UInt8] = [0x41, 0x20, 0x80, 0xBF, 0xC3, 0xA0, 0xE1, 0xBA, 0xBB, 0xED, 0xF0, 0x9F, 0xF4, 0x90, 0xFF]
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 12)
            cases.append((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        // Runs of ASCII around a bad byte, for the check that passes eight ASCII bytes at a time.
        for _ in 0..<500 {
            let ascii = (0..<Int(generator.next() % 20)).map { _ in UInt8(0x20 + generator.next() % 0x5F) }
            let tail = (0..<Int(generator.next() % 4)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            cases.append(ascii + tail + ascii)
        }
        for bytes in cases where bytes.count < 128 {
            let valid = bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } != nil
            #expect(bytes.withUnsafeBufferPointer(UTF8Check.isValid) == valid, "\(bytes)")
            #expect(UTF8Check.string(bytes) == String(validating: bytes, as: UTF8.self), "\(bytes)")
            var refusedAsUTF8 = false
            do {
                _ = try MeetingRecord(binary: header + [UInt8(bytes.count)] + bytes)
            } catch {
                refusedAsUTF8 = error == .invalidUTF8(at: 4)
            }
            #expect(refusedAsUTF8 == !valid, "\(bytes)")
            // The title is one of the strings the aggregation's decoder checks without keeping.
            var skippedRefused = false
            do {
                _ = try MeetingRecord(encodedForAggregation: header + [UInt8(bytes.count)] + bytes)
            } catch {
                skippedRefused = (error as? BinaryFormError) == .invalidUTF8(at: 4)
            }
            #expect(skippedRefused == !valid, "\(bytes)")
        }
    }

    @Test("the aggregation's decoder gives the whole record but for the fields it only checks, which it leaves empty")
    func decodedForAggregation() throws {
        var spanned = Self.full
        spanned.startDate = "2025-07-01"
        spanned.endDate = "--07-03"
        for record in [Self.full, spanned, MeetingRecord()] {
            var expected = record
            expected.title = nil
            expected.dateText = nil
            expected.startDate = nil
            expected.endDate = nil
            expected.chair = record.chair.map { MeetingRecord.Person(name: $0.name, titles: []) }
            expected.coChairs = record.coChairs.map { MeetingRecord.Person(name: $0.name, titles: []) }
            expected.participants = record.participants.map { .init(name: $0.name, titles: $0.titles, province: $0.province, location: nil) }
            expected.locations = []
            expected.organizations = []
            expected.years = []
            expected.figures = []
            expected.captions = []
            expected.warnings = []
            #expect(try MeetingRecord(encodedForAggregation: record.binaryEncoded()) == expected)
        }
        // A first-version worker's JSON is decoded whole.
        #expect(try MeetingRecord(encodedForAggregation: Array(try JSONEncoder().encode(Self.full))) == Self.full)
    }

    @Test("the aggregation's decoder refuses exactly what the whole decoder refuses: truncations, flipped bytes, noise")
    func aggregationRefusesTheSame() {
        let bytes = Self.full.binaryEncoded()
        for length in 0..<bytes.count {
            // No bytes at all are no binary form, and fail as JSON.
            #expect(throws: (any Error).self) { try MeetingRecord(encodedForAggregation: Array(bytes.prefix(length))) }
        }
        var generator = SplitMix(seed: 9)
        for _ in 0..<2_000 {
            var flipped = bytes
            for _ in 0..<2 { flipped[2 + Int(generator.next() % UInt64(bytes.count - 2))] = UInt8(truncatingIfNeeded: generator.next()) }
            let whole = (try? MeetingRecord(binary: flipped)) != nil
            let skimmed = (try? MeetingRecord(encodedForAggregation: flipped)) != nil
            #expect(whole == skimmed, "\(flipped)")
        }
    }

    @Test("random bytes after the header never trap")
    func randomBytes() {
        var generator = SplitMix(seed: 42)
        let valid = Self.full.binaryEncoded()
        for round in 0..<2_000 {
            var bytes = valid
            // Flip a few bytes of a valid record, or replace its tail with noise.
            if round % 2 == 0 {
                for _ in 0..<3 { bytes[2 + Int(generator.next() % UInt64(bytes.count - 2))] = UInt8(truncatingIfNeeded: generator.next()) }
            } else {
                let cut = 2 + Int(generator.next() % UInt64(bytes.count - 2))
                bytes = Array(bytes.prefix(cut)) + (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            }
            // Either an error or some record: what matters is that it returns.
            _ = try? MeetingRecord(binary: bytes)
        }
    }

    @Test("metadata: binary, JSON from a first-version peer, and none")
    func metadata() throws {
        let metadata = DocumentMetadata(published: "2024-05-28", source: "báo cáo/hội nghị.txt")
        #expect(try DocumentMetadata(encoded: metadata.binaryEncoded()) == metadata)
        #expect(try DocumentMetadata(encoded: DocumentMetadata().binaryEncoded()) == DocumentMetadata())
        #expect(try DocumentMetadata(encoded: Array(#"{"published":"2024-05-28"}"#.utf8)) == DocumentMetadata(published: "2024-05-28"))
        #expect(try DocumentMetadata(encoded: []) == DocumentMetadata())
        #expect(throws: (any Error).self) { try DocumentMetadata(encoded: [0xB2, 1, 1, 200]) }
    }
}

/// A small deterministic generator, so that a failure can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
