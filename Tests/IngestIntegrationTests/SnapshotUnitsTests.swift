import Foundation
import MeetingExtraction
import ProvinceAggregation
import TestSupport
import Testing

/// `ingest snapshot --units historical|current` (and `report --units`) over a snapshot of the six pairs of units that
/// share a code across the 2025 merger, built from the real extractor's records: every format, each pair.
@Suite("Snapshot units", .serialized)
struct SnapshotUnitsTests {
    static let pairs = MergedUnitPair.all

    static func clusterWithSnapshot() throws -> ClusterHarness {
        let extractor = ProjectExtractor.shared
        var state = AggregateState()
        for pair in pairs {
            for (id, text) in pair.reports { _ = state.apply(extractor.extract(text: text), documentID: id) }
        }
        let cluster = try ClusterHarness()
        let directory = cluster.dataDirectory + "/snapshots"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Snapshot(state: state, createdAt: "2026-12-03T00:00:00Z").encoded()
            .write(to: URL(fileURLWithPath: directory + "/snapshot-00000000000000000018.json"))
        return cluster
    }

    /// Rows of `--format csv` as name -> (code, documents).
    static func csvRows(_ output: String) -> [String: (code: Int, documents: Int)] {
        var rows: [String: (Int, Int)] = [:]
        for line in output.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells.count > 2, let code = Int(cells[1]), let documents = Int(cells[2]) { rows[cells[0]] = (code, documents) }
        }
        return rows
    }

    @Test("historical keeps each unit of its era apart in json, csv and the table")
    func historical() throws {
        let cluster = try Self.clusterWithSnapshot()
        defer { cluster.tearDown() }
        let csv = try cluster.run(["snapshot", "--units", "historical", "--format", "csv"], timeout: 30)
        #expect(csv.status == 0)
        let rows = Self.csvRows(csv.output)
        for pair in Self.pairs {
            #expect(rows[pair.kept].map { [$0.code, $0.documents] } == [pair.keptCode, 2], "\(pair.kept)")
            #expect(rows[pair.partner].map { [$0.code, $0.documents] } == [pair.partnerCode, 1], "\(pair.partner)")
            #expect(rows[pair.kept + " (2025)"].map { [$0.code, $0.documents] } == [pair.newCode, 1], "\(pair.kept) (2025)")
        }
        let json = try cluster.run(["snapshot", "--format", "json"], timeout: 30)
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(json.output.utf8))
        #expect(snapshot.currentUnits == nil, "the json of one view carries that view only")
        for pair in Self.pairs {
            let named = Set(snapshot.provinces.filter { $0.name == pair.kept }.map { "\($0.code ?? -1) \($0.documents)" })
            #expect(named == ["\(pair.keptCode) 2", "\(pair.newCode) 1"], "\(pair.kept)")
        }
        let table = try cluster.run(["snapshot", "--wide"], timeout: 30)
        #expect(table.output.contains("units historical"))
        #expect(table.output.split(separator: "\n").contains { $0.hasPrefix("Gia Lai (2025)") && $0.contains(" 52 ") })
        let one = try cluster.run(["snapshot", "--province", "gia lai", "--format", "json"], timeout: 30)
        let both = try JSONDecoder().decode([ProvinceState].self, from: Data(one.output.utf8))
        #expect(Set(both.map(\.code)) == [64, 52], "a name two units share shows both")
        let whole = try cluster.run(["snapshot", "--province", "Gia Lai (2025)", "--format", "csv"], timeout: 30)
        #expect(Self.csvRows(whole.output).map { "\($0.key) \($0.value.code)" } == ["Gia Lai (2025) 52"], "the name as the table shows it: \(whole.output)")
    }

    @Test("current rolls every old unit up into its 2025 unit in json, csv, the table and the report")
    func current() throws {
        let cluster = try Self.clusterWithSnapshot()
        defer { cluster.tearDown() }
        let csv = try cluster.run(["snapshot", "--units", "current", "--format", "csv"], timeout: 30)
        #expect(csv.status == 0)
        let rows = Self.csvRows(csv.output)
        for pair in Self.pairs {
            #expect(rows[pair.kept].map { [$0.code, $0.documents] } == [pair.newCode, 3], "\(pair.kept): three documents, one naming both old units")
            #expect(rows[pair.partner] == nil, "\(pair.partner) is part of \(pair.kept) now")
            #expect(rows[pair.kept + " (2025)"] == nil)
        }
        let json = try cluster.run(["snapshot", "--units", "current", "--format", "json"], timeout: 30)
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(json.output.utf8))
        #expect(Set(snapshot.provinces.map(\.name)) == Set(Self.pairs.map(\.kept)))
        let table = try cluster.run(["snapshot", "--units", "current", "--province", "tay ninh"], timeout: 30)
        #expect(table.output.contains("units current"))
        #expect(table.output.split(separator: "\n").last?.hasPrefix("Tây Ninh") == true)
        let page = cluster.dataDirectory + "/current.html"
        let report = try cluster.run(["report", "--units", "current", "--out", page], timeout: 30)
        #expect(report.status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("<h3>Long An") && html.contains("<h3>Tây Ninh"))
        let wrong = try cluster.run(["snapshot", "--units", "today"], timeout: 30)
        #expect(wrong.status != 0)
    }
}

/// `ingest records --province` over a real cluster's store, matching a name as `snapshot` does: a name the old unit
/// and the 2025 unit share stands for both.
@Suite("Records units", .serialized)
struct RecordsUnitsTests {
    /// The reports of `pair` (all three, or only those whose id ends with `only`) as files, submitted and applied.
    static func cluster(_ pair: MergedUnitPair, only: String? = nil) throws -> ClusterHarness {
        let cluster = try ClusterHarness()
        do {
            let folder = cluster.dataDirectory + "/reports"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (id, text) in pair.reports where only.map({ id.hasSuffix($0) }) ?? true {
                try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/\(id).txt"))
            }
            try cluster.startCluster(workers: 1)
            let submitted = try cluster.run(["submit", "--wait", folder])
            guard submitted.status == 0 else { throw HarnessError("submit failed: \(submitted.output)") }
        } catch {
            cluster.tearDown()
            throw error
        }
        return cluster
    }

    /// The `source` file names of `records --format csv` rows, in order.
    static func sources(_ output: String) -> [String] {
        output.split(separator: "\n").dropFirst().compactMap { line in
            line.split(separator: ",").first { $0.hasSuffix(".txt") }.map { String($0.split(separator: "/").last ?? "") }
        }
    }

    /// A tester's report: `--since 2024-13` listed nothing and `--until 2023-99` everything to the year's end, exit 0.
    @Test("records --since and --until take only dates that exist, and say so before opening anything")
    func datesThatExist() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        for (option, value) in [("--since", "2024-13"), ("--until", "2023-99"), ("--until", "2024-00-99"), ("--since", "2023-02-29"),
                                ("--since", "0999"), ("--until", "24-01"), ("--since", "abc")] {
            let result = try cluster.runCapturingErrors(["records", option, value])
            #expect(result.status != 0 && result.errors.contains("\(option) must be a date that exists") && result.errors.contains(value),
                    "\(option) \(value): \(result.errors)")
        }
        for value in ["2024", "2024-02", "2024-02-29", "1999-12-31"] {
            let result = try cluster.runCapturingErrors(["records", "--since", value, "--until", value])
            #expect(!result.errors.contains("must be a date"), "\(value): \(result.errors)")
        }
    }

    @Test("records --province with a name two units share lists both units' documents, the older first, as snapshot shows both rows; the 2025 unit's whole name lists it alone; with --units current, the 2025 unit and the units it was made of, each document once")
    func sharedName() throws {
        let pair = try #require(MergedUnitPair.all.first { $0.kept == "Gia Lai" })
        let cluster = try Self.cluster(pair)
        defer { cluster.tearDown() }
        let listed = try cluster.run(["records", "--province", "gia lai", "--format", "csv"])
        #expect(listed.status == 0, "\(listed.output)")
        // The old unit's documents (its own 2024 report and the partner's naming its delegation, in the order applied),
        // then the 2025 unit's.
        let sources = Self.sources(listed.output)
        #expect(Set(sources.prefix(2)) == ["Gia Lai-2024.txt", "Bình Định-2024.txt"] && sources.dropFirst(2) == ["Gia Lai-2026.txt"], "\(listed.output)")
        let snapshot = try cluster.run(["snapshot", "--live", "--province", "gia lai", "--format", "csv"])
        #expect(SnapshotUnitsTests.csvRows(snapshot.output).values.map(\.documents).reduce(0, +) == 3, "\(snapshot.output)")
        let newUnit = try cluster.run(["records", "--province", "Gia Lai (2025)", "--format", "csv"])
        #expect(Self.sources(newUnit.output) == ["Gia Lai-2026.txt"], "\(newUnit.output)")
        // --units current: the 2025 unit with the units it was made of, each document once (the Bình Định report names
        // both old units), as many as the current view counts.
        let current = try cluster.run(["records", "--province", "gia lai", "--units", "current", "--format", "csv"])
        let currentSources = Self.sources(current.output)
        #expect(current.status == 0 && currentSources.count == 3
                && Set(currentSources) == ["Gia Lai-2024.txt", "Bình Định-2024.txt", "Gia Lai-2026.txt"], "\(current.output)")
        let currentView = try cluster.run(["snapshot", "--live", "--units", "current", "--province", "gia lai", "--format", "csv"])
        #expect(SnapshotUnitsTests.csvRows(currentView.output).values.map(\.documents) == [3], "\(currentView.output)")
        // A name that matches nothing: exit 1, naming the nearest, and no listing at all.
        let typo = try cluster.runCapturingErrors(["records", "--province", "gia lia", "--format", "csv"], timeout: 30)
        #expect(typo.status == 1 && typo.output.isEmpty, "\(typo.output)")
        #expect(typo.errors.contains("no province matches \"gia lia\"") && typo.errors.contains("did you mean") && typo.errors.contains("Gia Lai"), "\(typo.errors)")
    }

    @Test("the running aggregator's current view counts each document once per 2025 unit, as the reducer does in-process, and again after a kill -9 with every snapshot gone")
    func currentViewOnTheAggregator() throws {
        let cluster = try ClusterHarness()
        defer { cluster.tearDown() }
        let folder = cluster.dataDirectory + "/pairs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var state = AggregateState()
        for pair in MergedUnitPair.all {
            for (id, text) in pair.reports {
                try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/\(id).txt"))
                state.apply(try ProjectExtractor.shared.extract(text: text), documentID: id)
            }
        }
        let expected = state.currentUnits.mapValues(\.documents)
        #expect(expected.values.reduce(0, +) >= 18)
        try cluster.startCluster(workers: 1)
        #expect(try cluster.run(["submit", "--wait", folder]).status == 0)
        func current() throws -> [String: Int] {
            let csv = try cluster.run(["snapshot", "--live", "--units", "current", "--format", "csv"], timeout: 30)
            return SnapshotUnitsTests.csvRows(csv.output).mapValues(\.documents)
        }
        #expect(try current() == expected)
        cluster.kill9("aggregator")
        try FileManager.default.removeItem(atPath: cluster.dataDirectory + "/snapshots")
        try cluster.start("aggregator", ["aggregator"])
        #expect(cluster.eventually(timeout: 20) { (try? cluster.aggregatorStatus())??.documentsApplied == 18 })
        #expect(try current() == expected, "rebuilt from the records store")
    }

    @Test("records --province finds a name only its 2025 unit holds, where it used to answer 'no province matches'")
    func onlyTheNewUnit() throws {
        let pair = try #require(MergedUnitPair.all.first { $0.kept == "Gia Lai" })
        let cluster = try Self.cluster(pair, only: "-2026")
        defer { cluster.tearDown() }
        let listed = try cluster.run(["records", "--province", "gia lai", "--format", "csv"])
        #expect(listed.status == 0, "\(listed.output)")
        #expect(Self.sources(listed.output) == ["Gia Lai-2026.txt"], "\(listed.output)")
    }
}
