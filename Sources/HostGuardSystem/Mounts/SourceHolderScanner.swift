import HostGuardCore

/// Reads, for `hostguard mounts wait`, every namespace's table (so the finder can learn the
/// source's mounts) and every process as a `LiveProcessView`; Core's `SourceHolderFinder`
/// decides who holds what.
public struct SourceHolderScanner {
    let scanner: StaleMountScanner
    let proc: ProcFS

    public init(options: MountScanOptions = MountScanOptions()) {
        scanner = StaleMountScanner(options: options)
        proc = ProcFS(root: options.procRoot)
    }

    /// One round: learn from the tables, then list the holders (units read for them).
    public func round(_ finder: inout SourceHolderFinder) throws(MountScanFailure) -> [SourceHolding] {
        let gathered = try scanner.gather()
        finder.learn(from: gathered.views)
        let current = finder
        var holdings: [SourceHolding] = []
        let scratch = ProcScratch()
        _ = try? proc.walk(pids: gathered.pids, scratch: scratch) { process throws(SystemError) in
            let view = LiveProcessView(process, namespace: gathered.namespaceOf[process.pid] ?? 0)
            holdings += current.holdings(of: view, views: gathered.views)
        }
        var units: [Int32: ProcessUnit?] = [:]
        for index in holdings.indices {
            let pid = holdings[index].pid
            if units[pid] == nil { units[pid] = .some((try? proc.process(pid).unit()) ?? nil) }
            holdings[index].unit = units[pid]!
        }
        return holdings
    }
}
