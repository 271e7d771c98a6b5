/// `crontab -r` removes the user's crontab (no backup; `-i` only asks); `crontab FILE`/`crontab -`
/// replaces it; `-l` and `-e` (an editor on a copy) are ordinary. Options: crontab(1), cron 3.0pl1
/// (Debian) and cronie 1.6.
enum CrontabRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["crontab"], spec: OptionSpec([
        O("user", short: "u", argument: .required), O("remove", short: "r"), O("list", short: "l"), O("edit", short: "e"),
        O("interactive", short: "i"), O("n", short: "n", argument: .required), O("c", short: "c"), O("T", short: "T"),
        O("V", short: "V"), O("s", short: "s"),
    ])) { call in
        let user = call.parsed.last("user").map { " of \($0)" } ?? ""
        if call.parsed.has("remove") {
            var result = call.assessment(.destroy, "removes the crontab\(user)")
            result.names = [NamedOperand(kind: "crontab", name: "crontab\(user)", harm: .destroy)]
            return result
        }
        if call.parsed.has("list") || call.parsed.has("edit") || call.parsed.has("T") || call.parsed.has("V") || call.parsed.has("c") {
            return call.assessment(nil, "lists or edits the crontab")
        }
        guard let file = call.operand(0) else { return call.assessment(nil, "no crontab file") }
        var result = call.assessment(.overwrite, "replaces the crontab\(user) with \(file.0)")
        result.names = [NamedOperand(kind: "crontab", name: "crontab\(user)", harm: .overwrite)]
        return result
    }
}
