extension RandomAccessCollection {
    /// The first index whose element does not satisfy `isBefore`, found by halving: the elements satisfying it must all
    /// come first (people before a sentence, province mentions ending before a token), as mentions are in text order.
    func partitioningIndex(where isBefore: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isBefore(self[middle]) {
                low = index(after: middle)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
