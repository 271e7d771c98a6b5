import Glibc

// uname(2).

/// The kernel's node name (uname(2) nodename, what `hostname` prints): never DNS.
public func system_nodeName() -> String {
    var names = utsname()
    uname(&names)
    return withUnsafeBytes(of: names.nodename) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
}
