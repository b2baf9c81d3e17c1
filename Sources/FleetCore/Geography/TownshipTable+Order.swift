extension TownshipTable {
    /// Township names in the table's (official) order, names not in the table — 未匹配 — last,
    /// by name: the order of every list by township.
    ///
    ///     TownshipTable.xinmi.sortedInTableOrder(["未匹配", "白寨镇", "青屏街街道"])   // 青屏街街道, 白寨镇, 未匹配
    public func sortedInTableOrder(_ names: some Sequence<String>) -> [String] {
        let ranks = Dictionary(townships.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let last = townships.count
        return names.sorted { (ranks[$0] ?? last, $0) < (ranks[$1] ?? last, $1) }
    }
}
