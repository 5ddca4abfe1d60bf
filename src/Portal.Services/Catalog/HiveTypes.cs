using System.Globalization;
using System.Text;
using Lakeport.Services.Common;

namespace Lakeport.Services.Catalog;

/// <summary>
/// Parses and normalizes Hive/Glue column types. Types end up in SQL the query engine runs, so anything outside the
/// grammar is refused here rather than quoted later.
/// </summary>
public static class HiveTypes
{
    private static readonly HashSet<string> Primitives = new(StringComparer.Ordinal)
    {
        "boolean", "tinyint", "smallint", "int", "integer", "bigint", "float", "double", "string", "binary",
        "date", "timestamp", "interval",
    };

    /// <summary>Lowercased, spaces between tokens removed, checked against the grammar; throws <see cref="InvalidInputException"/> otherwise.</summary>
    public static string Normalize(string? type, string column)
    {
        var text = (type ?? "").ToLowerInvariant();
        var parser = new Parser(text, column, type ?? "");
        var normalized = parser.ParseType();
        parser.ExpectEnd();
        return normalized;
    }

    /// <summary>Hive struct field names are lowercase identifiers; other characters become underscores.</summary>
    public static string FieldName(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var c in key.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }

    public static bool IsPrimitive(string normalizedType) =>
        Primitives.Contains(normalizedType) || normalizedType.StartsWith("decimal", StringComparison.Ordinal)
        || normalizedType.StartsWith("char(", StringComparison.Ordinal) || normalizedType.StartsWith("varchar(", StringComparison.Ordinal);

    private sealed class Parser(string text, string column, string original)
    {
        private int _position;

        public string ParseType()
        {
            var word = ReadWord();
            switch (word)
            {
                case "array":
                    Expect('<');
                    var element = ParseType();
                    Expect('>');
                    return $"array<{element}>";
                case "map":
                    Expect('<');
                    var key = ParseType();
                    Expect(',');
                    var value = ParseType();
                    Expect('>');
                    return $"map<{key},{value}>";
                case "struct":
                    return ParseStruct();
                case "decimal":
                    return TryParseArguments(2) is { } precision ? $"decimal({precision})" : "decimal";
                case "char" or "varchar":
                    return $"{word}({TryParseArguments(1) ?? throw Error($"{word} needs a length")})";
                default:
                    return Primitives.Contains(word) ? word : throw Error($"'{word}' is not a Hive type");
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

        private string ParseStruct()
        {
            Expect('<');
            var fields = new List<string>();
            do
            {
                var name = ReadFieldName();
                Expect(':');
                fields.Add($"{name}:{ParseType()}");
            }
            while (TryConsume(','));
            Expect('>');
            return $"struct<{string.Join(',', fields)}>";
        }

        private string? TryParseArguments(int max)
        {
            if (!TryConsume('('))
            {
                return null;
            }

            var numbers = new List<int>();
            do
            {
                SkipSpaces();
                var start = _position;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                if (start == _position || !int.TryParse(text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 65535)
                {
                    throw Error("expected a number");
                }

                numbers.Add(n);
            }
            while (numbers.Count < max && TryConsume(','));
            Expect(')');
            return string.Join(',', numbers);
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
            var builder = new StringBuilder();
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                builder.Append(text[_position++]);
            }

            return builder.Length == 0 ? throw Error("expected a struct field name") : builder.ToString();
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

        // Spaces may separate tokens ("decimal(10, 2)", "map<string, int>") but never split a name.
        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private InvalidInputException Error(string problem) =>
            new($"Column '{column}' has type '{original}', which is not valid: {problem} at position {_position + 1}.");
    }
}
