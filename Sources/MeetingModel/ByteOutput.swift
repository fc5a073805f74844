/// Bytes appended through a pointer into memory this value owns, for the writers that build output a few bytes at a
/// time (JSON lines, snapshots): an array checks that it is uniquely referenced and has room for every byte
/// appended, which cost `ingest extract` more than the bytes it copied. Room is made once per value written.
public struct ByteOutput: ~Copyable {
    // Inlinable (with what they touch), as the JSON writers in other modules append a byte at a time.
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var written = 0

    /// How many bytes are written.
    public var count: Int { written }

    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes, at least doubling what is held so that appends stay amortised O(1).
    @inlinable
    public mutating func reserve(_ extra: Int) {
        if extra > capacity - written { grow(toHold: extra) }
    }

    @usableFromInline
    mutating func grow(toHold extra: Int) {
        // Sizes here are of text already in memory, so the sum cannot overflow; the doubling saturates.
        let wanted = max(written + extra, capacity.multipliedReportingOverflow(by: 2).overflow ? Int.max : capacity * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: wanted)
        larger.update(from: base, count: written)
        base.deallocate()
        base = larger
        capacity = wanted
    }

    @inlinable
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[written] = byte
        written += 1
    }

    /// Appends without making room: the caller reserved it.
    @inlinable
    public mutating func appendReserved(_ byte: UInt8) {
        base[written] = byte
        written += 1
    }

    @inlinable
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        appendReserved(bytes)
    }

    @inlinable
    public mutating func appendReserved(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + written).update(from: source, count: bytes.count)
        written += bytes.count
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A literal's bytes (keys, `true`, `null`): copied as they are.
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// The bytes written, as an array (one copy).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: written)) }
}
