import Foundation
@testable import MeetingExtraction

/// The project's own tables, read once from Config/ (found from this file's path).
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let sharedTables: ExtractionTables = {
    let config = projectRoot.appendingPathComponent("Config")
    return try! ExtractionTables(
        gazetteerJSON: Data(contentsOf: config.appendingPathComponent("gazetteer.json")),
        lexiconJSON: Data(contentsOf: config.appendingPathComponent("lexicon.json")))
}()

let extractor = MeetingExtractor(tables: sharedTables)
