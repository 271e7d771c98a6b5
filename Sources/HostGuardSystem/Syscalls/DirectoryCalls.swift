import CLinuxSupport
import Glibc
import SystemPackage

// Directories and their entries: opendir(3)/readdir(3), mkdir(2), rmdir(2), unlink(2), rename(2)
// and renameat2(2).

/// Names in a directory as bytes (names need not be UTF-8), with their d_type (DT_DIR …;
/// DT_UNKNOWN on file systems that do not fill it in), without "." and "..", unsorted, at most
/// `limit` of them.
public func system_listDirectory(bytes path: [UInt8], limit: Int = .max) throws(SystemError) -> [(name: [UInt8], type: UInt8)] {
    let dir = try withCPath(path) { pointer throws(SystemError) in try openDirectoryStream(pointer, describedAs: describePath(path)) }
    defer { closedir(dir) }
    var entries: [(name: [UInt8], type: UInt8)] = []
    forEachEntry(dir, limit: limit) { name, type in entries.append((Array(name), type)) }
    return entries
}

/// Names in a directory as text (bytes that are not UTF-8 become U+FFFD: for /proc and config
/// drop-in directories, whose names hostguard chose), without "." and "..", unsorted.
public func system_listDirectory(_ path: String) throws(SystemError) -> [String] {
    let dir = try openDirectoryStream(path, describedAs: path)
    defer { closedir(dir) }
    var names: [String] = []
    forEachEntry(dir, limit: .max) { name, _ in names.append(String(decoding: name, as: UTF8.self)) }
    return names
}

/// `system_listDirectory(_:)` of `path` relative to a directory fd (/proc/<pid>/fd through a
/// /proc/<pid> handle).
public func system_listDirectoryAt(_ directory: Int32, _ path: String) throws(SystemError) -> [String] {
    let fd = try valueOrErrno("open", path: path) { openat(directory, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    guard let dir = fdopendir(fd) else {
        let code = currentErrno()
        system_close(fd)
        throw SystemError("opendir", path: path, errno: code)
    }
    defer { closedir(dir) }
    var names: [String] = []
    forEachEntry(dir, limit: .max) { name, _ in names.append(String(decoding: name, as: UTF8.self)) }
    return names
}

/// opendir(3) of a path, not openat + fdopendir: glibc's fdopendir adds an fstat and two fcntl
/// per directory, which the guard's /proc scan would pay once per process.
@inline(__always)
private func openDirectoryStream(_ path: UnsafePointer<CChar>, describedAs name: @autoclosure () -> String) throws(SystemError) -> OpaquePointer {
    guard let dir = opendir(path) else { throw SystemError("opendir", path: name(), errno: currentErrno()) }
    return dir
}

/// The one readdir(3) loop: each entry but "." and ".." as its raw name bytes and d_type.
@inline(__always)
private func forEachEntry(_ dir: OpaquePointer, limit: Int, _ body: (UnsafeRawBufferPointer.SubSequence, UInt8) -> Void) {
    var count = 0
    while count < limit, let entry = readdir(dir) {
        let type = entry.pointee.d_type
        let skip = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Bool in
            let name = raw.prefix(while: { $0 != 0 })
            if name.elementsEqual([0x2E]) || name.elementsEqual([0x2E, 0x2E]) { return true }
            body(name, type)
            return false
        }
        if !skip { count += 1 }
    }
}

/// mkdir(2) of one directory with `mode` (less the umask, as mkdir(2) does; parents are not made).
/// `existingIsFine`: when something already exists at `path`, true succeeds without looking at
/// what it is (the caller checks it, or creates it only to use it when it is there), false fails
/// with EEXIST (the caller must be the one who made it, e.g. a fresh quarantine entry).
public func system_makeDirectory(_ path: String, mode: UInt32, existingIsFine: Bool) throws(SystemError) {
    try makeDirectoryCall(path, mode: mode, existingIsFine: existingIsFine, describedAs: path)
}

/// `system_makeDirectory` of a byte path.
public func system_makeDirectory(bytes path: [UInt8], mode: UInt32, existingIsFine: Bool) throws(SystemError) {
    try withCPath(path) { pointer throws(SystemError) in
        try makeDirectoryCall(pointer, mode: mode, existingIsFine: existingIsFine, describedAs: describePath(path))
    }
}

@inline(__always)
private func makeDirectoryCall(_ path: UnsafePointer<CChar>, mode: UInt32, existingIsFine: Bool, describedAs name: @autoclosure () -> String) throws(SystemError) {
    do {
        _ = try valueOrErrno("mkdir", path: name()) { mkdir(path, mode_t(mode)) }
    } catch {
        if existingIsFine && error.errno == .fileExists { return }
        throw error
    }
}

/// rename(2) with RENAME_NOREPLACE: never overwrites what is already at `to`.
public func system_renameNoReplace(_ from: [UInt8], _ to: [UInt8]) throws(SystemError) {
    _ = try withCPath(from) { source throws(SystemError) in
        try withCPath(to) { destination throws(SystemError) in
            try valueOrErrno("rename", path: describePath(from) + " → " + describePath(to)) {
                CLinuxSupport_renameNoReplace(source, destination)
            }
        }
    }
}

/// unlink(2).
public func system_unlink(_ path: String) throws(SystemError) {
    _ = try valueOrErrno("unlink", path: path) { unlink(path) }
}

/// Removes a tree without following symlinks (for `trash purge`), depth first.
public func system_removeTree(_ path: [UInt8]) throws(SystemError) {
    let status = try system_stat(bytes: path, followSymlinks: false)
    if status.isDirectory {
        for entry in try system_listDirectory(bytes: path) {
            try system_removeTree(path + [0x2F] + entry.name)
        }
        _ = try withCPath(path) { pointer throws(SystemError) in try valueOrErrno("rmdir", path: describePath(path)) { rmdir(pointer) } }
    } else {
        _ = try withCPath(path) { pointer throws(SystemError) in try valueOrErrno("unlink", path: describePath(path)) { unlink(pointer) } }
    }
}
