import Foundation
import Testing

@Suite("entry points")
struct EntryPointTests {
    @Test("guard under its second name dispatches to the guard and runs nothing it cannot check")
    func guardNameDispatches() throws {
        let directory = try TemporaryDirectory()
        let link = directory.path + "/guard"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: HostGuardBinary.path)
        // A tree on a host with no config (environment unknown, treated as production): a
        // recursive delete asks for the host name, and with no terminal that is a refusal. (A
        // single plain file there runs: the friction budget of issue 10.)
        let victim = try directory.write("tree/victim", "keep me")
        let result = try runProcess(link, ["rm", "-rf", directory.path + "/tree"])
        #expect(result.status == 100, "\(result.stderr)")
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

    @Test("a mistyped command gets one line with the nearest command, exit 64; guard's help names the host name")
    func didYouMean() throws {
        let typo = try runHostGuard(["stauts"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown command 'stauts'; did you mean 'status'?"), "\(typo.stderr)")
        #expect(typo.stderr.split(separator: "\n").count == 1, "\(typo.stderr)")
        let far = try runHostGuard(["xyzzy"])
        #expect(far.status == 64 && !far.stderr.contains("did you mean"), "\(far.stderr)")
        let help = try runHostGuard(["guard", "--help"])
        #expect(help.stdout.contains("--confirm <hostname>"), "\(help.stdout)")
    }

    @Test("--version names the version")
    func version() throws {
        let result = try runHostGuard(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("hostguard "))
    }
}
