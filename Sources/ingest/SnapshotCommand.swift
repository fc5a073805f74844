import ArgumentParser
import Foundation
import IngestConfig
import IngestServices
import IngestStorage
import ProvinceAggregation

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Print the newest snapshot on disk (no daemon needed).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var options: CommonOptions

    @Option(help: "Only this province; matched ignoring case and diacritics (`binh phuoc` finds Bình Phước).")
    var province: String?

    @Option(help: "table, json or csv.")
    var format: Format = .table

    @Flag(help: "Ask the running aggregator for its current state instead of reading the newest snapshot.")
    var live = false

    func run() async throws {
        let config = try options.loadConfig()
        let (path, snapshot) = try live ? liveState(config) : newestSnapshotOrFail(config)
        var provinces = snapshot.provinces
        if let province {
            guard let match = snapshot.state.province(matching: province) else {
                throw CommandFailure("no province matches \(province.debugDescription) in \(path)")
            }
            provinces = [match]
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            if province != nil {
                print(String(decoding: try encoder.encode(provinces[0]), as: UTF8.self))
            } else {
                var trimmed = snapshot
                trimmed.appliedIDs = []
                print(String(decoding: try encoder.encode(trimmed), as: UTF8.self))
            }
        case .csv:
            print(SnapshotTable.csv(provinces))
        case .table:
            print("snapshot \(path)  sequence \(snapshot.sequence)  documents \(snapshot.documentsApplied)  at \(snapshot.createdAt)")
            print(SnapshotTable.table(provinces))
        }
    }

    private func newestSnapshotOrFail(_ config: ClusterConfig) throws -> (String, Snapshot) {
        guard let found = try newestSnapshot(in: config.snapshotsDirectory) else {
            throw CommandFailure("no snapshot in \(config.snapshotsDirectory) yet")
        }
        return found
    }

    private func liveState(_ config: ClusterConfig) throws -> (String, Snapshot) {
        guard let reply = try StatusClient(config: config).liveState(province: nil) else {
            throw CommandFailure("the aggregator at \(config.aggregator) is not answering")
        }
        guard case .state(let bytes) = reply, let snapshot = try? Snapshot.decode(Data(bytes)) else {
            throw CommandFailure("the aggregator at \(config.aggregator) sent no state")
        }
        return ("live from \(config.aggregator)", snapshot)
    }

    private func newestSnapshot(in directory: String) throws -> (String, Snapshot)? {
        guard FileManager.default.fileExists(atPath: directory) else { return nil }
        for path in try SnapshotFiles(directory: directory, keep: Int.max).newestFirst() {
            if let snapshot = try? Snapshot.decode(Data(try AtomicFile.read(path))) { return (path, snapshot) }
            printError("skipping unreadable snapshot \(path)")
        }
        return nil
    }
}

/// Renders provinces as an aligned table (Vietnamese letters count as one column each) or as CSV.
enum SnapshotTable {
    static let headers = ["Province", "Code", "Documents", "Meetings", "First meeting", "Last meeting", "Officials", "Host", "Bridge point", "Discussant", "Mentioned", "Top topic"]

    static func rows(_ provinces: [ProvinceState]) -> [[String]] {
        provinces.sorted { ($0.documents, $1.name) > ($1.documents, $0.name) }.map { province in
            [
                province.name, province.code.map(String.init) ?? "", String(province.documents), String(province.meetings),
                province.firstMeetingDate ?? "", province.lastMeetingDate ?? "", String(province.officials.count),
                String(province.roles["host"] ?? 0), String(province.roles["bridgePoint"] ?? 0),
                String(province.roles["discussant"] ?? 0), String(province.roles["mentioned"] ?? 0),
                province.topics.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "",
            ]
        }
    }

    static func table(_ provinces: [ProvinceState]) -> String {
        let body = rows(provinces)
        let all = [headers] + body
        let widths = headers.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - displayWidth(cell))
                return column == 0 || column == headers.count - 1 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([render(headers), rule] + body.map(render)).joined(separator: "\n")
    }

    /// Terminal columns: one per grapheme cluster (NFC Vietnamese letters, with their marks, are one each).
    static func displayWidth(_ text: String) -> Int { text.precomposedStringWithCanonicalMapping.count }

    static func csv(_ provinces: [ProvinceState]) -> String {
        func quote(_ cell: String) -> String {
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        return ([headers] + rows(provinces)).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n")
    }
}
