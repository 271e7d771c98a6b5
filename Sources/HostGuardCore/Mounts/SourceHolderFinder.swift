/// `hostguard mounts wait --source SRC`: who still holds anything on a mount of SRC, in any
/// namespace, attached or not. Pure, over the same `ProcessView` as `StaleMountFinder`.
///
/// A mount is recognised by its source in the tables (`learn`), and remembered by mount id and
/// device: once lazily unmounted, no table names it any more, but a descriptor on it still
/// reports its mount id and device. The finder therefore learns on every round and forgets
/// nothing. (A mount detached before the first round was ever seen cannot be told by its
/// source: the kernel keeps no name for it that /proc shows.)
public struct SourceHolderFinder: Sendable {
    public let source: String
    public private(set) var mountIDs = Set<Int>()
    public private(set) var devices = Set<DeviceNumber>()

    public init(source: String) {
        self.source = source
    }

    /// Remembers every mount of the source listed in `views`; true when it learned anything new.
    @discardableResult
    public mutating func learn(from views: MountViews) -> Bool {
        var learned = false
        for (_, entry) in views.mounts(withSource: source) {
            learned = mountIDs.insert(entry.mountID).inserted || learned
            learned = devices.insert(entry.device).inserted || learned
        }
        return learned
    }

    /// True once any mount of the source has been seen.
    public var knowsAnyMount: Bool { !mountIDs.isEmpty }

    /// What `process` holds on a mount of the source: by mount id, or (for an id no table
    /// lists, or a mapping) by device. One holding per kind, counted.
    public func holdings(of process: some ProcessView, views: MountViews) -> [SourceHolding] {
        var found: [SourceHolding] = []
        for object in process.held {
            let onSource: Bool
            if mountIDs.contains(object.mountID) {
                onSource = true
            } else if !views.isListed(mountID: object.mountID), !devices.isEmpty, object.kind == .fd,
                      let device = process.device(of: object), devices.contains(device) {
                onSource = true
            } else {
                onSource = false
            }
            guard onSource else { continue }
            let entry = views.placement(mountID: object.mountID)
            let point: String?
            switch entry {
            case .visible(let mount), .overMounted(let mount, _, _): point = mount.mountPoint
            case .unlisted: point = nil
            }
            found.append(SourceHolding(
                pid: process.pid, kind: object.kind, path: process.target(of: object) ?? "?",
                mountPoint: point, mountID: object.mountID))
        }
        if !devices.isEmpty {
            let devices = self.devices
            for mapping in process.mappings(include: { devices.contains($0) }) {
                found.append(SourceHolding(pid: process.pid, kind: .mmap, path: mapping.path, mountPoint: nil, mountID: nil))
            }
        }
        guard !found.isEmpty else { return [] }
        let command = process.commandLine()
        var merged: [SourceHolding] = []
        for holding in found {
            if let index = merged.firstIndex(where: { $0.kind == holding.kind && $0.mountID == holding.mountID }) {
                merged[index].count += 1
            } else {
                var holding = holding
                holding.command = command
                merged.append(holding)
            }
        }
        return merged
    }

    /// One line per holding for the waiting operator:
    /// "pid 4242 (sleep 3600) fd /srv/old/f ×3 on detached mount 77 [unit.service]".
    public static func line(_ holding: SourceHolding) -> String {
        var text = "pid \(holding.pid) (\(holding.command)) \(holding.kind.rawValue) \(holding.path)"
        if holding.count > 1 { text += " ×\(holding.count)" }
        if let point = holding.mountPoint {
            text += " on \(point)"
        } else {
            text += holding.mountID.map { " on detached mount \($0)" } ?? " on a detached mount"
        }
        if let unit = holding.unit { text += " [\(unit.name)]" }
        return text
    }
}

/// One process's hold on a mount of the source `wait` waits for.
public struct SourceHolding: Equatable, Sendable {
    public var pid: Int32
    public var command = ""
    public var unit: ProcessUnit?
    public var kind: StaleKind
    public var path: String
    public var count = 1
    /// Where it is mounted (nil: detached).
    public var mountPoint: String?
    public var mountID: Int?

    public init(pid: Int32, kind: StaleKind, path: String, mountPoint: String?, mountID: Int?) {
        self.pid = pid
        self.kind = kind
        self.path = path
        self.mountPoint = mountPoint
        self.mountID = mountID
    }
}
