import HostGuardCore

/// The block devices beneath a file system, read from sysfs: the device itself, the disk a
/// partition is on, the devices it is built from (`slaves/`: a dm or md device's members, a
/// loop device's backing device) and the devices built on it (`holders/`: writing one writes
/// through to it). See Documentation/ABI/stable/sysfs-block and sysfs-dev.
enum BlockDevices {
    /// Every device related to `device`, itself first. Empty for an anonymous device (tmpfs,
    /// overlay: major 0) or one sysfs does not list.
    static func related(to device: DeviceNumber, sysRoot: String = "/sys") -> [DeviceNumber] {
        guard device.major != 0 else { return [] }
        var found: [DeviceNumber] = []
        var pending = [device]
        while let next = pending.popLast(), found.count < 64 {
            guard !found.contains(next) else { continue }
            let base = "\(sysRoot)/dev/block/\(next.major):\(next.minor)"
            guard (try? system_stat(base, followSymlinks: true)) != nil else { continue }
            found.append(next)
            // A partition's parent directory is its disk.
            if (try? system_stat(base + "/partition", followSymlinks: true)) != nil,
               let parent = number(at: base + "/../dev") {
                pending.append(parent)
            }
            for kind in ["slaves", "holders"] {
                for name in (try? system_listDirectory(base + "/" + kind)) ?? [] {
                    if let related = number(at: "\(sysRoot)/class/block/\(name)/dev") { pending.append(related) }
                }
            }
        }
        return found
    }

    /// The device a file system is on: its st_dev, or for a file system on an anonymous device
    /// (btrfs subvolumes) the device its mount source names.
    static func beneath(status device: UInt64, mountSource: String?) -> [DeviceNumber] {
        var result = related(to: DeviceNumber(encoded: device))
        if let source = mountSource, source.hasPrefix("/dev/"),
           let node = try? system_stat(source, followSymlinks: true), node.isBlockDevice {
            for extra in related(to: DeviceNumber(encoded: node.specialDevice)) where !result.contains(extra) {
                result.append(extra)
            }
        }
        return result
    }

    /// "MAJOR:MINOR\n" from a sysfs `dev` file.
    private static func number(at path: String) -> DeviceNumber? {
        guard let text = try? system_readText(path, limit: 64) else { return nil }
        return DeviceNumber(Substring(text.split(separator: "\n").first ?? ""), radix: 10)
    }

    /// A device's name for the banner ("loop0", "sda"), from its sysfs link.
    static func name(of device: DeviceNumber, sysRoot: String = "/sys") -> String {
        guard let target = try? system_readlink("\(sysRoot)/dev/block/\(device.major):\(device.minor)") else { return "\(device)" }
        return String(target.split(separator: "/").last ?? Substring("\(device)"))
    }
}
