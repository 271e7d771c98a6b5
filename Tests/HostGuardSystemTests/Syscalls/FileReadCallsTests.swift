import Glibc
import HostGuardSystem
import Testing

/// The whole-file readers against what another user could plant where hostguard reads: each
/// hostile kind gives one clear error, and none blocks (each read runs on its own thread and must
/// answer within 5 s; a reader that opened a FIFO without O_NONBLOCK would wait for a writer
/// forever, and one that read a FIFO with a writer would wait for data).
@Suite("whole-file readers")
struct FileReadCallsTests {
    final class Directory {
        let path: String
        init() {
            var template = Array("/tmp/hostguard-read-XXXXXX".utf8CString)
            path = String(cString: mkdtemp(&template)!)
        }
        deinit { _ = system("rm -rf '\(path)'") }
    }

    /// The reader's outcome, as text for comparison: the bytes read, or the error's description.
    static func outcome(_ read: () throws(SystemError) -> [UInt8]) -> String {
        do {
            return "read " + String(decoding: try read(), as: UTF8.self)
        } catch {
            return error.description
        }
    }

    /// Runs `body` on a new thread; nil when it has not returned within `seconds` (it is then
    /// left blocked: the test has failed anyway).
    static func returnsWithin(_ seconds: Int32, _ body: @escaping @Sendable () -> String) -> String? {
        final class Job: @unchecked Sendable {
            let body: @Sendable () -> String
            let done: Int32
            var result: String?
            init(_ body: @escaping @Sendable () -> String, _ done: Int32) {
                self.body = body
                self.done = done
            }
        }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        let job = Job(body, fds[1])
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { argument in
            let job = Unmanaged<Job>.fromOpaque(argument!).takeUnretainedValue()
            job.result = job.body()
            var byte: UInt8 = 1
            _ = write(job.done, &byte, 1)
            return nil
        }, Unmanaged.passRetained(job).toOpaque())
        guard started == 0 else { return nil }
        pthread_detach(thread)
        var ready = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, seconds * 1000) == 1 else { return nil }
        close(fds[0])
        close(fds[1])
        return job.result
    }

    @Test("a regular file is read whole, or up to the limit; a symlink to it is followed unless told not to")
    func regularFile() throws {
        let directory = Directory()
        let path = directory.path + "/file"
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        _ = write(fd, "0123456789", 10)
        close(fd)
        #expect(Self.outcome { () throws(SystemError) in try system_readFile(path) } == "read 0123456789")
        #expect(Self.outcome { () throws(SystemError) in try system_readFile(path, limit: 4) } == "read 0123")
        #expect(Self.outcome { () throws(SystemError) in try system_readFile(path, limit: 0) } == "read ")
        #expect(symlink(path, directory.path + "/link") == 0)
        #expect(Self.outcome { () throws(SystemError) in try system_readFile(directory.path + "/link") } == "read 0123456789")
        #expect(Self.outcome { () throws(SystemError) in try system_readFile(directory.path + "/link", followSymlinks: false) }
            == "open \(directory.path)/link: is a symbolic link (not followed)")
        var buffer = [UInt8](repeating: 0, count: 4)
        #expect(try system_readFile(path, into: &buffer) == 4)
        #expect(buffer == Array("0123".utf8))
    }

    @Test("a FIFO, with or without a writer, is refused before any read and never blocks")
    func fifo() throws {
        let directory = Directory()
        let path = directory.path + "/fifo"
        #expect(mkfifo(path, 0o644) == 0)
        let expected = "read \(path): not a regular file (FIFO)"
        #expect(Self.returnsWithin(5) { Self.outcome { () throws(SystemError) in try system_readFile(path) } } == expected)
        #expect(Self.returnsWithin(5) { Self.outcome { () throws(SystemError) in try system_readProcFile(path) } } == expected)
        // A writer that never writes: a reader that got past the open would now wait for data.
        let writer = open(path, O_RDWR | O_NONBLOCK)
        defer { close(writer) }
        #expect(writer >= 0)
        #expect(Self.returnsWithin(5) { Self.outcome { () throws(SystemError) in try system_readFile(path) } } == expected)
        #expect(Self.returnsWithin(5) { Self.outcome { () throws(SystemError) in try system_readText(path).utf8.map { $0 } } } == expected)
    }

    @Test("a character device (/dev/null, /dev/zero) is refused: a device could feed a reader forever")
    func characterDevice() {
        for path in ["/dev/null", "/dev/zero"] {
            #expect(Self.returnsWithin(5) { Self.outcome { () throws(SystemError) in try system_readFile(path) } }
                == "read \(path): not a regular file (character device)")
        }
    }

    @Test("a directory is refused with EISDIR and says so")
    func directory() {
        let directory = Directory()
        do {
            _ = try system_readFile(directory.path)
            Issue.record("a directory was read")
        } catch {
            #expect(error.errno == .isDirectory)
            #expect(error.description == "read \(directory.path): not a regular file (directory)")
        }
    }

    @Test("a file that vanished is 'not found', which callers treat as absent")
    func vanished() {
        let directory = Directory()
        let path = directory.path + "/gone"
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        close(fd)
        unlink(path)
        do {
            _ = try system_readFile(path)
            Issue.record("a vanished file was read")
        } catch {
            #expect(error.isNotFound)
            #expect(error.description == "open \(path): No such file or directory")
        }
    }

    @Test("/proc files are regular files of size 0: the proc reader reads them to the end")
    func procFile() throws {
        let status = try system_stat("/proc/self/cmdline")
        #expect(status.isRegularFile)
        #expect(status.size == 0)
        let arguments = try system_readProcFile("/proc/self/cmdline")
        #expect(!arguments.isEmpty)
        #expect(arguments.last == 0)
        // The general reader accepts them too (they pass the same regular-file check).
        #expect(try system_readFile("/proc/self/cmdline") == arguments)
        // mountinfo is larger than the first buffer: the reader grows it.
        let mountInfo = try system_readProcFile("/proc/self/mountinfo")
        #expect(mountInfo.last == 0x0A)
    }

    @Test("size is st_size, allocatedBytes st_blocks × 512: a 10-byte file is 10 bytes long")
    func sizeAndAllocation() throws {
        let directory = Directory()
        let path = directory.path + "/ten"
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        _ = write(fd, "0123456789", 10)
        fsync(fd)
        close(fd)
        let status = try system_stat(path)
        #expect(status.size == 10)
        #expect(try system_stat(bytes: Array(path.utf8), followSymlinks: false).size == 10)
        var info = stat()
        stat(path, &info)
        #expect(status.allocatedBytes == Int64(info.st_blocks) * 512)
    }
}
