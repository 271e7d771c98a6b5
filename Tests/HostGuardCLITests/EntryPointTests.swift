import Foundation
import Testing

@Suite("entry points")
struct EntryPointTests {
    @Test("guard under its second name dispatches to the guard and runs nothing it cannot check")
    func guardNameDispatches() throws {
        let directory = try TemporaryDirectory()
        let link = directory.path + "/guard"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: HostGuardBinary.path)
        // A recursive delete on production needs the host name typed; with no terminal it is
        // refused. (A plain file in /tmp on an unconfigured host is let through: issue 10's
        // friction budget.)
        let config = try GuardTest.config(directory, environment: "production")
        let victim = try directory.write("victim/file", "keep me")
        let result = try runProcess("/usr/bin/setsid", ["-w", link, "rm", "-rf", directory.path + "/victim"], environment: ["HOSTGUARD_CONFIG": config])
        #expect(result.status != 0)
        #expect(FileManager.default.fileExists(atPath: victim))
        #expect(result.stderr.contains("guard"))
    }

    @Test("an unknown flag is one usage error with exit 64, on every path")
    func unknownFlag() throws {
        for arguments in [["prompt", "--bogus"], ["status", "--bogus"], ["--bogus"]] {
            let result = try runHostGuard(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("--bogus"), "\(arguments)")
        }
    }

    @Test("--version names the version")
    func version() throws {
        let result = try runHostGuard(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("hostguard "))
    }
}
