import Foundation
import PgQueryProto
import SwiftProtobuf

extension SwiftProtobuf.Message {
    /// Every message of type `T` anywhere below this one, depth first. Uses swift-protobuf's generic
    /// traversal, so no code has to know the shape of the 250 node types in between.
    public func descendants<T: SwiftProtobuf.Message>(_ type: T.Type) -> [T] {
        var collector = Collector<T>()
        try? traverse(visitor: &collector)
        return collector.found
    }
}

extension PgQuery_Node {
    /// Names of the columns an expression refers to (`a`, `t.a` → `a`), distinct, in order of appearance.
    public var referencedColumns: [String] {
        var seen = Set<String>()
        return descendants(PgQuery_ColumnRef.self).compactMap { ref in
            ref.fields.last?.stringValue
        }.filter { seen.insert($0).inserted }
    }
}

private struct Collector<T: SwiftProtobuf.Message>: SwiftProtobuf.Visitor {
    var found: [T] = []

    mutating func visitSingularMessageField<M: SwiftProtobuf.Message>(value: M, fieldNumber: Int) throws {
        if let match = value as? T { found.append(match) }
        try value.traverse(visitor: &self)
    }

    mutating func visitRepeatedMessageField<M: SwiftProtobuf.Message>(value: [M], fieldNumber: Int) throws {
        for item in value { try visitSingularMessageField(value: item, fieldNumber: fieldNumber) }
    }

    // Scalars carry no nodes.
    mutating func visitSingularDoubleField(value: Double, fieldNumber: Int) throws {}
    mutating func visitSingularInt64Field(value: Int64, fieldNumber: Int) throws {}
    mutating func visitSingularUInt64Field(value: UInt64, fieldNumber: Int) throws {}
    mutating func visitSingularBoolField(value: Bool, fieldNumber: Int) throws {}
    mutating func visitSingularStringField(value: String, fieldNumber: Int) throws {}
    mutating func visitSingularBytesField(value: Data, fieldNumber: Int) throws {}
    mutating func visitSingularEnumField<E: SwiftProtobuf.Enum>(value: E, fieldNumber: Int) throws {}
    mutating func visitUnknown(bytes: Data) throws {}
    mutating func visitMapField<K, V: MapValueType>(
        fieldType: _ProtobufMap<K, V>.Type, value: _ProtobufMap<K, V>.BaseType, fieldNumber: Int) throws {}
    mutating func visitMapField<K, V>(
        fieldType: _ProtobufEnumMap<K, V>.Type, value: _ProtobufEnumMap<K, V>.BaseType, fieldNumber: Int
    ) throws where V.RawValue == Int {}
    mutating func visitMapField<K, V>(
        fieldType: _ProtobufMessageMap<K, V>.Type, value: _ProtobufMessageMap<K, V>.BaseType, fieldNumber: Int) throws {}
}
