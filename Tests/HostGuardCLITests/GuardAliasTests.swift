import Foundation
import Testing

@Suite("guard aliases from the shell integration")
struct GuardAliasTests {
    @Test("interactive bash gets the aliases and they go through the guard; scripts never do")
    func bashAliases() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "production")
        // A directory: on production a lone file in a temp directory runs (the friction budget).
        _ = try directory.write("victim/f", "keep")
        let victim = directory.path + "/victim"
        // Aliases apply from the next line bash reads, as in a real session.
        let setup = "__hostguard_bin=\(HostGuardBinary.path); eval \"$(\"$__hostguard_bin\" aliases bash)\"\n"
        let interactive = try runProcess("/usr/bin/setsid", ["-w", "/bin/bash", "--norc", "--noprofile", "-i", "-c",
                                                             setup + "alias rm; rm -r \(victim); echo \"status=$?\""],
                                         environment: ["HOSTGUARD_CONFIG": config])
        #expect(interactive.stdout.contains("alias rm='__hostguard_guard rm'"), "\(interactive.stdout)\(interactive.stderr)")
        #expect(interactive.stdout.contains("status=100"))
        #expect(interactive.stderr.contains("guard: refused"))
        #expect(GuardTest.exists(victim))
        // A script: no aliases, rm is rm.
        let script = try runProcess("/bin/bash", ["--norc", "--noprofile", "-c", setup + "type -t rm"], environment: ["HOSTGUARD_CONFIG": config])
        #expect(script.stdout == "file\n")
        // The binary gone: the wrapper runs the command itself.
        let broken = try runProcess("/usr/bin/setsid", ["-w", "/bin/bash", "--norc", "--noprofile", "-i", "-c",
                                                        setup + "__hostguard_bin=/nonexistent\nrm -r \(victim); echo \"status=$?\""],
                                    environment: ["HOSTGUARD_CONFIG": config])
        #expect(broken.stdout.contains("status=0"))
        #expect(!GuardTest.exists(victim))
    }

    @Test("zsh and fish accept the alias code; [guard] aliases = false prints nothing")
    func otherShellsAndOptOut() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "production")
        let zsh = try runProcess("/usr/bin/setsid", ["-w", "/usr/bin/zsh", "-f", "-i", "-c",
                                                     "__hostguard_bin=\(HostGuardBinary.path); eval \"$(\"$__hostguard_bin\" aliases zsh)\"; alias rm"],
                                 environment: ["HOSTGUARD_CONFIG": config])
        #expect(zsh.stdout.contains("rm='__hostguard_guard rm'"), "\(zsh.stdout)\(zsh.stderr)")
        let fishCode = try runHostGuard(["aliases", "fish"], environment: ["HOSTGUARD_CONFIG": config]).stdout
        let fishFile = try directory.write("aliases.fish", fishCode)
        let fish = try runProcess("/usr/bin/fish", ["--no-execute", fishFile])
        #expect(fish.status == 0, "\(fish.stderr)")
        #expect(fishCode.contains("function rm --wraps rm"))
        let off = try directory.write("off.toml", "[host]\nenvironment = \"production\"\n[guard]\naliases = false\n")
        let none = try runHostGuard(["aliases", "bash"], environment: ["HOSTGUARD_CONFIG": off])
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)
    }
}
