import ArgumentParser
import Foundation
import IngestConfig
import IngestServices
import IngestStorage
import MeetingModel
import ProvinceAggregation

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Print the newest snapshot on disk (no daemon needed).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var options: CommonOptions

    @Option(help: "Only this province, as people type it: any case, with or without diacritics or `tỉnh`/`TP` (`binh phuoc`, `TP.HCM`, `hn`, `Hue`, `tinh ca mau`).")
    var province: String?

    @Option(help: "table, json or csv.")
    var format: Format = .table

    @Option(help: "historical: provinces as the articles name them, each unit of its era apart (Gia Lai before 1 July 2025 and the Gia Lai formed then are two rows, the second marked (2025)); current: every old unit rolled up into its 2025 successor (a 2019 Bình Phước meeting counts for Đồng Nai).")
    var units: Snapshot.Units = .historical

    @Flag(help: "Every column in the table (the default keeps six to fit 100 columns).")
    var wide = false

    @Flag(help: "Ask the running aggregator for its current state instead of reading the newest snapshot.")
    var live = false

    func run() async throws {
        let config = try options.loadConfig()
        let (path, stored) = try live ? SnapshotSource.live(config, province: province, units: units) : SnapshotSource.newestOnDisk(config)
        let snapshot = try SnapshotSource.view(stored, units: units, path: path)
        var provinces = snapshot.provinces
        if let province {
            // A name two units share (Gia Lai before and after the merger) shows both; `Gia Lai (2025)` that unit alone.
            switch ProvinceQuery.matchUnits(province, among: provinces.map(\.key)) {
            case .found(let keys): provinces = provinces.filter { keys.contains($0.key) }
            case .missing(let suggestions, let region):
                throw CommandFailure(Self.missMessage(province, path: path, suggestions: suggestions, region: region))
            }
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            if province != nil, provinces.count == 1 {
                print(String(decoding: try encoder.encode(provinces[0]), as: UTF8.self))
            } else if province != nil {
                print(String(decoding: try encoder.encode(provinces), as: UTF8.self))
            } else {
                var trimmed = snapshot
                trimmed.appliedIDs = nil
                print(String(decoding: try encoder.encode(trimmed), as: UTF8.self))
            }
        case .csv:
            print(SnapshotTable.csv(provinces))
        case .table:
            print("snapshot \(path)")
            print("sequence \(snapshot.sequence)  documents \(snapshot.documentsApplied)  at \(snapshot.createdAt)  units \(units.rawValue)")
            print(SnapshotTable.table(provinces, wide: wide))
        }
    }

    /// `no province matches "ca mua" in PATH; did you mean Cà Mau?`
    static func missMessage(_ query: String, path: String, suggestions: [String], region: String?) -> String {
        let miss = "no province matches \(query.debugDescription) in \(path)"
        if let region { return miss + "; \(region) is a region, not a province" }
        guard let last = suggestions.last else { return miss }
        let names = suggestions.count == 1 ? last : suggestions.dropLast().joined(separator: ", ") + " or " + last
        return miss + "; did you mean \(names)?"
    }

}

/// Renders provinces as an aligned table (Vietnamese letters count as one column each) or as CSV.
enum SnapshotTable {
    static let headers = ["Province", "Code", "Documents", "Meetings", "First meeting", "Last meeting", "Officials", "Host", "Bridge point", "Discussant", "Mentioned", "Top topic"]

    /// The columns of the default table: how much is known (documents, meetings), how recent it is, who and
    /// what. The code, the first meeting and the four role counts (which break Meetings down) are `--wide`.
    static let narrowColumns = [0, 2, 3, 5, 6, 11]
    /// The default table fits this many terminal columns: the top topic, then the name, is cut with `…`.
    static let narrowLimit = 100

    static func rows(_ provinces: [ProvinceState]) -> [[String]] {
        provinces.sorted { ($0.documents, $1.displayName) > ($1.documents, $0.displayName) }.map { province in
            [
                province.displayName, province.code.map(String.init) ?? "", String(province.documents), String(province.meetings),
                province.firstMeetingDate ?? "", province.lastMeetingDate ?? "", String(province.officials.count),
                String(province.roles["host"] ?? 0), String(province.roles["bridgePoint"] ?? 0),
                String(province.roles["discussant"] ?? 0), String(province.roles["mentioned"] ?? 0),
                province.topics.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "",
            ]
        }
    }

    static func table(_ provinces: [ProvinceState], wide: Bool = false) -> String {
        let columns = wide ? Array(headers.indices) : narrowColumns
        let header = columns.map { headers[$0] }
        // Printable: a name or a topic from a snapshot written by hand, or by another build, cannot act on the terminal.
        var body = rows(provinces).map { row in columns.map { PrintableText.escaping(row[$0]) } }
        var widths = header.indices.map { column in ([header] + body).map { displayWidth($0[column]) }.max() ?? 0 }
        if !wide {
            // Cut the last column (free text), then the first, down to their headers' width if need be.
            for column in [header.count - 1, 0] {
                let over = widths.reduce(2 * (widths.count - 1), +) - narrowLimit
                guard over > 0 else { break }
                widths[column] = max(displayWidth(header[column]), widths[column] - over)
                body = body.map { row in
                    var row = row
                    row[column] = clip(row[column], to: widths[column])
                    return row
                }
            }
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: max(0, widths[column] - displayWidth(cell)))
                return column == 0 || column == header.count - 1 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([render(header), rule] + body.map(render)).joined(separator: "\n")
    }

    /// `text` in at most `width` terminal columns, ending with `…` when cut.
    static func clip(_ text: String, to width: Int) -> String {
        let text = text.precomposedStringWithCanonicalMapping
        guard PrintableText.columns(text) > width else { return text }
        return PrintableText.fitted(text, columns: width)
    }

    /// Terminal columns (``PrintableText/columns(_:)``: a wide character two, a combining mark none).
    static func displayWidth(_ text: String) -> Int { PrintableText.columns(text.precomposedStringWithCanonicalMapping) }

    static func csv(_ provinces: [ProvinceState]) -> String {
        ([headers] + rows(provinces)).map { $0.map(CSVText.cell).joined(separator: ",") }.joined(separator: "\n")
    }
}
