using System.Text;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// DuckDB type names (as DESCRIBE prints them) in Athena's (Trino) spelling for result columns, and in Hive's for the
/// catalog columns of a CREATE TABLE AS.
/// </summary>
public static class ResultTypes
{
    public static string Athena(string duckDbType) => Convert(duckDbType, hive: false);

    public static string Hive(string duckDbType) => Convert(duckDbType, hive: true);

    /// <summary>
    /// The DESCRIBE spelling of a result column from DuckDB.NET's reader (<c>GetDataTypeName</c>: the DuckDB type's
    /// enum name), or null where that name is not the whole type (decimal's precision, nested types' members, units).
    /// </summary>
    public static string? FromReader(string readerType) => readerType switch
    {
        "Boolean" => "BOOLEAN",
        "TinyInt" => "TINYINT",
        "SmallInt" => "SMALLINT",
        "Integer" => "INTEGER",
        "BigInt" => "BIGINT",
        "HugeInt" => "HUGEINT",
        "UnsignedTinyInt" => "UTINYINT",
        "UnsignedSmallInt" => "USMALLINT",
        "UnsignedInteger" => "UINTEGER",
        "UnsignedBigInt" => "UBIGINT",
        "UnsignedHugeInt" => "UHUGEINT",
        "Float" => "FLOAT",
        "Double" => "DOUBLE",
        "Varchar" => "VARCHAR",
        "Blob" => "BLOB",
        "Date" => "DATE",
        "Time" => "TIME",
        "Timestamp" => "TIMESTAMP",
        "TimestampTz" => "TIMESTAMP WITH TIME ZONE",
        "Interval" => "INTERVAL",
        "Uuid" => "UUID",
        _ => null,
    };

    private static string Convert(string type, bool hive)
    {
        var position = 0;
        var result = Parse(type, ref position, hive);
        return result;
    }

    private static string Parse(string text, ref int position, bool hive)
    {
        SkipSpaces(text, ref position);
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or ' ')
               && !(text[position] == ' ' && !NextWordContinuesType(text, position)))
        {
            position++;
        }

        var word = text[start..position].Trim().ToUpperInvariant();
        string result;
        if (word is "STRUCT" or "MAP" or "UNION" && position < text.Length && text[position] == '(')
        {
            position++;
            if (word == "MAP")
            {
                var key = Parse(text, ref position, hive);
                Expect(text, ref position, ',');
                var value = Parse(text, ref position, hive);
                Expect(text, ref position, ')');
                result = hive ? $"map<{key},{value}>" : $"map({key}, {value})";
            }
            else
            {
                var fields = new List<string>();
                do
                {
                    var name = ReadFieldName(text, ref position);
                    var fieldType = Parse(text, ref position, hive);
                    fields.Add(hive ? $"{name}:{fieldType}" : $"{name} {fieldType}");
                }
                while (TryConsume(text, ref position, ','));
                Expect(text, ref position, ')');
                result = hive ? $"struct<{string.Join(',', fields)}>" : $"row({string.Join(", ", fields)})";
            }
        }
        else if (word == "DECIMAL" && position < text.Length && text[position] == '(')
        {
            var close = text.IndexOf(')', position);
            var arguments = text[(position + 1)..close].Replace(" ", "", StringComparison.Ordinal);
            position = close + 1;
            result = $"decimal({arguments})";
        }
        else
        {
            result = Primitive(word, hive);
        }

        // Lists (T[]) and fixed arrays (T[3]) are arrays.
        while (position < text.Length && text[position] == '[')
        {
            position = text.IndexOf(']', position) + 1;
            result = hive ? $"array<{result}>" : $"array({result})";
        }

        SkipSpaces(text, ref position);
        return result;
    }

    private static string Primitive(string word, bool hive) => word switch
    {
        "VARCHAR" or "UUID" or "ENUM" or "JSON" or "BIT" => hive ? "string" : "varchar",
        "BIGINT" or "UBIGINT" or "HUGEINT" or "UHUGEINT" or "UINTEGER" => "bigint",
        "INTEGER" or "USMALLINT" => hive ? "int" : "integer",
        "SMALLINT" or "UTINYINT" => "smallint",
        "TINYINT" => "tinyint",
        "DOUBLE" => "double",
        "FLOAT" or "REAL" => hive ? "float" : "real",
        "BOOLEAN" => "boolean",
        "DATE" => "date",
        "TIME" or "TIME WITH TIME ZONE" => hive ? "string" : "time",
        "INTERVAL" => hive ? "string" : "interval day to second",
        "BLOB" => hive ? "binary" : "varbinary",
        "TIMESTAMP WITH TIME ZONE" => hive ? "timestamp" : "timestamp with time zone",
        "NULL" or "\"NULL\"" => hive ? "string" : "unknown",
        _ when word.StartsWith("TIMESTAMP", StringComparison.Ordinal) => "timestamp",
        _ => hive ? "string" : "varchar",
    };

    private static bool NextWordContinuesType(string text, int space)
    {
        var rest = text[(space + 1)..];
        return rest.StartsWith("WITH", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("TIME", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("ZONE", StringComparison.OrdinalIgnoreCase);
    }

    private static string ReadFieldName(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        var builder = new StringBuilder();
        if (text[position] == '"')
        {
            position++;
            while (position < text.Length)
            {
                if (text[position] == '"' && (position + 1 >= text.Length || text[position + 1] != '"'))
                {
                    position++;
                    break;
                }

                position += text[position] == '"' ? 2 : 1;
                builder.Append(text[position - 1]);
            }
        }
        else
        {
            while (position < text.Length && text[position] != ' ')
            {
                builder.Append(text[position++]);
            }
        }

        SkipSpaces(text, ref position);
        return builder.ToString();
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }

    private static bool TryConsume(string text, ref int position, char c)
    {
        SkipSpaces(text, ref position);
        if (position < text.Length && text[position] == c)
        {
            position++;
            return true;
        }

        return false;
    }

    private static void Expect(string text, ref int position, char c)
    {
        if (!TryConsume(text, ref position, c))
        {
            throw new InvalidOperationException($"Expected '{c}' at {position + 1} in DuckDB type '{text}'.");
        }
    }
}
