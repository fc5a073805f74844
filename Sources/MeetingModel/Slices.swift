extension Collection {
    /// The collection cut into consecutive pieces of at most `size` elements (the last may be shorter), in order: for
    /// messages and statements with a limit on how many they carry.
    public func slices(of size: Int) -> [SubSequence] {
        let size = Swift.max(1, size)
        var pieces: [SubSequence] = []
        var start = startIndex
        while start != endIndex {
            let end = index(start, offsetBy: size, limitedBy: endIndex) ?? endIndex
            pieces.append(self[start..<end])
            start = end
        }
        return pieces
    }
}
