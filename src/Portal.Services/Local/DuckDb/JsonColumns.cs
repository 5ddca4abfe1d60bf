using System.Diagnostics.CodeAnalysis;
using System.Text;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>
/// Reads a JSON table's columns as Hive's JSON SerDe does: a key matches its catalog name (kept lowercase by the
/// crawler, as by Glue) whatever its case, at the top level and in structs, also inside arrays. DuckDB matches keys
/// exactly, so the key spellings met in a sample (<see cref="JsonKeys"/>) are read under their own names and given
/// the catalog's. A key whose spelling the sample never met is read under its catalog name.
/// <para>
/// When one column is met under several spellings (<c>userId</c> in one file, <c>UserID</c> in another), the first
/// one met that a record has wins: <c>coalesce</c> over the spellings in the order met. Keys that differ only by case
/// in the same object therefore give the value of the spelling met first (usually the object's first of them).
/// </para>
/// </summary>
public sealed class JsonColumns
{
    private readonly IReadOnlyList<CatalogColumn> _columns;
    private readonly JsonKeys _keys;

    public JsonColumns(IReadOnlyList<CatalogColumn> columns, JsonKeys? keys)
    {
        _columns = columns;
        _keys = keys ?? new JsonKeys();
        // read_json takes each key once and DuckDB names are case-insensitive, so two spellings of one column cannot
        // both be read by name: then every record is read whole and each key extracted from it.
        ByName = columns.All(c => _keys.Spellings(c.Name).Count <= 1);
    }

    /// <summary>True when read_json reads every column by (its one) key; false when records are read whole.</summary>
    public bool ByName { get; }

    /// <summary>The reader over the files: read_json with one JSON column per key, or read_json_objects (whole records).</summary>
    public string Reader(string paths, string common, bool ignoreErrors)
    {
        var options = $"{common}, format = 'newline_delimited', ignore_errors = {DuckDbSql.Literal(ignoreErrors)}";
        return ByName
            ? $"read_json({paths}, {options}, columns = {DuckDbSql.Struct(_columns.Select(c => KeyValuePair.Create(KeyOf(c), "JSON")))})"
            : $"read_json_objects({paths}, {options})";
    }

    /// <summary>Column <paramref name="index"/>, from the reader aliased <c>r</c>, in the catalog's type.</summary>
    public string Expression(int index)
    {
        var column = _columns[index];
        var value = ByName
            ? $"r.{DuckDbSql.Identifier(KeyOf(column))}"
            // Reads the record once per spelling: slower, and only where the files spell a column in several ways.
            : Coalesce(Names(_keys, column.Name).Select(key => $"json_extract(r.\"json\", {DuckDbSql.JsonKey(key)})"));
        return Convert(value, ByName, column.Type, column.Name, _keys.Under(column.Name), 0);
    }

    private string KeyOf(CatalogColumn column) => Names(_keys, column.Name)[0];

    private static IReadOnlyList<string> Names(JsonKeys? keys, string name) =>
        keys?.Spellings(name) is { Count: > 0 } spellings ? spellings : [name];

    /// <summary>
    /// A JSON value in the Hive type. Types whose keys are all spelled as the catalog says are cast whole (DuckDB maps
    /// objects onto structs by key); others are rebuilt: structs field by field, arrays element by element.
    /// </summary>
    private static string Convert(string value, bool simple, string hiveType, string column, JsonKeys? keys, int depth)
    {
        if (!NeedsRenaming(hiveType, keys))
        {
            return DuckDbTypes.IsNested(hiveType)
                ? $"TRY_CAST({value} AS {DuckDbTypes.FromHive(hiveType, column)})"
                // A JSON string "abc" cast to VARCHAR keeps its quotes; extracting it as text does not.
                : DuckDbTypes.FromText($"json_extract_string({value}, '$')", hiveType, column);
        }

        var variable = $"x{depth}";
        if (DuckDbTypes.ArrayElement(hiveType) is { } element)
        {
            // A value that is not an array is NULL, as TRY_CAST makes it for arrays read whole.
            return $"list_transform(TRY_CAST({value} AS JSON[]), lambda {variable}: {Convert(variable, true, element, column, keys.Element, depth + 1)})";
        }

        // The value is named once (a lambda over a one-element list) unless it is a plain reference already, so that
        // the fields do not each repeat its extraction.
        var subject = simple ? value : variable;
        var fields = DuckDbTypes.StructFields(hiveType) ?? throw new InvalidOperationException($"Only arrays and structs are rebuilt, not {hiveType}.");
        var pack = new StringBuilder("CASE WHEN json_type(").Append(subject).Append(") = 'OBJECT' THEN struct_pack(");
        pack.AppendJoin(", ", fields.Select(f =>
        {
            var field = Coalesce(Names(keys, f.Key).Select(key => $"json_extract({subject}, {DuckDbSql.JsonKey(key)})"));
            return $"{DuckDbSql.Identifier(f.Key)} := {Convert(field, false, f.Value, column, keys.Under(f.Key), depth + 1)}";
        }));
        pack.Append(") END");
        return simple ? pack.ToString() : $"list_transform([{value}], lambda {variable}: {pack})[1]";
    }

    /// <summary>Whether any key under this type is met in a spelling other than the catalog's.</summary>
    private static bool NeedsRenaming(string hiveType, [NotNullWhen(true)] JsonKeys? keys)
    {
        if (keys is null)
        {
            return false;
        }

        if (DuckDbTypes.ArrayElement(hiveType) is { } element)
        {
            return NeedsRenaming(element, keys.Element);
        }

        return DuckDbTypes.StructFields(hiveType) is { } fields
            && fields.Any(f => Names(keys, f.Key) is not [var only] || only != f.Key || NeedsRenaming(f.Value, keys.Under(f.Key)));
    }

    private static string Coalesce(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 1 ? list[0] : $"coalesce({string.Join(", ", list)})";
    }
}
