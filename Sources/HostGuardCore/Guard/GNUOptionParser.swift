/// Command-line syntax as GNU getopt_long reads it, so the guard sees the same operands the real
/// tool will: bundled short flags (`-rf`, `-Rfv`), a short option's argument attached or next
/// (`-n5`, `-n 5`), long options with `=` or a separate argument, unambiguous abbreviations of
/// long options (`--recu` ≡ `--recursive`), `--` ending options, a lone `-` as an operand, and
/// options after operands (GNU permutes argv unless POSIXLY_CORRECT is set or the spec says not to).
/// See glibc posix/getopt.c (`process_long_option`, `_getopt_internal_r`).
public struct OptionSpec: Sendable {
    public enum Argument: Sendable, Equatable {
        case none
        /// `-n 5`, `-n5`, `--lines=5`, `--lines 5`.
        case required
        /// Only attached: `--interactive=once`; a separate word is an operand (getopt's `::`).
        case optional
    }

    public struct Option: Sendable {
        /// The name rules ask about, whatever spelling was used: `recursive` for -r, -R, --recursive.
        public var name: String
        public var short: [Character]
        public var long: [String]
        public var argument: Argument

        public init(_ name: String, short: String = "", long: [String] = [], argument: Argument = .none) {
            self.name = name
            self.short = Array(short)
            self.long = long
            self.argument = argument
        }
    }

    public var options: [Option]
    /// Options stop at the first operand (getopt's leading `+`): systemctl-like verbs do not need
    /// this, but `find` and `env`-like wrappers do.
    public var stopAtFirstOperand: Bool
    /// Long options also accepted with one dash (`find`-style and `dd`-style tools do not use this).
    public init(_ options: [Option], stopAtFirstOperand: Bool = false) {
        self.options = options
        self.stopAtFirstOperand = stopAtFirstOperand
    }
}

/// What getopt made of an argument list: options by their rule name, operands by index (so the
/// caller can go back to the exact bytes), and anything it could not read.
public struct ParsedArguments: Sendable, Equatable {
    public struct Value: Sendable, Equatable {
        public var name: String
        public var value: String?
        /// Where the value's bytes are: word index and UTF-8 offset inside it (`--tar=DIR` → 6),
        /// so a path can be taken from the original argv bytes, not from a lossy String.
        public var at: ArgumentRef?
    }

    public var options: [Value] = []
    /// Indices into the argument list given to `parse`.
    public var operands: [Int] = []
    /// "unrecognized option '--frob'", "option '--re' is ambiguous" …: the real tool would stop
    /// here too, but the guard cannot be sure what it would do, so the rule's caller raises the level.
    public var problems: [String] = []

    public func has(_ name: String) -> Bool { options.contains { $0.name == name } }
    public func values(_ name: String) -> [String] { options.filter { $0.name == name }.compactMap(\.value) }
    public func last(_ name: String) -> String? { values(name).last }
}

/// A place in the argument list: word `word`, starting `offset` UTF-8 bytes in. The prefixes
/// skipped (`of=`, `--target-directory=`, `-t`) are ASCII, so the offset is the same in the
/// original bytes even when the rest of the word is not UTF-8.
public struct ArgumentRef: Sendable, Equatable, Hashable {
    public var word: Int
    public var offset: Int

    public init(word: Int, offset: Int = 0) {
        self.word = word
        self.offset = offset
    }
}

public enum GNUOptionParser {
    public static func parse(_ arguments: [String], spec: OptionSpec, posixlyCorrect: Bool = false) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                result.operands.append(index)
                if spec.stopAtFirstOperand || posixlyCorrect { optionsEnded = true }
                index += 1
                continue
            }
            if word == "--" {
                optionsEnded = true
                index += 1
                continue
            }
            if word.hasPrefix("--") {
                index = parseLong(arguments, at: index, spec: spec, into: &result)
            } else {
                index = parseShortBundle(arguments, at: index, spec: spec, into: &result)
            }
        }
        return result
    }

    /// `--name`, `--name=value`, `--name value`, or an unambiguous prefix of a long name.
    private static func parseLong(_ arguments: [String], at index: Int, spec: OptionSpec, into result: inout ParsedArguments) -> Int {
        let body = arguments[index].dropFirst(2)
        let namePart: Substring
        let attached: String?
        if let equals = body.firstIndex(of: "=") {
            namePart = body[..<equals]
            attached = String(body[body.index(after: equals)...])
        } else {
            namePart = body
            attached = nil
        }
        guard let option = findLong(String(namePart), spec: spec, problems: &result.problems) else { return index + 1 }
        let attachedRef = ArgumentRef(word: index, offset: 2 + namePart.utf8.count + 1)
        switch option.argument {
        case .none:
            if attached != nil {
                result.problems.append("option '--\(namePart)' doesn't allow an argument")
            }
            result.options.append(.init(name: option.name, value: nil, at: nil))
            return index + 1
        case .optional:
            result.options.append(.init(name: option.name, value: attached, at: attached.map { _ in attachedRef }))
            return index + 1
        case .required:
            if let attached {
                result.options.append(.init(name: option.name, value: attached, at: attachedRef))
                return index + 1
            }
            guard index + 1 < arguments.count else {
                result.problems.append("option '--\(namePart)' requires an argument")
                return index + 1
            }
            result.options.append(.init(name: option.name, value: arguments[index + 1], at: ArgumentRef(word: index + 1)))
            return index + 2
        }
    }

    /// Exact match first; otherwise the one option every matching prefix belongs to. Prefixes of
    /// two different options are ambiguous (getopt refuses them, and so does the real tool).
    private static func findLong(_ name: String, spec: OptionSpec, problems: inout [String]) -> OptionSpec.Option? {
        if let exact = spec.options.first(where: { $0.long.contains(name) }) { return exact }
        let matches = spec.options.filter { option in option.long.contains { $0.hasPrefix(name) } }
        let distinct = Set(matches.map(\.name))
        if distinct.count == 1, !name.isEmpty { return matches[0] }
        if distinct.isEmpty || name.isEmpty {
            problems.append("unrecognized option '--\(name)'")
        } else {
            problems.append("option '--\(name)' is ambiguous; possibilities: \(distinct.sorted().map { "'\($0)'" }.joined(separator: " "))")
        }
        return nil
    }

    /// `-rf`: each letter an option until one takes an argument, which is the rest of the word or
    /// the next word.
    private static func parseShortBundle(_ arguments: [String], at index: Int, spec: OptionSpec, into result: inout ParsedArguments) -> Int {
        let letters = Array(arguments[index].dropFirst())
        var position = 0
        while position < letters.count {
            let letter = letters[position]
            guard let option = spec.options.first(where: { $0.short.contains(letter) }) else {
                result.problems.append("invalid option -- '\(letter)'")
                position += 1
                continue
            }
            switch option.argument {
            case .none:
                result.options.append(.init(name: option.name, value: nil, at: nil))
                position += 1
            case .optional:
                let rest = String(letters[(position + 1)...])
                let ref = ArgumentRef(word: index, offset: 1 + String(letters[...position]).utf8.count)
                result.options.append(.init(name: option.name, value: rest.isEmpty ? nil : rest, at: rest.isEmpty ? nil : ref))
                return index + 1
            case .required:
                let rest = String(letters[(position + 1)...])
                if !rest.isEmpty {
                    let ref = ArgumentRef(word: index, offset: 1 + String(letters[...position]).utf8.count)
                    result.options.append(.init(name: option.name, value: rest, at: ref))
                    return index + 1
                }
                guard index + 1 < arguments.count else {
                    result.problems.append("option requires an argument -- '\(letter)'")
                    return index + 1
                }
                result.options.append(.init(name: option.name, value: arguments[index + 1], at: ArgumentRef(word: index + 1)))
                return index + 2
            }
        }
        return index + 1
    }
}
