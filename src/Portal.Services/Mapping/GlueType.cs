using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Lakeport.Services.Mapping;

/// <summary>
/// A parsed Glue/Hive type, as a tree, so mappings can walk nested source paths and compare casts. Glue's own aliases
/// (<c>long</c>, <c>short</c>, <c>byte</c>, <c>integer</c>) read as their Hive names, so a Glue script and the
/// catalog agree on what <c>long</c> means.
/// </summary>
public sealed record GlueType(string Name, int? Precision = null, int? Scale = null, GlueType? Element = null, GlueType? Key = null,
    IReadOnlyList<KeyValuePair<string, GlueType>>? Fields = null)
{
    public const int MaxDecimalPrecision = 38;
    public const int MaxVarcharLength = 65535;
    public const int MaxCharLength = 255;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["integer"] = "int", ["long"] = "bigint", ["short"] = "smallint", ["byte"] = "tinyint",
    };

    private static readonly HashSet<string> Primitives = new(StringComparer.Ordinal)
    {
        "boolean", "tinyint", "smallint", "int", "bigint", "float", "double", "string", "binary", "date", "timestamp",
    };

    public bool IsComplex => Name is "array" or "map" or "struct";

    public bool IsInteger => Name is "tinyint" or "smallint" or "int" or "bigint";

    public bool IsText => Name is "string" or "varchar" or "char";

    /// <summary>Bits of an integer type, to tell a narrowing cast from a widening one.</summary>
    public int IntegerRank => Name switch { "tinyint" => 1, "smallint" => 2, "int" => 3, "bigint" => 4, _ => 0 };

    public override string ToString() => Name switch
    {
        "decimal" => $"decimal({Precision},{Scale})",
        "varchar" or "char" => $"{Name}({Precision})",
        "array" => $"array<{Element}>",
        "map" => $"map<{Key},{Element}>",
        "struct" => $"struct<{string.Join(',', Fields!.Select(f => $"{f.Key}:{f.Value}"))}>",
        _ => Name,
    };

    /// <summary>Types are equal when they spell the same (the lists inside would otherwise compare by reference).</summary>
    public bool Equals(GlueType? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>The named struct field, compared case-insensitively as Hive does.</summary>
    public GlueType? Field(string name) =>
        Fields?.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out GlueType? type, [NotNullWhen(false)] out string? error)
    {
        var parser = new Parser(text ?? "");
        try
        {
            type = parser.ParseType();
            parser.ExpectEnd();
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            type = null;
            error = ex.Message;
            return false;
        }
    }

    private sealed class Parser(string text)
    {
        private int _position;

        public GlueType ParseType()
        {
            var word = ReadWord().ToLowerInvariant();
            word = Aliases.GetValueOrDefault(word, word);
            switch (word)
            {
                case "array":
                    Expect('<');
                    var element = ParseType();
                    Expect('>');
                    return new GlueType("array", Element: element);
                case "map":
                    Expect('<');
                    var key = ParseType();
                    if (key.IsComplex)
                    {
                        throw Error("a map key must be a primitive type");
                    }

                    Expect(',');
                    var value = ParseType();
                    Expect('>');
                    return new GlueType("map", Key: key, Element: value);
                case "struct":
                    return ParseStruct();
                case "decimal":
                    return ParseDecimal();
                case "varchar" or "char":
                    return ParseLength(word);
                default:
                    return Primitives.Contains(word) ? new GlueType(word) : throw Error($"'{word}' is not a Glue type");
            }
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_position != text.Length)
            {
                throw Error($"unexpected '{text[_position..]}'");
            }
        }

        private GlueType ParseDecimal()
        {
            if (!TryConsume('('))
            {
                // Hive's bare decimal is decimal(10,0).
                return new GlueType("decimal", 10, 0);
            }

            var precision = ReadNumber();
            var scale = TryConsume(',') ? ReadNumber() : 0;
            Expect(')');
            if (precision is < 1 or > MaxDecimalPrecision)
            {
                throw Error($"decimal precision must be 1–{MaxDecimalPrecision}, not {precision}");
            }

            return scale > precision ? throw Error($"decimal scale {scale} is larger than its precision {precision}") : new GlueType("decimal", precision, scale);
        }

        private GlueType ParseLength(string word)
        {
            Expect('(');
            var length = ReadNumber();
            Expect(')');
            var max = word == "char" ? MaxCharLength : MaxVarcharLength;
            return length is < 1 || length > max ? throw Error($"{word} length must be 1–{max}, not {length}") : new GlueType(word, length);
        }

        private GlueType ParseStruct()
        {
            Expect('<');
            var fields = new List<KeyValuePair<string, GlueType>>();
            do
            {
                // Hive field names are case-insensitive; one spelling keeps equal types equal.
                var name = ReadFieldName().ToLowerInvariant();
                if (fields.Any(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw Error($"struct field '{name}' appears twice");
                }

                Expect(':');
                fields.Add(new(name, ParseType()));
            }
            while (TryConsume(','));
            Expect('>');
            return new GlueType("struct", Fields: fields);
        }

        private int ReadNumber()
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }

            return start == _position || !int.TryParse(text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? throw Error("expected a number")
                : n;
        }

        private string ReadWord()
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && char.IsAsciiLetter(text[_position]))
            {
                _position++;
            }

            return start == _position ? throw Error("expected a type") : text[start.._position];
        }

        private string ReadFieldName()
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            return start == _position ? throw Error("expected a struct field name") : text[start.._position];
        }

        private void Expect(char c)
        {
            if (!TryConsume(c))
            {
                throw Error($"expected '{c}'");
            }
        }

        private bool TryConsume(char c)
        {
            SkipSpaces();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private FormatException Error(string problem) => new($"{problem} at position {_position + 1}");
    }
}
