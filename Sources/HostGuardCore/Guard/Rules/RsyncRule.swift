/// Options: rsync(1) 3.2.7 --help.
enum RsyncRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["rsync"], spec: OptionSpec(
        "vqcarRbuUdlLkKHpEAXogDtOJNSnWxyzPhiCFm8s046I".map { O(String($0), short: String($0)) } + [
            O("rsh", short: "e", long: ["rsh"], argument: .required),
            O("filter", short: "f", long: ["filter"], argument: .required),
            O("block-size", short: "B", long: ["block-size"], argument: .required),
            O("temp-dir", short: "T", long: ["temp-dir"], argument: .required),
            O("remote-option", short: "M", long: ["remote-option"], argument: .required),
            O("modify-window", short: "@", long: ["modify-window"], argument: .required),
        ] + ["rsync-path", "exclude", "include", "exclude-from", "include-from", "files-from", "max-delete",
             "max-size", "min-size", "partial-dir", "compare-dest", "copy-dest", "link-dest", "suffix",
             "backup-dir", "chmod", "chown", "usermap", "groupmap", "timeout", "contimeout", "port",
             "log-file", "log-file-format", "out-format", "password-file", "bwlimit", "write-batch",
             "read-batch", "only-write-batch", "protocol", "iconv", "checksum-choice", "compress-choice",
             "compress-level", "skip-compress", "info", "debug", "stop-after", "stop-at", "outbuf",
             "sockopts", "address", "max-alloc", "copy-as", "checksum-seed", "mkpath-mode"].map {
            O($0, long: [$0], argument: .required)
        } + [O("delete-during", long: ["del"])]
          + ["delete", "delete-before", "delete-during", "delete-delay", "delete-after", "delete-excluded",
             "delete-missing-args", "remove-source-files"].map { O($0, long: [$0]) }
          + ["verbose", "quiet", "checksum", "archive", "recursive", "relative", "no-implied-dirs", "backup",
             "update", "inplace", "append", "append-verify", "dirs", "mkpath", "links", "copy-links",
             "copy-unsafe-links", "safe-links", "munge-links", "copy-dirlinks", "keep-dirlinks", "hard-links",
             "perms", "executability", "acls", "xattrs", "owner", "group", "devices", "specials", "times",
             "atimes", "open-noatime", "crtimes", "omit-dir-times", "omit-link-times", "super", "fake-super",
             "sparse", "preallocate", "dry-run", "whole-file", "one-file-system", "existing",
             "ignore-existing", "ignore-errors", "force", "partial", "delay-updates", "prune-empty-dirs",
             "numeric-ids", "ignore-times", "size-only", "fuzzy", "compress", "cvs-exclude", "from0",
             "protect-args", "secluded-args", "trust-sender", "blocking-io", "stats", "8-bit-output",
             "human-readable", "progress", "itemize-changes", "list-only", "ipv4", "ipv6", "no-motd",
             "progress", "help", "version", "devices-specials", "D", "old-args", "copy-devices",
             "write-devices", "no-o", "no-g", "no-p", "no-t", "no-perms", "no-owner", "no-group",
             "no-times", "no-recursive", "no-r", "no-whole-file", "no-W", "no-inc-recursive", "no-i-r",
             "ignore-missing-args", "force-delete", "daemon", "noatime", "no-D", "no-devices", "no-specials",
             "no-links", "no-l", "no-relative", "no-R", "no-implied-dirs", "no-compress", "no-z",
             "no-human-readable", "no-h", "no-motd", "checksum", "append-verify"].map { O($0, long: [$0]) }
    )) { call in
        let deletes = call.parsed.options.contains { $0.name.hasPrefix("delete") || $0.name == "remove-source-files" }
        if !deletes || call.parsed.has("n") || call.parsed.has("dry-run") {
            // Without --delete rsync only adds and updates files; that is cp's harm, left to the
            // operator's own judgement as for a plain cp.
            return call.assessment(nil, deletes ? "dry run" : "copies without deleting")
        }
        var result = call.assessment(.delete, "delete in destination (--delete)")
        let words = call.operandWords
        guard let destination = words.last, words.count >= 2 else { return result }
        if RsyncRule.isRemote(destination.0) {
            result.names.append(NamedOperand(kind: "remote path", name: destination.0, harm: .delete))
        } else {
            result.paths.append(PathOperand(destination.0, at: destination.1, harm: .delete, recursive: true, followsFinalSymlink: true))
        }
        if call.parsed.has("remove-source-files") {
            for source in words.dropLast() where !RsyncRule.isRemote(source.0) {
                result.paths.append(PathOperand(source.0, at: source.1, harm: .delete, recursive: true))
            }
        }
        return result
    }

    /// rsync's `host:path`, `user@host:path`, `rsync://…` (a colon before the first slash).
    static func isRemote(_ word: String) -> Bool {
        if word.hasPrefix("rsync://") { return true }
        guard let colon = word.firstIndex(of: ":") else { return false }
        return !word[..<colon].contains("/")
    }
}
