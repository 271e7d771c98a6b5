import Testing
@testable import HostGuardCore

@Suite("/etc/hosts FQDN")
struct EtcHostsParserTests {
    @Test("the Debian installer's 127.0.1.1 line gives the FQDN")
    func debianLine() {
        let hosts = """
            127.0.0.1\tlocalhost
            127.0.1.1\tdb1.example.com\tdb1
            # 10.0.0.2 db1.wrong.example db1
            ::1 localhost ip6-localhost
            """
        #expect(EtcHostsParser.fqdn(forShortName: "db1", in: hosts[...]) == "db1.example.com")
        #expect(EtcHostsParser.fqdn(forShortName: "db2", in: hosts[...]) == nil)
    }

    @Test("a name that is only a prefix of another does not match")
    func prefixIsNotAMatch() {
        let hosts = "10.0.0.5 db10.example.com db10\n"
        #expect(EtcHostsParser.fqdn(forShortName: "db1", in: hosts[...]) == nil)
    }
}

@Suite("/etc/passwd user names")
struct PasswdFileTests {
    @Test("the name for a uid; comments, short lines and other uids skipped")
    func names() {
        let passwd = """
            # comment:x:0:0
            root:x:0:0:root:/root:/bin/bash
            broken:x
            alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
            """
        #expect(PasswdFile.userName(uid: 0, in: passwd[...]) == "root")
        #expect(PasswdFile.userName(uid: 1000, in: passwd[...]) == "alice")
        #expect(PasswdFile.userName(uid: 1001, in: passwd[...]) == nil)
    }
}
