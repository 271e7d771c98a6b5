import Foundation
import Testing

@Suite("guard reads through sudo and friends (the built binary)")
struct GuardWrapperCLITests {
    @Test("`sudo rm -rf` of a denied path is refused and the path stays; the wrapper's options are not rm's")
    func sudoRmRefused() throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("hg.toml", """
            [host]
            environment = "development"
            [[protect]]
            path = "\(directory.path)/data"
            level = "deny"
            """)
        try FileManager.default.createDirectory(atPath: directory.path + "/data/keep", withIntermediateDirectories: true)
        for argv in [["sudo", "-u", "root", "rm", "-rf", "./data"], ["sudo", "env", "A=1", "nice", "-n", "5", "rm", "-rf", "data/"]] {
            let result = try runProcess(
                HostGuardBinary.path, ["guard", "--"] + argv,
                environment: ["HOSTGUARD_CONFIG": config, "HOME": directory.path], currentDirectory: directory.path)
            #expect(result.status == 100, "\(argv): \(result.stderr)")
            #expect(result.stderr.contains("refused"), "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: directory.path + "/data/keep"))
        }
    }
}
