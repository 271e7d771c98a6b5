/// `chroot [--userspec=U:G] [--groups=G] [--skip-chdir] NEWROOT [CMD …]`: CMD's absolute paths
/// are under NEWROOT. Options: chroot(8), coreutils 9.1. Without CMD it runs an interactive shell.
enum ChrootRule {
    static let wrapper = CommandWrapper(name: "chroot", longWithArgument: ["userspec", "groups"],
                                        longFlags: ["skip-chdir", "help", "version"], leadingOperands: 1)

    static let rule = CommandRule(["chroot"], spec: Launch.spec, launches: true, aliased: false) { call in
        let scan = wrapper.scan(Launch.argv(call))
        guard let start = scan.index, let newRoot = scan.leading.first else { return Launch.none(call, scan, "chroot runs a shell") }
        var context = call.context
        var root = newRoot
        if !root.hasPrefix("/") { root = (context.directory ?? ".") + "/" + root }
        if let outer = context.root { root = outer + (root.hasPrefix("/") ? "" : "/") + root }
        context.root = root
        // Relative paths resolve against the new root (chroot changes directory to / first,
        // unless --skip-chdir).
        if !scan.has("skip-chdir") { context.directory = "/" }
        var inner = Launch.inner(call, from: start, context: context)
        inner.problems = scan.problems + inner.problems
        return inner
    }
}
