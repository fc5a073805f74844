import Foundation
import MeetingExtraction

/// Reads the extractor's tables from the configured folder once.
public enum ExtractorLoader {
    public static func load(tablesDirectory: String) throws -> MeetingExtractor {
        let gazetteerPath = (tablesDirectory as NSString).appendingPathComponent("gazetteer.json")
        let lexiconPath = (tablesDirectory as NSString).appendingPathComponent("lexicon.json")
        for path in [gazetteerPath, lexiconPath] where !FileManager.default.fileExists(atPath: path) {
            throw TableError(description: "extractor table not found: \(path)")
        }
        let tables = try ExtractionTables(
            gazetteerJSON: Data(contentsOf: URL(fileURLWithPath: gazetteerPath)),
            lexiconJSON: Data(contentsOf: URL(fileURLWithPath: lexiconPath)))
        return MeetingExtractor(tables: tables)
    }

    /// Each old unit's name (and former name) to its 2025 successor's name and code, from the configured gazetteer.
    public static func successors(tablesDirectory: String) throws -> [String: (name: String, code: Int)] {
        let path = (tablesDirectory as NSString).appendingPathComponent("gazetteer.json")
        let gazetteer = try Gazetteer(json: Data(contentsOf: URL(fileURLWithPath: path)))
        var successors: [String: (name: String, code: Int)] = [:]
        for new in gazetteer.from20250701 { successors[new.name] = (new.name, new.code) }
        for old in gazetteer.before2025 {
            guard let new = gazetteer.from20250701.first(where: { $0.name == old.mergedInto }) else { continue }
            successors[old.name] = (new.name, new.code)
            if let former = old.formerName { successors[former] = (new.name, new.code) }
        }
        return successors
    }
}
