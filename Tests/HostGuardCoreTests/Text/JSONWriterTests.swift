import Testing
@testable import HostGuardCore

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("strings are escaped per RFC 8259")
    func escaping() {
        let value = JSONValue.object([("k", .string("q\"b\\n\n\u{1}\u{1B}é"))])
        #expect(value.serialized() == #"{"k":"q\"b\\n\n\u0001\u001bé"}"#)
    }

    @Test("null, numbers, booleans, nesting and key order")
    func shapes() {
        let value = JSONValue.object([("z", .null), ("a", .array([.integer(-3), .bool(true), .number(1.5)])), ("e", .object([]))])
        #expect(value.serialized() == #"{"z":null,"a":[-3,true,1.5],"e":{}}"#)
    }
}
