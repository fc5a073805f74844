import Foundation
import TestSupport
@testable import MeetingExtraction

/// The project's own tables, read once from Config/ (found from this file's path).
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let sharedTables = ProjectExtractor.tables

let extractor = MeetingExtractor(tables: sharedTables)
