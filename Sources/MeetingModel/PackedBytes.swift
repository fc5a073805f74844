#if canImport(Glibc)
import Glibc
#endif

/// Byte strings kept end to end in one buffer, each found by where it ends: a list of a million paths or ids costs
/// their bytes and eight more each, where as many Strings or arrays cost an allocation and its header each. What
/// the clients remember of every document of a run is kept this way.
public struct PackedBytes: RandomAccessCollection, Sendable {
    private var buffer: [UInt8] = []
    private var ends: [Int] = []

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(position: Int) -> ArraySlice<UInt8> { buffer[range(of: position)] }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        ends.append(buffer.count)
    }

    /// `other`'s byte strings after these; taken as it is when there are none yet, so the list is not copied.
    public mutating func append(contentsOf other: PackedBytes) {
        guard !isEmpty else { return self = other }
        let offset = buffer.count
        buffer += other.buffer
        ends.append(contentsOf: other.ends.lazy.map { $0 + offset })
    }

    /// Room for `count` more byte strings of `bytes` bytes in all, so that a list whose size is known grows without
    /// copying itself (a copy holds twice its memory for a moment).
    public mutating func reserveCapacity(_ count: Int, bytes: Int) {
        ends.reserveCapacity(ends.count + count)
        buffer.reserveCapacity(buffer.count + bytes)
    }

    /// The same byte strings ordered by their bytes, as `[UInt8]`s compare (a prefix before what it starts).
    public func sorted() -> PackedBytes {
        let order = buffer.withUnsafeBufferPointer { bytes in
            indices.sorted { Self.precedes(range(of: $0), range(of: $1), in: bytes) }
        }
        var sorted = PackedBytes()
        sorted.reserveCapacity(ends.count, bytes: buffer.count)
        for index in order { sorted.append(self[index]) }
        return sorted
    }

    private func range(of position: Int) -> Range<Int> { (position == 0 ? 0 : ends[position - 1])..<ends[position] }

    private static func precedes(_ left: Range<Int>, _ right: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = Swift.min(left.count, right.count)
        guard common > 0, let base = bytes.baseAddress else { return left.count < right.count }
        let order = memcmp(base + left.lowerBound, base + right.lowerBound, common)
        return order != 0 ? order < 0 : left.count < right.count
    }
}
