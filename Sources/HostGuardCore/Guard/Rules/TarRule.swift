/// `tar --remove-files` deletes what it archived: the operands (recursively) or the names from
/// `-T FILE`. Other tar runs only read or add files; extraction over existing files is left to
/// the operator (as a plain cp is). GNU tar 1.34 option list (`tar --help`): only the options
/// that take an argument matter for finding the operands; the old-style first word (`tar czf`)
/// is read as its letters.
enum TarRule {
    typealias O = OptionSpec.Option

    static let spec = OptionSpec(
        "fCTXbgKLNVHIF".map { O(String($0), short: String($0), argument: .required) }
        + "AcdtruxzjJZavkUmOpPSWlhiBMRsGwoyq".map { O(String($0), short: String($0)) }
        + ["file", "directory", "files-from", "exclude-from", "blocking-factor", "listed-incremental", "starting-file",
           "tape-length", "newer", "after-date", "newer-mtime", "label", "format", "use-compress-program", "info-script",
           "new-volume-script", "exclude", "transform", "xform", "owner", "group", "mode", "mtime", "sort", "strip-components",
           "to-command", "checkpoint-action", "record-size", "index-file", "volno-file", "rsh-command", "rmt-command",
           "backup", "suffix", "exclude-tag", "exclude-tag-all", "exclude-tag-under", "hole-detection", "occurrence",
           "quoting-style", "quote-chars", "no-quote-chars", "pax-option", "level", "owner-map", "group-map", "atime-preserve",
           "checkpoint", "warning", "xattrs-include", "xattrs-exclude", "clamp-mtime", "one-top-level"].map { O($0, long: [$0], argument: .required) }
        + ["remove-files", "create", "extract", "get", "list", "append", "update", "diff", "compare", "delete", "gzip",
           "gunzip", "bzip2", "xz", "zstd", "lzma", "lzip", "lzop", "verbose", "keep-old-files", "skip-old-files",
           "overwrite", "overwrite-dir", "unlink-first", "recursive-unlink", "preserve-permissions", "same-permissions",
           "same-owner", "no-same-owner", "numeric-owner", "absolute-names", "dereference", "hard-dereference", "sparse",
           "totals", "auto-compress", "ignore-failed-read", "no-recursion", "recursion", "one-file-system", "wildcards",
           "no-wildcards", "anchored", "no-anchored", "exclude-vcs", "exclude-vcs-ignores", "exclude-caches", "null",
           "verify", "xattrs", "no-xattrs", "acls", "no-acls", "selinux", "no-selinux", "show-transformed-names",
           "full-time", "utc", "touch", "multi-volume", "ignore-zeros", "read-full-records", "seek", "no-seek",
           "keep-newer-files", "keep-directory-symlink", "no-overwrite-dir", "to-stdout", "interactive", "confirmation",
           "show-defaults", "help", "version", "usage", "check-links", "force-local", "delay-directory-restore",
           "no-delay-directory-restore", "posix", "old-archive", "portability", "ignore-case", "no-ignore-case",
           "no-null", "no-unquote", "unquote", "add-file", "block-number", "show-omitted-dirs", "restrict",
           "check-device", "no-check-device", "incremental", "preserve-order", "same-order", "no-same-permissions",
           "exclude-backups", "test-label", "no-auto-compress", "atime-preserve", "sparse-version", "verbatim-files-from",
           "no-verbatim-files-from"].map { O($0, long: [$0]) }
    )

    static let rule = CommandRule(["tar"], spec: OptionSpec([])) { call in
        // The cheap test first: no --remove-files (or an abbreviation of it), nothing deleted.
        guard call.arguments.contains(where: { $0.count >= 6 && "--remove-files".hasPrefix($0) }) else {
            return call.assessment(nil, "does not remove files")
        }
        var arguments = call.arguments
        // `tar czf out.tgz dir`: a first word without a dash is a bundle of letters.
        if let first = arguments.first, !first.hasPrefix("-") { arguments[0] = "-" + first }
        let parsed = GNUOptionParser.parse(arguments, spec: spec)
        var result = CommandAssessment(command: "tar", harm: .delete, summary: "archive, then delete the originals (--remove-files)")
        result.problems = parsed.problems
        let directory = parsed.last("C") ?? parsed.last("directory")
        result.paths = parsed.operands.map { PathOperand(call.arguments[$0], at: directory == nil ? ArgumentRef(word: $0) : nil, harm: .delete, recursive: true) }
        if let directory {
            result.paths = result.paths.map { path in
                var moved = path
                if !path.text.hasPrefix("/") { moved.text = directory + "/" + path.text }
                return moved
            }
        }
        for list in parsed.values("T") + parsed.values("files-from") {
            result.unknownTargets.append(UnknownTarget("names read from \(list) (tar -T)", harm: .delete, recursive: true))
        }
        return result
    }
}
