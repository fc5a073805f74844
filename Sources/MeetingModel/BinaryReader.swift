#if canImport(Glibc)
import Glibc
#endif

/// Why bytes are not a record or metadata in the binary form. Decoding never traps on any input.
public enum BinaryFormError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated(what: String, at: Int)
    case invalidUTF8(at: Int)
    case invalidValue(what: String, value: UInt64, at: Int)
    case unknownVersion(UInt8)
    case trailingBytes(count: Int)

    public var description: String {
        switch self {
        case .truncated(let what, let at): "truncated at byte \(at) (reading \(what))"
        case .invalidUTF8(let at): "a string at byte \(at) is not UTF-8"
        case .invalidValue(let what, let value, let at): "\(what) at byte \(at) is \(value), which is not one"
        case .unknownVersion(let version): "binary form version \(version) is not one this build reads"
        case .trailingBytes(let count): "\(count) bytes after the end of the value"
        }
    }
}

/// Reads what ``BinaryWriter`` wrote, checking every length against the bytes left, so that a hostile or
/// damaged buffer is an error, never a trap or a huge allocation.
public struct BinaryReader: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var position: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) {
        self.bytes = bytes
        self.position = position
    }

    /// Reads `bytes` from `header.count` on, after checking they start with `header` (its last byte is the
    /// version: another one is ``BinaryFormError/unknownVersion(_:)``); every byte must be read.
    public static func read<Value>(_ bytes: [UInt8], header: [UInt8],
                                   _ body: (inout BinaryReader) throws(BinaryFormError) -> Value) throws(BinaryFormError) -> Value {
        let result: Result<Value, BinaryFormError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(BinaryFormError) {
                guard buffer.count >= header.count, header.indices.dropLast().allSatisfy({ buffer[$0] == header[$0] }) else {
                    throw .truncated(what: "header", at: 0)
                }
                if let version = header.last, buffer[header.count - 1] != version { throw .unknownVersion(buffer[header.count - 1]) }
                var reader = BinaryReader(buffer, from: header.count)
                let value = try body(&reader)
                try reader.finish()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public var remaining: Int { bytes.count - position }

    public mutating func byte(_ what: String) throws(BinaryFormError) -> UInt8 {
        guard position < bytes.count else { throw .truncated(what: what, at: position) }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func varint(_ what: String) throws(BinaryFormError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        let start = position
        while true {
            let next = try byte(what)
            guard shift < 64, shift < 63 || next <= 1 else { throw .invalidValue(what: what, value: value, at: start) }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// A count of things that each take at least one byte: never more than the bytes left.
    public mutating func count(_ what: String) throws(BinaryFormError) -> Int {
        let start = position
        let value = try varint(what)
        guard value <= UInt64(remaining) else { throw .invalidValue(what: what, value: value, at: start) }
        return Int(value)
    }

    public mutating func int(_ what: String) throws(BinaryFormError) -> Int {
        let raw = try varint(what)
        let decoded = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        guard let value = Int(exactly: decoded) else { throw .invalidValue(what: what, value: raw, at: position) }
        return value
    }

    public mutating func bool(_ what: String) throws(BinaryFormError) -> Bool {
        let start = position
        switch try byte(what) {
        case 0: return false
        case 1: return true
        case let other: throw .invalidValue(what: what, value: UInt64(other), at: start)
        }
    }

    public mutating func double(_ what: String) throws(BinaryFormError) -> Double {
        guard remaining >= 8 else { throw .truncated(what: what, at: position) }
        var bits: UInt64 = 0
        for offset in 0..<8 { bits |= UInt64(bytes[position + offset]) << UInt64(offset * 8) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// A string, checked to be UTF-8 (see ``UTF8Check/string(_:)``).
    public mutating func string(_ what: String) throws(BinaryFormError) -> String {
        let length = try count(what)
        let start = position
        guard let text = UTF8Check.string(UnsafeBufferPointer(rebasing: bytes[start..<start + length])) else { throw .invalidUTF8(at: start) }
        position += length
        return text
    }

    /// A string's bytes, checked to be UTF-8 as ``string(_:)`` checks them, kept as bytes: a document's text, which
    /// is carried on as it came, not made a String.
    public mutating func utf8(_ what: String) throws(BinaryFormError) -> [UInt8] {
        let length = try count(what)
        let text = UnsafeBufferPointer(rebasing: bytes[position..<position + length])
        guard UTF8Check.isValid(text) else { throw .invalidUTF8(at: position) }
        position += length
        return Array(text)
    }

    /// What ``BinaryWriter/opaque(_:)`` wrote: bytes of no particular encoding, not checked.
    public mutating func opaque(_ what: String) throws(BinaryFormError) -> [UInt8] {
        let length = try count(what)
        defer { position += length }
        return Array(UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
    }

    /// Passes over a string, checked to be UTF-8 as ``string(_:)`` checks it, without making it.
    public mutating func skipString(_ what: String) throws(BinaryFormError) {
        let length = try count(what)
        guard UTF8Check.isValid(UnsafeBufferPointer(rebasing: bytes[position..<position + length])) else { throw .invalidUTF8(at: position) }
        position += length
    }

    public mutating func skipOptionalString(_ what: String) throws(BinaryFormError) {
        if try bool(what) { try skipString(what) }
    }

    public mutating func skipStrings(_ what: String) throws(BinaryFormError) {
        let count = try count(what)
        for _ in 0..<count { try skipString(what) }
    }

    /// ``optionalString(_:)``, or with `keeping` false the same checks and nil.
    public mutating func optionalString(_ what: String, keeping: Bool) throws(BinaryFormError) -> String? {
        guard keeping else {
            try skipOptionalString(what)
            return nil
        }
        return try optionalString(what)
    }

    /// ``strings(_:)``, or with `keeping` false the same checks and none.
    public mutating func strings(_ what: String, keeping: Bool) throws(BinaryFormError) -> [String] {
        guard keeping else {
            try skipStrings(what)
            return []
        }
        return try strings(what)
    }

    public mutating func optionalString(_ what: String) throws(BinaryFormError) -> String? {
        try bool(what) ? try string(what) : nil
    }

    public mutating func strings(_ what: String) throws(BinaryFormError) -> [String] {
        let count = try count(what)
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string(what)) }
        return values
    }

    /// Throws unless every byte was read.
    func finish() throws(BinaryFormError) {
        guard remaining == 0 else { throw .trailingBytes(count: remaining) }
    }
}
