/// `busybox APPLET ARGS…` runs APPLET as if it had been called by that name (BusyBox 1.36
/// `busybox --help`); `busybox --list` and friends run nothing.
enum BusyboxRule {
    static let rule = CommandRule(["busybox"], spec: Launch.spec, launches: true, aliased: false) { call in
        guard let applet = call.arguments.first, !applet.hasPrefix("-") else {
            return .harmless("busybox", "busybox runs no applet")
        }
        return Launch.inner(call, from: 1)
    }
}
