/// git on a server, where the work tree is often a deployed app or a config repository:
/// `clean -f` deletes untracked files (the pathspecs, or the whole work tree: "."),
/// `reset --hard`, `checkout -- PATHS`/`checkout -f`, `restore PATHS` throw away uncommitted
/// changes (`.overwrite` of the paths), `stash drop`/`clear`, `branch -D`, `push --force`/
/// `--mirror`/`--delete`/`+ref`/`:ref`, `reflog expire`, `gc --prune=now`, `filter-branch`
/// lose commits. Whether there are uncommitted changes or what the remote holds is not read
/// (the paths' facts are; the banner says what git would do). `-C DIR` before the verb moves
/// the work tree. Options: git(1) 2.39 and git-clean(1), git-reset(1), git-checkout(1),
/// git-restore(1), git-stash(1), git-branch(1), git-push(1).
enum GitRule {
    static let globalWithArgument: Set<String> = ["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path",
                                                  "--super-prefix", "--config-env", "--list-cmds"]

    static let rule = CommandRule(["git"], spec: OptionSpec([])) { call in
        let words = call.arguments
        var index = 0
        var context = call.context
        while index < words.count, words[index].hasPrefix("-") {
            let word = words[index]
            if word == "--version" || word == "--help" || word == "-h" { return call.assessment(nil, "prints help") }
            if word == "-C", index + 1 < words.count {
                let directory = words[index + 1]
                context.directory = directory.hasPrefix("/") || context.directory == nil ? directory : context.directory! + "/" + directory
            }
            if word.hasPrefix("--work-tree=") { context.directory = String(word.dropFirst(12)) }
            index += globalWithArgument.contains(word) ? 2 : 1
        }
        guard index < words.count else { return call.assessment(nil, "no command") }
        let verb = words[index]
        let rest = Array(words[(index + 1)...])
        let base = index + 1
        let dashdash = rest.firstIndex(of: "--")
        let options = rest[..<(dashdash ?? rest.count)].filter { $0.hasPrefix("-") && $0 != "-" }
        let operands = rest.enumerated().filter { position, word in
            (dashdash.map { position > $0 } ?? false) || (!word.hasPrefix("-") && (dashdash.map { position < $0 } ?? true))
        }.map { ($0.element, ArgumentRef(word: $0.offset + base)) }
        let afterDashdash = dashdash.map { cut in operands.filter { $0.1.word - base > cut } } ?? []
        func has(_ long: String, _ short: Character? = nil) -> Bool {
            options.contains { $0 == long || $0.hasPrefix(long + "=") || (short != nil && !$0.hasPrefix("--") && $0.contains(short!)) }
        }
        func workTree(_ harm: Harm, _ summary: String, _ paths: [(String, ArgumentRef)]) -> CommandAssessment {
            var result = CommandAssessment(command: "git", harm: harm, summary: "git \(verb): \(summary)")
            let spelled = paths.isEmpty ? [(".", nil as ArgumentRef?)] : paths.map { ($0.0, Optional($0.1)) }
            result.paths = spelled.map { PathOperand($0.0, at: $0.1, harm: harm, recursive: true) }
            if context.directory != call.context.directory {
                // Only the -C move here; the launchers' part is folded by CommandRules after.
                var moved = CommandContext()
                moved.directory = context.directory
                CommandRules.fold(&result, context: moved)
            }
            return result
        }
        func named(_ harm: Harm, _ summary: String, _ name: String) -> CommandAssessment {
            var result = CommandAssessment(command: "git", harm: harm, summary: "git \(verb): \(summary)")
            result.names = [NamedOperand(kind: "git", name: name, harm: harm)]
            return result
        }
        switch verb {
        case "clean":
            if has("--dry-run", "n") || !(has("--force", "f")) { return call.assessment(nil, "git clean without -f (or -n) deletes nothing") }
            return workTree(.delete, has("-x") || has("-X") ? "deletes untracked and ignored files" : "deletes untracked files",
                            operands.filter { $0.0 != "." } + (operands.contains { $0.0 == "." } ? [(".", operands.first { $0.0 == "." }!.1)] : []))
        case "reset":
            guard has("--hard") || has("--merge") || has("--keep") else { return call.assessment(nil, "moves HEAD or the index only") }
            return workTree(.overwrite, "discards uncommitted changes in the work tree", [])
        case "checkout":
            if !afterDashdash.isEmpty { return workTree(.overwrite, "discards uncommitted changes to the paths", afterDashdash) }
            if has("--force", "f") { return workTree(.overwrite, "switches and discards uncommitted changes", []) }
            if operands.count == 1, operands[0].0 == "." || operands[0].0.hasPrefix("./") || operands[0].0.hasPrefix("/") {
                return workTree(.overwrite, "discards uncommitted changes to the paths", operands)
            }
            if operands.count > 1 && !has("-b") && !has("-B") && !has("--orphan") {
                return workTree(.overwrite, "discards uncommitted changes to the paths", Array(operands.dropFirst()))
            }
            return call.assessment(nil, "switches branches (git refuses to lose changes)")
        case "restore":
            let staged = has("--staged", "S"), worktree = has("--worktree", "W")
            if staged && !worktree { return call.assessment(nil, "unstages only") }
            return workTree(.overwrite, "discards uncommitted changes to the paths", operands)
        case "rm":
            if has("--cached") || has("--dry-run", "n") { return call.assessment(nil, "removes from the index only") }
            var result = workTree(.delete, "deletes the files", operands)
            result.paths = result.paths.map { var path = $0; path.recursive = has("-r"); return path }
            return result
        case "stash":
            guard let sub = operands.first?.0, ["drop", "clear"].contains(sub) else { return call.assessment(nil, "stash") }
            return named(.destroy, sub == "clear" ? "deletes every stash" : "deletes a stash", "stash \(operands.dropFirst().first?.0 ?? "latest")")
        case "branch":
            guard has("-D") || (has("--delete", "d") && has("--force", "f")) else { return call.assessment(nil, "branch") }
            return named(.delete, "deletes branches even if unmerged", "branch " + operands.map(\.0).joined(separator: " "))
        case "push":
            let refs = operands.dropFirst().map(\.0)
            let forced = has("--force", "f") || has("--force-with-lease") || has("--mirror") || has("--delete", "d") || has("--prune")
                || refs.contains { $0.hasPrefix("+") || $0.hasPrefix(":") }
            guard forced else { return call.assessment(nil, "push (fast-forward only)") }
            let remote = operands.first?.0 ?? "(default remote)"
            return named(.destroy, "rewrites or deletes remote branches", "push \(options.joined(separator: " ")) to \(remote) \(refs.joined(separator: " "))")
        case "reflog":
            guard operands.first?.0 == "expire" || operands.first?.0 == "delete" else { return call.assessment(nil, "reflog") }
            return named(.destroy, "drops reflog entries (the way back to lost commits)", "reflog")
        case "gc", "prune":
            guard options.contains(where: { $0.hasPrefix("--prune=now") || $0 == "--prune=all" }) || verb == "prune" && !has("--dry-run", "n") else {
                return call.assessment(nil, "gc keeps recent unreachable objects")
            }
            return named(.destroy, "deletes unreachable objects now", "objects")
        case "filter-branch", "filter-repo":
            return named(.destroy, "rewrites history", "history")
        case "update-ref":
            guard has("-d") else { return call.assessment(nil, "update-ref") }
            return named(.destroy, "deletes a ref", operands.first?.0 ?? "?")
        default:
            return call.assessment(nil, "git \(verb)")
        }
    }
}
