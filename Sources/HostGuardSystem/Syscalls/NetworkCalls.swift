import Glibc
import SystemPackage

// getifaddrs(3), inet_pton(3), inet_ntop(3).

/// One address on one interface, from getifaddrs(3) (the kernel's list, via netlink).
public struct InterfaceAddress: Equatable, Sendable {
    public var interface: String
    /// 4 bytes (IPv4) or 16 bytes (IPv6), network order.
    public var bytes: [UInt8]
    public var text: String
}

public func system_interfaceAddresses() throws(SystemError) -> [InterfaceAddress] {
    var list: UnsafeMutablePointer<ifaddrs>?
    _ = try valueOrErrno("getifaddrs") { getifaddrs(&list) }
    defer { freeifaddrs(list) }
    var result: [InterfaceAddress] = []
    var cursor = list
    while let entry = cursor {
        defer { cursor = entry.pointee.ifa_next }
        guard let address = entry.pointee.ifa_addr else { continue }
        let name = String(cString: entry.pointee.ifa_name)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                withUnsafeBytes(of: inet.pointee.sin_addr) { Array($0) }
            }
            result.append(InterfaceAddress(interface: name, bytes: bytes, text: addressText(AF_INET, bytes)))
        case AF_INET6:
            let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                withUnsafeBytes(of: inet6.pointee.sin6_addr) { Array($0) }
            }
            result.append(InterfaceAddress(interface: name, bytes: bytes, text: addressText(AF_INET6, bytes)))
        default:
            continue
        }
    }
    return result
}

/// Parses an IPv4 or IPv6 address in text form (inet_pton); nil when it is neither.
public func system_parseAddress(_ text: String) -> [UInt8]? {
    var four = [UInt8](repeating: 0, count: 4)
    if inet_pton(AF_INET, text, &four) == 1 { return four }
    var sixteen = [UInt8](repeating: 0, count: 16)
    if inet_pton(AF_INET6, text, &sixteen) == 1 { return sixteen }
    return nil
}

private func addressText(_ family: Int32, _ bytes: [UInt8]) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    guard inet_ntop(family, bytes, &buffer, 64) != nil else { return "?" }
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
