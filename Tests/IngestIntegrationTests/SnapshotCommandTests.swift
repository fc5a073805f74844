import Foundation
import ProvinceAggregation
import TestSupport
import Testing

/// `ingest snapshot` as its users meet it: the real executable over a snapshot file written here, no daemon.
@Suite("Snapshot command", .serialized)
struct SnapshotCommandTests {
    /// The 63 units before 2025, with long names (`Thừa Thiên Huế`, `Bà Rịa - Vũng Tàu`) and long topics.
    static let names = ProvinceNames.before2025
    static let topics = ["phát triển kinh tế - xã hội gắn với bảo đảm quốc phòng, an ninh", "chuyển đổi số", "xây dựng nông thôn mới"]

    /// A data directory whose newest snapshot holds every one of the 63 units, with five-digit counts.
    static func clusterWithSnapshot() throws -> ClusterHarness {
        let cluster = try ClusterHarness()
        // Official has no public initialiser; it is built the way a snapshot is read.
        let official = try JSONDecoder().decode(ProvinceState.Official.self, from: Data(#"{"titles": ["Chủ tịch UBND tỉnh"], "lastSeen": "2024-12-01"}"#.utf8))
        var state = AggregateState()
        for (index, name) in names.enumerated() {
            var province = ProvinceState(name: name)
            province.code = index * 2 + 1
            province.documents = 10_000 + index
            province.meetings = 5_000 + index
            province.firstMeetingDate = "2019-01-\(String(format: "%02d", index % 28 + 1))"
            province.lastMeetingDate = "2024-12-\(String(format: "%02d", index % 28 + 1))"
            province.roles = ["host": 1_000 + index, "bridgePoint": 2_000, "discussant": 3_000, "mentioned": 5_000]
            province.topics = [topics[index % topics.count]: 50, "giảm nghèo": 10]
            province.officials = Dictionary(uniqueKeysWithValues: (0..<(index % 7 + 1)).map {
                ("Nguyễn Văn \(index)-\($0)", official)
            })
            state.provinces[name] = province
        }
        state.sequence = 12_345
        state.documentsApplied = 12_345
        try write(state, into: cluster)
        return cluster
    }

    /// `state` as the newest snapshot of `cluster`'s data directory, named for its sequence as the aggregator names it.
    static func write(_ state: AggregateState, into cluster: ClusterHarness) throws {
        let directory = cluster.dataDirectory + "/snapshots"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Snapshot(state: state, createdAt: "2025-01-02T03:04:05.678Z").encoded()
            .write(to: URL(fileURLWithPath: directory + "/snapshot-\(String(format: "%020llu", state.sequence)).json"))
    }

    /// Terminal columns of the widest line: characters (NFC grapheme clusters), not bytes.
    static func widestTableLine(_ output: String) -> Int {
        // The first two lines are the snapshot's path (as long as the temporary folder's) and its counters.
        output.split(separator: "\n").dropFirst(2).map { String($0).precomposedStringWithCanonicalMapping.count }.max() ?? 0
    }

    @Test("typed forms find their province", arguments: [
        ("TP.HCM", "Hồ Chí Minh"), ("tphcm", "Hồ Chí Minh"), ("hn", "Hà Nội"), ("Hue", "Thừa Thiên Huế"), ("tinh ca mau", "Cà Mau"),
        ("brvt", "Bà Rịa - Vũng Tàu"),
    ])
    func found(query: String, name: String) throws {
        let cluster = try Self.clusterWithSnapshot()
        defer { cluster.tearDown() }
        let json = try cluster.run(["snapshot", "--province", query, "--format", "json"], timeout: 30)
        #expect(json.status == 0)
        let province = try JSONDecoder().decode(ProvinceState.self, from: Data(json.output.utf8))
        #expect(province.name == name)
        let table = try cluster.run(["snapshot", "--province", query], timeout: 30)
        #expect(table.status == 0)
        #expect(table.output.split(separator: "\n").count == 5)
        #expect(table.output.split(separator: "\n").last?.hasPrefix(name) == true)
    }

    @Test("snapshot --format csv makes a top topic a spreadsheet would run text, and quotes one with a comma, a quote or a line break")
    func csvCells() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let cells = ["Cà Mau": "+khai thác IUU", "Bạc Liêu": "=1+2", "An Giang": "lúa, tôm", "Gia Lai": "cà phê \"sạch\"", "Nghệ An": "đường\nbộ",
                     "Thanh Hóa": "-giảm nghèo"]
        var state = AggregateState()
        for (name, topic) in cells {
            var province = ProvinceState(name: name)
            province.documents = 1
            province.topics = [topic: 3, "khác": 1]
            state.provinces[name] = province
        }
        state.sequence = 6
        state.documentsApplied = 6
        try Self.write(state, into: cluster)
        let csv = try cluster.run(["snapshot", "--format", "csv"])
        #expect(csv.status == 0)
        for (name, cell) in ["Cà Mau": ",'+khai thác IUU\n", "Bạc Liêu": ",'=1+2\n", "An Giang": ",\"lúa, tôm\"\n", "Gia Lai": ",\"cà phê \"\"sạch\"\"\"\n",
                             "Nghệ An": ",\"đường\nbộ\"\n", "Thanh Hóa": ",'-giảm nghèo\n"] {
            #expect(csv.output.contains(cell), "\(name): \(cell.debugDescription) in \(csv.output)")
        }
    }

    @Test("a miss exits 1 and names the nearest province")
    func miss() throws {
        let cluster = try Self.clusterWithSnapshot()
        defer { cluster.tearDown() }
        let result = try cluster.runCapturingErrors(["snapshot", "--province", "ca mua"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("no province matches \"ca mua\" in \(cluster.dataDirectory)/snapshots/snapshot-00000000000000012345.json; did you mean Cà Mau?"))
        let region = try cluster.runCapturingErrors(["snapshot", "--province", "ĐBSCL"])
        #expect(region.status == 1)
        #expect(region.errors.contains("is a region, not a province"))
    }

    @Test("the default table of 63 provinces fits 100 columns; --wide shows every column")
    func widths() throws {
        let cluster = try Self.clusterWithSnapshot()
        defer { cluster.tearDown() }
        let narrow = try cluster.run(["snapshot"], timeout: 30)
        #expect(narrow.status == 0)
        let narrowLines = narrow.output.split(separator: "\n")
        #expect(narrowLines.count == 2 + 2 + 63)
        #expect(Self.widestTableLine(narrow.output) <= 100)
        #expect(narrowLines.contains { $0.hasPrefix("Bà Rịa - Vũng Tàu") })
        #expect(narrowLines.contains { $0.hasPrefix("Thừa Thiên Huế") })
        #expect(narrowLines.contains { $0.hasSuffix("…") })
        #expect(!narrowLines[2].contains("Bridge point"))
        let wide = try cluster.run(["snapshot", "--wide"], timeout: 30)
        #expect(wide.status == 0)
        #expect(wide.output.split(separator: "\n").count == 2 + 2 + 63)
        #expect(Self.widestTableLine(wide.output) > 100)
        #expect(wide.output.contains("Bridge point"))
        #expect(wide.output.contains(Self.topics[0]))
        print("snapshot table widest line: narrow \(Self.widestTableLine(narrow.output)), wide \(Self.widestTableLine(wide.output))")
    }
}
