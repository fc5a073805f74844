import Foundation
import GRDB

/// Column values read without trapping: GRDB's typed subscripts stop the process on a value of the wrong type,
/// which a damaged page can hold.
extension Row {
    func text(_ column: String) -> String? { String.fromDatabaseValue(self[column] as DatabaseValue) }
    func blob(_ column: String) -> Data? { Data.fromDatabaseValue(self[column] as DatabaseValue) }
    func sequence(_ column: String = "seq") -> UInt64? { Int64.fromDatabaseValue(self[column] as DatabaseValue).map { UInt64(clamping: $0) } }
}

/// A row that does not hold what the schema says it does.
struct MalformedRow: Error, CustomStringConvertible {
    let column: String
    var description: String { "a row's \(column) is not of its type (a damaged page?)" }
}
