import GRDB
import GRDBSQLite

/// Runs one of the store's cached statements on its hot paths (the inserts, the id lookup) through SQLite's C API:
/// GRDB's `StatementArguments` (an array of boxed values per execution) and cursors cost more than the insert
/// itself, about 60% of the store's CPU at a batch of 1,000 records. Text is bound from its UTF-8 storage and
/// copied by SQLite.
struct RawStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private var index: CInt = 0

    init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { utf8 in
            if let base = utf8.baseAddress {
                _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), CInt(clamping: utf8.count), rawTransient)
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, rawTransient)
            }
        }
    }

    mutating func bind(blob value: [UInt8]) {
        index += 1
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), CInt(clamping: bytes.count), rawTransient)
        }
    }

    /// Steps the statement once; a constraint or I/O failure is a `DatabaseError`, as GRDB would throw it.
    func run(_ db: Database) throws {
        guard try step(db) == false else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "a statement that writes returned a row", sql: statement.sql) }
    }

    /// Steps a query once: whether it has a row.
    func hasRow(_ db: Database) throws -> Bool {
        try step(db)
    }

    private func step(_ db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}

/// SQLite copies the bound value before the call returns (`SQLITE_TRANSIENT`).
private let rawTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
